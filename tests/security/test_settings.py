"""A bad setting stops the server with one line naming the variable (issue 14, point 9).

Before: `SUBSIDIEWIJZER_DRAFT_DAYS=0` started a server on which every save failed and Start
showed an English error box.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from aeno_core.settings import problems
from tests.conftest import APP, start_streamlit
from tests.paths import ROOT

sys.path.insert(0, str(ROOT / "bench"))
from stclient import ProtocolError, Session  # the project's protocol client

BAD = {
    "zero days": ({"SUBSIDIEWIJZER_DRAFT_DAYS": "0"}, "SUBSIDIEWIJZER_DRAFT_DAYS"),
    "negative days": ({"SUBSIDIEWIJZER_DRAFT_DAYS": "-3"}, "SUBSIDIEWIJZER_DRAFT_DAYS"),
    "text for days": ({"SUBSIDIEWIJZER_DRAFT_DAYS": "dertig"}, "SUBSIDIEWIJZER_DRAFT_DAYS"),
    "unknown database": (
        {"SUBSIDIEWIJZER_DB_URL": "mysql://u:geheim@h/db"},
        "SUBSIDIEWIJZER_DB_URL",
    ),
    "not a URL": ({"SUBSIDIEWIJZER_DB_URL": "geen url"}, "SUBSIDIEWIJZER_DB_URL"),
}


@pytest.mark.parametrize(("env", "name"), BAD.values(), ids=BAD.keys())
def test_the_check_names_the_variable_in_one_line(env: dict[str, str], name: str) -> None:
    found = problems(env)
    assert len(found) == 1
    assert found[0].startswith(name)
    assert " / " in found[0]  # Dutch / English
    assert "geheim" not in found[0]  # a database URL's password is never printed


def test_good_settings_pass() -> None:
    assert problems({}) == []
    assert problems({"SUBSIDIEWIJZER_DRAFT_DAYS": "30"}) == []
    assert problems({"SUBSIDIEWIJZER_DB_URL": "postgresql://u:p@h/db"}) == []


def test_make_run_refuses_to_start(tmp_path: object) -> None:
    """`make run` runs the check first: exit status 2 and one line on stderr."""
    result = subprocess.run(
        [sys.executable, "-m", "aeno_core.settings"],
        cwd=ROOT,
        env={**os.environ, "SUBSIDIEWIJZER_DRAFT_DAYS": "0"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "SUBSIDIEWIJZER_DRAFT_DAYS" in lines[0]
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    recipe = makefile.split("\nrun:", 1)[1].split("\n\n", 1)[0]
    assert recipe.index("-m aeno_core.settings") < recipe.index("-m streamlit run")


def test_a_server_started_directly_stops_at_its_first_session(tmp_path: object) -> None:
    server = start_streamlit(APP, env={"SUBSIDIEWIJZER_DRAFT_DAYS": "0"})
    try:
        host, port = server.url.removeprefix("http://").split(":")

        async def visit() -> None:
            session = Session(host, int(port))
            try:
                await session.open(timeout=30)
            except (ProtocolError, OSError, TimeoutError):
                pass  # the server went away under the session: what should happen
            finally:
                await session.close()

        # In a thread of its own: the browser tests' Playwright may hold this thread's loop.
        with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
            pool.submit(asyncio.run, visit()).result(timeout=120)
        deadline = time.monotonic() + 30
        while server.process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.2)
        assert server.process.poll() is not None, "the server kept running with a bad setting"
        server.log.seek(0)
        log = server.log.read().decode(errors="replace")
        ours = [line for line in log.splitlines() if line.startswith("Subsidiewijzer:")]
        assert len(ours) == 1 and "SUBSIDIEWIJZER_DRAFT_DAYS" in ours[0], log[-2000:]
    finally:
        server.stop()


def test_under_apptest_a_bad_setting_stops_the_page_not_the_test_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Only `streamlit run app.py` is ended by the signal; a test process shows the message."""
    from streamlit.testing.v1 import AppTest

    from ui.server import startup

    monkeypatch.setattr(startup, "_checked", False)
    monkeypatch.setenv("SUBSIDIEWIJZER_DRAFTS_PATH", str(tmp_path / "drafts.sqlite3"))
    monkeypatch.setenv("SUBSIDIEWIJZER_DRAFT_DAYS", "0")
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30).run()
    assert any("verkeerd ingesteld" in str(e.value) for e in at.error)
    assert not at.exception
