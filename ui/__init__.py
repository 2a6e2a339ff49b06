"""Streamlit-only parts of the wizard that the pages share, in layers that import downwards only.

From the bottom: `ui.server` (startup, tuning, the document worker, Streamlit's internals),
`ui.pages` (the page list) and `ui.demo_flag`; `ui.state`; `ui.drafts` (store, link, view);
`ui.sidebar`; `ui.widgets`; then `ui.costs`, `ui.declaration` and `ui.demo`. `render`,
`clicks` and `styling` import nothing of `ui/`. tests/test_import_graph.py holds the shape.

Nothing here computes a subsidy: it reads widgets into `aeno_core.answers.Answers`, asks the
core, and shows the answer. `aeno_core` never imports from here.
"""
