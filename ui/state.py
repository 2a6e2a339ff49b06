"""The wizard's one state object, under one session key, and the one way to change it.

Widgets write into `get_state().answers` from their `on_change` callbacks, before the script
reruns, so a page switch, going back or an invalid entry loses nothing: the answers live here,
not in the widgets. Every change ends in `commit_change()`, which invalidates the cached
outcome and hands the answers to whoever subscribed with `on_commit()`: the draft link
(`ui.drafts.link`) saves them. The subscription keeps this module at the bottom of `ui/`: the
draft link needs the state (to put a loaded draft into it), so the state cannot import it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import streamlit as st
from pydantic import BaseModel, ConfigDict, Field, PrivateAttr

from aeno_core.answers import Answers, Outcome, evaluate
from aeno_core.safe_text import clean
from ui.server.streamlit_internals import require_router

SESSION_KEY = "subsidiewijzer"

CommitListener = Callable[[Answers], None]
_listeners: dict[str, CommitListener] = {}
"""Called with the answers after every change, in the order subscribed; one per name."""


class WizardState(BaseModel):
    """Answers plus what the interface needs to remember about them."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    answers: Answers = Field(default_factory=Answers)
    revision: int = 0
    """Raised on every change; caches key on it."""
    visited: set[str] = Field(default_factory=set)
    example: str | None = None
    """Key of the example last loaded, if any (shown on Start)."""
    open_line: tuple[str, int] | None = None
    """The cost line whose fields Kosten en uren shows (table, index); the others are summary
    rows (ui/costs.py). None: every line a summary row."""
    open_line_chosen: bool = False
    """False until Kosten en uren chose `open_line` for these answers (on its first run)."""

    _outcome: tuple[int, Outcome] | None = PrivateAttr(default=None)
    _last_complete: Outcome | None = PrivateAttr(default=None)
    _slots: dict[str, Any] = PrivateAttr(default_factory=dict)

    @property
    def slots(self) -> dict[str, Any]:
        """Places that the sidebar fills, each as (element, what it shows now); new every full run."""
        return self._slots

    def outcome(self) -> Outcome:
        """The core's verdict on the current answers, computed once per revision."""
        if self._outcome is None or self._outcome[0] != self.revision:
            previous = self._outcome[1] if self._outcome is not None else None
            if previous is not None and previous.estimate is not None:
                self._last_complete = previous
            self._outcome = (self.revision, evaluate(self.answers))
        return self._outcome[1]

    def last_complete(self) -> Outcome | None:
        """The latest outcome that had an estimate: shown, marked incomplete, while one is typed."""
        current = self.outcome()
        return current if current.estimate is not None else self._last_complete

    def previous_complete(self) -> Outcome | None:
        """The last outcome with an estimate before the current answers (for what changed)."""
        self.outcome()
        return self._last_complete

    def forget_estimate(self) -> None:
        """A new set of answers: the estimate of the old ones must not linger as 'onvolledig'."""
        self._last_complete = None
        self._outcome = None


def get_state() -> WizardState:
    """The session's state, created on first use."""
    require_router()
    state = st.session_state.get(SESSION_KEY)
    if not isinstance(state, WizardState):
        state = WizardState()
        st.session_state[SESSION_KEY] = state
    return state


def on_commit(listener: CommitListener) -> None:
    """Call `listener(answers)` after every change from now on, in this process.

    Keyed by the function's module and name, so a module that Streamlit reloads after an edit
    replaces its listener instead of adding a second one.
    """
    _listeners[f"{listener.__module__}.{listener.__qualname__}"] = listener


def commit_change(state: WizardState | None = None) -> None:
    """Record that the answers changed: new revision, then the listeners' turn (the draft)."""
    state = state or get_state()
    state.revision += 1
    for listener in tuple(_listeners.values()):
        listener(state.answers)


def replace_answers(answers: Answers, *, example: str | None = None) -> None:
    """Swap in a whole new set of answers (an example, a draft, a reset)."""
    state = get_state()
    state.answers = answers
    state.example = example
    state.open_line = None
    state.open_line_chosen = False
    state.forget_estimate()
    commit_change(state)


def outcome() -> Outcome:
    """Shorthand for `get_state().outcome()`."""
    return get_state().outcome()


def mark_visited(page_key: str) -> None:
    """Remember that the user saw a page (Start, Overzicht and Resultaat have no questions)."""
    get_state().visited.add(page_key)


# ------------------------------------------------------------------ paths into the answers


def _step(value: Any, part: str) -> Any:
    return value[int(part)] if part.isdigit() else getattr(value, part)


def get_path(answers: Answers, path: str) -> Any:
    """`organisation.type` -> answers.organisation.type; `external_costs.1.description` too."""
    value: Any = answers
    for part in path.split("."):
        value = _step(value, part)
    return value


def set_path(answers: Answers, path: str, value: Any) -> None:
    """Assign one answer by its dotted path (a number is a line of a cost table)."""
    if type(value) is str:  # typed text, not a choice (the enums are str subclasses)
        value = clean(value)  # the same edge as a loaded draft (ShortText)
    *parents, last = path.split(".")
    target: Any = answers
    for part in parents:
        target = _step(target, part)
    setattr(target, last, value)
