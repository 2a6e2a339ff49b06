"""Canaries for ui/server/streamlit_internals.py, the app's one use of Streamlit's internals.

Each workaround there gets two checks against the installed Streamlit: that it is still needed
(Streamlit still behaves the way that made us write it) and that it still works (the private
names it uses are there and do what it relies on). After a Streamlit upgrade a failure here
says which: "unnecessary" means delete the workaround, "broken" means fix it.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from streamlit.runtime.memory_uploaded_file_manager import MemoryUploadedFileManager
from streamlit.runtime.pages_manager import PagesManager
from streamlit.runtime.uploaded_file_manager import UploadedFileRec
from streamlit.testing.v1 import AppTest

from tests.conftest import STREAMLIT_PAGES_MANAGER_INIT
from ui.server import streamlit_internals

ROUTER = """
import streamlit as st
from ui.server import streamlit_internals

streamlit_internals.mark_routed_run()
st.markdown("router")
page = st.navigation(
    [st.Page("pages/home.py", default=True), st.Page("pages/other.py")], position="hidden"
)
page.run()
"""

OTHER_PAGE = """
import os
import streamlit as st
from ui.server import streamlit_internals

if os.environ.get("SW_CANARY_GUARD") == "1":
    streamlit_internals.require_router()
st.markdown("other")
"""


@pytest.fixture
def legacy_app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A router app.py with a `pages/` folder beside it, the shape of ours, under Streamlit's
    own PagesManager (conftest.py keeps the legacy mode off for the wizard's AppTests)."""
    monkeypatch.setattr(PagesManager, "__init__", STREAMLIT_PAGES_MANAGER_INIT)
    (tmp_path / "pages").mkdir()
    (tmp_path / "app.py").write_text(ROUTER, encoding="utf-8")
    (tmp_path / "pages" / "home.py").write_text('import streamlit as st\nst.markdown("home")\n')
    (tmp_path / "pages" / "other.py").write_text(OTHER_PAGE, encoding="utf-8")
    before = PagesManager.uses_pages_directory
    yield tmp_path / "app.py"
    PagesManager.uses_pages_directory = before
    os.environ.pop("SW_CANARY_GUARD", None)


def _deep_link(app: Path, *, guard: bool) -> list[str]:
    """A fresh process's first run opening pages/other.py (AppTest resets the mode per run)."""
    os.environ["SW_CANARY_GUARD"] = "1" if guard else "0"
    at = AppTest.from_file(str(app), default_timeout=30)
    at.switch_page("pages/other.py")
    at.run()
    assert not at.exception, at.exception
    return [element.value for element in at.markdown]


def test_legacy_pages_mode_still_runs_a_page_without_the_router(legacy_app: Path) -> None:
    """Needed: Streamlit still runs a page file alone when `pages/` sits beside app.py."""
    shown = _deep_link(legacy_app, guard=False)
    assert shown == ["other"], (
        "unnecessary: Streamlit ran app.py for a deep link on a fresh process; the legacy"
        f" pages-folder workaround (require_router) can go. Shown: {shown}"
    )


def test_require_router_reruns_the_page_through_the_router(legacy_app: Path) -> None:
    """Works: the page body finds no router mark, switches the mode off and reruns via app.py."""
    shown = _deep_link(legacy_app, guard=True)
    assert shown == ["router", "other"], f"broken: the rerun did not go through app.py: {shown}"


def _file(file_id: str) -> UploadedFileRec:
    return UploadedFileRec(
        file_id=file_id, name=f"{file_id}.json", type="application/json", data=b"{}"
    )


def test_streamlit_still_keeps_every_file_a_session_puts() -> None:
    """Needed: without the wrapper, a session's manager holds every file PUT to it."""
    manager = MemoryUploadedFileManager("/_stcore/upload_file")
    manager.add_file("session", _file("a"))
    manager.add_file("session", _file("b"))
    kept = manager.get_files("session", ["a", "b"])
    assert len(kept) == 2, (
        "unnecessary: Streamlit keeps one file per session itself; limit_files_per_session can go"
    )


def test_the_wrapped_manager_keeps_the_newest_files_only() -> None:
    """Works: the wrapper drops a session's oldest files beyond the limit; others keep theirs."""
    limit = streamlit_internals.MAX_FILES_PER_SESSION
    manager = MemoryUploadedFileManager("/_stcore/upload_file")
    streamlit_internals.limit_files_per_session(manager)
    streamlit_internals.limit_files_per_session(manager)  # once per manager, not twice
    manager.add_file("other", _file("x"))
    names = [f"f{i}" for i in range(limit + 3)]
    for name in names:
        manager.add_file("session", _file(name))
    kept = [f.file_id for f in manager.get_files("session", names)]
    assert kept == names[-limit:]
    assert [f.file_id for f in manager.get_files("other", ["x"])] == ["x"]
    manager.remove_file("session", names[-1])  # what release() calls once the import read it
    assert manager.get_files("session", [names[-1]]) == []


def test_the_runtime_still_offers_its_upload_manager() -> None:
    """Works: the names `_upload_manager()` reaches for are still there."""
    from streamlit.runtime import Runtime

    assert callable(Runtime.exists) and callable(Runtime.instance)
    assert isinstance(Runtime.__dict__.get("uploaded_file_mgr"), property)
