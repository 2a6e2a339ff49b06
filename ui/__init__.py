"""Streamlit-only helpers of the wizard: state, page list, sidebar, widgets, styling.

Nothing here computes a subsidy: it reads widgets into `aeno_core.answers.Answers`, asks the
core, and shows the answer. `aeno_core` never imports from here.
"""
