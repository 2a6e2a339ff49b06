"""Everything the user entered in the wizard, leniently typed, and its way into the core model.

`Application` refuses anything invalid, which is right for a calculation but wrong for a form:
a half-typed amount or a row without hours must never be lost. `Answers` keeps every entry as
entered (raw text where a widget can hold something invalid), survives a JSON round trip for
drafts, and converts to an `Application` plus Dutch field errors keyed by the application path
(`external_costs.1.amount_ex_vat`), which the pages map back to their widgets.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationError,
    model_validator,
)

from aeno_core.advice import Advice, advise
from aeno_core.entry import EntryError, Quantity, dutch_amount, parse_dutch_number, read_number
from aeno_core.errors import FIELD_LABELS, FieldError, dutch_errors
from aeno_core.estimate import Contacts, Estimate, GrantedSubsidy
from aeno_core.findings import Finding, judge, rule_findings
from aeno_core.models import (
    RATE_OR_SCALE,
    Application,
    DateText,
    NewFor,
    Number,
    OrganisationType,
    Phase,
    ProjectStatus,
    Scheme,
    consistency_errors,
)
from aeno_core.rule_sets import rules_day
from aeno_core.safe_text import clean

__all__ = ["dutch_amount", "parse_dutch_number"]  # kept here for the pages and tests that use them

THEME_NONE = 0
"""`ProjectAnswers.theme` value for "none of the six themes fits" (None means: not answered)."""

DATE_FREE_CODES = frozenset(
    {
        "organisation_type",
        "car_uwo",
        "share_gemeenten",
        "external_bureau",
        "theme",
        "new_for",
        "status",
        "participants",
        "partner_gemeenten",
        "rules_date",
        "application_limit",
    }
)
"""Findings that depend on neither the dates nor the costs (see `Answers.partial_findings`)."""

MISSING_DATE = "vul deze datum in"
MISSING_FIELD = "dit veld ontbreekt"
MISSING_MESSAGES = frozenset({MISSING_DATE, MISSING_FIELD, RATE_OR_SCALE})
"""Messages that mean "not filled in yet" rather than "filled in wrongly"."""

ANSWERS_VERSION = 2
"""Bumped when the shape of `Answers` changes, so a stored draft can be migrated.
2: amounts, hours and hourly rates of cost lines are kept as typed text (1: as numbers).
Not bumped for the organisation's name and contact and the projectleider's name and e-mail
(issue 16): new text fields with an empty default, so an older draft reads as "not answered"
and an older release ignores them (`extra="ignore"`); nothing to migrate."""

PEOPLE_FIELDS = frozenset({"leader_name", "leader_email"})
"""Fields of `ProjectAnswers` that are for people, not for the rules: kept out of the core model."""

ShortText = Annotated[str, AfterValidator(clean), Field(max_length=1000)]
"""One line of user text: control, bidi-control and surrogate characters removed, line breaks
made spaces (`aeno_core.safe_text.clean`), wherever the text comes from (a draft, an import)."""


def _number_as_text(value: object) -> object:
    """A number from an older draft or a case file becomes the text a Dutch person would type."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return value  # refused by the str type: a yes/no is no amount
    if isinstance(value, int | float | Decimal):
        number = Decimal(str(value))
        return dutch_amount(number + 0 if number.is_zero() else number, None)
    return value


NumberText = Annotated[str, BeforeValidator(_number_as_text), Field(max_length=60)]
"""A number as typed in a form field (`12.000,50`), read by `aeno_core.entry` on the way in."""

_ROW_NUMBERS = {
    "external_costs": ("amount_ex_vat",),
    "internal_staff": ("hours", "hourly_rate"),
}


class _Lenient(BaseModel):
    """Unknown keys are ignored so an older or newer draft still opens; sizes stay bounded."""

    model_config = ConfigDict(extra="ignore", validate_assignment=False)


class ExternalRow(_Lenient):
    """One row of the external-costs table as entered; any cell may still be empty."""

    description: ShortText = ""
    amount_ex_vat: NumberText = ""
    staff_development: bool = True

    def is_empty(self) -> bool:
        """A row the user added but never filled: ignored rather than reported."""
        return not self.description.strip() and not self.amount_ex_vat.strip()


