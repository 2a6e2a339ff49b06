"""The wizard's one state object, under one session key, and the one way to change it.

Widgets write into `get_state().answers` from their `on_change` callbacks, before the script
reruns, so a page switch, going back or an invalid entry loses nothing: the answers live here,
not in the widgets. Every change ends in `commit_change()`, which invalidates the cached
outcome and hands the answers to the draft store (`ui.persistence.on_change`).
"""

from __future__ import annotations

from typing import Any

import streamlit as st
from pydantic import BaseModel, ConfigDict, Field, PrivateAttr

from aeno_core.answers import Answers, Outcome, evaluate
from aeno_core.safe_text import clean
from ui import persistence, router

SESSION_KEY = "subsidiewijzer"


class WizardState(BaseModel):
    """Answers plus what the interface needs to remember about them."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    answers: Answers = Field(default_factory=Answers)
    revision: int = 0
    """Raised on every change; caches and table editors key on it."""
    editor_generation: int = 0
    """Raised when a table was edited or replaced, so its editor starts from the new rows."""
    editor_base: dict[str, list[Any]] = Field(default_factory=dict)
    """Per cost table: the rows its editor was drawn with; its edits are a delta on these."""
    visited: set[str] = Field(default_factory=set)
    example: str | None = None
    """Key of the example last loaded, if any (shown on Start)."""

    _outcome: tuple[int, Outcome] | None = PrivateAttr(default=None)
    _slots: dict[str, Any] = PrivateAttr(default_factory=dict)
    _frames: dict[str, Any] = PrivateAttr(default_factory=dict)

    @property
    def slots(self) -> dict[str, Any]:
        """Places that the sidebar fills, each as (element, what it shows now); new every full run."""
        return self._slots

    @property
    def frames(self) -> dict[str, Any]:
        """Per cost table: the DataFrame built from `editor_base`, reused while it holds."""
        return self._frames

    def outcome(self) -> Outcome:
        """The core's verdict on the current answers, computed once per revision."""
        if self._outcome is None or self._outcome[0] != self.revision:
            self._outcome = (self.revision, evaluate(self.answers))
        return self._outcome[1]


def get_state() -> WizardState:
    """The session's state, created on first use."""
    router.require_router()
    state = st.session_state.get(SESSION_KEY)
    if not isinstance(state, WizardState):
        state = WizardState()
        st.session_state[SESSION_KEY] = state
    return state


def commit_change(state: WizardState | None = None) -> None:
    """Record that the answers changed: new revision, then the draft store's turn."""
    state = state or get_state()
    state.revision += 1
    persistence.on_change(state.answers)


def replace_answers(answers: Answers, *, example: str | None = None) -> None:
    """Swap in a whole new set of answers (an example, a draft, a reset)."""
    state = get_state()
    state.answers = answers
    state.example = example
    state.editor_generation += 1
    state.editor_base.clear()
    state.frames.clear()
    commit_change(state)


def outcome() -> Outcome:
    """Shorthand for `get_state().outcome()`."""
    return get_state().outcome()


def mark_visited(page_key: str) -> None:
    """Remember that the user saw a page (Start, Overzicht and Resultaat have no questions)."""
    get_state().visited.add(page_key)


# ------------------------------------------------------------------ paths into the answers


def get_path(answers: Answers, path: str) -> Any:
    """`organisation.type` -> answers.organisation.type."""
    value: Any = answers
    for part in path.split("."):
        value = getattr(value, part)
    return value


def set_path(answers: Answers, path: str, value: Any) -> None:
    """Assign one answer by its dotted path."""
    if type(value) is str:  # typed text, not a choice (the enums are str subclasses)
        value = clean(value)  # the same edge as a loaded draft (ShortText)
    *parents, last = path.split(".")
    target: Any = answers
    for part in parents:
        target = getattr(target, part)
    setattr(target, last, value)
