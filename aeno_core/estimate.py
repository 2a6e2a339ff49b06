"""The one entry point the pages, the PDF, the calendar and the CLI call: an explained estimate."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from pydantic import BaseModel

from aeno_core.calculation import Calculation, calculate
from aeno_core.checklist import Checklist, build_checklist
from aeno_core.deadlines import Deadlines, compute_deadlines
from aeno_core.findings import Finding, Verdict, judge
from aeno_core.models import Application, Phase, Scheme
from aeno_core.rule_sets import rule_status, rules_day


class GrantedSubsidy(BaseModel):
    """One line of the aanvraag a declaratie stands beside: its kind, name and subsidy then."""

    kind: str
    description: str
    subsidy: Decimal | None


class Contacts(BaseModel):
    """Who asks: names the documents print and no rule reads (issue 16).

    Kept beside the application rather than in it: the rules never depend on a name, and a
    case file (the core's input format) has no place for one.
    """

    organisation_name: str = ""
    organisation_contact: str = ""
    leader_name: str = ""
    leader_email: str = ""

    def is_empty(self) -> bool:
        """Nothing given: the documents leave the lines out."""
        return not any(
            (
                self.organisation_name,
                self.organisation_contact,
                self.leader_name,
                self.leader_email,
            )
        )


class Estimate(BaseModel):
    """Everything the rules say about one application on one day."""

    application: Application
    submitted_on: date
    rules_date: date
    calculation: Calculation
    findings: list[Finding]
    deadlines: Deadlines
    checklist: Checklist
    scheme_chosen: bool = True
    """Did the user choose the scheme (a case file names one), or does it follow the advice?"""
    granted: list[GrantedSubsidy] = []
    """Declaratie: the aanvraag's lines and their subsidy, when the aanvraag was read in."""
    contacts: Contacts = Contacts()
    """The organisation's name and contact and the projectleider, as the wizard asked them."""

    @property
    def scheme_mark(self) -> str:
        """`gekozen` or `geadviseerd`: how the scheme came about, as the documents say it."""
        return "gekozen" if self.scheme_chosen else "geadviseerd"

    @property
    def problems(self) -> list[Finding]:
        """The findings that stand in the way of a subsidy."""
        return [f for f in self.findings if f.verdict is Verdict.PROBLEM]

    @property
    def to_check(self) -> list[Finding]:
        """The findings the user still has to answer or verify."""
        return [f for f in self.findings if f.verdict is Verdict.TO_CHECK]


def estimate(application: Application, today: date | None = None) -> Estimate:
    """Judge and calculate `application` as if submitted on its date, or on `today`.

    The rules in force on the date of applying decide; without one, today's. A date outside
    the rules this version knows is judged by the nearest known ones (`rules_day`), and a
    `rules_date` finding says so.
    """
    submitted = application.submitted_on or today or date.today()
    rules_date = rules_day(submitted)
    return Estimate(
        application=application,
        submitted_on=submitted,
        rules_date=rules_date,
        calculation=calculate(application, rules_date),
        findings=judge(application, submitted, rules_date),
        deadlines=compute_deadlines(application, rules_date, submitted),
        checklist=build_checklist(application, rules_date),
    )


def with_scheme(application: Application, scheme: Scheme) -> Application:
    """The same answers under the other scheme, as an aanvraag (for advice side by side)."""
    data = application.model_dump(exclude_unset=True)
    data["scheme"] = scheme
    data["phase"] = Phase.AANVRAAG if scheme is Scheme.IMPULS else application.phase
    if scheme is Scheme.IMPULS:
        data.pop("provisional_subsidy", None)
    return Application.model_validate(data)


def to_json(result: Estimate) -> dict[str, Any]:
    """The JSON the CLI prints (format fixed by `../shared/cases/README.md`)."""
    calc = result.calculation
    deadlines = result.deadlines
    status = rule_status(result.submitted_on)
    return {
        "scheme": calc.scheme.value,
        "phase": calc.phase.value,
        "subsidy": f"{calc.subsidy:.2f}",
        "before_limits": f"{calc.before_limits:.2f}",
        "limit": calc.limit.value,
        "limit_message": calc.limit_message,
        "rules_date": calc.rules_date.isoformat(),
        "rules": {
            "date": calc.rules_date.isoformat(),
            "known": status.known,
            "computed_with": status.rules_name,
        },
        "lines": [
            {
                "kind": line.kind,
                "description": line.description,
                "cost": f"{line.cost:.2f}",
                "hours": None if line.hours is None else str(line.hours),
                "rate": None if line.rate is None else f"{line.rate:.2f}",
                "rate_source": line.rate_source,
                "share": line.share,
                "eligible": line.eligible,
                "subsidy": f"{line.subsidy:.2f}",
                "rule": line.rule,
                "source": line.source,
            }
            for line in calc.lines
        ],
        "findings": [
            {
                "code": f.code,
                "group": f.group.value,
                "verdict": f.verdict.value,
                "message": f.message,
                "source": f.source,
            }
            for f in result.findings
        ],
        "deadlines": {
            "apply_by": deadlines.apply_by.isoformat() if deadlines.apply_by else None,
            "declaration_by": (
                deadlines.declaration_by.isoformat() if deadlines.declaration_by else None
            ),
            "interim_reports": deadlines.interim_reports,
            "items": [
                {"code": d.code, "date": d.day.isoformat(), "label": d.label, "rule": d.rule}
                for d in deadlines.items
            ],
        },
        "documents": result.checklist.documents,
    }
