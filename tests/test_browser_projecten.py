"""HR's projects map in a real browser (Debian's chromium, the app on 127.0.0.1), start to files.

Three projects are made in the wizard (two Impulsregeling, one Innovatieve
Projectenregeling); HR gathers them on the Projecten page by a pasted draft link and by
uploading two exports at once, sets statuses and a limit, and downloads the workbook, the CSV,
the calendar and the PDF summary. The files are read back (openpyxl, csv with `;`, icalendar,
pypdf) and their totals must equal the sum of the projects' own estimates from the core.
"""

from __future__ import annotations

import csv
import io
import re
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from icalendar import Calendar
from openpyxl import load_workbook
from playwright.sync_api import expect
from pypdf import PdfReader

from aeno_core.answers import Answers, evaluate
from aeno_core.examples import examples
from aeno_core.export import import_document
from aeno_core.formatting import money
from aeno_core.overview_files import DATE_FORMAT, EURO_FORMAT
from tests.browser_forms import css_key

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

IDLE = """() => {
  const app = document.querySelector('[data-test-script-state]');
  return app !== null && app.getAttribute('data-test-script-state') !== 'running'
    && !document.querySelector('[data-testid=stStatusWidget]');
}"""


def idle(page: Any) -> None:
    page.wait_for_timeout(200)
    page.wait_for_function(IDLE, timeout=30_000)
    page.wait_for_timeout(150)


def concept_in(url: str) -> str:
    match = re.search(r"[?&]concept=([A-Za-z0-9_-]{43})", url)
    assert match, url
    return match.group(1)


def sidebar_link(page: Any, name: str | re.Pattern[str]) -> None:
    page.locator('[data-testid="stSidebar"]').get_by_role("link", name=name).click()
    idle(page)


def load_example(page: Any, name: str) -> str:
    """Load an example on Start (a new draft each time); its draft id."""
    sidebar_link(page, re.compile(r"^1\. Start — "))
    page.get_by_role("button", name=f"Voorbeeld laden: {name}").click()
    idle(page)
    page.wait_for_url(re.compile(r"concept="))
    return concept_in(page.url)


def export_current(page: Any) -> bytes:
    """The Start page's export of the draft this tab works on."""
    sidebar_link(page, re.compile(r"^1\. Start — "))
    with page.expect_download() as info:
        page.get_by_role("button", name="Exporteren (JSON)").click()
    return Path(info.value.path()).read_bytes()


def pick(page: Any, key: str, option: str) -> None:
    """Choose `option` in the select box with widget key `key` (a react-aria combobox)."""
    box = page.locator(f"{css_key(key)} input").first
    arrow = page.locator(css_key(key)).get_by_role("button", name="Open")
    for attempt in range(4):
        if box.get_attribute("aria-expanded") != "true":
            (box if attempt % 2 == 0 else arrow).click()
        try:
            page.wait_for_function(
                "el => el.getAttribute('aria-expanded') === 'true'",
                arg=box.element_handle(),
                timeout=600,
            )
            break
        except Exception:
            continue
    page.get_by_role("listbox").get_by_role("option", name=option, exact=True).click()
    idle(page)


def type_date(page: Any, key: str, digits: str) -> None:
    page.locator(f"{css_key(key)} [role='spinbutton']").first.click()
    page.keyboard.type(digits, delay=30)


def download(page: Any, label: str) -> bytes:
    with page.expect_download() as info:
        page.get_by_role("button", name=label).click()
    return Path(info.value.path()).read_bytes()


