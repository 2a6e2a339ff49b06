"""A person in Debian's chromium: an Impuls and an Innovatief application, Start to Resultaat.

The test clicks and types as a person would (radios, text fields, the date fields, cells of
the two cost tables) and after every cost change reads the live estimate in the sidebar. The
expected figure is what the core says about the answers typed so far (mirrored in an
`Answers`), never a number written into the test.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from playwright.sync_api import Error as PlaywrightError

from aeno_core.answers import Answers, ExternalRow, InternalRow, evaluate
from aeno_core.formatting import money
from aeno_core.models import NewFor, OrganisationType, ProjectStatus, Scheme
from ui.costs import EXTERNAL_COLUMNS, INTERNAL_COLUMNS, ROW_HEIGHT, WIDTHS

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

EDITOR = "#portal textarea, #portal input"
"""Any overlay editor glide-data-grid has open (text, number or select)."""
TEXT_EDITOR = "#portal textarea.gdg-input, #portal input.gdg-input"
SELECT_EDITOR = "#portal input[id^=react-select]"


def _plain(text: str) -> str:
    return " ".join(text.replace("\xa0", " ").split())


class Person:
    """Drives the wizard like a user and keeps a mirror of what was typed."""

    def __init__(self, page: Any, base_url: str, today: date) -> None:
        self.page = page
        self.base_url = base_url
        self.today = today
        self.answers = Answers()

    # ---------------------------------------------------------------- waiting and reading

    def idle(self) -> None:
        """Wait until Streamlit has finished the rerun a change started."""
        self.page.wait_for_timeout(120)
        self.page.wait_for_function(
            "!document.querySelector('[data-testid=stStatusWidget]')", timeout=20_000
        )

    def sidebar_estimate(self) -> str:
        return _plain(self.page.get_by_test_id("sw-estimate").inner_text())

    def expected_estimate(self) -> str:
        """What the core says about the answers typed so far, as the sidebar writes it."""
        result = evaluate(self.answers, self.today).estimate
        return "Nog geen schatting" if result is None else _plain(money(result.calculation.subsidy))

    def expected_row_errors(self) -> list[str]:
        """The messages the page must show under the cost tables for the answers so far."""
        found = []
        for error in evaluate(self.answers, self.today).errors:
            parts = error.path.split(".")
            if parts[0] in ("external_costs", "internal_staff") and len(parts) > 2:
                found.append(f"Regel {int(parts[1]) + 1}, {error.field}: {error.message}")
        return sorted(found)

    def shown(self) -> tuple[str, list[str]]:
        """The sidebar estimate and the row errors as the page shows them now."""
        errors = self.page.locator(".sw-field-error").all_inner_texts()
        return self.sidebar_estimate(), sorted(_plain(e) for e in errors if e.startswith("Regel"))

    def settled(self, timeout: float = 20.0) -> bool:
        """True once estimate and row errors match the core's verdict on the answers."""
        want = (self.expected_estimate(), self.expected_row_errors())
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            self.idle()
            if self.shown() == want:
                return True
            self.page.wait_for_timeout(150)
        return False

    def check_estimate(self) -> None:
        if not self.settled():
            assert self.shown() == (self.expected_estimate(), self.expected_row_errors())

    # ---------------------------------------------------------------- pages and widgets

    def start(self) -> None:
        self.page.goto(self.base_url + "/")
        self.page.wait_for_selector("h1:has-text('Subsidiewijzer')")
        self.idle()

    def next(self, title: str) -> None:
        self.page.get_by_role("link", name=f"Volgende: {title}").click()
        self.page.wait_for_selector(f"h1:has-text('{title}')")
        self.idle()

    def choose(self, question: str, option: str) -> None:
        group = self.page.get_by_role("radiogroup", name=question)
        group.get_by_text(option, exact=True).click()
        self.idle()

    def type_into(self, label: str, text: str) -> None:
        field = self.page.get_by_label(label, exact=True)
        field.fill(text)
        field.press("Enter")
        self.idle()

    def date(self, label: str, day: date) -> None:
        group = self.page.get_by_role("group", name=label, exact=True)
        group.get_by_role("spinbutton", name=re.compile("^day")).click()
        self.page.keyboard.type(day.strftime("%d%m%Y"))
        self.page.keyboard.press("Escape")
        self.page.keyboard.press("Tab")
        self.idle()

    # ---------------------------------------------------------------- the cost tables

    def _cell(self, table: int, row: int, column: str) -> tuple[float, float]:
        columns = EXTERNAL_COLUMNS if table == 0 else INTERNAL_COLUMNS
        rows = len(self.answers.external_costs if table == 0 else self.answers.internal_staff)
        canvas = (
            self.page.locator("[data-testid=stDataFrame]")
            .nth(table)
            .get_by_test_id("data-grid-canvas")
        )
        box = canvas.bounding_box()
        assert box is not None
        widths = [WIDTHS[c] for c in columns]
        marker = box["width"] - sum(widths)
        header = box["height"] - (rows + 1) * ROW_HEIGHT  # +1: the row that adds a row
        i = columns.index(column)
        x = box["x"] + marker + sum(widths[:i]) + widths[i] / 2
        y = box["y"] + header + ROW_HEIGHT * row + ROW_HEIGHT / 2
        return x, y

    def _center(self, table: int) -> None:
        self.page.locator("[data-testid=stDataFrame]").nth(table).evaluate(
            "e => e.scrollIntoView({block: 'center'})"
        )

    def _steady_cell(self, table: int, row: int, column: str) -> tuple[float, float]:
        """The cell's centre once the page has stopped moving (a rerun may resize it)."""
        self._center(table)
        previous = None
        for _ in range(20):
            self.idle()
            here = self._cell(table, row, column)
            if here == previous:
                return here
            previous = here
            self.page.wait_for_timeout(100)
        raise AssertionError("the table kept moving")

    def _no_editor_open(self) -> None:
        """Let a closing overlay go (a chosen option closes its list a moment later)."""
        for _ in range(3):
            try:
                self.page.locator(EDITOR).first.wait_for(state="detached", timeout=2000)
                return
            except Exception:
                self.page.keyboard.press("Escape")
        raise AssertionError("an editor stayed open")

    def _open_editor(self, table: int, row: int, column: str, kind: str) -> Any:
        """Double-click the cell, once the table stands still, until its editor opens."""
        for _ in range(5):
            self._no_editor_open()
            self.page.mouse.dblclick(*self._steady_cell(table, row, column))
            editor = self.page.locator(kind).first
            try:
                editor.wait_for(state="visible", timeout=1500)
                return editor
            except Exception:  # the grid was redrawing: close whatever opened, try again
                self.page.keyboard.press("Escape")
        raise AssertionError(f"no editor opened for {column} in row {row + 1}")

    def add_row(self, table: int) -> None:
        """Click the empty row under the table, as a person adds a line."""
        rows = self.answers.external_costs if table == 0 else self.answers.internal_staff
        first = EXTERNAL_COLUMNS[0] if table == 0 else INTERNAL_COLUMNS[0]
        self._no_editor_open()
        self.page.mouse.click(*self._steady_cell(table, len(rows), first))
        rows.append(ExternalRow() if table == 0 else InternalRow())
        self.idle()

    def put(self, table: int, row: int, column: str, text: str, value: Any) -> None:
        """Type into a text or number cell and press Enter; mirror the value and check."""
        self._mirror(table, row, column, value)
        for _ in range(3):  # a person whose click missed the cell types it again
            editor = self._open_editor(table, row, column, TEXT_EDITOR)
            editor.fill(text)
            self.page.keyboard.press("Enter")
            if self.settled(timeout=8):
                return
            print(f"retyping {column} in row {row + 1}: the page shows {self.shown()}")
        self.check_estimate()

    def pick(self, table: int, row: int, column: str, option: int) -> None:
        """Choose an option in a select cell (schaal, periodiek) with the mouse; mirror and check.

        Once, and checked, no second try: the choice must close the editor, reach the server's
        estimate, and stay in the grid (an edit the grid shows but the server lost, or one the
        next rerun took back, fails here). The list is let settle first (see `_still_option`).
        """
        self._mirror(table, row, column, option)
        editor = self._open_editor(table, row, column, SELECT_EDITOR)
        editor.click()  # opens the list
        x, y = self._still_option(str(option))
        self.page.mouse.click(x, y)
        self.page.locator(EDITOR).first.wait_for(state="detached", timeout=5000)
        self.check_estimate()  # the server counts the choice ...
        columns = EXTERNAL_COLUMNS if table == 0 else INTERNAL_COLUMNS
        cell = (  # ... and the grid shows that same choice (its cells, as screen readers get them)
            self.page.locator("[data-testid=stDataFrame]")
            .nth(table)
            .locator(f"#glide-cell-{columns.index(column) + 1}-{row}")
        )
        self.page.wait_for_function(
            "([el, want]) => el.textContent.trim() === want",
            arg=[cell.element_handle(), str(option)],
        )

    def _still_option(self, name: str) -> tuple[float, float]:
        """The centre of option `name` once the open list has stopped scrolling under the mouse.

        The list (react-select) scrolls itself towards its focused option a moment after it
        opens or after the mouse first hovers it. Under load that scroll can fall between
        pressing and releasing the button: the press lands on one option, the release on
        another, and no option is chosen at all (recorded: mousedown on "8", mouseup on "5",
        the editor stayed open, cell and server kept the old value). So: hover the option,
        wait until nothing moves for a few frames, and click only when the option under the
        pointer is still the one wanted.

        The list is also drawn more than once as it opens (react-select measures its place
        and mounts the list anew, seen two to three times within 400 ms with no rerun of the
        page), so an option found a moment ago can be gone: that is waited out too, before
        anything is clicked.
        """
        choice = self.page.get_by_role("option", name=name, exact=True)
        for _ in range(10):
            try:
                choice.scroll_into_view_if_needed(timeout=3000)
                box = choice.bounding_box(timeout=3000)
            except PlaywrightError:  # the list was mounted anew under us: nothing chosen yet
                self.page.wait_for_timeout(100)
                continue
            assert box is not None
            x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
            self.page.mouse.move(x, y)
            under = self.page.evaluate(
                """async ([x, y]) => {
                    const where = () => {
                        const list = document.querySelector('#portal [id$=-listbox]');
                        const el = document.elementFromPoint(x, y);
                        const option = el && el.closest('[role=option]');
                        return [list, (list ? list.scrollTop : -1) + '|' + (option ? option.id : '')];
                    };
                    let [lastList, last] = where(), same = 0;
                    while (same < 6) {
                        await new Promise(r => requestAnimationFrame(r));
                        const [list, now] = where();
                        same = now === last && list === lastList ? same + 1 : 0;
                        last = now;
                        lastList = list;
                    }
                    const el = document.elementFromPoint(x, y);
                    const option = el && el.closest('[role=option]');
                    return option ? option.textContent.trim() : null;
                }""",
                [x, y],
            )
            if under == name:
                return x, y
        raise AssertionError(f"option {name} did not stay under the pointer")

    def tick(self, table: int, row: int, column: str, value: bool) -> None:
        """Click a checkbox cell."""
        self._no_editor_open()
        self.page.mouse.click(*self._steady_cell(table, row, column))
        self._mirror(table, row, column, value)
        if column == "project_leader" and value:
            for i, line in enumerate(self.answers.internal_staff):
                line.project_leader = i == row
        self.check_estimate()

    def _mirror(self, table: int, row: int, column: str, value: Any) -> None:
        rows: list[Any] = self.answers.external_costs if table == 0 else self.answers.internal_staff
        setattr(rows[row], column, value)


