"""The draft store's folder and files are private to the server's user (issue 14, point 8).

Before: the SQLite database and its -wal/-shm were 0644 in a 0755 folder, so every local user
could read salary details. (The store now runs with a rollback journal, no -wal/-shm: see
test_store_unwritable.py; -wal/-shm left by an older release are still made private.)
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from aeno_core.drafts import DraftStore


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_new_store_is_created_private(tmp_path: Path) -> None:
    old_umask = os.umask(0o022)  # the usual default, which made the files world-readable
    try:
        path = tmp_path / "nieuw" / "drafts.sqlite3"
        store = DraftStore(f"sqlite+pysqlite:///{path}")
        try:
            store.create({"project": {"title": "Privé"}})
            assert mode(path.parent) == 0o700
            assert mode(path) == 0o600, oct(mode(path))
            # The rollback journal exists while a write is under way: catch it during one.
            with store.engine.begin() as conn:
                conn.exec_driver_sql("DELETE FROM deleted_drafts")
                journal = Path(f"{path}-journal")
                assert journal.exists()
                assert mode(journal) == 0o600, oct(mode(journal))
            assert sorted(p.name for p in path.parent.iterdir()) == ["drafts.sqlite3"]
        finally:
            store.dispose()
    finally:
        os.umask(old_umask)


def test_an_existing_readable_database_is_made_private(tmp_path: Path) -> None:
    path = tmp_path / "drafts.sqlite3"
    DraftStore(f"sqlite+pysqlite:///{path}").dispose()
    for name in ("drafts.sqlite3", "drafts.sqlite3-wal", "drafts.sqlite3-shm"):
        file = tmp_path / name
        file.touch()
        file.chmod(0o644)
    store = DraftStore(f"sqlite+pysqlite:///{path}")
    try:
        store.create({"project": {"title": "Privé"}})
        assert mode(path) == 0o600
        assert mode(Path(f"{path}-wal")) == 0o600
    finally:
        store.dispose()
