"""Every click on a page link counts, also right after typing in a field.

A Streamlit text, number or date field sends what was typed when it loses focus (a date
field's segments are spans, not inputs, so any element losing focus counts). A quick
click on a page link ("Volgende", a step of the stappenplan) makes the field lose focus and
follows the link in the same instant, and the browser can send the page change before the
typed value: the server then handles the typed value last, reruns the page the person was on,
and the click is lost (seen every time with a quick click; the second click worked).

The script below, installed once per browser tab, holds such a click back for a moment when
a field lost focus just before it, so the typed value is sent first, and then clicks the same
link again. Nothing is lost: the value is kept and the first click moves on.
"""

from __future__ import annotations

import streamlit as st

HOLD_MS = 250
"""How long a link click waits after a field lost focus: the field's message goes first."""

_SCRIPT = """<script>
(() => {
  if (window.__swClickGuard) return;
  window.__swClickGuard = true;
  const hold = %d;
  let blurredAt = 0;
  let replaying = false;
  document.addEventListener("focusout", (event) => {
    // A text field, a number field, or a segment of a date field (a span, not an input):
    // each sends what was typed when it loses focus.
    const field = event.target;
    if (field && field.closest && !field.closest("a[data-testid='stPageLink-NavLink']")) {
      blurredAt = Date.now();
    }
  }, true);
  document.addEventListener("click", (event) => {
    if (replaying || !event.target || !event.target.closest) return;
    const link = event.target.closest("a[data-testid='stPageLink-NavLink']");
    if (!link) return;
    const since = Date.now() - blurredAt;
    if (since >= hold) return;
    event.preventDefault();
    event.stopImmediatePropagation();
    const href = link.getAttribute("href");
    const text = link.textContent;
    setTimeout(() => {
      // The page may have been drawn anew meanwhile: click the same link as it is now.
      const now = [...document.querySelectorAll("a[data-testid='stPageLink-NavLink']")]
        .find((a) => a.getAttribute("href") === href && a.textContent === text) || link;
      replaying = true;
      try { now.click(); } finally { replaying = false; }
    }, hold - since);
  }, true);
})();
</script>"""


def install() -> None:
    """Put the click guard in the tab (a no-op in the browser once it is there)."""
    st.html(_SCRIPT % HOLD_MS, unsafe_allow_javascript=True, width="content")
