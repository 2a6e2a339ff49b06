"""What to collect and which steps to take, for the chosen scheme and phase."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel

from aeno_core.calculation import has_counting_external
from aeno_core.models import Application, Scheme
from aeno_core.parameters import parameter


class Step(BaseModel):
    """One step of the fund's stappenplan with its tasks."""

    title: str
    note: str
    tasks: list[str]
    phases: list[str] = ["aanvraag", "declaratie"]
    """The phases this step belongs to: a declaratie shows only its own steps."""


class Checklist(BaseModel):
    """Documents to collect, the stappenplan, and (Innovatief) what reports must contain."""

    documents: list[str]
    documents_source: str
    steps: list[Step]
    steps_source: str
    report_contents: list[str]


def build_checklist(application: Application, rules_date: date) -> Checklist:
    """Only the documents that apply: payslips need staff lines; quotes, invoices and the
    prestatieverklaring need at least one external line that counts (about staff development,
    above zero), the same test as the project-leader rule: lines the fund leaves out need none.
    """
    scheme = application.scheme.value
    documents = parameter(f"{scheme}.documents.{application.phase.value}", rules_date)
    present = {
        "always": True,
        "external": has_counting_external(application),
        "internal": bool(application.internal_staff),
    }
    steps = parameter(f"{scheme}.steps", rules_date)
    contents: list[str] = []
    if application.scheme is Scheme.INNOVATIEF:
        contents = list(parameter("innovatief.report_contents", rules_date).value)
    return Checklist(
        documents=[doc["text"] for doc in documents.value if present[doc["when"]]],
        documents_source=documents.reference,
        steps=[
            step
            for step in (Step(**item) for item in steps.value)
            if application.phase.value in step.phases
        ],
        steps_source=steps.reference,
        report_contents=contents,
    )
