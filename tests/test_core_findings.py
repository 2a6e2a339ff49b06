"""Eligibility findings: each code's ok / problem / to_check, with a Dutch message and a source."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any, ClassVar

import pytest

from aeno_core.estimate import estimate
from aeno_core.findings import Finding, Group, Verdict
from aeno_core.models import Application

IMPULS: dict[str, Any] = {
    "scheme": "impuls",
    "project_start": "2019-02-01",
    "project_end": "2019-06-30",
    "submitted_on": "2019-07-15",
    "external_costs": [{"description": "training", "amount_ex_vat": "3000.00"}],
    "organisation": {
        "type": "gemeente",
        "applies_car_uwo": True,
        "collaboration": False,
        "via_external_bureau": False,
    },
    "project": {
        "title": "Leren van fouten",
        "theme": 5,
        "new_for": "gemeente",
        "status": "finished",
        "participants_per_training": 12,
    },
}
INNOVATIEF: dict[str, Any] = {
    **IMPULS,
    "scheme": "innovatief",
    "project_start": "2019-05-01",
    "project_end": "2020-04-30",
    "submitted_on": "2019-04-15",
    "project": {
        "title": "Proeftuin",
        "theme": 1,
        "new_for": "sector",
        "status": "planned",
        "partner_gemeenten": 2,
        "internal_assignment_date": "2019-04-01",
    },
}


def _findings(base: dict[str, Any], **changes: Any) -> dict[str, Finding]:
    data = {**base}
    for key, value in changes.items():
        if key in ("organisation", "project") and isinstance(value, dict):
            data[key] = {**base[key], **value}
        else:
            data[key] = value
    found = estimate(Application.model_validate(data)).findings
    codes = [f.code for f in found]
    assert len(codes) == len(set(codes)), f"a code appears twice: {codes}"
    return {f.code: f for f in found}


def _verdict(base: dict[str, Any], code: str, **changes: Any) -> Verdict:
    return _findings(base, **changes)[code].verdict


def test_a_complete_good_application_has_no_problem_and_every_finding_explains_itself() -> None:
    for base in (IMPULS, INNOVATIEF):
        found = _findings(base)
        assert not [f.code for f in found.values() if f.verdict is Verdict.PROBLEM]
        for finding in found.values():
            assert finding.message.strip() and finding.source.strip(), finding
            assert finding.message[0].isupper() or finding.message[0].isdigit(), finding


def test_organisation_findings_come_only_with_an_organisation() -> None:
    codes = set(_findings(IMPULS, organisation=None))
    assert not codes & {"organisation_type", "car_uwo", "share_gemeenten", "external_bureau"}


def test_content_and_practical_findings_come_only_with_a_project() -> None:
    codes = set(_findings(IMPULS, project=None))
    assert not codes & {
        "theme",
        "new_for",
        "status",
        "duration",
        "participants",
        "application_window",
    }


@pytest.mark.parametrize(
    ("code", "changes", "verdict"),
    [
        ("organisation_type", {"organisation": {"type": "anders"}}, Verdict.PROBLEM),
        ("organisation_type", {"organisation": {"type": "detacheringsorganisatie"}}, Verdict.OK),
        ("organisation_type", {"organisation": {"type": None}}, Verdict.TO_CHECK),
        ("car_uwo", {"organisation": {"applies_car_uwo": False}}, Verdict.PROBLEM),
        ("car_uwo", {"organisation": {"applies_car_uwo": None}}, Verdict.TO_CHECK),
        (
            "share_gemeenten",
            {"organisation": {"collaboration": True, "share_gemeenten": 75}},
            Verdict.OK,
        ),
        (
            "share_gemeenten",
            {"organisation": {"collaboration": True, "share_gemeenten": "74.9"}},
            Verdict.PROBLEM,
        ),
        ("share_gemeenten", {"organisation": {"collaboration": True}}, Verdict.TO_CHECK),
        ("share_gemeenten", {"organisation": {"collaboration": None}}, Verdict.TO_CHECK),
        (
            "share_gemeenten",
            {"organisation": {"collaboration": False, "share_gemeenten": 10}},
            Verdict.OK,
        ),
        ("external_bureau", {"organisation": {"via_external_bureau": True}}, Verdict.PROBLEM),
        ("external_bureau", {"organisation": {"via_external_bureau": None}}, Verdict.TO_CHECK),
        ("theme", {"project": {"theme": None}}, Verdict.PROBLEM),
        ("theme", {"project": {"theme": 6}}, Verdict.OK),
        ("new_for", {"project": {"new_for": "none"}}, Verdict.PROBLEM),
        ("new_for", {"project": {"new_for": "sector"}}, Verdict.OK),
        ("new_for", {"project": {"new_for": None}}, Verdict.TO_CHECK),
        ("status", {"project": {"status": "running"}}, Verdict.PROBLEM),
        ("status", {"project": {"status": "planned"}}, Verdict.PROBLEM),
        ("status", {"project": {"status": None}}, Verdict.TO_CHECK),
        ("participants", {"project": {"participants_per_training": 8}}, Verdict.OK),
        ("participants", {"project": {"participants_per_training": 7}}, Verdict.PROBLEM),
        ("participants", {"project": {"participants_per_training": None}}, Verdict.TO_CHECK),
        ("duration", {"project_end": "2019-08-31"}, Verdict.OK),
        ("duration", {"project_end": "2019-09-01"}, Verdict.PROBLEM),
        ("application_window", {"submitted_on": "2019-08-25"}, Verdict.OK),
        ("application_window", {"submitted_on": "2019-08-26"}, Verdict.PROBLEM),
        (
            "submission_window",
            {
                "submitted_on": "2019-01-01",
                "project_end": "2018-12-31",
                "project_start": "2018-08-01",
            },
            Verdict.PROBLEM,
        ),
        (
            "submission_window",
            {
                "submitted_on": "2019-01-02",
                "project_end": "2018-12-31",
                "project_start": "2018-08-01",
            },
            Verdict.OK,
        ),
        (
            "submission_window",
            {"submitted_on": "2019-12-13", "project_end": "2019-11-30"},
            Verdict.OK,
        ),
        (
            "submission_window",
            {"submitted_on": "2019-12-14", "project_end": "2019-11-30"},
            Verdict.PROBLEM,
        ),
        (
            "submission_window",
            {"submitted_on": "2020-01-10", "project_end": "2019-12-31"},
            Verdict.TO_CHECK,
        ),
    ],
)
def test_impuls_findings(code: str, changes: dict[str, Any], verdict: Verdict) -> None:
    assert _verdict(IMPULS, code, **changes) is verdict


@pytest.mark.parametrize(
    ("code", "changes", "verdict"),
    [
        ("new_for", {"project": {"new_for": "gemeente"}}, Verdict.PROBLEM),
        ("new_for", {"project": {"new_for": "none"}}, Verdict.PROBLEM),
        ("status", {"project": {"status": "running"}}, Verdict.PROBLEM),
        ("status", {"project": {"status": "finished"}}, Verdict.PROBLEM),
        ("status", {"project": {"status": None}}, Verdict.TO_CHECK),
        ("duration", {"project_end": "2020-06-30"}, Verdict.OK),
        ("duration", {"project_end": "2020-07-01"}, Verdict.PROBLEM),
        ("partner_gemeenten", {"project": {"partner_gemeenten": 1}}, Verdict.PROBLEM),
        ("partner_gemeenten", {"project": {"partner_gemeenten": None}}, Verdict.TO_CHECK),
        ("application_window", {"submitted_on": "2019-04-29"}, Verdict.OK),
        ("application_window", {"submitted_on": "2019-04-30"}, Verdict.PROBLEM),
        ("application_window", {"project": {"internal_assignment_date": None}}, Verdict.TO_CHECK),
        ("innovatief_content", {}, Verdict.TO_CHECK),
    ],
)
def test_innovatief_findings(code: str, changes: dict[str, Any], verdict: Verdict) -> None:
    assert _verdict(INNOVATIEF, code, **changes) is verdict


def test_the_impuls_conditions_are_not_judged_for_innovatief_and_vice_versa() -> None:
    assert "participants" not in _findings(INNOVATIEF)
    assert "partner_gemeenten" not in _findings(IMPULS)
    assert "innovatief_content" not in _findings(IMPULS)


class TestDeclaratie:
    BASE: ClassVar[dict[str, Any]] = {
        **INNOVATIEF,
        "phase": "declaratie",
        "provisional_subsidy": "5000.00",
        "submitted_on": "2020-06-01",
        "project": {**INNOVATIEF["project"], "status": "finished"},
    }

    def test_the_declaration_window_replaces_the_application_window(self) -> None:
        found = _findings(self.BASE)
        assert "application_window" not in found and "partner_gemeenten" not in found
        assert found["declaration_window"].verdict is Verdict.OK
        assert (
            _verdict(self.BASE, "declaration_window", submitted_on="2020-06-26") is Verdict.PROBLEM
        )

    def test_the_provisional_amount_is_asked_for_and_checked(self) -> None:
        assert _verdict(self.BASE, "provisional_subsidy") is Verdict.OK
        assert (
            _verdict(self.BASE, "provisional_subsidy", provisional_subsidy=None) is Verdict.TO_CHECK
        )
        too_high = _findings(self.BASE, provisional_subsidy="60000.00")["provisional_subsidy"]
        assert too_high.verdict is Verdict.TO_CHECK and "buiten" in too_high.message

    def test_a_declaratie_before_the_end_is_to_check(self) -> None:
        running = {**self.BASE["project"], "status": "running"}
        assert _verdict(self.BASE, "status", project=running) is Verdict.TO_CHECK


def test_theme_left_unanswered_is_to_check_but_none_fits_is_a_problem() -> None:
    project = {k: v for k, v in IMPULS["project"].items() if k != "theme"}
    assert _findings({**IMPULS, "project": project})["theme"].verdict is Verdict.TO_CHECK
    assert _verdict(IMPULS, "theme", project={"theme": None}) is Verdict.PROBLEM


def test_a_share_without_the_collaboration_answer_is_still_judged() -> None:
    organisation = {"type": "uitvoeringsorganisatie", "share_gemeenten": 60}
    found = _findings({**IMPULS, "organisation": organisation})
    assert found["share_gemeenten"].verdict is Verdict.PROBLEM
    assert "60%" in found["share_gemeenten"].message


def test_messages_name_the_dates_in_dutch() -> None:
    found = _findings(IMPULS, submitted_on="2019-08-26")
    assert "uiterlijk 25 augustus 2019" in found["application_window"].message
    assert "26 augustus 2019" in found["application_window"].message
    assert "13 december 2019" in found["submission_window"].message


def test_financial_findings_are_only_ever_to_check() -> None:
    data = {
        **IMPULS,
        "external_costs": [
            {
                "description": "Sportschool jongeren",
                "amount_ex_vat": "900.00",
                "staff_development": False,
            },
            {"amount_ex_vat": "3000.00"},
        ],
        "internal_staff": [
            {"role": "projectleider", "project_leader": True, "scale": 10, "step": 6, "hours": 10},
            {"role": "adviseur", "scale": 10, "step": 25, "hours": 10},
        ],
    }
    found = _findings(data)
    assert found["staff_development"].verdict is Verdict.TO_CHECK
    assert "Sportschool jongeren" in found["staff_development"].message
    rate = found["hourly_rate"]
    assert rate.verdict is Verdict.TO_CHECK and rate.group is Group.FINANCIAL
    assert "benaderd" in rate.message and "adviseur (schaal 10, periodiek 25)" in rate.message


def test_a_date_before_the_known_rules_is_judged_by_the_first_rules_and_says_so() -> None:
    result = estimate(
        Application.model_validate(
            {
                **IMPULS,
                "project_start": "2017-02-01",
                "project_end": "2017-06-30",
                "submitted_on": "2017-07-15",
            }
        )
    )
    finding = next(f for f in result.findings if f.code == "rules_date")
    assert finding.verdict is Verdict.TO_CHECK and "1 april 2018" in finding.message
    assert result.rules_date == date(2018, 4, 1) and result.submitted_on == date(2017, 7, 15)
    assert result.calculation.subsidy == Decimal("1000.00")
