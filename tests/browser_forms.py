"""Helpers for browser tests: the wizard's pages and the cost-line forms, driven as a person does.

The cost lines of "Kosten en uren" are one bordered group per line (key
`sw-line-<table>-<i>`) made of plain Streamlit inputs keyed `w.<answer path>`; Streamlit
gives each element the CSS class `st-key-<key>` (dots as dashes), which is how a field is
found here, never by its position on the screen. A text input hands its text to the app when
it loses the focus or on Enter; a select box (a react-aria combobox) when an option is picked.

`Person` keeps a mirror of what was typed (an `Answers`) and checks after each change that the
sidebar shows what the core says about those answers: the estimate (or the last complete one,
marked "onvolledig") and the messages under the lines.
"""

from __future__ import annotations

import random
import re
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from typing import Any

from aeno_core.answers import MISSING_MESSAGES, Answers, ExternalRow, InternalRow, evaluate
from aeno_core.formatting import money

EXTERNAL = "external_costs"
INTERNAL = "internal_staff"

IDLE = """() => {
  const app = document.querySelector('[data-test-script-state]');
  return app !== null && app.getAttribute('data-test-script-state') !== 'running'
    && !document.querySelector('[data-testid=stStatusWidget]');
}"""


def plain(text: str) -> str:
    """Text with non-breaking spaces and runs of white space as one plain space."""
    return " ".join(str(text).replace("\xa0", " ").replace("\u202f", " ").split())


def idle(page: Any, before: int = 150) -> None:
    """Wait until Streamlit has finished the rerun that the last action started."""
    page.wait_for_timeout(before)
    page.wait_for_function(IDLE, timeout=30_000)


@contextmanager
def open_tab(browser: Any, url: str) -> Iterator[Any]:
    """A Dutch 1280x720 tab on `url`, its first page drawn and idle; closed afterwards.

    The tab of the restart, replica and store tests: they kill or break a server mid-journey,
    so every wait is given 20 s instead of Playwright's 30 s for a clearer failure.
    """
    context = browser.new_context(viewport={"width": 1280, "height": 720}, locale="nl-NL")
    try:
        page = context.new_page()
        page.set_default_timeout(20_000)
        page.goto(url)
        page.wait_for_selector('[data-testid="sw-estimate"]', timeout=30_000)
        idle(page)
        yield page
    finally:
        context.close()


def css_key(key: str) -> str:
    """The CSS class Streamlit gives the element with widget or container key `key`."""
    return ".st-key-" + re.sub(r"[^a-zA-Z0-9_-]", "-", key.strip())


def field(page: Any, path: str) -> Any:
    """The input of the widget bound to answer `path` (`external_costs.0.amount_ex_vat`).

    A cost line's field: its line is opened first when it is a summary row (Kosten en uren
    shows one line's fields at a time), as a person clicks "Regel 2 wijzigen".
    """
    parts = path.split(".")
    if len(parts) == 3 and parts[0] in (EXTERNAL, INTERNAL) and parts[1].isdigit():
        open_line(page, parts[0], int(parts[1]))
    return page.locator(f"{css_key('w.' + path)} input").first


def open_line(page: Any, table: str, index: int) -> None:
    """Click the summary row's "wijzigen" button of line `index`, unless its form is open."""
    button = line(page, table, index).get_by_role("button", name=re.compile(r" wijzigen$"))
    if button.count():
        button.click()
        first = "description" if table == EXTERNAL else "role"
        page.locator(f"{css_key(f'w.{table}.{index}.{first}')} input").wait_for()
        idle(page)


def line(page: Any, table: str, index: int) -> Any:
    """The bordered group of cost line `index` (0-based) of `table`."""
    return page.locator(css_key(f"sw-line-{table}-{index}"))


def line_count(page: Any, table: str) -> int:
    return int(page.locator(f"[class*='st-key-sw-line-{table}-']").count())


