"""Starting project 2 never destroys project 1 (issue 14, point 3).

Before: "Opnieuw beginnen" emptied the saved draft behind the same link, without confirmation
or undo, so whoever held project 1's link found it empty. Now a new project (or an example) gets
a new draft and id, and wiping the current draft is confirmed and can be undone for a while.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from aeno_core.drafts import DraftStore
from tests.paths import ROOT

DRAFT_KEY = "subsidiewijzer.concept"


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[DraftStore]:
    path = tmp_path / "drafts.sqlite3"
    monkeypatch.delenv("SUBSIDIEWIJZER_DB_URL", raising=False)
    monkeypatch.setenv("SUBSIDIEWIJZER_DRAFTS_PATH", str(path))
    store = DraftStore(f"sqlite+pysqlite:///{path}")
    yield store
    store.dispose()


def tab_with_title(title: str) -> tuple[AppTest, str]:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30).run()
    at.switch_page("pages/project.py").run()
    at.text_input(key="w.project.title").input(title).run()
    assert not at.exception, at.exception
    at.switch_page("pages/start.py").run()
    return at, str(at.query_params["concept"])


def title_of(db: DraftStore, draft_id: str) -> str:
    return str(db.load(draft_id).data["project"]["title"])


def test_a_new_project_gets_a_new_draft_and_leaves_the_old_one(db: DraftStore) -> None:
    at, first = tab_with_title("Project 1")
    at.button(key="concept_new_project").click().run()
    assert not at.exception, at.exception
    assert "concept" not in at.query_params
    assert at.session_state["subsidiewijzer"].answers.project.title == ""
    assert any("vorige concept blijft bewaard" in str(s.value) for s in at.success)
    at.switch_page("pages/project.py").run()
    at.text_input(key="w.project.title").input("Project 2").run()
    second = str(at.query_params["concept"])
    assert second != first
    assert title_of(db, first) == "Project 1"
    assert title_of(db, second) == "Project 2"


def test_an_example_is_a_new_project_too(db: DraftStore) -> None:
    at, first = tab_with_title("Project 1")
    at.button(key="example.foutenfestival").click().run()
    second = str(at.query_params["concept"])
    assert second != first
    assert title_of(db, first) == "Project 1"
    assert db.count() == 2


def test_wiping_asks_first_and_can_be_undone(db: DraftStore) -> None:
    at, draft_id = tab_with_title("Project 1")
    assert at.button(key="concept_wipe").label == "Ja, maak dit concept leeg"  # in a popover
    at.button(key="concept_wipe").click().run()
    assert title_of(db, draft_id) == ""
    assert str(at.query_params["concept"]) == draft_id
    at.button(key="concept_undo").click().run()
    assert not at.exception, at.exception
    assert title_of(db, draft_id) == "Project 1"
    assert str(at.query_params["concept"]) == draft_id
    assert not [b for b in at.button if b.key == "concept_undo"]


def test_the_undo_is_offered_for_a_while_only(db: DraftStore) -> None:
    at, draft_id = tab_with_title("Project 1")
    at.button(key="concept_wipe").click().run()
    assert [b for b in at.button if b.key == "concept_undo"]
    at.session_state[DRAFT_KEY].undo_until = 0.0  # the while has passed
    at.run()
    assert not [b for b in at.button if b.key == "concept_undo"]
    assert title_of(db, draft_id) == ""
