"""Keyboard only, from Start to the PDF: an Impulsregeling application in Debian's chromium.

Nothing is clicked: the test presses Tab, Shift+Tab, Enter, Space and the arrow keys, and types
text and digits into the field that has the focus, as a person without a mouse (or with a
screen reader) does. The cost lines are plain fields: a button adds a line, Tab walks through
its fields (a text field hands its text over when the focus leaves it), Space ticks a box, and
a select box opens with ArrowDown and takes the option the arrows reach with Enter. On the way
it checks what WCAG asks of a form:
- every input on every page has a visible Dutch label (Streamlit's own English aria-labels of
  its built-in buttons, such as "Choose date", are Streamlit's, not ours);
- an invalid answer (an end date before the start) is announced next to the field
  (role="alert") and in the error summary at the top of Overzicht, whose link leads back;
- the estimate in the sidebar is the core's for the same answers, and the PDF downloads with
  Enter on its button and holds that estimate.
"""

from __future__ import annotations

import io
import re
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from aeno_core.estimate import estimate
from aeno_core.formatting import money
from aeno_core.models import (
    Application,
    ExternalCost,
    InternalStaff,
    NewFor,
    Organisation,
    OrganisationType,
    Project,
    ProjectStatus,
    Scheme,
)

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

IDLE = """() => {
  const app = document.querySelector('[data-test-script-state]');
  return app !== null && app.getAttribute('data-test-script-state') !== 'running';
}"""

FOCUSED = """() => {
  const e = document.activeElement;
  if (!e) return {};
  const label = e.closest('label');
  const widget = e.closest('[data-testid=stElementContainer]');
  const question = widget && widget.querySelector('[data-testid=stWidgetLabel]');
  return {
    tag: e.tagName, role: e.getAttribute('role') || '', type: e.getAttribute('type') || '',
    aria: e.getAttribute('aria-label') || '', testid: e.getAttribute('data-testid') || '',
    text: (e.innerText || '').trim(), option: label ? label.innerText.trim() : '',
    question: question ? question.innerText.trim() : '',
    checked: e.checked === true, value: e.value === undefined ? '' : String(e.value),
    line: ((e.closest("[class*='st-key-sw-line-']") || {className: ''}).className
      .match(/st-key-sw-line-([a-z_]+-[0-9]+)/) || ['', ''])[1],
  };
}"""

UNLABELLED = """() => {
  const visible = el => el.checkVisibility({visibilityProperty: true})
    && !el.closest('details:not([open]) > :not(summary)');
  const problems = [];
  const fields = document.querySelectorAll(
    '[data-testid=stMain] input, [data-testid=stMain] textarea, [data-testid=stMain] select,'
    + ' [data-testid=stMain] [role=spinbutton], [data-testid=stMain] [role=combobox]');
  for (const field of fields) {
    if (field.type === 'file' || field.type === 'hidden') continue;
    const widget = field.closest('[data-testid=stElementContainer]');
    if (widget && !visible(widget)) continue;   // e.g. in a closed expander: not on screen
    const label = field.type === 'checkbox'   // tick boxes and toggles carry their own label
      ? field.closest('label')
      : widget && widget.querySelector('[data-testid=stWidgetLabel]');
    const text = label ? label.innerText.trim() : '';
    if (!label || !visible(label) || !text) {
      problems.push(field.outerHTML.slice(0, 120));
    } else if (/\\b(the|select|choose|enter|your|date|type here)\\b/i.test(text)) {
      problems.push('English label: ' + text);
    }
    if (field.type === 'radio') {
      const option = field.closest('label');
      if (!option || !visible(option) || !option.innerText.trim()) problems.push('radio without option text');
    }
  }
  return problems;
}"""

TITLE = "Leren van fouten, met het toetsenbord"
START, END, END_WRONG, SUBMITTED = "01022018", "31082018", "31012018", "01102018"


# ------------------------------------------------------------------------ keyboard helpers


