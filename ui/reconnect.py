"""After a reconnect: the tab's own values against the stored draft, and the person's choice.

When the connection drops (a server restart, a lost network) the tab reconnects in a new
session, which loads the draft from the store. The tab's fields still show what the person saw,
and Streamlit hands those values to the new session's first run. Normally each field is set
from the answers before it is drawn (`ui.widgets`), which would silently put the stored values
back over the screen's. When they differ (another tab saved meanwhile, or a save failed before
the restart) nobody but the person knows which is right, so the first run after a reconnect
draws the fields as the tab has them, compares, and asks (issue 14).

A fresh page (first visit, F5) has no values in the browser; it is told apart from a
reconnect by one hidden check box that every run sets: the browser keeps it ticked and sends it
back after a reconnect, while a fresh page starts without it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from enum import Enum
from typing import Any

import streamlit as st

from aeno_core import formatting as fmt
from ui import render
from ui.state import commit_change, get_state

SENTINEL = "sw-connected"
"""The hidden check box; its CSS class `st-key-sw-connected` hides it (assets/ui/style.css)."""

_CHECKING = "subsidiewijzer.reconnect.checking"
_SEEN = "subsidiewijzer.reconnect.seen"
_CONFLICTS = "subsidiewijzer.reconnect.conflicts"

EMPTY = "(leeg)"


@dataclass(frozen=True)
class Field:
    """A field drawn in the first run after a reconnect, with what the store holds for it."""

    key: str
    label: str
    stored: Any
    commit: Callable[[], None]
    show: Callable[[Any], str]


@dataclass(frozen=True)
class Difference:
    """A field whose value on the screen is not the stored one."""

    field: Field
    on_screen: Any


def begin_run() -> None:
    """Top of every run: is this the first run of a session whose tab was already open?"""
    new_session = SENTINEL not in st.session_state
    if not new_session:
        st.session_state[SENTINEL] = True
    reconnected = st.checkbox("Verbonden", key=SENTINEL, label_visibility="collapsed")
    st.session_state[_CHECKING] = new_session and reconnected
    st.session_state[_SEEN] = []


def seed(
    key: str,
    stored: Any,
    *,
    label: str,
    commit: Callable[[], None],
    show: Callable[[Any], str] | None = None,
) -> None:
    """Set a field from the answers before it is drawn, unless the tab's value must be heard."""
    if st.session_state.get(_CHECKING):
        st.session_state[_SEEN].append(Field(key, label, stored, commit, show or plain))
        return
    st.session_state[key] = stored


def end_run() -> None:
    """End of the run: fields that differ from the store are kept aside and asked about."""
    if not st.session_state.pop(_CHECKING, False):
        return
    seen: list[Field] = st.session_state.pop(_SEEN, [])
    differences = [
        Difference(field, st.session_state.get(field.key))
        for field in seen
        if field.key in st.session_state and st.session_state[field.key] != field.stored
    ]
    if differences:
        st.session_state[_CONFLICTS] = differences
        st.rerun()


def differences() -> list[Difference]:
    """What still waits for the person's choice."""
    found: list[Difference] = st.session_state.get(_CONFLICTS, [])
    return found


def keep_screen() -> None:
    """The person keeps what the tab showed: each value goes through its field's own commit."""
    for difference in st.session_state.pop(_CONFLICTS, []):
        st.session_state[difference.field.key] = difference.on_screen
        difference.field.commit()
    commit_change(get_state())


def keep_stored() -> None:
    """The person keeps the stored draft: the next run sets every field from it."""
    st.session_state.pop(_CONFLICTS, None)


def plain(value: Any) -> str:
    """A field's value as the person would read it back."""
    if value is None or value == "":
        return EMPTY
    if isinstance(value, bool):
        return "Ja" if value else "Nee"
    if isinstance(value, date):
        return fmt.long_date(value)
    if isinstance(value, Enum):
        return str(value.value)
    return str(value)


def show_choice() -> None:
    """At the top of the page, while a choice waits: both versions side by side, two buttons."""
    waiting = differences()
    if not waiting:
        return
    with st.container(border=True, key="sw-reconnect-choice"):
        st.markdown(
            "**De verbinding is hersteld, maar uw scherm en het opgeslagen concept verschillen.**"
            " Misschien is het concept intussen in een ander tabblad gewijzigd, of kon een"
            " wijziging niet worden opgeslagen. Kies welke versie u houdt; de andere vervalt."
        )
        render.table(
            ["Vraag", "In uw scherm", "Opgeslagen"],
            [
                (d.field.label, d.field.show(d.on_screen), d.field.show(d.field.stored))
                for d in waiting
            ],
        )
        left, right = st.columns(2)
        left.button(
            "Mijn scherm houden",
            key="sw-reconnect-screen",
            on_click=keep_screen,
            type="primary",
            width="stretch",
        )
        right.button(
            "Opgeslagen concept houden",
            key="sw-reconnect-stored",
            on_click=keep_stored,
            width="stretch",
        )
