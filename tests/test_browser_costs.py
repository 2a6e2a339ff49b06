"""The cost-line forms of "Kosten en uren" in Debian's chromium, as a person fills them in.

- Every public reference case (except those the fund's rules make invalid) typed through the
  pages, the cost lines with Dutch amounts (`15.000,00`); two cases at a person's pace (50-150
  ms a key, seeded), the rest at full speed. Resultaat must show the case's expected subsidy,
  which is also what the core says about the application.
- Each refused amount shows its Dutch message under its line, keeps the typed text and leaves
  the sidebar with the last complete estimate marked "onvolledig"; `12.000` is twelve thousand.
- 200 choices of scale, step and project leader on 4 lines land each in its own line (the
  select boxes as the page shows them, the sidebar as the server computes it, and after a
  reload the draft as it was stored).
- A field still being typed (no Enter, no Tab) keeps its value when the person clicks
  "Volgende: ..." once, and that one click opens the next page.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml

from aeno_core.advice import SCHEME_LABELS
from aeno_core.answers import THEME_NONE, Answers, InternalRow, dutch_amount
from aeno_core.casefile import load_application
from aeno_core.estimate import estimate
from aeno_core.examples import example
from aeno_core.formatting import money
from aeno_core.models import Application, Phase
from aeno_core.vocabulary import NEW_FOR_LABELS, NO_THEME, STATUS_LABELS, organisation_labels
from tests.browser_forms import (
    EXTERNAL,
    INTERNAL,
    STEPS,
    Person,
    choose_starting,
    css_key,
    date_shown,
    field,
    goto_start,
    idle,
    line,
    next_page,
    plain,
    result_amount,
    sidebar_page,
    sidebar_steps,
    type_into,
    type_keys,
)
from tests.paths import shared_case_files

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

VALID_CASES = [
    path
    for path in shared_case_files()
    if not yaml.safe_load(path.read_text())["expect"].get("invalid")
]
AT_A_PERSONS_PACE = {"06_innovatief_aanvraag", "16_organisation_not_eligible"}
"""Typed key by key, 50-150 ms apart (seeded); every other case at full speed."""

CHOICES = 200
"""How many select-box choices the 200-choices test makes."""
PAUSED_CHOICES = 20
"""The first of them come 0,3-1 s apart, as a person picks; the rest without a pause."""

NEW_FOR = NEW_FOR_LABELS
STATUS = STATUS_LABELS


@pytest.fixture
def fresh_page(browser: Any) -> Iterator[Any]:
    """A page in a browser context of its own (one per case), closed afterwards."""
    context = browser.new_context(viewport={"width": 1280, "height": 720}, locale="nl-NL")
    context.set_default_timeout(20_000)
    try:
        yield context.new_page()
    finally:
        context.close()


def yes_no(value: bool) -> str:
    return "Ja" if value else "Nee"


def fill_organisation(p: Person, application: Application) -> None:
    org = application.organisation
    assert org is not None
    labels = organisation_labels(date.today())
    if org.type is not None:
        p.choose("Wat voor organisatie vraagt de subsidie aan?", labels[org.type])
    if org.applies_car_uwo is not None:
        p.choose(
            "Past uw organisatie de CAR-UWO toe (de cao van gemeenteambtenaren)?",
            yes_no(org.applies_car_uwo),
        )
    if org.collaboration is not None:
        p.choose("Is de aanvrager een samenwerkingsverband?", yes_no(org.collaboration))
    if org.collaboration and org.share_gemeenten is not None:
        p.type_into(
            "Welk deel van het samenwerkingsverband bestaat uit gemeenten (in procenten)?",
            dutch_amount(org.share_gemeenten, 0),
        )
    if org.via_external_bureau is not None:
        p.choose(
            "Wordt de aanvraag gedaan door of via een extern bureau?",
            yes_no(org.via_external_bureau),
        )


def fill_project(p: Person, application: Application) -> None:
    """Project: the same questions, in the same order, as tests/test_journeys.py answers them."""
    p.next("Project")
    page = p.page
    if application.phase is Phase.DECLARATIE:
        p.choose("Wat wilt u doen?", "Declareren na afloop (Innovatieve Projectenregeling)")
        if application.provisional_subsidy is not None:
            p.type_into(
                "Voorlopige subsidie uit de beschikking (in euro)",
                dutch_amount(application.provisional_subsidy),
            )
    project = application.project
    if project is not None:
        if project.title:
            p.type_into("Titel van het project", project.title)
        if "theme" in project.model_fields_set:
            question = "Bij welk thema van de innovatieagenda sluit het project aan?"
            if project.theme in (None, THEME_NONE):
                p.choose(question, NO_THEME)
            else:
                choose_starting(page, question, f"{project.theme}. ")
        if project.new_for is not None:
            p.choose("Voor wie is het project nieuw?", NEW_FOR[project.new_for])
        if project.status is not None:
            p.choose(
                "Hoe staat het project ervoor op de dag dat u indient?", STATUS[project.status]
            )
    p.date("Startdatum van het project", application.project_start)
    p.date("Einddatum van het project", application.project_end)
    if application.submitted_on is not None:
        p.date("Wanneer dient u in?", application.submitted_on)
    if project is not None:
        if project.participants_per_training is not None:
            p.type_into(
                "Hoeveel deelnemers heeft de kleinste training of workshop?",
                str(project.participants_per_training),
            )
        if project.partner_gemeenten is not None:
            p.type_into("Hoeveel andere gemeenten doen mee?", str(project.partner_gemeenten))
        if project.internal_assignment_date is not None:
            p.date(
                "Datum van de interne opdracht of de getekende offerte",
                project.internal_assignment_date,
            )


def fill_costs(p: Person, application: Application) -> None:
    """Kosten en uren: a line at a time, the way tests/test_journeys.py fills them in."""
    p.next("Kosten en uren")
    for cost in application.external_costs:
        i = p.add(EXTERNAL)
        p.type(EXTERNAL, i, "description", cost.description)
        p.type(EXTERNAL, i, "amount_ex_vat", dutch_amount(cost.amount_ex_vat))
        if not cost.staff_development:
            p.untick(i)
    for staff in application.internal_staff:
        i = p.add(INTERNAL)
        p.type(INTERNAL, i, "role", staff.role)
        p.type(INTERNAL, i, "hours", dutch_amount(staff.hours, None))
        if staff.scale is not None:
            p.pick(i, "scale", staff.scale)
        if staff.step is not None:
            p.pick(i, "step", staff.step)
        if staff.hourly_rate is not None:
            p.type(INTERNAL, i, "hourly_rate", dutch_amount(staff.hourly_rate))
        if staff.project_leader:
            p.leader(i)


@pytest.mark.parametrize("path", VALID_CASES, ids=[p.stem for p in VALID_CASES])
def test_a_public_case_through_the_cost_forms(
    fresh_page: Any, streamlit_server: str, path: Path
) -> None:
    expect = yaml.safe_load(path.read_text())["expect"]
    application = load_application(path)
    core = estimate(application).calculation.subsidy
    assert core == Decimal(expect["subsidy"])  # the case and the core agree to begin with

    rng = random.Random(path.stem) if path.stem in AT_A_PERSONS_PACE else None
    p = Person(fresh_page, streamlit_server, date.today(), rng)
    p.start()
    p.next("Organisatie")
    if application.organisation is not None:
        fill_organisation(p, application)
    fill_project(p, application)
    p.next("Regeling")  # a declaratie has nothing to choose here
    if application.phase is Phase.AANVRAAG:
        choose_starting(
            p.page, "Met welke regeling wilt u verder?", SCHEME_LABELS[application.scheme]
        )

    # From here the sidebar is checked after every change against the core's verdict on the
    # answers so far: the questions as answered, the cost lines as typed.
    p.answers = Answers.from_application(application)
    p.answers.external_costs, p.answers.internal_staff = [], []
    if application.phase is Phase.DECLARATIE:
        p.answers.scheme, p.answers.scheme_confirmed = None, False  # nothing chosen on Regeling
    p.check()
    fill_costs(p, application)
    p.check()
    assert p.shown()[1] == plain(money(core))

    sidebar_page(p.page, "Resultaat")
    assert result_amount(p.page) == plain(money(Decimal(expect["subsidy"])))
    problems = expect.get("problems")
    if problems is not None:
        count = len(problems)
        words = (
            "geen problemen" if count == 0 else f"{count} probleem" + ("" if count == 1 else "en")
        )
        shown = plain(p.page.locator("[data-testid=stSidebar] .sw-estimate").first.inner_text())
        assert words in shown, shown


# ------------------------------------------------------------------------ refused amounts


def load_foutenfestival(p: Person) -> None:
    """Start, "Voorbeeld laden: Foutenfestival", then Kosten en uren; the mirror follows."""
    p.start()
    p.page.get_by_role("button", name="Voorbeeld laden: Foutenfestival").click()
    idle(p.page)
    p.answers = Answers.from_application(example("foutenfestival").application)
    p.check()
    sidebar_page(p.page, "Kosten en uren")


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("-500", "een bedrag kan niet negatief zijn"),
        ("1e12", "‘1e12’ is geen bedrag"),
        ("twaalfhonderd", "‘twaalfhonderd’ is geen bedrag"),
        ("12,505", "gebruik hoogstens twee cijfers achter de komma"),
    ],
    ids=["negative", "exponent", "words", "three-decimals"],
)
def test_each_refused_amount_is_named_under_its_line(
    page: Any, streamlit_server: str, typed: str, message: str
) -> None:
    """A wrong amount: its Dutch message under the line, the text kept, the estimate marked.

    Then the Dutch way of writing amounts: `12.000` is twelve thousand, `15.000,00` fifteen.
    """
    p = Person(page, streamlit_server, date.today())
    load_foutenfestival(p)
    before = p.shown()
    assert before[:2] == ("Geschatte subsidie", "€ 11.562,60")

    amount = f"{EXTERNAL}.1.amount_ex_vat"
    p.type(EXTERNAL, 1, "amount_ex_vat", typed)  # typed, then Tab: checked against the core
    assert field(page, amount).input_value() == typed
    shown = line(page, EXTERNAL, 1).locator(".sw-field-error").all_inner_texts()
    assert len(shown) == 1, shown
    assert plain(shown[0]).startswith(f"Regel 2, bedrag ex BTW: {message}"), shown
    assert p.shown()[:2] == ("Geschatte subsidie (onvolledig)", "€ 11.562,60")
    assert line(page, EXTERNAL, 1).locator(".sw-reading").count() == 0
    assert line(page, EXTERNAL, 0).locator(".sw-field-error").count() == 0
    # Typing reruns the line alone; when that moves a step, the line draws the stappenplan.
    wait_for_kosten_step(page, "fouten")

    for text, reading in [("12.000", "€ 12.000,00"), ("15.000,00", "€ 15.000,00")]:
        p.type(EXTERNAL, 1, "amount_ex_vat", text)
        assert plain(line(page, EXTERNAL, 1).locator(".sw-reading").inner_text()) == (
            f"Gelezen als {reading}"
        )
        assert line(page, EXTERNAL, 1).locator(".sw-field-error").count() == 0
        assert p.shown()[0] == "Geschatte subsidie"
        wait_for_kosten_step(page, "klaar")


def wait_for_kosten_step(page: Any, word: str) -> None:
    """The stappenplan's link to Kosten en uren says `word` (fails after 10 s), and it is the
    only stappenplan in sight (the run's own is hidden behind the line's, ui/sidebar.py)."""
    page.locator("[data-testid=stSidebar]").get_by_role(
        "link", name=f"5. Kosten en uren — {word}"
    ).wait_for(timeout=10_000)
    assert sidebar_steps(page) == STEPS


# ------------------------------------------------------------------------ 200 choices


def shown_choices(page: Any) -> dict[str, str]:
    """What every internal line shows as its scale and step, by answer path: the open line in
    its select boxes, a closed one in its summary row ("schaal 11, periodiek 5"); and the
    project-leader choice."""
    values: dict[str, str] = page.evaluate(
        """() => Object.fromEntries([...document.querySelectorAll(
              "[class*='st-key-w-internal_staff-'] input[role=combobox]")]
            .map(box => [box.closest("[class*='st-key-w-internal_staff-']").className
                           .match(/st-key-w-(internal_staff-[a-z0-9_-]+)/)[1], box.value]))"""
    )
    summaries: dict[str, str] = page.evaluate(
        """() => Object.fromEntries([...document.querySelectorAll(
              "[class*='st-key-sw-line-internal_staff-'] p.sw-line-summary")]
            .map(p => [p.closest("[class*='st-key-sw-line-internal_staff-']").className
                         .match(/st-key-sw-line-internal_staff-([0-9]+)/)[1], p.textContent]))"""
    )
    for index, text in summaries.items():
        for name, word in (("scale", "schaal"), ("step", "periodiek")):
            found = re.search(rf"(?<!geen ){word} (\d+)", text)
            values[f"internal_staff-{index}-{name}"] = found.group(1) if found else ""
    return values


def expected_choices(rows: list[InternalRow]) -> dict[str, str]:
    want = {}
    for i, row in enumerate(rows):
        want[f"internal_staff-{i}-scale"] = "" if row.scale is None else str(row.scale)
        want[f"internal_staff-{i}-step"] = "" if row.step is None else str(row.step)
    leader = next((i for i, row in enumerate(rows) if row.project_leader), None)
    want["internal_staff-leader"] = (
        "Geen van deze medewerkers"
        if leader is None
        else f"Regel {leader + 1}: {rows[leader].role.strip() or 'nog geen rol'}"
    )
    return want


def test_200_choices_each_land_in_their_own_line(page: Any, streamlit_server: str) -> None:
    """Scale, step and project leader chosen at random on 4 lines, each checked where it landed.

    The hourly rates are left empty, so every line's scale and step count: the sidebar's
    estimate (the server's) follows each choice of the project leader's line, the select
    boxes show each line's own choice, and a reload (the stored draft) shows them all again.
    The first 20 choices come 0,3-1 s apart, as a person picks; the rest without a pause.
    One line's form is open at a time, so a person makes a few choices in a line and then
    opens another: after each choice the next one moves to a random line one time in four.
    """
    from ui.costs import scale_options

    rng = random.Random(20261202)
    p = Person(page, streamlit_server, date.today())
    load_foutenfestival(p)
    p.sidebar_faults = []  # every choice is made and checked in its line; the sidebar at the end
    p.type(INTERNAL, 0, "hourly_rate", "")  # scale and step decide every line's rate
    i = p.add(INTERNAL)
    p.type(INTERNAL, i, "role", "adviseur")
    p.type(INTERNAL, i, "hours", "40")
    rows = p.answers.internal_staff
    assert len(rows) == 4
    scales, steps = scale_options()

    index = 0
    for turn in range(CHOICES):
        kind = rng.choice(["scale", "step", "leader"])
        if rng.random() < 0.25:
            index = rng.randrange(4)
        if kind == "leader":
            current = next((i for i, row in enumerate(rows) if row.project_leader), None)
            p.leader(rng.choice([i for i in range(4) if i != current]))
        else:
            now = getattr(rows[index], kind)
            options = scales if kind == "scale" else steps
            p.pick(index, kind, rng.choice([v for v in options if v != now]))
        assert shown_choices(page) == expected_choices(rows), f"choice {turn + 1}"
        if p.sidebar_faults and not p.sidebar_faults[-1].startswith("choice"):
            p.sidebar_faults[-1] = f"choice {turn + 1} ({kind}): {p.sidebar_faults[-1]}"
        if turn < PAUSED_CHOICES:
            page.wait_for_timeout(rng.randint(300, 1000))

    page.reload()  # the draft as stored: every line's fields as they were chosen and typed
    page.wait_for_selector('[data-testid="sw-estimate"]', timeout=30_000)
    page.locator(css_key("w.internal_staff.leader")).wait_for()
    idle(page)
    assert shown_choices(page) == expected_choices(rows)
    for i, row in enumerate(rows):
        assert field(page, f"{INTERNAL}.{i}.role").input_value() == row.role
        assert field(page, f"{INTERNAL}.{i}.hours").input_value() == row.hours
        assert field(page, f"{INTERNAL}.{i}.hourly_rate").input_value() == row.hourly_rate
    faults = p.sidebar_faults
    p.sidebar_faults = None
    p.check()  # after the reload: the sidebar as the stored draft gives it
    assert not faults, (
        f"the sidebar was wrong after {len(faults)} of {CHOICES} choices: {faults[:3]}"
    )


# ------------------------------------------------------------------------ one click on "Volgende"


def click_next_once(page: Any, title: str) -> None:
    """One real mouse click on "Volgende: <title>"; the page must open without a second one."""
    page.get_by_role("link", name=f"Volgende: {title}").click()
    try:
        page.wait_for_selector(f'[data-testid=stMain] h1:has-text("{title}")', timeout=10_000)
    except Exception as error:
        heading = page.locator("[data-testid=stMain] h1").first.inner_text()
        raise AssertionError(
            f"one click on 'Volgende: {title}' left the page at {heading!r}: the click was lost"
        ) from error
    idle(page)


def back_to(page: Any, title: str) -> None:
    page.get_by_role("link", name=f"Vorige: {title}").click()
    page.wait_for_selector(f'[data-testid=stMain] h1:has-text("{title}")')
    idle(page)


def to_project(page: Any, url: str) -> None:
    goto_start(page, url)
    next_page(page, "Organisatie")
    next_page(page, "Project")


@pytest.mark.parametrize("kind", ["date", "text", "number", "amount"])
def test_one_click_on_next_keeps_a_field_still_being_typed(
    page: Any, streamlit_server: str, kind: str
) -> None:
    """Typed, no Enter or Tab, then one click on the page link at the bottom."""
    if kind == "date":
        to_project(page, streamlit_server)
        label = "Startdatum van het project"
        group = page.get_by_role("group", name=label, exact=True)
        group.get_by_role("spinbutton", name=re.compile("^day")).click()
        type_keys(page, "01032027")
        click_next_once(page, "Regeling")
        back_to(page, "Project")
        assert date_shown(page, label) == "01-03-2027"
    elif kind == "text":
        to_project(page, streamlit_server)
        box = page.get_by_label("Titel van het project", exact=True)
        box.click()
        type_keys(page, "Eén klik is genoeg")
        click_next_once(page, "Regeling")
        back_to(page, "Project")
        assert page.get_by_label("Titel van het project", exact=True).input_value() == (
            "Eén klik is genoeg"
        )
    elif kind == "number":
        to_project(page, streamlit_server)
        label = "Hoeveel andere gemeenten doen mee?"
        page.get_by_label(label, exact=True).click()
        type_keys(page, "3")
        click_next_once(page, "Regeling")
        back_to(page, "Project")
        assert page.get_by_label(label, exact=True).input_value() == "3"
    else:
        goto_start(page, streamlit_server)
        sidebar_page(page, "Kosten en uren")
        page.locator(".st-key-add-external_costs button").click()
        line(page, EXTERNAL, 0).wait_for()
        idle(page)
        type_into(page, f"{EXTERNAL}.0.description", "Trainingsbureau")
        field(page, f"{EXTERNAL}.0.amount_ex_vat").click()
        type_keys(page, "12.000")
        click_next_once(page, "Overzicht")
        back_to(page, "Kosten en uren")
        assert field(page, f"{EXTERNAL}.0.amount_ex_vat").input_value() == "12.000"
        reading = line(page, EXTERNAL, 0).locator(".sw-reading").inner_text()
        assert plain(reading) == "Gelezen als € 12.000,00"


# ------------------------------------------------------------------------ one line open at a time


def active_field(page: Any) -> str:
    """The label of the element that has the keyboard focus ("" for none)."""
    label: str = page.evaluate(
        "() => document.activeElement ? (document.activeElement.getAttribute('aria-label')"
        " || document.activeElement.textContent || '').trim() : ''"
    )
    return label


def test_wijzigen_puts_the_keyboard_in_the_line_and_never_takes_it_back(
    page: Any, streamlit_server: str
) -> None:
    """A keyboard user lands in the opened line's first field; a person who clicks another
    field of it at once keeps that field while typing."""
    p = Person(page, streamlit_server, date.today())
    load_foutenfestival(p)
    assert page.locator("p.sw-line-summary").count() == 5
    page.get_by_role("button", name="Regel 2 wijzigen").press("Enter")
    page.wait_for_function(
        "() => document.activeElement && document.activeElement.getAttribute('aria-label')"
        " === 'Omschrijving'"
    )
    assert field(page, f"{EXTERNAL}.1.description").input_value() == "Trainingsbureau, training"
    assert page.locator("p.sw-line-summary").count() == 4

    page.get_by_role("button", name="Medewerker 2 wijzigen").click()
    amount = page.locator(css_key(f"w.{INTERNAL}.1.hours") + " input")
    amount.click()  # at once, before the page has settled
    page.keyboard.press("ControlOrMeta+a")
    type_keys(page, "30,5", random.Random(7))
    assert active_field(page) == "Uren"
    page.keyboard.press("Tab")
    idle(page)
    assert field(page, f"{INTERNAL}.1.hours").input_value() == "30,5"
    assert field(page, f"{INTERNAL}.1.role").input_value() == "Teamleider 1"


def test_an_overzicht_link_opens_the_closed_line_with_the_keyboard_in_its_field(
    page: Any, streamlit_server: str
) -> None:
    p = Person(page, streamlit_server, date.today())
    load_foutenfestival(p)
    p.type(EXTERNAL, 1, "amount_ex_vat", "twaalf")
    field(page, f"{INTERNAL}.0.role")  # another line opens; line 2 becomes a summary row
    assert "is geen bedrag" in line(page, EXTERNAL, 1).locator(".sw-field-error").inner_text()
    sidebar_page(page, "Overzicht")
    page.locator(".st-key-sw-error-summary [data-testid=stPageLink-NavLink]").filter(
        has_text="twaalf"
    ).click()
    page.wait_for_selector('[data-testid=stMain] h1:has-text("Kosten en uren")')
    page.wait_for_function(
        "() => document.activeElement && document.activeElement.closest("
        "'.st-key-w-external_costs-1-amount_ex_vat') !== null"
    )
    idle(page)
    assert page.evaluate("() => document.activeElement.value") == "twaalf"
    assert page.locator("p.sw-line-summary").count() == 4  # only line 2 is open
