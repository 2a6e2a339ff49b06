"""The subsidy calculation, one explained line per cost line, in exact decimal arithmetic.

Each line's subsidy is rounded to whole cents, half up; the estimate is the sum of the rounded
lines held to the scheme's minimum and maximum, and a declaratie to the provisional amount.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from fractions import Fraction
from typing import Literal

from pydantic import BaseModel

from aeno_core import formatting as fmt
from aeno_core.hourly_wages import table_rate
from aeno_core.models import Application, ExternalCost, InternalStaff, Phase, Scheme
from aeno_core.parameters import parameter

CENT = Decimal("0.01")
ZERO = Decimal("0.00")


class Limit(StrEnum):
    """Which limit decided the estimate, if any."""

    NONE = "none"
    BELOW_MINIMUM = "below_minimum"
    MAXIMUM = "maximum"
    PROVISIONAL = "provisional"


class CalculationLine(BaseModel):
    """One cost line with what it counts for and why."""

    kind: Literal["external", "internal"]
    index: int
    description: str
    cost: Decimal
    hours: Decimal | None = None
    rate: Decimal | None = None
    rate_source: str = ""
    rate_is_approximation: bool = False
    share: str
    eligible: bool
    subsidy: Decimal
    rule: str
    source: str


class Calculation(BaseModel):
    """The explained estimate for one application."""

    scheme: Scheme
    phase: Phase
    rules_date: date
    lines: list[CalculationLine]
    before_limits: Decimal
    minimum: Decimal
    maximum: Decimal
    provisional_subsidy: Decimal | None
    subsidy: Decimal
    limit: Limit
    limit_message: str
    limit_source: str
    project_leader_rule_applied: bool
    project_leader_rule_cost: Decimal
    missing_rates: list[int]


def round_cents(value: Fraction) -> Decimal:
    """Round a non-negative exact amount to whole cents, half up."""
    return subsidy_cents(value)


def subsidy_cents(*factors: Decimal | Fraction) -> Decimal:
    """The exact product of non-negative `factors`, rounded to whole cents, half up.

    Integer arithmetic on the factors' exact ratios: the same result as multiplying Fractions,
    without building one per step (this runs for every line on every rerun of a page).
    """
    numerator, denominator = 1, 1
    for factor in factors:
        top, bottom = factor.as_integer_ratio()
        numerator *= top
        denominator *= bottom
    return _half_up_cents(numerator, denominator)


def _half_up_cents(numerator: int, denominator: int) -> Decimal:
    """numerator / denominator euros as whole cents, half up (both non-negative)."""
    return Decimal((200 * numerator + denominator) // (2 * denominator)).scaleb(-2)


def _line_cents(share: tuple[int, int], *amounts: Decimal) -> Decimal:
    """`share` × the product of `amounts`, in cents half up: `subsidy_cents` for the hot path."""
    numerator, denominator = share
    for amount in amounts:
        top, bottom = amount.as_integer_ratio()
        numerator *= top
        denominator *= bottom
    return _half_up_cents(numerator, denominator)


def _external_line(
    index: int,
    line: ExternalCost,
    share: Fraction,
    share_text: str,
    source: str,
    excluded_source: str,
) -> CalculationLine:
    if line.staff_development:
        subsidy = _line_cents(share.as_integer_ratio(), line.amount_ex_vat)
        rule = (
            f"{share_text} van {fmt.money(line.amount_ex_vat)} (ex BTW, alleen het"
            f" projectdeel) = {fmt.money(subsidy)}"
        )
    else:
        subsidy = ZERO
        rule = (
            "Telt niet mee: deze kosten zijn niet gericht op de ontwikkeling van"
            " medewerkers of de organisatie van de gemeente."
        )
        source = excluded_source
    return CalculationLine(
        kind="external",
        index=index,
        description=line.description,
        cost=line.amount_ex_vat.quantize(CENT),
        share=share_text,
        eligible=line.staff_development,
        subsidy=subsidy,
        rule=rule,
        source=source,
    )


@dataclass(frozen=True)
class _RuleSources:
    """The references a line cites when a condition, not a share, decides it."""

    excluded_cost: str
    project_leader: str
    wage_table: str

    @classmethod
    def on(cls, day: date) -> _RuleSources:
        return cls(
            excluded_cost=parameter("general.eligible_external_costs", day).reference,
            project_leader=parameter("general.project_leader_rule", day).reference,
            wage_table=parameter("general.internal_cost_rate", day).reference,
        )


def _internal_line(
    index: int,
    line: InternalStaff,
    share: Fraction,
    share_text: str,
    source: str,
    project_start: date,
    leader_only: bool,
    rules: _RuleSources,
) -> CalculationLine:
    if line.hourly_rate is not None:
        rate: Decimal | None = line.hourly_rate
        rate_source = "Uurloon ingevuld door de gebruiker (uit de uurloontabel van het A&O fonds)."
        approximation = False
    else:
        assert line.scale is not None and line.step is not None  # the model demands them here
        lookup = table_rate(line.scale, line.step, project_start)
        rate, rate_source, approximation = lookup.rate, lookup.source, lookup.approximation
    cost = (line.hours * rate).quantize(CENT, ROUND_HALF_UP) if rate is not None else ZERO
    common = {
        "kind": "internal",
        "index": index,
        "description": line.role,
        "hours": line.hours,
        "rate": rate,
        "rate_source": rate_source,
        "rate_is_approximation": approximation,
        "share": share_text,
    }
    if leader_only and not line.project_leader:
        return CalculationLine(
            **common,
            cost=cost,
            eligible=False,
            subsidy=ZERO,
            rule="Telt niet mee: met externe kosten in de aanvraag is intern alleen de"
            " projectleider subsidiabel.",
            source=rules.project_leader,
        )
    if rate is None:
        return CalculationLine(
            **common,
            cost=cost,
            eligible=False,
            subsidy=ZERO,
            rule="Nog niet te berekenen: er is geen uurloon bekend voor deze schaal en"
            " periodiek. Vul het uurloon uit de uurloontabel van het fonds in.",
            source=rules.wage_table,
        )
    subsidy = _line_cents(share.as_integer_ratio(), line.hours, rate)
    return CalculationLine(
        **common,
        cost=cost,
        eligible=True,
        subsidy=subsidy,
        rule=f"{share_text} van {fmt.number(line.hours)} uur × {fmt.money(rate)}"
        f"{_scale_text(line)} = {fmt.money(subsidy)}",
        source=source,
    )


def _scale_text(line: InternalStaff) -> str:
    """` (schaal 8, periodiek 5)` when the line names them; a rate alone needs neither."""
    if line.scale is None or line.step is None:
        return " (uurloon ingevuld)"
    return f" (schaal {line.scale}, periodiek {line.step})"


def has_counting_external(application: Application) -> bool:
    """At least one external line the fund counts: about staff development and above zero."""
    return any(
        line.staff_development and line.amount_ex_vat > 0 for line in application.external_costs
    )


def leader_only_applies(application: Application) -> bool:
    """True when an eligible external line above zero makes only the project leader count."""
    return has_counting_external(application)


def calculate(application: Application, rules_date: date) -> Calculation:
    """The explained estimate of `application` under the rules in force on `rules_date`."""
    scheme = application.scheme.value
    internal = parameter(f"{scheme}.internal_share", rules_date)
    external = parameter(f"{scheme}.external_share", rules_date)
    minimum = parameter(f"{scheme}.minimum", rules_date)
    maximum = parameter(f"{scheme}.maximum", rules_date)
    leader_only = leader_only_applies(application)
    rules = _RuleSources.on(rules_date)
    external_text, internal_text = fmt.share(external.value), fmt.share(internal.value)
    internal_ratio = internal.value.as_integer_ratio()

    lines = [
        _external_line(
            i, line, external.value, external_text, external.reference, rules.excluded_cost
        )
        for i, line in enumerate(application.external_costs)
    ]
    internal_lines = [
        _internal_line(
            i,
            line,
            internal.value,
            internal_text,
            internal.reference,
            application.project_start,
            leader_only,
            rules,
        )
        for i, line in enumerate(application.internal_staff)
    ]
    lines.extend(internal_lines)
    before = sum((line.subsidy for line in lines), ZERO)
    lost = sum(
        (
            _line_cents(internal_ratio, line.hours or ZERO, line.rate)
            for line, staff in zip(internal_lines, application.internal_staff, strict=True)
            if leader_only and not staff.project_leader and line.rate is not None
        ),
        ZERO,
    )
    subsidy, limit, message, source = _apply_limits(
        application, before, minimum.value, maximum.value
    )
    if limit is Limit.BELOW_MINIMUM:
        source = minimum.reference
    elif limit is Limit.MAXIMUM:
        source = maximum.reference
    elif limit is Limit.PROVISIONAL:
        source = parameter("innovatief.provisional_subsidy", rules_date).reference
    return Calculation(
        scheme=application.scheme,
        phase=application.phase,
        rules_date=rules_date,
        lines=lines,
        before_limits=before,
        minimum=minimum.value,
        maximum=maximum.value,
        provisional_subsidy=application.provisional_subsidy,
        subsidy=subsidy,
        limit=limit,
        limit_message=message,
        limit_source=source,
        project_leader_rule_applied=leader_only
        and any(not staff.project_leader for staff in application.internal_staff),
        project_leader_rule_cost=lost,
        missing_rates=[line.index for line in internal_lines if line.rate is None],
    )


def _apply_limits(
    application: Application, before: Decimal, minimum: Decimal, maximum: Decimal
) -> tuple[Decimal, Limit, str, str]:
    """Hold the sum to the minimum and maximum, and a declaratie to the provisional amount."""
    if before < minimum:
        return (
            ZERO,
            Limit.BELOW_MINIMUM,
            f"{fmt.money(before)} is minder dan de minimumsubsidie van {fmt.money(minimum)}:"
            " er is dan geen subsidie.",
            "",
        )
    subsidy, limit = before, Limit.NONE
    message = f"{fmt.money(before)} ligt tussen het minimum en het maximum van de regeling."
    if before > maximum:
        subsidy, limit = maximum, Limit.MAXIMUM
        message = (
            f"{fmt.money(before)} is meer dan de maximumsubsidie: het wordt {fmt.money(maximum)}."
        )
    provisional = application.provisional_subsidy
    if provisional is not None:
        provisional = provisional.quantize(CENT)  # "8500" from a file is shown as 8500.00
    if application.phase is Phase.DECLARATIE and provisional is not None and subsidy > provisional:
        if provisional < minimum:
            # No real grant lies below the minimum; the minimum holds for the final amount too.
            return (
                ZERO,
                Limit.BELOW_MINIMUM,
                f"Het bedrag uit de voorlopige beschikking ({fmt.money(provisional)}) is het"
                f" maximum voor dit project, maar ligt onder de minimumsubsidie van"
                f" {fmt.money(minimum)}: er is dan geen subsidie. Controleer het bedrag.",
                "",
            )
        return (
            provisional,
            Limit.PROVISIONAL,
            f"Het bedrag uit de voorlopige beschikking ({fmt.money(provisional)}) is het maximum"
            " voor dit project.",
            "",  # the caller cites innovatief.provisional_subsidy
        )
    return subsidy, limit, message, ""


class LeaderRuleSwitch(BaseModel):
    """A change of the answers that turned the project-leader rule on or off, and its effect.

    For the Kosten page (issue 13, item 10): the fund's rule is right, but a EUR 3 external line
    that drops the estimate from EUR 2.745 to 0 must be explained at the moment it happens.
    """

    switched_on: bool
    change: Decimal
    """The estimate after the change less the estimate before it."""

    @property
    def message(self) -> str:
        """One Dutch line for the user, with the amount the estimate moved."""
        if self.switched_on:
            return (
                "Door deze externe kosten telt intern alleen de projectleider:"
                f" {fmt.money(self.change)}"
            )
        return (
            "Er telt geen externe kostenregel meer, dus tellen alle interne uren weer mee:"
            f" {fmt.money(self.change)}"
        )


def leader_rule_switch(
    before: Application, after: Application, rules_date: date
) -> LeaderRuleSwitch | None:
    """None when the change left the project-leader rule as it was; else which way it went
    and how much the estimate moved (both calculated under the same rules)."""
    was, now = leader_only_applies(before), leader_only_applies(after)
    if was == now:
        return None
    change = calculate(after, rules_date).subsidy - calculate(before, rules_date).subsidy
    return LeaderRuleSwitch(switched_on=now, change=change)
