"""The application as pydantic models: what the pages fill in, the case files hold and the CLI reads.

The field names follow `../shared/cases/README.md` so a case file loads unchanged. Validation
messages are in Dutch because they reach users next to the field they concern.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Annotated, Self

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    field_validator,
    model_validator,
)


def plus_zero(value: Decimal) -> Decimal:
    """-0 (typed, or `-0.00` in a file) becomes 0: a signed zero passes `>= 0` but prints as
    "€ -0,00", and must never reach a calculation or a cache."""
    return value.copy_abs() if value.is_zero() else value


def _not_yes_no(value: object) -> object:
    """A yes/no is not a number: YAML reads `yes` and `true` as booleans, and pydantic would
    take them as 1 (`theme: yes` became theme 1)."""
    if isinstance(value, bool):
        raise ValueError("vul een getal in, geen ja of nee")
    return value


def _date_text(value: object) -> object:
    """A date is a date (or `JJJJ-MM-DD` text), never a number: pydantic would read 1514764800
    as a Unix timestamp and `true` as 1 January 1970."""
    if isinstance(value, bool | int | float | Decimal):
        raise ValueError("vul een datum in als JJJJ-MM-DD, geen getal")
    return value


Number = Annotated[int, BeforeValidator(_not_yes_no)]
"""A whole number from a file or a form; a boolean is refused, not read as 0 or 1."""

Money = Annotated[
    Decimal,
    Field(ge=0, max_digits=12, decimal_places=2),
    BeforeValidator(_not_yes_no),
    AfterValidator(plus_zero),
]
"""Euros with at most two decimals, never negative (amounts are the project part, ex BTW)."""

Hours = Annotated[
    Decimal,
    Field(ge=0, le=100_000, decimal_places=2),
    BeforeValidator(_not_yes_no),
    AfterValidator(plus_zero),
]
"""Hours may have decimals (half hours) but are never negative."""

FIRST_DAY = date(2000, 1, 1)
LAST_DAY = date(2099, 12, 31)
DateText = Annotated[date, BeforeValidator(_date_text)]
"""Any date, as a date or ISO text; numbers are refused."""
Day = Annotated[date, Field(ge=FIRST_DAY, le=LAST_DAY), BeforeValidator(_date_text)]
"""A plausible date. Not a rule of the fund but a sanity bound: deadlines add months and weeks
to these dates, and a typo such as 9999-12-01 must be refused, not overflow the calendar."""


class Scheme(StrEnum):
    """The two subsidy schemes of the fund."""

    IMPULS = "impuls"
    INNOVATIEF = "innovatief"


class Phase(StrEnum):
    """Aanvraag (application) or declaratie (declaration, Innovatief only)."""

    AANVRAAG = "aanvraag"
    DECLARATIE = "declaratie"


class OrganisationType(StrEnum):
    """The six kinds of organisation the rules admit, and `anders` for any other."""

    GEMEENTE = "gemeente"
    AMBTELIJKE_FUSIEORGANISATIE = "ambtelijke_fusieorganisatie"
    SHARED_SERVICE_CENTRUM = "shared_service_centrum"
    GEMEENSCHAPPELIJKE_REGELING = "gemeenschappelijke_regeling"
    DETACHERINGSORGANISATIE = "detacheringsorganisatie"
    UITVOERINGSORGANISATIE = "uitvoeringsorganisatie"
    ANDERS = "anders"


class NewFor(StrEnum):
    """For whom the project is new; `sector` implies new for the gemeente too."""

    GEMEENTE = "gemeente"
    SECTOR = "sector"
    NONE = "none"


class ProjectStatus(StrEnum):
    """Where the project stands on the date of applying."""

    PLANNED = "planned"
    RUNNING = "running"
    FINISHED = "finished"


class _Model(BaseModel):
    """Shared config: unknown fields are refused so a typo in a case file never passes silently."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, validate_assignment=True)


class Organisation(_Model):
    """Who applies. Every field may be unknown (None): a missing answer is `to_check`."""

    type: OrganisationType | None = None
    applies_car_uwo: bool | None = None
    collaboration: bool | None = False
    share_gemeenten: (
        Annotated[
            Decimal, Field(ge=0, le=100), BeforeValidator(_not_yes_no), AfterValidator(plus_zero)
        ]
        | None
    ) = None
    via_external_bureau: bool | None = None
    application_limit: Annotated[int, Field(ge=0, le=1000), BeforeValidator(_not_yes_no)] | None = (
        None
    )
    """The number of applications of this scheme a year that the fund gave as the limit for
    this organisation's fte class (the fund's table is not public)."""
    applications_this_year: (
        Annotated[int, Field(ge=0, le=1000), BeforeValidator(_not_yes_no)] | None
    ) = None
    """Applications of this scheme the organisation already made this year, this one not
    included."""