def type_keys(page: Any, text: str, rng: random.Random | None = None) -> None:
    """Type `text` into the focused element: at full speed, or key by key 50-150 ms apart."""
    if rng is None:
        page.keyboard.type(text)
        return
    for char in text:
        page.keyboard.type(char)
        page.wait_for_timeout(rng.randint(50, 150))


def type_into(
    page: Any, path: str, text: str, *, rng: random.Random | None = None, commit: str = "Tab"
) -> None:
    """Click the field, replace what it holds by `text` (typed), and leave it with `commit`."""
    box = field(page, path)
    box.click()
    page.keyboard.press("ControlOrMeta+a")
    page.keyboard.press("Delete")
    type_keys(page, text, rng)
    if commit:
        page.keyboard.press(commit)
    idle(page)


def open_list(page: Any, path: str) -> None:
    """Open a select box's list with the mouse: a click in the box, else on its arrow.

    A click in a box right after a choice in another one sometimes only focuses it (seen with
    Streamlit 1.67's select box while the page reruns); a person then clicks again, or on the
    arrow beside it. The list must be open after a few such clicks.
    """
    box = field(page, path)
    arrow = page.locator(css_key("w." + path)).get_by_role("button", name="Open")
    for attempt in range(4):
        if box.get_attribute("aria-expanded") != "true":
            (box if attempt % 2 == 0 else arrow).click()
        try:
            page.wait_for_function(
                "el => el.getAttribute('aria-expanded') === 'true'",
                arg=box.element_handle(),
                timeout=600,
            )
            return
        except Exception:
            continue
    raise AssertionError(f"the list of {path} did not open")


def pick(page: Any, path: str, option: str) -> None:
    """Open a select box with the mouse and click `option`; the box must then show it."""
    open_list(page, path)
    page.get_by_role("listbox").get_by_role("option", name=option, exact=True).click()
    wait_for_value(page, path, option)
    idle(page, before=50)


def wait_for_value(page: Any, path: str, value: str, timeout: float = 20_000) -> None:
    """Wait until the field at `path` shows `value` (fails with what it shows instead)."""
    box = field(page, path)
    try:
        page.wait_for_function(
            "([el, want]) => el.value === want", arg=[box.element_handle(), value], timeout=timeout
        )
    except Exception as error:
        raise AssertionError(f"{path} shows {box.input_value()!r}, not {value!r}") from error


def add_line(page: Any, table: str) -> int:
    """Click "Externe kostenregel toevoegen" or "Medewerker toevoegen"; the new line's index."""
    index = line_count(page, table)
    page.locator(f"{css_key('add-' + table)} button").click()
    line(page, table, index).wait_for()
    idle(page)
    return index


def sidebar_estimate(page: Any) -> str:
    return plain(page.get_by_test_id("sw-estimate").inner_text())


def sidebar_label(page: Any) -> str:
    """ "Geschatte subsidie", or "Geschatte subsidie (onvolledig)" while a line is unfinished."""
    return plain(page.locator("[data-testid=stSidebar] .sw-estimate-label").first.inner_text())


STEPS = 7
"""Pages in the sidebar's stappenplan: it must stay whole whatever part of a page reruns."""


def sidebar_steps(page: Any) -> int:
    """How many links the sidebar's stappenplan shows ("1. Start — klaar", ...)."""
    links = page.locator("[data-testid=stSidebar]").get_by_role(
        "link", name=re.compile(r"^\d\. .+ — ")
    )
    return int(links.count())


def line_errors(page: Any) -> list[str]:
    """The red messages under the cost lines ("Regel 2, bedrag ex BTW: ...")."""
    texts = page.locator(".sw-field-error").all_inner_texts()
    return sorted(plain(t) for t in texts if plain(t).startswith("Regel"))


def result_amount(page: Any) -> str:
    return plain(page.get_by_test_id("sw-result-amount").inner_text())


# ------------------------------------------------------------------------ pages


def goto_start(page: Any, base_url: str) -> None:
    page.goto(base_url + "/")
    page.wait_for_selector('[data-testid="sw-estimate"]', timeout=30_000)
    page.wait_for_selector("[data-testid=stMain] h1")
    idle(page)


