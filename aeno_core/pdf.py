"""The checklist PDF: what the user takes away to file, mail to HR or bring to the inlogbeheerder."""

from __future__ import annotations

import argparse
from datetime import datetime
from pathlib import Path

from fpdf import FPDF

from aeno_core import cli
from aeno_core.estimate import Estimate


def build_pdf(result: Estimate, *, created: datetime | None = None) -> bytes:
    """The PDF of `result`; a fixed `created` makes the bytes reproducible."""
    pdf = FPDF(format="A4")
    if created is not None:
        pdf.set_creation_date(created)
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.cell(text="Subsidiewijzer")
    return bytes(pdf.output())


def _write(result: Estimate, out: Path, args: argparse.Namespace) -> None:
    out.write_bytes(build_pdf(result))


cli.EXTRA_COMMANDS["pdf"] = ("schrijf de checklist als PDF", _write)
