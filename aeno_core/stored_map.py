"""HR's projects map as the draft store keeps it: the map, plus which draft each project is.

A project HR added by its draft link follows that draft: a change in the wizard shows in the
map at its next look, and a draft that expired or was deleted shows as such (never as an
error), with the answers the map last saw. The draft ids are passwords to the drafts, so they
live only here, in the stored map (whose own id is just as secret), never in the map's files:
`StoredMap.project_map` is what the workbook, the CSV, the calendar, the PDF and the saved map
JSON are made of, and `ProjectEntry` refuses a draft link.

Also here, because the page, the files and the tests must agree on them: the chart's and the
timeline's rows, and the last deadline that decides how long the map is kept.
Pure Python: no Streamlit here.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from aeno_core import formatting as fmt
from aeno_core.advice import SCHEME_LABELS
from aeno_core.answers import Answers, Outcome, evaluate
from aeno_core.overview import FORMAT, Overview, ProjectMap, summarise

STORED_VERSION = 1

DraftId = Annotated[str, Field(pattern=r"^[A-Za-z0-9_-]{43}$")]


class StoredMap(BaseModel):
    """The payload of a map in the draft store; `format` tells it apart from a draft's answers."""

    model_config = ConfigDict(extra="ignore")

    format: str = FORMAT
    stored_version: int = STORED_VERSION
    project_map: ProjectMap = Field(default_factory=ProjectMap)
    links: dict[str, DraftId] = Field(default_factory=dict)
    """Entry key -> the draft it follows. Only keys of entries in the map (checked)."""

    @model_validator(mode="after")
    def _links_point_into_the_map(self) -> StoredMap:
        """A link without its project would show a project that was never added."""
        keys = {entry.key for entry in self.project_map.projects}
        self.links = {key: value for key, value in self.links.items() if key in keys}
        return self

    def linked(self, draft_id: str) -> str | None:
        """The key of the entry that follows `draft_id`, if one does."""
        return next((key for key, value in self.links.items() if value == draft_id), None)

    def remove(self, key: str) -> None:
        """Take a project out of the map (its draft, if any, stays as it is)."""
        self.project_map.projects = [p for p in self.project_map.projects if p.key != key]
        self.links.pop(key, None)


def is_stored_map(data: Any) -> bool:
    """Does a stored payload hold a map (rather than a draft's answers)?"""
    return isinstance(data, dict) and data.get("format") == FORMAT


class LinkState(StrEnum):
    """Where a project's answers come from at this look."""

    FILE = "file"
    """Read from an export or a case file: the map holds the answers itself."""
    LIVE = "live"
    """Its draft was found: the answers are the draft's as stored now."""
    EXPIRED = "expired"
    """Its draft is gone (expired, or never there): the answers the map last saw."""
    DELETED = "deleted"
    """Its draft was deleted by someone: the answers the map last saw."""
    UNREADABLE = "unreadable"
    """Its link now holds something that is not a draft of this app's answers."""


LINK_LABELS = {
    LinkState.FILE: "Ingelezen bestand",
    LinkState.LIVE: "Concept",
    LinkState.EXPIRED: "Concept verlopen",
    LinkState.DELETED: "Concept verwijderd",
    LinkState.UNREADABLE: "Concept niet te openen",
}

LINK_NOTES = {
    LinkState.EXPIRED: "Het concept bestaat niet meer (verlopen); de map toont de laatst"
    " bekende antwoorden.",
    LinkState.DELETED: "Het concept is verwijderd; de map toont de laatst bekende antwoorden.",
    LinkState.UNREADABLE: "De link hoort niet (meer) bij een concept van deze versie; de map"
    " toont de laatst bekende antwoorden.",
}


@dataclass(frozen=True)
class LiveMap:
    """The map as it stands now: drafts' current answers in place, and each link's state."""

    project_map: ProjectMap
    states: dict[str, LinkState]
    """Per entry key."""
    changed: frozenset[str]
    """Keys whose draft changed since the map last stored its answers."""


def live_map(
    stored: StoredMap, found: Mapping[str, Mapping[str, Any]], deleted: set[str]
) -> LiveMap:
    """Put each linked draft's current answers (`found`: draft id -> payload) into the map.

    `deleted` are the ids the store says were deleted; a linked id in neither is expired.
    Entries are copied, never changed in `stored`: the stored map keeps what it last saw.
    """
    entries = []
    states: dict[str, LinkState] = {}
    changed: set[str] = set()
    for entry in stored.project_map.projects:
        draft_id = stored.links.get(entry.key)
        if draft_id is None:
            states[entry.key] = LinkState.FILE
            entries.append(entry)
            continue
        payload = found.get(draft_id)
        if payload is None:
            states[entry.key] = LinkState.DELETED if draft_id in deleted else LinkState.EXPIRED
            entries.append(entry)
            continue
        answers = draft_answers(payload)
        if answers is None:
            states[entry.key] = LinkState.UNREADABLE
            entries.append(entry)
            continue
        states[entry.key] = LinkState.LIVE
        if answers != entry.answers:
            changed.add(entry.key)
            entry = entry.model_copy(update={"answers": answers})
        entries.append(entry)
    project_map = stored.project_map.model_copy(update={"projects": entries})
    return LiveMap(project_map, states, frozenset(changed))


