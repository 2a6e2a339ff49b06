"""Scheme advice: which of the two schemes fits the answers, which does not and why."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel

from aeno_core.calculation import Limit
from aeno_core.estimate import Estimate, estimate, with_scheme
from aeno_core.findings import Verdict
from aeno_core.models import Application, Scheme
from aeno_core.vocabulary import SCHEME_LABELS as SCHEME_LABELS  # re-exported for the pages

SCHEME_CODES = frozenset(
    {"new_for", "status", "duration", "participants", "partner_gemeenten", "application_window"}
)
"""Conditions that differ between the schemes; the others count for both alike."""


class SchemeOption(BaseModel):
    """One scheme judged on the same answers."""

    scheme: Scheme
    label: str
    fits: bool
    reasons: list[str]
    estimate: Estimate


class Advice(BaseModel):
    """Both schemes side by side and the one that fits best."""

    recommended: Scheme
    options: list[SchemeOption]
    summary: str

    def option(self, scheme: Scheme) -> SchemeOption:
        """The judged option for `scheme`."""
        return next(o for o in self.options if o.scheme is scheme)


def advise(application: Application, today: date | None = None) -> Advice:
    """Judge the answers under both schemes; prefer the one without scheme-specific problems."""
    options: list[SchemeOption] = []
    for scheme in (Scheme.IMPULS, Scheme.INNOVATIEF):
        variant = application if scheme is application.scheme else with_scheme(application, scheme)
        result = estimate(variant, today)
        reasons = [
            f.message
            for f in result.findings
            if f.verdict is Verdict.PROBLEM and f.code in SCHEME_CODES
        ]
        calc = result.calculation
        if calc.limit is Limit.BELOW_MINIMUM and calc.before_limits > 0:
            # Costs were entered but stay under this scheme's minimum: no subsidy here.
            reasons.append(calc.limit_message)
        options.append(
            SchemeOption(
                scheme=scheme,
                label=SCHEME_LABELS[scheme],
                fits=not reasons,
                reasons=reasons,
                estimate=result,
            )
        )
    fitting = [o for o in options if o.fits]
    if len(fitting) == 1:
        best = fitting[0]
        summary = f"De {best.label} past het best bij de antwoorden."
    elif fitting:
        best = next(o for o in fitting if o.scheme is application.scheme)
        summary = "Beide regelingen lijken te passen; vergelijk de bedragen hieronder."
    else:
        best = min(options, key=lambda o: (len(o.reasons), o.scheme is not application.scheme))
        summary = (
            "Geen van beide regelingen past zonder problemen; de"
            f" {best.label} heeft de minste bezwaren."
        )
    return Advice(recommended=best.scheme, options=options, summary=summary)
