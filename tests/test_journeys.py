"""Journeys through the widgets (AppTest): the Foutenfestival and every public case.

Each journey answers the questions page by page the way a person would (radios, text fields,
dates, the two cost tables), confirms the scheme, and reads the estimate off the Resultaat
page and the sidebar. The expected amounts come from the case files themselves.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml
from streamlit.testing.v1 import AppTest

from aeno_core.answers import THEME_NONE, dutch_amount
from aeno_core.casefile import load_application
from aeno_core.estimate import estimate
from aeno_core.examples import example
from aeno_core.formatting import money
from aeno_core.models import Application, Phase
from tests.paths import shared_case_files

VALID_CASES = [
    path
    for path in shared_case_files()
    if not yaml.safe_load(path.read_text())["expect"].get("invalid")
]


def open_line(app: AppTest, table: str, index: int) -> None:
    """Open a cost line's form with its "wijzigen" button, unless it is the open line already.

    Kosten en uren shows one line's fields at a time; the others are summary rows.
    """
    key = f"edit-{table}-{index}"
    if any(button.key == key for button in app.button):
        app.button(key=key).click().run()
    assert any(box.key == f"w.{table}.{index}.{FIRST[table]}" for box in app.text_input)


FIRST = {"external_costs": "description", "internal_staff": "role"}


def add_external_line(app: AppTest, description: str, amount: str, counts: bool) -> None:
    """ "Externe kostenregel toevoegen", then its fields as a person fills them (Dutch amounts)."""
    index = len(app.session_state["subsidiewijzer"].answers.external_costs)
    app.button(key="add-external_costs").click().run()
    base = f"w.external_costs.{index}"
    app.text_input(key=f"{base}.description").input(description).run()
    app.text_input(key=f"{base}.amount_ex_vat").input(amount).run()
    if not counts:
        app.checkbox(key=f"{base}.staff_development").uncheck().run()


def add_internal_line(app: AppTest, line: Any) -> None:
    """ "Medewerker toevoegen", then role, hours, scale and step or the fund's rate."""
    index = len(app.session_state["subsidiewijzer"].answers.internal_staff)
    app.button(key="add-internal_staff").click().run()
    base = f"w.internal_staff.{index}"
    app.text_input(key=f"{base}.role").input(line.role).run()
    app.text_input(key=f"{base}.hours").input(dutch_amount(line.hours, None)).run()
    if line.scale is not None:
        app.selectbox(key=f"{base}.scale").set_value(line.scale).run()
    if line.step is not None:
        app.selectbox(key=f"{base}.step").set_value(line.step).run()
    if line.hourly_rate is not None:
        app.text_input(key=f"{base}.hourly_rate").input(dutch_amount(line.hourly_rate)).run()
    if line.project_leader:
        app.selectbox(key="w.internal_staff.leader").set_value(index).run()


