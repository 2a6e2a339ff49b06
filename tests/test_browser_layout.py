"""What a person sees on a phone and with a keyboard, in Debian's chromium.

On a 390 px phone every field of a cost line, the calculation and the error summary must be
readable without scrolling sideways; in the normal look every focused control shows a clear
ring (WCAG 2.4.7), judged from screenshots of a field and a button with and without focus.
"""

from __future__ import annotations

import io
from typing import Any

import pytest
from PIL import Image, ImageChops

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

PHONE = {"width": 390, "height": 844}

TOO_WIDE = """() => {
  const width = document.documentElement.clientWidth;
  const main = document.querySelector('[data-testid=stMain]');
  return [...main.querySelectorAll('*')].filter((e) => {
    const box = e.getBoundingClientRect();
    const style = getComputedStyle(e);
    if (box.width === 0 || style.visibility === 'hidden' || style.display === 'none') return false;
    return box.right > width + 1 || box.left < -1;
  }).map((e) => e.tagName + '.' + String(e.className).slice(0, 50) + ' ' + Math.round(e.getBoundingClientRect().right));
}"""
"""Elements of the page (not the folded sidebar) that stick out of the viewport."""

CUT = """() => [...document.querySelectorAll('[data-testid=stMain] a, [data-testid=stMain] td, [data-testid=stMain] label')]
  .filter((e) => e.offsetParent !== null && e.scrollWidth > e.clientWidth + 1)
  .map((e) => e.innerText.slice(0, 60))"""
"""Links, cells and labels whose text is wider than their box (cut off mid-sentence)."""


def idle(page: Any) -> None:
    page.wait_for_timeout(150)
    page.wait_for_function("!document.querySelector('[data-testid=stStatusWidget]')")


def open_page(page: Any, base: str, name: str) -> None:
    query = page.url.split("?", 1)[1] if "?" in page.url else ""
    page.goto(f"{base}/{name}?{query}")
    page.wait_for_selector("h1")
    idle(page)


def assert_fits(page: Any, what: str) -> None:
    assert page.evaluate(TOO_WIDE) == [], what
    assert page.evaluate(CUT) == [], what


def test_kosten_overzicht_and_resultaat_fit_a_390_px_phone(
    browser: Any, streamlit_server: str
) -> None:
    context = browser.new_context(viewport=PHONE, locale="nl-NL", is_mobile=True)
    context.set_default_timeout(20_000)
    page = context.new_page()
    try:
        page.goto(streamlit_server)
        page.get_by_role("button", name="Voorbeeld laden: Foutenfestival").click()
        page.wait_for_url("**concept=**")
        idle(page)
        open_page(page, streamlit_server, "kosten")
        assert page.locator("p.sw-line-summary").count() == 5  # every line complete: closed
        assert_fits(page, "Kosten en uren, the lines as summary rows")
        page.get_by_role("button", name="Regel 1 wijzigen").click()
        page.get_by_role("textbox", name="Bedrag ex BTW (€)").first.wait_for()
        idle(page)
        assert page.get_by_role("textbox", name="Bedrag ex BTW (€)").count() == 1
        assert_fits(page, "Kosten en uren, a line's form open")
        open_page(page, streamlit_server, "resultaat")
        assert page.get_by_test_id("sw-result-amount").is_visible()
        assert_fits(page, "Resultaat")
        open_page(page, streamlit_server, "kosten")  # a new session: every line closed again
        page.get_by_role("button", name="Regel 1 wijzigen").click()
        amount = page.get_by_role("textbox", name="Bedrag ex BTW (€)").first
        amount.fill("twaalfhonderd euro en nog wat")
        amount.press("Tab")
        idle(page)
        page.locator(".sw-field-error").first.wait_for()
        assert_fits(page, "Kosten en uren with an error")
        open_page(page, streamlit_server, "overzicht")
        page.locator(".st-key-sw-error-summary").wait_for()
        assert_fits(page, "Overzicht with its error summary")
        link = page.locator(".st-key-sw-error-summary [data-testid=stPageLink-NavLink]").first
        assert "twaalfhonderd euro en nog wat" in link.inner_text()
    finally:
        context.close()


def _shot(page: Any, box: dict[str, float]) -> Image.Image:
    pad = 10
    clip = {
        "x": max(0, box["x"] - pad),
        "y": max(0, box["y"] - pad),
        "width": box["width"] + 2 * pad,
        "height": box["height"] + 2 * pad,
    }
    return Image.open(io.BytesIO(page.screenshot(clip=clip))).convert("RGB")


def _ring_pixels(before: Image.Image, after: Image.Image) -> int:
    """Pixels that turned the accent colour (dark blue) when the control got focus."""
    diff = ImageChops.difference(before, after).convert("L")
    changed = 0
    for (x, y), value in zip(
        ((x, y) for y in range(after.height) for x in range(after.width)),
        diff.getdata(),
        strict=True,
    ):
        if value > 60:
            red, _green, blue = after.getpixel((x, y))
            if blue > red + 40 and red < 90:
                changed += 1
    return changed


def test_a_focused_field_and_button_show_a_clear_ring(page: Any, streamlit_server: str) -> None:
    page.goto(streamlit_server + "/project")
    page.wait_for_selector("h1")
    idle(page)
    field = page.get_by_role("textbox", name="Titel van het project")
    field.scroll_into_view_if_needed()
    box = field.bounding_box()
    assert box is not None
    before = _shot(page, box)
    field.focus()
    page.wait_for_timeout(300)
    after = _shot(page, box)
    assert _ring_pixels(before, after) > 2 * (box["width"] + box["height"]), "no ring on the field"

    page.goto(streamlit_server)
    page.wait_for_selector("h1")
    idle(page)
    button = page.get_by_role("button", name="Beginnen")
    button.scroll_into_view_if_needed()
    box = button.bounding_box()
    assert box is not None
    page.mouse.move(0, 0)
    before = _shot(page, box)
    button.focus()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")  # focus by keyboard: :focus-visible
    page.wait_for_timeout(300)
    after = _shot(page, box)
    assert _ring_pixels(before, after) > 2 * (box["width"] + box["height"]), "no ring on the button"


def test_the_sidebar_stays_through_edits_of_one_line_that_change_nothing_in_it(
    page: Any, streamlit_server: str
) -> None:
    """A line that reruns alone must write the sidebar again, or the browser removes it."""
    page.goto(streamlit_server)
    page.get_by_role("button", name="Voorbeeld laden: Foutenfestival").click()
    page.wait_for_url("**concept=**")
    idle(page)
    open_page(page, streamlit_server, "kosten")
    estimate = page.get_by_test_id("sw-estimate")
    shown = estimate.inner_text()
    page.get_by_role("button", name="Regel 1 wijzigen").click()
    idle(page)
    description = page.get_by_role("textbox", name="Omschrijving").first
    for text in ("Uitzendbureau", "Uitzendbureau, factuur", "Uitzendbureau, factuur 2"):
        description.fill(text)
        description.press("Enter")
        idle(page)
        page.wait_for_timeout(300)
        assert estimate.is_visible() and estimate.inner_text() == shown, text
        links = page.locator("[data-testid=stSidebar] [data-testid=stPageLink-NavLink]")
        assert links.count() == 7 + 1, links.all_inner_texts()  # the steps, and HR's map
