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
from decimal import Decimal, InvalidOperation
from typing import Annotated, Any

from babel.numbers import format_decimal
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError

from aeno_core.advice import Advice, advise
from aeno_core.errors import FIELD_LABELS, FieldError, dutch_errors
from aeno_core.estimate import Estimate
from aeno_core.findings import Finding, judge
from aeno_core.models import (
    Application,
    NewFor,
    OrganisationType,
    Phase,
    ProjectStatus,
    Scheme,
)
from aeno_core.safe_text import clean

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
    }
)
"""Findings that depend on neither the dates nor the costs (see `Answers.partial_findings`)."""

MISSING_DATE = "vul deze datum in"
MISSING_MESSAGES = frozenset({MISSING_DATE, "dit veld ontbreekt"})
"""Messages that mean "not filled in yet" rather than "filled in wrongly"."""

ANSWERS_VERSION = 1
"""Bumped when the shape of `Answers` changes, so a stored draft can be migrated."""

ShortText = Annotated[str, AfterValidator(clean), Field(max_length=1000)]
"""One line of user text: control, bidi-control and surrogate characters removed, line breaks
made spaces (`aeno_core.safe_text.clean`), wherever the text comes from (a draft, an import)."""


class _Lenient(BaseModel):
    """Unknown keys are ignored so an older or newer draft still opens; sizes stay bounded."""

    model_config = ConfigDict(extra="ignore", validate_assignment=False)


class ExternalRow(_Lenient):
    """One row of the external-costs table as entered; any cell may still be empty."""

    description: ShortText = ""
    amount_ex_vat: Decimal | None = None
    staff_development: bool = True

    def is_empty(self) -> bool:
        """A row the user added but never filled: ignored rather than reported."""
        return not self.description.strip() and self.amount_ex_vat is None


class InternalRow(_Lenient):
    """One row of the internal-hours table as entered; any cell may still be empty."""

    role: ShortText = ""
    project_leader: bool = False
    scale: int | None = None
    step: int | None = None
    hours: Decimal | None = None
    hourly_rate: Decimal | None = None

    def is_empty(self) -> bool:
        """A row the user added but never filled: ignored rather than reported."""
        return (
            not self.role.strip()
            and self.scale is None
            and self.step is None
            and self.hours is None
            and self.hourly_rate is None
        )


class OrganisationAnswers(_Lenient):
    """Page Organisatie. None = not answered yet (a finding "te controleren")."""

    type: OrganisationType | None = None
    applies_car_uwo: bool | None = None
    collaboration: bool | None = None
    share_gemeenten: ShortText = ""
    """Raw text as typed ("80", "80,5", "80%"), parsed only on the way into the core."""
    via_external_bureau: bool | None = None


