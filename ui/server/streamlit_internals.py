"""The one place that reaches into Streamlit's private runtime (`streamlit.runtime`).

Streamlit's public API (`st.*`) has no way to do either of the two things below, so both live
here, each as small as it can be, and `tests/test_streamlit_internals.py` checks each against
the installed Streamlit: it fails when an upgrade breaks the workaround (a name or attribute
gone) or makes it unnecessary (Streamlit does the job itself). No other module of the app
imports `streamlit.runtime` (tests/test_import_graph.py).

1. Every page runs through app.py, also on the first requests after a server (re)start.

   Streamlit decides per process whether an app uses its old "pages directory" multipage mode:
   yes when a folder `pages/` sits beside app.py, until the first call of `st.navigation`. Our
   page files live in `pages/`, so a tab that opens a deep link on a fresh server (a reload of
   /kosten?concept=... after a restart or a deploy) would run pages/kosten.py alone: no router,
   no sidebar, no stylesheet and no draft restored. Several tabs reconnecting at once can each
   start such a run before any of them reaches `st.navigation`.

   app.py marks every run it makes (`mark_routed_run()`, its first line); `require_router()`,
   called by `ui.state.get_state()` and so by every page, finds a page body running without
   that mark, switches the old mode off for the process and reruns, which goes through app.py
   and opens the page the URL names. The mark is the run's own cursor table, which Streamlit
   renews at the start of every run, so a mark never carries over to the next run.

2. Uploaded files: a few per session in the server's memory at most, released once read.

   Streamlit enforces `server.maxUploadSize` (set in .streamlit/config.toml, the one source of
   the import limit) on every PUT to `/_stcore/upload_file/<session>/<file id>`, but it keeps
   every file a session PUTs in memory until that session ends, and a script can PUT as many as
   it likes without the page ever asking for them: four 190 MB PUTs took a server from 252 MB
   to 1 GB (issue 14). The wizard's uploaders take one file; HR's projects map (issue 16) takes
   several exports at once. So a session never needs more than its newest
   `MAX_FILES_PER_SESSION` files: `limit_files_per_session()` makes the upload manager drop a
   session's oldest files when one more arrives (at most 10 MiB per session, with the 1 MiB
   limit per file), and `release()` drops each file as soon as the import has read it.
"""

from __future__ import annotations

import threading
from typing import Any

import streamlit as st
from streamlit.runtime import Runtime
from streamlit.runtime.memory_uploaded_file_manager import MemoryUploadedFileManager
from streamlit.runtime.pages_manager import PagesManager
from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx
from streamlit.runtime.uploaded_file_manager import UploadedFileRec

# ------------------------------------------------------------------ 1. legacy pages-folder mode

_ROUTED_MARK = "_subsidiewijzer_routed_run"


def mark_routed_run() -> None:
    """First line of app.py: this run goes through the router."""
    ctx = get_script_run_ctx()
    if ctx is not None:
        setattr(ctx, _ROUTED_MARK, ctx.cursors)


def require_router() -> None:
    """Rerun through app.py when a page body runs without it (legacy pages-folder mode)."""
    ctx = get_script_run_ctx()
    if ctx is None or not ctx.has_script_started or ctx.fragment_ids_this_run:
        return  # no run, a widget callback before the script, or a fragment rerun
    if getattr(ctx, _ROUTED_MARK, None) is ctx.cursors:
        return
    PagesManager.uses_pages_directory = False
    st.rerun()


# ------------------------------------------------------------------ 2. a few uploaded files per session

MAX_FILES_PER_SESSION = 10
"""The most files one upload on the Projecten page reads at once (the page says so)."""

_lock = threading.Lock()
_ONE_FILE_MARK = "_subsidiewijzer_one_file"


def limit_files_per_session(manager: MemoryUploadedFileManager | None = None) -> None:
    """Wrap the upload manager once so that each session holds its newest files only.

    The wrapper sits on the manager instance (its `add_file`), not on Streamlit's code.
    `manager` is the server's own unless a test hands one in.
    """
    manager = manager or _upload_manager()
    if manager is None or getattr(manager, _ONE_FILE_MARK, False):
        return
    with _lock:
        if getattr(manager, _ONE_FILE_MARK, False):
            return
        original = manager.add_file

        def add_file(session_id: str, file: UploadedFileRec) -> None:
            _drop_session_files(manager, session_id)
            original(session_id, file)

        # Assigning to a method is the point here (this one instance's add_file, wrapped).
        manager.add_file = add_file  # type: ignore[method-assign]
        setattr(manager, _ONE_FILE_MARK, True)


def release(uploaded: Any) -> None:
    """Forget an uploaded file on the server at once: its bytes are read, nothing needs it."""
    ctx = get_script_run_ctx()
    manager = _upload_manager()
    if ctx is None or manager is None:
        return
    file_id = getattr(uploaded, "file_id", None)
    if file_id:
        manager.remove_file(ctx.session_id, file_id)


def _upload_manager() -> MemoryUploadedFileManager | None:
    """The server's upload manager: Streamlit's in-memory one, the only kind `streamlit run`
    makes. None in AppTest and bare mode (no server, no uploads over HTTP)."""
    if not Runtime.exists():
        return None
    manager = Runtime.instance().uploaded_file_mgr
    return manager if isinstance(manager, MemoryUploadedFileManager) else None


def _drop_session_files(manager: MemoryUploadedFileManager, session_id: str) -> None:
    """Make room for one more file: drop the session's oldest beyond the limit.

    Streamlit's memory manager keeps a session's files in a dict in arrival order.
    """
    held = list(manager.file_storage.get(session_id, {}))
    for file_id in held[: max(0, len(held) - (MAX_FILES_PER_SESSION - 1))]:
        manager.remove_file(session_id, file_id)