def draft_answers(payload: Mapping[str, Any]) -> Answers | None:
    """A draft's stored answers, or None when the payload is no draft (a map, another shape)."""
    if is_stored_map(payload):
        return None
    try:
        return Answers.model_validate(dict(payload))
    except ValidationError:
        return None


class Evaluator:
    """`evaluate` with a memory: the same answers on the same day are judged once.

    A page shows the map on every rerun; the answers of 50 projects rarely all change, so
    each project is evaluated again only when its answers (or the day) did. The memory holds
    the outcomes of the answers it saw last and forgets the rest, so it stays small.
    """

    def __init__(self, judge: Callable[[Answers, date], Outcome] | None = None) -> None:
        self._judge = judge or (lambda answers, day: evaluate(answers, day))
        self._seen: dict[tuple[str, date], Outcome] = {}
        self._used: dict[tuple[str, date], Outcome] = {}
        self.evaluations = 0

    def __call__(self, answers: Answers, today: date) -> Outcome:
        key = (answers.model_dump_json(), today)
        outcome = self._used.get(key) or self._seen.get(key)
        if outcome is None:
            outcome = self._judge(answers, today)
            self.evaluations += 1
        self._used[key] = outcome
        return outcome

    def settle(self) -> None:
        """After a summary: keep only what it used."""
        self._seen, self._used = self._used, {}


def summarise_live(live: LiveMap, today: date, evaluator: Evaluator) -> Overview:
    """`overview.summarise` of the live map, each project judged through `evaluator`."""
    overview = summarise(live.project_map, today, evaluator)
    evaluator.settle()
    return overview


# --------------------------------------------------------------------- how long it is kept


def last_deadline(overview: Overview) -> date | None:
    """The latest deadline of any project in the map (the declaratie, usually)."""
    days = [
        deadline.day
        for row in overview.rows
        if row.estimate is not None
        for deadline in row.estimate.deadlines.items
    ]
    return max(days, default=None)


# --------------------------------------------------------------------- pictures


AMOUNT_KINDS = ("Aangevraagd", "Toegekend", "Gerealiseerd")


def amount_rows(overview: Overview) -> list[dict[str, Any]]:
    """The chart's data: per year, scheme and kind (asked, granted, realised) its amount.

    Amounts are floats here because a chart draws floats; the totals table beside it shows
    the exact euros.
    """
    rows: list[dict[str, Any]] = []
    for total in overview.totals:
        for kind, amount in zip(
            AMOUNT_KINDS, (total.asked, total.granted, total.realised), strict=True
        ):
            rows.append(
                {
                    "jaar": str(total.year),
                    "regeling": SCHEME_LABELS[total.scheme],
                    "groep": f"{total.year} · {SCHEME_LABELS[total.scheme]}",
                    "soort": kind,
                    "bedrag": float(amount),
                    "bedrag_tekst": fmt.money(amount),
                }
            )
    return rows


DEADLINE_KINDS = {
    "apply_by": "Aanvraag indienen",
    "interim_report": "Tussenrapportage",
    "declaration_by": "Declaratie indienen",
    "closing_date": "Sluiting van het jaar",
}
"""One word per kind of deadline for the timeline's legend (the labels name the month)."""


def deadline_rows(overview: Overview) -> list[dict[str, Any]]:
    """The timeline's data: every deadline of every project, in date order."""
    rows: list[dict[str, Any]] = []
    for row in overview.rows:
        if row.estimate is None:
            continue
        for deadline in row.estimate.deadlines.items:
            rows.append(
                {
                    "project": f"{row.number}. {row.title}"[:60],
                    "termijn": deadline.label,
                    "soort": DEADLINE_KINDS.get(deadline.code, deadline.label),
                    "datum": deadline.day.isoformat(),
                    "day": deadline.day,
                    "voorbij": deadline.day < overview.today,
                }
            )
    rows.sort(key=lambda r: (r["day"], r["project"]))
    return rows


def totals_sentence(overview: Overview) -> str:
    """The chart's figures in one Dutch paragraph: its text alternative beside it."""
    parts = [
        f"{total.year}, {SCHEME_LABELS[total.scheme]}: {total.projects}"
        f" {'project' if total.projects == 1 else 'projecten'}, aangevraagd"
        f" {fmt.money(total.asked)}, toegekend {fmt.money(total.granted)}, gerealiseerd"
        f" {fmt.money(total.realised)}."
        for total in overview.totals
    ]
    return " ".join(parts) if parts else "Nog geen bedragen: geen project heeft een schatting."