def idle(page: Any) -> None:
    """Wait until Streamlit has finished the rerun that the last key started."""
    page.wait_for_timeout(250)
    page.wait_for_function(IDLE, timeout=20_000)
    page.wait_for_timeout(150)


def focused(page: Any) -> dict[str, Any]:
    result: dict[str, Any] = page.evaluate(FOCUSED)
    return result


def tab_to(page: Any, wanted: Any, what: str, *, back: bool = False, limit: int = 90) -> None:
    """Press Tab (or Shift+Tab) until the focused element is `wanted`; fail if never."""
    for _ in range(limit):
        page.keyboard.press("Shift+Tab" if back else "Tab")
        if wanted(focused(page)):
            return
    raise AssertionError(f"{what} never got the keyboard focus in {limit} presses")


def next_page(page: Any, title: str) -> None:
    """The footer link "Volgende: <title>", reached with Tab and followed with Enter."""
    tab_to(page, lambda f: f["tag"] == "A" and f"Volgende: {title}" in f["text"], title)
    page.keyboard.press("Enter")
    page.wait_for_selector(f'[data-testid=stMain] h1:has-text("{title}")')
    idle(page)
    # Judge the labels once the page has held still (a late redraw), for at most ten seconds.
    problems = page.evaluate(UNLABELLED)
    for _ in range(20):
        if not problems:
            break
        page.wait_for_timeout(500)
        idle(page)
        problems = page.evaluate(UNLABELLED)
    assert not problems, (title, problems)


def sidebar_page(page: Any, title: str) -> None:
    """A page of the stappenplan in the sidebar, reached with Shift+Tab (it comes first)."""
    tab_to(
        page,
        lambda f: f["tag"] == "A" and re.search(rf"\d\. {re.escape(title)} — ", f["text"]),
        f"the sidebar link {title}",
        back=True,
    )
    page.keyboard.press("Enter")
    page.wait_for_selector(f'[data-testid=stMain] h1:has-text("{title}")')
    idle(page)


def choose(page: Any, question: str, option: str) -> None:
    """Tab into a radio group, arrow to the option, Space to be sure it is chosen."""
    tab_to(page, lambda f: f["type"] == "radio" and f["question"] == question, question)
    for _ in range(12):
        if focused(page)["option"].startswith(option):
            break
        page.keyboard.press("ArrowDown")
    assert focused(page)["option"].startswith(option), (question, focused(page))
    page.keyboard.press("Space")
    idle(page)
    assert focused(page)["checked"], (question, option)


def type_text(page: Any, label: str, text: str) -> None:
    tab_to(page, lambda f: f["tag"] == "INPUT" and f["aria"] == label, label)
    page.keyboard.type(text, delay=15)
    page.keyboard.press("Enter")
    idle(page)


def type_date(page: Any, label: str, digits: str) -> None:
    """dd, mm, jjjj: the segments move on by themselves; leaving the field hands it over."""
    tab_to(page, lambda f: f["role"] == "spinbutton" and f["aria"] == f"day, {label}", label)
    page.keyboard.type(digits, delay=40)
    tab_to(
        page, lambda f: label not in f["aria"] and f["testid"] != "stDateInputCalendarButton", label
    )
    idle(page)


ADD = {"external_costs": "Externe kostenregel toevoegen", "internal_staff": "Medewerker toevoegen"}


def add_line(page: Any, table: str) -> int:
    """The button under the lines ("Medewerker toevoegen"), reached with Tab, pressed with Enter.

    Returns the new line's index; the next Tab leads into its first field.
    """
    count = int(page.locator(f"[class*='st-key-sw-line-{table}-']").count())
    tab_to(page, lambda f: f["tag"] == "BUTTON" and ADD[table] in f["text"], ADD[table])
    page.keyboard.press("Enter")
    page.locator(f".st-key-sw-line-{table}-{count}").wait_for()
    idle(page)
    return count


