"""Two app processes behind deploy/nginx.conf share their drafts through PostgreSQL (issue 17).

Everything as the deploy recipe runs it, from Debian's packages and on 127.0.0.1 only: a
throwaway PostgreSQL (tests/postgres.py), two `streamlit run app.py` processes with
SUBSIDIEWIJZER_DB_URL pointing at it, and nginx with deploy/nginx.conf unchanged
(tests/nginx.py writes only the ports it includes).

Which process served a request is read from the processes' own logs: each stored draft
operation is one line (`draft store: save ok ...`, aeno_core/drafts.py), so the tests also show
that stickiness holds (a whole journey is logged by one process only) and that the log names no
draft id.

- a draft saved through one process opens, every answer as entered, through the other;
- in chromium, the process serving the tab is killed halfway through a journey: the tab
  reconnects through the proxy to the other process by itself, and a reload brings every
  answer back;
- killed right after a whole page's run, the other process takes over at the next click.
"""

from __future__ import annotations

import asyncio
import os
import random
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from typing import Any

import pytest

from tests.conftest import APP, Server, start_streamlit
from tests.nginx import ROUTE_COOKIE, proxy
from tests.paths import ROOT
from tests.postgres import PostgresUnavailable, throwaway_postgres

sys.path.insert(0, str(ROOT / "bench"))

import bench_load  # bench/ is not a package: its folder is put on the path above

pytestmark = [pytest.mark.postgres]


@dataclass
class Replicas:
    """The proxy's URL and port, and the two app processes behind it."""

    url: str
    port: int
    servers: list[Server]

    def log_lines(self, index: int) -> list[str]:
        """What process `index` logged so far (read without moving the file's offset, which the
        process shares for its writes)."""
        fd = self.servers[index].log.fileno()
        size = os.fstat(fd).st_size
        return os.pread(fd, size, 0).decode(errors="replace").splitlines()

    def draft_lines(self, index: int, operation: str = "") -> list[str]:
        """Process `index`'s draft store lines, of one operation (`create`, `load`...) or all."""
        return [
            line
            for line in self.log_lines(index)
            if f"draft store: {operation}" in line and " ok (postgresql" in line
        ]

    def kill_serving(self) -> int:
        """SIGKILL the process that stored this test's drafts (a crash, nothing flushed);
        the other one's index."""
        serving = self.serving()
        self.servers[serving].process.kill()
        self.servers[serving].process.wait(timeout=10)
        return 1 - serving

    def wait_for_load(self, index: int, seconds: float, failure: str) -> None:
        """Until process `index` has loaded a draft; fails with `failure` and its last lines."""
        deadline = time.monotonic() + seconds
        while not self.draft_lines(index, "load"):
            assert time.monotonic() < deadline, (
                f"{failure}; it logged: {self.log_lines(index)[-12:]}"
            )
            time.sleep(0.2)

    def serving(self) -> int:
        """The one process that stored drafts so far; fails when both or neither did."""
        busy = [i for i in range(len(self.servers)) if self.draft_lines(i)]
        assert len(busy) == 1, f"drafts stored by processes {busy}: the session was not sticky"
        return busy[0]


@contextmanager
def replicas() -> Iterator[Replicas]:
    """PostgreSQL, two app processes on it and nginx in front, all stopped afterwards."""
    with ExitStack() as stack:
        try:
            db_url = stack.enter_context(throwaway_postgres())
        except PostgresUnavailable as error:
            pytest.fail(str(error), pytrace=False)
        env = {"SUBSIDIEWIJZER_DB_URL": db_url, "SUBSIDIEWIJZER_LOG_LEVEL": "INFO"}
        servers: list[Server] = []
        stack.callback(lambda: [server.stop() for server in servers])
        for _ in range(2):
            servers.append(start_streamlit(APP, env=env))
        ports = [int(server.url.rsplit(":", 1)[1]) for server in servers]
        url = stack.enter_context(proxy(ports))
        yield Replicas(url, int(url.rsplit(":", 1)[1]), servers)


def test_the_proxy_sets_a_routing_cookie_and_the_security_headers() -> None:
    with replicas() as app, urllib.request.urlopen(app.url + "/", timeout=20) as response:
        assert response.status == 200
        cookie = response.headers["Set-Cookie"]
        assert cookie.startswith(f"{ROUTE_COOKIE}=") and "HttpOnly" in cookie, cookie
        assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]
        assert response.headers["X-Frame-Options"] == "DENY"
        assert response.headers["Referrer-Policy"] == "no-referrer"
        again = urllib.request.Request(app.url + "/", headers={"Cookie": cookie.split(";")[0]})
        with urllib.request.urlopen(again, timeout=20) as second:
            assert second.headers["Set-Cookie"] is None  # set once, kept by the browser


