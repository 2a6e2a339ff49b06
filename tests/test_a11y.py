"""Accessibility: axe-core in Debian's chromium on every page, in normal and in demo mode.

axe-core is pinned in package.json / package-lock.json and installed by `make test` (`npm ci`)
into node_modules/; a missing copy fails the test (never a skip). Each page is checked with the
fund's worked example loaded (so findings, tables, the estimate and the downloads are on the
page), plus the empty Start page, Overzicht's error summary (nothing answered) and a page with
a field error. Every rule axe runs by default is run (WCAG 2.0/2.1 A and AA, colour contrast
included, and best practices); the test fails on any violation of impact "moderate", "serious"
or "critical" (heading-order included: headings go h1 > h2 > h3 on every page). Only "minor"
ones are listed and let pass.

Exclusions: none are needed with Streamlit 1.67. If a violation inside Streamlit's own
components (which this project cannot change) ever has to be excluded, list it in
`STREAMLIT_OWN` as (rule id, CSS selector, why) and never disable a rule for the whole page.

Set A11Y_REPORT=path to write every violation (all impacts) per page and mode as JSON: the
figures in README.md's "Quality" section come from that file.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.paths import ROOT
from ui.pages import PAGES

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
BLOCKING = {"moderate", "serious", "critical"}
MODES = {"normaal": "", "demo": "?demo=1"}

STREAMLIT_OWN: list[tuple[str, str, str]] = []
"""(axe rule id, selector, reason) of violations inside Streamlit's components we accept."""

REPORT: dict[str, dict[str, list[dict[str, Any]]]] = {}

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


def axe_source() -> str:
    if not AXE.exists():
        raise FileNotFoundError(
            f"{AXE.relative_to(ROOT)} is missing: run `npm ci` (make test does) to install the"
            " pinned axe-core"
        )
    return AXE.read_text(encoding="utf-8")


def settle(page: Any) -> None:
    """Wait until Streamlit has drawn the run: no skeletons, nothing stale, a main heading."""
    page.wait_for_selector("[data-testid=stApp]")
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=stSkeleton]')"
        " && document.querySelectorAll('[data-stale=true]').length === 0"
        " && document.querySelector('[data-testid=stMain] h1')"
        " && document.querySelector('[data-testid=stSidebarUserContent] a')"
    )
    page.wait_for_timeout(300)


def run_axe(page: Any) -> list[dict[str, Any]]:
    """axe-core's violations for the page as it is now."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(content=axe_source())
    result: dict[str, Any] = page.evaluate(
        "async () => await axe.run(document, {resultTypes: ['violations']})"
    )
    violations: list[dict[str, Any]] = result["violations"]
    return [_without_accepted(v) for v in violations if _without_accepted(v)["nodes"]]


def _without_accepted(violation: dict[str, Any]) -> dict[str, Any]:
    accepted = {selector for rule, selector, _ in STREAMLIT_OWN if rule == violation["id"]}
    nodes = [n for n in violation["nodes"] if not accepted & set(map(str, n["target"]))]
    return {**violation, "nodes": nodes}


def record(mode: str, name: str, violations: list[dict[str, Any]]) -> None:
    REPORT.setdefault(mode, {})[name] = [
        {
            "id": v["id"],
            "impact": v["impact"],
            "help": v["help"],
            "targets": [n["target"] for n in v["nodes"]],
        }
        for v in violations
    ]


def describe(violations: list[dict[str, Any]]) -> str:
    lines = []
    for v in violations:
        lines.append(f"{v['impact']} {v['id']}: {v['help']}")
        for node in v["nodes"][:5]:
            summary = " ".join(node.get("failureSummary", "").split())
            lines.append(f"    {node['target']}: {summary[:300]}")
    return "\n".join(lines)


def check(page: Any, mode: str, name: str) -> None:
    violations = run_axe(page)
    record(mode, name, violations)
    blocking = [v for v in violations if v["impact"] in BLOCKING]
    assert not blocking, f"{mode} / {name}:\n{describe(blocking)}"


def open_page(page: Any, name: str) -> None:
    """Go to a page as a user does: its link in the sidebar's stappenplan (same session)."""
    link = page.locator("[data-testid=stSidebar]").get_by_role(
        "link", name=re.compile(rf"^\d\. {re.escape(name)}\b")
    )
    link.click()
    page.wait_for_function(
        "title => [...document.querySelectorAll('[data-testid=stMain] h1')]"
        ".some(h => h.textContent.trim() === title)",
        arg="Subsidiewijzer" if name == "Start" else name,
    )
    settle(page)


