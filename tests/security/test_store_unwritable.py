"""A draft store whose files go away under the server fails one save, not the server (issue 14, 9).

Before: "a read-only remount of the SQLite files while running killed the whole server (SIGBUS),
every session with it". SQLite in WAL mode keeps its index in the memory-mapped `-shm` file;
when a mapped file is cut short under the process, the next access is SIGBUS, and Python
cannot catch that. On this machine a read-only remount itself is refused while the server holds
the files open for writing (EBUSY) or gives clean I/O errors (ext4 aborted, or a read-only bind
mount stacked over the folder); the SIGBUS is reproduced by cutting the files to zero bytes,
which is what a mapping sees when its file is lost underneath it. Each test runs the store in a
child process, so a SIGBUS shows as a return code of -7 instead of killing pytest.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import sqlite3
import subprocess
import sys
import urllib.request
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Error as PlaywrightError

from aeno_core.drafts import DraftStore
from tests.browser_forms import open_tab, sidebar_page, type_label
from tests.conftest import APP, start_streamlit
from tests.paths import ROOT

CHILD = """
import json, sys
from sqlalchemy.exc import SQLAlchemyError
from aeno_core.drafts import DraftStore

store = DraftStore(f"sqlite+pysqlite:///{sys.argv[1]}")
draft = store.create({"project": {"title": "Voor de storing"}})
draft = store.save(draft.id, {"project": {"title": "Voor de storing, 2"}}, draft.version)
print("ready", flush=True)
sys.stdin.readline()
outcome = {}
operations = {
    "save": lambda: store.save(draft.id, {"project": {"title": "Na de storing"}}, draft.version),
    "load": lambda: store.load(draft.id),
    "create": lambda: store.create({"project": {"title": "Nieuw"}}),
}
for name, operation in operations.items():
    try:
        operation()
        outcome[name] = "ok"
    except (SQLAlchemyError, OSError, ValueError) as error:  # what ui/drafts/link.py catches
        outcome[name] = "handled " + type(error).__name__
print(json.dumps(outcome), flush=True)
"""


def cut_store_files(folder: Path) -> list[str]:
    """Cut every file of the store to zero bytes, as a mapping sees a file lost under it."""
    names = sorted(p.name for p in folder.iterdir() if p.is_file())
    for name in names:
        os.truncate(folder / name, 0)
    return names


def died_of(returncode: int | None) -> str:
    if returncode is not None and returncode < 0:
        return f"died of {signal.Signals(-returncode).name}"
    return f"exited with {returncode}"


def test_the_store_opens_no_memory_mapped_file(tmp_path: Path) -> None:
    """No WAL (its `-shm` index is mapped) and no mapped database file: nothing can SIGBUS."""
    path = tmp_path / "drafts.sqlite3"
    store = DraftStore(f"sqlite+pysqlite:///{path}")
    try:
        store.create({"project": {"title": "Iets"}})
        with store.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar_one() == "delete"
            assert conn.exec_driver_sql("PRAGMA mmap_size").scalar_one() == 0
        assert not Path(f"{path}-shm").exists()
        assert not Path(f"{path}-wal").exists()
    finally:
        store.dispose()


def test_files_cut_away_under_the_store_fail_each_operation_not_the_process(
    tmp_path: Path,
) -> None:
    path = tmp_path / "drafts.sqlite3"
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(path)],
        cwd=str(ROOT),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert child.stdout is not None and child.stdin is not None
        assert child.stdout.readline().strip() == "ready", child.stderr
        cut = cut_store_files(tmp_path)
        assert "drafts.sqlite3" in cut
        child.stdin.write("go\n")
        child.stdin.flush()
        out, err = child.communicate(timeout=60)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait(timeout=10)
    assert child.returncode == 0, f"the store's process {died_of(child.returncode)}: {err[-800:]}"
    outcome = json.loads(out.strip().splitlines()[-1])
    # The answers are gone from the file, so nothing may claim they were saved: each operation
    # ends in an error the page reports in Dutch ("de opslag ... is nu niet bereikbaar").
    assert outcome["save"].startswith("handled "), outcome
    assert outcome["load"].startswith("handled "), outcome
    assert outcome["create"].startswith("handled "), outcome


def stored_title(path: Path) -> str:
    """The project title of the only draft, read with a connection closed right after."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        rows = conn.execute("SELECT payload FROM drafts").fetchall()
    finally:
        conn.close()
    assert len(rows) == 1, rows
    title: str = json.loads(rows[0][0])["project"]["title"]
    return title


@pytest.mark.browser
@pytest.mark.xdist_group("browser")
def test_the_page_says_the_store_is_unreachable_keeps_the_answers_and_the_server_lives(
    browser: Any, tmp_path: Path
) -> None:
    folder = tmp_path / "store"
    path = folder / "drafts.sqlite3"
    server = start_streamlit(APP, env={"SUBSIDIEWIJZER_DRAFTS_PATH": str(path)})
    try:
        with open_tab(browser, server.url) as page:
            sidebar_page(page, "Project")
            type_label(page, "Titel van het project", "Bewaard voor de storing")
            assert "concept=" in page.url
            assert stored_title(path) == "Bewaard voor de storing"

            cut_store_files(folder)
            typed = "Getypt na de storing"
            # A dead server never finishes the rerun, so the wait times out: the assert says why.
            with contextlib.suppress(PlaywrightError):
                type_label(page, "Titel van het project", typed)
            assert server.process.poll() is None, f"the server {died_of(server.process.poll())}"

            page.get_by_text(
                "Opslaan is niet gelukt: de opslag van concepten is nu niet"
            ).wait_for()
            assert page.get_by_label("Titel van het project", exact=True).input_value() == typed
            with urllib.request.urlopen(f"{server.url}/_stcore/health", timeout=5) as response:
                assert response.status == 200
            # The answers stay in the tab across pages, although nothing could be stored.
            sidebar_page(page, "Regeling")
            sidebar_page(page, "Project")
            assert page.get_by_label("Titel van het project", exact=True).input_value() == typed
            assert server.process.poll() is None, f"the server {died_of(server.process.poll())}"
    finally:
        server.stop()