def next_page(page: Any, title: str) -> None:
    """Click the footer link "Volgende: <title>" once; the page must open."""
    page.get_by_role("link", name=f"Volgende: {title}").click()
    page.wait_for_selector(f'[data-testid=stMain] h1:has-text("{title}")')
    idle(page)


def sidebar_page(page: Any, title: str) -> None:
    """Click the page in the sidebar's stappenplan."""
    page.locator("[data-testid=stSidebar]").get_by_role(
        "link", name=re.compile(rf"^\d\. {re.escape(title)} — ")
    ).click()
    page.wait_for_selector(f'[data-testid=stMain] h1:has-text("{title}")')
    idle(page)


def choose(page: Any, question: str, option: str) -> None:
    """Click a radio option (its label) in the group asking `question`."""
    group = page.get_by_role("radiogroup", name=question)
    group.get_by_text(option, exact=True).click()
    idle(page)


def choose_starting(page: Any, question: str, start: str) -> None:
    """Click the radio option whose label starts with `start`."""
    group = page.get_by_role("radiogroup", name=question)
    group.get_by_text(re.compile("^" + re.escape(start))).first.click()
    idle(page)


def type_label(page: Any, label: str, text: str, *, rng: random.Random | None = None) -> None:
    """Type into the text or number field labelled `label`, then Enter."""
    box = page.get_by_label(label, exact=True)
    box.click()
    page.keyboard.press("ControlOrMeta+a")
    page.keyboard.press("Delete")
    type_keys(page, text, rng)
    page.keyboard.press("Enter")
    idle(page)


def type_date(page: Any, label: str, day: date, *, rng: random.Random | None = None) -> None:
    """A date field of segments (dd-mm-jjjj): type the digits, Escape, Tab away to commit."""
    group = page.get_by_role("group", name=label, exact=True)
    group.get_by_role("spinbutton", name=re.compile("^day")).click()
    type_keys(page, day.strftime("%d%m%Y"), rng)
    page.keyboard.press("Escape")
    page.keyboard.press("Tab")
    idle(page)


def date_shown(page: Any, label: str) -> str:
    return re.sub(r"\s+", "", str(page.get_by_role("group", name=label, exact=True).inner_text()))


# ------------------------------------------------------------------------ a person and a mirror


