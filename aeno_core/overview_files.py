"""The files HR takes from the projects map: an Excel workbook, a Dutch CSV and one calendar.

Each is built from one `Overview` (`aeno_core.overview.summarise`), so the files, the page and the
command line list the same amounts. In the workbook euros are numbers with a euro format and
dates are real dates, so HR can sort, filter and add up; the CSV is what a Dutch Excel opens by a
double click (`;`, decimal comma, UTF-8 with BOM). The calendar holds every deadline of every
project under UIDs made from the project's key and the deadline, so importing it again updates
the events instead of doubling them.

Text that a user typed or a file brought (titles, notes, descriptions) is data: a cell that
starts like a formula is kept as text (OWASP, CSV injection) and characters a workbook cannot
hold are dropped (`spreadsheet_text`, `csv_text`).
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Literal

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, NamedStyle, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from aeno_core import formatting as fmt
from aeno_core.calendar_file import UID_DOMAIN, deadline_event, new_calendar, stamp_of
from aeno_core.estimate import Estimate
from aeno_core.findings import Verdict
from aeno_core.overview import (
    LEVEL_LABELS,
    STAGE_LABELS,
    Overview,
    ProjectRow,
)
from aeno_core.vocabulary import PHASE_LABELS, SCHEME_LABELS, VERDICT_LABELS

EURO_FORMAT = '"€" #,##0.00'
"""Excel's own code for euros with two decimals; Excel shows the separators of the reader's
settings (`€ 11.562,60` in a Dutch Excel), the cell holds the number."""
DATE_FORMAT = "DD-MM-YYYY"
HOURS_FORMAT = "#,##0.##"
HEADER = "Subsidiewijzer kop"
BOLD = "Subsidiewijzer vet"
EURO_BOLD = "Subsidiewijzer euro vet"


def _named_styles() -> list[NamedStyle]:
    """The workbook's fonts and fills as cell styles, registered once and set by name.

    Setting a font or fill on a cell makes openpyxl hash the style objects each time; a named
    style is looked up by its name (a number format alone is cheap to set, so it is set
    directly). Excel lists them under Celstijlen, so HR can restyle all headers at once.
    """
    return [
        NamedStyle(
            HEADER,
            font=Font(bold=True, color="FFFFFF"),
            fill=PatternFill("solid", fgColor="164C75"),
            alignment=Alignment(wrap_text=True, vertical="top"),
        ),
        NamedStyle(BOLD, font=Font(bold=True)),
        NamedStyle(EURO_BOLD, font=Font(bold=True), number_format=EURO_FORMAT),
    ]


Kind = Literal["text", "money", "date", "int", "number"]

_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
"""Control characters that XML 1.0, and so a workbook, cannot hold (tab and newlines can)."""
_FORMULA_START = ("=", "+", "-", "@", "\t", "\n")
"""A cell that starts with one of these may be read as a formula by a spreadsheet (OWASP)."""
_SHEET_NAME_ILLEGAL = re.compile(r"[\[\]:*?/\\']")


def spreadsheet_text(text: str) -> str:
    """`text` as a workbook cell holds it: without the characters XML cannot carry.

    Line ends become `\n`: an XML reader turns a written `\r` into `\n` anyway, so this is
    what Excel (and openpyxl reading the file back) would show.
    """
    return _ILLEGAL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def csv_text(text: str) -> str:
    """`text` for a CSV cell: a leading formula sign is defused with `'` (OWASP)."""
    clean = spreadsheet_text(text)
    return "'" + clean if clean.startswith(_FORMULA_START) else clean


@dataclass(frozen=True)
class Column:
    """One column of the summary: its Dutch header, kind, width and how a row fills it."""

    header: str
    kind: Kind
    width: float
    value: Callable[[ProjectRow], str | Decimal | date | int | None]


def _deadline_label(row: ProjectRow) -> str:
    return row.next_deadline.label if row.next_deadline else ""


COLUMNS: tuple[Column, ...] = (
    Column("Nr", "int", 5, lambda r: r.number),
    Column("Project", "text", 34, lambda r: r.title),
    Column("Regeling", "text", 28, lambda r: r.scheme_label),
    Column("Fase", "text", 11, lambda r: PHASE_LABELS[r.phase]),
    Column("Status", "text", 20, lambda r: STAGE_LABELS[r.status.stage]),
    Column("Ingediend op", "date", 13, lambda r: r.status.submitted_on),
    Column("Beschikking op", "date", 14, lambda r: r.status.decided_on),
    Column("Declaratie ingediend op", "date", 14, lambda r: r.status.declared_on),
    Column("Jaar", "int", 7, lambda r: r.year),
    Column("Start project", "date", 13, lambda r: r.entry.answers.project_start),
    Column("Einde project", "date", 13, lambda r: r.entry.answers.project_end),
    Column("Voorlopige subsidie", "money", 16, lambda r: r.provisional),
    Column("Toegekend", "money", 16, lambda r: r.granted),
    Column("Gerealiseerd", "money", 16, lambda r: r.realised),
    Column("Volgende termijn", "text", 30, _deadline_label),
    Column(
        "Datum volgende termijn",
        "date",
        14,
        lambda r: r.next_deadline.day if r.next_deadline else None,
    ),
    Column("Problemen", "int", 10, lambda r: len(r.problems)),
    Column("Welke problemen", "text", 60, lambda r: "\n".join(r.problems)),
    Column("Projectleider", "text", 34, lambda r: r.leader),
    Column("Notitie", "text", 40, lambda r: r.entry.note),
    Column("Bron", "text", 30, lambda r: r.entry.source),
)
"""The summary's columns, the same in the workbook and the CSV."""


