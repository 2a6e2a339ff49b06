"""The wizard's look: one stylesheet under assets/, injected once per run without taking space."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import streamlit as st

CSS_FILE = Path(__file__).resolve().parent.parent / "assets" / "ui" / "style.css"


@cache
def _css() -> str:
    """Read the stylesheet once per process, not on every rerun."""
    return "<style>" + CSS_FILE.read_text(encoding="utf-8") + "</style>"


def apply() -> None:
    """Inject the stylesheet (style-only HTML goes to Streamlit's event container)."""
    st.html(_css())
