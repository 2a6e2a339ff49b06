"""The checklist PDF: what the user takes away to file, mail to HR or bring to the inlogbeheerder.

Built from the same `Estimate` the pages show, so the paper and the screen never disagree. Every
text the user typed (titles, descriptions, roles) is printed as plain text: fpdf2's markdown is
never switched on, so `**x**` or `<b>` come out literally. A fixed `created` makes the bytes
reproducible: fpdf2 derives the file id from the content, and nothing else here reads the clock.
"""

from __future__ import annotations

import argparse
import types
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any, Literal
from zoneinfo import ZoneInfo

from fontTools.ttLib import TTFont as TTFontFile  # type: ignore[import-untyped]
from fpdf import FPDF
from fpdf.enums import Align, MethodReturnValue, TableCellFillMode, WrapMode, XPos, YPos
from fpdf.fonts import FontFace, TTFFont
from fpdf.line_break import BREAKING_SPACE_SYMBOLS_STR as BREAKING_SPACES
from fpdf.line_break import NBSP
from fpdf.util import FloatTolerance, Padding

from aeno_core import cli
from aeno_core import formatting as fmt
from aeno_core.advice import SCHEME_LABELS, advise
from aeno_core.calculation import Calculation, CalculationLine
from aeno_core.declaration import compare
from aeno_core.estimate import Estimate
from aeno_core.findings import Finding, Group, Verdict
from aeno_core.hourly_wages import load_wage_tables
from aeno_core.models import NewFor, Phase, ProjectStatus, Scheme
from aeno_core.parameters import ASSETS_DIR, ParameterError, parameter
from aeno_core.safe_text import for_pdf

FONTS_DIR = ASSETS_DIR / "fonts"
FONT = "OpenSans"
FONT_FILES = {"": "OpenSans-Regular.ttf", "B": "OpenSans-Bold.ttf"}
"""Two weights only: every embedded font costs about as much build time as all the text."""
FALLBACK_FONT = "DejaVuSans"
FALLBACK_FILE = "DejaVuSans.ttf"
"""For characters Open Sans lacks (Hebrew, Arabic, symbols); loaded only when a text needs it."""
REPLACEMENT = "\ufffd"
"""What neither font has, and control characters, print as this visible sign (in DejaVu)."""

Colour = tuple[int, int, int]
ACCENT: Colour = (22, 76, 117)
"""The one accent colour: a calm petrol blue, as on many municipal letterheads."""
ACCENT_TINT: Colour = (233, 240, 246)
TEXT: Colour = (34, 38, 42)
MUTED: Colour = (98, 104, 110)
HAIRLINE: Colour = (196, 204, 212)
ZEBRA: Colour = (246, 248, 250)

VERDICTS: dict[Verdict, tuple[str, Colour, Colour]] = {
    Verdict.OK: ("In orde", (225, 240, 229), (22, 92, 46)),
    Verdict.PROBLEM: ("Probleem", (250, 226, 226), (150, 28, 28)),
    Verdict.TO_CHECK: ("Te controleren", (252, 241, 212), (117, 78, 0)),
}
"""Verdict label, badge fill and text colour: the word carries the meaning, colour only helps."""

GROUP_LABELS = {
    Group.ORGANISATION: "Organisatie",
    Group.CONTENT: "Inhoud",
    Group.PRACTICAL: "Praktische voorwaarden",
    Group.FINANCIAL: "Financiële voorwaarden",
}
PHASE_LABELS = {Phase.AANVRAAG: "Aanvraag", Phase.DECLARATIE: "Declaratie"}
STATUS_LABELS = {
    ProjectStatus.PLANNED: "Nog niet gestart",
    ProjectStatus.RUNNING: "Loopt",
    ProjectStatus.FINISHED: "Afgerond",
}
NEW_FOR_LABELS = {
    NewFor.GEMEENTE: "Nieuw voor de gemeente",
    NewFor.SECTOR: "Nieuw voor de gemeentelijke sector",
    NewFor.NONE: "Niet nieuw",
}
NOT_GIVEN = "Niet ingevuld"
FITS_TEXT = (
    "Voldoet aan de voorwaarden die per regeling verschillen (duur, stand van zaken, nieuwheid,"
    " deelnemers, termijn)."
)
DISCLAIMER = (
    "Dit is een schatting op basis van de antwoorden in de Subsidiewijzer, geen toezegging."
    " Het A&O fonds Gemeenten beoordeelt de aanvraag en beslist over de subsidie."
)

BODY_PT = 9.5
SMALL_PT = 8
TABLE_PT = 8.5
TABLE_LINE_MM = 4.1
LINE_MM = 4.7
SMALL_LINE_MM = 3.8
OVERFLOW_TOLERANCE = FloatTolerance.TOLERANCE
DUTCH_TIME = ZoneInfo("Europe/Amsterdam")
"""The date made is the date in the Netherlands, also for a build just after midnight."""


def build_pdf(result: Estimate, *, created: datetime | None = None) -> bytes:
    """The PDF of `result`; a fixed `created` makes two builds byte-identical."""
    made = created or datetime.now(UTC)
    if made.tzinfo is None:
        made = made.replace(tzinfo=UTC)
    pdf = ChecklistPDF(made, result)
    _title_block(pdf, result)
    _project_section(pdf, result)
    _scheme_section(pdf, result)
    _calculation_section(pdf, result.calculation, result)
    if result.granted:
        _granted_section(pdf, result)
    _findings_section(pdf, result.findings)
    _deadlines_section(pdf, result)
    if result.checklist.report_contents:
        _report_contents_section(pdf, result)
    _documents_section(pdf, result)
    _steps_section(pdf, result)
    _closing_section(pdf, result)
    return bytes(pdf.output())


