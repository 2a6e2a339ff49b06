"""Delete and purge remove the bytes, and a deleted draft stays deleted (issue 14, point 7).

Before: after a delete SQLite's `-wal` still held the id and title, after a purge the title
stayed in the main file until a checkpoint, and a tab still open on a deleted draft stored it
again under a new id at its next keystroke. The tests read the database's files themselves.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import text

from aeno_core.drafts import DraftDeleted, DraftNotFound, DraftStore

pytest_plugins = ["tests.postgres"]

TITLE = "Onvergetelijk-Projecttitel-Q7"
TTL = timedelta(days=30)


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 3, 1, 9, 30, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


def answers(round_: int) -> dict[str, object]:
    return {"project": {"title": f"{TITLE} {round_}"}, "internal_staff": [{"scale": 11}]}


def sqlite_bytes(path: Path) -> bytes:
    """The database file and any -journal, -wal and -shm companion, as a local user reads them."""
    return b"".join(
        candidate.read_bytes()
        for candidate in (
            path,
            *(Path(f"{path}{suffix}") for suffix in ("-journal", "-wal", "-shm")),
        )
        if candidate.exists()
    )


@pytest.fixture
def sqlite_store(tmp_path: Path) -> Iterator[tuple[DraftStore, Path, Clock]]:
    path = tmp_path / "drafts.sqlite3"
    clock = Clock()
    store = DraftStore(f"sqlite+pysqlite:///{path}", ttl=TTL, clock=clock)
    try:
        yield store, path, clock
    finally:
        store.dispose()


def test_after_a_delete_no_sqlite_file_holds_the_id_or_the_title(
    sqlite_store: tuple[DraftStore, Path, Clock],
) -> None:
    store, path, _clock = sqlite_store
    keep = store.create({"project": {"title": "Een ander concept"}})
    draft = store.create(answers(0))
    for round_ in range(1, 4):
        draft = store.save(draft.id, answers(round_), draft.version)
    assert TITLE.encode() in sqlite_bytes(path)  # the probe sees what is there
    assert store.delete(draft.id)
    stored = sqlite_bytes(path)
    assert TITLE.encode() not in stored
    assert draft.id.encode() not in stored
    assert store.load(keep.id).data["project"]["title"] == "Een ander concept"


def test_after_a_purge_no_sqlite_file_holds_the_id_or_the_title(
    sqlite_store: tuple[DraftStore, Path, Clock],
) -> None:
    store, path, clock = sqlite_store
    draft = store.create(answers(0))
    draft = store.save(draft.id, answers(1), draft.version)
    clock.now += TTL + timedelta(minutes=1)
    assert store.purge_expired() == 1
    stored = sqlite_bytes(path)
    assert TITLE.encode() not in stored
    assert draft.id.encode() not in stored


def test_a_deleted_draft_is_not_recreated_by_a_tab_still_open_on_it(
    sqlite_store: tuple[DraftStore, Path, Clock],
) -> None:
    store, _path, _clock = sqlite_store
    draft = store.create(answers(0))
    store.delete(draft.id)
    with pytest.raises(DraftDeleted):
        store.save(draft.id, answers(1), draft.version)
    with pytest.raises(DraftDeleted):
        store.load(draft.id)
    with pytest.raises(DraftNotFound) as unknown:
        store.load("x" * 43)
    assert not isinstance(unknown.value, DraftDeleted)
    assert store.count() == 0


@pytest.mark.postgres
@pytest.mark.xdist_group("postgres")
@pytest.mark.parametrize("how", ["delete", "purge"])
def test_after_delete_or_purge_postgresql_table_file_holds_no_title(
    postgres_url: str, how: str
) -> None:
    """VACUUM after each: the table's file (after a checkpoint) keeps no deleted payload."""
    clock = Clock()
    store = DraftStore(postgres_url, ttl=TTL, clock=clock)
    try:
        with store.engine.begin() as conn:
            conn.execute(text("DELETE FROM drafts"))
        draft = store.create(answers(0))
        store.save(draft.id, answers(1), draft.version)
        if how == "delete":
            assert store.delete(draft.id)
        else:
            clock.now += TTL + timedelta(minutes=1)
            assert store.purge_expired() == 1
        with store.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(text("CHECKPOINT"))
            data_dir = conn.execute(text("SHOW data_directory")).scalar_one()
            relative = conn.execute(text("SELECT pg_relation_filepath('drafts')")).scalar_one()
        table_file = Path(data_dir) / relative
        assert table_file.exists()
        content = table_file.read_bytes()
        assert TITLE.encode() not in content
        assert draft.id.encode() not in content
    finally:
        store.dispose()


def test_an_open_tab_on_a_deleted_draft_is_told_and_asked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The colleague's tab does not store the deleted draft again at its next keystroke."""
    from streamlit.testing.v1 import AppTest

    from tests.paths import ROOT

    path = tmp_path / "drafts.sqlite3"
    monkeypatch.delenv("SUBSIDIEWIJZER_DB_URL", raising=False)
    monkeypatch.setenv("SUBSIDIEWIJZER_DRAFTS_PATH", str(path))

    def tab(concept: str | None = None) -> AppTest:
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30)
        if concept:
            at.query_params["concept"] = concept
        return at.run()

    mine = tab()
    mine.switch_page("pages/project.py").run()
    mine.text_input(key="w.project.title").input("Project van twee").run()
    draft_id = str(mine.query_params["concept"])
    colleague = tab(draft_id)
    colleague.switch_page("pages/project.py").run()
    mine.switch_page("pages/start.py").run()
    mine.button(key="concept_delete").click().run()

    colleague.text_input(key="w.project.title").input("Project van twee, aangevuld").run()
    assert not colleague.exception, colleague.exception
    warnings = " ".join(str(w.value) for w in colleague.warning)
    assert "Dit concept is intussen verwijderd" in warnings
    store = DraftStore(f"sqlite+pysqlite:///{path}")
    try:
        assert store.count() == 0, "the open tab stored the deleted draft again"
        colleague.button(key="concept_deleted_keep").click().run()
        assert store.count() == 1
        new_id = str(colleague.query_params["concept"])
        assert new_id != draft_id
        assert store.load(new_id).data["project"]["title"] == "Project van twee, aangevuld"
        with pytest.raises(DraftDeleted):
            store.load(draft_id)
    finally:
        store.dispose()
