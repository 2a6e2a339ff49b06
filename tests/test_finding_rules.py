"""Every finding and every parameter has a source: one registry of finding codes, each code's rule
citing entries of `assets/rules/` whose every dated value has a title and a link."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from aeno_core import parameters as params
from aeno_core.casefile import CaseFileError, load_application
from aeno_core.estimate import Estimate, estimate
from aeno_core.finding_rules import FINDING_RULES, SCHEME, FindingCode, FindingRule
from aeno_core.models import Application, Phase, Scheme
from aeno_core.rule_sets import known_periods
from tests.paths import OWN_SCENARIOS, SHARED_CASES, shared_case_files


def _estimates() -> list[Estimate]:
    """The shared cases and our own scenarios that form an application, and a few more made to
    reach the findings no file reaches."""
    found = []
    for path in [*shared_case_files(), *sorted(OWN_SCENARIOS.glob("*.yaml"))]:
        try:
            found.append(estimate(load_application(path)))
        except CaseFileError:
            continue
    declaratie = Application(
        scheme=Scheme.INNOVATIEF,
        phase=Phase.DECLARATIE,
        project_start=date(2019, 2, 1),
        project_end=date(2019, 12, 31),
        submitted_on=date(2019, 11, 1),
    )
    found.append(estimate(declaratie))
    long_after = Application(
        scheme=Scheme.IMPULS,
        project_start=date(2026, 2, 1),
        project_end=date(2026, 6, 30),
        submitted_on=date(2026, 7, 1),
    )
    found.append(estimate(long_after))
    return found


ESTIMATES = _estimates()


def _names(rule: FindingRule, scheme: Scheme) -> list[str]:
    return [name.replace(SCHEME, scheme.value) for name in rule.sources]


def test_every_code_has_one_rule_in_the_registry() -> None:
    assert set(FINDING_RULES) == set(FindingCode)
    for code, rule in FINDING_RULES.items():
        assert rule.code is code
        assert rule.sources and rule.schemes


def test_the_codes_the_shared_cases_fix_keep_their_values() -> None:
    table = (SHARED_CASES / "README.md").read_text(encoding="utf-8").split("## Finding codes")[1]
    fixed = re.findall(r"^\| `(\w+)` \|", table, flags=re.MULTILINE)
    assert len(fixed) == 12
    assert [FindingCode(code).value for code in fixed] == fixed


def test_every_finding_rule_has_a_dated_source_with_a_title_and_a_link() -> None:
    """On the first and the last day of every known rule set, for every scheme it concerns."""
    days = [day for first, last, _ in known_periods() for day in (first, last)]
    for rule in FINDING_RULES.values():
        for scheme in rule.schemes:
            for day in days:
                for which, name in enumerate(_names(rule, scheme)):
                    if name == "general.submission_window" and day.year != 2019:
                        continue  # the one yearly value: 2018 has its fallback (which=1)
                    source = rule.source(day, scheme, which=which)
                    assert source.name == name
                    assert source.reference.strip(), (rule.code, name)
                    assert source.href.startswith("https://"), (rule.code, name)
                    assert source.valid_from <= day, (rule.code, name, "applies from")


def test_every_parameter_has_a_source_per_dated_value() -> None:
    for name, parameter in params.load_parameters().items():
        for day in parameter.dates:
            value = parameter.on(day)
            assert value.reference.strip() and value.href.strip(), (name, day)


def test_every_finding_made_cites_its_rule_from_the_registry() -> None:
    made: set[FindingCode] = set()
    for result in ESTIMATES:
        scheme = result.application.scheme
        for finding in result.findings:
            rule = FINDING_RULES[FindingCode(finding.code)]
            made.add(rule.code)
            assert finding.group is rule.group, finding.code
            assert scheme in rule.schemes, finding.code
            cited = {
                params.parameter(name, result.rules_date).reference
                for name in _names(rule, scheme)
                if name in params.load_parameters()
                and params.load_parameters()[name].dates[0] <= result.rules_date
            }
            assert finding.source in cited, (finding.code, finding.source)
    assert made == set(FindingCode), f"not reached: {set(FindingCode) - made}"


@pytest.mark.parametrize("path", sorted((params.RULES_DIR).glob("*.yaml")), ids=lambda p: p.name)
def test_no_rules_file_has_a_reference_outside_its_dated_values(path: Path) -> None:
    """A reference belongs to a value (a new year brings its own), not to the whole parameter."""
    assert not re.search(r"^  reference:", path.read_text(encoding="utf-8"), flags=re.MULTILINE)
