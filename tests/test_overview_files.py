"""The projects map's files read back as HR's tools read them: openpyxl, csv with `;`, icalendar.

Every amount in a file must be the core's own estimate for that project (through `evaluate`),
every date a real date, and the calendar's UIDs the same on every build.
"""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime
from decimal import Decimal
from functools import cache

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from icalendar import Calendar
from openpyxl import load_workbook

from aeno_core.answers import Answers, evaluate
from aeno_core.models import Phase, Scheme
from aeno_core.overview import (
    FundLimit,
    HRStatus,
    Overview,
    ProjectMap,
    Stage,
    summarise,
)
from aeno_core.overview_files import (
    COLUMNS,
    DATE_FORMAT,
    EURO_FORMAT,
    build_calendar,
    build_csv,
    build_workbook,
    csv_text,
    map_uid,
    spreadsheet_text,
)
from tests.test_overview import building_blocks

TODAY = date(2026, 12, 2)
CREATED = datetime(2026, 12, 2, 9, 0, tzinfo=UTC)
HEADERS = [c.header for c in COLUMNS]


@cache
def overview() -> Overview:
    """All building blocks, a few with HR's status, a risky note, and two limits."""
    project_map = ProjectMap(organisation="Gemeente Voorbeeld")
    for label, answers in building_blocks():
        project_map.add(answers, label=label, source=f"{label[:20]}.yaml")
    project_map.projects[0].status = HRStatus(
        stage=Stage.BESCHIKKING,
        submitted_on=date(2018, 10, 1),
        decided_on=date(2018, 11, 15),
        granted=Decimal("11562.60"),
    )
    project_map.projects[0].note = '=HYPERLINK("http://example.invalid")'
    project_map.projects[1].note = "Regel één\nRegel twee"
    project_map.limits = [
        FundLimit(scheme=Scheme.IMPULS, year=2026, applications=3),
        FundLimit(scheme=Scheme.INNOVATIEF, year=2026, amount=Decimal("100000")),
    ]
    return summarise(project_map, TODAY)


def own_amount(answers: Answers) -> Decimal:
    result = evaluate(answers, TODAY).estimate
    assert result is not None
    calc = result.calculation
    if answers.phase is Phase.DECLARATIE:
        assert calc.provisional_subsidy is not None
        return calc.provisional_subsidy
    return calc.subsidy


# ------------------------------------------------------------------------------ workbook


def test_workbook_summary_sheet_has_dutch_headers_numbers_in_euros_and_real_dates() -> None:
    book = load_workbook(io.BytesIO(build_workbook(overview())))
    sheet = book["Projecten"]
    assert [cell.value for cell in sheet[1]] == HEADERS
    assert sheet.freeze_panes == "A2"
    assert sheet.column_dimensions["B"].width == 34
    col = {header: index for index, header in enumerate(HEADERS)}
    rows = list(sheet.iter_rows(min_row=2))
    assert len(rows) == len(building_blocks())
    for cells, (_, answers) in zip(rows, building_blocks(), strict=True):
        money = cells[col["Voorlopige subsidie"]]
        assert money.number_format == EURO_FORMAT
        assert isinstance(money.value, int | float)
        assert Decimal(str(money.value)).quantize(Decimal("0.01")) == own_amount(answers)
        start = cells[col["Start project"]]
        assert start.is_date and start.number_format == DATE_FORMAT
        assert start.value.date() == answers.project_start
    first = rows[0]
    assert first[col["Status"]].value == "Beschikking"
    assert first[col["Beschikking op"]].value.date() == date(2018, 11, 15)
    assert first[col["Toegekend"]].value == pytest.approx(11562.60)
    note = first[col["Notitie"]]
    assert note.data_type == "s" and note.value.startswith("=HYPERLINK"), "text, not a formula"


def test_workbook_has_one_sheet_per_project_with_its_lines_and_calculation() -> None:
    book = load_workbook(io.BytesIO(build_workbook(overview())))
    names = book.sheetnames
    assert names[:2] == ["Projecten", "Totalen en plafond"]
    assert len(names) == 2 + len(overview().rows)
    for name, row in zip(names[2:], overview().rows, strict=True):
        assert name.startswith(f"{row.number} ") and len(name) <= 31
        sheet = book[name]
        values = [[cell.value for cell in r] for r in sheet.iter_rows()]
        assert values[0][:2] == ["Project", row.title]
        result = row.estimate
        assert result is not None
        header_at = next(i for i, r in enumerate(values) if r[0] == "Soort")
        lines = values[header_at + 1 : header_at + 1 + len(result.calculation.lines)]
        for got, line in zip(lines, result.calculation.lines, strict=True):
            assert got[0] == ("Extern" if line.kind == "external" else "Intern")
            assert Decimal(str(got[7])).quantize(Decimal("0.01")) == line.subsidy
            assert got[8] == line.rule
        estimate_row = next(r for r in values if r[0] == "Geschatte subsidie")
        assert Decimal(str(estimate_row[7])).quantize(Decimal("0.01")) == (
            result.calculation.subsidy
        )
        cell = next(
            c
            for r in sheet.iter_rows()
            for c in r
            if c.value is not None and c.column == 8 and c.row > header_at + 1
        )
        assert cell.number_format == EURO_FORMAT
        texts = {str(v) for r in values for v in r if v is not None}
        for finding in row.outcome.findings:
            assert (finding.message in texts) is (finding.verdict.value != "ok"), finding.code


