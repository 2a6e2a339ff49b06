"""The first lines of the checklist: the title, the estimate in a box, and what to watch.

The box holds the estimate, the scheme's limit, how the conditions stand and the disclaimer, so
someone who reads only the first page knows the amount and whether anything stands in its way.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from fpdf.enums import XPos, YPos

from aeno_core import formatting as fmt
from aeno_core.estimate import Estimate
from aeno_core.findings import Finding, Verdict
from aeno_core.models import Phase
from aeno_core.pdf import blocks
from aeno_core.pdf.document import ChecklistPDF
from aeno_core.pdf.fonts import FONT, REPLACEMENT, unprintable
from aeno_core.pdf.style import (
    ACCENT,
    ACCENT_TINT,
    BODY_PT,
    DISCLAIMER,
    LINE_MM,
    MUTED,
    SMALL_LINE_MM,
    SMALL_PT,
    TEXT,
    VERDICTS,
    Colour,
)
from aeno_core.safe_text import for_pdf
from aeno_core.vocabulary import PHASE_LABELS, SCHEME_LABELS


def _user_texts(result: Estimate) -> list[str]:
    """Every text the user typed or a file brought in: those may hold any character."""
    found: list[str] = []

    def walk(node: Any) -> None:
        if isinstance(node, str):
            found.append(node)
        elif isinstance(node, dict):
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(result.application.model_dump())
    walk(result.contacts.model_dump())
    return found


def _characters_note(pdf: ChecklistPDF, result: Estimate) -> None:
    """Tell the user, in the first lines, when their text is not printed as typed."""
    other_font, replaced = unprintable(_user_texts(result))
    parts = []
    if replaced:
        count = len(replaced)
        parts.append(
            f"{'Eén teken' if count == 1 else f'{count} verschillende tekens'} uit uw"
            " antwoorden (zoals emoji, Chinese tekens of onzichtbare tekens)"
            f" {'kan' if count == 1 else 'kunnen'} in dit document niet worden weergegeven;"
            f" {'het staat' if count == 1 else 'ze staan'} hier als {REPLACEMENT}."
        )
    if other_font:
        parts.append(
            "Sommige tekens uit uw antwoorden staan in een ander lettertype (DejaVu Sans)."
        )
    if parts:
        _, _, ink = VERDICTS[Verdict.TO_CHECK]
        blocks.text(pdf, "Let op: " + " ".join(parts), size=SMALL_PT, colour=ink, after=3)


def title_block(pdf: ChecklistPDF, result: Estimate) -> None:
    app, calc = result.application, result.calculation
    pdf.set_font(FONT, "B", 19)
    pdf.set_text_color(*ACCENT)
    pdf.cell(0, 10, "Subsidieschatting en checklist", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    title = app.project.title if app.project and app.project.title else "Project zonder titel"
    blocks.text(pdf, for_pdf(title), size=13, style="B", height=6.2)
    blocks.text(
        pdf,
        f"{SCHEME_LABELS[app.scheme]} ({result.scheme_mark})  ·"
        f"  {PHASE_LABELS[app.phase].lower()}  ·  in te dienen op"
        f" {fmt.long_date(result.submitted_on)}",
        colour=MUTED,
        after=5,
    )
    for finding in result.findings:
        if finding.code == "rules_date":
            _, _, ink = VERDICTS[Verdict.TO_CHECK]
            blocks.text(pdf, f"Let op: {finding.message}", style="B", colour=ink, after=4)
    _characters_note(pdf, result)

    label = "Geschatte subsidie" + (" bij declaratie" if app.phase is Phase.DECLARATIE else "")
    _, _, problem_ink = VERDICTS[Verdict.PROBLEM]
    pad = 8.0
    inner = pdf.epw - 2 * pad
    boxed: list[tuple[str, float, str, Colour, float, float]] = [
        (calc.limit_message, BODY_PT, "", TEXT, LINE_MM, 2.5),
        (_verdict_counts(result.findings), BODY_PT, "B", TEXT, LINE_MM, 2.5),
    ]
    if result.problems:
        count = len(result.problems)
        boxed.append(
            (
                f"Let op: {count} {'voorwaarde staat' if count == 1 else 'voorwaarden staan'}"
                " een subsidie in de weg (zie hoofdstuk 4). Dit bedrag geldt alleen als"
                f" {'dat probleem is' if count == 1 else 'die problemen zijn'} opgelost.",
                BODY_PT,
                "B",
                problem_ink,
                LINE_MM,
                2.5,
            )
        )
    boxed.append((DISCLAIMER, SMALL_PT, "", MUTED, SMALL_LINE_MM, 0))
    box_h = 5 + 4.5 + 11 + 5
    box_h += sum(
        blocks.text_height(pdf, inner, text, size, style, line) + after
        for text, size, style, _, line, after in boxed
    )
    x, y = pdf.l_margin, pdf.get_y()
    pdf.set_fill_color(*ACCENT_TINT)
    pdf.rect(x, y, pdf.epw, box_h, style="F")
    pdf.set_fill_color(*ACCENT)
    pdf.rect(x, y, 1.6, box_h, style="F")
    pdf.set_xy(x, y + 5)
    pdf.set_text_color(*ACCENT)
    blocks.lines(pdf, x + pad, inner, label.upper(), 8, "B", 4.5)
    pdf.set_x(x + pad)
    pdf.set_font(FONT, "B", 24)
    pdf.set_text_color(*TEXT)
    pdf.cell(inner, 11, fmt.money(calc.subsidy), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    for text, size, style, colour, line, after in boxed:
        pdf.set_text_color(*colour)
        blocks.lines(pdf, x + pad, inner, text, size, style, line)
        pdf.ln(after)
    pdf.set_text_color(*TEXT)
    pdf.set_y(y + box_h + 4)


def _verdict_counts(findings: Sequence[Finding]) -> str:
    ok = sum(1 for f in findings if f.verdict is Verdict.OK)
    problems = sum(1 for f in findings if f.verdict is Verdict.PROBLEM)
    check = sum(1 for f in findings if f.verdict is Verdict.TO_CHECK)
    problem_word = "probleem" if problems == 1 else "problemen"
    return (
        f"Voorwaarden: {ok} in orde  ·  {problems} {problem_word}  ·  {check} te controleren"
        " (zie hoofdstuk 4)"
    )