def test_a_draft_saved_through_one_process_opens_through_the_other() -> None:
    started = time.monotonic()
    with replicas() as app:
        person = bench_load.Person(7, cookie=f"{ROUTE_COOKIE}=browser-one")
        asyncio.run(bench_load.run_person(person, app.port, (0.0, 0.0), random.Random(7)))
        assert not person.errors, person.errors
        assert "concept=" in person.query_string
        saver = app.serving()
        assert app.draft_lines(saver, "create") and app.draft_lines(saver, "save")
        other = 1 - saver
        draft_id = person.query_string.split("concept=", 1)[1].split("&")[0]
        assert not any(draft_id[:8] in line for line in app.log_lines(saver))

        # Another browser (another routing cookie) opens the link: find one that the proxy
        # sends to the other process (the consistent hash sends about half of them there).
        for attempt in range(40):
            person.cookie = f"{ROUTE_COOKIE}=browser-{attempt}"
            loads = len(app.draft_lines(other, "load"))
            lost = asyncio.run(bench_load.check_person(person, app.port))
            if len(app.draft_lines(other, "load")) > loads:
                break
            assert not lost, lost  # opened through the same process: complete there too
        else:
            pytest.fail("40 browsers in a row reached the same process: nginx does not balance")
        assert not lost, lost  # every answer, cost line and the estimate, through the other
    assert time.monotonic() - started < 60


@pytest.mark.browser
@pytest.mark.xdist_group("browser")
def test_killing_the_process_of_a_tab_mid_journey_loses_nothing(browser: Any) -> None:
    from tests.browser_forms import open_tab
    from tests.test_browser_keyboard import idle, sidebar_estimate
    from tests.test_restart import (
        assert_reload_brings_back_the_half_application,
        cost_lines,
        fill_half_an_application,
    )

    with replicas() as app, open_tab(browser, app.url) as page:
        fill_half_an_application(page)
        before = sidebar_estimate(page)
        where = page.url
        assert "/kosten?concept=" in where
        lines = cost_lines(page)
        assert "Trainingsbureau € 7.500,00" in lines, lines
        other = app.kill_serving()

        # Without a reload, Streamlit's front end reconnects its websocket; nginx finds the
        # process gone and sends it to the other one, whose new session reloads the draft
        # the address names.
        app.wait_for_load(other, 30, "the tab did not reconnect to the other process")
        idle(page)

        assert_reload_brings_back_the_half_application(page, where, before, lines)


@pytest.mark.browser
@pytest.mark.xdist_group("browser")
def test_after_a_page_run_the_other_process_takes_over_at_the_next_click(browser: Any) -> None:
    """Killed after a run of the whole page (not a cost line's own run), the tab's process is
    followed by the other one at the person's next action, with nothing lost.

    Streamlit's browser asks for a run as soon as it has reconnected only when its last run
    was a fragment's (a cost line), or was still going; after a whole page's run it waits for
    the next action. That action then reaches the other process, whose new session loads the
    draft the address names.

    The title is awaited, not read at once: after a reload Streamlit's browser draws a field
    whose value the app sets (every answer of the wizard) empty for one render, some 30 ms,
    then with its value. Read at once, the field was sometimes empty while the stored draft
    held the title (checked in the database at the time).
    """
    from playwright.sync_api import expect

    from tests.browser_forms import next_page, open_tab, sidebar_page, type_label

    with replicas() as app, open_tab(browser, app.url) as page:
        next_page(page, "Organisatie")
        next_page(page, "Project")
        type_label(page, "Titel van het project", "Leerlab na een crash")
        page.wait_for_url("**/project?concept=*")  # the draft is stored and named
        other = app.kill_serving()
        page.wait_for_timeout(3000)  # the tab reconnects; no run is asked for yet
        assert app.draft_lines(other, "load") == []

        next_page(page, "Regeling")  # one click, on the other process
        app.wait_for_load(other, 20, "the click did not reach the other process")
        sidebar_page(page, "Project")
        title = page.get_by_label("Titel van het project", exact=True)
        expect(title).to_have_value("Leerlab na een crash")
        page.reload()
        page.wait_for_selector("[data-testid=stMain] h1:has-text('Project')")
        expect(title).to_have_value("Leerlab na een crash")
