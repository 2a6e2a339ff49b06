"""Stop the server when the operator's settings are unusable (`aeno_core.settings`).

`make run` checks the settings before Streamlit starts. A server started another way (a
service file calling `streamlit run app.py` directly) runs no code of ours until the first
session: that session finds the problem, writes one line per setting to stderr and ends the
process, instead of a server on which every save fails.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
from pathlib import Path

import streamlit as st

from aeno_core import settings

APP = Path(__file__).resolve().parents[2] / "app.py"
_lock = threading.Lock()
_checked = False


def stop_on_bad_settings() -> None:
    """Check once per process; on a problem, say which setting and stop the server."""
    global _checked
    if _checked:
        return
    with _lock:
        if _checked:
            return
        problems = settings.problems()
        if not problems:
            _checked = True
            return
        for line in problems:
            print(f"Subsidiewijzer: {line}", file=sys.stderr, flush=True)
    st.error(
        "De Subsidiewijzer is op deze server verkeerd ingesteld en stopt. De beheerder vindt in"
        " het logboek welke instelling het is.",
        icon=":material/error:",
    )
    if _is_server_process():
        os.kill(os.getpid(), signal.SIGTERM)  # Streamlit's own handler stops the server cleanly
    st.stop()


def _is_server_process() -> bool:
    """Whether this process is `streamlit run app.py` (Streamlit sets `sys.argv[0]` to the
    script), not a test runner hosting AppTest, which the signal would end."""
    if not sys.argv or not sys.argv[0]:
        return False
    return Path(sys.argv[0]).resolve() == APP