@pytest.fixture
def person(page: Any, streamlit_server: str) -> Callable[[], Person]:
    def make() -> Person:
        return Person(page, streamlit_server, date.today())

    return make


def _organisation(p: Person) -> None:
    p.next("Organisatie")
    p.choose("Wat voor organisatie vraagt de subsidie aan?", "Gemeente")
    p.choose("Past uw organisatie de CAR-UWO toe (de cao van gemeenteambtenaren)?", "Ja")
    p.choose("Is de aanvrager een samenwerkingsverband?", "Nee")
    p.choose("Wordt de aanvraag gedaan door of via een extern bureau?", "Nee")
    org = p.answers.organisation
    org.type, org.applies_car_uwo, org.collaboration, org.via_external_bureau = (
        OrganisationType.GEMEENTE,
        True,
        False,
        False,
    )
    p.check_estimate()


def test_impuls_application_from_start_to_resultaat(person: Callable[[], Person]) -> None:
    p = person()
    p.start()
    _organisation(p)

    p.next("Project")
    p.type_into("Titel van het project", "Foutenfestival")
    p.choose(
        "Bij welk thema van de innovatieagenda sluit het project aan?", "5. Moedige mislukkingen"
    )
    p.choose("Voor wie is het project nieuw?", "Nieuw voor onze gemeente")
    p.choose("Hoe staat het project ervoor op de dag dat u indient?", "Afgerond")
    p.date("Startdatum van het project", date(2018, 2, 1))
    p.date("Einddatum van het project", date(2018, 8, 31))
    p.date("Wanneer dient u in?", date(2018, 10, 1))
    p.type_into("Hoeveel deelnemers heeft de kleinste training of workshop?", "20")
    a = p.answers
    a.project.title, a.project.theme = "Foutenfestival", 5
    a.project.new_for, a.project.status = NewFor.GEMEENTE, ProjectStatus.FINISHED
    a.project_start, a.project_end, a.submitted_on = (
        date(2018, 2, 1),
        date(2018, 8, 31),
        date(2018, 10, 1),
    )
    a.project.participants_per_training = 20
    p.check_estimate()

    p.next("Regeling")
    p.choose("Met welke regeling wilt u verder?", "Impulsregeling (advies)")
    a.scheme, a.scheme_confirmed = Scheme.IMPULS, True

    p.next("Kosten en uren")
    p.add_row(0)
    p.put(
        0,
        0,
        "description",
        "Uitzendorganisatie, post Foutenfestival",
        "Uitzendorganisatie, post Foutenfestival",
    )
    p.put(0, 0, "amount_ex_vat", "15000", Decimal("15000"))
    p.add_row(0)
    p.put(0, 1, "description", "Trainingsbureau", "Trainingsbureau")
    p.put(0, 1, "amount_ex_vat", "7500", Decimal("7500"))

    p.add_row(1)
    p.put(1, 0, "role", "Projectleider", "Projectleider")
    p.tick(1, 0, "project_leader", True)
    p.pick(1, 0, "scale", 10)
    p.pick(1, 0, "step", 6)
    p.put(1, 0, "hours", "244", Decimal("244"))
    p.put(1, 0, "hourly_rate", "33,30", Decimal("33.30"))
    p.add_row(1)
    p.put(1, 1, "role", "Teamleider", "Teamleider")
    p.pick(1, 1, "scale", 11)
    p.pick(1, 1, "step", 11)
    p.put(1, 1, "hours", "24", Decimal("24"))
    assert p.page.get_by_text("Alleen de projectleider telt mee.").is_visible()
    final = p.sidebar_estimate()
    assert final == _plain(money(Decimal("11562.60")))  # the fund's own worked example

    p.next("Overzicht")
    assert p.page.get_by_role("heading", name="Bevindingen").is_visible()
    p.next("Resultaat")
    amount = _plain(p.page.get_by_test_id("sw-result-amount").inner_text())
    assert amount == final


