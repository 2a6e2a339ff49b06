"""Our PDFs use fpdf2's public API only; the one workaround, the linear line breaker, breaks
lines exactly as fpdf2 does."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from fpdf import FPDF
from fpdf.table import Row, Table
from hypothesis import given, settings
from hypothesis import strategies as st

from aeno_core.pdf import FONT, FONT_FILES, wrap_lines
from aeno_core.pdf.fonts import add_fonts
from tests.paths import ROOT

PDF_MODULES = [
    *sorted((ROOT / "aeno_core" / "pdf").glob("*.py")),
    ROOT / "aeno_core" / "overview_pdf.py",
]
FPDF_PRIVATE = {
    name
    for owner in (FPDF, Table, Row)
    for name in dir(owner)
    if name.startswith("_") and not name.startswith("__")
}
OVERRIDES_ALLOWED = {"__init__", "header", "footer", "normalize_text"}
"""fpdf2's documented hooks: the page's furniture and the text on its way to the page."""


@pytest.mark.parametrize("path", PDF_MODULES, ids=lambda p: p.name)
def test_no_private_fpdf2_name_is_used_and_no_fpdf2_method_is_overridden(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute):
            assert node.attr not in FPDF_PRIVATE, f"{path.name}:{node.lineno} uses {node.attr}"
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("fpdf"):
            for alias in node.names:
                assert not alias.name.startswith("_"), f"{path.name} imports {alias.name}"
        if isinstance(node, ast.ClassDef):
            for item in node.body:
                if isinstance(item, ast.FunctionDef) and hasattr(FPDF, item.name):
                    assert item.name in OVERRIDES_ALLOWED, f"{node.name} overrides {item.name}"


def test_the_private_names_the_check_looks_for_are_known() -> None:
    """The check above is only as good as its list: it holds what the old module used."""
    assert {"_disable_writing", "_out"} <= FPDF_PRIVATE


@pytest.fixture(scope="module")
def measuring_pdf() -> FPDF:
    pdf = FPDF()
    add_fonts(pdf)
    pdf.add_page()
    return pdf


WORDS = st.sampled_from(
    [
        "a",
        "€",
        "subsidie",
        "Projectenregeling",
        "x" * 70,
        "1.234,56",
        "–",
        "(schaal",
        "ë",
        "ĳ",
        "WWWW",
    ]
)
GLUE = st.sampled_from([" ", " ", "", "\n", "  ", "\xa0"])


@settings(max_examples=150, deadline=None)
@given(
    parts=st.lists(st.tuples(WORDS, GLUE), max_size=30),
    size=st.sampled_from([7.5, 8.5, 9.5, 12.5]),
    style=st.sampled_from(list(FONT_FILES)),
    width=st.sampled_from([22.0, 46.0, 83.0, 141.0, 170.0]),
)
def test_the_linear_line_breaker_agrees_with_fpdf2(
    measuring_pdf: FPDF, parts: list[tuple[str, str]], size: float, style: str, width: float
) -> None:
    text = "".join(word + glue for word, glue in parts)
    measuring_pdf.set_font(FONT, style, size)
    expected = measuring_pdf.multi_cell(width, 4, text, dry_run=True, output="LINES")
    assert isinstance(expected, list)
    assert wrap_lines(measuring_pdf, width, text, size, style) == [
        line.rstrip(" ") for line in expected
    ]