class Person:
    """Drives the cost lines like a user and keeps a mirror of what was typed.

    After each change the sidebar must show what the core says about the mirrored answers:
    the estimate, or while a line is incomplete the last complete one marked "onvolledig";
    and the red messages under the lines.
    """

    def __init__(
        self, page: Any, base_url: str, today: date, rng: random.Random | None = None
    ) -> None:
        self.page = page
        self.base_url = base_url
        self.today = today
        self.rng = rng
        """Set: type at a person's pace (50-150 ms a key); None: at full speed."""
        self.answers = Answers()
        self.last_complete: str | None = None
        self.sidebar_faults: list[str] | None = None
        """A list: a wrong sidebar is written down here (the test asserts on it at its end)
        instead of failing at once; the messages under the lines must always be right."""

    # ---------------------------------------------------------------- what must be shown

    def expected(self) -> tuple[str, str, list[str], int]:
        """(sidebar label, sidebar amount, messages under the lines, steps in the sidebar's
        stappenplan) for the answers so far."""
        outcome = evaluate(self.answers, self.today)
        errors = []
        for error in outcome.errors:
            parts = error.path.split(".")
            shown = error.message not in MISSING_MESSAGES  # a missing field is a quiet hint
            if parts[0] in (EXTERNAL, INTERNAL) and len(parts) > 2 and shown:
                errors.append(plain(f"Regel {int(parts[1]) + 1}, {error.field}: {error.message}"))
        if outcome.estimate is not None:
            amount = plain(money(outcome.estimate.calculation.subsidy))
            return "Geschatte subsidie", amount, sorted(errors), STEPS
        if self.last_complete is not None:
            return "Geschatte subsidie (onvolledig)", self.last_complete, sorted(errors), STEPS
        return "Geschatte subsidie", "Nog geen schatting", sorted(errors), STEPS

    def shown(self) -> tuple[str, str, list[str], int]:
        card = self.page.locator("[data-testid=stSidebar] .sw-estimate-label")
        label = sidebar_label(self.page) if card.count() else "(no estimate in the sidebar)"
        amount = sidebar_estimate(self.page) if card.count() else ""
        return label, amount, line_errors(self.page), sidebar_steps(self.page)

    def check(self, timeout: float = 20.0) -> None:
        """The page shows what the core says about the mirrored answers (within `timeout`)."""
        want = self.expected()
        started = time.monotonic()
        deadline = started + timeout
        while True:
            idle(self.page, before=50)
            now = self.shown()
            if now == want or time.monotonic() > deadline:
                break
            lost = now[3] != want[3] or now[0].startswith("(no estimate")
            if now[2] == want[2] and lost:
                # The sidebar lost its card or its steps once the run had finished: only a
                # later run could bring them back. Give that 3 s, not the full time.
                if self.sidebar_faults is not None:
                    break
                deadline = min(deadline, started + 3)
            self.page.wait_for_timeout(150)
        if self.sidebar_faults is not None and now[2] == want[2] and now != want:
            self.sidebar_faults.append(f"the sidebar shows {now}, the core says {want}")
            return
        assert now == want, f"the page shows {now}, the core says {want}"
        if want[0] == "Geschatte subsidie" and want[1] != "Nog geen schatting":
            self.last_complete = want[1]  # shown, marked onvolledig, while a line is unfinished

    # ---------------------------------------------------------------- pages

    def start(self) -> None:
        goto_start(self.page, self.base_url)

    def next(self, title: str) -> None:
        next_page(self.page, title)

    def choose(self, question: str, option: str) -> None:
        choose(self.page, question, option)

    def type_into(self, label: str, text: str) -> None:
        type_label(self.page, label, text, rng=self.rng)

    def date(self, label: str, day: date) -> None:
        type_date(self.page, label, day, rng=self.rng)

    # ---------------------------------------------------------------- the cost lines

    def _rows(self, table: str) -> list[Any]:
        rows: list[Any] = getattr(self.answers, table)
        return rows

    def add(self, table: str) -> int:
        index = add_line(self.page, table)
        rows = self._rows(table)
        assert index == len(rows), (table, index, len(rows))
        rows.append(ExternalRow() if table == EXTERNAL else InternalRow())
        self.check()
        return index

    def type(self, table: str, index: int, name: str, text: str) -> None:
        """Type into a field of a line and Tab on; the field keeps the text, the page agrees."""
        path = f"{table}.{index}.{name}"
        type_into(self.page, path, text, rng=self.rng)
        setattr(self._rows(table)[index], name, text)
        assert field(self.page, path).input_value() == text, path
        self.check()

    def pick(self, index: int, name: str, value: int) -> None:
        """Choose a scale or step of an internal line with the mouse."""
        pick(self.page, f"{INTERNAL}.{index}.{name}", str(value))
        setattr(self.answers.internal_staff[index], name, value)
        self.check()

    def leader(self, index: int) -> None:
        """Choose line `index` as the project leader ("Regel N: <rol>")."""
        rows = self.answers.internal_staff
        role = rows[index].role.strip() or "nog geen rol"
        pick(self.page, f"{INTERNAL}.leader", f"Regel {index + 1}: {role}")
        for i, row in enumerate(rows):
            row.project_leader = i == index
        self.check()

    def untick(self, index: int) -> None:
        """Remove the tick "Telt mee" of an external line."""
        open_line(self.page, EXTERNAL, index)
        box = self.page.locator(css_key(f"w.{EXTERNAL}.{index}.staff_development"))
        box.locator("label").first.click()
        idle(self.page)
        assert not box.get_by_role("checkbox").is_checked()
        self.answers.external_costs[index].staff_development = False
        self.check()
