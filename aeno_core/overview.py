"""HR's projects map (projectenmap): every project of one organisation, its status and the limit.

The HR officer files the real applications of several projects and keeps their deadlines. The
map holds, per project, the answers (from an export or a case file), HR's own status and a note,
and per scheme and year the limit the fund gave the organisation. Everything shown about a
project comes from the core's own `evaluate` (its estimate, findings and deadlines): the map adds
up and compares, it never computes a subsidy itself.

One call serves a page, the files and the command line: `summarise(project_map, today)`.
Pure Python: no Streamlit here.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from enum import StrEnum
from typing import Annotated, Any, Self

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from aeno_core import formatting as fmt
from aeno_core.answers import Answers, Outcome, evaluate
from aeno_core.calculation import CENT
from aeno_core.casefile import CaseFileError, parse_document, validated
from aeno_core.deadlines import Deadline
from aeno_core.estimate import Estimate, to_json
from aeno_core.export import Imported, where
from aeno_core.findings import Verdict
from aeno_core.models import Money, Phase, Scheme
from aeno_core.vocabulary import SCHEME_LABELS

FORMAT = "subsidiewijzer-projectenmap"
"""The `format` key of a saved map, so a file says what it is (an export says `-concept`)."""

FORMAT_VERSION = 1

ZERO = Decimal("0.00")

NEAR_LIMIT = Decimal("0.90")
"""From this share of a limit on, the map warns. Not a rule of the fund (it publishes no cap
table): the issue's "near the limit" is read as "within 10% of it", the same for every year."""

MAX_PROJECTS = 500
"""Far above any municipality's projects in a year; bounds the size of a stored map."""

ShortText = Annotated[str, Field(max_length=1000)]

KEY_PATTERN = r"^[0-9a-f]{16}(-[0-9]{1,4})?$"
"""`project_key`'s 16 hex digits, and a number for a second entry of the same project."""


class Stage(StrEnum):
    """HR's own status of a project, in the order a project goes through them."""

    CONCEPT = "concept"
    INGEDIEND = "ingediend"
    BESCHIKKING = "beschikking"
    DECLARATIE_INGEDIEND = "declaratie_ingediend"
    AFGEROND = "afgerond"
    AFGEWEZEN = "afgewezen"


STAGE_LABELS = {
    Stage.CONCEPT: "Concept",
    Stage.INGEDIEND: "Ingediend",
    Stage.BESCHIKKING: "Beschikking",
    Stage.DECLARATIE_INGEDIEND: "Declaratie ingediend",
    Stage.AFGEROND: "Afgerond",
    Stage.AFGEWEZEN: "Afgewezen",
}


_DONE_CODES: dict[Stage, frozenset[str] | None] = {
    Stage.CONCEPT: frozenset(),
    Stage.INGEDIEND: frozenset({"apply_by", "closing_date"}),
    Stage.BESCHIKKING: frozenset({"apply_by", "closing_date"}),
    Stage.DECLARATIE_INGEDIEND: frozenset(
        {"apply_by", "closing_date", "interim_report", "declaration_by"}
    ),
    Stage.AFGEROND: None,
    Stage.AFGEWEZEN: None,
}
"""Deadlines a stage has put behind the project (None: all of them). An application that was
filed no longer has to be filed by its apply-by date, so it is not its next deadline."""


class _Model(BaseModel):
    """Unknown keys are ignored so an older or newer saved map still opens."""

    model_config = ConfigDict(extra="ignore")


class HRStatus(_Model):
    """Where HR says the project stands; every date and the amount may still be unknown."""

    stage: Stage = Stage.CONCEPT
    submitted_on: date | None = None
    """Ingediend: the day the aanvraag went to the fund (the year the project counts in)."""
    decided_on: date | None = None
    """Beschikking: the day of the fund's decision."""
    granted: Money | None = None
    """Beschikking: the amount the fund granted (provisionally)."""
    declared_on: date | None = None
    """Declaratie ingediend: the day the declaratie went to the fund."""


