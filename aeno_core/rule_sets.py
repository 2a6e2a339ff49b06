"""Which of the fund's rules apply on a day, and what to tell the user when we know none.

The core alone works out the rules date: the pages, the PDF, the CLI and `Answers` all ask
`rules_day`, so a date of applying that no rule set covers (1900, 2016, 2026) can never reach a
parameter lookup unclamped and fail there. The periods themselves are data
(`general.rule_set` in `assets/rules/parameters.yaml`), so a newly published year is a new
dated entry, not a code change.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from aeno_core import formatting as fmt
from aeno_core import parameters as params
from aeno_core.parameters import Parameter, ParameterError, parameter

RULE_SET = "general.rule_set"


@dataclass(frozen=True)
class RuleStatus:
    """The rules for one day: the day they are taken from, and a notice when not the day's own."""

    day: date
    rules_date: date
    known: bool
    notice: str
    """Dutch, for the user; empty when the day's own rules are known."""
    source: str
    rules_name: str
    """`de regels van 2019 (...)`: which rules the estimate was computed with."""


Period = tuple[date, date, str]
"""A known rule set: its first and last day and its name."""

_KNOWN: list[tuple[dict[str, Parameter], tuple[Period, ...]]] = []
"""The known periods of the rules last loaded, kept with them so a reload is noticed."""


def known_periods() -> tuple[Period, ...]:
    """Every known rule set, oldest first (gaps between them are periods without rules)."""
    parameters = params.load_parameters()
    if _KNOWN and _KNOWN[0][0] is parameters:
        return _KNOWN[0][1]
    found = _known_periods(parameters[RULE_SET])
    _KNOWN[:] = [(parameters, found)]
    return found


def _known_periods(spec: Parameter) -> tuple[Period, ...]:
    periods: list[Period] = []
    for index, (start, value) in enumerate(zip(spec.dates, spec.values, strict=True)):
        if value["status"] != "known":
            continue
        until = value.get("until")
        if until is not None:
            last = _as_day(until)
        elif index + 1 < len(spec.dates):
            last = date.fromordinal(spec.dates[index + 1].toordinal() - 1)
        else:
            last = date.max
        periods.append((start, last, str(value["name"])))
    if not periods:
        raise ParameterError(f"{RULE_SET}: geen bekende regels")
    return tuple(periods)


def known_range() -> Period:
    """First day of the first known rule set, last day of the last one, and the last's name."""
    periods = known_periods()
    return periods[0][0], periods[-1][1], periods[-1][2]


def _nearest(day: date) -> Period:
    """The known period holding `day`, else the latest one before it, else the first."""
    periods = known_periods()
    before = [period for period in periods if period[0] <= day]
    return before[-1] if before else periods[0]


def rules_day(day: date) -> date:
    """The day whose rules apply to an application dated `day`: `day` itself inside a known
    rule set, else the nearest earlier known day (the first one for a day before them all),
    so every parameter has a value on it, for any date from 1 January 1 to 31 December 9999."""
    first, last, _ = _nearest(day)
    return min(max(day, first), last)


def rule_status(day: date) -> RuleStatus:
    """The rules date for `day` and, outside the known periods, the notice the user reads."""
    first = known_range()[0]
    clamped = rules_day(day)
    name = _nearest(day)[2]
    try:
        period = parameter(RULE_SET, day)
    except ParameterError:
        period = None
    reference = parameter(RULE_SET, clamped).reference
    if clamped == day:
        return RuleStatus(day, clamped, True, "", reference, name)
    if period is None:
        why = (
            f"De Impulsregeling en de Innovatieve Projectenregeling gingen open op"
            f" {fmt.long_date(first)}; voor {fmt.long_date(day)} kent deze wizard geen regels"
            " van het fonds."
        )
    elif period.value["status"] == "known":  # after the known set's last day
        why = f"Voor {fmt.long_date(day)} kent deze wizard geen regels van het fonds."
    else:
        why = str(period.value["note"])
    spec = params.load_parameters()[RULE_SET]
    # The fund's own page on its current schemes: the newest rule set's link.
    fund_page = spec.references[-1].href.removeprefix("https://")
    replacements = [v for v in spec.values if v["status"] == "replaced"]
    replaced = ""
    if replacements and (period is None or period.value is not replacements[-1]):
        replaced = " " + str(replacements[-1]["note"])
    notice = (
        f"{why}{replaced} Deze schatting is berekend met {name}; de bedragen, voorwaarden en"
        f" termijnen kunnen voor uw aanvraag anders zijn. Kijk op {fund_page} welke regeling"
        " nu geldt."
    )
    return RuleStatus(day, clamped, False, notice, reference, name)


def _as_day(raw: object) -> date:
    return raw if isinstance(raw, date) else date.fromisoformat(str(raw))
