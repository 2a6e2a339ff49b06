"""Shared fixtures: AppTest for the wizard, one Streamlit server and one chromium per session.

Browser tests use `streamlit_server` (the app on a free 127.0.0.1 port, drafts in a temporary
SQLite file) and `browser` (Debian's chromium through Playwright), both session-scoped, so a
whole run starts each once per xdist worker; mark such tests `@pytest.mark.browser` and put
them in `@pytest.mark.xdist_group("browser")`. `start_streamlit()` starts any other script the
same way (the bench uses it too). A missing chromium fails loudly, never skips.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

import pytest
from streamlit.runtime import pages_manager
from streamlit.testing.v1 import AppTest

from tests.paths import ROOT

APP = ROOT / "app.py"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


# --------------------------------------------------------------------------- AppTest


STREAMLIT_PAGES_MANAGER_INIT = pages_manager.PagesManager.__init__
"""Streamlit's own, unpatched: tests/test_streamlit_internals.py needs the legacy mode back."""


@pytest.fixture(scope="session", autouse=True)
def _navigation_owns_the_pages_folder() -> Iterator[None]:
    """Keep AppTest from running `pages/*.py` as a legacy multipage app.

    The wizard routes with st.navigation and keeps its page files under `pages/`. A real
    server clears Streamlit's "pages directory" flag on the first st.navigation call and
    keeps it cleared; AppTest resets it before every run, which would run a page file
    without app.py (no sidebar) from the second run on. This restores the server's behaviour.
    """
    original = STREAMLIT_PAGES_MANAGER_INIT

    def init(self: pages_manager.PagesManager, *args: Any, **kwargs: Any) -> None:
        original(self, *args, **kwargs)
        pages_manager.PagesManager.uses_pages_directory = False

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(pages_manager.PagesManager, "__init__", init)
        yield


@pytest.fixture
def new_app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[[], AppTest]:
    """A fresh AppTest of app.py, already run once (the Start page), drafts in tmp_path."""
    monkeypatch.setenv("SUBSIDIEWIJZER_DRAFTS_PATH", str(tmp_path / "drafts.sqlite3"))

    def make() -> AppTest:
        app = AppTest.from_file(str(APP), default_timeout=60)
        return app.run()

    return make


# --------------------------------------------------------------------------- servers


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@dataclass
class Server:
    """A running Streamlit server and how to reach it."""

    url: str
    process: subprocess.Popen[bytes]
    started_in: float
    """Seconds from starting the process to a healthy /_stcore/health."""
    log: IO[bytes]
    """What the server wrote to stderr."""

    def stop(self) -> None:
        """End the server process we started (by its own pid)."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        self.log.close()


def start_streamlit(
    script: Path,
    *,
    env: dict[str, str] | None = None,
    timeout: float = 60.0,
    port: int | None = None,
) -> Server:
    """Start `streamlit run script` on a free (or the given) loopback port; wait until healthy."""
    port = port or free_port()
    command = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(script),
        "--server.port",
        str(port),
        "--server.address",
        "127.0.0.1",
        "--server.headless",
        "true",
        "--browser.gatherUsageStats",
        "false",
        "--server.fileWatcherType",
        "none",
    ]
    started = time.perf_counter()
    # The server's messages go to a file, not a pipe: nobody reads a pipe while the tests run,
    # and a server that filled one (64 KiB) would hang on its next log line.
    log = tempfile.TemporaryFile()  # noqa: SIM115 - open for the server's life, closed by stop()
    process = subprocess.Popen(
        command,
        cwd=str(script.parent),
        env={**os.environ, **(env or {})},
        stdout=subprocess.DEVNULL,
        stderr=log,
    )
    url = f"http://127.0.0.1:{port}"
    while time.perf_counter() - started < timeout:
        if process.poll() is not None:
            log.seek(0)
            message = log.read().decode(errors="replace")
            raise RuntimeError(f"streamlit exited with {process.returncode}: {message[-2000:]}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=1) as response:
                if response.status == 200:
                    return Server(url, process, time.perf_counter() - started, log)
        except OSError:
            time.sleep(0.05)
    process.kill()
    raise RuntimeError(f"streamlit did not become healthy within {timeout} s")


@pytest.fixture(scope="session")
def streamlit_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The wizard on a free port for the whole session; yields its base URL."""
    drafts = tmp_path_factory.mktemp("drafts") / "drafts.sqlite3"
    server = start_streamlit(APP, env={"SUBSIDIEWIJZER_DRAFTS_PATH": str(drafts)})
    try:
        yield server.url
    finally:
        server.stop()


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Debian's chromium through Playwright, one per session; missing chromium fails loudly."""
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        raise RuntimeError(f"{CHROMIUM} is missing: install Debian's chromium (make system-deps)")
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield instance
        finally:
            instance.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A new browser context and page at 1280x720 (Dutch locale), closed after the test."""
    context = browser.new_context(viewport={"width": 1280, "height": 720}, locale="nl-NL")
    context.set_default_timeout(20_000)
    try:
        yield context.new_page()
    finally:
        context.close()