def test_workbook_totals_sheet_holds_the_map_totals_and_limits() -> None:
    book = load_workbook(io.BytesIO(build_workbook(overview())))
    values = [[cell.value for cell in r] for r in book["Totalen en plafond"].iter_rows()]
    assert values[0][:6] == [
        "Jaar",
        "Regeling",
        "Projecten",
        "Aangevraagd",
        "Toegekend",
        "Gerealiseerd",
    ]
    count = len(overview().totals)
    assert not any(values[1 + count])
    for got, total in zip(values[1 : 1 + count], overview().totals, strict=True):
        assert got[:3] == [
            total.year,
            {"impuls": "Impulsregeling", "innovatief": "Innovatieve Projectenregeling"}[
                total.scheme.value
            ],
            total.projects,
        ]
        assert Decimal(str(got[3])).quantize(Decimal("0.01")) == total.asked
    limit_rows = [
        r
        for r in values
        if r[-1]
        and str(r[-1]).startswith(("Impulsregeling 2026", "Innovatieve Projectenregeling 2026"))
    ]
    assert len(limit_rows) == 2


# ------------------------------------------------------------------------------ CSV


def test_csv_is_utf8_with_bom_semicolons_and_decimal_commas() -> None:
    data = build_csv(overview())
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == HEADERS
    assert len(rows) == 1 + len(building_blocks())
    col = {header: index for index, header in enumerate(HEADERS)}
    for got, (_, answers) in zip(rows[1:], building_blocks(), strict=True):
        amount = got[col["Voorlopige subsidie"]]
        assert "." not in amount and "," in amount
        assert Decimal(amount.replace(",", ".")) == own_amount(answers)
        start = answers.project_start
        assert start is not None
        assert got[col["Start project"]] == start.strftime("%d-%m-%Y")
    first = rows[1]
    assert first[col["Notitie"]].startswith("'="), "a formula is defused"
    assert rows[2][col["Notitie"]] == "Regel één\nRegel twee"


@settings(max_examples=50, deadline=None)
@given(st.text())
def test_any_text_is_safe_in_a_cell(text: str) -> None:
    cell = csv_text(text)
    assert not cell.startswith(("=", "+", "-", "@", "\t", "\r", "\n"))
    assert cell.lstrip("'") == spreadsheet_text(text).lstrip("'")
    kept = spreadsheet_text(text)
    assert all(ord(c) >= 0x20 or c in "\t\n" for c in kept)
    # and a workbook takes it and gives it back as text
    project_map = ProjectMap()
    label, answers = building_blocks()[0]
    project_map.add(answers, label=label, note=text)
    book = load_workbook(io.BytesIO(build_workbook(summarise(project_map, TODAY))))
    note = book["Projecten"].cell(row=2, column=HEADERS.index("Notitie") + 1)
    assert (note.value or "") == kept
    assert note.value is None or note.data_type == "s"


def test_sheet_names_are_valid_for_excel_and_a_draft_without_estimate_says_why() -> None:
    project_map = ProjectMap()
    _, answers = building_blocks()[0]
    odd = answers.model_copy(deep=True)
    odd.project.title = "Kwartaal [Q1]: plan/uitvoering * evaluatie? 'extra' lang"
    project_map.add(odd)
    project_map.add(answers)
    project_map.add(answers)
    draft = Answers(scheme=Scheme.INNOVATIEF)
    draft.project.title = "Nog in de maak"
    project_map.add(draft)
    book = load_workbook(io.BytesIO(build_workbook(summarise(project_map, TODAY))))
    names = book.sheetnames[2:]
    assert names[0] == "1 Kwartaal Q1 plan uitvoering e"
    assert names[1:3] == ["2 Foutenfestival", "3 Foutenfestival"]
    assert all(len(name) <= 31 for name in names)
    values = [[c.value for c in r] for r in book[names[3]].iter_rows()]
    assert ["Nog geen schatting"] in [[v for v in r if v is not None] for r in values]
    assert any(r[0] and "startdatum project" in str(r[0]) for r in values)
    summary = book["Projecten"]
    assert summary.cell(row=5, column=HEADERS.index("Voorlopige subsidie") + 1).value is None


# ------------------------------------------------------------------------------ calendar


def test_calendar_holds_every_deadline_of_every_project_under_stable_uids() -> None:
    first = build_calendar(overview(), created=CREATED)
    events = list(Calendar.from_ical(first).walk("VEVENT"))
    expected = sum(len(r.estimate.deadlines.items) for r in overview().rows if r.estimate)
    assert len(events) == expected
    uids = [str(e["UID"]) for e in events]
    assert len(set(uids)) == len(uids), "one UID per event"
    by_uid = {str(e["UID"]): e for e in events}
    for row in overview().rows:
        assert row.estimate is not None
        for deadline in row.estimate.deadlines.items:
            event = by_uid[map_uid(row.key, deadline.code, deadline.day)]
            assert event.decoded("DTSTART") == deadline.day
            assert str(event["SUMMARY"]) == f"{deadline.label}: {row.title}"
    # Built again, later and in a new map from the same answers: the same UIDs.
    again = ProjectMap(organisation="Gemeente Voorbeeld")
    for label, answers in building_blocks():
        again.add(answers, label=label)
    second = build_calendar(
        summarise(again, date(2027, 1, 1)), created=datetime(2027, 1, 1, tzinfo=UTC)
    )
    assert [str(e["UID"]) for e in Calendar.from_ical(second).walk("VEVENT")] == uids
    assert build_calendar(overview(), created=CREATED) == first