class ProjectEntry(_Model):
    """One project in the map: its answers as imported, HR's status and note."""

    key: Annotated[str, Field(pattern=KEY_PATTERN)]
    """Stable within the map (calendar UIDs are made from it): `project_key`, with `-2` for a
    second entry. Never a draft id, which is a password to the draft, while the key goes into
    every file of the map; the pattern refuses one."""
    label: ShortText = ""
    """The file's name for the project when its answers have no title (case files)."""
    source: ShortText = ""
    """Where it came from, as HR recognises it (a file name). Never a draft link, for the
    same reason as `key`: the workbook, the CSV and the JSON show it."""

    @field_validator("source")
    @classmethod
    def _no_draft_link(cls, value: str) -> str:
        """A draft link (`?concept=...`) in a shared file would hand out the draft."""
        if "concept=" in value:
            raise ValueError(
                "een conceptlink hoort niet in de projectenmap (het is een wachtwoord)"
            )
        return value

    answers: Answers
    status: HRStatus = Field(default_factory=HRStatus)
    note: ShortText = ""

    @property
    def title(self) -> str:
        """The project's title, the file's name for it, or a placeholder."""
        return self.answers.project.title.strip() or self.label.strip() or "Project zonder titel"


class FundLimit(_Model):
    """The limit the fund gave the organisation for one scheme in one year (both parts optional)."""

    scheme: Scheme
    year: Annotated[int, Field(ge=2000, le=2099)]
    applications: Annotated[int, Field(ge=0, le=10_000)] | None = None
    amount: Money | None = None


class ProjectMap(_Model):
    """The projects of one organisation and the limits HR entered; a JSON round trip is exact."""

    format: str = FORMAT
    format_version: int = FORMAT_VERSION
    organisation: ShortText = ""
    projects: list[ProjectEntry] = Field(default_factory=list, max_length=MAX_PROJECTS)
    limits: list[FundLimit] = Field(default_factory=list, max_length=200)

    @model_validator(mode="after")
    def _unique(self) -> Self:
        """One entry per key (the calendar needs it) and one limit per scheme and year."""
        keys = [p.key for p in self.projects]
        if len(set(keys)) != len(keys):
            raise ValueError("projects: twee projecten hebben dezelfde sleutel")
        pairs = [(limit.scheme, limit.year) for limit in self.limits]
        if len(set(pairs)) != len(pairs):
            raise ValueError("limits: per regeling en jaar kan er maar één plafond zijn")
        return self

    def add(
        self,
        answers: Answers,
        *,
        label: str = "",
        source: str = "",
        status: HRStatus | None = None,
        note: str = "",
        key: str | None = None,
    ) -> ProjectEntry:
        """Add a project under a key no other entry has; returns the new entry.

        The same project added twice (an aanvraag and its declaratie, or one file given twice)
        gets `-2`, `-3` after its key, so each of its deadlines stays one event per entry.
        """
        base = re.sub(r"-[0-9]+$", "", key) if key else project_key(answers, label)
        taken = {p.key for p in self.projects}
        unique, number = base, 1
        while unique in taken:
            number += 1
            unique = f"{base}-{number}"
        entry = ProjectEntry(
            key=unique,
            label=label,
            source=source,
            answers=answers,
            status=status or HRStatus(),
            note=note,
        )
        self.projects.append(entry)
        return entry

    def add_projects_of(self, saved: ProjectMap) -> None:
        """Every project of a saved map, with HR's status and note, keys kept where free."""
        for entry in saved.projects:
            self.add(
                entry.answers,
                label=entry.label,
                source=entry.source,
                status=entry.status,
                note=entry.note,
                key=entry.key,
            )

    def limit(self, scheme: Scheme, year: int) -> FundLimit | None:
        """The limit HR entered for `scheme` in `year`, if any."""
        return next((x for x in self.limits if x.scheme is scheme and x.year == year), None)


def project_key(answers: Answers, label: str = "") -> str:
    """A key from what identifies a project (scheme, title, start), not from the file or chance.

    Building the map again from the same files gives the same keys, so a calendar imported
    again updates its events instead of doubling them.
    """
    scheme = answers.chosen_scheme()
    parts = (
        scheme.value if scheme else "",
        answers.project.title.strip() or label.strip(),
        answers.project_start.isoformat() if answers.project_start else "",
    )
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:16]


# --------------------------------------------------------------------- saved maps


def map_document(project_map: ProjectMap, *, saved_at: datetime | None = None) -> bytes:
    """The map as a JSON file (UTF-8, indented): HR keeps it or reads it back in."""
    moment = (saved_at or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)
    document: dict[str, Any] = {"saved_at": moment.isoformat().replace("+00:00", "Z")}
    document.update(project_map.model_dump(mode="json"))
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def is_map_document(data: Any) -> bool:
    """Does parsed data claim to be a saved map (rather than an export or a case file)?"""
    return isinstance(data, dict) and data.get("format") == FORMAT