@pytest.fixture(scope="module", params=list(MODES))
def mode_page(request: pytest.FixtureRequest, browser: Any, streamlit_server: str) -> Iterator[Any]:
    """One tab per mode, checked empty and then with the Foutenfestival loaded."""
    mode = request.param
    context = browser.new_context(viewport={"width": 1280, "height": 720}, locale="nl-NL")
    context.set_default_timeout(30_000)
    page = context.new_page()
    page.goto(streamlit_server + "/" + MODES[mode])
    settle(page)
    check(page, mode, "Start (leeg)")
    open_page(page, "Overzicht")  # nothing answered: the error summary and its links
    page.locator(".st-key-sw-error-summary [data-testid=stPageLink]").first.wait_for()
    check(page, mode, "Overzicht (met fouten)")
    open_page(page, "Start")
    page.get_by_role("button", name=re.compile("Foutenfestival")).first.click()
    page.wait_for_function(
        "() => /€\\s?11\\.562,60/.test(document.querySelector('[data-testid=stSidebar]').innerText)"
    )
    settle(page)
    try:
        yield mode, page
    finally:
        context.close()


@pytest.mark.parametrize("name", [p.title for p in PAGES])
def test_no_moderate_serious_or_critical_violations(mode_page: tuple[str, Any], name: str) -> None:
    mode, page = mode_page
    open_page(page, name)
    check(page, mode, name)


def test_field_errors_are_accessible_too(mode_page: tuple[str, Any]) -> None:
    """A page showing an input error (an end date before the start) in both modes."""
    mode, page = mode_page
    open_page(page, "Project")
    day = page.get_by_role("spinbutton", name=re.compile(r"Einddatum van het project$")).first
    day.click()
    page.keyboard.type("01012017")  # the segments move on by themselves: dd, mm, jjjj
    page.keyboard.press("Escape")  # closes the calendar and hands the date to the app
    page.locator(".sw-field-error").first.wait_for()
    settle(page)
    try:
        check(page, mode, "Project (met fout)")
    finally:
        day.click()
        page.keyboard.type("31082018")
        page.keyboard.press("Escape")
        page.locator(".sw-field-error").first.wait_for(state="detached")


def test_a_refused_amount_in_a_cost_line_is_accessible_too(mode_page: tuple[str, Any]) -> None:
    """Kosten en uren with a line's amount refused: its message under the line, in both modes."""
    mode, page = mode_page
    open_page(page, "Kosten en uren")
    page.get_by_role("button", name="Regel 2 wijzigen").click()  # its form; the others summaries
    amount = page.locator(".st-key-w-external_costs-1-amount_ex_vat input")
    amount.click()
    page.keyboard.press("ControlOrMeta+a")
    page.keyboard.type("twaalfhonderd")
    page.keyboard.press("Tab")  # a text field hands its text over when the focus leaves it
    page.locator(".st-key-sw-line-external_costs-1 .sw-field-error").wait_for()
    settle(page)
    try:
        check(page, mode, "Kosten en uren (met fout)")
    finally:
        amount.click()
        page.keyboard.press("ControlOrMeta+a")
        page.keyboard.type("7.500,00")
        page.keyboard.press("Tab")
        page.locator(".sw-field-error").first.wait_for(state="detached")


def test_the_axe_copy_is_the_pinned_one() -> None:
    """node_modules holds the axe-core version package-lock.json pins (npm ci installed it)."""
    lock = json.loads((ROOT / "package-lock.json").read_text(encoding="utf-8"))
    pinned = lock["packages"]["node_modules/axe-core"]["version"]
    installed = json.loads((AXE.parent / "package.json").read_text(encoding="utf-8"))["version"]
    assert axe_source().startswith("/*") and installed == pinned


@pytest.fixture(scope="module", autouse=True)
def _write_report() -> Iterator[None]:
    yield
    target = os.environ.get("A11Y_REPORT")
    if target:
        Path(target).write_text(json.dumps(REPORT, indent=2, ensure_ascii=False), "utf-8")


def test_the_projects_map_is_accessible_too(mode_page: tuple[str, Any]) -> None:
    """Projecten (HR), outside the stappenplan: with the loaded project in a map (charts,
    tables, forms); in demo mode the page that says nothing is stored."""
    mode, page = mode_page
    page.locator("[data-testid=stSidebar]").get_by_role("link", name="Projectenmap voor HR").click()
    page.wait_for_function(
        "() => [...document.querySelectorAll('[data-testid=stMain] h1')]"
        ".some(h => h.textContent.trim() === 'Projecten (HR)')"
    )
    settle(page)
    if mode == "normaal":
        add = page.get_by_role("button", name="Huidig concept toevoegen")
        if add.is_enabled():
            add.click()
        page.mouse.move(1, 1)  # the button's tooltip would stay open under the mouse
        page.locator("[data-testid=stVegaLiteChart]").first.wait_for()
        settle(page)
    check(page, mode, "Projecten (HR)")
