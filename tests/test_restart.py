"""A server restart in the middle of a journey loses nothing (issue 7).

A person fills in half an application in chromium (Organisatie, part of Project and a cost
line; Regeling and the rest stay open), the server process is killed (SIGKILL, as in a crash:
no chance to flush anything) and started again on the same port with the same SQLite draft
store, and the person presses reload on the page they were on. Every answer and the cost line
must be back, from the draft store, with the same estimate. The reload is a deep link
(/kosten?concept=...) as the first request of a fresh server, the case ui/server/streamlit_internals.py handles.

The answers are entered with the keyboard helpers of tests/test_browser_keyboard.py (they
wait for each rerun and need no mouse positions), and read back from the page.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from tests.browser_forms import open_line, open_tab
from tests.conftest import APP, free_port, start_streamlit
from tests.test_browser_keyboard import (
    add_line,
    choose,
    fill,
    idle,
    next_page,
    sidebar_estimate,
    sidebar_page,
    type_date,
    type_text,
)

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

TITLE = "Herstart halverwege"
ORGANISATION = [
    ("Wat voor organisatie vraagt de subsidie aan?", "Gemeente"),
    ("Past uw organisatie de CAR-UWO toe (de cao van gemeenteambtenaren)?", "Ja"),
    ("Is de aanvrager een samenwerkingsverband?", "Nee"),
]
DATES = [("Startdatum van het project", "01-03-2027"), ("Einddatum van het project", "30-09-2027")]


def fill_half_an_application(page: Any) -> None:
    next_page(page, "Organisatie")
    for question, option in ORGANISATION:
        choose(page, question, option)
    next_page(page, "Project")
    type_text(page, "Titel van het project", TITLE)
    for label, day in DATES:
        type_date(page, label, day.replace("-", ""))
    sidebar_page(page, "Kosten en uren")
    line = add_line(page, "external_costs")
    fill(page, "external_costs", line, "Omschrijving", "Trainingsbureau")
    fill(page, "external_costs", line, "Bedrag ex BTW (€)", "7.500")
    page.wait_for_function(
        "() => /€/.test(document.querySelector('[data-testid=sw-estimate]').innerText)"
    )


def chosen(page: Any, question: str, option: str) -> bool:
    group = page.locator('[data-testid="stRadio"]').filter(has_text=question)
    return bool(group.get_by_role("radio", name=option, exact=True).is_checked())


def date_shown(page: Any, label: str) -> str:
    return re.sub(r"\s+", "", str(page.get_by_role("group", name=label).inner_text()))


def cost_lines(page: Any) -> str:
    """The page's "Wat telt mee" table: every cost line as the core counts it."""
    table = page.locator("table.sw-table").filter(has_text="Omschrijving")
    table.first.wait_for()
    return " ".join(str(table.first.inner_text()).replace("\xa0", " ").split())


def assert_reload_brings_back_the_half_application(
    page: Any, where: str, before: str, lines: str
) -> None:
    """After F5: the page, the estimate, the cost lines and every answer that
    `fill_half_an_application` gave, on the same draft."""
    page.reload()
    page.wait_for_selector('[data-testid="sw-estimate"]', timeout=30_000)
    idle(page)
    assert page.url == where
    assert page.get_by_role("heading", name="Kosten en uren", level=1).is_visible()
    assert sidebar_estimate(page) == before
    assert cost_lines(page) == lines
    open_line(page, "external_costs", 0)  # a complete line is a summary row after a reload
    line = page.locator(".st-key-sw-line-external_costs-0")
    assert line.get_by_label("Omschrijving", exact=True).input_value() == "Trainingsbureau"
    assert line.get_by_label("Bedrag ex BTW (€)", exact=True).input_value() == "7.500"

    sidebar_page(page, "Organisatie")
    for question, option in ORGANISATION:
        assert chosen(page, question, option), (question, option)
    sidebar_page(page, "Project")
    assert page.get_by_label("Titel van het project", exact=True).input_value() == TITLE
    for label, day in DATES:
        assert date_shown(page, label) == day, label
    assert page.url.split("?")[1] == where.split("?")[1]  # still the same draft


def test_a_reload_after_a_server_restart_brings_every_answer_back(
    browser: Any, tmp_path: Path
) -> None:
    port = free_port()
    env = {"SUBSIDIEWIJZER_DRAFTS_PATH": str(tmp_path / "drafts.sqlite3")}
    server = start_streamlit(APP, env=env, port=port)
    try:
        with open_tab(browser, server.url) as page:
            fill_half_an_application(page)
            before = sidebar_estimate(page)
            where = page.url
            assert "/kosten?concept=" in where  # mid-journey, the draft's link in the address
            lines = cost_lines(page)
            assert "Trainingsbureau € 7.500,00" in lines, lines

            server.process.kill()  # a crash, not a clean shutdown
            server.process.wait(timeout=10)
            server = start_streamlit(APP, env=env, port=port)

            assert_reload_brings_back_the_half_application(page, where, before, lines)
    finally:
        server.stop()
