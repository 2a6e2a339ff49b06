"""Any answers, including dates from 1900 to 2100, through every page with AppTest: no exception.

One AppTest is reused and the answers are injected the way `replace_answers` does (a whole new
set), so an example costs one page run, not an app start. Each example draws the answers and
the page; the pages are cycled so every page sees its share. The number of examples is set by
`SUBSIDIEWIJZER_PAGE_EXAMPLES` (default 2,000: about 26 ms of CPU per example, 52 s of CPU
and 2 min 12 s wall on 2 cores shared at load average 9; one AppTest start is 1-2 s).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from streamlit.testing.v1 import AppTest

from aeno_core.answers import Answers
from aeno_core.models import NewFor, OrganisationType, Phase, ProjectStatus, Scheme
from tests.conftest import APP
from ui.pages import PAGES
from ui.state import SESSION_KEY, WizardState

EXAMPLES = int(os.environ.get("SUBSIDIEWIJZER_PAGE_EXAMPLES", "2000"))

DAYS = st.none() | st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31))
TEXT = st.text(max_size=40)
NUMBER_TEXT = st.sampled_from(["", "80", "80,5", "-0", "1e9", "abc", "12.000,50", "100%"]) | TEXT
AMOUNTS = st.none() | st.decimals(
    min_value=Decimal("-1000"), max_value=Decimal("10000000"), places=2, allow_nan=False
)
SMALL_INTS = st.none() | st.integers(min_value=-5, max_value=5000)


def _maybe(values: Any) -> st.SearchStrategy[Any]:
    return st.none() | st.sampled_from(list(values))


ANSWERS = st.fixed_dictionaries(
    {
        "scheme": _maybe(Scheme),
        "scheme_confirmed": st.booleans(),
        "phase": st.sampled_from(list(Phase)),
        "provisional_subsidy": NUMBER_TEXT,
        "project_start": DAYS,
        "project_end": DAYS,
        "submitted_on": DAYS,
        "organisation": st.fixed_dictionaries(
            {
                "type": _maybe(OrganisationType),
                "applies_car_uwo": _maybe([True, False]),
                "collaboration": _maybe([True, False]),
                "share_gemeenten": NUMBER_TEXT,
                "via_external_bureau": _maybe([True, False]),
                "application_limit": st.none() | st.integers(0, 1000),
                "applications_this_year": st.none() | st.integers(0, 1000),
            }
        ),
        "project": st.fixed_dictionaries(
            {
                "title": TEXT,
                "theme": st.none() | st.integers(min_value=0, max_value=6),
                "new_for": _maybe(NewFor),
                "status": _maybe(ProjectStatus),
                "participants_per_training": SMALL_INTS,
                "partner_gemeenten": SMALL_INTS,
                "internal_assignment_date": DAYS,
            }
        ),
        "external_costs": st.lists(
            st.fixed_dictionaries(
                {
                    "description": TEXT,
                    "amount_ex_vat": AMOUNTS,
                    "staff_development": st.booleans(),
                }
            ),
            max_size=3,
        ),
        "internal_staff": st.lists(
            st.fixed_dictionaries(
                {
                    "role": TEXT,
                    "project_leader": st.booleans(),
                    "scale": st.none() | st.integers(min_value=0, max_value=20),
                    "step": st.none() | st.integers(min_value=0, max_value=32),
                    "hours": AMOUNTS,
                    "hourly_rate": AMOUNTS,
                }
            ),
            max_size=3,
        ),
    }
)


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[AppTest]:
    folder = tmp_path_factory.mktemp("drafts")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SUBSIDIEWIJZER_DRAFTS_PATH", str(Path(folder) / "drafts.sqlite3"))
        yield AppTest.from_file(str(APP), default_timeout=60).run()


def _inject(app: AppTest, answers: Answers) -> None:
    """What `ui.state.replace_answers` does, from outside the script run."""
    state = app.session_state[SESSION_KEY]
    assert isinstance(state, WizardState)
    state.answers = answers
    state.forget_estimate()
    state.revision += 1


COUNTER = {"runs": 0}


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    database=None,
)
@given(data=ANSWERS)
def test_any_answers_on_any_page_raise_nothing(app: AppTest, data: dict[str, Any]) -> None:
    answers = Answers.model_validate(data)
    page = PAGES[COUNTER["runs"] % len(PAGES)]
    COUNTER["runs"] += 1
    _inject(app, answers)
    app.switch_page(page.file).run()
    assert not app.exception, (page.key, [e.value for e in app.exception], data)
    if page.key != "start":  # the page really ran to its end, not just the router
        assert page.title in [t.value for t in app.title]
        assert app.markdown[-1].value  # the footer