def fill(page: Any, table: str, index: int, label: str, text: str) -> None:
    """Tab to the field `label` of line `index`, type, and Tab on (which hands the text over)."""
    where = f"{table}-{index}"
    tab_to(page, lambda f: f["line"] == where and f["aria"] == label, f"{label} of {where}")
    page.keyboard.type(text, delay=30)
    page.keyboard.press("Tab")
    idle(page)
    box = page.locator(f".st-key-sw-line-{where} input[aria-label='{label}']")
    assert box.input_value() == text, (label, box.input_value())


def pick_option(page: Any, label: str, option: str, *, line: str | None = None) -> None:
    """Tab to a select box, ArrowDown opens its list, arrows to `option`, Enter chooses it."""
    tab_to(
        page,
        lambda f: (
            f["role"] == "combobox" and f["aria"] == label and (line is None or f["line"] == line)
        ),
        label,
    )
    # A person takes a moment between reaching a select box and opening it. An ArrowDown sent
    # in the same instant as the Tab can reach the box while it is still handling the focus
    # it just got, and is lost there (about one run in five on a busy machine; never by hand).
    page.wait_for_timeout(120)
    page.keyboard.press("ArrowDown")
    page.get_by_role("listbox").wait_for()
    active = """() => {
      const id = document.activeElement.getAttribute('aria-activedescendant');
      const option = id && document.getElementById(id);
      return option ? option.textContent.trim() : null;
    }"""
    for _ in range(40):
        page.wait_for_timeout(30)
        if page.evaluate(active) == option:
            break
        page.keyboard.press("ArrowDown")
    assert page.evaluate(active) == option, (label, option, page.evaluate(active))
    page.keyboard.press("Enter")
    idle(page)
    assert focused(page)["value"] == option, (label, focused(page))


def sidebar_estimate(page: Any) -> str:
    return str(page.get_by_test_id("sw-estimate").inner_text()).replace("\xa0", " ")


# ------------------------------------------------------------------------ the journey


def expected() -> str:
    """The core's estimate for the answers this journey types."""
    application = Application(
        scheme=Scheme.IMPULS,
        project_start=date(2018, 2, 1),
        project_end=date(2018, 8, 31),
        submitted_on=date(2018, 10, 1),
        external_costs=[ExternalCost(description="Trainingsbureau", amount_ex_vat=Decimal(7500))],
        internal_staff=[
            InternalStaff(role="Projectleider", project_leader=True, scale=10, step=6, hours=244)
        ],
        organisation=Organisation(
            type=OrganisationType.GEMEENTE,
            applies_car_uwo=True,
            collaboration=False,
            via_external_bureau=False,
        ),
        project=Project(
            title=TITLE,
            theme=5,
            new_for=NewFor.GEMEENTE,
            status=ProjectStatus.FINISHED,
            participants_per_training=20,
        ),
    )
    return money(estimate(application).calculation.subsidy).replace("\xa0", " ")


