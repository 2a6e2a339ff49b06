"""The dates that follow from an application: apply by, interim reports, declare by, closing date."""

from __future__ import annotations

import calendar
from datetime import date, timedelta

from pydantic import BaseModel

from aeno_core import formatting as fmt
from aeno_core.models import Application, Phase, Scheme
from aeno_core.parameters import DatedValue, ParameterError, parameter


class Deadline(BaseModel):
    """One date to keep, with the rule it comes from."""

    code: str
    day: date
    label: str
    rule: str
    source: str


class Deadlines(BaseModel):
    """The deadlines of one application, in the shape the CLI prints and as a dated list."""

    apply_by: date | None
    declaration_by: date | None
    interim_reports: list[str]
    items: list[Deadline]


_APPLY_LABEL = "Aanvraag uiterlijk indienen"
_PROJECT_END = "het einde van het project"


def add_months(day: date, months: int) -> date:
    """Calendar months later, the day clipped to the month's end (31 January + 1 = 28 February)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def month_end(year: int, month: int) -> date:
    """The last day of a month: an interim report due 'in March' is due by 31 March."""
    return date(year, month, calendar.monthrange(year, month)[1])


def interim_report_months(start: date, end: date, months: list[int]) -> list[date]:
    """Report months strictly after the start month and strictly before the end month."""
    first, last = (start.year, start.month), (end.year, end.month)
    found: list[date] = []
    for year in range(start.year, end.year + 1):
        for month in months:
            if first < (year, month) < last:
                found.append(month_end(year, month))
    return found


def submission_window(day: date) -> DatedValue | None:
    """The year's submission window in force on `day`, None when the rules hold none yet."""
    try:
        return parameter("general.submission_window", day)
    except ParameterError:
        return None


def _weeks_after(code: str, label: str, window: DatedValue, start: date, after: str) -> Deadline:
    """The last day of a window of days after `start`; `after` names the start for the rule."""
    return Deadline(
        code=code,
        day=start + timedelta(days=window.value),
        label=label,
        rule=f"{window.value // 7} weken na {after} ({fmt.long_date(start)})",
        source=window.reference,
    )


def compute_deadlines(
    application: Application, rules_date: date, submitted: date | None = None
) -> Deadlines:
    """Every deadline the answers allow; unknown ones are None, never guessed.

    The closing date is only given for the year of applying (`submitted`, default the rules
    date): the 2019 rules used for a 2026 application must not announce a 2019 closing date.
    """
    items: list[Deadline] = []
    apply_by: date | None = None
    declaration_by: date | None = None
    reports: list[date] = []
    if application.scheme is Scheme.IMPULS:
        window = parameter("impuls.application_window_days", rules_date)
        deadline = _weeks_after(
            "apply_by", _APPLY_LABEL, window, application.project_end, _PROJECT_END
        )
        items.append(deadline)
        apply_by = deadline.day
    else:
        window = parameter("innovatief.application_window_days", rules_date)
        assignment = application.project.internal_assignment_date if application.project else None
        if assignment is not None:
            deadline = _weeks_after(
                "apply_by",
                _APPLY_LABEL,
                window,
                assignment,
                "de interne opdracht of de getekende offerte",
            )
            items.append(deadline)
            apply_by = deadline.day
        months = parameter("innovatief.interim_report_months", rules_date)
        reports = interim_report_months(
            application.project_start, application.project_end, list(months.value)
        )
        items.extend(
            Deadline(
                code="interim_report",
                day=day,
                label=f"Tussenrapportage {fmt.month_year(day)}",
                rule="In maart, juli en november tijdens het project; uiterlijk aan het eind"
                " van de maand",
                source=months.reference,
            )
            for day in reports
        )
        declare = parameter("innovatief.declaration_window_days", rules_date)
        deadline = _weeks_after(
            "declaration_by",
            "Declaratie uiterlijk indienen",
            declare,
            application.project_end,
            _PROJECT_END,
        )
        items.append(deadline)
        declaration_by = deadline.day
    closing = submission_window(rules_date)
    applying_year = (submitted or rules_date).year
    if closing is not None and closing.value["year"] == applying_year:
        items.append(
            Deadline(
                code="closing_date",
                day=closing.value["closes"],
                label=f"Laatste dag om in {closing.value['year']} in te dienen",
                rule=f"Tot en met {fmt.long_date(closing.value['closes'])},"
                f" vóór {closing.value['closes_at']} uur",
                source=closing.reference,
            )
        )
    if application.phase is Phase.DECLARATIE:
        # A declaratie looks ahead to its own deadline only: the aanvraag and the interim
        # reports lie behind it (the structured fields above still say what the rules give).
        items = [item for item in items if item.code in ("declaration_by", "closing_date")]
    items.sort(key=lambda item: item.day)
    return Deadlines(
        apply_by=apply_by,
        declaration_by=declaration_by,
        interim_reports=[f"{day.year:04d}-{day.month:02d}" for day in reports],
        items=items,
    )
