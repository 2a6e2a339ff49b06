"""Tables in the document's style, on fpdf2's own `table()`, and the numbered sources under them."""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field

from fpdf import FPDF
from fpdf.enums import Align, TableCellFillMode
from fpdf.fonts import FontFace
from fpdf.table import Table

from aeno_core.pdf.blocks import keep_space, small_print, text_height
from aeno_core.pdf.fonts import FONT
from aeno_core.pdf.style import (
    ACCENT,
    HAIRLINE,
    SMALL_LINE_MM,
    SMALL_PT,
    TABLE_LINE_MM,
    TABLE_PT,
    TEXT,
    ZEBRA,
)

PADDING = (1.6, 2, 1.6, 2)
"""Top, right, bottom, left of every cell, in mm."""


def table(
    pdf: FPDF,
    widths: Sequence[float],
    aligns: Sequence[str],
    *,
    zebra: bool = True,
    headings: bool = True,
) -> AbstractContextManager[Table]:
    """fpdf2's table in the document's style: accent header row, hairlines, repeated headings.

    Use it as a context manager (`with table(...) as t: t.row(...)`); cell text is plain text.
    """
    pdf.set_font(FONT, "", TABLE_PT)
    pdf.set_text_color(*TEXT)
    pdf.set_fill_color(255, 255, 255)  # fpdf2 starts every cell from the current fill colour
    pdf.set_draw_color(*HAIRLINE)
    pdf.set_line_width(0.2)
    return pdf.table(
        col_widths=tuple(widths),
        width=pdf.epw,
        text_align=tuple(aligns),
        align=Align.L,
        v_align="TOP",
        borders_layout="HORIZONTAL_LINES",
        headings_style=FontFace(
            family=FONT, emphasis="BOLD", color=(255, 255, 255), fill_color=ACCENT, size_pt=8.5
        ),
        first_row_as_headings=headings,
        repeat_headings=1,
        cell_fill_color=ZEBRA if zebra else None,
        cell_fill_mode=TableCellFillMode.ROWS if zebra else TableCellFillMode.NONE,
        line_height=TABLE_LINE_MM,
        padding=PADDING,
        markdown=False,
    )


def table_height(pdf: FPDF, widths: Sequence[float], rows: Sequence[Sequence[str]]) -> float:
    """The height a short table will take, so it can start on a page where it fits whole.

    Tables taller than half a page return 0: they break, with their header row repeated.
    """
    height = 0.0
    for cells in rows:
        height += 3.2 + max(
            text_height(pdf, width - 4, content, TABLE_PT, "", TABLE_LINE_MM)
            for width, content in zip(widths, cells, strict=True)
        )
    return height if height < (pdf.h - pdf.t_margin - pdf.b_margin) / 2 else 0.0


@dataclass
class Sources:
    """Numbered sources, so a long table repeats '[1]' instead of a whole sentence per row."""

    texts: list[str] = field(default_factory=list)

    def mark(self, source: str) -> str:
        """' [n]' for `source`, numbering it on first use; '' when there is no source."""
        if not source:
            return ""
        if source not in self.texts:
            self.texts.append(source)
        return f" [{self.texts.index(source) + 1}]"

    def lines(self) -> list[str]:
        """'[n] source', in order of first use."""
        return [f"[{number}] {text}" for number, text in enumerate(self.texts, start=1)]


def sources_height(pdf: FPDF, sources: Sources) -> float:
    """The height `source_list` will take."""
    if not sources.texts:
        return 0.0
    return (
        1.5
        + SMALL_LINE_MM
        + sum(
            text_height(pdf, pdf.epw, line, SMALL_PT, "", SMALL_LINE_MM) for line in sources.lines()
        )
    )


def source_list(pdf: FPDF, sources: Sources) -> None:
    """The numbered sources under a table."""
    if not sources.texts:
        return
    pdf.ln(1.5)
    keep_space(pdf, sources_height(pdf, sources))
    small_print(pdf, "Bronnen", style="B")
    for line in sources.lines():
        small_print(pdf, line)
