"""The projects map on paper: one PDF summary for HR's file or the management team.

Landscape A4 in the checklist PDF's style (its embedded font, colours, tables and small print
from `aeno_core.pdf`): totals per year and scheme, the fund's limit, one line per project, the
problems per project and every deadline still ahead. Built from the same `Overview` as the
workbook, so paper and spreadsheet agree. Typed text is printed as plain text (no markdown).
"""

from __future__ import annotations

from datetime import UTC, datetime

from fpdf.enums import Align, XPos, YPos
from fpdf.fonts import FontFace

from aeno_core import formatting as fmt
from aeno_core.overview import (
    LEVEL_LABELS,
    STAGE_LABELS,
    Level,
    Overview,
    ProjectRow,
)
from aeno_core.pdf import blocks, tables
from aeno_core.pdf.document import NumberedPDF, letterhead
from aeno_core.pdf.fonts import FONT, add_fonts
from aeno_core.pdf.style import ACCENT, DISCLAIMER, DUTCH_TIME, HAIRLINE, MUTED, TEXT
from aeno_core.vocabulary import PHASE_LABELS, SCHEME_LABELS

LEVEL_INK = {Level.OK: (22, 92, 46), Level.WARNING: (117, 78, 0), Level.PROBLEM: (150, 28, 28)}
"""The limit's word carries the meaning; the colour (as the checklist's verdicts) only helps."""


def build_overview_pdf(overview: Overview, *, created: datetime | None = None) -> bytes:
    """The PDF summary of the map; a fixed `created` makes two builds byte-identical."""
    made = created or datetime.now(UTC)
    if made.tzinfo is None:
        made = made.replace(tzinfo=UTC)
    pdf = OverviewPDF(made, overview)
    _title(pdf, overview)
    _totals(pdf, overview)
    _limits(pdf, overview)
    _projects(pdf, overview)
    _problems(pdf, overview)
    _deadlines(pdf, overview)
    pdf.ln(4)
    blocks.small_print(pdf, DISCLAIMER)
    return bytes(pdf.output())


class OverviewPDF(NumberedPDF):
    """Landscape A4 in Dutch with the embedded font, the letterhead and 'Pagina x van y'."""

    def __init__(self, created: datetime, overview: Overview) -> None:
        super().__init__(orientation="landscape", unit="mm", format="A4")
        self.created = created
        add_fonts(self)
        self.set_margins(left=15, top=22, right=15)
        self.set_auto_page_break(auto=True, margin=18)
        self.open_document(
            created,
            title=f"Projectenmap {overview.organisation}".strip(),
            subject="Subsidieprojecten: totalen, plafond, status en termijnen",
        )

    def header(self) -> None:
        letterhead(
            self,
            "Subsidiewijzer  ·  A&O fonds Gemeenten  ·  Projectenmap",
            "Schattingen, geen beschikkingen: het fonds beslist",
            top=8,
            rule=14.5,
        )
        self._body()
        self.set_y(self.t_margin)

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(FONT, "", 7.5)
        self.set_text_color(*MUTED)
        made = fmt.long_date(self.created.astimezone(DUTCH_TIME).date())
        self.cell(0, 4, f"Gemaakt op {made}", align=Align.L)
        self.set_x(self.l_margin)
        self.cell(0, 4, f"Pagina {self.page_no()} van {{nb}}", align=Align.R)
        self._body()

    def _body(self) -> None:
        self.set_font(FONT, "", 9.5)
        self.set_text_color(*TEXT)
        self.set_draw_color(*HAIRLINE)
        self.set_line_width(0.2)


