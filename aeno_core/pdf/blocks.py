"""The building blocks of our documents: paragraphs, small print, headings, tick boxes, bullets.

Every text is plain text: `cell()` never reads markdown, so `**x**` or `<b>` a user typed come
out literally. Paragraphs are broken by `line_breaks.wrap_lines` (see there why) and printed a
line at a time, so a block's height is known before it is drawn and a block is never split from
its heading at a page's foot.
"""

from __future__ import annotations

from fpdf import FPDF
from fpdf.enums import XPos, YPos

from aeno_core.pdf.document import NumberedPDF
from aeno_core.pdf.fonts import FONT
from aeno_core.pdf.line_breaks import wrap_lines
from aeno_core.pdf.style import (
    ACCENT,
    BODY_PT,
    HAIRLINE,
    LINE_MM,
    MUTED,
    SMALL_LINE_MM,
    SMALL_PT,
    TEXT,
    Colour,
)


def text(
    pdf: FPDF,
    content: str,
    *,
    size: float = BODY_PT,
    style: str = "",
    colour: Colour = TEXT,
    height: float = LINE_MM,
    indent: float = 0,
    after: float = 0,
) -> None:
    """A wrapped paragraph of plain text (never markdown)."""
    pdf.set_text_color(*colour)
    lines(pdf, pdf.l_margin + indent, pdf.epw - indent, content, size, style, height)
    pdf.set_text_color(*TEXT)
    if after:
        pdf.ln(after)


def small_print(pdf: FPDF, content: str, *, style: str = "", after: float = 0) -> None:
    """Notes, sources and the disclaimer: the one small grey style, so they all look alike."""
    text(pdf, content, size=SMALL_PT, style=style, colour=MUTED, height=SMALL_LINE_MM, after=after)


def lines(
    pdf: FPDF, x: float, width: float, content: str, size: float, style: str, height: float
) -> None:
    """Print wrapped plain text line by line at `x`."""
    pdf.set_font(FONT, style, size)
    for line in wrap_lines(pdf, width, content, size, style):
        pdf.set_x(x)
        pdf.cell(width, height, line, new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def text_height(
    pdf: FPDF, width: float, content: str, size: float, style: str, line: float
) -> float:
    """The height `content` takes when printed by `lines` in `width`, without printing it."""
    return len(wrap_lines(pdf, width, content, size, style)) * line


def keep_space(pdf: FPDF, height: float) -> None:
    """Start a new page when `height` mm would not fit: no heading alone at a page's foot."""
    if pdf.will_page_break(height):
        pdf.add_page()


def heading(pdf: NumberedPDF, title: str, *, keep: float = 30) -> None:
    """A numbered section heading with an outline entry for the PDF viewer's sidebar."""
    pdf.section_number += 1
    keep_space(pdf, keep)
    pdf.ln(3)
    label = f"{pdf.section_number}. {title}"
    pdf.start_section(label)
    pdf.set_font(FONT, "B", 12.5)
    pdf.set_text_color(*ACCENT)
    pdf.cell(0, 7, label, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_draw_color(*HAIRLINE)
    pdf.line(pdf.l_margin, pdf.get_y() + 0.5, pdf.w - pdf.r_margin, pdf.get_y() + 0.5)
    pdf.ln(3)
    pdf.set_text_color(*TEXT)


def subheading(pdf: FPDF, title: str, *, keep: float = 18) -> None:
    """A bold line that starts a group, kept with what follows it."""
    keep_space(pdf, keep)
    pdf.ln(1)
    text(pdf, title, size=10, style="B", height=5.5, after=0.8)


def tick_item(pdf: FPDF, content: str, *, indent: float = 0, size: float = BODY_PT) -> None:
    """An empty tick box followed by wrapped text, kept together on one page."""
    box, gap = 3.3, 3.2
    width = pdf.epw - indent - box - gap
    height = text_height(pdf, width, content, size, "", LINE_MM)
    keep_space(pdf, height + 1.5)
    x, y = pdf.l_margin + indent, pdf.get_y()
    pdf.set_draw_color(*MUTED)
    pdf.set_line_width(0.3)
    pdf.rect(x, y + 0.75, box, box)
    pdf.set_draw_color(*HAIRLINE)
    pdf.set_line_width(0.2)
    pdf.set_y(y)
    lines(pdf, x + box + gap, width, content, size, "", LINE_MM)
    pdf.ln(1.3)


def bullet(pdf: FPDF, content: str, *, indent: float = 0) -> None:
    """A round accent bullet followed by wrapped text, kept together on one page."""
    width = pdf.epw - indent - 5
    keep_space(pdf, text_height(pdf, width, content, BODY_PT, "", LINE_MM) + 1)
    y = pdf.get_y()
    pdf.set_fill_color(*ACCENT)
    pdf.ellipse(pdf.l_margin + indent + 0.6, y + 1.7, 1.3, 1.3, style="F")
    pdf.set_y(y)
    lines(pdf, pdf.l_margin + indent + 5, width, content, BODY_PT, "", LINE_MM)
    pdf.ln(0.8)


def source_line(pdf: FPDF, source: str) -> None:
    """'Bron: ...' under a list, in small print; nothing when there is no source."""
    if source:
        pdf.ln(0.5)
        small_print(pdf, f"Bron: {source}")
