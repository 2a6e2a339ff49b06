"""Deadlines: calendar months with clipping, interim months strictly between, each with its rule."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from aeno_core.deadlines import add_months, compute_deadlines, interim_report_months, month_end
from aeno_core.models import Application


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (date(2019, 1, 31), 1, date(2019, 2, 28)),
        (date(2020, 1, 31), 1, date(2020, 2, 29)),
        (date(2019, 7, 31), 7, date(2020, 2, 29)),
        (date(2019, 8, 31), 7, date(2020, 3, 31)),
        (date(2019, 5, 1), 14, date(2020, 7, 1)),
        (date(2019, 12, 15), 1, date(2020, 1, 15)),
        (date(2019, 11, 30), 14, date(2021, 1, 30)),
        (date(2019, 3, 31), 0, date(2019, 3, 31)),
    ],
)
def test_add_months_clips_to_the_end_of_the_month(start: date, months: int, expected: date) -> None:
    assert add_months(start, months) == expected


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (date(2019, 3, 1), date(2019, 11, 30), [date(2019, 7, 31)]),
        (
            date(2019, 2, 28),
            date(2019, 12, 1),
            [date(2019, 3, 31), date(2019, 7, 31), date(2019, 11, 30)],
        ),
        (date(2019, 4, 1), date(2019, 6, 30), []),
        (date(2019, 7, 1), date(2019, 7, 31), []),
        (date(2019, 11, 15), date(2020, 3, 1), []),
        (date(2019, 10, 15), date(2020, 4, 1), [date(2019, 11, 30), date(2020, 3, 31)]),
    ],
)
def test_interim_reports_fall_strictly_between_the_start_and_end_months(
    start: date, end: date, expected: list[date]
) -> None:
    assert interim_report_months(start, end, [3, 7, 11]) == expected


def test_month_end_knows_leap_years() -> None:
    assert [month_end(2019, 2), month_end(2020, 2), month_end(2019, 11)] == [
        date(2019, 2, 28),
        date(2020, 2, 29),
        date(2019, 11, 30),
    ]


def _app(**fields: Any) -> Application:
    return Application.model_validate(fields)


def test_impuls_apply_by_is_eight_weeks_after_the_end_and_the_closing_date_is_listed() -> None:
    deadlines = compute_deadlines(
        _app(scheme="impuls", project_start="2019-02-01", project_end="2019-06-30"),
        date(2019, 7, 15),
    )
    assert (deadlines.apply_by, deadlines.declaration_by, deadlines.interim_reports) == (
        date(2019, 8, 25),
        None,
        [],
    )
    assert [(d.code, d.day) for d in deadlines.items] == [
        ("apply_by", date(2019, 8, 25)),
        ("closing_date", date(2019, 12, 13)),
    ]
    closing = deadlines.items[1]
    assert "16:00" in closing.rule and closing.source
    assert "8 weken na het einde" in deadlines.items[0].rule


def test_innovatief_deadlines_are_sorted_and_each_has_a_rule_and_source() -> None:
    deadlines = compute_deadlines(
        _app(
            scheme="innovatief",
            project_start="2019-05-01",
            project_end="2020-04-30",
            project={"internal_assignment_date": "2019-04-01"},
        ),
        date(2019, 4, 15),
    )
    assert deadlines.apply_by == date(2019, 4, 29)
    assert deadlines.declaration_by == date(2020, 6, 25)
    assert deadlines.interim_reports == ["2019-07", "2019-11", "2020-03"]
    days = [item.day for item in deadlines.items]
    assert days == sorted(days)
    assert [item.code for item in deadlines.items].count("interim_report") == 3
    for item in deadlines.items:
        assert item.label and item.rule and item.source
    labels = [item.label for item in deadlines.items if item.code == "interim_report"]
    assert labels[0] == "Tussenrapportage juli 2019"


def test_innovatief_without_an_assignment_date_has_no_apply_by() -> None:
    deadlines = compute_deadlines(
        _app(scheme="innovatief", project_start="2019-05-01", project_end="2019-09-30"),
        date(2019, 4, 15),
    )
    assert deadlines.apply_by is None
    assert "apply_by" not in [item.code for item in deadlines.items]


def test_no_closing_date_in_a_year_whose_window_is_unknown() -> None:
    deadlines = compute_deadlines(
        _app(scheme="impuls", project_start="2021-02-01", project_end="2021-06-30"),
        date(2021, 7, 1),
    )
    assert "closing_date" not in [item.code for item in deadlines.items]