class ChecklistPDF(FPDF):
    """A4 in Dutch with the embedded font, a quiet letterhead and 'Pagina x van y' below."""

    def __init__(self, created: datetime, result: Estimate) -> None:
        super().__init__(orientation="portrait", unit="mm", format="A4")
        self.created = created
        self.rules_date = result.rules_date
        self.section_number = 0
        self._known = _printable(FONTS_DIR / FONT_FILES[""])
        for style, name in FONT_FILES.items():
            self.add_font(FONT, style, FONTS_DIR / name)
        self.set_margins(left=20, top=24, right=20)
        self.set_auto_page_break(auto=True, margin=22)
        self.set_creation_date(created)
        self.set_lang("nl-NL")
        title = result.application.project.title if result.application.project else ""
        self.set_title(f"Subsidieschatting {for_pdf(title)}".strip())
        self.set_subject(
            f"{SCHEME_LABELS[result.application.scheme]}: schatting, voorwaarden, termijnen"
            " en checklist"
        )
        self.set_author("Subsidiewijzer")
        self.set_creator("Subsidiewijzer")
        self.set_text_color(*TEXT)
        self.set_draw_color(*HAIRLINE)
        self.add_page()

    fast_table_measuring = True
    """Measure table cells with `wrap_lines` (see `multi_cell`); off only to compare in a test."""

    def multi_cell(
        self,
        w: float,
        h: float | None = None,
        text: str = "",
        border: Literal[0, 1] | str = 0,
        align: str | Align = Align.J,
        fill: bool = False,
        split_only: bool = False,
        link: str | int | None = None,
        ln: Literal["DEPRECATED"] = "DEPRECATED",
        max_line_height: float | None = None,
        markdown: bool = False,
        print_sh: bool = False,
        new_x: str | XPos = XPos.RIGHT,
        new_y: str | YPos = YPos.NEXT,
        wrapmode: WrapMode = WrapMode.WORD,
        dry_run: bool = False,
        output: str | MethodReturnValue = MethodReturnValue.PAGE_BREAK,
        center: bool = False,
        padding: int | Sequence[int] | Padding = 0,
    ) -> Any:
        """fpdf2's multi_cell, except when `pdf.table()` only asks how tall a cell will be.

        A table measures every cell (writing switched off) before it prints it, and fpdf2's
        line breaking costs about 14 µs per character, so measuring was half of every table.
        For that question, and only in the plain case this document uses, the height comes
        from `wrap_lines`, which breaks lines exactly as fpdf2 does; printing stays fpdf2's.
        A test builds documents with and without this and compares the bytes.
        """
        measuring = not isinstance(self._out, types.MethodType)  # as fpdf2's _disable_writing
        if (
            self.fast_table_measuring
            and measuring
            and h is not None
            and not (dry_run or split_only or markdown or print_sh or center or border or fill)
            and ln == "DEPRECATED"
            and WrapMode.coerce(wrapmode) is WrapMode.WORD
            and XPos.coerce(new_x) is XPos.RIGHT
            and YPos.coerce(new_y) is YPos.TOP
            and Align.coerce(align) is not Align.X
            and MethodReturnValue.coerce(output)
            == MethodReturnValue.PAGE_BREAK | MethodReturnValue.HEIGHT
            and self._plain_font()
        ):
            pad = Padding.new(padding)
            clearance = (0 if pad.left else self.c_margin) + (0 if pad.right else self.c_margin)
            count = len(
                wrap_lines(
                    self,
                    w - pad.left - pad.right,
                    text,
                    self.font_size_pt,
                    self.font_style,
                    clearance=clearance,
                )
            )
            line = h if max_line_height is None or count == 1 else min(h, max_line_height)
            self.x += w
            return False, max(count * line, h) + pad.top + pad.bottom
        return super().multi_cell(
            w,
            h,
            text,
            border=border,
            align=align,
            fill=fill,
            split_only=split_only,
            link=link,
            ln=ln,
            max_line_height=max_line_height,
            markdown=markdown,
            print_sh=print_sh,
            new_x=new_x,
            new_y=new_y,
            wrapmode=wrapmode,
            dry_run=dry_run,
            output=output,
            center=center,
            padding=padding,
        )

    def _plain_font(self) -> bool:
        """Our own embedded font, unshaped, unspaced and unstretched: what wrap_lines measures."""
        font = self.current_font
        return (
            isinstance(font, TTFFont)
            and not font.is_symbol
            and font.fontkey in (f"{FONT.lower()}{style}" for style in FONT_FILES)
            and not self.text_shaping
            and not self.char_spacing
            and self.font_stretching == 100
        )

    def header(self) -> None:
        """Letterhead: who made it, and on every page that it is an estimate."""
        letterhead(
            self,
            "Subsidiewijzer  ·  A&O fonds Gemeenten",
            "Schatting, geen beschikking: het fonds beslist",
            top=10,
            rule=16.5,
        )
        self._restore_body_style()
        self.set_y(self.t_margin)

    def normalize_text(self, text: str) -> str:
        """Every text on its way to the page: a character Open Sans lacks is printed in the
        fallback font when that has it, otherwise (emoji, CJK, control characters) as a visible
        replacement sign; fpdf2 would silently drop it."""
        if self._known.issuperset(text):
            return text
        if FALLBACK_FONT.lower() not in self.fonts:
            self.add_font(FALLBACK_FONT, "", FONTS_DIR / FALLBACK_FILE)
            self.set_fallback_fonts([FALLBACK_FONT], exact_match=False)
        return "".join(_printed(char) for char in text)

    def footer(self) -> None:
        """The date it was made, the rules' year and the page number."""
        self.set_y(-15)
        self.set_draw_color(*HAIRLINE)
        self.set_line_width(0.2)
        self.line(self.l_margin, self.get_y(), self.w - self.r_margin, self.get_y())
        self.ln(1.5)
        self.set_font(FONT, "", 7.5)
        self.set_text_color(*MUTED)
        self.cell(
            0,
            4,
            f"Gemaakt op {fmt.long_date(self.created.astimezone(DUTCH_TIME).date())}  ·  regels van"
            f" {self.rules_date.year} (peildatum {fmt.long_date(self.rules_date)})",
            align=Align.L,
        )
        self.set_x(self.l_margin)
        self.cell(0, 4, f"Pagina {self.page_no()} van {{nb}}", align=Align.R)
        self._restore_body_style()

    def _restore_body_style(self) -> None:
        self.set_font(FONT, "", BODY_PT)
        self.set_text_color(*TEXT)
        self.set_draw_color(*HAIRLINE)
        self.set_line_width(0.2)


