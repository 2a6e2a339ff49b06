"""Every page runs without an exception (empty and with an example), and the state holds.

The page list comes from `ui.pages.PAGES`, the list app.py routes with, so a new page is
smoke-tested the day it is added.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from streamlit.testing.v1 import AppTest

from aeno_core.answers import Answers, evaluate
from aeno_core.formatting import money
from aeno_core.models import OrganisationType
from ui.pages import PAGES, PageSpec, page_for_path
from ui.state import SESSION_KEY, WizardState


def _text(app: AppTest) -> str:
    """Everything the page shows as text or markdown, main and sidebar."""
    parts = [m.value for m in app.markdown] + [m.value for m in app.sidebar.markdown]
    parts += [c.value for c in app.caption] + [t.value for t in app.title]
    parts += [e.value for e in app.error] + [w.value for w in app.warning]
    parts += [i.value for i in app.info] + [s.value for s in app.success]
    return "\n".join(parts)


def _no_exception(app: AppTest) -> None:
    assert not app.exception, [e.value for e in app.exception]


@pytest.mark.parametrize("spec", PAGES, ids=[p.key for p in PAGES])
def test_every_page_runs_empty(new_app: Callable[[], AppTest], spec: PageSpec) -> None:
    app = new_app()
    app.switch_page(spec.file).run()
    _no_exception(app)
    assert spec.title in [t.value for t in app.title] or spec.key == "start"
    assert "Nog geen schatting" in _text(app)


@pytest.mark.parametrize("spec", PAGES, ids=[p.key for p in PAGES])
def test_every_page_runs_with_the_example(new_app: Callable[[], AppTest], spec: PageSpec) -> None:
    app = new_app()
    app.button(key="example.foutenfestival").click().run()
    app.switch_page(spec.file).run()
    _no_exception(app)
    assert money_text("11562.60") in _text(app)


def money_text(amount: str) -> str:
    from decimal import Decimal

    return money(Decimal(amount))


def test_the_router_lists_every_page_file() -> None:
    from ui.pages import ROOT

    for spec in PAGES:
        assert (ROOT / spec.file).is_file(), spec.file


def test_a_page_switch_loses_nothing(new_app: Callable[[], AppTest]) -> None:
    app = new_app()
    app.switch_page("pages/organisatie.py").run()
    app.radio(key="w.organisation.type").set_value(OrganisationType.GEMEENTE).run()
    app.radio(key="w.organisation.collaboration").set_value(True).run()
    app.text_input(key="w.organisation.share_gemeenten").input("tachtig").run()
    app.switch_page("pages/project.py").run()
    app.text_input(key="w.project.title").input("Leren van fouten").run()
    app.switch_page("pages/organisatie.py").run()
    assert app.radio(key="w.organisation.type").value is OrganisationType.GEMEENTE
    assert app.text_input(key="w.organisation.share_gemeenten").value == "tachtig"
    app.switch_page("pages/project.py").run()
    assert app.text_input(key="w.project.title").value == "Leren van fouten"
    state = app.session_state[SESSION_KEY]
    assert isinstance(state, WizardState)
    assert state.answers.organisation.share_gemeenten == "tachtig"


def test_invalid_text_gets_a_dutch_message_next_to_the_field(
    new_app: Callable[[], AppTest],
) -> None:
    app = new_app()
    app.switch_page("pages/organisatie.py").run()
    app.radio(key="w.organisation.collaboration").set_value(True).run()
    app.text_input(key="w.organisation.share_gemeenten").input("tachtig").run()
    _no_exception(app)
    errors = [m.value for m in app.markdown if "sw-field-error" in m.value]
    assert any("‘tachtig’ is geen percentage" in e for e in errors), errors


def test_overzicht_summarises_errors_at_the_top(new_app: Callable[[], AppTest]) -> None:
    app = new_app()
    app.switch_page("pages/overzicht.py").run()
    blocks = [m.value for m in app.main.markdown]
    summary = [i for i, text in enumerate(blocks) if "sw-error-summary" in text]
    answers = [i for i, text in enumerate(blocks) if "sw-answers" in text]
    assert summary and answers, _text(app)
    assert summary[0] < answers[0], "the summary comes before the answers"
    # One link per error, to its page with the field named (the page focuses it).
    links = {
        link.proto.query_string: link.proto.label.replace("\\", "")
        for link in app.main.get("page_link")
        if link.proto.query_string
    }
    expected = {
        f"veld={e.path}": f"{page_for_path(e.path).title} – {e.field}: {e.message}"
        for e in evaluate(Answers()).errors
    }
    assert {"veld=project_start", "veld=project_end"} <= expected.keys()
    assert links == expected, links


def test_a_problem_on_organisatie_shows_at_once_with_its_source(
    new_app: Callable[[], AppTest],
) -> None:
    app = new_app()
    app.switch_page("pages/organisatie.py").run()
    app.radio(key="w.organisation.applies_car_uwo").set_value(False).run()
    boxes = [m.value for m in app.markdown if "sw-finding-problem" in m.value]
    assert boxes and "Probleem" in boxes[0] and "Bron:" in boxes[0]
    assert "1 probleem" in _text(app) or "Nog geen schatting" in _text(app)