# --------------------------------------------------------------------- workbook


def build_workbook(overview: Overview) -> bytes:
    """The .xlsx: a summary sheet, the totals and limits, and one sheet per project."""
    book = Workbook()
    summary = book.active
    assert summary is not None  # a new workbook always has its first sheet
    summary.title = "Projecten"
    for style in _named_styles():
        book.add_named_style(style)
    _summary_sheet(summary, overview)
    _totals_sheet(book.create_sheet("Totalen en plafond"), overview)
    names: set[str] = {"Projecten", "Totalen en plafond"}
    for row in overview.rows:
        name = sheet_name(row, names)
        names.add(name)
        _project_sheet(book.create_sheet(name), row)
    book.properties.creator = "Subsidiewijzer"
    book.properties.title = _document_title(overview)
    fixed = datetime.combine(overview.today, datetime.min.time())
    book.properties.created = fixed
    book.properties.modified = fixed
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _document_title(overview: Overview) -> str:
    organisation = overview.organisation
    return f"Projectenmap {organisation}".strip()


def sheet_name(row: ProjectRow, taken: set[str]) -> str:
    """`3 Foutenfestival`: the project's number and title, within Excel's 31 characters."""
    title = " ".join(_SHEET_NAME_ILLEGAL.sub(" ", spreadsheet_text(row.title)).split())
    name = f"{row.number} {title or 'Project'}"[:31].strip()
    while name.lower() in {n.lower() for n in taken}:  # cannot happen: numbers are unique
        name = name[:-1] + "_"
    return name


def _set(sheet: Worksheet, row: int, column: int, value: object, kind: Kind) -> None:
    """Write one cell as its kind: a number with the euro format, a real date, or plain text."""
    if value is None or value == "":
        return  # no cell at all: an empty cell object would still be written
    cell = sheet.cell(row=row, column=column)
    if kind == "money":
        cell.value = value  # type: ignore[assignment]  # a Decimal: openpyxl writes it exactly
        cell.number_format = EURO_FORMAT
    elif kind == "date":
        cell.value = value  # type: ignore[assignment]
        cell.number_format = DATE_FORMAT
    elif kind == "int":
        cell.value = value  # type: ignore[assignment]
    elif kind == "number":
        cell.value = value  # type: ignore[assignment]
        cell.number_format = HOURS_FORMAT
    else:
        cell.value = spreadsheet_text(str(value))
        cell.data_type = "s"  # never a formula, whatever the text starts with


def _header(sheet: Worksheet, row: int, headers: Sequence[str]) -> None:
    for column, text in enumerate(headers, 1):
        cell = sheet.cell(row=row, column=column, value=text)
        cell.style = HEADER


def _widths(sheet: Worksheet, widths: Sequence[float]) -> None:
    for column, width in enumerate(widths, 1):
        sheet.column_dimensions[get_column_letter(column)].width = width


def _summary_sheet(sheet: Worksheet, overview: Overview) -> None:
    _header(sheet, 1, [c.header for c in COLUMNS])
    for line, row in enumerate(overview.rows, 2):
        for column, spec in enumerate(COLUMNS, 1):
            _set(sheet, line, column, spec.value(row), spec.kind)
    sheet.freeze_panes = "A2"
    last = get_column_letter(len(COLUMNS))
    sheet.auto_filter.ref = f"A1:{last}{max(1, len(overview.rows)) + 1}"
    _widths(sheet, [c.width for c in COLUMNS])


