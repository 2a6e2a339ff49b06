"""Every page runs through app.py, also on the first request after a server (re)start.

Streamlit decides per process whether an app uses its old "pages directory" multipage mode:
yes when a folder `pages/` sits beside app.py, until the first call of `st.navigation`. Our
page files live in `pages/`, so the first tab that opens a deep link on a fresh server (a
reload of /kosten?concept=... after a restart or a deploy) would run pages/kosten.py alone:
no router, no sidebar, no stylesheet and no draft restored. `require_router()`, called by
`ui.state.get_state()` (every page calls it first), notices that mode, switches it off for the
process and reruns, which goes through app.py and opens the page the URL names.
"""

from __future__ import annotations

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager


def require_router() -> None:
    """Rerun through app.py when Streamlit ran a page file on its own (legacy pages mode)."""
    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()