class InternalRow(_Lenient):
    """One row of the internal-hours table as entered; any cell may still be empty."""

    role: ShortText = ""
    project_leader: bool = False
    scale: int | None = None
    step: int | None = None
    hours: NumberText = ""
    hourly_rate: NumberText = ""

    def is_empty(self) -> bool:
        """A row the user added but never filled (the leader mark alone is no content)."""
        return (
            not self.role.strip()
            and self.scale is None
            and self.step is None
            and not self.hours.strip()
            and not self.hourly_rate.strip()
        )


class GrantedLine(_Lenient):
    """A line of the aanvraag that a declaratie was granted for, with its subsidy as written."""

    kind: str = "external"
    description: ShortText = ""
    subsidy: NumberText = ""


class OrganisationAnswers(_Lenient):
    """Page Organisatie. None = not answered yet (a finding "te controleren")."""

    name: ShortText = ""
    """The organisation's name (`Gemeente Voorbeeld`): on the PDF, the export and HR's map.
    Never passed to the core model: no rule depends on it."""
    contact: ShortText = ""
    """Optional: who answers the fund's questions (a name, a department or a phone number)."""
    type: OrganisationType | None = None
    applies_car_uwo: bool | None = None
    collaboration: bool | None = None
    share_gemeenten: ShortText = ""
    """Raw text as typed ("80", "80,5", "80%"), parsed only on the way into the core."""
    via_external_bureau: bool | None = None
    application_limit: Number | None = None
    """Optional: the number of applications a year the fund gave as this organisation's limit."""
    applications_this_year: Number | None = None
    """Optional: applications of this scheme already made this year (this one not included)."""


class ProjectAnswers(_Lenient):
    """Page Project. `theme`: 1..6, THEME_NONE for "geen van deze", None when not answered."""

    title: ShortText = ""
    leader_name: ShortText = ""
    """Optional, personal data: the projectleider's name, for the PDF and HR's map."""
    leader_email: ShortText = ""
    """Optional, personal data: the projectleider's e-mail address."""
    theme: Number | None = None
    new_for: NewFor | None = None
    status: ProjectStatus | None = None
    participants_per_training: Number | None = None
    partner_gemeenten: Number | None = None
    internal_assignment_date: DateText | None = None