TOTALS_HEADERS = ("Jaar", "Regeling", "Projecten", "Aangevraagd", "Toegekend", "Gerealiseerd")
LIMIT_HEADERS = (
    "Jaar",
    "Regeling",
    "Plafond aanvragen",
    "Aanvragen",
    "Ruimte aanvragen",
    "Plafond bedrag",
    "Bedrag",
    "Ruimte bedrag",
    "Oordeel",
    "Toelichting",
)


def _totals_sheet(sheet: Worksheet, overview: Overview) -> None:
    _header(sheet, 1, TOTALS_HEADERS)
    line = 2
    for total in overview.totals:
        values: list[tuple[object, Kind]] = [
            (total.year, "int"),
            (SCHEME_LABELS[total.scheme], "text"),
            (total.projects, "int"),
            (total.asked, "money"),
            (total.granted, "money"),
            (total.realised, "money"),
        ]
        for column, (value, kind) in enumerate(values, 1):
            _set(sheet, line, column, value, kind)
        line += 1
    line += 1
    sheet.cell(row=line, column=1, value="Plafond van het fonds").style = BOLD
    line += 1
    if not overview.limits:
        _set(sheet, line, 1, "Geen plafond ingevuld.", "text")
    else:
        _header(sheet, line, LIMIT_HEADERS)
        for verdict in overview.limits:
            line += 1
            apps, amount = verdict.applications, verdict.amount
            cells: list[tuple[object, Kind]] = [
                (verdict.year, "int"),
                (SCHEME_LABELS[verdict.scheme], "text"),
                (None if apps is None else int(apps.limit), "int"),
                (None if apps is None else int(apps.used), "int"),
                (None if apps is None else int(apps.room), "int"),
                (None if amount is None else amount.limit, "money"),
                (None if amount is None else amount.used, "money"),
                (None if amount is None else amount.room, "money"),
                (LEVEL_LABELS[verdict.level], "text"),
                (verdict.message, "text"),
            ]
            for column, (value, kind) in enumerate(cells, 1):
                _set(sheet, line, column, value, kind)
    sheet.freeze_panes = "A2"
    _widths(sheet, (8, 28, 16, 14, 16, 16, 16, 16, 14, 80))


LINE_HEADERS = (
    "Soort",
    "Omschrijving",
    "Kosten (ex BTW)",
    "Uren",
    "Uurloon",
    "Deel",
    "Telt mee",
    "Subsidie",
    "Berekening",
)


def _project_sheet(sheet: Worksheet, row: ProjectRow) -> None:
    """The project's facts, its cost lines with their calculation, deadlines and conditions."""
    answers = row.entry.answers
    result = row.estimate
    facts: list[tuple[str, object, Kind]] = [
        ("Project", row.title, "text"),
        ("Organisatie", answers.organisation.name, "text"),
        ("Contactpersoon", answers.organisation.contact, "text"),
        ("Projectleider", answers.project.leader_name, "text"),
        ("E-mail projectleider", answers.project.leader_email, "text"),
        ("Regeling", row.scheme_label, "text"),
        ("Fase", PHASE_LABELS[row.phase], "text"),
        ("Status", STAGE_LABELS[row.status.stage], "text"),
        ("Ingediend op", row.status.submitted_on, "date"),
        ("Beschikking op", row.status.decided_on, "date"),
        ("Toegekend", row.granted, "money"),
        ("Start project", answers.project_start, "date"),
        ("Einde project", answers.project_end, "date"),
        ("Datum van indienen (schatting)", result.submitted_on if result else None, "date"),
        ("Notitie", row.entry.note, "text"),
    ]
    line = 1
    for label, value, kind in facts:
        sheet.cell(row=line, column=1, value=label).style = BOLD
        _set(sheet, line, 2, value, kind)
        line += 1
    line += 1
    if result is None:
        sheet.cell(row=line, column=1, value="Nog geen schatting").style = BOLD
        for problem in row.problems:
            line += 1
            _set(sheet, line, 1, problem, "text")
        _widths(sheet, (30, 60))
        return
    line = _calculation_block(sheet, line, result)
    line = _deadlines_block(sheet, line + 1, result)
    _findings_block(sheet, line + 1, row)
    _widths(sheet, (30, 40, 16, 9, 12, 9, 10, 16, 90))


