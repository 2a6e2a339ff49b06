"""Kosten en uren: external invoices and internal hours as tables, and what each line counts for."""

from typing import Any

import streamlit as st

from aeno_core import formatting as fmt
from aeno_core.models import Phase
from ui import costs, render, sidebar
from ui import widgets as w
from ui.state import get_state

state = get_state()
w.page_intro(
    "kosten",
    "Vul de kosten in zoals ze op de offertes en facturen staan, **zonder BTW** en alleen het"
    " deel voor dit project. Voeg een regel toe met de **+** onder de tabel; een regel"
    " wist u door hem te selecteren en op het prullenbakje te klikken.",
)
if state.answers.phase is Phase.DECLARATIE:
    st.caption("U declareert: vul de werkelijke kosten en uren in.")


def cost_editor(table: str, columns: list[str], column_config: dict[str, Any]) -> None:
    """One cost table: the editor on its base frame, its edits applied, its rows' errors.

    Both tables behave alike (rows added with +, edits applied to the answers by the
    callback); only their columns differ.
    """
    key = costs.editor_key(table)
    callback, args = costs.on_edit_args(table)
    st.data_editor(
        costs.base_frame(table, key),
        key=key,
        num_rows="dynamic",
        placeholder="",
        row_height=costs.ROW_HEIGHT,
        width="content",
        hide_index=True,
        column_order=columns,
        column_config=column_config,
        on_change=callback,
        args=args,
    )
    costs.sync_after_render(table, key)
    for error in get_state().outcome().errors_for(table):
        w.row_error(error)


@st.fragment
def cost_tables() -> None:
    """The two tables and what they count for; an edit reruns only this part (and the sidebar).

    Typing a cost must feel as quick as a bare form: the rest of the page does not change
    with a cost, so it is not redrawn.
    """
    outcome = get_state().outcome()
    result = outcome.estimate
    st.header("Externe kosten")
    st.caption(
        "Offertes en facturen van externe partijen. Haal het vinkje weg bij kosten die niet over"
        " de ontwikkeling van medewerkers of de organisatie gaan: die tellen niet mee."
    )
    cost_editor(
        costs.EXTERNAL,
        costs.EXTERNAL_COLUMNS,
        {
            "description": st.column_config.TextColumn(
                "Omschrijving",
                width=costs.WIDTHS["description"],
                max_chars=300,
                help="Bijvoorbeeld: trainingsbureau, training",
            ),
            "amount_ex_vat": st.column_config.NumberColumn(
                "Bedrag ex BTW",
                help="Alleen het projectdeel, zonder BTW, in euro",
                min_value=0,
                step=0.01,
                format="euro",
                width=costs.WIDTHS["amount_ex_vat"],
            ),
            "staff_development": st.column_config.CheckboxColumn(
                "Telt mee",
                help="Gaat deze uitgave over de ontwikkeling van medewerkers of de organisatie?"
                " Zo niet: haal het vinkje weg, dan telt de regel niet mee.",
                default=True,
                width=costs.WIDTHS["staff_development"],
            ),
        },
    )

    st.header("Interne uren")
    st.caption(
        "Medewerkers van de gemeente die aan het project werken. Het uurloon hangt af van schaal"
        " en periodiek in de maand waarin het project start. Weet u het uurloon uit de"
        " uurloontabel van het fonds, vul het dan in: dat gaat altijd voor."
    )
    scales, steps = costs.scale_options()
    cost_editor(
        costs.INTERNAL,
        costs.INTERNAL_COLUMNS,
        {
            "role": st.column_config.TextColumn("Rol", width=costs.WIDTHS["role"], max_chars=200),
            "project_leader": st.column_config.CheckboxColumn(
                "Projectleider",
                help="Eén projectleider per aanvraag: een vinkje bij een andere regel verplaatst het.",
                default=False,
                width=costs.WIDTHS["project_leader"],
            ),
            "scale": st.column_config.SelectboxColumn(
                "Schaal",
                options=scales,
                width=costs.WIDTHS["scale"],
                help="Salarisschaal (1 tot en met 18)",
            ),
            "step": st.column_config.SelectboxColumn(
                "Periodiek",
                options=steps,
                width=costs.WIDTHS["step"],
                help="Trede binnen de schaal",
            ),
            "hours": st.column_config.NumberColumn(
                "Uren",
                min_value=0,
                step=0.5,
                format="localized",
                width=costs.WIDTHS["hours"],
                help="Halve uren mogen (bijvoorbeeld 24,5)",
            ),
            "hourly_rate": st.column_config.NumberColumn(
                "Uurloon",
                min_value=0,
                step=0.01,
                format="euro",
                width=costs.WIDTHS["hourly_rate"],
                help="Optioneel: het uurloon uit de uurloontabel van het A&O fonds. Leeg laten:"
                " de wizard gebruikt een benadering.",
            ),
        },
    )

    if result is not None:
        calc = result.calculation
        if calc.project_leader_rule_applied:
            st.warning(
                "**Alleen de projectleider telt mee.** Omdat er externe kosten in de aanvraag staan,"
                " betaalt het fonds intern alleen de uren van de projectleider. De uren van de"
                f" andere medewerkers tellen niet mee; dat scheelt {fmt.money(calc.project_leader_rule_cost)}"
                " aan subsidie.\n\nBron: Financiële voorwaarden, als je externe én interne kosten"
                " opvoert, is intern alleen de projectleider subsidiabel.",
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
                dict.fromkeys(
                    line.rate_source for line in internal_lines if line.rate_is_approximation
                )
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
    elif outcome.errors:
        st.info(
            "De berekening verschijnt zodra de invoer compleet is. Zie de meldingen hierboven en"
            " het overzicht.",
            icon=":material/pending:",
        )

    sidebar.refresh()


cost_tables()
w.page_footer("kosten")
