"""Drafts in a real browser (Debian's chromium through Playwright, the app on 127.0.0.1).

A person fills in half an application by clicking and typing, reloads, and finds every field and
every field of the cost lines as it was; a colleague's fresh browser sees none of it; two tabs
on one draft do not overwrite each other; a hostile upload is refused in Dutch and loses nothing.
Uses the shared `streamlit_server` and `browser` fixtures of tests/conftest.py.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser_forms import EXTERNAL, INTERNAL, add_line, field, line, pick
from tests.browser_forms import type_into as type_in_line

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

IDLE = """() => {
  const app = document.querySelector('[data-test-script-state]');
  return app !== null && app.getAttribute('data-test-script-state') !== 'running';
}"""

TITLE = "Leerlab “digitale balie” – één regio"
COST_LINES = {
    EXTERNAL: {"description": "Trainingsbureau", "amount_ex_vat": "15.265,50"},
    INTERNAL: {"role": "Projectleider", "hours": "24,5", "scale": "10", "step": "6"},
}
"""Each cost line's fields as typed or chosen (Dutch amounts), and as the page shows them."""


def idle(page: Any) -> None:
    """Wait until Streamlit has finished the rerun that the last action started."""
    page.wait_for_timeout(200)
    page.wait_for_function(IDLE, timeout=20_000)
    page.wait_for_timeout(150)


def open_app(page: Any, url: str) -> None:
    page.goto(url)
    page.wait_for_selector('[data-testid="sw-estimate"]', timeout=30_000)
    idle(page)


def go(page: Any, title: str) -> None:
    """Click the page in the sidebar's stappenplan, as a person would."""
    page.get_by_role("link", name=re.compile(rf"^\d\. {re.escape(title)} — ")).click()
    page.wait_for_selector(f'h1:has-text("{title}")')
    idle(page)


def radio_group(page: Any, question: str) -> Any:
    return page.locator('[data-testid="stRadio"]').filter(has_text=question)


def choose(page: Any, question: str, option: str) -> None:
    radio_group(page, question).get_by_text(option, exact=True).click()
    idle(page)


def chosen(page: Any, question: str, option: str) -> bool:
    return bool(
        radio_group(page, question).get_by_role("radio", name=option, exact=True).is_checked()
    )


def type_into(page: Any, label: str, text: str) -> None:
    field = page.get_by_label(label, exact=True)
    field.fill(text)
    field.press("Enter")
    idle(page)


def type_date(page: Any, label: str, digits: str) -> None:
    """A date field of segments (dd-mm-jjjj): type the digits, then leave the field to commit."""
    field = page.get_by_label(label, exact=True)
    field.get_by_role("spinbutton").first.click()
    page.keyboard.type(digits, delay=30)
    page.locator("h1").first.click()
    idle(page)


def date_shown(page: Any, label: str) -> str:
    return re.sub(r"\s+", "", str(page.get_by_label(label, exact=True).inner_text()))


def estimate_text(page: Any) -> str:
    return str(page.get_by_test_id("sw-estimate").inner_text()).replace("\xa0", " ")


def load_foutenfestival(page: Any) -> None:
    page.get_by_role("button", name="Voorbeeld laden: Foutenfestival").click()
    expect(page.get_by_test_id("sw-estimate")).to_have_text(
        re.compile(r"€\s11\.562,60"), timeout=20_000
    )
    idle(page)


def concept_in(url: str) -> str | None:
    match = re.search(r"[?&]concept=([A-Za-z0-9_-]+)", url)
    return match.group(1) if match else None


