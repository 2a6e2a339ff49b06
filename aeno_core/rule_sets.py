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
from typing import Any

from aeno_core import formatting as fmt
from aeno_core import parameters as params
from aeno_core.parameters import Parameter, ParameterError, parameter

RULE_SET = "general.rule_set"
FUND_PAGE = "www.aeno.nl/subsidie-voorwaarden"
"""The fund's own page on its current schemes, named in every notice."""


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


_KNOWN: list[tuple[dict[str, Parameter], tuple[date, date, str]]] = []
"""The known range of the rules last loaded, kept with them so a reload is noticed."""


def known_range() -> tuple[date, date, str]:
    """First and last day of the known rule sets, and the name of the last one."""
    parameters = params.load_parameters()
    if _KNOWN and _KNOWN[0][0] is parameters:
        return _KNOWN[0][1]
    found = _known_range(parameters[RULE_SET])
    _KNOWN[:] = [(parameters, found)]
    return found


def _known_range(spec: Parameter) -> tuple[date, date, str]:
    known = [
        (start, value)
        for start, value in zip(spec.dates, spec.values, strict=True)
        if value["status"] == "known"
    ]
    if not known:
        raise ParameterError(f"{RULE_SET}: geen bekende regels")
    first = known[0][0]
    last_value: dict[str, Any] = known[-1][1]
    until = last_value.get("until")
    last = date.max if until is None else _as_day(until)
    return first, last, str(last_value["name"])


def rules_day(day: date) -> date:
    """The day whose rules apply to an application dated `day`: `day` clamped into the known
    range, so every parameter has a value on it (any date, 1 January 1 to 31 December 9999)."""
    first, last, _ = known_range()
    return min(max(day, first), last)


def rule_status(day: date) -> RuleStatus:
    """The rules date for `day` and, outside the known periods, the notice the user reads."""
    first, last, _ = known_range()
    clamped = min(max(day, first), last)
    name = str(parameter(RULE_SET, clamped).value["name"])
    try:
        period = parameter(RULE_SET, day)
    except ParameterError:
        period = None
    reference = params.load_parameters()[RULE_SET].reference
    if period is not None and period.value["status"] == "known":
        return RuleStatus(day, clamped, True, "", reference, name)
    if period is None:
        why = (
            f"De Impulsregeling en de Innovatieve Projectenregeling gingen open op"
            f" {fmt.long_date(first)}; voor {fmt.long_date(day)} kent deze wizard geen regels"
            " van het fonds."
        )
    else:
        why = str(period.value["note"])
    spec = params.load_parameters()[RULE_SET]
    replacements = [v for v in spec.values if v["status"] == "replaced"]
    replaced = ""
    if replacements and (period is None or period.value is not replacements[-1]):
        replaced = " " + str(replacements[-1]["note"])
    notice = (
        f"{why}{replaced} Deze schatting is berekend met {name}; de bedragen, voorwaarden en"
        f" termijnen kunnen voor uw aanvraag anders zijn. Kijk op {FUND_PAGE} welke regeling"
        " nu geldt."
    )
    return RuleStatus(day, clamped, False, notice, reference, name)


def _as_day(raw: object) -> date:
    return raw if isinstance(raw, date) else date.fromisoformat(str(raw))
