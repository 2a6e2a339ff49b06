"""The proxy's security headers let the whole app work (issue 14, point 8).

Streamlit 1.67 has no option for custom response headers, so Content-Security-Policy,
frame-ancestors, X-Content-Type-Options and Referrer-Policy are set by the reverse proxy
(deploy/security-headers.conf). This test reads the headers from that file, adds them to every
response the app sends to chromium (as nginx would), uses every page, and fails on any CSP
violation the browser reports: a policy that breaks the app, or an app that needs another host.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest

from tests.conftest import CHROMIUM, CHROMIUM_ARGS
from tests.paths import ROOT

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

CONF = (ROOT / "deploy" / "security-headers.conf").read_text(encoding="utf-8")
BLOCK = CONF.split("# BEGIN headers", 1)[1].split("# END headers", 1)[0]
HEADERS = dict(re.findall(r'add_header ([A-Za-z-]+) "([^"]*)" always;', BLOCK))

IDLE = """() => {
  const app = document.querySelector('[data-test-script-state]');
  return app !== null && app.getAttribute('data-test-script-state') !== 'running';
}"""
RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', e => {
  window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI);
});
"""
PAGES = ("organisatie", "project", "regeling", "kosten", "overzicht", "resultaat")


def idle(page: Any) -> None:
    page.wait_for_timeout(200)
    page.wait_for_function(IDLE, timeout=20_000)
    page.wait_for_timeout(150)


def test_the_policy_asks_for_what_the_issue_requires() -> None:
    csp = HEADERS["Content-Security-Policy"]
    directives = dict(d.strip().split(" ", 1) for d in csp.split(";"))
    assert directives["img-src"] == "'self' data: blob:"
    assert directives["frame-ancestors"] == "'none'"
    assert not re.search(r"https?:|\*", csp), "no other host may be allowed"
    assert HEADERS["X-Content-Type-Options"] == "nosniff"
    assert HEADERS["Referrer-Policy"] == "no-referrer"


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A chromium of its own (from the session's Playwright): a response fulfilled by
    Playwright counts as coming from a public address, and Chromium's local-network checks would
    then refuse the app's websocket to 127.0.0.1 (nginx in front has no such problem: its
    responses are the server's)."""
    own = browser.browser_type.launch(
        executable_path=CHROMIUM,
        args=[*CHROMIUM_ARGS, "--disable-features=LocalNetworkAccessChecks"],
    )
    try:
        context = own.new_context(viewport={"width": 1280, "height": 720}, locale="nl-NL")
        context.set_default_timeout(20_000)
        yield context.new_page()
    finally:
        own.close()


def test_the_app_works_under_the_proxy_headers(page: Any, streamlit_server: str) -> None:
    def with_headers(route: Any) -> None:
        response = route.fetch()
        route.fulfill(response=response, headers={**response.headers, **HEADERS})

    page.route("**/*", with_headers)
    page.add_init_script(RECORD_VIOLATIONS)
    console: list[str] = []
    page.on("console", lambda message: console.append(message.text))

    page.goto(streamlit_server)
    try:
        page.wait_for_selector('[data-testid="sw-estimate"]', timeout=30_000)
    except Exception as error:
        raise AssertionError(f"the app did not come up: {console[-10:]}") from error
    idle(page)
    page.get_by_role("button", name="Voorbeeld laden: Foutenfestival").click()
    idle(page)
    concept = page.url.split("concept=", 1)[1][:43]
    violations: list[str] = []
    # Projecten (HR), with the project in a map: its charts are Vega-Lite (issue 16).
    page.goto(f"{streamlit_server}/projecten?concept={concept}")
    page.get_by_role("button", name="Huidig concept toevoegen").click()
    page.locator(
        "[data-testid=stVegaLiteChart] canvas, [data-testid=stVegaLiteChart] svg"
    ).first.wait_for()
    idle(page)
    violations += page.evaluate("window.__cspViolations")
    for path in PAGES:
        page.goto(f"{streamlit_server}/{path}?concept={concept}")
        page.wait_for_selector('[data-testid="sw-estimate"]', timeout=30_000)
        idle(page)
        violations += page.evaluate("window.__cspViolations")
    page.wait_for_selector('[data-testid="sw-result-amount"]')
    refused = [line for line in console if "Content Security Policy" in line]
    assert violations == [] and refused == [], (violations, refused)
