"""Where each step of the wizard stands, worked out from the answers alone, never from visits.

A task list that says "klaar" for a page someone merely opened tells an empty application it
is finished. Each step is "nog te doen" (nothing answered), "bezig" (started, not complete),
"fouten" (something entered cannot be used) or "klaar" (complete and valid); Resultaat is
"klaar" only when there is an estimate.
"""

from __future__ import annotations

from enum import StrEnum

from aeno_core.answers import MISSING_MESSAGES, SECTIONS, Answers, Outcome, section_of
from aeno_core.models import Phase


class Status(StrEnum):
    """A step's state, as the task list says it."""

    TODO = "nog te doen"
    BUSY = "bezig"
    ERRORS = "fouten"
    DONE = "klaar"


QUESTION_SECTIONS = ("organisatie", "project", "regeling", "kosten")
"""The steps that ask questions; the others summarise them."""


def started(answers: Answers) -> dict[str, bool]:
    """Per question step: has the person answered anything there yet?"""
    org = answers.organisation
    project = answers.project
    return {
        "organisatie": any(
            value is not None
            for value in (
                org.type,
                org.applies_car_uwo,
                org.collaboration,
                org.via_external_bureau,
            )
        )
        or bool(org.share_gemeenten.strip()),
        "project": answers.phase is Phase.DECLARATIE
        or bool(project.title.strip())
        or bool(answers.provisional_subsidy.strip())
        or any(
            value is not None
            for value in (
                project.theme,
                project.new_for,
                project.status,
                project.participants_per_training,
                project.partner_gemeenten,
                project.internal_assignment_date,
                answers.project_start,
                answers.project_end,
                answers.submitted_on,
            )
        ),
        "regeling": answers.scheme is not None or answers.scheme_confirmed,
        "kosten": any(not row.is_empty() for row in answers.external_costs)
        or any(not row.is_empty() for row in answers.internal_staff),
    }


def section_status(answers: Answers, outcome: Outcome) -> dict[str, Status]:
    """Every step of the wizard, in order, with its state."""
    begun = started(answers)
    complete = answers.completion()
    wrong = {section_of(e.path) for e in outcome.errors if e.message not in MISSING_MESSAGES}
    missing = {section_of(e.path) for e in outcome.errors if e.message in MISSING_MESSAGES}
    status: dict[str, Status] = {}
    for section in QUESTION_SECTIONS:
        if section in wrong:
            status[section] = Status.ERRORS
        elif complete[section] and section not in missing:
            status[section] = Status.DONE
        elif begun[section]:
            status[section] = Status.BUSY
        else:
            status[section] = Status.TODO
    anything = any(begun.values())
    all_done = all(status[s] is Status.DONE for s in QUESTION_SECTIONS)
    has_estimate = outcome.estimate is not None
    status["start"] = Status.DONE if anything else Status.TODO
    if wrong:
        status["overzicht"] = Status.ERRORS
    elif has_estimate and all_done:
        status["overzicht"] = Status.DONE
    else:
        status["overzicht"] = Status.BUSY if anything else Status.TODO
    status["resultaat"] = Status.DONE if has_estimate else Status.TODO
    return {section: status[section] for section in SECTIONS}
