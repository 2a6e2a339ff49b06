"""The baseline for bench_ui.py: the smallest Streamlit page that turns typed input into output."""

import streamlit as st

amount = st.number_input("Bedrag", value=1000.0, step=1.0)
st.write(f"Uitkomst: {amount / 3:.2f}")