def _title(pdf: OverviewPDF, overview: Overview) -> None:
    pdf.set_font(FONT, "B", 19)
    pdf.set_text_color(*ACCENT)
    pdf.cell(0, 10, "Projectenmap", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    organisation = overview.organisation
    if organisation:
        blocks.text(pdf, organisation, size=13, style="B", height=6.2)
    count = len(overview.rows)
    blocks.text(
        pdf,
        f"Stand op {fmt.long_date(overview.today)}  ·  {count}"
        f" {'project' if count == 1 else 'projecten'}",
        colour=MUTED,
        after=3,
    )


def _totals(pdf: OverviewPDF, overview: Overview) -> None:
    blocks.heading(pdf, "Totalen per jaar en regeling")
    if not overview.totals:
        blocks.text(pdf, "Nog geen project met een regeling.", colour=MUTED)
        return
    widths = (20, 80, 25, 45, 45, 45)
    aligns = ("LEFT", "LEFT", "RIGHT", "RIGHT", "RIGHT", "RIGHT")
    with tables.table(pdf, widths, aligns) as table:
        table.row(("Jaar", "Regeling", "Projecten", "Aangevraagd", "Toegekend", "Gerealiseerd"))
        for total in overview.totals:
            table.row(
                (
                    str(total.year),
                    SCHEME_LABELS[total.scheme],
                    str(total.projects),
                    fmt.money(total.asked),
                    fmt.money(total.granted),
                    fmt.money(total.realised),
                )
            )
    blocks.small_print(
        pdf,
        "Aangevraagd: de geschatte voorlopige subsidie (bij een declaratie het bedrag van de"
        " beschikking). Toegekend: het bedrag van de beschikking. Gerealiseerd: de schatting van"
        " de declaratie. Een project telt in het jaar waarin het is ingediend.",
    )


def _limits(pdf: OverviewPDF, overview: Overview) -> None:
    blocks.heading(pdf, "Plafond van het fonds")
    if not overview.limits:
        blocks.text(
            pdf,
            "Er is geen plafond ingevuld. Het fonds geeft het plafond per regeling en jaar aan"
            " de organisatie door.",
            colour=MUTED,
        )
        return
    for verdict in overview.limits:
        ink = LEVEL_INK[verdict.level]
        blocks.text(pdf, f"{LEVEL_LABELS[verdict.level]}: {verdict.message}", style="B", colour=ink)
        pdf.ln(1)
    blocks.small_print(
        pdf,
        "Alle projecten tellen mee behalve afgewezen aanvragen; bij een bedrag telt het"
        " toegekende bedrag, of anders de schatting. Vanaf 90% van het plafond staat hier"
        " een waarschuwing.",
    )


def _projects(pdf: OverviewPDF, overview: Overview) -> None:
    blocks.heading(pdf, "Projecten", keep=40)
    widths = (9, 46, 30, 18, 26, 26, 26, 26, 34, 26)
    aligns = ("RIGHT", "LEFT", "LEFT", "LEFT", "LEFT", "RIGHT", "RIGHT", "RIGHT", "LEFT", "RIGHT")
    header = (
        "Nr",
        "Project",
        "Regeling",
        "Fase",
        "Status",
        "Voorlopig",
        "Toegekend",
        "Gerealiseerd",
        "Volgende termijn",
        "Problemen",
    )
    with tables.table(pdf, widths, aligns) as table:
        table.row(header)
        for row in overview.rows:
            table.row(_project_cells(row))


def _project_cells(row: ProjectRow) -> tuple[str, ...]:
    status = STAGE_LABELS[row.status.stage]
    if row.status.submitted_on is not None:
        status += f" {fmt.short_date(row.status.submitted_on)}"
    deadline = row.next_deadline
    leader = row.entry.answers.project.leader_name.strip()
    return (
        str(row.number),
        f"{row.title} (projectleider: {leader})" if leader else row.title,
        row.scheme_label,
        PHASE_LABELS[row.phase],
        status,
        "–" if row.provisional is None else fmt.money(row.provisional),
        "–" if row.granted is None else fmt.money(row.granted),
        "–" if row.realised is None else fmt.money(row.realised),
        "–" if deadline is None else f"{fmt.short_date(deadline.day)} {deadline.label}",
        str(len(row.problems)),
    )


def _problems(pdf: OverviewPDF, overview: Overview) -> None:
    rows = [row for row in overview.rows if row.problems]
    blocks.heading(pdf, "Problemen per project")
    if not rows:
        blocks.text(
            pdf, "De Subsidiewijzer vond bij geen enkel project een probleem.", colour=MUTED
        )
        return
    for row in rows:
        blocks.keep_space(pdf, 14)
        blocks.text(pdf, f"{row.number}. {row.title}", style="B", after=0.8)
        for problem in row.problems:
            blocks.bullet(pdf, problem)
        pdf.ln(1.5)


def _deadlines(pdf: OverviewPDF, overview: Overview) -> None:
    ahead = sorted(
        (
            (deadline.day, row.number, row.title, deadline.label)
            for row in overview.rows
            if row.estimate is not None
            for deadline in row.estimate.deadlines.items
            if deadline.day >= overview.today
        ),
        key=lambda item: (item[0], item[1]),
    )
    blocks.heading(pdf, "Termijnen vanaf vandaag")
    if not ahead:
        blocks.text(pdf, "Geen termijnen meer vanaf vandaag.", colour=MUTED)
        return
    bold = FontFace(emphasis="BOLD")
    with tables.table(pdf, (30, 12, 120, 105), ("LEFT", "RIGHT", "LEFT", "LEFT")) as table:
        table.row(("Datum", "Nr", "Project", "Termijn"))
        for day, number, title, label in ahead:
            row = table.row()
            row.cell(fmt.short_date(day), style=bold)
            row.cell(str(number))
            row.cell(title)
            row.cell(label)
    blocks.small_print(
        pdf,
        "Alle termijnen staan ook in het agendabestand (.ics) van de projectenmap.",
    )
