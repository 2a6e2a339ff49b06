"""The deadlines calendar: parsed back with icalendar, checked against RFC 5545's musts."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from icalendar import Calendar, Component

from aeno_core.calendar_file import build_ics
from aeno_core.casefile import load_application
from aeno_core.estimate import estimate
from tests.core_helpers import case_estimate, run_cli, valid_case_files
from tests.paths import SHARED_CASES

CREATED = datetime(2026, 11, 25, 9, 30, tzinfo=UTC)


def _events(data: bytes) -> list[Component]:
    calendar = Calendar.from_ical(data)
    return list(calendar.walk("VEVENT"))


@pytest.mark.parametrize("path", valid_case_files(), ids=lambda p: p.stem)
def test_every_deadline_comes_back_as_an_all_day_event_with_its_rule(path: Path) -> None:
    result = estimate(load_application(path), date(2026, 11, 25))
    events = _events(build_ics(result, created=CREATED))
    assert result.deadlines.items, "every case has at least one deadline"
    assert len(events) == len(result.deadlines.items)
    for item, event in zip(result.deadlines.items, events, strict=True):
        start, end = event.decoded("DTSTART"), event.decoded("DTEND")
        assert type(start) is date and start == item.day, "all-day, on the deadline"
        assert type(end) is date and end == item.day + timedelta(days=1)
        assert item.label in str(event["SUMMARY"])
        description = str(event["DESCRIPTION"])
        assert item.rule in description
        assert item.source in description
        assert "het A&O fonds Gemeenten beslist" in description


def test_innovatief_calendar_has_apply_by_interim_reports_and_declaration() -> None:
    events = _events(build_ics(case_estimate("15_innovatief_deadlines.yaml"), created=CREATED))
    days = [event.decoded("DTSTART") for event in events]
    assert days == [
        date(2019, 2, 7),
        date(2019, 3, 31),
        date(2019, 7, 31),
        date(2019, 11, 30),
        date(2019, 12, 13),
        date(2020, 5, 26),
    ]
    summaries = [str(event["SUMMARY"]) for event in events]
    assert summaries[1] == "Tussenrapportage maart 2019: Datalab samen met de regio"


def test_required_properties_and_a_reminder_a_week_before() -> None:
    data = build_ics(case_estimate("15_innovatief_deadlines.yaml"), created=CREATED)
    calendar = Calendar.from_ical(data)
    assert calendar.name == "VCALENDAR"
    assert str(calendar["VERSION"]) == "2.0"
    assert str(calendar["PRODID"]).startswith("-//Subsidiewijzer//")
    events = _events(data)
    uids = [str(event["UID"]) for event in events]
    assert len(set(uids)) == len(uids), "UIDs are unique"
    for event in events:
        assert event.decoded("DTSTAMP") == CREATED
        assert "@" in str(event["UID"])
        alarms = event.walk("VALARM")
        assert len(alarms) == 1
        alarm = alarms[0]
        assert str(alarm["ACTION"]) == "DISPLAY"
        assert alarm.decoded("TRIGGER") == timedelta(days=-7)
        assert str(alarm["DESCRIPTION"]).startswith("Over een week:")
    assert b"TRIGGER:-P7D\r\n" in data


def test_lines_are_crlf_and_folded_at_75_octets() -> None:
    data = build_ics(case_estimate("15_innovatief_deadlines.yaml"), created=CREATED)
    assert data.endswith(b"END:VCALENDAR\r\n")
    lines = data.split(b"\r\n")
    assert b"\n" not in b"".join(lines), "no bare line feeds"
    assert max(len(line) for line in lines) <= 75
    assert any(line.startswith(b" ") for line in lines), "long descriptions are folded"


def test_a_fixed_creation_date_gives_identical_bytes_and_uids_never_depend_on_it() -> None:
    result = case_estimate("15_innovatief_deadlines.yaml")
    first = build_ics(result, created=CREATED)
    assert build_ics(result, created=CREATED) == first
    later = build_ics(result, created=CREATED + timedelta(days=3))
    assert later != first
    assert [str(e["UID"]) for e in _events(later)] == [str(e["UID"]) for e in _events(first)]


def test_uids_follow_the_project_not_the_moment() -> None:
    """Another project gets other UIDs, so importing both never overwrites one with the other."""
    fouten = case_estimate("01_foutenfestival.yaml")
    other = case_estimate("02_impuls_internal_only.yaml")
    uid = str(_events(build_ics(fouten, created=CREATED))[0]["UID"])
    other_uid = str(_events(build_ics(other, created=CREATED))[0]["UID"])
    assert uid != other_uid


def test_the_ics_command_writes_the_file(tmp_path: Path) -> None:
    out = tmp_path / "termijnen.ics"
    run = run_cli("ics", str(SHARED_CASES / "15_innovatief_deadlines.yaml"), "--out", str(out))
    assert run.returncode == 0, run.stderr
    assert len(_events(out.read_bytes())) == 6
