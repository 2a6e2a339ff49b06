"""Resultaat: the estimate, the next steps of the stappenplan, and the PDF and calendar."""

import streamlit as st

from aeno_core import formatting as fmt
from aeno_core.advice import SCHEME_LABELS
from aeno_core.estimate import Estimate
from aeno_core.safe_text import for_html, for_markdown
from ui import declaration
from ui import widgets as w
from ui.drafts.link import link_params
from ui.pages import link_target
from ui.server.documents import documents_for
from ui.state import get_state

DOCUMENTS_KEY = "subsidiewijzer.documents"


def _documents(result: Estimate) -> tuple[bytes, bytes]:
    """The PDF and the .ics for this result, built once per result and kept in this session.

    Built with the page (in a worker process, see ui/server/documents.py), because Streamlit 1.67's
    deferred downloads lose the generated file when two other sessions finish a run before the
    browser fetches it (a 404 for a third of the room in bench/bench_load.py). Kept in the
    session, not in a process-wide cache: the documents hold the user's answers.
    """
    key = result.model_dump_json()
    kept = st.session_state.get(DOCUMENTS_KEY)
    if not (isinstance(kept, tuple) and kept[0] == key):
        kept = (key, *documents_for(result))
        st.session_state[DOCUMENTS_KEY] = kept
    return kept[1], kept[2]


state = get_state()
outcome = state.outcome()
result = outcome.estimate
w.page_intro("resultaat", "")

if result is None:
    st.warning(
        "Er is nog geen schatting: de invoer is niet compleet. Het overzicht laat zien wat nog"
        " ontbreekt.",
        icon=":material/pending:",
    )
    st.page_link(
        link_target("overzicht"),
        label="Naar het overzicht",
        icon=":material/fact_check:",
        query_params=link_params(),
    )
else:
    calc = result.calculation
    problems = result.problems
    title = state.answers.project.title or "uw project"
    st.markdown(
        '<div class="sw-result" role="status">'
        f'<div class="sw-result-label">Geschatte subsidie voor {for_html(title)}</div>'
        f'<div class="sw-result-amount" data-testid="sw-result-amount">{fmt.money(calc.subsidy)}</div>'
        f'<div class="sw-result-note">{for_html(SCHEME_LABELS[calc.scheme])},'
        f" {calc.phase.value}. {for_html(calc.limit_message)}</div></div>",
        unsafe_allow_html=True,
    )
    if problems:
        st.error(
            f"**Let op: {len(problems)} {'probleem' if len(problems) == 1 else 'problemen'}.**"
            " Zolang deze niet zijn opgelost, zal het fonds de aanvraag waarschijnlijk"
            " afwijzen:\n\n" + "\n".join(f"- {for_markdown(p.message)}" for p in problems),
            icon=":material/error:",
        )
    elif result.to_check:
        st.info(
            f"Geen problemen gevonden. Controleer nog {len(result.to_check)}"
            f" {'punt' if len(result.to_check) == 1 else 'punten'} in het overzicht.",
            icon=":material/fact_check:",
        )
    else:
        st.success("Geen problemen gevonden.", icon=":material/check_circle:")
    st.caption(
        "Dit is een schatting op grond van uw antwoorden en de regels van het fonds. Het A&O"
        " fonds Gemeenten beslist over de subsidie."
    )

    declaration.comparison(result)

    st.header("Meenemen")
    pdf, ics = _documents(result)
    pdf_col, ics_col = st.columns(2)
    with pdf_col:
        st.download_button(
            "Download de checklist (PDF)",
            data=pdf,
            file_name="subsidiewijzer-checklist.pdf",
            mime="application/pdf",
            on_click="ignore",
            icon=":material/picture_as_pdf:",
            type="primary",
            width="stretch",
        )
    with ics_col:
        st.download_button(
            "Termijnen in uw agenda (.ics)",
            data=ics,
            file_name="subsidiewijzer-termijnen.ics",
            mime="text/calendar",
            on_click="ignore",
            icon=":material/event:",
            width="stretch",
        )

    st.header("De volgende stappen")
    for number, step in enumerate(result.checklist.steps, start=1):
        st.markdown(f"**Stap {number}. {step.title}**  \n{step.note}")
        st.markdown("\n".join(f"- {task}" for task in step.tasks))
    st.caption(f"Bron: {result.checklist.steps_source}")

    if result.deadlines.items:
        st.header("Termijnen")
        st.markdown(
            "\n".join(f"- **{fmt.long_date(d.day)}**: {d.label}" for d in result.deadlines.items)
        )

    declaration.prepare_declaratie(result)

w.page_footer("resultaat")