def fill_half_an_application(page: Any) -> None:
    """Organisatie, Project and one line in each cost table; Regeling and the rest stay open."""
    go(page, "Organisatie")
    choose(page, "Wat voor organisatie vraagt de subsidie aan?", "Gemeente")
    choose(page, "Past uw organisatie de CAR-UWO toe", "Ja")
    choose(page, "Is de aanvrager een samenwerkingsverband?", "Ja")
    type_into(
        page, "Welk deel van het samenwerkingsverband bestaat uit gemeenten (in procenten)?", "80,5"
    )
    choose(page, "Wordt de aanvraag gedaan door of via een extern bureau?", "Nee")

    go(page, "Project")
    type_into(page, "Titel van het project", TITLE)
    choose(page, "Voor wie is het project nieuw?", "Nieuw voor alle gemeenten (de sector)")
    choose(page, "Hoe staat het project ervoor op de dag dat u indient?", "Nog niet begonnen")
    type_date(page, "Startdatum van het project", "01032027")
    type_date(page, "Einddatum van het project", "31122027")

    go(page, "Kosten en uren")
    add_line(page, EXTERNAL)
    for name, text in COST_LINES[EXTERNAL].items():
        type_in_line(page, f"{EXTERNAL}.0.{name}", text)
    add_line(page, INTERNAL)
    type_in_line(page, f"{INTERNAL}.0.role", "Projectleider")
    type_in_line(page, f"{INTERNAL}.0.hours", "24,5")
    pick(page, f"{INTERNAL}.0.scale", "10")
    pick(page, f"{INTERNAL}.0.step", "6")
    pick(page, f"{INTERNAL}.leader", "Regel 1: Projectleider")


def assert_half_application(page: Any) -> None:
    """Every answer of `fill_half_an_application`, read off the pages."""
    go(page, "Kosten en uren")
    shown = {
        table: {name: field(page, f"{table}.0.{name}").input_value() for name in fields}
        for table, fields in COST_LINES.items()
    }
    assert shown == COST_LINES
    assert field(page, f"{INTERNAL}.leader").input_value() == "Regel 1: Projectleider"
    for index in (1,):
        assert line(page, EXTERNAL, index).count() == 0 and line(page, INTERNAL, index).count() == 0

    go(page, "Organisatie")
    assert chosen(page, "Wat voor organisatie vraagt de subsidie aan?", "Gemeente")
    assert chosen(page, "Past uw organisatie de CAR-UWO toe", "Ja")
    assert chosen(page, "Is de aanvrager een samenwerkingsverband?", "Ja")
    share = page.get_by_label(
        "Welk deel van het samenwerkingsverband bestaat uit gemeenten (in procenten)?", exact=True
    )
    assert share.input_value() == "80,5"
    assert chosen(page, "Wordt de aanvraag gedaan door of via een extern bureau?", "Nee")

    go(page, "Project")
    assert page.get_by_label("Titel van het project", exact=True).input_value() == TITLE
    assert chosen(page, "Voor wie is het project nieuw?", "Nieuw voor alle gemeenten (de sector)")
    assert chosen(
        page, "Hoe staat het project ervoor op de dag dat u indient?", "Nog niet begonnen"
    )
    assert date_shown(page, "Startdatum van het project") == "01-03-2027"
    assert date_shown(page, "Einddatum van het project") == "31-12-2027"