def deadlines_sentence(overview: Overview) -> str:
    """The timeline in words, beside it: how many deadlines, from when to when, which is next."""
    rows = deadline_rows(overview)
    if not rows:
        return "Er volgen nog geen termijnen uit de antwoorden."
    projects = len({r["project"] for r in rows})
    sentence = (
        f"{len(rows)} {'termijn' if len(rows) == 1 else 'termijnen'} van {projects}"
        f" {'project' if projects == 1 else 'projecten'}, van {fmt.long_date(rows[0]['day'])}"
        f" tot {fmt.long_date(rows[-1]['day'])}. Vandaag is {fmt.long_date(overview.today)}."
    )
    coming = [r for r in rows if not r["voorbij"]]
    if not coming:
        return sentence + " Alle termijnen liggen achter u."
    first = coming[0]
    return (
        f"{sentence} De eerstvolgende: {fmt.long_date(first['day'])},"
        f" {first['termijn'][:1].lower()}{first['termijn'][1:]} van {first['project']}."
    )


def limit_amount(text: str) -> Decimal | None:
    """Parse an amount HR typed for a limit the Dutch way; None when empty.

    `ValueError` with a Dutch message when it cannot be read.
    """
    from aeno_core.entry import EntryError, Quantity, read_number

    if not text.strip():
        return None
    try:
        number = read_number(text, Quantity.AMOUNT).number
    except EntryError as refused:
        raise ValueError(str(refused)) from None
    return number


# --------------------------------------------------------------------- the charts' specs

_KIND_COLOURS = ["#164c75", "#4c9f70", "#c77c02"]
_TODAY_INK = "#b00020"
_DUTCH_THOUSANDS = "join(split(format(datum.value, ',.0f'), ','), '.')"
"""Vega's number format knows only the English thousands separator: swap it for a point."""


def amount_chart(overview: Overview) -> dict[str, Any]:
    """A Vega-Lite bar chart of asked, granted and realised per year and scheme.

    A plain spec (Streamlit's `st.vega_lite_chart` draws it) rather than Altair objects:
    Altair validates a chart against the Vega-Lite schema every time it is drawn, 15 to 30 ms
    per chart on every rerun of the page (bench/bench_projects_page.py); this dict is the
    same chart.
    """
    return {
        "title": "Bedragen per regeling en jaar",
        "data": {"values": amount_rows(overview)},
        "mark": {"type": "bar"},
        "encoding": {
            "x": {
                "field": "groep",
                "type": "nominal",
                "title": None,
                "axis": {"labelAngle": 0, "labelLimit": 260},
            },
            "xOffset": {"field": "soort", "type": "nominal", "sort": list(AMOUNT_KINDS)},
            "y": {
                "field": "bedrag",
                "type": "quantitative",
                "title": "Bedrag (€)",
                "axis": {"labelExpr": _DUTCH_THOUSANDS},
            },
            "color": {
                "field": "soort",
                "type": "nominal",
                "title": None,
                "sort": list(AMOUNT_KINDS),
                "scale": {"domain": list(AMOUNT_KINDS), "range": _KIND_COLOURS},
                "legend": {"orient": "bottom"},
            },
            "tooltip": [
                {"field": "groep", "type": "nominal", "title": "Jaar en regeling"},
                {"field": "soort", "type": "nominal", "title": "Soort"},
                {"field": "bedrag_tekst", "type": "nominal", "title": "Bedrag"},
            ],
        },
    }


def timeline_chart(overview: Overview) -> dict[str, Any]:
    """A Vega-Lite timeline: every deadline of every project, and a red rule at today."""
    rows = [
        {k: v for k, v in row.items() if k != "day"} | {"datum_tekst": fmt.short_date(row["day"])}
        for row in deadline_rows(overview)
    ]
    today = overview.today.isoformat()
    return {
        "title": "Tijdlijn van alle termijnen",
        "layer": [
            {
                "data": {"values": rows},
                "mark": {"type": "point", "filled": True, "size": 70},
                "encoding": {
                    "x": {
                        "field": "datum",
                        "type": "temporal",
                        "title": None,
                        "axis": {"format": "%m-%Y"},
                    },
                    "y": {
                        "field": "project",
                        "type": "nominal",
                        "title": None,
                        "axis": {"labelLimit": 200},
                    },
                    "shape": {"field": "soort", "type": "nominal", "title": None},
                    "color": {
                        "field": "soort",
                        "type": "nominal",
                        "title": None,
                        "legend": {"orient": "bottom", "columns": 2, "labelLimit": 320},
                    },
                    "tooltip": [
                        {"field": "project", "type": "nominal", "title": "Project"},
                        {"field": "termijn", "type": "nominal", "title": "Termijn"},
                        {"field": "datum_tekst", "type": "nominal", "title": "Datum"},
                    ],
                },
            },
            {
                "data": {"values": [{"datum": today, "label": "vandaag"}]},
                "mark": {"type": "rule", "color": _TODAY_INK, "strokeWidth": 2},
                "encoding": {"x": {"field": "datum", "type": "temporal"}},
            },
            {
                "data": {"values": [{"datum": today, "label": "vandaag"}]},
                "mark": {
                    "type": "text",
                    "color": _TODAY_INK,
                    "align": "left",
                    "dx": 4,
                    "dy": -6,
                    "baseline": "bottom",
                },
                "encoding": {
                    "x": {"field": "datum", "type": "temporal"},
                    "text": {"field": "label", "type": "nominal"},
                },
            },
        ],
    }
