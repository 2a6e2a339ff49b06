"""A tab reconnected after a server restart or a network drop stays on its draft (issue 14, 2).

Before: after a restart (or a network drop) Streamlit reconnects the tab in a new session, and
the first click on a page link started that session without `?concept=`: an empty wizard and
no message. In the first test the server is killed with SIGKILL and started again on the same
port and draft store; in the second the server keeps running and a TCP proxy between chromium
and the server (`tests/tcp_proxy.py`) cuts every connection and refuses new ones for a while.
The person does not reload, but clicks a page in the sidebar.
"""

from __future__ import annotations

import json
import re
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from aeno_core.drafts import DraftStore
from tests.browser_forms import type_label
from tests.conftest import APP, free_port, start_streamlit
from tests.tcp_proxy import TcpProxy

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

IDLE = """() => {
  const app = document.querySelector('[data-test-script-state]');
  return app !== null && app.getAttribute('data-test-script-state') !== 'running';
}"""


def idle(page: Any) -> None:
    page.wait_for_timeout(200)
    page.wait_for_function(IDLE, timeout=20_000)
    page.wait_for_timeout(150)


def sidebar_link(page: Any, title: str) -> Any:
    return page.get_by_role("link", name=re.compile(rf"^\d\. {re.escape(title)} — "))


def open_foutenfestival_on_project(context: Any, url: str) -> Any:
    """A new tab at `url` with the Foutenfestival loaded (a draft), on the Project page."""
    page = context.new_page()
    page.set_default_timeout(20_000)
    page.goto(url)
    page.wait_for_selector('[data-testid="sw-estimate"]', timeout=30_000)
    idle(page)
    page.get_by_role("button", name="Voorbeeld laden: Foutenfestival").click()
    idle(page)
    sidebar_link(page, "Project").click()
    page.wait_for_selector('h1:has-text("Project")')
    idle(page)
    return page


def test_a_page_link_after_a_restart_keeps_the_draft(browser: Any, tmp_path: Path) -> None:
    port = free_port()
    env = {"SUBSIDIEWIJZER_DRAFTS_PATH": str(tmp_path / "drafts.sqlite3")}
    server = start_streamlit(APP, env=env, port=port)
    context = browser.new_context(viewport={"width": 1280, "height": 720}, locale="nl-NL")
    try:
        page = open_foutenfestival_on_project(context, server.url)
        title = page.get_by_label("Titel van het project", exact=True).input_value()
        assert title
        draft = page.url.split("concept=", 1)[1][:43]

        server.process.kill()  # a crash, as a restart or a lost connection looks to the tab
        server.process.wait(timeout=10)
        server = start_streamlit(APP, env=env, port=port)
        page.wait_for_timeout(3000)  # the front end reconnects by itself

        sidebar_link(page, "Regeling").click()
        page.wait_for_selector('h1:has-text("Regeling")', timeout=30_000)
        idle(page)
        assert f"concept={draft}" in page.url
        sidebar_link(page, "Project").click()
        page.wait_for_selector('h1:has-text("Project")')
        idle(page)
        assert page.get_by_label("Titel van het project", exact=True).input_value() == title
    finally:
        context.close()
        server.stop()


def stored_title(path: Path, draft: str) -> str:
    """The project title the store holds for `draft`, read with a connection closed at once."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        row = conn.execute("SELECT payload FROM drafts WHERE id = ?", (draft,)).fetchone()
    finally:
        conn.close()
    assert row is not None, "the draft is not in the store"
    title: str = json.loads(row[0])["project"]["title"]
    return title


CONNECTION = """() => document.querySelector('[data-test-connection-state]')
  ?.getAttribute('data-test-connection-state')"""
"""Streamlit's own word for its websocket: CONNECTED, PINGING_SERVER while it tries again, ..."""