class Answers(_Lenient):
    """The whole wizard: what the user entered, the phase, and the scheme they chose.

    `scheme` is the user's own choice on the page Regeling (None: follow the core's advice);
    a declaratie always belongs to the Innovatieve Projectenregeling.
    """

    version: int = ANSWERS_VERSION
    scheme: Scheme | None = None
    scheme_confirmed: bool = False
    phase: Phase = Phase.AANVRAAG
    provisional_subsidy: ShortText = ""
    """Raw text of the granted provisional amount (declaratie only)."""
    granted_lines: list[GrantedLine] = Field(default_factory=list, max_length=400)
    """Declaratie: the aanvraag's lines and their subsidy, to show beside the realised ones."""
    project_start: DateText | None = None
    project_end: DateText | None = None
    submitted_on: DateText | None = None
    organisation: OrganisationAnswers = Field(default_factory=OrganisationAnswers)
    project: ProjectAnswers = Field(default_factory=ProjectAnswers)
    external_costs: list[ExternalRow] = Field(default_factory=list, max_length=200)
    internal_staff: list[InternalRow] = Field(default_factory=list, max_length=200)

    @model_validator(mode="before")
    @classmethod
    def _migrate(cls, data: Any) -> Any:
        """Version 1 stored cost numbers as numbers (`"12000.00"`): show them the Dutch way."""
        if not isinstance(data, dict) or data.get("version", 1) >= 2:
            return data
        data = dict(data)
        for table, names in _ROW_NUMBERS.items():
            rows = data.get(table)
            if not isinstance(rows, list):
                continue
            data[table] = [_migrated_row(row, names) for row in rows]
        data["version"] = ANSWERS_VERSION
        return data

    # ----------------------------------------------------------------- into the core model

    def chosen_scheme(self) -> Scheme | None:
        """The scheme fixed by the answers themselves: a declaratie, or the user's choice."""
        if self.phase is Phase.DECLARATIE:
            return Scheme.INNOVATIEF
        return self.scheme

    def to_application(
        self, scheme: Scheme | None = None
    ) -> tuple[Application | None, list[FieldError]]:
        """The core model for `scheme` (default: the chosen one, else Impuls) and Dutch errors.

        Error paths are application paths whose row numbers are those of the tables as shown
        (empty rows are skipped but keep the numbering), so a page can put each message next
        to its widget or row.
        """
        data, errors, external, internal = self._core_data(scheme)
        errors.extend(self._consistency_errors(data, errors))
        if errors:
            # Report every refused field at once, not just the first: validate the rest too.
            errors.extend(_validation_errors(data, external, internal, skip=errors))
            return None, in_page_order(errors)
        try:
            return Application.model_validate(data), []
        except ValidationError as error:
            return None, in_page_order(_renumber(dutch_errors(error), external, internal))

    def _consistency_errors(
        self, data: dict[str, Any], found: list[FieldError]
    ) -> list[FieldError]:
        """Rules between fields, checked even while other fields are still wrong or missing.

        The model checks them only once every field is valid, so an end date before the start
        would show only after everything else was fixed: errors in rounds.
        """
        leaders = sum(1 for row in self.internal_staff if row.project_leader and not row.is_empty())
        known = {e.path for e in found}
        errors: list[FieldError] = []
        for path, message in consistency_errors(
            data.get("project_start"),
            data.get("project_end"),
            data["phase"],
            data["scheme"],
            leaders,
        ):
            if path not in known:
                name = path.rsplit(".", 1)[-1]
                errors.append(FieldError(path, FIELD_LABELS.get(name, name), message))
        return errors

    def _core_data(
        self, scheme: Scheme | None
    ) -> tuple[
        dict[str, Any],
        list[FieldError],
        list[tuple[int, ExternalRow]],
        list[tuple[int, InternalRow]],
    ]:
        """The application as plain data, plus the errors found while reading raw text."""
        errors: list[FieldError] = []
        data: dict[str, Any] = {
            "scheme": scheme or self.chosen_scheme() or Scheme.IMPULS,
            "phase": self.phase,
        }
        for name in ("project_start", "project_end", "submitted_on"):
            value = getattr(self, name)
            if value is not None:
                data[name] = value
        if self.phase is Phase.DECLARATIE and self.provisional_subsidy.strip():
            amount = _parse_number(
                self.provisional_subsidy, "provisional_subsidy", errors, Quantity.AMOUNT
            )
            if amount is not None:
                data["provisional_subsidy"] = amount
        data["organisation"] = self._organisation_data(errors)
        data["project"] = self._project_data()
        external = [(i, row) for i, row in enumerate(self.external_costs) if not row.is_empty()]
        internal = [(i, row) for i, row in enumerate(self.internal_staff) if not row.is_empty()]
        day = self.submitted_on
        data["external_costs"] = [
            _row_data(row, f"external_costs.{i}", errors, day) for i, row in external
        ]
        data["internal_staff"] = [
            _row_data(row, f"internal_staff.{i}", errors, day) for i, row in internal
        ]
        for key in ("project_start", "project_end"):
            if key not in data:
                errors.append(FieldError(key, FIELD_LABELS[key], MISSING_DATE))
        return data, errors, external, internal

    def applying_day(self, today: date | None = None) -> date:
        """The date of applying as answered, else `today`, else the real today."""
        return self.submitted_on or today or date.today()

    def rules_date(self, today: date | None = None) -> date:
        """The day whose rules apply to these answers (clamped into the known rules).

        Pages ask this, never `submitted_on` itself: a date the rules do not cover (1900,
        2016, 2026) must pick the nearest known rules, not fail a parameter lookup.
        """
        return rules_day(self.applying_day(today))

    def partial_findings(self, today: date | None = None) -> list[Finding]:
        """Findings on organisation and project that hold whatever the dates and costs are.

        While the application cannot be built yet (no dates, a refused amount), a problem with
        the organisation or the theme, or a date outside the known rules, must still show at
        once.
        """
        data, _, _, _ = self._core_data(None)
        day = self.applying_day(today)
        rules_date = rules_day(day)
        probe = {
            "scheme": data["scheme"],
            "phase": data["phase"],
            "project_start": rules_date,
            "project_end": rules_date,
            "submitted_on": rules_date,
            "organisation": data["organisation"],
            "project": data["project"],
        }
        try:
            application = Application.model_validate(probe)
        except ValidationError:
            return rule_findings(day)
        return [f for f in judge(application, day, rules_date) if f.code in DATE_FREE_CODES]

    def _organisation_data(self, errors: list[FieldError]) -> dict[str, Any]:
        org = self.organisation
        data: dict[str, Any] = {
            key: value
            for key, value in {
                "type": org.type,
                "applies_car_uwo": org.applies_car_uwo,
                "collaboration": org.collaboration,
                "via_external_bureau": org.via_external_bureau,
                "application_limit": org.application_limit,
                "applications_this_year": org.applications_this_year,
            }.items()
            if value is not None
        }
        if org.collaboration and org.share_gemeenten.strip():
            share = _parse_number(
                org.share_gemeenten, "organisation.share_gemeenten", errors, Quantity.PERCENT
            )
            if share is not None:
                data["share_gemeenten"] = share
        return data

    def _project_data(self) -> dict[str, Any]:
        project = self.project
        data: dict[str, Any] = {
            key: value
            for key, value in project.model_dump(exclude=set(PEOPLE_FIELDS)).items()
            if value is not None and key != "theme"
        }
        if project.theme == THEME_NONE:
            data["theme"] = None  # explicitly "none fits": a problem, not "to check"
        elif project.theme is not None:
            data["theme"] = project.theme
        if self.phase is Phase.DECLARATIE:
            data.pop("participants_per_training", None)
        return data

    # ----------------------------------------------------------------- from the core model

    @classmethod
    def from_application(cls, application: Application) -> Answers:
        """The answers that reproduce `application` (loading an example or a case file)."""
        org = application.organisation
        project = application.project
        answers = cls(
            scheme=application.scheme,
            scheme_confirmed=True,
            phase=application.phase,
            provisional_subsidy=(
                ""
                if application.provisional_subsidy is None
                else dutch_amount(application.provisional_subsidy)
            ),
            project_start=application.project_start,
            project_end=application.project_end,
            submitted_on=application.submitted_on,
            external_costs=[
                ExternalRow.model_validate(line.model_dump()) for line in application.external_costs
            ],
            internal_staff=[
                InternalRow.model_validate(line.model_dump()) for line in application.internal_staff
            ],
        )
        if org is not None:
            answers.organisation = OrganisationAnswers(
                type=org.type,
                applies_car_uwo=org.applies_car_uwo,
                collaboration=org.collaboration,
                share_gemeenten=(
                    "" if org.share_gemeenten is None else dutch_amount(org.share_gemeenten, 0)
                ),
                via_external_bureau=org.via_external_bureau,
                application_limit=org.application_limit,
                applications_this_year=org.applications_this_year,
            )
        if project is not None:
            theme: int | None = project.theme
            if theme is None and "theme" in project.model_fields_set:
                theme = THEME_NONE
            answers.project = ProjectAnswers(
                **project.model_dump(exclude={"theme"}),
                theme=theme,
            )
        return answers

    def contacts(self) -> Contacts:
        """The names the documents print (organisation, contact, projectleider), trimmed."""
        return Contacts(
            organisation_name=self.organisation.name.strip(),
            organisation_contact=self.organisation.contact.strip(),
            leader_name=self.project.leader_name.strip(),
            leader_email=self.project.leader_email.strip(),
        )

    # ----------------------------------------------------------------- progress

    def completion(self) -> dict[str, bool]:
        """Per section of the wizard: are its essential questions answered?"""
        org = self.organisation
        project = self.project
        org_done = (
            org.type is not None
            and org.applies_car_uwo is not None
            and org.collaboration is not None
            and org.via_external_bureau is not None
            and (not org.collaboration or bool(org.share_gemeenten.strip()))
        )
        project_done = (
            bool(project.title.strip())
            and project.theme is not None
            and project.new_for is not None
            and project.status is not None
            and self.project_start is not None
            and self.project_end is not None
            and (self.phase is Phase.AANVRAAG or bool(self.provisional_subsidy.strip()))
        )
        costs_done = any(not row.is_empty() for row in self.external_costs) or any(
            not row.is_empty() for row in self.internal_staff
        )
        return {
            "organisatie": org_done,
            "project": project_done,
            "regeling": self.phase is Phase.DECLARATIE or self.scheme_confirmed,
            "kosten": costs_done,
        }


