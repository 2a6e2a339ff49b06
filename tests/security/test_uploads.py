"""Uploads are bounded on the server, not only in the browser (issue 14, point 1).

Streamlit's uploader checks its size limit in the browser only; the server enforces
`server.maxUploadSize` on its own and keeps every uploaded file in memory until the session
ends. These tests talk to a real server on 127.0.0.1 as an attacker would: the XSRF cookie from
`/_stcore/health`, a websocket session (the project's protocol client), then PUTs to
`/_stcore/upload_file/<session>/<file id>` with the token in `X-Xsrftoken`. What the server
holds is read from its own `/_stcore/metrics` (the upload manager's byte count).
"""

from __future__ import annotations

import asyncio
import http.cookiejar
import re
import socket
import sys
import threading
import time
import tomllib
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterator
from typing import Any

import pytest

from aeno_core.casefile import MAX_BYTES
from tests.conftest import APP, Server, start_streamlit
from tests.paths import ROOT

sys.path.insert(0, str(ROOT / "bench"))
from stclient import Session  # the project's protocol client, beside the benchmarks

METRIC_CACHE_SECONDS = 5.0
"""`_METRICS_EXPENSIVE_STATS_TTL_SECONDS` in Streamlit 1.67's starlette_routes.py."""

CONFIG = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    drafts = tmp_path_factory.mktemp("drafts") / "drafts.sqlite3"
    running = start_streamlit(APP, env={"SUBSIDIEWIJZER_DRAFTS_PATH": str(drafts)})
    try:
        yield running
    finally:
        running.stop()


class Client:
    """One visitor: a cookie jar with the XSRF cookie and an open websocket session."""

    def __init__(self, server: Server) -> None:
        self.base = server.url
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))
        with self.opener.open(f"{self.base}/_stcore/health", timeout=10):
            pass
        tokens = [cookie.value for cookie in self.jar if cookie.name == "_streamlit_xsrf"]
        assert tokens, "the server set no XSRF cookie: the test cannot send a valid upload"
        self.token = tokens[0]
        host, port = self.base.removeprefix("http://").split(":")
        self.session = Session(host, int(port))
        # The websocket's loop runs in its own thread: a Playwright sync instance alive in the
        # same process (the browser tests) holds an event loop in the main thread.
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.thread.start()
        result = self.run(self.session.open())
        assert not result.exceptions, result.exceptions
        assert self.session.session_id

    def put_announced(self, size: int) -> bytes:
        """Announce a PUT of `size` bytes and send none: what the server answers to the headers.

        A server that waits for the body would hold the connection (the read times out); one
        that checks the length first answers at once.
        """
        host, port = self.base.removeprefix("http://").split(":")
        url = f"/_stcore/upload_file/{self.session.session_id}/{uuid.uuid4()}"
        head = (
            f"PUT {url} HTTP/1.1\r\nHost: {host}:{port}\r\nContent-Length: {size}\r\n"
            "Content-Type: multipart/form-data; boundary=x\r\n"
            f"X-Xsrftoken: {self.token}\r\nCookie: _streamlit_xsrf={self.token}\r\n\r\n"
        )
        with socket.create_connection((host, int(port)), timeout=10) as sock:
            sock.sendall(head.encode())
            try:
                return sock.recv(200)
            except TimeoutError:
                return b"(no answer: the server waits for the body)"

    def put(self, size: int) -> int:
        """PUT one file of `size` bytes as the front end does; the HTTP status."""
        boundary = uuid.uuid4().hex
        body = (
            (
                f'--{boundary}\r\nContent-Disposition: form-data; name="UploadedFile";'
                f' filename="aanvraag.json"\r\nContent-Type: application/json\r\n\r\n'
            ).encode()
            + b" " * size
            + f"\r\n--{boundary}--\r\n".encode()
        )
        url = f"{self.base}/_stcore/upload_file/{self.session.session_id}/{uuid.uuid4()}"
        request = urllib.request.Request(
            url,
            data=body,
            method="PUT",
            headers={
                "Content-Type": f"multipart/form-data; boundary={boundary}",
                "X-Xsrftoken": self.token,
            },
        )
        try:
            with self.opener.open(request, timeout=30) as response:
                return int(response.status)
        except urllib.error.HTTPError as error:
            return int(error.code)

    def run(self, coroutine: Any) -> Any:
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop).result(timeout=120)

    def close(self) -> None:
        self.run(self.session.close())
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(timeout=10)
        self.loop.close()


def held_upload_bytes(server: Server) -> int:
    """Bytes in the server's upload manager (0 when it holds no file), from its metrics."""
    url = f"{server.url}/_stcore/metrics?families=cache_memory_bytes"
    with urllib.request.urlopen(url, timeout=10) as response:
        text = response.read().decode()
    found = re.findall(r'cache_type="UploadedFileManager"[^}]*}\s+(\d+)', text)
    return sum(int(value) for value in found)


def settled_upload_bytes(server: Server) -> int:
    """Streamlit caches this metric for 5 s: read it once that cache has certainly expired."""
    time.sleep(METRIC_CACHE_SECONDS + 0.5)
    return held_upload_bytes(server)


def test_the_server_limit_is_the_page_limit() -> None:
    """One source: the uploader uses the server's option; it fits the 1 MB format limit."""
    limit_mb = CONFIG["server"]["maxUploadSize"]
    assert limit_mb * 1024 * 1024 >= MAX_BYTES > (limit_mb - 1) * 1024 * 1024
    source = (ROOT / "ui" / "drafts" / "view.py").read_text(encoding="utf-8")
    assert "max_upload_size=" not in source, "the page must not set its own, different limit"
    assert CONFIG["client"]["showErrorLinks"] is False


def test_an_oversized_put_is_refused_by_the_server(server: Server) -> None:
    client = Client(server)
    try:
        assert client.put(900_000) == 204  # a real application file still goes through
        answer = client.put_announced(5 * 1024 * 1024)
        assert answer.startswith(b"HTTP/1.1 413"), answer
        assert client.put_announced(190 * 1024 * 1024).startswith(b"HTTP/1.1 413")
    finally:
        client.close()


def test_many_puts_do_not_pile_up_in_memory(server: Server) -> None:
    """A session holds at most MAX_FILES_PER_SESSION files (the Projecten page reads several)."""
    from ui.server.streamlit_internals import MAX_FILES_PER_SESSION

    client = Client(server)
    try:
        before = settled_upload_bytes(server)
        for _ in range(MAX_FILES_PER_SESSION + 6):
            assert client.put(900_000) == 204
        added = settled_upload_bytes(server) - before
        most = MAX_FILES_PER_SESSION * 900_000
        assert most - 900_000 < added <= most, f"PUTs left {added} bytes on the server"
    finally:
        client.close()
