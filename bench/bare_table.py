"""The table baseline for bench_ui.py: one st.data_editor of costs and their sum, nothing else.

The same widget, columns, widths and row height as the wizard's external-costs table
(ui/costs.py), so a cell is found and typed into the same way; no router, no sidebar, no rules.
"""

import pandas as pd
import streamlit as st

WIDTHS = {"description": 470, "amount_ex_vat": 150, "staff_development": 100}
ROW_HEIGHT = 36

if "rows" not in st.session_state:
    st.session_state.rows = pd.DataFrame(
        {
            "description": ["Trainingsbureau", "Locatie"],
            "amount_ex_vat": [1000.0, 500.0],
            "staff_development": [True, True],
        }
    )
edited = st.data_editor(
    st.session_state.rows,
    key="bare",
    num_rows="dynamic",
    row_height=ROW_HEIGHT,
    width="content",
    hide_index=True,
    column_config={
        "description": st.column_config.TextColumn("Omschrijving", width=WIDTHS["description"]),
        "amount_ex_vat": st.column_config.NumberColumn(
            "Bedrag ex BTW", min_value=0, step=0.01, format="euro", width=WIDTHS["amount_ex_vat"]
        ),
        "staff_development": st.column_config.CheckboxColumn(
            "Telt mee", width=WIDTHS["staff_development"]
        ),
    },
)
st.write(f"Totaal: {edited['amount_ex_vat'].sum():.2f}")
