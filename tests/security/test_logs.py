"""A failed save leaves no draft id and no answers in the log (issue 14, point 6).

The id is a password (whoever holds it reads and changes the draft) and the answers hold salary
details. Before: `log.exception` wrote SQLAlchemy's `[parameters: ...]` with both.
"""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy.exc import SQLAlchemyError
from streamlit.testing.v1 import AppTest

from aeno_core.drafts import DraftStore, draft_ref
from tests.paths import ROOT

SECRET_TITLE = "Salarisgeheim schaal 11 periodiek 7"


def test_a_failed_save_logs_the_operation_and_error_class_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "drafts.sqlite3"
    monkeypatch.delenv("SUBSIDIEWIJZER_DB_URL", raising=False)
    monkeypatch.setenv("SUBSIDIEWIJZER_DRAFTS_PATH", str(path))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30).run()
    at.switch_page("pages/project.py").run()
    at.text_input(key="w.project.title").input("Eerste titel").run()
    draft_id = str(at.query_params["concept"])
    assert len(draft_id) == 43
    # The store breaks under the running app: the next save fails inside SQLite.
    with sqlite3.connect(path) as conn:
        conn.execute("DROP TABLE drafts")
    caplog.set_level(logging.DEBUG)
    at.text_input(key="w.project.title").input(SECRET_TITLE).run()
    assert not at.exception, at.exception
    assert any("Opslaan is niet gelukt" in str(e.value) for e in at.error)
    logged = "\n".join(
        record.getMessage() + (caplog.text if record.exc_info else "") for record in caplog.records
    )
    assert "save failed (OperationalError)" in logged
    assert draft_ref(draft_id) in logged
    assert draft_id not in caplog.text
    assert "Salarisgeheim" not in caplog.text
    assert "parameters" not in caplog.text
    assert not any(record.exc_info for record in caplog.records)


def test_an_error_from_the_store_carries_no_parameters(tmp_path: Path) -> None:
    """Wherever a store error's text ends up, it holds neither the id nor the payload."""
    store = DraftStore(f"sqlite+pysqlite:///{tmp_path / 'drafts.sqlite3'}")
    try:
        draft = store.create({"project": {"title": "Eerste titel"}})
        with store.engine.begin() as conn:
            conn.exec_driver_sql("DROP TABLE drafts")
        with pytest.raises(SQLAlchemyError) as caught:
            store.save(draft.id, {"project": {"title": SECRET_TITLE}}, draft.version)
        text = str(caught.value)
        assert "no such table" in text
        assert draft.id not in text
        assert "Salarisgeheim" not in text
    finally:
        store.dispose()


def test_the_reference_is_short_and_one_way() -> None:
    reference = draft_ref("A" * 43)
    assert len(reference) == 8
    assert reference != draft_ref("B" * 43)
    assert draft_ref(None) == "-"