def read_map(raw: bytes) -> ProjectMap:
    """A saved map from its file; `CaseFileError` with a Dutch message naming the field."""
    data = parse_document(raw)
    if not is_map_document(data):
        raise CaseFileError("het bestand is geen projectenmap van de Subsidiewijzer")
    return validated(ProjectMap, data, where)


def add_imported(project_map: ProjectMap, imported: Imported, source: str) -> ProjectEntry:
    """Add a checked export or case file (`export.import_document`) to the map."""
    return project_map.add(imported.answers, label=imported.title, source=source)


# --------------------------------------------------------------------- the summary


class Level(StrEnum):
    """How a limit stands: room left, near it (within NEAR_LIMIT), or over it."""

    OK = "ok"
    WARNING = "warning"
    PROBLEM = "problem"


LEVEL_LABELS = {Level.OK: "Ruimte", Level.WARNING: "Bijna bereikt", Level.PROBLEM: "Overschreden"}


@dataclass(frozen=True)
class ProjectRow:
    """One project as the map lists it: what HR said, and what the core says about it."""

    entry: ProjectEntry
    number: int
    """1 for the first project of the map: the same number on every sheet, row and page."""
    outcome: Outcome
    year: int
    """The year it counts in: HR's submission date, else the core's date of applying."""
    next_deadline: Deadline | None

    @property
    def key(self) -> str:
        return self.entry.key

    @property
    def title(self) -> str:
        return self.entry.title

    @property
    def status(self) -> HRStatus:
        return self.entry.status

    @property
    def leader(self) -> str:
        """The projectleider as the answers name them: `Naam, naam@gemeente.nl`, or ""."""
        project = self.entry.answers.project
        return ", ".join(
            p for p in (project.leader_name.strip(), project.leader_email.strip()) if p
        )

    @property
    def estimate(self) -> Estimate | None:
        """The core's estimate; None while the answers do not form an application."""
        return self.outcome.estimate

    @property
    def scheme(self) -> Scheme | None:
        return self.outcome.scheme

    @property
    def scheme_label(self) -> str:
        return SCHEME_LABELS[self.scheme] if self.scheme else "Onbekend"

    @property
    def phase(self) -> Phase:
        return self.entry.answers.phase

    @property
    def provisional(self) -> Decimal | None:
        """The provisional amount: the aanvraag's estimate, or a declaratie's granted amount."""
        result = self.estimate
        if result is None:
            return None
        if self.phase is Phase.DECLARATIE:
            amount = result.calculation.provisional_subsidy
            return None if amount is None else amount.quantize(CENT)
        return result.calculation.subsidy

    @property
    def realised(self) -> Decimal | None:
        """The declaratie's estimate (realised costs, held to the provisional amount)."""
        result = self.estimate
        if result is None or self.phase is not Phase.DECLARATIE:
            return None
        return result.calculation.subsidy

    @property
    def granted(self) -> Decimal | None:
        """The beschikking's amount as HR entered it; a declaratie names it too."""
        if self.status.granted is not None:
            return self.status.granted.quantize(CENT)
        if self.phase is Phase.DECLARATIE:
            return self.provisional
        return None

    @property
    def committed(self) -> Decimal:
        """What the project takes of an amount limit: granted when known, else asked."""
        return self.granted if self.granted is not None else self.provisional or ZERO

    @property
    def counts_for_limit(self) -> bool:
        """A rejected application takes no place under the limit; every other one does."""
        return self.status.stage is not Stage.AFGEWEZEN and self.scheme is not None

    @property
    def problems(self) -> list[str]:
        """The problems the core found, or why there is no estimate yet (Dutch, one per line)."""
        found = [f.message for f in self.outcome.findings if f.verdict is Verdict.PROBLEM]
        found += [f"{error.place}: {error.message}" for error in self.outcome.errors]
        return found


@dataclass(frozen=True)
class Totals:
    """Per year and scheme: how many projects, and what was asked, granted and realised."""

    year: int
    scheme: Scheme
    projects: int
    asked: Decimal
    granted: Decimal
    realised: Decimal


@dataclass(frozen=True)
class LimitCheck:
    """One part of a limit (applications or amount): its use, room and level."""

    limit: Decimal
    used: Decimal
    level: Level

    @property
    def room(self) -> Decimal:
        """What is left; negative when the limit is exceeded."""
        return self.limit - self.used


