"""Uploaded files: at most one per session in the server's memory, released once read.

Streamlit enforces `server.maxUploadSize` (set in .streamlit/config.toml, the one source of the
import limit) on every PUT to `/_stcore/upload_file/<session>/<file id>`, but it keeps every
file a session PUTs in memory until that session ends, and a script can PUT as many as it
likes without the page ever asking for them: four 190 MB PUTs took a server from 252 MB to
1 GB (issue 14). The app has one uploader that takes one file, so a session never needs more
than the newest file: `limit_files_per_session()` makes the upload manager drop a session's
older files when a new one arrives, and `release()` drops the file as soon as the import has
read it.
"""

from __future__ import annotations

import threading
from typing import Any

from streamlit.runtime import Runtime
from streamlit.runtime.scriptrunner import get_script_run_ctx
from streamlit.runtime.uploaded_file_manager import UploadedFileManager, UploadedFileRec

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
    """Every file the session holds now (the manager's own session-wide removal)."""
    manager.remove_session_files(session_id)
