"""Every page runs through app.py, also on the first requests after a server (re)start.

Streamlit decides per process whether an app uses its old "pages directory" multipage mode:
yes when a folder `pages/` sits beside app.py, until the first call of `st.navigation`. Our
page files live in `pages/`, so a tab that opens a deep link on a fresh server (a reload of
/kosten?concept=... after a restart or a deploy) would run pages/kosten.py alone: no router,
no sidebar, no stylesheet and no draft restored. Several tabs reconnecting at once can each
start such a run before any of them reaches `st.navigation`.

app.py marks every run it makes (`mark_routed_run()`, its first line); `require_router()`,
called by `ui.state.get_state()` and so by every page, finds a page body running without that
mark, switches the old mode off for the process and reruns, which goes through app.py and
opens the page the URL names. The mark is the run's own cursor table, which Streamlit renews
at the start of every run, so a mark never carries over to the next run.
"""

from __future__ import annotations

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager
from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx

_MARK = "_subsidiewijzer_routed_run"


def mark_routed_run() -> None:
    """First line of app.py: this run goes through the router."""
    ctx = get_script_run_ctx()
    if ctx is not None:
        setattr(ctx, _MARK, ctx.cursors)


def require_router() -> None:
    """Rerun through app.py when a page body runs without it (legacy pages-folder mode)."""
    ctx = get_script_run_ctx()
    if ctx is None or not ctx.has_script_started or ctx.fragment_ids_this_run:
        return  # no run, a widget callback before the script, or a fragment rerun
    if getattr(ctx, _MARK, None) is ctx.cursors:
        return
    PagesManager.uses_pages_directory = False
    st.rerun()
