"""The declaratie beside its aanvraag: reading the aanvraag in, and granted against realised."""

from __future__ import annotations

import streamlit as st

from aeno_core.answers import Answers
from aeno_core.casefile import MAX_BYTES, CaseFileError
from aeno_core.declaration import declaratie_from
from aeno_core.estimate import Estimate
from aeno_core.export import import_document, refusal
from aeno_core.models import Phase, Scheme
from ui.cost_calculation import comparison_html
from ui.drafts.link import Notice, session, start_new_project
from ui.state import commit_change, get_state

_UPLOAD = "subsidiewijzer.aanvraag_upload"
_MESSAGE = "subsidiewijzer.aanvraag_message"


def _read_aanvraag() -> None:
    """Upload callback: the aanvraag's amount and lines into the declaratie; nothing else lost."""
    upload = st.session_state.get(_UPLOAD)
    if upload is None:
        return
    raw = upload.getvalue()[: MAX_BYTES + 1]
    name = str(upload.name)[:120]
    try:
        imported = import_document(raw)
    except CaseFileError as error:
        st.session_state[_MESSAGE] = ("error", refusal(error, name))
        return
    if imported.answers.phase is Phase.DECLARATIE:
        st.session_state[_MESSAGE] = (
            "error",
            f"Het bestand ‘{name}’ is zelf een declaratie; lees de aanvraag in. Er is niets"
            " veranderd.",
        )
        return
    state = get_state()
    from_aanvraag = declaratie_from(imported.answers)
    answers = state.answers
    answers.granted_lines = from_aanvraag.granted_lines
    filled = []
    if not answers.provisional_subsidy.strip() and from_aanvraag.provisional_subsidy:
        answers.provisional_subsidy = from_aanvraag.provisional_subsidy
        filled.append("de voorlopige subsidie (controleer die met de beschikking)")
    if not answers.external_costs and not answers.internal_staff:
        answers.external_costs = from_aanvraag.external_costs
        answers.internal_staff = from_aanvraag.internal_staff
        filled.append("de kostenregels als begin voor de werkelijke kosten")
    if fill_empty_answers(answers, from_aanvraag):
        filled.append("de lege antwoorden over organisatie en project")
    commit_change(state)
    extra = f" Overgenomen: {'; '.join(filled)}." if filled else ""
    st.session_state[_MESSAGE] = (
        "success",
        f"De aanvraag uit ‘{name}’ is ingelezen: de toegekende bedragen per regel staan naast"
        f" de werkelijke.{extra}",
    )


def fill_empty_answers(answers: Answers, source: Answers) -> bool:
    """Take what the person has not answered yet from the aanvraag; never overwrite an answer."""
    changed = False
    for name in ("project_start", "project_end"):
        if getattr(answers, name) is None and getattr(source, name) is not None:
            setattr(answers, name, getattr(source, name))
            changed = True
    for part in ("organisation", "project"):
        mine, theirs = getattr(answers, part), getattr(source, part)
        for field_name in type(mine).model_fields:
            empty = getattr(mine, field_name) in (None, "")
            if empty and getattr(theirs, field_name) not in (None, ""):
                setattr(mine, field_name, getattr(theirs, field_name))
                changed = True
    return changed


def aanvraag_upload() -> None:
    """On Project, for a declaratie: read the aanvraag's export or case file."""
    st.file_uploader(
        "Uw aanvraag inlezen (optioneel)",
        type=["json", "yaml", "yml"],
        key=_UPLOAD,
        on_change=_read_aanvraag,
        max_upload_size=1,
        help="Een export van de aanvraag uit de Subsidiewijzer (JSON) of een casusbestand,"
        " hoogstens 1 MB. De wizard zet dan de toegekende bedragen per regel naast de"
        " werkelijke, en vult de voorlopige subsidie in als die nog leeg is.",
    )
    shown = st.session_state.get(_MESSAGE)
    if shown is not None:
        kind, text = shown
        (st.success if kind == "success" else st.error)(text.replace("*", "\\*"))
    if get_state().answers.granted_lines:
        st.caption(f"Ingelezen: {len(get_state().answers.granted_lines)} regels uit de aanvraag.")


def comparison(result: Estimate) -> None:
    """Granted and realised side by side, per line and in total (declaratie only)."""
    shown = comparison_html(result)
    if shown:
        st.markdown(shown, unsafe_allow_html=True)


def _start_declaratie() -> None:
    """Button callback: the declaratie as a new draft; the aanvraag stays under its own link."""
    start_new_project(declaratie_from(get_state().answers))
    session().notices.append(
        Notice(
            "success",
            "De declaratie is begonnen met de regels en de geschatte subsidie van uw aanvraag."
            " Vul op de pagina Project de datum van indienen en de voorlopige subsidie uit de"
            " beschikking in, en op Kosten en uren de werkelijke kosten.",
        )
    )


def prepare_declaratie(result: Estimate) -> None:
    """On Resultaat of an Innovatief aanvraag: after the beschikking, start the declaratie.

    The fund pays an Innovatief project after it ends, on a declaratie of the real costs. The
    aanvraag already holds the lines, the organisation and the project, so the declaratie
    starts from them instead of from nothing; it is a new draft, because the aanvraag must
    stay as it was filed.
    """
    application = result.application
    if application.phase is not Phase.AANVRAAG or application.scheme is not Scheme.INNOVATIEF:
        return
    st.header("Na de beschikking: declareren")
    st.markdown(
        "Is het project afgelopen? Dan declareert u de werkelijke kosten. De wizard begint de"
        " declaratie met deze aanvraag: dezelfde regels, de geschatte subsidie als voorlopige"
        " subsidie (controleer die met de beschikking) en per regel het aangevraagde bedrag"
        " naast het werkelijke. De declaratie wordt een nieuw concept met een eigen link; deze"
        " aanvraag blijft bewaard zoals hij is."
    )
    st.button(
        "Declaratie voorbereiden",
        key="sw-prepare-declaratie",
        on_click=_start_declaratie,
        icon=":material/receipt_long:",
    )
