"""The tab's draft link: autosave on every change, the draft id in the URL, load and switch.

What a browser tab knows about its draft (`DraftSession`, in the Streamlit session) and what
changes it, without drawing anything but the address bar:
- `on_change(answers)`, subscribed to `ui.state.commit_change()` by app.py: saves the answers
  (a new draft on the first real answer, then versioned saves) and keeps `?concept=<id>` in
  the URL; inside `save_later()` the save waits for `flush()`;
- `sync_with_address()`, on every run (through `ui.drafts.view.restore_into_session`): on a
  session's first run it loads the draft the URL names (a refresh, a reopened tab, a
  colleague's link); afterwards it puts the id back into the URL when a page switch dropped it;
- `link_params()`, for every page link the app draws, so a reconnected tab stays on its draft;
- `start_new_project()`: a new draft, the previous one kept under its own link.

What went wrong or needs a choice is left as `Notice`s and flags on the `DraftSession`; the
view (`ui.drafts.view`) shows them. Demo mode (`ui.demo_flag`) stores nothing.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, Literal
from urllib.parse import urlsplit, urlunsplit

import streamlit as st
from pydantic import ValidationError
from sqlalchemy.exc import SQLAlchemyError

from aeno_core import drafts
from aeno_core.answers import Answers
from aeno_core.drafts import (
    Draft,
    DraftDeleted,
    DraftNotFound,
    DraftTooLarge,
    VersionConflict,
)
from ui.demo_flag import is_demo
from ui.drafts.store import is_map_payload, keep_of, log_failure, retention_days, store
from ui.state import get_state, replace_answers

QUERY_KEY = "concept"
"""The URL parameter that holds the draft id: `...?concept=<43 random characters>`."""

SESSION_KEY = "subsidiewijzer.concept"
EMPTY = Answers().model_dump(mode="json")

Tone = Literal["success", "info", "warning", "error"]


@dataclass
class Notice:
    """One message for the user, shown once."""

    tone: Tone
    text: str


@dataclass
class DraftSession:
    """What this browser tab knows about its draft."""

    draft_id: str | None = None
    version: int = 0
    updated_at: datetime | None = None
    expires_at: datetime | None = None
    saved: dict[str, Any] | None = None
    """The answers as last stored: an unchanged rerun writes nothing."""
    autosave: bool = True
    restored: bool = False
    conflict: Draft | None = None
    """The newer stored version a save ran into; saving waits until the user chooses."""
    pending: dict[str, Any] | None = None
    """This tab's answers that could not be saved because of `conflict` or `deleted`."""
    deleted: bool = False
    """Someone deleted this tab's draft; nothing is stored again until the user chooses."""
    undo: dict[str, Any] | None = None
    """The answers before "Dit concept leegmaken", for the undo button."""
    undo_until: float = 0.0
    """`time.monotonic()` after which the undo button is gone."""
    notices: list[Notice] = field(default_factory=list)
    """Shown at the top of the next page run (conflicts, failures, a missing draft)."""
    section_notices: list[Notice] = field(default_factory=list)
    """Shown under the Start page's save/export/delete buttons (their results)."""
    resume_notices: list[Notice] = field(default_factory=list)
    """Shown under the link field and the uploader (results of resume and import)."""
    upload_generation: int = 0
    kept_until: datetime | None = None
    """8 weeks after the draft's last deadline, while it is in use (`keep_in_use`): each save
    keeps the draft at least that long, so a save does not shorten what a run lengthened."""
    later: bool = False
    """Inside `save_later()`: a change waits for `flush()` instead of being saved at once."""
    unsaved: bool = False
    """A change waits for `flush()` (made inside `save_later()`)."""

    def adopt(self, draft: Draft) -> None:
        """This tab now works on `draft` as stored."""
        self.draft_id = draft.id
        self.version = draft.version
        self.updated_at = draft.updated_at
        self.expires_at = draft.expires_at
        usual = draft.updated_at + drafts.retention() + timedelta(minutes=1)
        self.kept_until = draft.expires_at if draft.expires_at > usual else None
        self.saved = draft.data
        self.conflict = None
        self.pending = None
        self.deleted = False

    def forget(self) -> None:
        """No draft any more (deleted): the next real answer starts a new one."""
        self.draft_id = None
        self.version = 0
        self.updated_at = None
        self.expires_at = None
        self.kept_until = None
        self.saved = None
        self.conflict = None
        self.pending = None
        self.deleted = False


def session() -> DraftSession:
    """This tab's draft bookkeeping, created on first use."""
    value = st.session_state.get(SESSION_KEY)
    if not isinstance(value, DraftSession):
        value = DraftSession()
        st.session_state[SESSION_KEY] = value
    return value


def set_autosave(enabled: bool) -> None:
    """Turn saving on every change on or off for this tab (demo mode turns it off)."""
    session().autosave = enabled


def on_change(answers: Answers) -> None:
    """Save the answers now, unless nothing changed, saving is off, or a conflict waits.

    Inside `save_later()` the save waits for `flush()`.
    """
    current = session()
    if not current.autosave or is_demo():
        return
    if current.later:
        current.unsaved = True
        return
    save(current, answers.model_dump(mode="json"), explicit=False)


