"""The checklist's sections after the first page: scheme, calculation, conditions, deadlines,
documents, steps and the closing note.

Each section is one function over the `Estimate`, so the paper says what the pages say.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from fpdf import FPDF
from fpdf.enums import Align
from fpdf.fonts import FontFace

from aeno_core import formatting as fmt
from aeno_core.advice import advise
from aeno_core.calculation import Calculation, CalculationLine
from aeno_core.declaration import compare
from aeno_core.estimate import Estimate
from aeno_core.findings import Finding, Group, Verdict
from aeno_core.hourly_wages import load_wage_tables
from aeno_core.models import Phase, Scheme
from aeno_core.parameters import parameter
from aeno_core.pdf import blocks, tables
from aeno_core.pdf.document import ChecklistPDF
from aeno_core.pdf.fonts import FONT
from aeno_core.pdf.style import (
    ACCENT,
    ACCENT_TINT,
    BODY_PT,
    DISCLAIMER,
    LINE_MM,
    MUTED,
    TEXT,
    VERDICTS,
)
from aeno_core.safe_text import for_pdf
from aeno_core.vocabulary import GROUP_LABELS, PHASE_LABELS, SCHEME_LABELS, VERDICT_LABELS

FITS_TEXT = (
    "Voldoet aan de voorwaarden die per regeling verschillen (duur, stand van zaken, nieuwheid,"
    " deelnemers, termijn)."
)


def granted_section(pdf: ChecklistPDF, result: Estimate) -> None:
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
    blocks.heading(
        pdf,
        "Toegekend en gerealiseerd",
        keep=35 + tables.table_height(pdf, widths, [header, *rows]),
    )
    blocks.text(
        pdf,
        "De subsidie per regel zoals die bij de aanvraag werd berekend, naast die van de"
        " werkelijke kosten. Het fonds betaalt nooit meer dan de voorlopige subsidie.",
        after=2.5,
    )
    with tables.table(pdf, widths, ("LEFT", "RIGHT", "RIGHT", "RIGHT"), zebra=True) as table:
        table.row(header)
        for cells in rows:
            table.row(cells)
        table.row(total, style=FontFace(emphasis="BOLD", fill_color=ACCENT_TINT))
    pdf.ln(2)


def scheme_section(pdf: ChecklistPDF, result: Estimate) -> None:
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
    blocks.heading(pdf, "De regeling en waarom", keep=35 + tables.table_height(pdf, widths, rows))
    blocks.text(pdf, advice.summary, after=1)
    if advice.recommended is not chosen and result.scheme_chosen:
        blocks.text(
            pdf,
            f"Deze schatting is gemaakt voor de gekozen {SCHEME_LABELS[chosen]}; overweeg de"
            f" {SCHEME_LABELS[advice.recommended]}.",
            style="B",
            after=1,
        )
    pdf.ln(1.5)
    with tables.table(pdf, widths, ("LEFT", "LEFT", "RIGHT", "LEFT"), zebra=False) as table:
        for index, cells in enumerate(rows):
            chosen_row = index > 0 and advice.options[index - 1].scheme is chosen
            row = table.row()
            for column, text in enumerate(cells):
                bold = chosen_row and column == 0
                row.cell(text, style=FontFace(emphasis="BOLD") if bold else None)
    blocks.small_print(
        pdf,
        "Alleen de voorwaarden die per regeling verschillen bepalen of een regeling past; de"
        " overige staan in hoofdstuk 4.",
    )


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


def calculation_section(pdf: ChecklistPDF, calc: Calculation, result: Estimate) -> None:
    sources = tables.Sources()
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
    blocks.heading(pdf, "De berekening", keep=max(45, 30 + tables.table_height(pdf, widths, rows)))
    blocks.text(
        pdf,
        "Per kostenpost wat het fonds vergoedt en waarom. Bedragen zijn het projectdeel, exclusief"
        " BTW; de subsidie per regel is afgerond op centen.",
        after=2.5,
    )
    if not calc.lines:
        blocks.text(pdf, "Er zijn nog geen kostenposten ingevuld.", colour=MUTED, after=2)
    muted = FontFace(color=MUTED)
    with tables.table(
        pdf, widths, ("LEFT", "RIGHT", "CENTER", "RIGHT", "LEFT"), zebra=True
    ) as table:
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
        notes.append(approximation_note(result))
    for note in notes:
        blocks.small_print(pdf, note, after=1.2)
    tables.source_list(pdf, sources)


def approximation_note(result: Estimate) -> str:
    """Why a rate marked * is an approximation, with the table's own derivation."""
    table = load_wage_tables().table_on(result.application.project_start)
    about = f" {table.user_note()}" if table else ""
    return (
        "* Benaderd uurloon: de uurloontabel van het A&O fonds is niet openbaar, daarom schat de"
        f" Subsidiewijzer het uurloon uit de openbare salaristabellen van gemeenten.{about} Het"
        " fonds rekent met zijn eigen uurloontabel; vul dat uurloon in voor een exact bedrag."
    )