# Characters the fonts lack --------------------------------------------------------------------


@cache
def _printable(path: Path) -> frozenset[str]:
    """The characters a font has a glyph for, without control characters (but with newline)."""
    cmap = TTFontFile(str(path), lazy=True).getBestCmap()
    return frozenset(chr(code) for code in cmap if not _is_control(chr(code))) | {"\n"}


def _is_control(char: str) -> bool:
    return unicodedata.category(char) in ("Cc", "Cf", "Cs", "Co", "Cn") and char != "\n"


def _printed(char: str) -> str:
    """`char` itself when one of the two fonts has it, else the replacement sign."""
    if char in _printable(FONTS_DIR / FONT_FILES[""]):
        return char
    if char in _printable(FONTS_DIR / FALLBACK_FILE):
        return char
    return REPLACEMENT


def unprintable(texts: Sequence[str]) -> tuple[set[str], set[str]]:
    """Characters of `texts` printed in the fallback font, and those replaced by the sign."""
    main = _printable(FONTS_DIR / FONT_FILES[""])
    odd = set().union(*(set(text) for text in texts)) - main
    if not odd:
        return set(), set()
    fallback = _printable(FONTS_DIR / FALLBACK_FILE)
    return odd & fallback, odd - fallback


def _user_texts(result: Estimate) -> list[str]:
    """Every text the user typed or a file brought in: those may hold any character."""
    found: list[str] = []

    def walk(node: Any) -> None:
        if isinstance(node, str):
            found.append(node)
        elif isinstance(node, dict):
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(result.application.model_dump())
    walk(result.contacts.model_dump())
    return found


def _characters_note(pdf: ChecklistPDF, result: Estimate) -> None:
    """Tell the user, in the first lines, when their text is not printed as typed."""
    other_font, replaced = unprintable(_user_texts(result))
    parts = []
    if replaced:
        count = len(replaced)
        parts.append(
            f"{'Eén teken' if count == 1 else f'{count} verschillende tekens'} uit uw"
            " antwoorden (zoals emoji, Chinese tekens of onzichtbare tekens)"
            f" {'kan' if count == 1 else 'kunnen'} in dit document niet worden weergegeven;"
            f" {'het staat' if count == 1 else 'ze staan'} hier als {REPLACEMENT}."
        )
    if other_font:
        parts.append(
            "Sommige tekens uit uw antwoorden staan in een ander lettertype (DejaVu Sans)."
        )
    if parts:
        _, _, ink = VERDICTS[Verdict.TO_CHECK]
        _text(pdf, "Let op: " + " ".join(parts), size=SMALL_PT, colour=ink, after=3)


# Building blocks -----------------------------------------------------------------------------