def fill_in(app: AppTest, application: Application) -> None:
    """Answer every page's questions for `application` through its widgets."""
    org = application.organisation
    if org is not None:
        app.switch_page("pages/organisatie.py").run()
        if org.type is not None:
            app.radio(key="w.organisation.type").set_value(org.type).run()
        if org.applies_car_uwo is not None:
            app.radio(key="w.organisation.applies_car_uwo").set_value(org.applies_car_uwo).run()
        if org.collaboration is not None:
            app.radio(key="w.organisation.collaboration").set_value(org.collaboration).run()
        if org.collaboration and org.share_gemeenten is not None:
            app.text_input(key="w.organisation.share_gemeenten").input(
                dutch_amount(org.share_gemeenten, 0)
            ).run()
        if org.via_external_bureau is not None:
            app.radio(key="w.organisation.via_external_bureau").set_value(
                org.via_external_bureau
            ).run()

    app.switch_page("pages/project.py").run()
    if application.phase is Phase.DECLARATIE:
        app.radio(key="w.phase").set_value(Phase.DECLARATIE).run()
        if application.provisional_subsidy is not None:
            app.text_input(key="w.provisional_subsidy").input(
                dutch_amount(application.provisional_subsidy)
            ).run()
    project = application.project
    if project is not None:
        if project.title:
            app.text_input(key="w.project.title").input(project.title).run()
        if "theme" in project.model_fields_set:
            theme = THEME_NONE if project.theme is None else project.theme
            app.radio(key="w.project.theme").set_value(theme).run()
        if project.new_for is not None:
            app.radio(key="w.project.new_for").set_value(project.new_for).run()
        if project.status is not None:
            app.radio(key="w.project.status").set_value(project.status).run()
    app.date_input(key="w.project_start").set_value(application.project_start).run()
    app.date_input(key="w.project_end").set_value(application.project_end).run()
    if application.submitted_on is not None:
        app.date_input(key="w.submitted_on").set_value(application.submitted_on).run()
    if project is not None:
        if project.participants_per_training is not None:
            app.number_input(key="w.project.participants_per_training").set_value(
                project.participants_per_training
            ).run()
        if project.partner_gemeenten is not None:
            app.number_input(key="w.project.partner_gemeenten").set_value(
                project.partner_gemeenten
            ).run()
        if project.internal_assignment_date is not None:
            app.date_input(key="w.project.internal_assignment_date").set_value(
                project.internal_assignment_date
            ).run()

    app.switch_page("pages/regeling.py").run()
    if application.phase is Phase.AANVRAAG:
        app.radio(key="w.scheme").set_value(application.scheme).run()

    app.switch_page("pages/kosten.py").run()
    for line in application.external_costs:
        add_external_line(
            app, line.description, dutch_amount(line.amount_ex_vat), line.staff_development
        )
    for staff in application.internal_staff:
        add_internal_line(app, staff)
    assert not app.exception, [e.value for e in app.exception]


def result_amount(app: AppTest) -> str:
    """The big amount on Resultaat, as the page shows it."""
    app.switch_page("pages/resultaat.py").run()
    assert not app.exception, [e.value for e in app.exception]
    shown = [m.value for m in app.markdown if "sw-result-amount" in m.value]
    assert len(shown) == 1, "Resultaat shows no estimate"
    text = html.unescape(shown[0])
    return text.split('data-testid="sw-result-amount">', 1)[1].split("<", 1)[0]


def calculation_notes(app: AppTest) -> str:
    """The highlighted notes in the calculation on Kosten en uren, as the reader sees them."""
    notes = re.findall(r'<div class="sw-note[^"]*" role="note">(.*?)</div>', markdown_of(app))
    return html.unescape("\n".join(re.sub(r"<[^>]+>", "", note) for note in notes))


def markdown_of(app: AppTest) -> str:
    return "\n".join(m.value for m in app.markdown)


def sidebar_text(app: AppTest) -> str:
    return html.unescape("\n".join(m.value for m in app.sidebar.markdown))


def test_foutenfestival_through_the_widgets(new_app: Callable[[], AppTest]) -> None:
    app = new_app()
    fill_in(app, example("foutenfestival").application)
    assert result_amount(app) == "€\xa011.562,60"
    assert money(Decimal("11562.60")) in sidebar_text(app)
    assert "geen problemen" in sidebar_text(app)
    app.switch_page("pages/kosten.py").run()
    warnings = calculation_notes(app)
    assert "Alleen de projectleider telt mee" in warnings
    lost = estimate(example("foutenfestival").application).calculation.project_leader_rule_cost
    assert lost > 0
    assert money(lost) in warnings


def test_foutenfestival_example_button(new_app: Callable[[], AppTest]) -> None:
    app = new_app()
    app.button(key="example.foutenfestival").click().run()
    assert result_amount(app) == money(Decimal("11562.60"))


@pytest.mark.parametrize("path", VALID_CASES, ids=[p.stem for p in VALID_CASES])
def test_public_case_through_the_widgets(new_app: Callable[[], AppTest], path: Path) -> None:
    expect = yaml.safe_load(path.read_text())["expect"]
    app = new_app()
    fill_in(app, load_application(path))
    assert result_amount(app) == money(Decimal(expect["subsidy"]))
    problems = expect.get("problems")
    if problems is not None:
        shown = sidebar_text(app)
        count = len(problems)
        words = (
            "geen problemen" if count == 0 else f"{count} probleem" + ("" if count == 1 else "en")
        )
        assert words in shown, shown


