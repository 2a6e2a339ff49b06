"""Regeling: the core's advice with reasons, both estimates side by side, confirm or override."""

import streamlit as st

from aeno_core.advice import SCHEME_LABELS
from aeno_core.formatting import money
from aeno_core.models import Phase, Scheme
from aeno_core.safe_text import for_html, for_markdown
from ui import reconnect
from ui import widgets as w
from ui.drafts.link import link_params
from ui.pages import link_target
from ui.state import commit_change, get_state


def _choose() -> None:
    state = get_state()
    choice = st.session_state["w.scheme"]
    state.answers.scheme = choice
    state.answers.scheme_confirmed = choice is not None
    commit_change(state)


state = get_state()
answers = state.answers
outcome = state.outcome()
w.page_intro(
    "regeling",
    "Het fonds heeft twee regelingen. De **Impulsregeling** is voor een afgerond project dat"
    " nieuw is voor uw gemeente; de **Innovatieve Projectenregeling** voor een project dat nog"
    " moet beginnen en nieuw is voor de hele sector. Op grond van uw antwoorden:",
)

if answers.phase is Phase.DECLARATIE:
    st.info(
        "U declareert na afloop. Een declaratie hoort altijd bij de **Innovatieve"
        " Projectenregeling**; u hoeft hier niets te kiezen.",
        icon=":material/info:",
    )
elif outcome.advice is None:
    st.warning(
        "Het advies volgt zodra de antwoorden compleet genoeg zijn om te rekenen.",
        icon=":material/pending:",
    )
    for error in outcome.errors:
        st.markdown(f"- {for_markdown(error.field)}: {for_markdown(error.message)}")
    st.page_link(
        link_target("project"),
        label="Vul de datums in bij Project",
        icon=":material/edit:",
        query_params=link_params(),
    )
else:
    advice = outcome.advice
    st.markdown(f"**Advies:** {advice.summary}")
    columns = st.columns(2, gap="medium")
    for column, option in zip(columns, advice.options, strict=True):
        calc = option.estimate.calculation
        recommended = option.scheme is advice.recommended
        verdict = (
            '<span class="sw-badge sw-badge-ok"><span aria-hidden="true">✓</span> Past</span>'
            if option.fits
            else '<span class="sw-badge sw-badge-problem"><span aria-hidden="true">✕</span>'
            " Past niet</span>"
        )
        advised = " · aanbevolen" if recommended else ""
        reasons = "".join(f"<li>{for_html(r)}</li>" for r in option.reasons)
        reasons_html = (
            f"<ul>{reasons}</ul>"
            if reasons
            else ("<p class='sw-small'>Geen bezwaren die alleen voor deze regeling gelden.</p>")
        )
        with column:
            st.markdown(
                f'<div class="sw-option{" sw-option-recommended" if recommended else ""}">'
                f"<h2>{for_html(option.label)}</h2>{verdict}"
                f'<span class="sw-small">{advised}</span>'
                f'<div class="sw-small" style="margin-top:.5rem">Geschatte subsidie</div>'
                f'<div class="sw-option-amount">{money(calc.subsidy)}</div>'
                f'<div class="sw-small">{for_html(calc.limit_message)}</div>'
                f"{reasons_html}</div>",
                unsafe_allow_html=True,
            )

    st.header("Uw keuze")
    reconnect.seed(
        "w.scheme",
        answers.scheme if answers.scheme_confirmed else None,
        label="Regeling",
        commit=_choose,
        show=lambda s: reconnect.EMPTY if s is None else SCHEME_LABELS[s],
    )
    st.radio(
        "Met welke regeling wilt u verder?",
        [Scheme.IMPULS, Scheme.INNOVATIEF],
        index=None,
        key="w.scheme",
        format_func=lambda s: SCHEME_LABELS[s] + (" (advies)" if s is advice.recommended else ""),
        on_change=_choose,
    )
    chosen = answers.scheme if answers.scheme_confirmed else None
    if chosen is None:
        st.caption(
            "Zolang u niet kiest, rekent de wizard met het advies: "
            f"{SCHEME_LABELS[advice.recommended]}."
        )
    elif chosen is advice.recommended:
        st.success(
            f"U gaat verder met de {SCHEME_LABELS[chosen]}, zoals geadviseerd.",
            icon=":material/check_circle:",
        )
    else:
        mine = advice.option(chosen)
        other = advice.option(advice.recommended)
        difference = other.estimate.calculation.subsidy - mine.estimate.calculation.subsidy
        lines = [
            f"U kiest de **{SCHEME_LABELS[chosen]}**, niet het advies"
            f" ({SCHEME_LABELS[advice.recommended]}). Wat dat betekent:"
        ]
        lines += [f"- {for_markdown(reason)}" for reason in mine.reasons]
        if difference > 0:
            lines.append(f"- De schatting is {money(difference)} lager dan met het advies.")
        elif difference < 0:
            lines.append(f"- De schatting is {money(-difference)} hoger dan met het advies.")
        if not mine.reasons:
            lines.append("- Er zijn geen bezwaren die alleen voor deze regeling gelden.")
        st.warning("\n".join(lines), icon=":material/warning:")

w.page_footer("regeling")
