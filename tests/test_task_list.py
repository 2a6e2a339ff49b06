"""The stappenplan's states come from the answers, never from visits (AppTest and the core)."""

from __future__ import annotations

import html
from collections.abc import Callable
from datetime import date

from streamlit.testing.v1 import AppTest

from aeno_core.answers import Answers, ExternalRow, evaluate
from aeno_core.examples import example
from aeno_core.models import Scheme
from aeno_core.progress import Status, section_status
from tests.test_journeys import open_line


def task_list(app: AppTest) -> dict[str, str]:
    """Page title -> state word, as the sidebar's stappenplan shows them."""
    states: dict[str, str] = {}
    for link in app.sidebar.get("page_link"):
        label = html.unescape(str(link.proto.label))
        if " — " in label:
            title, word = label.split(" — ", 1)
            states[title.split(". ", 1)[1]] = word
    return states


def test_an_empty_application_has_nothing_done_not_even_after_visiting_every_page(
    new_app: Callable[[], AppTest],
) -> None:
    app = new_app()
    for page in ("organisatie", "project", "regeling", "kosten", "overzicht", "resultaat"):
        app.switch_page(f"pages/{page}.py").run()
        assert not app.exception
    states = task_list(app)
    assert set(states.values()) == {"nog te doen"}, states
    assert states["Resultaat"] == "nog te doen"


def test_a_started_page_is_busy_and_a_wrong_value_shows_as_errors(
    new_app: Callable[[], AppTest],
) -> None:
    app = new_app()
    app.switch_page("pages/project.py").run()
    app.text_input(key="w.project.title").input("Leerlab").run()
    states = task_list(app)
    assert states["Project"] == "bezig"
    assert states["Start"] == "klaar"
    assert states["Organisatie"] == "nog te doen"
    app.switch_page("pages/organisatie.py").run()
    app.radio(key="w.organisation.collaboration").set_value(True).run()
    app.text_input(key="w.organisation.share_gemeenten").input("tachtig").run()
    states = task_list(app)
    assert states["Organisatie"] == "fouten"
    assert states["Overzicht"] == "fouten"
    assert states["Resultaat"] == "nog te doen"


def test_a_complete_application_is_done_everywhere(new_app: Callable[[], AppTest]) -> None:
    app = new_app()
    app.button(key="example.foutenfestival").click().run()
    states = task_list(app)
    assert set(states.values()) == {"klaar"}, states
    app.switch_page("pages/kosten.py").run()
    open_line(app, "external_costs", 0)
    app.text_input(key="w.external_costs.0.amount_ex_vat").input("vijftien").run()
    states = task_list(app)
    assert states["Kosten en uren"] == "fouten"
    assert states["Resultaat"] == "nog te doen"


def test_states_in_the_core_for_partial_answers() -> None:
    answers = Answers(
        scheme=Scheme.IMPULS,
        scheme_confirmed=True,
        project_start=date(2019, 3, 1),
        project_end=date(2019, 6, 30),
        external_costs=[ExternalRow(description="training")],  # no amount yet
    )
    status = section_status(answers, evaluate(answers))
    assert status["kosten"] is Status.BUSY
    assert status["regeling"] is Status.DONE
    assert status["resultaat"] is Status.TODO
    full = Answers.from_application(example("foutenfestival").application)
    assert set(section_status(full, evaluate(full)).values()) == {Status.DONE}