@contextmanager
def save_later() -> Iterator[None]:
    """Changes made inside wait for `flush()` instead of being saved at once.

    For a cost line's fields: typing in one reruns only that line, and a save on the disk
    (a durable commit) in the field's callback came before anything was drawn, so the person
    waited for it at every keystroke (bench/bench_ui.py). The line flushes once it has drawn
    the new estimate, while the browser draws it; every full run flushes first thing, so a
    change is never left waiting longer than the run it started.
    """
    current = session()
    current.later = True
    try:
        yield
    finally:
        current.later = False


def flush() -> bool:
    """Save a change that waited (`save_later`); True unless the save needs the user's eye.

    False when the save met a conflict, a deleted draft or a failure, or left a notice: only
    a full run shows those.
    """
    current = session()
    if not current.unsaved:
        return True
    current.unsaved = False
    notices = len(current.notices)
    saved = save(current, get_state().answers.model_dump(mode="json"), explicit=False)
    return saved and len(current.notices) == notices


def sync_with_address(current: DraftSession) -> bool:
    """Load the URL's draft on a tab's first run; keep the id in the URL.

    False in demo mode: nothing is stored, and no link shows on the projector. A draft this
    tab had stays stored as it was: the tab lets go of it, so demo answers never overwrite it.
    """
    if is_demo():
        current.restored = True
        current.forget()
        if QUERY_KEY in st.query_params:
            del st.query_params[QUERY_KEY]
        return False
    if not current.restored:
        current.restored = True
        requested = st.query_params.get(QUERY_KEY)
        if requested:
            restore(current, requested)
    if current.draft_id and st.query_params.get(QUERY_KEY) != current.draft_id:
        st.query_params[QUERY_KEY] = current.draft_id
    return True


# ------------------------------------------------------------------ saving


def save(current: DraftSession, payload: dict[str, Any], *, explicit: bool) -> bool:
    """Store `payload` for this tab; True when the stored draft now equals it."""
    if current.conflict is not None or current.deleted:
        current.pending = payload
        return False
    if payload == current.saved:
        return True
    if current.draft_id is None and payload == EMPTY and not explicit:
        return True  # nothing entered yet: nothing personal to keep
    try:
        the_store = store()
        if current.draft_id is None:
            current.adopt(the_store.create(payload))
        else:
            try:
                current.adopt(
                    the_store.save(
                        current.draft_id, payload, current.version, keep=current.kept_until
                    )
                )
            except DraftDeleted:
                # Deleted by someone on purpose: storing the answers again must be a choice.
                current.deleted = True
                current.pending = payload
                return False
            except DraftNotFound:
                current.adopt(the_store.create(payload))
                current.notices.append(
                    Notice(
                        "warning",
                        "Het concept waarin u werkte bestaat niet meer: het is verwijderd of"
                        f" verlopen (na {retention_days()} dagen zonder wijziging). Uw antwoorden"
                        " zijn bewaard in een nieuw concept, met een nieuwe link.",
                    )
                )
    except VersionConflict as conflict:
        current.conflict = conflict.current
        current.pending = payload
        return False
    except DraftTooLarge:
        current.notices.append(
            Notice(
                "error",
                "Deze antwoorden zijn te groot om als concept te bewaren (meer dan 1 MB)."
                " Ze staan nog in dit tabblad; maak teksten korter of exporteer ze.",
            )
        )
        return False
    except (SQLAlchemyError, OSError, ValueError) as error:
        log_failure("save", error, current.draft_id)
        current.notices.append(
            Notice(
                "error",
                "Opslaan is niet gelukt: de opslag van concepten is nu niet bereikbaar. Uw"
                " antwoorden staan nog in dit tabblad; exporteer ze op de Startpagina als u"
                " het tabblad wilt sluiten.",
            )
        )
        return False
    if current.draft_id is not None and st.query_params.get(QUERY_KEY) != current.draft_id:
        st.query_params[QUERY_KEY] = current.draft_id
    return True


def restore(current: DraftSession, requested: str) -> None:
    """First run of a tab whose URL names a draft: bring back every answer, or say why not."""
    try:
        draft = store().load(requested)
        if is_map_payload(draft.data):
            del st.query_params[QUERY_KEY]
            current.notices.append(Notice("warning", map_not_draft_text()))
            return
        answers = Answers.model_validate(draft.data)
    except DraftDeleted:
        del st.query_params[QUERY_KEY]
        current.notices.append(Notice("warning", deleted_text()))
        return
    except DraftNotFound:
        del st.query_params[QUERY_KEY]
        current.notices.append(Notice("warning", not_found_text()))
        return
    except ValidationError as error:
        log_failure("load (stored draft does not fit the answers model)", error, requested)
        current.notices.append(
            Notice(
                "error",
                "Dit concept kon niet worden geopend: het is gemaakt met een versie van de"
                " Subsidiewijzer die niet meer past. Het is niet gewijzigd.",
            )
        )
        return
    except (SQLAlchemyError, OSError, ValueError) as error:
        log_failure("load", error, requested)
        # Saving now would start a new draft and replace the link in the address bar, while
        # the draft the link names is still there: pause until the user reloads.
        current.autosave = False
        current.notices.append(
            Notice(
                "error",
                "Het concept kon nu niet worden geladen: de opslag van concepten is niet"
                " bereikbaar. Het concept zelf is niet verloren: vernieuw de pagina over een"
                " paar minuten, met dezelfde link. Tot dan wordt in dit tabblad niets bewaard.",
            )
        )
        return
    switch_to(current, draft, answers)