def test_hr_gathers_three_projects_and_takes_the_files(page: Any, streamlit_server: str) -> None:
    page.goto(streamlit_server)
    page.wait_for_selector('[data-testid="sw-estimate"]', timeout=30_000)
    idle(page)

    # Three projects in the wizard: two Impuls (the second renamed), one Innovatief.
    first = load_example(page, "Foutenfestival")
    second = load_example(page, "Foutenfestival")
    assert second != first
    sidebar_link(page, re.compile(r"^3\. Project — "))
    title = page.get_by_label("Titel van het project", exact=True)
    title.fill("Foutenfestival Noord")
    title.press("Enter")
    idle(page)
    export_second = export_current(page)
    load_example(page, "Leerlab digitale balie")
    export_third = export_current(page)
    answers = {
        # The first draft is the example as loaded: its answers are the example's.
        "Foutenfestival": Answers.from_application(examples()["foutenfestival"].application),
        "Foutenfestival Noord": import_document(export_second).answers,
        "Leerlab digitale balie": import_document(export_third).answers,
    }
    assert answers["Foutenfestival Noord"].project.title == "Foutenfestival Noord"

    # The map: one by its draft link, two by uploading their exports at once.
    sidebar_link(page, "Projectenmap voor HR")
    page.get_by_role("heading", name="Projecten (HR)").wait_for()
    page.locator(f"{css_key('map_links')} textarea").fill(f"{streamlit_server}/?concept={first}")
    page.get_by_role("button", name="Links toevoegen").click()
    idle(page)
    page.get_by_text("Toegevoegd: ‘Foutenfestival’.").wait_for()
    map_url = page.url
    assert "projectenmap=" in map_url
    page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(
        [
            {"name": "noord.json", "mimeType": "application/json", "buffer": export_second},
            {"name": "leerlab.json", "mimeType": "application/json", "buffer": export_third},
        ]
    )
    idle(page)
    page.get_by_text("Ingelezen:").wait_for()
    table = page.locator("table.sw-table").first
    expect(table.locator("tbody tr")).to_have_count(3)
    for name in answers:
        expect(table).to_contain_text(name)

    # Statuses: the first ingediend, the second granted 9.000 at its beschikking.
    pick(page, "map_selected", "1. Foutenfestival")
    pick(page, "map_stage", "Ingediend")
    type_date(page, "map_submitted_on", "01102018")
    page.get_by_role("button", name="Status opslaan").click()
    idle(page)
    page.get_by_text("Status van ‘Foutenfestival’ opgeslagen.").wait_for()
    pick(page, "map_selected", "2. Foutenfestival Noord")
    pick(page, "map_stage", "Beschikking")
    page.locator(f"{css_key('map_granted')} input").fill("9.000")
    page.get_by_role("button", name="Status opslaan").click()
    idle(page)
    page.get_by_text("Status van ‘Foutenfestival Noord’ opgeslagen.").wait_for()
    expect(table).to_contain_text("€ 9.000,00".replace(" ", "\xa0"))

    # The fund's limit: one Impuls application in 2018; two count, so it is over.
    pick(page, "limit_scheme", "Impulsregeling")
    page.locator(f"{css_key('limit_year')} input").fill("2018")
    page.locator(f"{css_key('limit_applications')} input").fill("1")
    page.get_by_role("button", name="Plafond opslaan").click()
    idle(page)
    page.get_by_text(
        re.compile(r"Overschreden\. Impulsregeling 2018: boven het plafond")
    ).wait_for()

    # The timeline's text alternative: every deadline as a table, drawn when opened.
    own_deadlines = sum(
        len(r.deadlines.items) for a in answers.values() if (r := evaluate(a).estimate) is not None
    )
    page.get_by_text(re.compile(r"^Alle termijnen als tabel")).click()
    idle(page)
    expect(
        page.locator("[data-testid=stExpander] table.sw-table").last.locator("tbody tr")
    ).to_have_count(own_deadlines)

    # The files.
    page.get_by_role("button", name="Bestanden maken").click()
    idle(page)
    workbook = download(page, "Excel (.xlsx)")
    csv_bytes = download(page, "CSV")
    ics = download(page, "Agenda (.ics)")
    pdf = download(page, "Samenvatting (PDF)")

    own = {name: evaluate(a).estimate for name, a in answers.items()}
    subsidy = {name: r.calculation.subsidy for name, r in own.items() if r is not None}
    assert len(subsidy) == 3
    impuls = subsidy["Foutenfestival"] + subsidy["Foutenfestival Noord"]
    innovatief = subsidy["Leerlab digitale balie"]

    book = load_workbook(io.BytesIO(workbook))
    assert book.sheetnames[:2] == ["Projecten", "Totalen en plafond"]
    assert len(book.sheetnames) == 2 + 3  # one sheet per project
    sheet = book["Projecten"]
    header = [c.value for c in sheet[1]]
    col = {name: i for i, name in enumerate(header)}
    rows = [[c for c in r] for r in sheet.iter_rows(min_row=2)]
    assert [r[col["Project"]].value for r in rows] == list(answers)
    for row in rows:
        cell = row[col["Voorlopige subsidie"]]
        assert cell.number_format == EURO_FORMAT
        assert Decimal(str(cell.value)) == subsidy[row[col["Project"]].value]
    submitted = rows[0][col["Ingediend op"]]
    assert submitted.number_format == DATE_FORMAT and submitted.value.date() == date(2018, 10, 1)
    assert Decimal(str(rows[1][col["Toegekend"]].value)) == Decimal("9000")
    assert sheet.freeze_panes == "A2"
    totals = book["Totalen en plafond"]
    found = {}
    for r in totals.iter_rows(min_row=2):
        if r[0].value is None:
            break  # the limits follow after an empty row
        assert r[3].number_format == EURO_FORMAT
        found[(r[0].value, r[1].value)] = Decimal(str(r[3].value))
    assert found[(2018, "Impulsregeling")] == impuls
    assert found[(2019, "Innovatieve Projectenregeling")] == innovatief

    assert csv_bytes.startswith(b"\xef\xbb\xbf")
    lines = list(csv.DictReader(io.StringIO(csv_bytes.decode("utf-8-sig")), delimiter=";"))
    assert [line["Project"] for line in lines] == list(answers)
    asked = sum(
        (Decimal(line["Voorlopige subsidie"].replace(",", ".")) for line in lines), Decimal(0)
    )
    assert asked == impuls + innovatief == sum(subsidy.values(), Decimal(0))

    calendar = Calendar.from_ical(ics)
    events = [c for c in calendar.walk("VEVENT")]
    expected = sum(len(r.deadlines.items) for r in own.values() if r is not None)
    assert len(events) == expected
    assert len({str(e["UID"]) for e in events}) == expected  # stable, one per deadline

    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    assert "Foutenfestival Noord" in text
    assert money(impuls).replace("\xa0", " ") in text.replace("\xa0", " ")

    # The map's own link opens it again in a fresh browser (a colleague).
    colleague = page.context.browser.new_context(locale="nl-NL")
    try:
        other = colleague.new_page()
        other.goto(map_url)
        other.get_by_text("Foutenfestival Noord").first.wait_for(timeout=30_000)
        expect(other.locator("table.sw-table").first.locator("tbody tr")).to_have_count(3)
    finally:
        colleague.close()