@pytest.mark.parametrize(
    ("session_ttl", "cut_seconds"),
    [
        pytest.param(None, 4, id="short-drop-session-kept"),
        pytest.param(1, 8, id="long-drop-session-gone"),
    ],
)
def test_a_tab_cut_off_by_the_network_reconnects_and_keeps_its_draft(
    browser: Any, tmp_path: Path, session_ttl: int | None, cut_seconds: int
) -> None:
    """A short drop finds its session again; after a long one (a laptop asleep over lunch) the
    server has dropped the session, as it does `server.disconnectedSessionTTL` (120 s) after the
    websocket went: here that TTL is 1 s, so the tab comes back in a new session."""
    store = tmp_path / "drafts.sqlite3"
    env = {"SUBSIDIEWIJZER_DRAFTS_PATH": str(store)}
    if session_ttl is not None:
        env["STREAMLIT_SERVER_DISCONNECTED_SESSION_TTL"] = str(session_ttl)
    server = start_streamlit(APP, env=env)
    context = browser.new_context(viewport={"width": 1280, "height": 720}, locale="nl-NL")
    try:
        with TcpProxy(int(server.url.rsplit(":", 1)[1])) as proxy:
            page = open_foutenfestival_on_project(context, proxy.url)
            typed = "Foutenfestival, getypt voor de onderbreking"
            type_label(page, "Titel van het project", typed)
            draft = page.url.split("concept=", 1)[1][:43]
            assert stored_title(store, draft) == typed  # saved before the cut
            # A marker in the page: still there afterwards means the tab was never reloaded.
            page.evaluate("window.swBeforeTheCut = true")

            assert page.evaluate(CONNECTION) == "CONNECTED"
            assert proxy.cut() >= 1  # at least the websocket
            accepted = proxy.accepted
            page.wait_for_function(f"() => ({CONNECTION})() !== 'CONNECTED'")
            page.wait_for_timeout(cut_seconds * 1000)  # refused: the front end retries and fails
            assert page.evaluate(CONNECTION) != "CONNECTED"
            assert proxy.accepted == accepted, "a connection got through while refused"
            proxy.restore()

            # By itself, no reload: the front end's retries get through again.
            page.wait_for_function(f"() => ({CONNECTION})() === 'CONNECTED'", timeout=30_000)
            idle(page)
            page.wait_for_selector('[data-testid="stDialog"]', state="detached")
            assert proxy.accepted > accepted, "the tab did not connect again"
            assert page.evaluate("window.swBeforeTheCut === true"), "the tab was reloaded"
            assert f"concept={draft}" in page.url
            title = page.get_by_label("Titel van het project", exact=True)
            assert title.input_value() == typed

            sidebar_link(page, "Regeling").click()
            page.wait_for_selector('h1:has-text("Regeling")', timeout=30_000)
            idle(page)
            assert f"concept={draft}" in page.url
            sidebar_link(page, "Project").click()
            page.wait_for_selector('h1:has-text("Project")')
            idle(page)
            assert f"concept={draft}" in page.url
            assert page.get_by_label("Titel van het project", exact=True).input_value() == typed
            assert stored_title(store, draft) == typed
            assert server.process.poll() is None
    finally:
        context.close()
        server.stop()


TITLE = "Titel van het project"


def _changestored_title(path: Path, draft: str, title: str) -> None:
    """What another tab on the same draft saves while this tab is cut off."""
    store = DraftStore(f"sqlite+pysqlite:///{path}")
    try:
        current = store.load(draft)
        data = dict(current.data)
        data["project"] = {**data["project"], "title": title}
        store.save(draft, data, current.version)
    finally:
        store.dispose()


def _type_title(page: Any, title: str) -> None:
    field = page.get_by_label(TITLE, exact=True)
    field.fill(title)
    field.press("Enter")
    idle(page)


def test_after_a_reconnect_the_person_chooses_between_screen_and_store(
    browser: Any, tmp_path: Path
) -> None:
    """Never a silent revert: values on the screen that differ from the store are asked about.

    Before: the new session set every field from the store, so what the tab showed was
    overwritten without a word.
    """
    port = free_port()
    store = tmp_path / "drafts.sqlite3"
    env = {"SUBSIDIEWIJZER_DRAFTS_PATH": str(store)}
    server = start_streamlit(APP, env=env, port=port)
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL")
    choice = ".st-key-sw-reconnect-choice"
    try:
        page = open_foutenfestival_on_project(context, server.url)
        draft = page.url.split("concept=", 1)[1][:43]
        _type_title(page, "Titel A")
        assert stored_title(store, draft) == "Titel A"
        assert page.locator(choice).count() == 0  # an ordinary run asks nothing

        for screen, stored, button, kept in (
            ("Titel C in het scherm", "Titel B in de opslag", "Mijn scherm houden", 0),
            ("Titel E in het scherm", "Titel D in de opslag", "Opgeslagen concept houden", 1),
        ):
            server.process.kill()
            server.process.wait(timeout=10)
            _changestored_title(store, draft, stored)
            server = start_streamlit(APP, env=env, port=port)
            page.wait_for_timeout(3000)  # the front end reconnects by itself
            _type_title(page, screen)  # the person goes on where they were

            box = page.locator(choice)
            box.wait_for()
            text = box.inner_text()
            assert "verschillen" in text
            assert "Project, titel" in text and screen in text and stored in text
            # Nothing was decided yet: the store still holds its version.
            assert stored_title(store, draft) == stored
            box.get_by_role("button", name=button).click()
            idle(page)
            expected = (screen, stored)[kept]
            assert page.locator(choice).count() == 0
            assert page.get_by_label(TITLE, exact=True).input_value() == expected
            assert stored_title(store, draft) == expected
            assert f"concept={draft}" in page.url

        page.reload()  # a fresh page has nothing of its own to defend: no question
        page.wait_for_selector('h1:has-text("Project")', timeout=30_000)
        idle(page)
        assert page.get_by_label(TITLE, exact=True).input_value() == "Titel D in de opslag"
        assert page.locator(choice).count() == 0
    finally:
        context.close()
        server.stop()
