"""A Markdown image in user text makes the browser fetch nothing (issue 14, point 4).

Before: a project title `![x](http://host/t.png)` reached `st.success` as Markdown, and every
viewer's browser fetched that address; a blank line in a cost description broke out of the HTML
blocks. Here a file is imported in Debian's chromium whose title, file name and cost description
carry images pointing at a listener on 127.0.0.1; the Start, Overzicht and Resultaat pages are
shown, and the listener must have received nothing.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from aeno_core.answers import Answers
from aeno_core.examples import examples
from aeno_core.export import export_document

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

IDLE = """() => {
  const app = document.querySelector('[data-test-script-state]');
  return app !== null && app.getAttribute('data-test-script-state') !== 'running';
}"""


class Listener:
    """An HTTP server on 127.0.0.1 that records every request path it gets."""

    def __init__(self) -> None:
        self.requests: list[str] = []
        recorded = self.requests

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                recorded.append(self.path)
                self.send_response(204)
                self.end_headers()

            def log_message(self, *_args: Any) -> None:
                return

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def listener() -> Iterator[Listener]:
    running = Listener()
    try:
        yield running
    finally:
        running.close()


def idle(page: Any) -> None:
    page.wait_for_timeout(200)
    page.wait_for_function(IDLE, timeout=20_000)
    page.wait_for_timeout(150)


def test_images_in_user_text_are_shown_as_text_and_never_fetched(
    page: Any, streamlit_server: str, listener: Listener
) -> None:
    answers = Answers.from_application(examples()["foutenfestival"].application)
    answers.project.title = f"![t]({listener.url}/title.png) titel"
    answers.external_costs[0].description = f"Zaal\n\n![d]({listener.url}/desc.png)\n\nrest"
    document = export_document(answers)
    # The answers are built in Python (no validation on assignment): the file holds the
    # blank lines and the image as written, as a hostile file would.
    assert b"\\n\\n![d]" in document

    page.goto(streamlit_server)
    page.wait_for_selector('[data-testid="sw-estimate"]', timeout=30_000)
    idle(page)
    page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(
        {
            "name": f"![n]({listener.url}/name.png).json",
            "mimeType": "application/json",
            "buffer": document,
        }
    )
    idle(page)
    notice = page.get_by_text("is ingelezen (export)")
    notice.wait_for()
    assert f"![t]({listener.url}/title.png) titel" in notice.inner_text()
    concept = re.search(r"concept=([A-Za-z0-9_-]{43})", page.url)
    assert concept is not None

    # A refused file: its unknown key is quoted in the Dutch refusal, as text.
    page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(
        {
            "name": "casus.json",
            "mimeType": "application/json",
            "buffer": (
                '{"application": {"scheme": "impuls", "project_start": "2018-03-01",'
                ' "project_end": "2018-09-30", "internal_staff": [{"role": "Projectleider",'
                ' "scale": 10, "step": 6, "hours": 100, "hourly_rate": "33.30"}],'
                ' "![k](' + listener.url + '/key.png)": 1}}'
            ).encode(),
        }
    )
    idle(page)
    refusal = page.get_by_text("Het bestand ‘casus.json’ is niet ingelezen")
    refusal.wait_for()
    assert "![k](http://127" in refusal.inner_text()  # the key's dots split it into parts

    for path, ready in (
        ("overzicht", "text=Berekening"),
        ("resultaat", '[data-testid="sw-result-amount"]'),
    ):
        page.goto(f"{streamlit_server}/{path}?concept={concept.group(1)}")
        page.wait_for_selector(ready, timeout=30_000)
        idle(page)
        body = page.locator("body").inner_text()
        assert "![" in body, f"{path}: the user's text is not shown literally"
    page.wait_for_timeout(1000)
    assert listener.requests == [], f"the browser fetched {listener.requests}"
    assert page.locator(f'img[src^="{listener.url}"]').count() == 0
