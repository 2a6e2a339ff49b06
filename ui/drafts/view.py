"""What the pages show of the draft: its notices, the choices after a conflict or a delete,
and the Start page's parts (status, save, export, delete, resume, start over, and undo).

`restore_into_session()` runs at the top of every run (app.py): it lets the draft link
(`ui.drafts.link`) load or keep the URL's draft, then shows what the user must know now (a
save that met a newer version, a failed save, a draft that no longer exists). The Start page
calls `render_draft_section()` and `render_restart_section()`. Every button here is a callback
that changes the tab's draft through `ui.drafts.link` and the answers through `ui.state`.
"""

from __future__ import annotations

import re
import time
from dataclasses import replace
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import streamlit as st
from pydantic import ValidationError
from sqlalchemy.exc import SQLAlchemyError

from aeno_core import drafts
from aeno_core.answers import Answers
from aeno_core.casefile import CaseFileError
from aeno_core.drafts import DraftNotFound
from aeno_core.export import export_document, export_filename, import_document, refusal
from aeno_core.formatting import long_date
from aeno_core.safe_text import clean, for_markdown
from ui.demo_flag import NOTHING_STORED, is_demo
from ui.drafts.link import (
    QUERY_KEY,
    DraftSession,
    Notice,
    address_of,
    map_not_draft_text,
    not_found_text,
    save,
    session,
    start_new_project,
    switch_to,
    sync_with_address,
)
from ui.drafts.store import (
    is_map_payload,
    log_failure,
    retention_days,
    retention_text,
    store,
)
from ui.server.streamlit_internals import release
from ui.state import get_state, replace_answers

UNDO_SECONDS = 600
"""How long "Dit concept leegmaken" can be undone in the tab that did it."""
LOCAL_TIME = ZoneInfo("Europe/Amsterdam")

_ID_IN_TEXT = re.compile(r"(?:concept=)?([A-Za-z0-9_-]{43})(?![A-Za-z0-9_-])")


def restore_into_session() -> None:
    """Load the URL's draft on a tab's first run; keep the id in the URL; show what happened."""
    current = session()
    if sync_with_address(current):
        _render_conflict(current)
        _render_deleted(current)
    while current.notices:
        show_notice(current.notices.pop(0))


def render_draft_section() -> None:
    """The Start page's part on drafts: privacy statement, status, save/export/delete, resume."""
    current = session()
    days = retention_days()
    st.header("Uw concept bewaren")
    if is_demo():
        st.info(NOTHING_STORED, icon=":material/visibility_off:")
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
    current = session()
    mine = current.pending or get_state().answers.model_dump(mode="json")
    current.forget()
    if save(current, mine, explicit=True):
        current.notices.append(
            Notice(
                "success",
                "Uw antwoorden zijn bewaard als nieuw concept, met een eigen link (nu in de"
                " adresbalk). Het verwijderde concept blijft verwijderd.",
            )
        )


def _clear_after_delete() -> None:
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
    switch_to(current, newer, answers)
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
    if not save(current, mine, explicit=True):
        _restore_fields(current, before)
    else:
        current.notices.append(
            Notice(
                "success",
                "Uw versie is bewaard als nieuw concept, met een eigen link (nu in de adresbalk)."
                f" Het andere concept blijft bestaan onder zijn link: {address_of(old_id)}",
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
        st.code(address_of(current.draft_id), language=None, wrap_lines=True)
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
            # .streamlit/config.toml, the one limit the server enforces too (ui/server/streamlit_internals.py).
            help="Een export van de Subsidiewijzer (JSON) of een casusbestand (YAML of JSON),"
            " hoogstens 1 MB. Het wordt een nieuw concept; uw huidige concept blijft bewaard.",
        )
        st.caption("Een export (JSON) of casusbestand (YAML of JSON), hoogstens 1 MB.")


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
    current = session()
    state = get_state()
    current.undo = state.answers.model_dump(mode="json")
    current.undo_until = time.monotonic() + UNDO_SECONDS
    replace_answers(Answers())
    state.visited.clear()


def _undo_wipe() -> None:
    current = session()
    kept = current.undo
    current.undo = None
    if kept is None or time.monotonic() >= current.undo_until:
        return
    replace_answers(Answers.model_validate(kept))
    current.notices.append(Notice("success", "De antwoorden zijn teruggezet."))


# ------------------------------------------------------------------ Start page actions


def _save_now() -> None:
    current = session()
    if current.conflict is not None or current.deleted:
        current.notices.append(
            Notice("warning", "Kies eerst hierboven hoe u verder wilt met het gewijzigde concept.")
        )
        return
    if save(current, get_state().answers.model_dump(mode="json"), explicit=True):
        current.section_notices.append(
            Notice("success", f"Opgeslagen om {_clock(current.updated_at)}.")
        )


def _delete_now() -> None:
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
    current = session()
    current.autosave = bool(st.session_state.get("concept_autosave", True))
    if current.autosave:
        save(current, get_state().answers.model_dump(mode="json"), explicit=False)


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
                    map_not_draft_text().replace(" U begint nu met een lege aanvraag.", ""),
                )
            )
            return
        answers = Answers.model_validate(draft.data)
    except DraftNotFound:
        current.resume_notices.append(
            Notice("error", not_found_text().replace(" U begint nu met een lege aanvraag.", ""))
        )
        return
    except (ValidationError, SQLAlchemyError, OSError, ValueError) as error:
        log_failure("resume", error, wanted)
        current.resume_notices.append(
            Notice("error", "Dit concept kon nu niet worden geopend. Probeer het zo opnieuw.")
        )
        return
    previous = current.draft_id
    switch_to(current, draft, answers)
    st.session_state["concept_resume_link"] = ""
    title = for_markdown(answers.project.title) or "zonder titel"
    kept = (
        f" Uw vorige concept blijft bewaard onder zijn link: {address_of(previous)}"
        if previous
        else ""
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
    release(uploaded)
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
    if current.autosave:
        before = replace(current)
        current.forget()
        if not save(current, payload, explicit=True):
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
        text += f" Uw vorige concept blijft bewaard onder zijn link: {address_of(previous)}"
    current.resume_notices.append(Notice("success", text))


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