@dataclass(frozen=True)
class LimitVerdict:
    """The limit of one scheme in one year against the projects that count for it."""

    scheme: Scheme
    year: int
    applications: LimitCheck | None
    amount: LimitCheck | None

    @property
    def level(self) -> Level:
        """The worse of the two parts."""
        levels = [c.level for c in (self.applications, self.amount) if c is not None]
        order = [Level.OK, Level.WARNING, Level.PROBLEM]
        return max(levels, key=order.index, default=Level.OK)

    @property
    def message(self) -> str:
        """One Dutch sentence for the page, the files and the PDF."""
        scheme = SCHEME_LABELS[self.scheme]
        parts = []
        if self.applications is not None:
            check = self.applications
            parts.append(
                f"{fmt.number(check.used)} van {fmt.number(check.limit)} aanvragen"
                f" ({_room_text(check, fmt.number)})"
            )
        if self.amount is not None:
            check = self.amount
            parts.append(
                f"{fmt.money(check.used)} van {fmt.money(check.limit)}"
                f" ({_room_text(check, fmt.money)})"
            )
        lead = {
            Level.OK: "binnen het plafond",
            Level.WARNING: "bijna aan het plafond",
            Level.PROBLEM: "boven het plafond",
        }[self.level]
        return f"{scheme} {self.year}: {lead}: {'; '.join(parts)}."


def _room_text(check: LimitCheck, show: Callable[[Decimal], str]) -> str:
    if check.room < 0:
        return f"{show(-check.room)} te veel"
    return f"nog {show(check.room)} ruimte"


@dataclass(frozen=True)
class Overview:
    """Everything the map shows, computed once: rows, totals per year and scheme, limits."""

    project_map: ProjectMap
    today: date
    rows: list[ProjectRow]
    totals: list[Totals]
    limits: list[LimitVerdict]

    @property
    def organisation(self) -> str:
        """The name HR gave the map, else the first name a project's answers give, else ""."""
        named = self.project_map.organisation.strip()
        if named:
            return named
        return next(
            (name for row in self.rows if (name := row.entry.answers.organisation.name.strip())),
            "",
        )

    def limit_for(self, scheme: Scheme, year: int) -> LimitVerdict | None:
        return next((v for v in self.limits if v.scheme is scheme and v.year == year), None)


Judge = Callable[[Answers, date], Outcome]
"""How a project's answers are judged: `evaluate`, or a memo of it (`stored_map.Evaluator`)."""


def _evaluate(answers: Answers, today: date) -> Outcome:
    return evaluate(answers, today)


def summarise(
    project_map: ProjectMap, today: date | None = None, judge: Judge = _evaluate
) -> Overview:
    """Evaluate every project once with the core and gather rows, totals and limit verdicts."""
    day = today or date.today()
    rows = [
        project_row(entry, number, day, judge)
        for number, entry in enumerate(project_map.projects, 1)
    ]
    return Overview(
        project_map=project_map,
        today=day,
        rows=rows,
        totals=totals(rows),
        limits=limit_verdicts(project_map, rows),
    )


def project_row(
    entry: ProjectEntry, number: int, today: date, judge: Judge = _evaluate
) -> ProjectRow:
    """The summary row of one project: the core's outcome, the year it counts in, next deadline."""
    outcome = judge(entry.answers, today)
    if entry.status.submitted_on is not None:
        year = entry.status.submitted_on.year
    elif outcome.estimate is not None:
        year = outcome.estimate.submitted_on.year
    else:
        year = (entry.answers.submitted_on or today).year
    return ProjectRow(
        entry=entry,
        number=number,
        outcome=outcome,
        year=year,
        next_deadline=next_deadline(outcome.estimate, entry.status.stage, today),
    )


def next_deadline(result: Estimate | None, stage: Stage, today: date) -> Deadline | None:
    """The first deadline on or after `today` that HR's stage has not put behind the project."""
    done = _DONE_CODES[stage]
    if result is None or done is None:
        return None
    return next(
        (d for d in result.deadlines.items if d.day >= today and d.code not in done),
        None,
    )


