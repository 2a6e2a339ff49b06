"""The checklist PDF: what the user takes away to file, mail to HR or bring to the inlogbeheerder.

Built from the same `Estimate` the pages show, so the paper and the screen never disagree. Every
text the user typed (titles, descriptions, roles) is printed as plain text: fpdf2's markdown is
never switched on, so `**x**` or `<b>` come out literally. A fixed `created` makes the bytes
reproducible: fpdf2 derives the file id from the content, and nothing else here reads the clock.
"""

from __future__ import annotations

import argparse
from datetime import UTC, datetime
from pathlib import Path

from aeno_core import cli
from aeno_core.estimate import Estimate
from aeno_core.pdf import front_page, project, sections
from aeno_core.pdf.document import ChecklistPDF


def build_pdf(result: Estimate, *, created: datetime | None = None) -> bytes:
    """The PDF of `result`; a fixed `created` makes two builds byte-identical."""
    made = created or datetime.now(UTC)
    if made.tzinfo is None:
        made = made.replace(tzinfo=UTC)
    pdf = ChecklistPDF(made, result)
    front_page.title_block(pdf, result)
    project.project_section(pdf, result)
    sections.scheme_section(pdf, result)
    sections.calculation_section(pdf, result.calculation, result)
    if result.granted:
        sections.granted_section(pdf, result)
    sections.findings_section(pdf, result.findings)
    sections.deadlines_section(pdf, result)
    if result.checklist.report_contents:
        sections.report_contents_section(pdf, result)
    sections.documents_section(pdf, result)
    sections.steps_section(pdf, result)
    sections.closing_section(pdf, result)
    return bytes(pdf.output())


def _write(result: Estimate, out: Path, args: argparse.Namespace) -> None:
    out.write_bytes(build_pdf(result))


cli.EXTRA_COMMANDS["pdf"] = ("schrijf de schatting en checklist als PDF", _write)
