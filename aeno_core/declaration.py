"""A declaratie beside its aanvraag: what was granted per line, what was realised, and the totals.

The fund pays a declaratie at most the provisional amount of its beschikking. A person who
declares wants to see, line by line, where the realised costs differ from what was asked: the
aanvraag's lines (taken from its export or case file) stand beside the declaratie's own.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from aeno_core.answers import Answers, GrantedLine, evaluate
from aeno_core.entry import dutch_amount
from aeno_core.estimate import Estimate
from aeno_core.models import Phase, Scheme

ZERO = Decimal("0.00")


@dataclass(frozen=True)
class ComparedLine:
    """One line of the comparison; a side is None when that line exists on one side only."""

    label: str
    granted: Decimal | None
    realised: Decimal | None

    @property
    def difference(self) -> Decimal:
        """Realised minus granted (a line on one side only counts as zero on the other)."""
        return (self.realised or ZERO) - (self.granted or ZERO)


@dataclass(frozen=True)
class Comparison:
    """Granted and realised per line and in total, and what the fund will pay at most."""

    lines: list[ComparedLine]
    granted_total: Decimal | None
    realised_total: Decimal
    provisional: Decimal | None


def granted_lines(result: Estimate) -> list[GrantedLine]:
    """The aanvraag's lines with their subsidy, as a declaratie keeps them."""
    return [
        GrantedLine(
            kind=line.kind,
            description=line.description,
            subsidy=dutch_amount(line.subsidy),
        )
        for line in result.calculation.lines
    ]


def declaratie_from(aanvraag: Answers) -> Answers:
    """A declaratie that starts from an Innovatief aanvraag: its answers, its lines, its amount.

    The cost lines are copied as the starting point for the realised costs; the aanvraag's
    estimate becomes the provisional amount (the person corrects it to the beschikking's).
    """
    declaratie = aanvraag.model_copy(deep=True)
    declaratie.phase = Phase.DECLARATIE
    declaratie.scheme = Scheme.INNOVATIEF
    declaratie.scheme_confirmed = True
    declaratie.submitted_on = None
    declaratie.project.status = (
        None  # where it stands now is the person's to say, not the aanvraag's
    )
    outcome = evaluate(aanvraag.model_copy(update={"scheme": Scheme.INNOVATIEF}))
    if outcome.estimate is not None:
        declaratie.provisional_subsidy = dutch_amount(outcome.estimate.calculation.subsidy)
        declaratie.granted_lines = granted_lines(outcome.estimate)
    return declaratie


def compare(result: Estimate) -> Comparison:
    """The declaratie's lines beside the aanvraag's, matched by kind and position."""
    realised = result.calculation.lines
    granted = result.granted
    lines: list[ComparedLine] = []
    for kind, label in (("external", "Extern"), ("internal", "Intern")):
        mine = [line for line in realised if line.kind == kind]
        theirs = [line for line in granted if line.kind == kind]
        for index in range(max(len(mine), len(theirs))):
            now = mine[index] if index < len(mine) else None
            then = theirs[index] if index < len(theirs) else None
            name = (now.description if now else "") or (then.description if then else "")
            lines.append(
                ComparedLine(
                    label=f"{label} {index + 1}: {name or 'zonder omschrijving'}",
                    granted=None if then is None else then.subsidy,
                    realised=None if now is None else now.subsidy,
                )
            )
    granted_total = None
    if granted:
        granted_total = sum((line.subsidy or ZERO for line in granted), ZERO)
    provisional = result.application.provisional_subsidy
    return Comparison(lines, granted_total, result.calculation.before_limits, provisional)
