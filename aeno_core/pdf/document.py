"""The checklist's page: A4 in Dutch, the embedded font, the letterhead and the footer.

A small `FPDF` subclass as in fpdf2's tutorial: `header()` and `footer()` draw what every page
carries, and `normalize_text()` (fpdf2's public hook for every text on its way to the page)
makes sure no character is dropped silently.
"""

from __future__ import annotations

from datetime import datetime

from fpdf import FPDF
from fpdf.enums import Align

from aeno_core import formatting as fmt
from aeno_core.estimate import Estimate
from aeno_core.pdf.fonts import FONT, add_fonts, printable_text
from aeno_core.pdf.style import ACCENT, BODY_PT, DUTCH_TIME, HAIRLINE, MUTED, TEXT
from aeno_core.safe_text import for_pdf
from aeno_core.vocabulary import SCHEME_LABELS


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


class NumberedPDF(FPDF):
    """A document whose section headings are numbered as they are added (`blocks.heading`)."""

    section_number = 0

    def open_document(self, created: datetime, *, title: str, subject: str) -> None:
        """What every document of ours says about itself, then its first page.

        A fixed `created` makes two builds byte-identical (fpdf2 derives the file id from it).
        """
        self.set_creation_date(created)
        self.set_lang("nl-NL")
        self.set_title(title)
        self.set_subject(subject)
        self.set_author("Subsidiewijzer")
        self.set_creator("Subsidiewijzer")
        self.set_text_color(*TEXT)
        self.set_draw_color(*HAIRLINE)
        self.add_page()


class ChecklistPDF(NumberedPDF):
    """A4 in Dutch with the embedded font, a quiet letterhead and 'Pagina x van y' below."""

    def __init__(self, created: datetime, result: Estimate) -> None:
        super().__init__(orientation="portrait", unit="mm", format="A4")
        self.created = created
        self.rules_date = result.rules_date
        add_fonts(self)
        self.set_margins(left=20, top=24, right=20)
        self.set_auto_page_break(auto=True, margin=22)
        title = result.application.project.title if result.application.project else ""
        self.open_document(
            created,
            title=f"Subsidieschatting {for_pdf(title)}".strip(),
            subject=f"{SCHEME_LABELS[result.application.scheme]}: schatting, voorwaarden,"
            " termijnen en checklist",
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
        return super().normalize_text(printable_text(self, text))

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