def findings_section(pdf: ChecklistPDF, findings: Sequence[Finding]) -> None:
    blocks.heading(pdf, "De voorwaarden", keep=50)
    blocks.text(
        pdf,
        "Elke voorwaarde van het fonds, getoetst aan de antwoorden."
        f" '{VERDICT_LABELS[Verdict.TO_CHECK]}' betekent dat een antwoord ontbreekt of dat u"
        " iets zelf moet nagaan.",
        after=1.5,
    )
    for group in Group:
        members = [f for f in findings if f.group is group]
        if not members:
            continue
        blocks.subheading(pdf, GROUP_LABELS[group])
        for finding in members:
            _finding_item(pdf, finding)


def _finding_item(pdf: FPDF, finding: Finding) -> None:
    """A labelled badge (the word, not just a colour) beside the message and its source."""
    label, fill, ink = VERDICTS[finding.verdict]
    badge_w, gap = 25, 4
    width = pdf.epw - badge_w - gap
    source = f"Bron: {finding.source}" if finding.source else ""
    height = blocks.text_height(pdf, width, finding.message, BODY_PT, "", LINE_MM)
    if source:
        height += blocks.text_height(pdf, width, source, 7.5, "", 3.5)
    blocks.keep_space(pdf, height + 2.5)
    x, y = pdf.l_margin, pdf.get_y()
    pdf.set_fill_color(*fill)
    pdf.rect(x, y + 0.3, badge_w, 4.6, style="F", round_corners=True, corner_radius=1)
    pdf.set_xy(x, y + 0.3)
    pdf.set_font(FONT, "B", 7.5)
    pdf.set_text_color(*ink)
    pdf.cell(badge_w, 4.6, label, align=Align.C)
    pdf.set_text_color(*TEXT)
    pdf.set_y(y)
    blocks.lines(pdf, x + badge_w + gap, width, finding.message, BODY_PT, "", LINE_MM)
    if source:
        pdf.set_text_color(*MUTED)
        blocks.lines(pdf, x + badge_w + gap, width, source, 7.5, "", 3.5)
        pdf.set_text_color(*TEXT)
    pdf.ln(2.2)


