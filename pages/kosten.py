"""Kosten en uren: one small form per external cost line and per employee, and what each counts for."""

import streamlit as st

from aeno_core import formatting as fmt
from aeno_core.models import Phase
from aeno_core.parameters import parameter
from ui import costs, declaration, render
from ui import widgets as w
from ui.state import get_state

state = get_state()
w.page_intro(
    "kosten",
    "Vul de kosten in zoals ze op de offertes en facturen staan, **zonder BTW** en alleen het"
    " deel voor dit project. Bedragen schrijft u zoals u gewend bent: **12.000** of"
    " **12.000,50**. Elke regel is een eigen blok; met **Externe kostenregel toevoegen** of"
    " **Medewerker toevoegen** komt er een bij.",
)
if state.answers.phase is Phase.DECLARATIE:
    st.caption("U declareert: vul de werkelijke kosten en uren in.")


def calculation_part() -> None:
    """The calculation beneath the lines: each line's subsidy, or why there is none yet."""
    current = get_state()
    outcome = current.outcome()
    result = outcome.estimate
    switch = costs.leader_rule_switch(current)
    if switch is not None:
        st.warning(switch, icon=":material/info:")
    if result is None:
        if outcome.errors:
            st.info(
                "De berekening verschijnt zodra de invoer compleet is. Wat nog ontbreekt of niet"
                " klopt, staat bij de regels hierboven en in het overzicht.",
                icon=":material/pending:",
            )
        return
    calc = result.calculation
    if calc.project_leader_rule_applied:
        rule = parameter("general.project_leader_rule", calc.rules_date).reference
        st.warning(
            "**Alleen de projectleider telt mee.** Omdat er externe kosten in de aanvraag staan,"
            " betaalt het fonds intern alleen de uren van de projectleider. De uren van de"
            f" andere medewerkers tellen niet mee; dat scheelt {fmt.money(calc.project_leader_rule_cost)}"
            f" aan subsidie.\n\nBron: {rule}.",
            icon=":material/info:",
        )
    internal_lines = [line for line in calc.lines if line.kind == "internal"]
    if internal_lines:
        st.header("Uurloon per medewerker")
        render.table(
            ["Regel", "Rol", "Uurloon", "Herkomst"],
            [
                (
                    line.index + 1,
                    line.description or "(geen rol)",
                    "onbekend" if line.rate is None else fmt.money(line.rate),
                    costs.rate_origin(line),
                )
                for line in internal_lines
            ],
            numeric=[0, 2],
        )
        sources = list(
            dict.fromkeys(line.rate_source for line in internal_lines if line.rate_is_approximation)
        )
        if sources:
            with st.expander("Waar komt het benaderde uurloon vandaan?"):
                st.markdown(
                    "De uurloontabel van het A&O fonds is niet openbaar. De wizard gebruikt"
                    " een eigen **benadering**; het fonds rekent met zijn eigen tabel, dus het"
                    " bedrag kan iets afwijken. Vult u het uurloon van het fonds in, dan geldt"
                    " dat."
                )
                for source in sources:
                    st.caption(source)
                st.caption(costs.derivation())

    st.header("Wat telt mee")
    rows = [
        (
            ("Extern " if line.kind == "external" else "Intern ") + str(line.index + 1),
            line.description or "(geen omschrijving)",
            fmt.money(line.cost),
            line.share if line.eligible else "telt niet mee",
            fmt.money(line.subsidy),
        )
        for line in calc.lines
    ]
    render.table(
        ["Regel", "Omschrijving", "Kosten", "Deel", "Subsidie"],
        rows,
        numeric=[2, 4],
        muted_rows=[i for i, line in enumerate(calc.lines) if not line.eligible],
        total=("", "Samen, vóór minimum en maximum", "", "", fmt.money(calc.before_limits)),
    )
    st.markdown(f"**Geschatte subsidie: {fmt.money(calc.subsidy)}.** {calc.limit_message}")
    declaration.comparison(result)


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
        costs.external_line(index)
    costs.add_button(costs.EXTERNAL)

    st.header("Interne uren")
    st.caption(
        "Medewerkers van de gemeente die aan het project werken. Het uurloon hangt af van"
        " schaal en periodiek in de maand waarin het project start. Weet u het uurloon uit de"
        " uurloontabel van het fonds, vul het dan in: dat gaat altijd voor, en schaal en"
        " periodiek zijn dan niet nodig."
    )
    for index in range(len(state.answers.internal_staff)):
        costs.internal_line(index)
    costs.add_button(costs.INTERNAL)
    if state.answers.internal_staff:
        costs.leader_choice(state.answers.internal_staff)
costs.end_page()
w.page_footer("kosten")