def test_negative_hours_show_an_error_and_the_last_estimate_stays_marked_incomplete(
    new_app: Callable[[], AppTest],
) -> None:
    app = new_app()
    app.button(key="example.foutenfestival").click().run()
    app.switch_page("pages/kosten.py").run()
    open_line(app, "internal_staff", 0)
    app.text_input(key="w.internal_staff.0.hours").input("-40").run()
    errors = [html.unescape(m.value) for m in app.markdown if "sw-field-error" in m.value]
    assert any("Regel 1, uren" in e and "kan niet negatief zijn" in e for e in errors), errors
    assert app.text_input(key="w.internal_staff.0.hours").value == "-40"
    shown = sidebar_text(app)
    assert "Geschatte subsidie (onvolledig)" in shown
    assert money(Decimal("11562.60")) in shown
    assert "uren: een aantal uren kan niet negatief zijn" in shown
    app.switch_page("pages/overzicht.py").run()
    summary = [html.unescape(m.value) for m in app.markdown if "sw-error-summary" in m.value]
    assert summary and "kan niet negatief zijn" in summary[0]


def test_the_project_leader_is_one_choice_among_the_lines(new_app: Callable[[], AppTest]) -> None:
    app = new_app()
    app.button(key="example.foutenfestival").click().run()
    app.switch_page("pages/kosten.py").run()
    app.selectbox(key="w.internal_staff.leader").set_value(2).run()
    leaders = [
        row.project_leader for row in app.session_state["subsidiewijzer"].answers.internal_staff
    ]
    assert leaders == [False, False, True]
    assert not [m for m in app.markdown if "sw-field-error" in m.value]


def test_a_line_being_typed_is_not_shouted_at(new_app: Callable[[], AppTest]) -> None:
    """Only a Rol typed: no red messages, a calm list of what is still to fill in."""
    app = new_app()
    app.button(key="example.foutenfestival").click().run()
    app.switch_page("pages/kosten.py").run()
    app.button(key="add-internal_staff").click().run()
    app.text_input(key="w.internal_staff.3.role").input("adviseur").run()
    assert not [m for m in app.markdown if "sw-field-error" in m.value]
    hints = [html.unescape(m.value) for m in app.markdown if "sw-line-missing" in m.value]
    assert hints == ['<p class="sw-line-missing">Nog in te vullen: uren, schaal</p>'], hints
    assert "Geschatte subsidie (onvolledig)" in sidebar_text(app)


def test_a_removed_line_can_be_put_back(new_app: Callable[[], AppTest]) -> None:
    app = new_app()
    app.button(key="example.foutenfestival").click().run()
    app.switch_page("pages/kosten.py").run()
    before = app.session_state["subsidiewijzer"].answers.external_costs
    first = before[0].model_copy()
    open_line(app, "external_costs", 0)
    app.button(key="remove-external_costs-0").click().run()
    assert len(app.session_state["subsidiewijzer"].answers.external_costs) == len(before) - 1 or (
        len(app.session_state["subsidiewijzer"].answers.external_costs) == 1
    )
    app.button(key="undo-remove").click().run()
    rows = app.session_state["subsidiewijzer"].answers.external_costs
    assert rows[0] == first
    assert result_amount(app) == money(Decimal("11562.60"))


def test_kosten_says_when_an_external_line_switches_the_project_leader_rule(
    new_app: Callable[[], AppTest],
) -> None:
    app = new_app()
    app.button(key="example.foutenfestival").click().run()
    app.switch_page("pages/kosten.py").run()
    while app.session_state["subsidiewijzer"].answers.external_costs:
        open_line(app, "external_costs", 0)
        app.button(key="remove-external_costs-0").click().run()
    assert "alleen de projectleider:" not in calculation_notes(app)
    add_external_line(app, "Zaalhuur", "3", counts=True)
    warnings = calculation_notes(app)
    assert "Door deze externe kosten telt intern alleen de projectleider:" in warnings, warnings
    assert "€\xa0-" in warnings or "-€" in warnings


def test_the_sidebar_says_which_rules_an_estimate_outside_them_uses(
    new_app: Callable[[], AppTest],
) -> None:
    app = new_app()
    app.button(key="example.foutenfestival").click().run()
    app.switch_page("pages/project.py").run()
    app.date_input(key="w.submitted_on").set_value(date(2026, 5, 1)).run()
    assert "berekend met de regels van 2019" in sidebar_text(app)