def test_innovatief_application_from_start_to_resultaat(person: Callable[[], Person]) -> None:
    p = person()
    p.start()
    _organisation(p)

    p.next("Project")
    p.type_into("Titel van het project", "Datalab samen met de regio")
    p.choose(
        "Bij welk thema van de innovatieagenda sluit het project aan?",
        "6. Dienstverlening en digitalisering",
    )
    p.choose("Voor wie is het project nieuw?", "Nieuw voor alle gemeenten (de sector)")
    p.choose("Hoe staat het project ervoor op de dag dat u indient?", "Nog niet begonnen")
    p.date("Startdatum van het project", date(2019, 2, 1))
    p.date("Einddatum van het project", date(2020, 3, 31))
    p.date("Wanneer dient u in?", date(2019, 1, 31))
    p.type_into("Hoeveel andere gemeenten doen mee?", "3")
    p.date("Datum van de interne opdracht of de getekende offerte", date(2019, 1, 10))
    a = p.answers
    a.project.title, a.project.theme = "Datalab samen met de regio", 6
    a.project.new_for, a.project.status = NewFor.SECTOR, ProjectStatus.PLANNED
    a.project_start, a.project_end, a.submitted_on = (
        date(2019, 2, 1),
        date(2020, 3, 31),
        date(2019, 1, 31),
    )
    a.project.partner_gemeenten = 3
    a.project.internal_assignment_date = date(2019, 1, 10)
    p.check_estimate()

    p.next("Regeling")
    p.choose("Met welke regeling wilt u verder?", "Innovatieve Projectenregeling (advies)")
    a.scheme, a.scheme_confirmed = Scheme.INNOVATIEF, True

    p.next("Kosten en uren")
    p.add_row(0)
    p.put(0, 0, "description", "Begeleiding experimenten", "Begeleiding experimenten")
    p.put(0, 0, "amount_ex_vat", "21000", Decimal("21000"))
    p.add_row(1)
    p.put(1, 0, "role", "Projectleider", "Projectleider")
    p.tick(1, 0, "project_leader", True)
    p.pick(1, 0, "scale", 11)
    p.pick(1, 0, "step", 4)
    p.put(1, 0, "hours", "300", Decimal("300"))
    p.put(1, 0, "hourly_rate", "37,80", Decimal("37.80"))
    final = p.sidebar_estimate()
    assert final == _plain(money(Decimal("12670.00")))  # shared case 15, same answers

    p.next("Overzicht")
    p.next("Resultaat")
    assert _plain(p.page.get_by_test_id("sw-result-amount").inner_text()) == final
    with p.page.expect_download() as download:
        p.page.get_by_role("button", name=re.compile("Download de checklist")).click()
    path = download.value.path()
    assert path is not None
    with open(path, "rb") as handle:
        assert handle.read(5) == b"%PDF-"