def test_a_reload_brings_back_every_field_and_a_colleague_starts_empty(
    browser: Any, streamlit_server: str
) -> None:
    mine = browser.new_context(viewport={"width": 1280, "height": 720}, locale="nl-NL")
    theirs = browser.new_context(viewport={"width": 1280, "height": 720}, locale="nl-NL")
    try:
        page = mine.new_page()
        page.set_default_timeout(20_000)
        open_app(page, streamlit_server)
        assert concept_in(page.url) is None
        fill_half_an_application(page)
        draft_id = concept_in(page.url)
        assert draft_id is not None and len(draft_id) == 43
        before = estimate_text(page)
        assert before.startswith("€ ") and before != "€ 0,00"  # the cost lines give an estimate

        page.reload()
        page.wait_for_selector('[data-testid="sw-estimate"]')
        idle(page)
        assert concept_in(page.url) == draft_id
        assert estimate_text(page) == before
        assert_half_application(page)
        assert concept_in(page.url) == draft_id  # page switches keep the link

        # A second browser (another person, no link) never sees this draft.
        other = theirs.new_page()
        other.set_default_timeout(20_000)
        open_app(other, streamlit_server)
        assert concept_in(other.url) is None
        assert estimate_text(other) == "Nog geen schatting"
        go(other, "Organisatie")
        assert not chosen(other, "Wat voor organisatie vraagt de subsidie aan?", "Gemeente")
        go(other, "Project")
        assert other.get_by_label("Titel van het project", exact=True).input_value() == ""
        # ... nor by guessing a neighbouring id
        guess = draft_id[:-1] + ("A" if draft_id[-1] != "A" else "B")
        open_app(other, f"{streamlit_server}/?concept={guess}")
        assert other.get_by_text("Er is geen concept gevonden bij deze link").is_visible()
        assert estimate_text(other) == "Nog geen schatting"
        assert concept_in(other.url) is None
    finally:
        mine.close()
        theirs.close()


FOUTENFESTIVAL = "€ 11.562,60"


def test_two_tabs_never_overwrite_each_other(page: Any, streamlit_server: str) -> None:
    open_app(page, streamlit_server)
    load_foutenfestival(page)
    link = page.url
    second = page.context.new_page()
    second.set_default_timeout(20_000)
    open_app(second, link)
    assert estimate_text(second) == FOUTENFESTIVAL

    go(page, "Project")
    type_into(page, "Titel van het project", "Titel uit tabblad één")
    go(second, "Project")
    type_into(second, "Titel van het project", "Titel uit tabblad twee")
    assert second.get_by_text("Dit concept is intussen ergens anders gewijzigd").is_visible()

    second.get_by_role("button", name="Laad de nieuwste versie").click()
    idle(second)
    title = second.get_by_label("Titel van het project", exact=True)
    assert title.input_value() == "Titel uit tabblad één"
    assert second.get_by_text("De nieuwste versie van het concept is geladen").is_visible()


def test_a_hostile_upload_is_refused_in_dutch_and_loses_nothing(
    page: Any, streamlit_server: str
) -> None:
    open_app(page, streamlit_server)
    load_foutenfestival(page)
    draft_id = concept_in(page.url)
    assert estimate_text(page) == FOUTENFESTIVAL

    laughs = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    laughs += [f"a{i}: &a{i} [{','.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 9)]
    laughs.append("answers: {project: {title: *a8}}")
    upload = page.locator('[data-testid="stFileUploader"] input[type="file"]')
    upload.set_input_files(
        {
            "name": "concept.yaml",
            "mimeType": "application/x-yaml",
            "buffer": "\n".join(laughs).encode(),
        }
    )
    idle(page)
    message = page.get_by_text(re.compile(r"Het bestand ‘concept\.yaml’ is niet ingelezen"))
    message.wait_for()
    assert "Uw huidige concept is niet veranderd" in message.inner_text()
    assert concept_in(page.url) == draft_id
    assert estimate_text(page) == FOUTENFESTIVAL

    # the same uploader then takes a good file: a shared case file becomes a new draft
    upload = page.locator('[data-testid="stFileUploader"] input[type="file"]')
    upload.set_input_files(
        {
            "name": "eigen.json",
            "mimeType": "application/json",
            "buffer": (
                b'{"application": {"scheme": "impuls", "project_start": "2018-03-01",'
                b' "project_end": "2018-09-30", "internal_staff": [{"role": "Projectleider",'
                b' "scale": 10, "step": 6, "hours": 100, "hourly_rate": "33.30"}]}}'
            ),
        }
    )
    idle(page)
    page.get_by_text("is ingelezen (casusbestand)").wait_for()
    new_id = concept_in(page.url)
    assert new_id is not None and new_id != draft_id
    assert estimate_text(page) == "€ 1.665,00"  # 100 h x 33,30 x 50%
