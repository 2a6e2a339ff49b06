"""The router: page config and the explicit page list; every page lives under pages/."""

import streamlit as st

st.set_page_config(page_title="Subsidiewijzer A&O fonds Gemeenten", layout="wide")
st.title("Subsidiewijzer")
st.write("De wizard volgt in een volgende stap.")