# --------------------------------------------------------------------- evaluation


@dataclass(frozen=True)
class Outcome:
    """What the core says about the answers: the application, its errors, advice and estimate.

    `scheme` is the scheme the estimate is for: the user's choice, else the advice. Without
    a valid application there is no estimate (never a silent zero) and `errors` says why.
    """

    application: Application | None
    errors: list[FieldError]
    advice: Advice | None
    estimate: Estimate | None
    scheme: Scheme | None
    follows_advice: bool
    partial: list[Finding] = field(default_factory=list)
    """Without an estimate: the findings that can be judged already."""

    @property
    def findings(self) -> list[Finding]:
        """All findings of the estimate, or the partial ones while there is none."""
        return self.estimate.findings if self.estimate is not None else self.partial

    @property
    def wrong(self) -> list[FieldError]:
        """The errors that are not merely unanswered questions: something to correct."""
        return [e for e in self.errors if e.message not in MISSING_MESSAGES]

    def errors_for(self, prefix: str) -> list[FieldError]:
        """The errors on one field or under one part (`external_costs.2`, `organisation`)."""
        return [e for e in self.errors if e.path == prefix or e.path.startswith(prefix + ".")]


def evaluate(answers: Answers, today: date | None = None) -> Outcome:
    """Validate the answers, advise on the scheme and estimate under the scheme that holds.

    One `advise` call judges both schemes, so the side-by-side view and the live estimate
    come from the same two calculations.
    """
    chosen = answers.chosen_scheme()
    application, errors = answers.to_application(chosen)
    if application is None:
        partial = answers.partial_findings(today)
        return Outcome(None, errors, None, None, chosen, chosen is None, partial)
    advice = advise(application, today)
    scheme = chosen or advice.recommended
    granted = [
        GrantedSubsidy(
            kind=line.kind,
            description=line.description,
            subsidy=parse_dutch_number(line.subsidy),
        )
        for line in answers.granted_lines
    ]
    result = advice.option(scheme).estimate.model_copy(
        update={
            "scheme_chosen": chosen is not None,
            "granted": granted,
            "contacts": answers.contacts(),
        }
    )
    return Outcome(
        application=result.application,
        errors=[],
        advice=advice,
        estimate=result,
        scheme=scheme,
        follows_advice=chosen is None or chosen is advice.recommended,
    )


