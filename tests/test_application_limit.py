"""The fund's limit per organisation, scheme and year: always named, a problem only when over."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from streamlit.testing.v1 import AppTest

from aeno_core.answers import Answers, evaluate
from aeno_core.casefile import load_application
from aeno_core.estimate import estimate
from aeno_core.findings import Group, Verdict
from aeno_core.models import Application
from tests.core_helpers import valid_case_files
from ui.state import SESSION_KEY, WizardState

BASE = {
    "scheme": "innovatief",
    "project_start": "2019-02-01",
    "project_end": "2019-06-30",
    "submitted_on": "2019-01-20",
}


def _limit(organisation: dict[str, object] | None) -> tuple[Verdict, str]:
    data = dict(BASE) if organisation is None else {**BASE, "organisation": organisation}
    found = {f.code: f for f in estimate(Application.model_validate(data)).findings}
    finding = found["application_limit"]
    assert finding.group is Group.ORGANISATION and finding.source
    return finding.verdict, finding.message


def test_every_shared_case_gets_the_limit_finding_and_never_as_a_problem() -> None:
    for path in valid_case_files():
        result = estimate(load_application(path), date(2026, 11, 25))
        verdicts = [f.verdict for f in result.findings if f.code == "application_limit"]
        assert verdicts == [Verdict.TO_CHECK], path.name


@pytest.mark.parametrize(
    ("organisation", "verdict", "says"),
    [
        (None, Verdict.TO_CHECK, "kleinste fte-klasse"),
        ({"type": "gemeente"}, Verdict.TO_CHECK, "werkelijke aantal fte"),
        ({"type": "shared_service_centrum"}, Verdict.TO_CHECK, "kleinste fte-klasse"),
        ({"type": "gemeente", "application_limit": 3}, Verdict.TO_CHECK, "niet openbaar"),
        (
            {"type": "gemeente", "application_limit": 3, "applications_this_year": 2},
            Verdict.OK,
            "3 van de 3",
        ),
        (
            {"type": "gemeente", "application_limit": 3, "applications_this_year": 3},
            Verdict.PROBLEM,
            "4 aanvragen voor de Innovatieve Projectenregeling",
        ),
        (
            {"type": "gemeente", "application_limit": 0, "applications_this_year": 0},
            Verdict.PROBLEM,
            "grens",
        ),
    ],
)
def test_the_limit_finding(
    organisation: dict[str, object] | None, verdict: Verdict, says: str
) -> None:
    got, message = _limit(organisation)
    assert got is verdict and says in message


def test_a_yes_for_a_count_is_refused() -> None:
    with pytest.raises(ValueError, match="geen ja of nee"):
        Application.model_validate({**BASE, "organisation": {"application_limit": True}})


def test_the_answers_carry_the_two_fields_both_ways() -> None:
    answers = Answers.model_validate(
        {"organisation": {"type": "gemeente", "application_limit": 1, "applications_this_year": 1}}
    )
    assert {f.code: f.verdict for f in answers.partial_findings()}["application_limit"] is (
        Verdict.PROBLEM
    )
    full = Answers.model_validate(
        {**answers.model_dump(), "project_start": date(2019, 2, 1), "project_end": date(2019, 3, 1)}
    )
    outcome = evaluate(full)
    assert outcome.application is not None
    back = Answers.from_application(outcome.application)
    assert back.organisation.application_limit == 1
    assert back.organisation.applications_this_year == 1


def test_the_organisation_page_asks_both_and_shows_the_finding(
    new_app: Callable[[], AppTest],
) -> None:
    app = new_app()
    app.switch_page("pages/organisatie.py").run()
    inputs = {n.label: n for n in app.number_input}
    limit = next(n for label, n in inputs.items() if "Grens die het fonds" in label)
    made = next(n for label, n in inputs.items() if "dit jaar al" in label)
    limit.set_value(1).run()
    made.set_value(1).run()
    assert not app.exception
    state = app.session_state[SESSION_KEY]
    assert isinstance(state, WizardState)
    assert state.answers.organisation.application_limit == 1
    shown = "\n".join(m.value for m in app.markdown)
    assert "Met deze aanvraag komt u op 2 aanvragen" in shown


def test_the_overview_lists_both_counts(new_app: Callable[[], AppTest]) -> None:
    app = new_app()
    state = app.session_state[SESSION_KEY]
    assert isinstance(state, WizardState)
    state.answers = Answers.model_validate(
        {"organisation": {"application_limit": 4, "applications_this_year": 2}}
    )
    state.revision += 1
    app.switch_page("pages/overzicht.py").run()
    assert not app.exception
    shown = "\n".join(m.value for m in app.markdown)
    assert "Grens van het fonds (aanvragen per jaar)" in shown
    assert "Aanvragen voor deze regeling dit jaar al gedaan" in shown
