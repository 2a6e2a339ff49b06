"""The findings' vocabulary: every finding code, and per code the rule behind it.

One registry, `FINDING_RULES`: per code its group, the entries in `assets/rules/` whose
reference a finding of that code cites as its source (each dated value there has a title and a
link), and so the date from which that rule applies. `findings.py` takes a finding's group and
source from here; the codes the shared cases fix (`../shared/cases/README.md`) keep their values.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from aeno_core.models import Scheme
from aeno_core.parameters import DatedValue, parameter


class Verdict(StrEnum):
    """How a condition stands."""

    OK = "ok"
    PROBLEM = "problem"
    TO_CHECK = "to_check"


class Group(StrEnum):
    """The fund's own grouping of its conditions."""

    ORGANISATION = "organisatie"
    CONTENT = "inhoud"
    PRACTICAL = "praktisch"
    FINANCIAL = "financieel"


class FindingCode(StrEnum):
    """Every finding the core makes. The first twelve are fixed by the shared cases' README."""

    ORGANISATION_TYPE = "organisation_type"
    CAR_UWO = "car_uwo"
    SHARE_GEMEENTEN = "share_gemeenten"
    EXTERNAL_BUREAU = "external_bureau"
    THEME = "theme"
    NEW_FOR = "new_for"
    STATUS = "status"
    DURATION = "duration"
    PARTICIPANTS = "participants"
    PARTNER_GEMEENTEN = "partner_gemeenten"
    APPLICATION_WINDOW = "application_window"
    SUBMISSION_WINDOW = "submission_window"
    # This project's own: never judged `problem` unless the answers leave no doubt.
    APPLICATION_LIMIT = "application_limit"
    INNOVATIEF_CONTENT = "innovatief_content"
    DECLARATION_WINDOW = "declaration_window"
    STAFF_DEVELOPMENT = "staff_development"
    HOURLY_RATE = "hourly_rate"
    PROVISIONAL_SUBSIDY = "provisional_subsidy"
    RULES_DATE = "rules_date"


SCHEME = "{scheme}"
"""In a source's name, stands for the application's scheme (`impuls` or `innovatief`)."""


@dataclass(frozen=True)
class FindingRule:
    """The rule behind one finding code."""

    code: FindingCode
    group: Group
    sources: tuple[str, ...]
    """Names of the entries in `assets/rules/` a finding of this code may cite, the usual one
    first; `{scheme}` stands for the scheme."""
    schemes: tuple[Scheme, ...] = (Scheme.IMPULS, Scheme.INNOVATIEF)
    """The schemes whose applications can get this finding."""

    def source(self, day: date, scheme: Scheme | None = None, *, which: int = 0) -> DatedValue:
        """The dated entry a finding of this code cites on `day`: its reference (title and
        link) is the finding's source, its `valid_from` the date the rule applies from."""
        name = self.sources[which]
        if SCHEME in name:
            if scheme is None:
                raise ValueError(f"{self.code}: the source depends on the scheme")
            name = name.replace(SCHEME, scheme.value)
        return parameter(name, day)


_G = Group
_IMPULS, _INNOVATIEF = (Scheme.IMPULS,), (Scheme.INNOVATIEF,)
FINDING_RULES: dict[FindingCode, FindingRule] = {
    rule.code: rule
    for rule in (
        FindingRule(
            FindingCode.ORGANISATION_TYPE, _G.ORGANISATION, ("general.organisation_types",)
        ),
        FindingRule(FindingCode.CAR_UWO, _G.ORGANISATION, ("general.car_uwo",)),
        FindingRule(FindingCode.SHARE_GEMEENTEN, _G.ORGANISATION, ("general.min_share_gemeenten",)),
        FindingRule(FindingCode.EXTERNAL_BUREAU, _G.ORGANISATION, ("general.external_bureau",)),
        FindingRule(FindingCode.APPLICATION_LIMIT, _G.ORGANISATION, ("general.application_limit",)),
        FindingRule(FindingCode.THEME, _G.CONTENT, ("general.themes",)),
        FindingRule(FindingCode.NEW_FOR, _G.CONTENT, ("{scheme}.new_for",)),
        FindingRule(
            FindingCode.INNOVATIEF_CONTENT, _G.CONTENT, ("innovatief.content",), _INNOVATIEF
        ),
        FindingRule(
            FindingCode.STATUS,
            _G.PRACTICAL,
            ("{scheme}.status", "innovatief.status_declaratie"),
        ),
        FindingRule(FindingCode.DURATION, _G.PRACTICAL, ("{scheme}.max_duration_months",)),
        FindingRule(FindingCode.PARTICIPANTS, _G.PRACTICAL, ("impuls.min_participants",), _IMPULS),
        FindingRule(
            FindingCode.PARTNER_GEMEENTEN,
            _G.PRACTICAL,
            ("innovatief.min_partner_gemeenten",),
            _INNOVATIEF,
        ),
        FindingRule(
            FindingCode.APPLICATION_WINDOW, _G.PRACTICAL, ("{scheme}.application_window_days",)
        ),
        FindingRule(
            FindingCode.DECLARATION_WINDOW,
            _G.PRACTICAL,
            ("innovatief.declaration_window_days",),
            _INNOVATIEF,
        ),
        FindingRule(
            FindingCode.SUBMISSION_WINDOW,
            _G.PRACTICAL,
            ("general.submission_window", "general.submission_period"),
        ),
        FindingRule(FindingCode.RULES_DATE, _G.PRACTICAL, ("general.rule_set",)),
        FindingRule(FindingCode.STAFF_DEVELOPMENT, _G.FINANCIAL, ("general.staff_development",)),
        FindingRule(FindingCode.HOURLY_RATE, _G.FINANCIAL, ("general.hourly_rate",)),
        FindingRule(
            FindingCode.PROVISIONAL_SUBSIDY,
            _G.FINANCIAL,
            ("innovatief.provisional_subsidy",),
            _INNOVATIEF,
        ),
    )
}
"""Every finding code's rule; `tests/test_finding_rules.py` checks that none is missing."""


def finding_rule(code: FindingCode) -> FindingRule:
    """The rule behind `code`."""
    return FINDING_RULES[code]