class ProjectAnswers(_Lenient):
    """Page Project. `theme`: 1..6, THEME_NONE for "geen van deze", None when not answered."""

    title: ShortText = ""
    theme: int | None = None
    new_for: NewFor | None = None
    status: ProjectStatus | None = None
    participants_per_training: int | None = None
    partner_gemeenten: int | None = None
    internal_assignment_date: date | None = None


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
    project_start: date | None = None
    project_end: date | None = None
    submitted_on: date | None = None
    organisation: OrganisationAnswers = Field(default_factory=OrganisationAnswers)
    project: ProjectAnswers = Field(default_factory=ProjectAnswers)
    external_costs: list[ExternalRow] = Field(default_factory=list, max_length=200)
    internal_staff: list[InternalRow] = Field(default_factory=list, max_length=200)

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
        if errors:
            # Report every refused field at once, not just the first: validate the rest too.
            errors.extend(_validation_errors(data, external, internal, skip=errors))
            return None, errors
        try:
            return Application.model_validate(data), []
        except ValidationError as error:
            return None, _renumber(dutch_errors(error), external, internal)

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
                self.provisional_subsidy, "provisional_subsidy", errors, "15.265,00"
            )
            if amount is not None:
                data["provisional_subsidy"] = amount
        data["organisation"] = self._organisation_data(errors)
        data["project"] = self._project_data()
        external = [(i, row) for i, row in enumerate(self.external_costs) if not row.is_empty()]
        internal = [(i, row) for i, row in enumerate(self.internal_staff) if not row.is_empty()]
        data["external_costs"] = [_without_none(row) for _, row in external]
        data["internal_staff"] = [_without_none(row) for _, row in internal]
        for key in ("project_start", "project_end"):
            if key not in data:
                errors.append(FieldError(key, FIELD_LABELS[key], MISSING_DATE))
        return data, errors, external, internal

    def partial_findings(self, today: date | None = None) -> list[Finding]:
        """Findings on organisation and project that hold whatever the dates and costs are.

        While the application cannot be built yet (no dates, a refused amount), a problem with
        the organisation or the theme must still show at once.
        """
        data, _, _, _ = self._core_data(None)
        day = self.submitted_on or today or date.today()
        probe = {
            "scheme": data["scheme"],
            "phase": data["phase"],
            "project_start": day,
            "project_end": day,
            "submitted_on": day,
            "organisation": data["organisation"],
            "project": data["project"],
        }
        try:
            application = Application.model_validate(probe)
        except ValidationError:
            return []
        return [f for f in judge(application, day, day) if f.code in DATE_FREE_CODES]

    def _organisation_data(self, errors: list[FieldError]) -> dict[str, Any]:
        org = self.organisation
        data: dict[str, Any] = {
            key: value
            for key, value in {
                "type": org.type,
                "applies_car_uwo": org.applies_car_uwo,
                "collaboration": org.collaboration,
                "via_external_bureau": org.via_external_bureau,
            }.items()
            if value is not None
        }
        if org.collaboration and org.share_gemeenten.strip():
            share = _parse_number(org.share_gemeenten, "organisation.share_gemeenten", errors, "80")
            if share is not None:
                data["share_gemeenten"] = share
        return data

    def _project_data(self) -> dict[str, Any]:
        project = self.project
        data: dict[str, Any] = {
            key: value
            for key, value in project.model_dump().items()
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
                ExternalRow(**line.model_dump()) for line in application.external_costs
            ],
            internal_staff=[
                InternalRow(**line.model_dump()) for line in application.internal_staff
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
    result = advice.option(scheme).estimate
    return Outcome(
        application=result.application,
        errors=[],
        advice=advice,
        estimate=result,
        scheme=scheme,
        follows_advice=chosen is None or chosen is advice.recommended,
    )


# --------------------------------------------------------------------- numbers as typed

_THOUSANDS = re.compile(r"^\d{1,3}(\.\d{3})+$")


def parse_dutch_number(text: str) -> Decimal | None:
    """`15.265,00`, `15265,00`, `15265.00`, `€ 15.265`, `80%` -> Decimal; None if not a number.

    A dot followed by groups of three digits is a thousands separator (Dutch), otherwise a
    decimal point (copied from a spreadsheet); a comma is always the decimal separator.
    """
    cleaned = text.strip().replace("€", "").replace("%", "").replace(" ", "").replace("\u00a0", "")
    cleaned = cleaned.removesuffix(",-").removesuffix(",--")
    if not cleaned:
        return None
    if "," in cleaned:
        cleaned = cleaned.replace(".", "").replace(",", ".")
    elif _THOUSANDS.match(cleaned):
        cleaned = cleaned.replace(".", "")
    if not re.fullmatch(r"-?\d+(\.\d+)?", cleaned):
        return None
    try:
        return Decimal(cleaned)
    except InvalidOperation:  # pragma: no cover - the pattern admits only valid decimals
        return None


def dutch_amount(value: Decimal, places: int = 2) -> str:
    """`15265` -> `15.265,00`: how a Dutch user writes an amount in a text field."""
    pattern = "#,##0" + ("." + "0" * places if places else "")
    if places == 0 and value != value.to_integral_value():
        pattern = "#,##0.##"
    return format_decimal(value, format=pattern, locale="nl_NL")


def _parse_number(text: str, path: str, errors: list[FieldError], example: str) -> Decimal | None:
    value = parse_dutch_number(text)
    if value is None:
        field_name = path.rsplit(".", 1)[-1]
        errors.append(
            FieldError(
                path,
                FIELD_LABELS.get(field_name, field_name),
                f"‘{text.strip()}’ is geen getal; schrijf het bijvoorbeeld als {example}",
            )
        )
    return value


def _without_none(row: BaseModel) -> dict[str, Any]:
    """A table row as data; an empty cell is a missing field, not a None value."""
    return {key: value for key, value in row.model_dump().items() if value is not None}


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
