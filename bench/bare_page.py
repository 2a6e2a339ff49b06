"""The baseline for bench_ui.py: the smallest Streamlit page that turns typed text into output."""

import streamlit as st

amount = st.text_input("Bedrag", value="1000")
st.write(f"Uitkomst: {int(amount) / 3:.2f}" if amount.isdigit() else "Uitkomst: ?")
