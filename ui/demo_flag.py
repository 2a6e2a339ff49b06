"""Is this session in demo mode? The flag alone, low in `ui/` so that anything may ask it.

The draft link (`ui.drafts`) must ask before it stores or restores anything, and the demo's own
page parts (`ui.demo`) change answers through `ui.state`; with the flag in `ui.demo` those two
imported each other. Here it needs nothing but Streamlit's session and the address.

Demo mode is switched on by `?demo=1` in the address (a facilitator can hand out that link) or
by the button on the Start page, and stays on for the session, also across a reload (the query
parameter stays in the address).
"""

from __future__ import annotations

import streamlit as st

QUERY_PARAM = "demo"
"""`?demo=1` in the address switches demo mode on."""

SESSION_FLAG = "subsidiewijzer.demo"
"""True while this session is in demo mode (also when the address lost the parameter)."""

NOTHING_STORED = (
    "In de demomodus wordt niets bewaard: er wordt geen concept opgeslagen en er komt geen link"
    " in de adresbalk. Sluit u dit tabblad of begint u opnieuw, dan zijn de antwoorden weg."
)
"""What demo mode means for the person's answers (Start page and the draft section)."""


def is_demo() -> bool:
    """Is this session in demo mode? Read on every run; cheap (a dict lookup or two)."""
    flag = st.session_state.get(SESSION_FLAG)
    if flag is not None:
        return bool(flag)
    if st.query_params.get(QUERY_PARAM) == "1":
        st.session_state[SESSION_FLAG] = True
        return True
    return False


def set_demo(enabled: bool) -> None:
    """Switch the flag and the address's `?demo=1` together."""
    st.session_state[SESSION_FLAG] = enabled
    if enabled:
        st.query_params[QUERY_PARAM] = "1"
    elif QUERY_PARAM in st.query_params:
        del st.query_params[QUERY_PARAM]
