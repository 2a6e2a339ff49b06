"""Kosten en uren: one small form per external cost line and per employee, and what each counts for."""

import streamlit as st

from aeno_core.models import Phase
from ui import cost_calculation, costs
from ui import widgets as w
from ui.state import get_state

state = get_state()
w.page_intro(
    "kosten",
    "Vul de kosten in zoals ze op de offertes en facturen staan, **zonder BTW** en alleen het"
    " deel voor dit project. Bedragen schrijft u zoals u gewend bent: **12.000** of"
    " **12.000,50**. Met **Externe kostenregel toevoegen** of **Medewerker toevoegen** komt er"
    " een regel bij. U ziet de velden van één regel tegelijk; de andere staan er in één zin,"
    " met een knop **wijzigen** om ze te openen.",
)
if state.answers.phase is Phase.DECLARATIE:
    st.caption("U declareert: vul de werkelijke kosten en uren in.")


def calculation_part() -> str:
    """The calculation beneath the lines: each line's subsidy, or why there is none yet."""
    current = get_state()
    return cost_calculation.calculation_html(current.outcome(), costs.leader_rule_switch(current))


lines = st.container()
costs.begin_page(st.empty(), calculation_part)
with lines:
    costs.removed_notice()
    st.header("Externe kosten")
    st.caption(
        "Offertes en facturen van externe partijen. Haal het vinkje weg bij kosten die niet"
        " over de ontwikkeling van medewerkers of de organisatie gaan: die tellen niet mee."
    )
    for index in range(len(state.answers.external_costs)):
        costs.line(costs.EXTERNAL, index)
    costs.add_button(costs.EXTERNAL)

    st.header("Interne uren")
    st.caption(
        "Medewerkers van de gemeente die aan het project werken. Het uurloon hangt af van"
        " schaal en periodiek in de maand waarin het project start. Weet u het uurloon uit de"
        " uurloontabel van het fonds, vul het dan in: dat gaat altijd voor, en schaal en"
        " periodiek zijn dan niet nodig."
    )
    for index in range(len(state.answers.internal_staff)):
        costs.line(costs.INTERNAL, index)
    costs.add_button(costs.INTERNAL)
    if state.answers.internal_staff:
        costs.leader_choice(state.answers.internal_staff)
costs.end_page()
w.page_footer("kosten")
