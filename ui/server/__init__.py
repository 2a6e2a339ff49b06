"""What the server process needs besides the pages: startup checks, socket and memory tuning,
the document worker, and the one module that reaches into Streamlit's internals.

Nothing here imports the rest of `ui/` (no state, no widgets): the wizard's modules build on
these, never the other way round (tests/test_import_graph.py).
"""
