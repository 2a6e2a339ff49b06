"""The core alone works out the rules date; no date of applying ever fails a rule lookup."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from streamlit.testing.v1 import AppTest

from aeno_core.answers import Answers, evaluate
from aeno_core.deadlines import compute_deadlines
from aeno_core.estimate import estimate, to_json
from aeno_core.findings import Verdict
from aeno_core.models import Application, OrganisationType
from aeno_core.rule_sets import known_range, rule_status, rules_day
from ui.pages import PAGES, PageSpec
from ui.state import SESSION_KEY, WizardState

DAYS = st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31))

IMPULS = {
    "scheme": "impuls",
    "project_start": "2019-02-01",
    "project_end": "2019-06-30",
    "external_costs": [{"description": "Training", "amount_ex_vat": "3000.00"}],
    "organisation": {"type": "gemeente", "applies_car_uwo": True, "collaboration": False},
    "project": {"title": "Leren", "theme": 5, "new_for": "gemeente", "status": "finished"},
}


def test_the_known_rules_run_from_1_april_2018_to_the_end_of_2019() -> None:
    first, last, name = known_range()
    assert (first, last) == (date(2018, 4, 1), date(2019, 12, 31))
    assert "2019" in name


@pytest.mark.parametrize(
    ("day", "rules"),
    [
        (date(1900, 1, 1), date(2018, 4, 1)),
        (date(2016, 5, 1), date(2018, 4, 1)),
        (date(2018, 3, 31), date(2018, 4, 1)),
        (date(2018, 4, 1), date(2018, 4, 1)),
        (date(2019, 6, 1), date(2019, 6, 1)),
        (date(2019, 12, 31), date(2019, 12, 31)),
        (date(2020, 12, 31), date(2019, 12, 31)),
        (date(2026, 12, 2), date(2019, 12, 31)),
        (date(2100, 12, 31), date(2019, 12, 31)),
    ],
)
def test_the_rules_date_is_the_day_clamped_into_the_known_rules(day: date, rules: date) -> None:
    assert rules_day(day) == rules
    assert rule_status(day).rules_date == rules


@pytest.mark.parametrize(
    ("day", "says"),
    [
        (date(2017, 6, 1), "1 april 2018"),
        (date(2020, 12, 31), "2020"),
        (date(2021, 1, 1), "StimuleringsregelingPLUS"),
        (date(2026, 12, 2), "Stimuleringsregeling"),
    ],
)
def test_a_day_outside_the_known_rules_names_the_new_schemes_and_the_fund_page(
    day: date, says: str
) -> None:
    status = rule_status(day)
    assert not status.known
    for words in (says, "StimuleringsregelingPLUS", "aeno.nl", "regels van 2019"):
        assert words in status.notice
    assert rule_status(date(2019, 6, 1)).known and rule_status(date(2019, 6, 1)).notice == ""


@settings(max_examples=300, deadline=None)
@given(day=DAYS)
def test_answers_with_any_date_never_raise_and_notice_outside_the_rules(day: date) -> None:
    """A date of applying or project dates anywhere in 1900-2100 never fail a rule lookup."""
    answers = Answers.model_validate(
        {
            "organisation": {"type": "gemeente", "applies_car_uwo": True},
            "project": {"title": "X", "theme": 2},
            "submitted_on": day,
            "project_start": day,
            "project_end": day + timedelta(days=30) if day.year < 2100 else day,
        }
    )
    assert answers.rules_date() == rules_day(day)
    outcome = evaluate(answers)
    codes = {f.code: f.verdict for f in outcome.findings}
    inside = date(2018, 4, 1) <= day <= date(2019, 12, 31)
    assert ("rules_date" in codes) is not inside
    assert Verdict.PROBLEM not in {v for c, v in codes.items() if c == "rules_date"}
    answers.partial_findings()


def test_partial_findings_with_a_2016_date_no_longer_fail_the_rule_lookup() -> None:
    answers = Answers(submitted_on=date(2016, 5, 1))
    answers.organisation.type = OrganisationType.GEMEENTE
    found = {f.code: f for f in answers.partial_findings()}
    assert found["organisation_type"].verdict is Verdict.OK
    assert found["rules_date"].verdict is Verdict.TO_CHECK


def test_an_estimate_for_2026_says_it_used_the_2019_rules_and_gives_no_2019_closing_date() -> None:
    result = estimate(Application.model_validate({**IMPULS, "submitted_on": "2026-03-01"}))
    assert result.rules_date == date(2019, 12, 31)
    notice = next(f for f in result.findings if f.code == "rules_date")
    assert notice.verdict is Verdict.TO_CHECK and "regels van 2019" in notice.message
    assert "closing_date" not in {d.code for d in result.deadlines.items}
    printed = to_json(result)
    assert printed["rules"] == {
        "date": "2019-12-31",
        "known": False,
        "computed_with": rule_status(date(2026, 3, 1)).rules_name,
    }
    same_year = compute_deadlines(result.application, date(2019, 6, 1), date(2019, 6, 1))
    assert "closing_date" in {d.code for d in same_year.items}


def test_the_pdf_says_it_in_its_first_lines() -> None:
    import io

    from pypdf import PdfReader

    from aeno_core.pdf import build_pdf

    result = estimate(Application.model_validate({**IMPULS, "submitted_on": "2026-03-01"}))
    text = PdfReader(io.BytesIO(build_pdf(result))).pages[0].extract_text()
    head = text[: text.index("GESCHATTE SUBSIDIE")] if "GESCHATTE SUBSIDIE" in text else text
    assert "Let op:" in head and "Stimuleringsregeling" in head.replace("\n", " ")


@pytest.mark.parametrize("spec", PAGES, ids=[p.key for p in PAGES])
@pytest.mark.parametrize("day", [date(2016, 5, 1), date(2026, 12, 2)], ids=str)
def test_every_page_shows_the_notice_and_never_fails_for_a_day_outside_the_rules(
    new_app: Callable[[], AppTest], spec: PageSpec, day: date
) -> None:
    app = new_app()
    app.run()
    state = app.session_state[SESSION_KEY]
    assert isinstance(state, WizardState)
    state.answers = Answers.model_validate(
        {
            "submitted_on": day,
            "project_start": day,
            "project_end": day,
            "organisation": {"type": "gemeente"},
            "project": {"theme": 3},
        }
    )
    state.revision += 1
    app.switch_page(spec.file).run()
    assert not app.exception, [e.value for e in app.exception]
    shown = "\n".join(m.value for m in app.markdown)
    assert "StimuleringsregelingPLUS" in shown