# --------------------------------------------------------------------- numbers as typed

_QUANTITY = {
    "amount_ex_vat": Quantity.AMOUNT,
    "hours": Quantity.HOURS,
    "hourly_rate": Quantity.RATE,
}


def _migrated_row(row: Any, names: tuple[str, ...]) -> Any:
    """A version-1 row: its numbers (stored with a decimal point) as Dutch text."""
    if not isinstance(row, dict):
        return row
    row = dict(row)
    for name in names:
        raw = row.get(name)
        if isinstance(raw, str) and raw.strip():
            number = parse_dutch_number(raw) if "," in raw else _plain_decimal(raw)
            places = None if name == "hours" else 2
            row[name] = raw if number is None else dutch_amount(number, places)
    return row


def _plain_decimal(raw: str) -> Decimal | None:
    """`12000.5` as version 1 stored it; anything else (`1e9`, text) stays as it was."""
    text = raw.strip()
    if len(text) > 20 or not re.fullmatch(r"-?\d+(\.\d+)?", text):
        return None
    return Decimal(text)


def _row_data(
    row: ExternalRow | InternalRow, path: str, errors: list[FieldError], day: date | None
) -> dict[str, Any]:
    """A cost line as data for the core: typed numbers read, an empty field left out."""
    data: dict[str, Any] = {}
    for key, value in row.model_dump().items():
        quantity = _QUANTITY.get(key)
        if quantity is None:
            if value is not None:
                data[key] = value
            continue
        try:
            number = read_number(value, quantity, day).number
        except EntryError as refused:
            errors.append(FieldError(f"{path}.{key}", FIELD_LABELS[key], str(refused)))
            continue
        if number is not None:
            data[key] = number
    if isinstance(row, InternalRow) and not row.hourly_rate.strip():
        # Said at once, beside any other missing field (the model says it only at the end).
        unpriced = "scale" if row.scale is None else "step" if row.step is None else None
        if unpriced is not None:
            errors.append(FieldError(f"{path}.{unpriced}", FIELD_LABELS[unpriced], RATE_OR_SCALE))
    return data