def _calculation_block(sheet: Worksheet, line: int, result: Estimate) -> int:
    """Cost lines with their share and subsidy, then the limits that gave the estimate."""
    calc = result.calculation
    sheet.cell(row=line, column=1, value="Berekening").style = BOLD
    line += 1
    _header(sheet, line, LINE_HEADERS)
    for item in calc.lines:
        line += 1
        cells: list[tuple[object, Kind]] = [
            ("Extern" if item.kind == "external" else "Intern", "text"),
            (item.description, "text"),
            (item.cost, "money"),
            (item.hours, "number"),
            (item.rate, "money"),
            (item.share, "text"),
            ("Ja" if item.eligible else "Nee", "text"),
            (item.subsidy, "money"),
            (item.rule, "text"),
        ]
        for column, (value, kind) in enumerate(cells, 1):
            _set(sheet, line, column, value, kind)
    rows: list[tuple[str, Decimal | None]] = [
        ("Som van de regels", calc.before_limits),
        ("Minimumsubsidie", calc.minimum),
        ("Maximumsubsidie", calc.maximum),
    ]
    if calc.provisional_subsidy is not None:
        rows.append(("Voorlopige subsidie (beschikking)", calc.provisional_subsidy))
    rows.append(("Geschatte subsidie", calc.subsidy))
    line += 1
    for label, amount in rows:
        line += 1
        sheet.cell(row=line, column=1, value=label).style = BOLD
        _set(sheet, line, 8, amount, "money")
    sheet.cell(row=line, column=8).style = EURO_BOLD  # the estimate itself
    line += 1
    _set(sheet, line, 1, calc.limit_message, "text")
    return line + 1


def _deadlines_block(sheet: Worksheet, line: int, result: Estimate) -> int:
    sheet.cell(row=line, column=1, value="Termijnen").style = BOLD
    for deadline in result.deadlines.items:
        line += 1
        _set(sheet, line, 1, deadline.label, "text")
        _set(sheet, line, 2, deadline.day, "date")
        _set(sheet, line, 9, deadline.rule, "text")
    return line + 1


def _findings_block(sheet: Worksheet, line: int, row: ProjectRow) -> None:
    """The conditions that need HR's attention: problems first, then those to check.

    The ones in order are left out: a sheet per project is read for what needs doing (the
    project's own PDF lists every condition), and each cell costs build time.
    """
    sheet.cell(row=line, column=1, value="Voorwaarden die aandacht vragen").style = BOLD
    findings = [f for f in row.outcome.findings if f.verdict is not Verdict.OK]
    findings.sort(key=lambda f: f.verdict is not Verdict.PROBLEM)
    if not findings:
        _set(sheet, line + 1, 1, "Geen: elke voorwaarde is in orde.", "text")
    for finding in findings:
        line += 1
        _set(sheet, line, 1, VERDICT_LABELS[finding.verdict], "text")
        _set(sheet, line, 2, finding.message, "text")
        _set(sheet, line, 9, finding.source, "text")


# --------------------------------------------------------------------- CSV


def build_csv(overview: Overview) -> bytes:
    """The summary as a Dutch CSV: `;`, decimal comma, dd-mm-jjjj, UTF-8 with BOM."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow([c.header for c in COLUMNS])
    for row in overview.rows:
        writer.writerow([_csv_cell(spec.value(row), spec.kind) for spec in COLUMNS])
    return out.getvalue().encode("utf-8-sig")


def _csv_cell(value: str | Decimal | date | int | None, kind: Kind) -> str:
    if value is None:
        return ""
    if kind == "money" and isinstance(value, Decimal):
        return fmt.plain_amount(value)
    if kind == "date" and isinstance(value, date):
        return fmt.short_date(value)
    if kind in ("int", "number"):
        return str(value)
    return csv_text(str(value))


# --------------------------------------------------------------------- calendar


def build_calendar(overview: Overview, *, created: datetime | None = None) -> bytes:
    """One .ics with every deadline of every project; a fixed `created` gives identical bytes."""
    stamp = stamp_of(created)
    organisation = overview.organisation
    calendar = new_calendar(f"Subsidietermijnen {organisation or 'projectenmap'}".strip())
    for row in overview.rows:
        result = row.estimate
        if result is None:
            continue
        for deadline in result.deadlines.items:
            uid = map_uid(row.key, deadline.code, deadline.day)
            calendar.add_component(deadline_event(result, deadline, row.title, stamp, uid))
    return bytes(calendar.to_ical())


def map_uid(key: str, code: str, day: date) -> str:
    """Stable per project key and deadline; an interim report is told apart by its month."""
    which = day.isoformat()[:7] if code == "interim_report" else ""
    digest = hashlib.sha256("\x1f".join(("projectenmap", key, code, which)).encode()).hexdigest()
    return f"{digest[:32]}@{UID_DOMAIN}"
