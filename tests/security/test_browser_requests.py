"""Using the app sends no request to any host but 127.0.0.1 (issue 14, point 8).

Before: every page load fetched the `:material/account_balance:` page icon from Google's font
host, which sends each visitor's address there. Debian's chromium records every request of a
whole visit: Start, an example loaded, every page of the wizard, the downloads on Resultaat.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

IDLE = """() => {
  const app = document.querySelector('[data-test-script-state]');
  return app !== null && app.getAttribute('data-test-script-state') !== 'running';
}"""

PAGES = ("organisatie", "project", "regeling", "kosten", "overzicht", "resultaat")


def idle(page: Any) -> None:
    page.wait_for_timeout(200)
    page.wait_for_function(IDLE, timeout=20_000)
    page.wait_for_timeout(150)


def test_no_request_leaves_the_machine(page: Any, streamlit_server: str) -> None:
    requested: list[str] = []
    page.context.on("request", lambda request: requested.append(request.url))
    page.goto(streamlit_server)
    page.wait_for_selector('[data-testid="sw-estimate"]', timeout=30_000)
    idle(page)
    page.get_by_role("button", name="Voorbeeld laden: Foutenfestival").click()
    idle(page)
    concept = page.url.split("concept=", 1)[1][:43]
    # Projecten (HR), with the project in a map: its charts are Vega-Lite (issue 16).
    page.goto(f"{streamlit_server}/projecten?concept={concept}")
    page.get_by_role("button", name="Huidig concept toevoegen").click()
    page.locator(
        "[data-testid=stVegaLiteChart] canvas, [data-testid=stVegaLiteChart] svg"
    ).first.wait_for()
    idle(page)
    for path in PAGES:
        page.goto(f"{streamlit_server}/{path}?concept={concept}")
        page.wait_for_selector('[data-testid="sw-estimate"]', timeout=30_000)
        idle(page)
    page.wait_for_selector('[data-testid="sw-result-amount"]')
    icons = page.eval_on_selector_all(
        "link[rel~='icon'], link[rel='shortcut icon']", "links => links.map(l => l.href)"
    )
    page.wait_for_timeout(1000)
    assert icons, "the page has no icon link"
    hosts = {urlsplit(url).hostname for url in requested + icons if not url.startswith("data:")}
    assert hosts == {"127.0.0.1"}, sorted(u for u in requested + icons if "127.0.0.1" not in u)
    assert len(requested) > 10  # the recorder saw the visit
