"""Drafts in the browser: autosave on every change, the draft id in the URL, resume and import.

The wizard calls three functions and knows nothing else about the store:
- `on_change(answers)` from `ui.state.commit_change()` after every change: saves the answers
  (a new draft on the first real answer, then versioned saves) and keeps `?concept=<id>` in the URL;
- `restore_into_session()` at the top of `app.py` on every run: on a session's first run it
  loads the draft the URL names (a refresh, a reopened tab, a colleague's link); afterwards it
  puts the id back into the URL when a page switch dropped it, and shows what the user must
  know now (a save that met a newer version, a failed save, a draft that no longer exists);
- `render_draft_section()` on the Start page: what is stored, where and for how long; save,
  export, delete; resume by link or by uploading an export or case file.

The store itself (`aeno_core.drafts`) and the file format (`aeno_core.export`) are pure Python;
this module only turns their results and refusals into Dutch on the page.
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import Any, Literal
from urllib.parse import urlsplit, urlunsplit
from zoneinfo import ZoneInfo

import streamlit as st
from pydantic import ValidationError
from sqlalchemy.exc import SQLAlchemyError

from aeno_core import drafts
from aeno_core.answers import Answers, evaluate
from aeno_core.casefile import CaseFileError
from aeno_core.deadlines import Deadline
from aeno_core.drafts import (
    Draft,
    DraftDeleted,
    DraftNotFound,
    DraftStore,
    DraftTooLarge,
    VersionConflict,
)
from aeno_core.export import export_document, export_filename, import_document, refusal
from aeno_core.formatting import long_date
from aeno_core.overview import FORMAT as MAP_FORMAT
from aeno_core.safe_text import clean, for_markdown
from ui import uploads

QUERY_KEY = "concept"
"""The URL parameter that holds the draft id: `...?concept=<43 random characters>`."""

SESSION_KEY = "subsidiewijzer.concept"
UNDO_SECONDS = 600
"""How long "Dit concept leegmaken" can be undone in the tab that did it."""
LOCAL_TIME = ZoneInfo("Europe/Amsterdam")

_ID_IN_TEXT = re.compile(r"(?:concept=)?([A-Za-z0-9_-]{43})(?![A-Za-z0-9_-])")
EMPTY = Answers().model_dump(mode="json")

log = logging.getLogger(__name__)

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


# ------------------------------------------------------------------ the store


@st.cache_resource(show_spinner=False)
def _open_store(url: str, days: float) -> DraftStore:
    """One store (engine and pool) per process; creating it creates the schema and purges."""
    return DraftStore(url, ttl=timedelta(days=days))


def store() -> DraftStore:
    """The configured store (env SUBSIDIEWIJZER_DB_URL / _DRAFTS_PATH / _DRAFT_DAYS)."""
    return _open_store(drafts.database_url(), drafts.retention().total_seconds() / 86400)


def retention_days() -> int:
    """How long a draft is kept after its last change, for the texts on the page."""
    return drafts.retention().days


def retention_text() -> str:
    """How long a draft is kept, in one Dutch phrase for the privacy texts."""
    weeks = drafts.KEEP_AFTER_LAST_DEADLINE.days // 7
    return (
        f"{retention_days()} dagen na de laatste wijziging; heeft het project al termijnen,"
        f" dan tot {weeks} weken na de laatste termijn (zoals de declaratie) als dat later is"
    )


def keep_for(answers: Answers) -> datetime | None:
    """Until when a draft with these answers is in use: 8 weeks after its last deadline."""
    result = evaluate(answers).estimate
    return _keep_of(result.deadlines.items if result is not None else [])


def _keep_of(deadlines: Sequence[Deadline]) -> datetime | None:
    return drafts.keep_until(max((d.day for d in deadlines), default=None))


def keep_in_use() -> None:
    """End of a run (app.py): a draft whose deadlines lie further ahead is kept longer.

    Not in the save itself: a save runs in the widget's callback, and judging the answers
    there (before the run that judges them anyway) made the keyboard flow on Kosten en uren
    lose a select box's list now and then (tests/test_browser_keyboard.py). Here the run's
    own outcome is at hand; the store is asked only when the expiry must move, and the
    version stays, so no other tab meets a conflict.
    """
    current = session()
    if current.draft_id is None or current.expires_at is None or _is_demo():
        return
    from ui.state import get_state

    result = get_state().outcome().estimate
    keep = _keep_of(result.deadlines.items if result is not None else [])
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


def is_map_payload(data: Any) -> bool:
    """A stored projects map (HR's page), which must never open as a draft's answers."""
    return isinstance(data, dict) and data.get("format") == MAP_FORMAT


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


def _is_demo() -> bool:
    """Demo mode (issue 7, `ui.demo`) stores nothing; without that module there is no demo."""
    try:
        from ui import demo
    except ImportError:
        return False
    return bool(demo.is_demo())


def _demo_text() -> str:
    from ui import demo

    return str(demo.NOTHING_STORED)


# ------------------------------------------------------------------ the three hooks


def on_change(answers: Answers) -> None:
    """Save the answers now, unless nothing changed, saving is off, or a conflict waits."""
    current = session()
    if not current.autosave or _is_demo():
        return
    _save(current, answers.model_dump(mode="json"), explicit=False)


def restore_into_session() -> None:
    """Load the URL's draft on a tab's first run; keep the id in the URL; show what happened."""
    current = session()
    if _is_demo():
        # Nothing is stored in demo mode, and no link shows on the projector. A draft this tab
        # had stays stored as it was: the tab lets go of it, so demo answers never overwrite it.
        current.restored = True
        current.forget()
        if QUERY_KEY in st.query_params:
            del st.query_params[QUERY_KEY]
        while current.notices:
            show_notice(current.notices.pop(0))
        return
    if not current.restored:
        current.restored = True
        requested = st.query_params.get(QUERY_KEY)
        if requested:
            _restore(current, requested)
    if current.draft_id and st.query_params.get(QUERY_KEY) != current.draft_id:
        st.query_params[QUERY_KEY] = current.draft_id
    _render_conflict(current)
    _render_deleted(current)
    while current.notices:
        show_notice(current.notices.pop(0))


def render_draft_section() -> None:
    """The Start page's part on drafts: privacy statement, status, save/export/delete, resume."""
    current = session()
    days = retention_days()
    st.header("Uw concept bewaren")
    if _is_demo():
        st.info(_demo_text(), icon=":material/visibility_off:")
        return
    _render_status(current, days)
    _render_actions(current)
    while current.section_notices:
        show_notice(current.section_notices.pop(0))
    _render_privacy(current, days)
    st.header("Verder met een concept")
    _render_resume(current)
    while current.resume_notices:
        show_notice(current.resume_notices.pop(0))


# ------------------------------------------------------------------ saving


def _save(current: DraftSession, payload: dict[str, Any], *, explicit: bool) -> bool:
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


def _restore(current: DraftSession, requested: str) -> None:
    """First run of a tab whose URL names a draft: bring back every answer, or say why not."""
    try:
        draft = store().load(requested)
        if is_map_payload(draft.data):
            del st.query_params[QUERY_KEY]
            current.notices.append(Notice("warning", _map_not_draft_text()))
            return
        answers = Answers.model_validate(draft.data)
    except DraftDeleted:
        del st.query_params[QUERY_KEY]
        current.notices.append(Notice("warning", _deleted_text()))
        return
    except DraftNotFound:
        del st.query_params[QUERY_KEY]
        current.notices.append(Notice("warning", _not_found_text()))
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
    _switch_to(current, draft, answers)


def _switch_to(current: DraftSession, draft: Draft, answers: Answers) -> None:
    """Make `draft` this tab's draft and show its answers (without saving them again)."""
    from ui.state import replace_answers  # ui.state imports this module

    current.adopt(draft)
    current.saved = answers.model_dump(mode="json")  # what on_change will compare against
    st.query_params[QUERY_KEY] = draft.id
    replace_answers(answers)


def _map_not_draft_text() -> str:
    return (
        "Deze link hoort bij een projectenmap, niet bij een concept. Open hem op de pagina"
        " Projecten (HR). U begint nu met een lege aanvraag."
    )


def _deleted_text() -> str:
    return (
        "Dit concept is verwijderd, door u in een ander tabblad of door iemand met dezelfde link."
        " Het staat niet meer op de server. U begint nu met een lege aanvraag."
    )


def _not_found_text() -> str:
    return (
        "Er is geen concept gevonden bij deze link. Concepten worden"
        f" {retention_days()} dagen na de laatste wijziging gewist, en ook meteen wanneer iemand"
        " ze verwijdert. Controleer ook of de link helemaal is gekopieerd. U begint nu met een"
        " lege aanvraag."
    )


# ------------------------------------------------------------------ conflict between tabs


def _render_conflict(current: DraftSession) -> None:
    newer = current.conflict
    if newer is None:
        return
    with st.container(border=True):
        st.warning(
            "**Dit concept is intussen ergens anders gewijzigd** (in een ander tabblad of door"
            f" een collega met dezelfde link, om {_clock(newer.updated_at)}). Uw laatste"
            " wijziging is daarom nog niet opgeslagen: er wordt niets overschreven. Kies hoe u"
            " verder wilt.",
            icon=":material/sync_problem:",
        )
        left, right = st.columns(2)
        left.button(
            "Laad de nieuwste versie",
            key="concept_reload",
            on_click=_reload_newer,
            help="Toont de antwoorden zoals ze nu zijn opgeslagen; uw niet-opgeslagen wijziging"
            " in dit tabblad vervalt.",
            width="stretch",
        )
        right.button(
            "Bewaar mijn versie als nieuw concept",
            key="concept_fork",
            on_click=_fork_mine,
            help="Uw antwoorden in dit tabblad krijgen een eigen, nieuwe link; het andere concept"
            " blijft zoals het is.",
            width="stretch",
        )


def _render_deleted(current: DraftSession) -> None:
    if not current.deleted:
        return
    with st.container(border=True):
        st.warning(
            "**Dit concept is intussen verwijderd** (in een ander tabblad, of door een collega met"
            " dezelfde link). Uw antwoorden in dit tabblad zijn daarom niet opgeslagen. Wilt u ze"
            " bewaren als nieuw concept, met een nieuwe link, of ook hier wissen?",
            icon=":material/delete_forever:",
        )
        left, right = st.columns(2)
        left.button(
            "Bewaar mijn antwoorden als nieuw concept",
            key="concept_deleted_keep",
            on_click=_keep_after_delete,
            width="stretch",
        )
        right.button(
            "Wis ook de antwoorden in dit tabblad",
            key="concept_deleted_clear",
            on_click=_clear_after_delete,
            width="stretch",
        )


def _keep_after_delete() -> None:
    from ui.state import get_state

    current = session()
    mine = current.pending or get_state().answers.model_dump(mode="json")
    current.forget()
    if _save(current, mine, explicit=True):
        current.notices.append(
            Notice(
                "success",
                "Uw antwoorden zijn bewaard als nieuw concept, met een eigen link (nu in de"
                " adresbalk). Het verwijderde concept blijft verwijderd.",
            )
        )


def _clear_after_delete() -> None:
    from ui.state import replace_answers

    current = session()
    current.forget()
    if QUERY_KEY in st.query_params:
        del st.query_params[QUERY_KEY]
    replace_answers(Answers())
    current.notices.append(Notice("success", "De antwoorden in dit tabblad zijn gewist."))


def _reload_newer() -> None:
    current = session()
    newer = current.conflict
    if newer is None:
        return
    try:
        answers = Answers.model_validate(newer.data)
    except ValidationError:
        current.notices.append(Notice("error", "De nieuwste versie kon niet worden geopend."))
        return
    _switch_to(current, newer, answers)
    current.notices.append(Notice("success", "De nieuwste versie van het concept is geladen."))


def _fork_mine() -> None:
    current = session()
    mine = current.pending
    old_id = current.draft_id
    current.conflict = None
    current.pending = None
    if mine is None:
        return
    before = replace(current)
    current.forget()
    if not _save(current, mine, explicit=True):
        _restore_fields(current, before)
    else:
        current.notices.append(
            Notice(
                "success",
                "Uw versie is bewaard als nieuw concept, met een eigen link (nu in de adresbalk)."
                f" Het andere concept blijft bestaan onder zijn link: {_link(old_id)}",
            )
        )


# ------------------------------------------------------------------ Start page parts


def _render_status(current: DraftSession, days: int) -> None:
    if current.draft_id and current.updated_at and current.expires_at:
        st.success(
            f"Uw antwoorden zijn bewaard als concept (laatst opgeslagen {moment_text(current.updated_at)})."
            f" Het concept blijft bewaard tot **{moment_text(current.expires_at)}**:"
            f" {expiry_reason(current.updated_at, current.expires_at)}. Met de link hieronder"
            " gaat u verder waar u was, ook op een andere computer.",
            icon=":material/cloud_done:",
        )
        st.code(_link(current.draft_id), language=None, wrap_lines=True)
        st.caption(
            "Bewaar deze link zoals een wachtwoord: wie de link heeft, ziet en wijzigt de"
            " antwoorden. Stuur hem alleen naar collega's die aan deze aanvraag meewerken."
        )
    elif current.autosave:
        st.info(
            "Zodra u iets invult, wordt uw concept automatisch bewaard en krijgt deze pagina een"
            " eigen link. Met die link gaat u later verder, of een collega vult aan.",
            icon=":material/cloud_upload:",
        )
    else:
        st.info(
            "Automatisch bewaren staat uit: uw antwoorden staan alleen in dit tabblad. Klik op"
            " Opslaan om een concept met een eigen link te bewaren.",
            icon=":material/cloud_off:",
        )


def expiry_reason(updated_at: datetime, expires_at: datetime) -> str:
    """Why a draft or map is kept until its expiry: the usual period, or its last deadline."""
    if expires_at - updated_at > drafts.retention() + timedelta(minutes=1):
        weeks = drafts.KEEP_AFTER_LAST_DEADLINE.days // 7
        return f"{weeks} weken na de laatste termijn van het project, want het is nog in gebruik"
    return f"{retention_days()} dagen na de laatste wijziging"


def _render_actions(current: DraftSession) -> None:
    from ui.state import get_state

    answers = get_state().answers
    save_col, export_col, delete_col = st.columns(3)
    save_col.button(
        "Opslaan",
        key="concept_save",
        icon=":material/save:",
        on_click=_save_now,
        width="stretch",
        help="Bewaart de antwoorden nu (dat gebeurt ook al bij elke wijziging).",
    )
    export_col.download_button(
        "Exporteren (JSON)",
        data=export_document(answers),
        file_name=export_filename(answers),
        mime="application/json",
        key="concept_export",
        icon=":material/download:",
        width="stretch",
        help="Een bestand met alle antwoorden, om te bewaren of te mailen; lees het later in"
        " onder Hervatten.",
        on_click="ignore",
    )
    with delete_col.popover(
        "Concept verwijderen",
        icon=":material/delete:",
        width="stretch",
        disabled=current.draft_id is None,
        help="Wist het bewaarde concept meteen van deze server."
        if current.draft_id
        else "Er is nog geen concept bewaard.",
    ):
        st.markdown(
            "Dit wist het bewaarde concept **meteen en voorgoed** van deze server, en de"
            " antwoorden in dit tabblad. De link werkt daarna niet meer. Wilt u de antwoorden"
            " houden, exporteer ze dan eerst."
        )
        st.button(
            "Ja, verwijder het concept",
            key="concept_delete",
            type="primary",
            on_click=_delete_now,
        )


def _render_privacy(current: DraftSession, days: int) -> None:
    with st.expander("Wat wordt bewaard, waar en hoe lang", icon=":material/shield_person:"):
        st.markdown(
            f"""
- **Wat**: alle antwoorden in deze wizard: organisatie, project, regeling, en de kosten en
  uren, **met de schaal, periodiek, uren en uurlonen van medewerkers**, en de naam en het
  e-mailadres van de projectleider als u die invult. Dat zijn persoonsgegevens. Namen van
  andere medewerkers vragen we niet; vul ze ook niet in bij *rol*.
- **Waar**: in de database van de server waarop deze Subsidiewijzer draait, onder een
  willekeurige code van 43 tekens die alleen in uw link staat. Niets gaat naar het A&O fonds
  of naar anderen: u dient de aanvraag zelf in.
- **Hoe lang**: tot {retention_text()}; daarna wordt het concept automatisch gewist. Met
  *Concept verwijderen* wist u het meteen.
- **Wanneer**: bij elke wijziging, zolang *automatisch bewaren* hieronder aan staat. Zet u
  het uit, dan wordt alleen bewaard wanneer u op *Opslaan* klikt.
"""
        )
        st.toggle(
            "Antwoorden automatisch bewaren",
            value=current.autosave,
            key="concept_autosave",
            on_change=_toggle_autosave,
        )


def _render_resume(current: DraftSession) -> None:
    link_col, file_col = st.columns(2)
    with link_col, st.form("concept_resume", border=False, enter_to_submit=True):
        st.text_input(
            "Link of code van een concept",
            key="concept_resume_link",
            placeholder="https://…?concept=…",
            help="Plak de link die u bewaarde of kreeg van een collega.",
        )
        st.form_submit_button(
            "Concept openen", icon=":material/open_in_browser:", on_click=_resume_link
        )
    with file_col, st.container(key="sw-concept-upload"):
        # Streamlit's own hint ("10MB per file") would contradict the 1 MB an application may
        # have; the Dutch caption below says what is accepted.
        st.html(
            "<style>.st-key-sw-concept-upload"
            " [data-testid='stFileUploaderDropzoneInstructions']{display:none}</style>"
        )
        st.file_uploader(
            "Of lees een bestand in",
            type=["json", "yaml", "yml"],
            key=f"concept_upload_{current.upload_generation}",
            on_change=_import_upload,
            # No max_upload_size here: the uploader takes `server.maxUploadSize` from
            # .streamlit/config.toml, the one limit the server enforces too (ui/uploads.py).
            help="Een export van de Subsidiewijzer (JSON) of een casusbestand (YAML of JSON),"
            " hoogstens 1 MB. Het wordt een nieuw concept; uw huidige concept blijft bewaard.",
        )
        st.caption("Een export (JSON) of casusbestand (YAML of JSON), hoogstens 1 MB.")


# ------------------------------------------------------------------ links


def link_params(**extra: str) -> dict[str, str]:
    """Query parameters for a page link the app draws: `extra` plus this tab's draft id.

    After a server restart or a dropped connection Streamlit starts a new session for the tab;
    a link without `?concept=` then opened an empty wizard. With the id in every link the new
    session loads the draft (`restore_into_session`) wherever the person clicks first.
    """
    params = dict(extra)
    if _is_demo():
        # A demo keeps `?demo=1` on every page: F5 or a reconnect stays in demo mode.
        params["demo"] = "1"
        return params
    current = session()
    if current.draft_id:
        params[QUERY_KEY] = current.draft_id
    return params


# ------------------------------------------------------------------ new project, wipe, undo


def start_new_project(answers: Answers | None = None, *, example: str | None = None) -> None:
    """A new project in this tab: a new draft (new id) when there is something to keep.

    The previous draft stays stored, unchanged, under its own link: whoever holds that link
    still finds project 1 after someone started project 2 in the same tab.
    """
    from ui.state import get_state, replace_answers

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
    if previous and not _is_demo():
        current.notices.append(
            Notice(
                "success",
                "U werkt nu aan een nieuw project. Uw vorige concept blijft bewaard onder zijn"
                f" link: {_link(previous)}",
            )
        )


def render_restart_section(has_answers: bool) -> None:
    """Start page: a new project (the draft stays), or wipe this draft (confirmed, undoable)."""
    current = session()
    undo_open = current.undo is not None and time.monotonic() < current.undo_until
    if not undo_open:
        current.undo = None
    if undo_open:
        minutes = max(1, round((current.undo_until - time.monotonic()) / 60))
        with st.container(border=True):
            st.info(
                "Het concept is leeggemaakt. U kunt dit nog ongeveer"
                f" {minutes} minuten ongedaan maken in dit tabblad.",
                icon=":material/undo:",
            )
            st.button(
                "Ongedaan maken", key="concept_undo", icon=":material/undo:", on_click=_undo_wipe
            )
    if not has_answers:
        return
    with st.expander("Opnieuw beginnen"):
        st.markdown(
            "**Nieuw project**: begin met een lege aanvraag in een nieuw concept, met een nieuwe"
            " link. Het huidige concept blijft bewaard onder zijn eigen link."
        )
        st.button(
            "Nieuw project beginnen",
            key="concept_new_project",
            icon=":material/add:",
            on_click=start_new_project,
        )
        st.markdown(
            "**Dit concept leegmaken**: wis alle antwoorden in dit concept, ook voor wie dezelfde"
            " link heeft."
        )
        with st.popover("Dit concept leegmaken", icon=":material/delete_sweep:"):
            st.markdown(
                "Weet u het zeker? Alle antwoorden in dit concept worden gewist, ook voor collega's"
                f" met dezelfde link. U kunt dit {UNDO_SECONDS // 60} minuten ongedaan maken in"
                " dit tabblad."
            )
            st.button(
                "Ja, maak dit concept leeg",
                key="concept_wipe",
                type="primary",
                on_click=_wipe_current,
            )


def _wipe_current() -> None:
    from ui.state import get_state, replace_answers

    current = session()
    state = get_state()
    current.undo = state.answers.model_dump(mode="json")
    current.undo_until = time.monotonic() + UNDO_SECONDS
    replace_answers(Answers())
    state.visited.clear()


def _undo_wipe() -> None:
    from ui.state import replace_answers

    current = session()
    kept = current.undo
    current.undo = None
    if kept is None or time.monotonic() >= current.undo_until:
        return
    replace_answers(Answers.model_validate(kept))
    current.notices.append(Notice("success", "De antwoorden zijn teruggezet."))


# ------------------------------------------------------------------ Start page actions


def _save_now() -> None:
    from ui.state import get_state

    current = session()
    if current.conflict is not None or current.deleted:
        current.notices.append(
            Notice("warning", "Kies eerst hierboven hoe u verder wilt met het gewijzigde concept.")
        )
        return
    if _save(current, get_state().answers.model_dump(mode="json"), explicit=True):
        current.section_notices.append(
            Notice("success", f"Opgeslagen om {_clock(current.updated_at)}.")
        )


def _delete_now() -> None:
    from ui.state import replace_answers

    current = session()
    if current.draft_id is None:
        return
    try:
        store().delete(current.draft_id)
    except (SQLAlchemyError, OSError, ValueError) as error:
        log_failure("delete", error, current.draft_id)
        current.section_notices.append(
            Notice(
                "error",
                "Verwijderen is niet gelukt: de opslag van concepten is nu niet bereikbaar."
                " Probeer het zo opnieuw.",
            )
        )
        return
    current.forget()
    if QUERY_KEY in st.query_params:
        del st.query_params[QUERY_KEY]
    replace_answers(Answers())
    current.section_notices.append(
        Notice(
            "success",
            "Het concept is verwijderd van de server en de antwoorden zijn gewist. U begint met"
            " een lege aanvraag.",
        )
    )


def _restore_fields(current: DraftSession, before: DraftSession) -> None:
    """Undo `forget()` after a failed save: the tab stays on its previous draft."""
    for name in ("draft_id", "version", "updated_at", "expires_at", "kept_until", "saved"):
        setattr(current, name, getattr(before, name))


def _toggle_autosave() -> None:
    from ui.state import get_state

    current = session()
    current.autosave = bool(st.session_state.get("concept_autosave", True))
    if current.autosave:
        _save(current, get_state().answers.model_dump(mode="json"), explicit=False)


def _resume_link() -> None:
    current = session()
    text = str(st.session_state.get("concept_resume_link") or "")
    match = _ID_IN_TEXT.search(text.strip())
    if match is None:
        current.resume_notices.append(
            Notice(
                "error",
                "Dit is geen link of code van een concept. Een link eindigt op ?concept= met"
                " 43 letters, cijfers, - en _.",
            )
        )
        return
    wanted = match.group(1)
    if wanted == current.draft_id:
        current.resume_notices.append(Notice("info", "Dit concept is al geopend."))
        return
    try:
        draft = store().load(wanted)
        if is_map_payload(draft.data):
            current.resume_notices.append(
                Notice(
                    "error",
                    _map_not_draft_text().replace(" U begint nu met een lege aanvraag.", ""),
                )
            )
            return
        answers = Answers.model_validate(draft.data)
    except DraftNotFound:
        current.resume_notices.append(
            Notice("error", _not_found_text().replace(" U begint nu met een lege aanvraag.", ""))
        )
        return
    except (ValidationError, SQLAlchemyError, OSError, ValueError) as error:
        log_failure("resume", error, wanted)
        current.resume_notices.append(
            Notice("error", "Dit concept kon nu niet worden geopend. Probeer het zo opnieuw.")
        )
        return
    previous = current.draft_id
    _switch_to(current, draft, answers)
    st.session_state["concept_resume_link"] = ""
    title = for_markdown(answers.project.title) or "zonder titel"
    kept = (
        f" Uw vorige concept blijft bewaard onder zijn link: {_link(previous)}" if previous else ""
    )
    current.resume_notices.append(
        Notice(
            "success",
            f"Concept ‘{title}’ is geopend (laatst gewijzigd {moment_text(draft.updated_at)})."
            + kept,
        )
    )


def _import_upload() -> None:
    current = session()
    key = f"concept_upload_{current.upload_generation}"
    uploaded = st.session_state.get(key)
    if uploaded is None:
        return
    # A fresh uploader next run: the same file can be read again after a fix.
    current.upload_generation += 1
    raw = uploaded.getvalue()
    uploads.release(uploaded)
    try:
        imported = import_document(raw)
    except CaseFileError as error:
        # The file's name and the refusal (which may quote the file's own keys) are the
        # user's text: Markdown would render an image or a link in them.
        current.resume_notices.append(
            Notice("error", for_markdown(refusal(error, clean(uploaded.name)[:80])))
        )
        return
    previous = current.draft_id
    payload = imported.answers.model_dump(mode="json")
    from ui.state import replace_answers

    if current.autosave:
        before = replace(current)
        current.forget()
        if not _save(current, payload, explicit=True):
            _restore_fields(current, before)
            return
    replace_answers(imported.answers)
    kind = "export" if imported.kind == "export" else "casusbestand"
    title = for_markdown(imported.title or clean(uploaded.name)[:80])
    text = f"‘{title}’ is ingelezen ({kind})"
    if current.autosave:
        text += " en bewaard als nieuw concept, met een eigen link."
    else:
        text += "."
    if previous:
        text += f" Uw vorige concept blijft bewaard onder zijn link: {_link(previous)}"
    current.resume_notices.append(Notice("success", text))


# ------------------------------------------------------------------ small helpers


def log_failure(operation: str, error: BaseException, draft_id: str | None) -> None:
    """One log line per failure: the operation, the error's class and a short hash of the id.

    Never the id itself (whoever holds it reads and changes the draft), never the error's text
    or traceback: SQLAlchemy's and pydantic's messages quote the statement's parameters and the
    input, which are the answers, salaries included.
    """
    log.error(
        "draft store: %s failed (%s), draft %s",
        operation,
        type(error).__name__,
        drafts.draft_ref(draft_id),
    )


def _link(draft_id: str | None) -> str:
    """The address to resume `draft_id`, from the URL this browser uses."""
    if draft_id is None:
        return ""
    base = urlsplit((st.context.url or "").split("?", 1)[0])
    if not base.netloc:
        return f"?{QUERY_KEY}={draft_id}"
    return urlunsplit((base.scheme, base.netloc, base.path or "/", f"{QUERY_KEY}={draft_id}", ""))


def moment_text(moment: datetime) -> str:
    """`25 november 2026 om 14:05`, local time."""
    local = moment.astimezone(LOCAL_TIME)
    return f"{long_date(local.date())} om {local:%H:%M}"


def _clock(moment: datetime | None) -> str:
    return "" if moment is None else f"{moment.astimezone(LOCAL_TIME):%H:%M}"


def show_notice(notice: Notice) -> None:
    icons = {
        "success": ":material/check_circle:",
        "info": ":material/info:",
        "warning": ":material/warning:",
        "error": ":material/error:",
    }
    getattr(st, notice.tone)(notice.text, icon=icons[notice.tone])
