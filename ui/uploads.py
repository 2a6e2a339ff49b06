"""Uploaded files: a few per session in the server's memory at most, released once read.

Streamlit enforces `server.maxUploadSize` (set in .streamlit/config.toml, the one source of the
import limit) on every PUT to `/_stcore/upload_file/<session>/<file id>`, but it keeps every
file a session PUTs in memory until that session ends, and a script can PUT as many as it
likes without the page ever asking for them: four 190 MB PUTs took a server from 252 MB to
1 GB (issue 14). The wizard's uploaders take one file; HR's projects map (issue 16) takes
several exports at once. So a session never needs more than its newest
`MAX_FILES_PER_SESSION` files: `limit_files_per_session()` makes the upload manager drop a
session's oldest files when one more arrives (at most 10 MiB per session, with the 1 MiB
limit per file), and `release()` drops each file as soon as the import has read it.
"""

from __future__ import annotations

import threading
from typing import Any

from streamlit.runtime import Runtime
from streamlit.runtime.scriptrunner import get_script_run_ctx
from streamlit.runtime.uploaded_file_manager import UploadedFileManager, UploadedFileRec

MAX_FILES_PER_SESSION = 10
"""The most files one upload on the Projecten page reads at once (the page says so)."""

_lock = threading.Lock()
_MARK = "_subsidiewijzer_one_file"


def limit_files_per_session() -> None:
    """Wrap the runtime's upload manager once so that each session holds its newest file only.

    The wrapper sits on the manager instance (its public `add_file`), not on Streamlit's code.
    """
    if not Runtime.exists():
        return  # AppTest and bare mode: no server, no uploads over HTTP
    manager = Runtime.instance().uploaded_file_mgr
    if getattr(manager, _MARK, False):
        return
    with _lock:
        if getattr(manager, _MARK, False):
            return
        original = manager.add_file

        def add_file(session_id: str, file: UploadedFileRec) -> None:
            _drop_session_files(manager, session_id)
            original(session_id, file)

        manager.add_file = add_file  # type: ignore[method-assign]
        setattr(manager, _MARK, True)


def release(uploaded: Any) -> None:
    """Forget an uploaded file on the server at once: its bytes are read, nothing needs it."""
    ctx = get_script_run_ctx()
    if ctx is None or not Runtime.exists():
        return
    manager = Runtime.instance().uploaded_file_mgr
    file_id = getattr(uploaded, "file_id", None)
    if file_id:
        manager.remove_file(ctx.session_id, file_id)


def _drop_session_files(manager: UploadedFileManager, session_id: str) -> None:
    """Make room for one more file: drop the session's oldest beyond the limit.

    Streamlit's memory manager keeps a session's files in a dict in arrival order; another
    manager (none ships with Streamlit 1.67) gets the old behaviour: every file dropped.
    """
    storage = getattr(manager, "file_storage", None)
    if not isinstance(storage, dict):
        manager.remove_session_files(session_id)
        return
    held = list(storage.get(session_id, {}))
    for file_id in held[: max(0, len(held) - (MAX_FILES_PER_SESSION - 1))]:
        manager.remove_file(session_id, file_id)