def test_keyboard_only_from_start_to_the_pdf(page: Any, streamlit_server: str) -> None:
    page.set_default_timeout(20_000)
    page.goto(streamlit_server)
    page.wait_for_selector('[data-testid="sw-estimate"]', timeout=30_000)
    idle(page)
    assert not page.evaluate(UNLABELLED)

    next_page(page, "Organisatie")
    choose(page, "Wat voor organisatie vraagt de subsidie aan?", "Gemeente")
    choose(page, "Past uw organisatie de CAR-UWO toe (de cao van gemeenteambtenaren)?", "Ja")
    choose(page, "Is de aanvrager een samenwerkingsverband?", "Nee")
    choose(page, "Wordt de aanvraag gedaan door of via een extern bureau?", "Nee")

    next_page(page, "Project")
    type_text(page, "Titel van het project", TITLE)
    choose(page, "Bij welk thema van de innovatieagenda sluit het project aan?", "5.")
    choose(page, "Voor wie is het project nieuw?", "Nieuw voor onze gemeente")
    choose(page, "Hoe staat het project ervoor op de dag dat u indient?", "Afgerond")
    type_date(page, "Startdatum van het project", START)
    type_date(page, "Einddatum van het project", END_WRONG)

    # The error is announced right under the field ...
    alert = page.locator("[data-testid=stMain] [role=alert]").filter(has_text="einddatum")
    alert.first.wait_for()
    assert "vóór de startdatum" in alert.first.inner_text()
    # ... and in the summary at the top of Overzicht, whose entry leads to the field itself:
    # Enter on it opens Project with the keyboard already in the end date, ready to type.
    sidebar_page(page, "Overzicht")
    assert page.locator(".sw-error-summary[role=alert]").is_visible()
    entry = "Project – einddatum project"
    tab_to(page, lambda f: f["tag"] == "A" and entry in f["text"], entry)
    assert "vóór de startdatum" in page.evaluate("() => document.activeElement.innerText")
    page.keyboard.press("Enter")
    page.wait_for_selector('[data-testid=stMain] h1:has-text("Project")')
    in_end_date = "() => document.activeElement.getAttribute('aria-label') === 'day, Einddatum van het project'"
    page.wait_for_function(in_end_date)
    idle(page)
    page.wait_for_function(in_end_date)  # still there once the page has finished
    assert "veld=" not in page.url  # asked once: a later run does not move the focus again
    page.keyboard.type(END, delay=40)
    label = "Einddatum van het project"
    tab_to(
        page, lambda f: label not in f["aria"] and f["testid"] != "stDateInputCalendarButton", label
    )
    idle(page)
    # The corrected date takes the message away (on a busy machine the rerun that the Tab
    # started may still be on its way when idle() looks: wait for it, fail after 20 s).
    page.wait_for_function(
        "() => document.querySelectorAll('[data-testid=stMain] [role=alert]').length === 0"
    )
    type_date(page, "Wanneer dient u in?", SUBMITTED)
    tab_to(
        page,
        lambda f: f["aria"] == "Hoeveel deelnemers heeft de kleinste training of workshop?",
        "deelnemers",
    )
    page.keyboard.type("20")
    page.keyboard.press("Enter")
    idle(page)

    next_page(page, "Regeling")
    choose(page, "Met welke regeling wilt u verder?", "Impulsregeling")

    next_page(page, "Kosten en uren")
    line = add_line(page, "external_costs")
    fill(page, "external_costs", line, "Omschrijving", "Trainingsbureau")
    fill(
        page, "external_costs", line, "Bedrag ex BTW (€)", "7.500"
    )  # Dutch: seven thousand five hundred
    assert "Gelezen als € 7.500,00" in page.locator(
        ".st-key-sw-line-external_costs-0"
    ).inner_text().replace("\xa0", " ")
    # "Telt mee": Space takes the tick away (the line no longer counts) and puts it back.
    tab_to(
        page,
        lambda f: f["line"] == "external_costs-0" and f["type"] == "checkbox",
        "the tick box Telt mee",
    )
    for ticked in (False, True):
        page.keyboard.press("Space")
        idle(page)
        assert focused(page)["checked"] is ticked
    line = add_line(page, "internal_staff")
    fill(page, "internal_staff", line, "Rol", "Projectleider")
    fill(page, "internal_staff", line, "Uren", "244")
    pick_option(page, "Schaal", "10", line="internal_staff-0")
    pick_option(page, "Periodiek", "6", line="internal_staff-0")
    pick_option(page, "Wie is de projectleider?", "Regel 1: Projectleider")
    amount = expected()
    page.wait_for_function(
        "amount => document.querySelector('[data-testid=sw-estimate]').innerText"
        ".replace(/\\u00a0/g, ' ') === amount",
        arg=amount,
    )

    next_page(page, "Overzicht")
    assert page.locator(".sw-error-summary").count() == 0
    next_page(page, "Resultaat")
    assert sidebar_estimate(page) == amount
    tab_to(page, lambda f: "Download de checklist (PDF)" in f["text"], "the PDF button")
    with page.expect_download() as download_info:
        page.keyboard.press("Enter")
    download = download_info.value
    assert download.suggested_filename.endswith(".pdf")
    body = Path(download.path()).read_bytes()
    assert body.startswith(b"%PDF")
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(body)).pages)
    assert amount in text.replace("\xa0", " "), amount
    assert TITLE in text