def switch_to(current: DraftSession, draft: Draft, answers: Answers) -> None:
    """Make `draft` this tab's draft and show its answers (without saving them again)."""
    flush()  # a change that waited belongs to the draft it was made in
    current.adopt(draft)
    current.saved = answers.model_dump(mode="json")  # what on_change will compare against
    st.query_params[QUERY_KEY] = draft.id
    replace_answers(answers)


def keep_in_use() -> None:
    """End of a run (app.py): a draft whose deadlines lie further ahead is kept longer.

    Not in the save itself: a save runs in the widget's callback, and judging the answers
    there (before the run that judges them anyway) made the keyboard flow on Kosten en uren
    lose a select box's list now and then (tests/test_browser_keyboard.py). Here the run's
    own outcome is at hand; the store is asked only when the expiry must move, and the
    version stays, so no other tab meets a conflict.
    """
    current = session()
    if current.draft_id is None or current.expires_at is None or is_demo():
        return
    result = get_state().outcome().estimate
    keep = keep_of(result.deadlines.items if result is not None else [])
    current.kept_until = keep  # the next save keeps this, or only the usual period
    if keep is None or keep <= current.expires_at + timedelta(minutes=1):
        return
    try:
        moved = store().extend(current.draft_id, keep)
    except (SQLAlchemyError, OSError, ValueError) as error:
        log_failure("extend", error, current.draft_id)
        return
    if moved is not None:
        current.expires_at = moved


def map_not_draft_text() -> str:
    return (
        "Deze link hoort bij een projectenmap, niet bij een concept. Open hem op de pagina"
        " Projecten (HR). U begint nu met een lege aanvraag."
    )


def deleted_text() -> str:
    """What a tab is told when the draft its link names was deleted on purpose."""
    return (
        "Dit concept is verwijderd, door u in een ander tabblad of door iemand met dezelfde link."
        " Het staat niet meer op de server. U begint nu met een lege aanvraag."
    )


def not_found_text() -> str:
    """What a tab is told when no draft has its id (expired, mistyped, or purged)."""
    return (
        "Er is geen concept gevonden bij deze link. Concepten worden"
        f" {retention_days()} dagen na de laatste wijziging gewist, en ook meteen wanneer iemand"
        " ze verwijdert. Controleer ook of de link helemaal is gekopieerd. U begint nu met een"
        " lege aanvraag."
    )


# ------------------------------------------------------------------ links


def link_params(**extra: str) -> dict[str, str]:
    """Query parameters for a page link the app draws: `extra` plus this tab's draft id.

    After a server restart or a dropped connection Streamlit starts a new session for the tab;
    a link without `?concept=` then opened an empty wizard. With the id in every link the new
    session loads the draft (`sync_with_address`) wherever the person clicks first.
    """
    params = dict(extra)
    if is_demo():
        # A demo keeps `?demo=1` on every page: F5 or a reconnect stays in demo mode.
        params["demo"] = "1"
        return params
    current = session()
    if current.draft_id:
        params[QUERY_KEY] = current.draft_id
    return params


# ------------------------------------------------------------------ a new project


def start_new_project(answers: Answers | None = None, *, example: str | None = None) -> None:
    """A new project in this tab: a new draft (new id) when there is something to keep.

    The previous draft stays stored, unchanged, under its own link: whoever holds that link
    still finds project 1 after someone started project 2 in the same tab.
    """
    flush()  # a change that waited belongs to the draft it was made in
    current = session()
    previous = current.draft_id
    current.forget()
    current.undo = None
    # A link this tab could not load (store unreachable) stays in the address bar: it is not
    # this tab's draft, and the user needs it to try again.
    if previous and QUERY_KEY in st.query_params:
        del st.query_params[QUERY_KEY]
    replace_answers(answers or Answers(), example=example)
    get_state().visited.clear()
    if previous and not is_demo():
        current.notices.append(
            Notice(
                "success",
                "U werkt nu aan een nieuw project. Uw vorige concept blijft bewaard onder zijn"
                f" link: {address_of(previous)}",
            )
        )


def address_of(draft_id: str | None) -> str:
    """The address to resume `draft_id`, from the URL this browser uses."""
    if draft_id is None:
        return ""
    base = urlsplit((st.context.url or "").split("?", 1)[0])
    if not base.netloc:
        return f"?{QUERY_KEY}={draft_id}"
    return urlunsplit((base.scheme, base.netloc, base.path or "/", f"{QUERY_KEY}={draft_id}", ""))
