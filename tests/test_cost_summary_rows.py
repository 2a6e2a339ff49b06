"""Kosten en uren shows one cost line's fields at a time; every other line is a summary row.

Each element on the page costs the browser work at every keystroke in a line (bench/bench_ui.py),
and five open lines were some 40 of the page's elements: the closed lines say what they hold in
one sentence, with a button that opens them (GOV.UK's "add to a list" pattern). These tests
check which line is open when, and that a closed line still shows what it holds and what is
wrong with it, its text escaped.
"""

from __future__ import annotations

import html
from collections.abc import Callable

from streamlit.testing.v1 import AppTest

from tests.test_journeys import open_line

EXTERNAL = "external_costs"
INTERNAL = "internal_staff"


def kosten_with_foutenfestival(new_app: Callable[[], AppTest]) -> AppTest:
    app = new_app()
    app.button(key="example.foutenfestival").click().run()
    app.switch_page("pages/kosten.py").run()
    return app


def open_lines(app: AppTest) -> set[tuple[str, int]]:
    """The lines whose fields are drawn (their first field's key)."""
    found = set()
    for box in app.text_input:
        parts = str(box.key).split(".")
        if len(parts) == 4 and parts[3] in ("description", "role"):
            found.add((parts[1], int(parts[2])))
    return found


def summaries(app: AppTest) -> list[str]:
    return [
        html.unescape(m.value).replace("\xa0", " ")
        for m in app.markdown
        if "sw-line-summary" in m.value
    ]


def test_a_complete_application_shows_every_line_as_a_summary_row(
    new_app: Callable[[], AppTest],
) -> None:
    app = kosten_with_foutenfestival(new_app)
    assert open_lines(app) == set()
    shown = summaries(app)
    assert len(shown) == 5, shown
    assert "Trainingsbureau, training · € 7.500,00 · telt mee" in shown[1]
    assert "Projectleider · 244 uur · uurloon € 33,30" in shown[2]
    assert "schaal 11, periodiek 11" in shown[3]
    labels = [b.label for b in app.button if str(b.key).startswith("edit-")]
    assert labels == [
        "Regel 1 wijzigen",
        "Regel 2 wijzigen",
        "Medewerker 1 wijzigen",
        "Medewerker 2 wijzigen",
        "Medewerker 3 wijzigen",
    ]


def test_wijzigen_opens_that_line_alone_and_keeps_every_answer(
    new_app: Callable[[], AppTest],
) -> None:
    app = kosten_with_foutenfestival(new_app)
    before = app.session_state["subsidiewijzer"].answers.model_dump()
    open_line(app, INTERNAL, 1)
    assert open_lines(app) == {(INTERNAL, 1)}
    assert app.text_input(key=f"w.{INTERNAL}.1.hours").value == "24"
    assert len(summaries(app)) == 4
    open_line(app, EXTERNAL, 1)
    assert open_lines(app) == {(EXTERNAL, 1)}
    assert app.session_state["subsidiewijzer"].answers.model_dump() == before


def test_a_new_line_opens_itself_and_the_open_one_closes(new_app: Callable[[], AppTest]) -> None:
    app = kosten_with_foutenfestival(new_app)
    open_line(app, EXTERNAL, 0)
    app.button(key=f"add-{INTERNAL}").click().run()
    assert open_lines(app) == {(INTERNAL, 3)}
    assert app.text_input(key=f"w.{INTERNAL}.3.role").value == ""
    assert len(summaries(app)) == 5


def test_a_first_visit_opens_the_first_line_that_needs_work(
    new_app: Callable[[], AppTest],
) -> None:
    app = new_app()
    app.button(key="example.foutenfestival").click().run()
    answers = app.session_state["subsidiewijzer"].answers
    answers.internal_staff[1].hours = "veertig"
    app.session_state["subsidiewijzer"].revision += 1  # as a change does
    app.switch_page("pages/kosten.py").run()
    assert open_lines(app) == {(INTERNAL, 1)}
    errors = [html.unescape(m.value) for m in app.markdown if "sw-field-error" in m.value]
    assert any("Regel 2, uren" in e for e in errors), errors


def test_a_closed_line_shows_its_error_and_an_overzicht_link_opens_it(
    new_app: Callable[[], AppTest],
) -> None:
    app = kosten_with_foutenfestival(new_app)
    open_line(app, EXTERNAL, 1)
    app.text_input(key=f"w.{EXTERNAL}.1.amount_ex_vat").input("twaalf").run()
    open_line(app, INTERNAL, 0)  # line 2 closes, its error stays in sight
    closed = [
        s for s in summaries(app) if s.startswith('<p class="sw-line-summary"><strong>Regel 2')
    ]
    assert closed and "twaalf" in closed[0] and "Regel 2, bedrag" in closed[0], closed
    app.query_params["veld"] = f"{EXTERNAL}.1.amount_ex_vat"
    app.switch_page("pages/kosten.py").run()
    assert open_lines(app) == {(EXTERNAL, 1)}
    assert app.text_input(key=f"w.{EXTERNAL}.1.amount_ex_vat").value == "twaalf"


def test_removing_a_line_before_the_open_one_keeps_the_same_line_open(
    new_app: Callable[[], AppTest],
) -> None:
    app = kosten_with_foutenfestival(new_app)
    open_line(app, INTERNAL, 0)
    app.button(key=f"remove-{INTERNAL}-0").click().run()
    assert open_lines(app) == set()  # the open line went
    open_line(app, INTERNAL, 1)
    role = app.text_input(key=f"w.{INTERNAL}.1.role").value
    app.button(key="undo-remove").click().run()
    assert open_lines(app) == {(INTERNAL, 0)}  # the line put back opens
    open_line(app, INTERNAL, 2)
    assert app.text_input(key=f"w.{INTERNAL}.2.role").value == role


def test_a_summary_row_shows_typed_text_as_text(new_app: Callable[[], AppTest]) -> None:
    app = kosten_with_foutenfestival(new_app)
    open_line(app, EXTERNAL, 0)
    hostile = "<img src=x onerror=alert(1)> **vet** [link](http://x.invalid)"
    app.text_input(key=f"w.{EXTERNAL}.0.description").input(hostile).run()
    open_line(app, EXTERNAL, 1)
    raw = next(m.value for m in app.markdown if "sw-line-summary" in m.value)
    assert "<img" not in raw and "&lt;img src=x onerror=alert(1)&gt;" in raw
    assert html.unescape(raw).count(hostile) == 1