class Project(_Model):
    """What the project is about and where it stands."""

    title: Annotated[str, Field(max_length=200)] = ""
    theme: Annotated[int, Field(ge=1, le=6), BeforeValidator(_not_yes_no)] | None = None
    new_for: NewFor | None = None
    status: ProjectStatus | None = None
    participants_per_training: (
        Annotated[int, Field(ge=0, le=100_000), BeforeValidator(_not_yes_no)] | None
    ) = None
    partner_gemeenten: Annotated[int, Field(ge=0, le=400), BeforeValidator(_not_yes_no)] | None = (
        None
    )
    internal_assignment_date: Day | None = None


class ExternalCost(_Model):
    """An invoice or quote of an external party; only the project-related part, ex BTW."""

    description: Annotated[str, Field(max_length=300)] = ""
    amount_ex_vat: Money
    staff_development: bool = True


RATE_OR_SCALE = "kies schaal en periodiek, of vul het uurloon in"
"""The message for an internal line that has neither a scale and step nor an hourly rate."""


class InternalStaff(_Model):
    """A municipal employee's hours on the project, priced by scale and step of the start month.

    An hourly rate from the fund's own table always wins, so scale and step are needed only
    without one.
    """

    role: Annotated[str, Field(max_length=200)] = ""
    project_leader: bool = False
    scale: Annotated[int, Field(ge=1, le=18), BeforeValidator(_not_yes_no)] | None = None
    step: Annotated[int, Field(ge=0, le=30), BeforeValidator(_not_yes_no)] | None = None
    hours: Hours
    hourly_rate: (
        Annotated[Decimal, Field(gt=0, le=1000, decimal_places=2), BeforeValidator(_not_yes_no)]
        | None
    ) = None

    @model_validator(mode="after")
    def _priced(self) -> Self:
        """Without an hourly rate the line is priced by scale and step: both are needed."""
        if self.hourly_rate is None:
            if self.scale is None:
                raise ValueError(f"scale: {RATE_OR_SCALE}")
            if self.step is None:
                raise ValueError(f"step: {RATE_OR_SCALE}")
        return self


class Application(_Model):
    """One application (aanvraag) or declaration (declaratie) for one project."""

    scheme: Scheme
    phase: Phase = Phase.AANVRAAG
    project_start: Day
    project_end: Day
    provisional_subsidy: Money | None = None
    external_costs: list[ExternalCost] = Field(default_factory=list, max_length=200)
    internal_staff: list[InternalStaff] = Field(default_factory=list, max_length=200)
    submitted_on: Day | None = None
    organisation: Organisation | None = None
    project: Project | None = None

    @field_validator("external_costs", "internal_staff", mode="before")
    @classmethod
    def _none_is_empty(cls, value: object) -> object:
        """A YAML key with no items (`external_costs:`) means no lines, not an error."""
        return [] if value is None else value

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        """Refuse combinations the rules exclude, naming the field (see the cases README)."""
        leaders = sum(1 for line in self.internal_staff if line.project_leader)
        for path, message in consistency_errors(
            self.project_start, self.project_end, self.phase, self.scheme, leaders
        ):
            raise ValueError(f"{path}: {message}")
        return self


def consistency_errors(
    start: date | None, end: date | None, phase: Phase, scheme: Scheme, leaders: int
) -> list[tuple[str, str]]:
    """The rules between fields, as (field, Dutch message); one function for model and form."""
    found: list[tuple[str, str]] = []
    if start is not None and end is not None and end < start:
        found.append(("project_end", "de einddatum ligt vóór de startdatum van het project"))
    if phase is Phase.DECLARATIE and scheme is Scheme.IMPULS:
        found.append(
            ("phase", "een declaratie bestaat alleen bij de Innovatieve Projectenregeling")
        )
    if leaders > 1:
        found.append(
            ("internal_staff", f"er is maar één projectleider per aanvraag mogelijk (nu {leaders})")
        )
    return found


class CaseFile(BaseModel):
    """A reference case: an application plus the result the rules give for it."""

    model_config = ConfigDict(extra="allow")

    name: str = ""
    source: str = ""
    application: Application