def totals(rows: Iterable[ProjectRow]) -> list[Totals]:
    """Asked, granted and realised per year and scheme, sorted by year then scheme."""
    groups: dict[tuple[int, Scheme], list[ProjectRow]] = {}
    for row in rows:
        if row.scheme is not None:
            groups.setdefault((row.year, row.scheme), []).append(row)
    order = list(Scheme)
    return [
        Totals(
            year=year,
            scheme=scheme,
            projects=len(members),
            asked=sum((r.provisional or ZERO for r in members), ZERO),
            granted=sum((r.granted or ZERO for r in members), ZERO),
            realised=sum((r.realised or ZERO for r in members), ZERO),
        )
        for (year, scheme), members in sorted(
            groups.items(), key=lambda item: (item[0][0], order.index(item[0][1]))
        )
    ]


def limit_verdicts(project_map: ProjectMap, rows: Iterable[ProjectRow]) -> list[LimitVerdict]:
    """Each limit HR entered against the projects of its scheme and year that count for it."""
    counted = [row for row in rows if row.counts_for_limit]
    verdicts = []
    for limit in sorted(project_map.limits, key=lambda x: (x.year, list(Scheme).index(x.scheme))):
        members = [r for r in counted if r.scheme is limit.scheme and r.year == limit.year]
        applications = (
            None
            if limit.applications is None
            else check_limit(Decimal(limit.applications), Decimal(len(members)))
        )
        amount = (
            None
            if limit.amount is None
            else check_limit(limit.amount, sum((r.committed for r in members), ZERO))
        )
        verdicts.append(LimitVerdict(limit.scheme, limit.year, applications, amount))
    return verdicts


def check_limit(limit: Decimal, used: Decimal) -> LimitCheck:
    """Over the limit is a problem; at or above NEAR_LIMIT of it a warning; below that, room."""
    if used > limit:
        level = Level.PROBLEM
    elif used >= limit * NEAR_LIMIT:
        level = Level.WARNING
    else:
        level = Level.OK
    return LimitCheck(limit=limit, used=used, level=level)


# --------------------------------------------------------------------- JSON


def _money(amount: Decimal | None) -> str | None:
    return None if amount is None else f"{amount:.2f}"


def _day(day: date | None) -> str | None:
    return None if day is None else day.isoformat()


def overview_json(overview: Overview) -> dict[str, Any]:
    """The summary the CLI prints: each project with its estimate, totals and limits.

    Amounts are strings with two decimals and dates ISO, as in `estimate.to_json`, whose output
    each project carries under `estimate` (null while the answers are not complete).
    """
    projects = []
    for row in overview.rows:
        status = row.status
        deadline = row.next_deadline
        projects.append(
            {
                "number": row.number,
                "key": row.key,
                "title": row.title,
                "project_leader": row.leader,
                "source": row.entry.source,
                "scheme": row.scheme.value if row.scheme else None,
                "phase": row.phase.value,
                "status": {
                    "stage": status.stage.value,
                    "label": STAGE_LABELS[status.stage],
                    "submitted_on": _day(status.submitted_on),
                    "decided_on": _day(status.decided_on),
                    "granted": _money(status.granted),
                    "declared_on": _day(status.declared_on),
                },
                "note": row.entry.note,
                "year": row.year,
                "provisional": _money(row.provisional),
                "granted": _money(row.granted),
                "realised": _money(row.realised),
                "next_deadline": None
                if deadline is None
                else {
                    "code": deadline.code,
                    "date": deadline.day.isoformat(),
                    "label": deadline.label,
                },
                "problems": row.problems,
                "estimate": None if row.estimate is None else to_json(row.estimate),
            }
        )
    return {
        "organisation": overview.organisation,
        "today": overview.today.isoformat(),
        "projects": projects,
        "totals": [
            {
                "year": t.year,
                "scheme": t.scheme.value,
                "projects": t.projects,
                "asked": _money(t.asked),
                "granted": _money(t.granted),
                "realised": _money(t.realised),
            }
            for t in overview.totals
        ],
        "limits": [
            {
                "year": v.year,
                "scheme": v.scheme.value,
                "level": v.level.value,
                "message": v.message,
                "applications": None
                if v.applications is None
                else {
                    "limit": int(v.applications.limit),
                    "used": int(v.applications.used),
                    "room": int(v.applications.room),
                },
                "amount": None
                if v.amount is None
                else {
                    "limit": _money(v.amount.limit),
                    "used": _money(v.amount.used),
                    "room": _money(v.amount.room),
                },
            }
            for v in overview.limits
        ],
    }