def _text(
    pdf: FPDF,
    text: str,
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
    _lines(pdf, pdf.l_margin + indent, pdf.epw - indent, text, size, style, height)
    pdf.set_text_color(*TEXT)
    if after:
        pdf.ln(after)


def _small_print(pdf: FPDF, text: str, *, style: str = "", after: float = 0) -> None:
    """Notes, sources and the disclaimer: the one small grey style, so they all look alike."""
    _text(pdf, text, size=SMALL_PT, style=style, colour=MUTED, height=SMALL_LINE_MM, after=after)


def _lines(
    pdf: FPDF, x: float, width: float, text: str, size: float, style: str, height: float
) -> None:
    """Print wrapped plain text line by line at `x`; `cell()` never reads markdown."""
    pdf.set_font(FONT, style, size)
    for line in wrap_lines(pdf, width, text, size, style):
        pdf.set_x(x)
        pdf.cell(width, height, line, new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def _text_height(pdf: FPDF, width: float, text: str, size: float, style: str, line: float) -> float:
    """The height `text` takes in a multi_cell of `width`, without rendering it."""
    return len(wrap_lines(pdf, width, text, size, style)) * line


def wrap_lines(
    pdf: FPDF,
    width: float,
    text: str,
    size: float,
    style: str = "",
    *,
    clearance: float | None = None,
) -> list[str]:
    """The lines fpdf2's multi_cell breaks `text` into, found in one linear pass.

    fpdf2 re-measures the whole line for every character it adds, so its line breaking is
    quadratic in the line length and was most of the build time. This follows the same greedy
    rule (break at the last space before the text overflows and drop that space; split a word
    wider than the line), so blocks can be measured and printed line by line with `cell()`.
    A test holds it to fpdf2's own result.
    """
    widths: dict[int, float] = pdf.fonts[f"{FONT.lower()}{style}"].cw  # type: ignore[assignment]
    space_width = widths[ord(" ")]
    to_mm = size * 0.001 / pdf.k
    limit = width - (2 * pdf.c_margin if clearance is None else clearance)
    paragraphs = text.replace("\r", "").split("\n")
    ends_with_newline = len(paragraphs) > 1 and not paragraphs[-1]
    if ends_with_newline:
        paragraphs.pop()
    lines: list[str] = []
    for number, paragraph in enumerate(paragraphs, start=1):
        start = 0  # where the current line starts in the paragraph
        is_open = True  # the current line exists (every paragraph has one, even if empty)
        used = 0.0  # font units on the current line, trailing spaces included
        space_at: int | None = None  # the current line's last breaking space
        after_space = 0.0  # font units after that space
        index = 0
        while index < len(paragraph):
            char = paragraph[index]
            char_width = widths[ord(char)]
            if used and (used + char_width) * to_mm - limit > OVERFLOW_TOLERANCE:
                if char in BREAKING_SPACES:  # the overflowing space is dropped
                    lines.append(paragraph[start:index])
                    start, used, is_open = index + 1, 0.0, False
                    index += 1
                elif space_at is not None:  # the last word moves to the next line
                    lines.append(paragraph[start:space_at])
                    start, used, is_open = space_at + 1, after_space, bool(after_space)
                else:  # a word wider than the line is split
                    lines.append(paragraph[start:index])
                    start, used, is_open = index, 0.0, False
                space_at = None
                continue
            is_open = True
            used += space_width if char == NBSP else char_width
            if char in BREAKING_SPACES:
                space_at, after_space = index, 0.0
            elif space_at is not None:
                after_space += char_width
            index += 1
        if is_open or number < len(paragraphs) or ends_with_newline:
            lines.append(paragraph[start:])
    # Like fpdf2: a no-break space only keeps words together; it prints as a plain space.
    return [line.replace(NBSP, " ").rstrip(" ") for line in lines]


def _table_height(pdf: FPDF, widths: Sequence[float], rows: Sequence[Sequence[str]]) -> float:
    """The height a short table will take, so it can start on a page where it fits whole.

    Tables taller than half a page return 0: they break, with their header row repeated.
    """
    height = 0.0
    for cells in rows:
        height += 3.2 + max(
            _text_height(pdf, width - 4, text, TABLE_PT, "", TABLE_LINE_MM)
            for width, text in zip(widths, cells, strict=True)
        )
    return height if height < (pdf.h - pdf.t_margin - pdf.b_margin) / 2 else 0.0


def _keep_space(pdf: FPDF, height: float) -> None:
    """Start a new page when `height` mm would not fit: no heading alone at a page's foot."""
    if pdf.will_page_break(height):
        pdf.add_page()


def _heading(pdf: ChecklistPDF, title: str, *, keep: float = 30) -> None:
    """A numbered section heading with an outline entry for the PDF viewer's sidebar."""
    pdf.section_number += 1
    _keep_space(pdf, keep)
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


def _subheading(pdf: FPDF, title: str, *, keep: float = 18) -> None:
    _keep_space(pdf, keep)
    pdf.ln(1)
    _text(pdf, title, size=10, style="B", height=5.5, after=0.8)


def _tick_item(pdf: FPDF, text: str, *, indent: float = 0, size: float = BODY_PT) -> None:
    """An empty tick box followed by wrapped text, kept together on one page."""
    box, gap = 3.3, 3.2
    width = pdf.epw - indent - box - gap
    height = _text_height(pdf, width, text, size, "", LINE_MM)
    _keep_space(pdf, height + 1.5)
    x, y = pdf.l_margin + indent, pdf.get_y()
    pdf.set_draw_color(*MUTED)
    pdf.set_line_width(0.3)
    pdf.rect(x, y + 0.75, box, box)
    pdf.set_draw_color(*HAIRLINE)
    pdf.set_line_width(0.2)
    pdf.set_y(y)
    _lines(pdf, x + box + gap, width, text, size, "", LINE_MM)
    pdf.ln(1.3)


def _bullet(pdf: FPDF, text: str, *, indent: float = 0) -> None:
    width = pdf.epw - indent - 5
    _keep_space(pdf, _text_height(pdf, width, text, BODY_PT, "", LINE_MM) + 1)
    y = pdf.get_y()
    pdf.set_fill_color(*ACCENT)
    pdf.ellipse(pdf.l_margin + indent + 0.6, y + 1.7, 1.3, 1.3, style="F")
    pdf.set_y(y)
    _lines(pdf, pdf.l_margin + indent + 5, width, text, BODY_PT, "", LINE_MM)
    pdf.ln(0.8)


def _table(
    pdf: FPDF,
    widths: Sequence[float],
    aligns: Sequence[str],
    *,
    zebra: bool = True,
    headings: bool = True,
) -> Any:
    """fpdf2's table in the document's style: accent header row, hairlines, repeated headings."""
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
        padding=(1.6, 2, 1.6, 2),
        markdown=False,
    )


def letterhead(pdf: FPDF, left: str, right: str, *, top: float, rule: float) -> None:
    """The line at the top of every page of our documents: who made it, what it is not."""
    pdf.set_y(top)
    pdf.set_font(FONT, "B", 8.5)
    pdf.set_text_color(*ACCENT)
    pdf.cell(0, 5, left, align=Align.L)
    pdf.set_x(pdf.l_margin)
    pdf.set_font(FONT, "", 8)
    pdf.set_text_color(*MUTED)
    pdf.cell(0, 5, right, align=Align.R)
    pdf.set_draw_color(*ACCENT)
    pdf.set_line_width(0.5)
    pdf.line(pdf.l_margin, rule, pdf.w - pdf.r_margin, rule)


# Sections --------------------------------------------------------------------------------------


def _granted_section(pdf: ChecklistPDF, result: Estimate) -> None:
    """Declaratie: the subsidy per line at aanvraag beside the subsidy now, and the totals."""
    compared = compare(result)
    widths = (80, 30, 30, 30)
    header = ("Regel", "Bij aanvraag", "Nu", "Verschil")
    rows = [
        (
            line.label,
            "–" if line.granted is None else fmt.money(line.granted),
            "–" if line.realised is None else fmt.money(line.realised),
            fmt.money(line.difference),
        )
        for line in compared.lines
    ]
    granted_total = compared.granted_total or Decimal("0")
    total = (
        "Samen, vóór de grenzen",
        fmt.money(granted_total),
        fmt.money(compared.realised_total),
        fmt.money(compared.realised_total - granted_total),
    )
    _heading(
        pdf, "Toegekend en gerealiseerd", keep=35 + _table_height(pdf, widths, [header, *rows])
    )
    _text(
        pdf,
        "De subsidie per regel zoals die bij de aanvraag werd berekend, naast die van de"
        " werkelijke kosten. Het fonds betaalt nooit meer dan de voorlopige subsidie.",
        after=2.5,
    )
    with _table(pdf, widths, ("LEFT", "RIGHT", "RIGHT", "RIGHT"), zebra=True) as table:
        table.row(header)
        for cells in rows:
            table.row(cells)
        table.row(total, style=FontFace(emphasis="BOLD", fill_color=ACCENT_TINT))
    pdf.ln(2)


def _title_block(pdf: ChecklistPDF, result: Estimate) -> None:
    app, calc = result.application, result.calculation
    pdf.set_font(FONT, "B", 19)
    pdf.set_text_color(*ACCENT)
    pdf.cell(0, 10, "Subsidieschatting en checklist", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    title = app.project.title if app.project and app.project.title else "Project zonder titel"
    _text(pdf, for_pdf(title), size=13, style="B", height=6.2)
    _text(
        pdf,
        f"{SCHEME_LABELS[app.scheme]} ({result.scheme_mark})  ·"
        f"  {PHASE_LABELS[app.phase].lower()}  ·  in te dienen op"
        f" {fmt.long_date(result.submitted_on)}",
        colour=MUTED,
        after=5,
    )
    for finding in result.findings:
        if finding.code == "rules_date":
            _, _, ink = VERDICTS[Verdict.TO_CHECK]
            _text(pdf, f"Let op: {finding.message}", style="B", colour=ink, after=4)
    _characters_note(pdf, result)

    label = "Geschatte subsidie" + (" bij declaratie" if app.phase is Phase.DECLARATIE else "")
    _, _, problem_ink = VERDICTS[Verdict.PROBLEM]
    pad = 8.0
    inner = pdf.epw - 2 * pad
    blocks: list[tuple[str, float, str, Colour, float, float]] = [
        (calc.limit_message, BODY_PT, "", TEXT, LINE_MM, 2.5),
        (_verdict_counts(result.findings), BODY_PT, "B", TEXT, LINE_MM, 2.5),
    ]
    if result.problems:
        count = len(result.problems)
        blocks.append(
            (
                f"Let op: {count} {'voorwaarde staat' if count == 1 else 'voorwaarden staan'}"
                " een subsidie in de weg (zie hoofdstuk 4). Dit bedrag geldt alleen als"
                f" {'dat probleem is' if count == 1 else 'die problemen zijn'} opgelost.",
                BODY_PT,
                "B",
                problem_ink,
                LINE_MM,
                2.5,
            )
        )
    blocks.append((DISCLAIMER, SMALL_PT, "", MUTED, SMALL_LINE_MM, 0))
    box_h = 5 + 4.5 + 11 + 5
    box_h += sum(
        _text_height(pdf, inner, text, size, style, line) + after
        for text, size, style, _, line, after in blocks
    )
    x, y = pdf.l_margin, pdf.get_y()
    pdf.set_fill_color(*ACCENT_TINT)
    pdf.rect(x, y, pdf.epw, box_h, style="F")
    pdf.set_fill_color(*ACCENT)
    pdf.rect(x, y, 1.6, box_h, style="F")
    pdf.set_xy(x, y + 5)
    pdf.set_text_color(*ACCENT)
    _lines(pdf, x + pad, inner, label.upper(), 8, "B", 4.5)
    pdf.set_x(x + pad)
    pdf.set_font(FONT, "B", 24)
    pdf.set_text_color(*TEXT)
    pdf.cell(inner, 11, fmt.money(calc.subsidy), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    for text, size, style, colour, line, after in blocks:
        pdf.set_text_color(*colour)
        _lines(pdf, x + pad, inner, text, size, style, line)
        pdf.ln(after)
    pdf.set_text_color(*TEXT)
    pdf.set_y(y + box_h + 4)


def _verdict_counts(findings: Sequence[Finding]) -> str:
    ok = sum(1 for f in findings if f.verdict is Verdict.OK)
    problems = sum(1 for f in findings if f.verdict is Verdict.PROBLEM)
    check = sum(1 for f in findings if f.verdict is Verdict.TO_CHECK)
    problem_word = "probleem" if problems == 1 else "problemen"
    return (
        f"Voorwaarden: {ok} in orde  ·  {problems} {problem_word}  ·  {check} te controleren"
        " (zie hoofdstuk 4)"
    )


def _yes_no(value: bool | None, yes: str = "Ja", no: str = "Nee") -> str:
    return NOT_GIVEN if value is None else (yes if value else no)


def _lookup(name: str, day: Any, key: str, wanted: Any, text: str) -> str | None:
    try:
        entries = parameter(name, day).value
    except ParameterError:
        return None
    return next((str(e[text]) for e in entries if e[key] == wanted), None)


def _project_rows(result: Estimate) -> list[tuple[str, str]]:
    app, day = result.application, result.rules_date
    project, org = app.project, app.organisation
    rows = [
        ("Regeling", f"{SCHEME_LABELS[app.scheme]} ({PHASE_LABELS[app.phase].lower()})"),
        (
            "Looptijd",
            f"{fmt.long_date(app.project_start)} tot en met {fmt.long_date(app.project_end)}",
        ),
        ("Datum van indienen", fmt.long_date(result.submitted_on)),
    ]
    if app.provisional_subsidy is not None:
        rows.append(("Voorlopige subsidie (beschikking)", fmt.money(app.provisional_subsidy)))
    people = result.contacts
    if project is None:
        rows.append(("Project", "Geen projectgegevens ingevuld"))
    else:
        rows.append(("Projecttitel", for_pdf(project.title) or NOT_GIVEN))
    if people.leader_name or people.leader_email:
        leader = ", ".join(p for p in (people.leader_name, people.leader_email) if p)
        rows.append(("Projectleider", for_pdf(leader)))
    if project is not None:
        if "theme" not in project.model_fields_set:
            theme = NOT_GIVEN
        elif project.theme is None:
            theme = "Geen thema van de innovatieagenda past"
        else:
            name = _lookup("general.themes", day, "number", project.theme, "title")
            theme = f"Thema {project.theme}: {name}" if name else f"Thema {project.theme}"
        rows.append(("Thema innovatieagenda", theme))
        rows.append(
            ("Nieuw voor", NEW_FOR_LABELS[project.new_for] if project.new_for else NOT_GIVEN)
        )
        rows.append(
            ("Stand van zaken", STATUS_LABELS[project.status] if project.status else NOT_GIVEN)
        )
        if project.participants_per_training is not None:
            rows.append(
                ("Deelnemers in de kleinste training", str(project.participants_per_training))
            )
        if project.partner_gemeenten is not None:
            rows.append(("Andere gemeenten in het project", str(project.partner_gemeenten)))
        if project.internal_assignment_date is not None:
            rows.append(
                (
                    "Interne opdracht of getekende offerte",
                    fmt.long_date(project.internal_assignment_date),
                )
            )
    if people.organisation_name:
        rows.append(("Organisatie", for_pdf(people.organisation_name)))
    if people.organisation_contact:
        rows.append(("Contactpersoon", for_pdf(people.organisation_contact)))
    if org is None:
        rows.append(("Organisatie", "Geen organisatiegegevens ingevuld"))
    else:
        if org.type is None:
            kind = NOT_GIVEN
        else:
            kind = (
                _lookup("general.organisation_types", day, "code", org.type.value, "label")
                or "Een ander soort organisatie"
            )
        rows.append(("Soort organisatie", kind))
        rows.append(("Past de CAR-UWO toe", _yes_no(org.applies_car_uwo)))
        together = _yes_no(org.collaboration)
        if org.collaboration and org.share_gemeenten is not None:
            together += f", {fmt.number(org.share_gemeenten)}% gemeenten"
        rows.append(("Samenwerkingsverband", together))
        rows.append(("Aanvraag via een extern bureau", _yes_no(org.via_external_bureau)))
    return rows


def _project_section(pdf: ChecklistPDF, result: Estimate) -> None:
    """A definition list (label, answer) with hairlines, drawn directly: it has no header row."""
    rows = _project_rows(result)
    label_w, pad = 58.0, 1.1
    heights = [
        2 * pad
        + max(
            _text_height(pdf, label_w, label, TABLE_PT, "", TABLE_LINE_MM),
            _text_height(pdf, pdf.epw - label_w, value, TABLE_PT, "", TABLE_LINE_MM),
        )
        for label, value in rows
    ]
    total = sum(heights)
    _heading(pdf, "Project en organisatie", keep=20 + (total if total < 120 else 30))
    pdf.set_draw_color(*HAIRLINE)
    pdf.set_line_width(0.2)
    right = pdf.w - pdf.r_margin
    for (label, value), height in zip(rows, heights, strict=True):
        _keep_space(pdf, height)
        top = pdf.get_y()
        pdf.set_y(top + pad)
        pdf.set_text_color(*MUTED)
        _lines(pdf, pdf.l_margin, label_w, label, TABLE_PT, "", TABLE_LINE_MM)
        pdf.set_y(top + pad)
        pdf.set_text_color(*TEXT)
        _lines(pdf, pdf.l_margin + label_w, pdf.epw - label_w, value, TABLE_PT, "", TABLE_LINE_MM)
        pdf.set_y(top + height)
        pdf.line(pdf.l_margin, pdf.get_y(), right, pdf.get_y())
    pdf.ln(1)


def _scheme_section(pdf: ChecklistPDF, result: Estimate) -> None:
    advice = advise(result.application, result.submitted_on)
    chosen = result.application.scheme
    widths = (46, 14, 27, 83)
    rows = [("Regeling", "Past", "Schatting", "Waarom")]
    for option in advice.options:
        label = option.label + (f"\n({result.scheme_mark})" if option.scheme is chosen else "")
        if len(option.reasons) > 1:
            why = "\n".join(f"– {reason}" for reason in option.reasons)
        else:
            why = option.reasons[0] if option.reasons else FITS_TEXT
        rows.append(
            (
                label,
                "Ja" if option.fits else "Nee",
                fmt.money(option.estimate.calculation.subsidy),
                why,
            )
        )
    _heading(pdf, "De regeling en waarom", keep=35 + _table_height(pdf, widths, rows))
    _text(pdf, advice.summary, after=1)
    if advice.recommended is not chosen and result.scheme_chosen:
        _text(
            pdf,
            f"Deze schatting is gemaakt voor de gekozen {SCHEME_LABELS[chosen]}; overweeg de"
            f" {SCHEME_LABELS[advice.recommended]}.",
            style="B",
            after=1,
        )
    pdf.ln(1.5)
    with _table(pdf, widths, ("LEFT", "LEFT", "RIGHT", "LEFT"), zebra=False) as table:
        for index, cells in enumerate(rows):
            chosen_row = index > 0 and advice.options[index - 1].scheme is chosen
            row = table.row()
            for column, text in enumerate(cells):
                bold = chosen_row and column == 0
                row.cell(text, style=FontFace(emphasis="BOLD") if bold else None)
    _small_print(
        pdf,
        "Alleen de voorwaarden die per regeling verschillen bepalen of een regeling past; de"
        " overige staan in hoofdstuk 4.",
    )


@dataclass
class _Sources:
    """Numbered sources, so a long table repeats '[1]' instead of a whole sentence per row."""

    texts: list[str] = field(default_factory=list)

    def mark(self, source: str) -> str:
        if not source:
            return ""
        if source not in self.texts:
            self.texts.append(source)
        return f" [{self.texts.index(source) + 1}]"

    def lines(self) -> list[str]:
        return [f"[{number}] {text}" for number, text in enumerate(self.texts, start=1)]


def _line_label(line: CalculationLine) -> str:
    """The user's description plus what kind of cost it is; rates from the shipped table say so."""
    name = for_pdf(line.description) or (
        "Externe kosten" if line.kind == "external" else "Medewerker"
    )
    if line.kind == "external":
        return f"{name}\nExtern, ex BTW"
    hours = fmt.number(line.hours) if line.hours is not None else "?"
    if line.rate is None:
        return f"{name}\nIntern: {hours} uur, uurloon onbekend"
    approx = " (benaderd uurloon*)" if line.rate_is_approximation else ""
    return f"{name}\nIntern: {hours} uur × {fmt.money(line.rate)}{approx}"


def _calculation_section(pdf: ChecklistPDF, calc: Calculation, result: Estimate) -> None:
    sources = _Sources()
    widths = (54, 23, 12, 23, 58)
    lines = [
        (
            _line_label(line),
            fmt.money(line.cost),
            line.share if line.eligible else "–",
            fmt.money(line.subsidy),
            line.rule + sources.mark(line.source),
        )
        for line in calc.lines
    ]
    limits = f"Minimum {fmt.money(calc.minimum)}, maximum {fmt.money(calc.maximum)}"
    if calc.provisional_subsidy is not None and calc.phase is Phase.DECLARATIE:
        limits += f"; voorlopige subsidie {fmt.money(calc.provisional_subsidy)}"
    totals = [
        ("Subsidie vóór de grenzen van de regeling", fmt.money(calc.before_limits), limits),
        (
            "Geschatte subsidie",
            fmt.money(calc.subsidy),
            calc.limit_message + sources.mark(calc.limit_source),
        ),
    ]
    header = ("Kostenpost", "Kosten", "Deel", "Subsidie", "Toelichting")
    rows = [header, *lines, *((label, "", "", amount, why) for label, amount, why in totals)]
    _heading(pdf, "De berekening", keep=max(45, 30 + _table_height(pdf, widths, rows)))
    _text(
        pdf,
        "Per kostenpost wat het fonds vergoedt en waarom. Bedragen zijn het projectdeel, exclusief"
        " BTW; de subsidie per regel is afgerond op centen.",
        after=2.5,
    )
    if not calc.lines:
        _text(pdf, "Er zijn nog geen kostenposten ingevuld.", colour=MUTED, after=2)
    muted = FontFace(color=MUTED)
    with _table(pdf, widths, ("LEFT", "RIGHT", "CENTER", "RIGHT", "LEFT"), zebra=True) as table:
        table.row(header)
        for line, cells in zip(calc.lines, lines, strict=True):
            table.row(cells, style=None if line.eligible else muted)
        for index, (label, amount, why) in enumerate(totals):
            last = index == len(totals) - 1
            row = table.row(
                style=FontFace(emphasis="BOLD", fill_color=ACCENT_TINT) if last else None
            )
            row.cell(label, colspan=3)
            row.cell(amount)
            row.cell(why)
    pdf.ln(2)
    notes: list[str] = []
    if calc.project_leader_rule_applied:
        notes.append(
            "Omdat de aanvraag externe kosten bevat, telt intern alleen de projectleider mee."
            f" De andere medewerkers zouden samen {fmt.money(calc.project_leader_rule_cost)}"
            " subsidie opleveren."
        )
    if calc.missing_rates:
        notes.append(
            "Voor een of meer medewerkers is geen uurloon bekend; vul het uurloon uit de"
            " uurloontabel van het A&O fonds in om die regels mee te laten tellen."
        )
    if any(line.rate_is_approximation and line.rate is not None for line in calc.lines):
        notes.append(_approximation_note(result))
    for note in notes:
        _small_print(pdf, note, after=1.2)
    _source_list(pdf, sources)


def _sources_height(pdf: FPDF, sources: _Sources) -> float:
    if not sources.texts:
        return 0.0
    return (
        1.5
        + SMALL_LINE_MM
        + sum(
            _text_height(pdf, pdf.epw, line, SMALL_PT, "", SMALL_LINE_MM)
            for line in sources.lines()
        )
    )


def _source_list(pdf: FPDF, sources: _Sources) -> None:
    """The numbered sources under a table."""
    if not sources.texts:
        return
    pdf.ln(1.5)
    _keep_space(pdf, _sources_height(pdf, sources))
    _small_print(pdf, "Bronnen", style="B")
    for text in sources.lines():
        _small_print(pdf, text)


def _approximation_note(result: Estimate) -> str:
    """Why a rate marked * is an approximation, with the table's own derivation."""
    table = load_wage_tables().table_on(result.application.project_start)
    about = f" {table.user_note()}" if table else ""
    return (
        "* Benaderd uurloon: de uurloontabel van het A&O fonds is niet openbaar, daarom schat de"
        f" Subsidiewijzer het uurloon uit de openbare salaristabellen van gemeenten.{about} Het"
        " fonds rekent met zijn eigen uurloontabel; vul dat uurloon in voor een exact bedrag."
    )


def _findings_section(pdf: ChecklistPDF, findings: Sequence[Finding]) -> None:
    _heading(pdf, "De voorwaarden", keep=50)
    _text(
        pdf,
        "Elke voorwaarde van het fonds, getoetst aan de antwoorden. 'Te controleren' betekent dat"
        " een antwoord ontbreekt of dat u iets zelf moet nagaan.",
        after=1.5,
    )
    for group in Group:
        members = [f for f in findings if f.group is group]
        if not members:
            continue
        _subheading(pdf, GROUP_LABELS[group])
        for finding in members:
            _finding_item(pdf, finding)


def _finding_item(pdf: FPDF, finding: Finding) -> None:
    """A labelled badge (the word, not just a colour) beside the message and its source."""
    label, fill, ink = VERDICTS[finding.verdict]
    badge_w, gap = 25, 4
    width = pdf.epw - badge_w - gap
    source = f"Bron: {finding.source}" if finding.source else ""
    height = _text_height(pdf, width, finding.message, BODY_PT, "", LINE_MM)
    if source:
        height += _text_height(pdf, width, source, 7.5, "", 3.5)
    _keep_space(pdf, height + 2.5)
    x, y = pdf.l_margin, pdf.get_y()
    pdf.set_fill_color(*fill)
    pdf.rect(x, y + 0.3, badge_w, 4.6, style="F", round_corners=True, corner_radius=1)
    pdf.set_xy(x, y + 0.3)
    pdf.set_font(FONT, "B", 7.5)
    pdf.set_text_color(*ink)
    pdf.cell(badge_w, 4.6, label, align=Align.C)
    pdf.set_text_color(*TEXT)
    pdf.set_y(y)
    _lines(pdf, x + badge_w + gap, width, finding.message, BODY_PT, "", LINE_MM)
    if source:
        pdf.set_text_color(*MUTED)
        _lines(pdf, x + badge_w + gap, width, source, 7.5, "", 3.5)
        pdf.set_text_color(*TEXT)
    pdf.ln(2.2)


def _deadlines_section(pdf: ChecklistPDF, result: Estimate) -> None:
    deadlines = result.deadlines
    sources = _Sources()
    widths = (36, 52, 82)
    rows = [("Datum", "Wat", "Regel")]
    rows.extend(
        (fmt.long_date(item.day), item.label, item.rule + sources.mark(item.source))
        for item in deadlines.items
    )
    table_height = _table_height(pdf, widths, rows)
    keep = 35 + table_height + (_sources_height(pdf, sources) if table_height else 0)
    _heading(pdf, "Termijnen", keep=keep)
    if not deadlines.items:
        _text(pdf, "Uit de antwoorden volgen nog geen termijnen.", colour=MUTED)
    else:
        _text(
            pdf,
            "De data die u niet mag missen. Ze staan ook in het agendabestand (.ics) dat u naast"
            " deze PDF kunt downloaden, met een herinnering een week vooraf.",
            after=2.5,
        )
        with _table(pdf, widths, ("LEFT", "LEFT", "LEFT")) as table:
            for index, cells in enumerate(rows):
                row = table.row()
                for column, text in enumerate(cells):
                    bold = index > 0 and column == 0
                    row.cell(text, style=FontFace(emphasis="BOLD") if bold else None)
        _source_list(pdf, sources)
    app = result.application
    if app.scheme is Scheme.INNOVATIEF and app.phase is Phase.AANVRAAG and not deadlines.apply_by:
        window = parameter("innovatief.application_window_days", result.rules_date)
        pdf.ln(1.5)
        _small_print(
            pdf,
            "De uiterste datum voor de aanvraag volgt uit de datum van de interne opdracht of de"
            f" getekende offerte ({window.value // 7} weken daarna); vul die in om hem te"
            " berekenen.",
        )


def _documents_section(pdf: ChecklistPDF, result: Estimate) -> None:
    checklist = result.checklist
    phase = PHASE_LABELS[result.application.phase].lower()
    _heading(pdf, f"Stukken voor de {phase}")
    _text(pdf, "Verzamel deze stukken voordat u indient; vink af wat u hebt.", after=2.5)
    for document in checklist.documents:
        _tick_item(pdf, document)
    _source_line(pdf, checklist.documents_source)


def _steps_section(pdf: ChecklistPDF, result: Estimate) -> None:
    checklist = result.checklist
    keeps = [
        22 + (_text_height(pdf, pdf.epw, step.note, BODY_PT, "", LINE_MM) if step.note else 0)
        for step in checklist.steps
    ]
    _heading(pdf, "Stappenplan", keep=14 + (keeps[0] if keeps else 0))
    for number, (step, keep) in enumerate(zip(checklist.steps, keeps, strict=True), start=1):
        _subheading(pdf, f"Stap {number}. {step.title}", keep=keep)
        if step.note:
            _text(pdf, step.note, colour=MUTED, after=1.5)
        for task in step.tasks:
            _tick_item(pdf, task, indent=4)
    _source_line(pdf, checklist.steps_source)


def _report_contents_section(pdf: ChecklistPDF, result: Estimate) -> None:
    _heading(pdf, "Inhoud van tussenrapportages en declaratie")
    reports = [d for d in result.deadlines.items if d.code == "interim_report"]
    if reports:
        months = ", ".join(fmt.month_year(d.day) for d in reports)
        _text(pdf, f"Tussenrapportages in: {months}.", style="B", after=1.5)
    _text(pdf, "Elke tussenrapportage en de declaratie beschrijven:", after=1.5)
    for item in result.checklist.report_contents:
        _bullet(pdf, item, indent=2)


def _closing_section(pdf: ChecklistPDF, result: Estimate) -> None:
    _keep_space(pdf, 30)
    pdf.ln(5)
    pdf.set_draw_color(*ACCENT)
    pdf.set_line_width(0.4)
    pdf.line(pdf.l_margin, pdf.get_y(), pdf.l_margin + 30, pdf.get_y())
    pdf.set_line_width(0.2)
    pdf.ln(2.5)
    _text(pdf, "Over deze schatting", size=9, style="B", height=4.6)
    _small_print(
        pdf,
        f"{DISCLAIMER} De berekening volgt de regels die het fonds publiceert, zoals die golden op"
        f" {fmt.long_date(result.rules_date)}. Bedragen kunnen afwijken als de stukken anders"
        " zijn dan de antwoorden, of als het fonds met andere uurlonen rekent.",
    )


def _source_line(pdf: FPDF, source: str) -> None:
    if source:
        pdf.ln(0.5)
        _small_print(pdf, f"Bron: {source}")


# Command line ----------------------------------------------------------------------------------


def _write(result: Estimate, out: Path, args: argparse.Namespace) -> None:
    out.write_bytes(build_pdf(result))


cli.EXTRA_COMMANDS["pdf"] = ("schrijf de schatting en checklist als PDF", _write)