def deadlines_section(pdf: ChecklistPDF, result: Estimate) -> None:
    deadlines = result.deadlines
    sources = tables.Sources()
    widths = (36, 52, 82)
    rows = [("Datum", "Wat", "Regel")]
    rows.extend(
        (fmt.long_date(item.day), item.label, item.rule + sources.mark(item.source))
        for item in deadlines.items
    )
    table_height = tables.table_height(pdf, widths, rows)
    keep = 35 + table_height + (tables.sources_height(pdf, sources) if table_height else 0)
    blocks.heading(pdf, "Termijnen", keep=keep)
    if not deadlines.items:
        blocks.text(pdf, "Uit de antwoorden volgen nog geen termijnen.", colour=MUTED)
    else:
        blocks.text(
            pdf,
            "De data die u niet mag missen. Ze staan ook in het agendabestand (.ics) dat u naast"
            " deze PDF kunt downloaden, met een herinnering een week vooraf.",
            after=2.5,
        )
        with tables.table(pdf, widths, ("LEFT", "LEFT", "LEFT")) as table:
            for index, cells in enumerate(rows):
                row = table.row()
                for column, text in enumerate(cells):
                    bold = index > 0 and column == 0
                    row.cell(text, style=FontFace(emphasis="BOLD") if bold else None)
        tables.source_list(pdf, sources)
    app = result.application
    if app.scheme is Scheme.INNOVATIEF and app.phase is Phase.AANVRAAG and not deadlines.apply_by:
        window = parameter("innovatief.application_window_days", result.rules_date)
        pdf.ln(1.5)
        blocks.small_print(
            pdf,
            "De uiterste datum voor de aanvraag volgt uit de datum van de interne opdracht of de"
            f" getekende offerte ({window.value // 7} weken daarna); vul die in om hem te"
            " berekenen.",
        )


def documents_section(pdf: ChecklistPDF, result: Estimate) -> None:
    checklist = result.checklist
    phase = PHASE_LABELS[result.application.phase].lower()
    blocks.heading(pdf, f"Stukken voor de {phase}")
    blocks.text(pdf, "Verzamel deze stukken voordat u indient; vink af wat u hebt.", after=2.5)
    for document in checklist.documents:
        blocks.tick_item(pdf, document)
    blocks.source_line(pdf, checklist.documents_source)


def steps_section(pdf: ChecklistPDF, result: Estimate) -> None:
    checklist = result.checklist
    keeps = [
        22 + (blocks.text_height(pdf, pdf.epw, step.note, BODY_PT, "", LINE_MM) if step.note else 0)
        for step in checklist.steps
    ]
    blocks.heading(pdf, "Stappenplan", keep=14 + (keeps[0] if keeps else 0))
    for number, (step, keep) in enumerate(zip(checklist.steps, keeps, strict=True), start=1):
        blocks.subheading(pdf, f"Stap {number}. {step.title}", keep=keep)
        if step.note:
            blocks.text(pdf, step.note, colour=MUTED, after=1.5)
        for task in step.tasks:
            blocks.tick_item(pdf, task, indent=4)
    blocks.source_line(pdf, checklist.steps_source)


def report_contents_section(pdf: ChecklistPDF, result: Estimate) -> None:
    blocks.heading(pdf, "Inhoud van tussenrapportages en declaratie")
    reports = [d for d in result.deadlines.items if d.code == "interim_report"]
    if reports:
        months = ", ".join(fmt.month_year(d.day) for d in reports)
        blocks.text(pdf, f"Tussenrapportages in: {months}.", style="B", after=1.5)
    blocks.text(pdf, "Elke tussenrapportage en de declaratie beschrijven:", after=1.5)
    for item in result.checklist.report_contents:
        blocks.bullet(pdf, item, indent=2)


def closing_section(pdf: ChecklistPDF, result: Estimate) -> None:
    blocks.keep_space(pdf, 30)
    pdf.ln(5)
    pdf.set_draw_color(*ACCENT)
    pdf.set_line_width(0.4)
    pdf.line(pdf.l_margin, pdf.get_y(), pdf.l_margin + 30, pdf.get_y())
    pdf.set_line_width(0.2)
    pdf.ln(2.5)
    blocks.text(pdf, "Over deze schatting", size=9, style="B", height=4.6)
    blocks.small_print(
        pdf,
        f"{DISCLAIMER} De berekening volgt de regels die het fonds publiceert, zoals die golden op"
        f" {fmt.long_date(result.rules_date)}. Bedragen kunnen afwijken als de stukken anders"
        " zijn dan de antwoorden, of als het fonds met andere uurlonen rekent.",
    )