SECTIONS = ("start", "organisatie", "project", "regeling", "kosten", "overzicht", "resultaat")
"""The wizard's sections in the order a person meets them (the pages carry the same keys)."""

FIELD_ORDER = (
    ("organisation", "organisatie"),
    ("phase", "project"),
    ("provisional_subsidy", "project"),
    ("project.title", "project"),
    ("project.theme", "project"),
    ("project.new_for", "project"),
    ("project.status", "project"),
    ("project_start", "project"),
    ("project_end", "project"),
    ("submitted_on", "project"),
    ("project", "project"),
    ("scheme", "regeling"),
    ("external_costs", "kosten"),
    ("internal_staff", "kosten"),
)
"""Each answer's place: which section asks it, in the order the pages ask (a path prefix)."""


_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")


def email_hint(text: str) -> str | None:
    """A Dutch hint when an e-mail address does not look like one; None when empty or fine.

    Only a hint, never an error that blocks the estimate: no rule depends on the address.
    """
    value = text.strip()
    if not value or _EMAIL.fullmatch(value):
        return None
    return "dit lijkt geen e-mailadres"


def section_of(path: str) -> str:
    """The section whose page holds the field at `path` (Overzicht for anything unknown)."""
    for prefix, section in FIELD_ORDER:
        if path == prefix or path.startswith(prefix + "."):
            return section
    return "overzicht"


_LINE_FIELDS = (
    "description",
    "amount_ex_vat",
    "staff_development",
    "role",
    "hours",
    "scale",
    "step",
    "hourly_rate",
)
"""The fields of a cost line in the order its form shows them."""


def _order_key(path: str) -> tuple[int, int, int, int]:
    position = next(
        (
            i
            for i, (prefix, _) in enumerate(FIELD_ORDER)
            if path == prefix or path.startswith(prefix + ".")
        ),
        len(FIELD_ORDER),
    )
    parts = path.split(".")
    row = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else -1
    name = parts[2] if len(parts) > 2 else ""
    within = _LINE_FIELDS.index(name) if name in _LINE_FIELDS else -1
    return SECTIONS.index(section_of(path)), position, row, within


def in_page_order(errors: list[FieldError]) -> list[FieldError]:
    """Errors as a person meets the fields: page by page, top to bottom, line by line."""
    return sorted(errors, key=lambda error: _order_key(error.path))


def _parse_number(
    text: str, path: str, errors: list[FieldError], quantity: Quantity
) -> Decimal | None:
    """A number typed in a plain field, or a Dutch error under that field."""
    try:
        return read_number(text, quantity).number
    except EntryError as refused:
        field_name = path.rsplit(".", 1)[-1]
        errors.append(FieldError(path, FIELD_LABELS.get(field_name, field_name), str(refused)))
        return None


def _renumber(
    errors: list[FieldError],
    external: list[tuple[int, ExternalRow]],
    internal: list[tuple[int, InternalRow]],
) -> list[FieldError]:
    """Map row numbers of the filtered lists back to the rows as the tables show them."""
    maps = {
        "external_costs": [i for i, _ in external],
        "internal_staff": [i for i, _ in internal],
    }
    renumbered: list[FieldError] = []
    for error in errors:
        parts = error.path.split(".")
        if len(parts) > 1 and parts[0] in maps and parts[1].isdigit():
            index = int(parts[1])
            if index < len(maps[parts[0]]):
                parts[1] = str(maps[parts[0]][index])
        renumbered.append(FieldError(".".join(parts), error.field, error.message))
    return renumbered


def _validation_errors(
    data: dict[str, Any],
    external: list[tuple[int, ExternalRow]],
    internal: list[tuple[int, InternalRow]],
    skip: list[FieldError],
) -> list[FieldError]:
    """The model's errors on everything except the fields already reported."""
    probe = dict(data)
    probe.setdefault("project_start", date(2000, 1, 1))
    probe.setdefault("project_end", max(probe["project_start"], date(2000, 1, 1)))
    try:
        Application.model_validate(probe)
    except ValidationError as error:
        known = {e.path for e in skip}
        found = _renumber(dutch_errors(error), external, internal)
        return [e for e in found if e.path not in known]
    return []
