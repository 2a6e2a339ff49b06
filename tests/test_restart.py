"""A server restart in the middle of a journey loses nothing (issue 7).

A person fills in half an application in chromium (tests/test_browser_drafts.py's helpers: the
Organisatie and Project answers and a line in each cost table), the server process is killed
(SIGKILL, as in a crash: no chance to flush anything) and started again on the same port with
the same SQLite draft store, and the person presses reload on the page they were on. Every
answer and cost line must be back, from the draft store, with the same estimate. The reload is
a deep link (/kosten?concept=...) as the first request of a fresh server, the case that
ui/router.py handles.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.conftest import APP, free_port, start_streamlit
from tests.test_browser_drafts import (
    assert_half_application,
    concept_in,
    estimate_text,
    fill_half_an_application,
    idle,
    open_app,
)

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


def test_a_reload_after_a_server_restart_brings_every_answer_back(
    browser: Any, tmp_path: Path
) -> None:
    port = free_port()
    env = {"SUBSIDIEWIJZER_DRAFTS_PATH": str(tmp_path / "drafts.sqlite3")}
    server = start_streamlit(APP, env=env, port=port)
    context = browser.new_context(viewport={"width": 1280, "height": 720}, locale="nl-NL")
    try:
        page = context.new_page()
        page.set_default_timeout(20_000)
        open_app(page, server.url)
        fill_half_an_application(page)
        draft_id = concept_in(page.url)
        assert draft_id is not None
        before = estimate_text(page)
        assert before.startswith("€ ")
        where = page.url
        assert "/kosten" in where  # mid-journey: on Kosten en uren, Regeling still open

        server.process.kill()  # a crash, not a clean shutdown
        server.process.wait(timeout=10)
        server = start_streamlit(APP, env=env, port=port)

        page.reload()
        page.wait_for_selector('[data-testid="sw-estimate"]', timeout=30_000)
        idle(page)
        assert page.url == where
        assert page.get_by_role("heading", name="Kosten en uren", level=1).is_visible()
        assert estimate_text(page) == before
        assert_half_application(page)
        assert concept_in(page.url) == draft_id
    finally:
        context.close()
        server.stop()
