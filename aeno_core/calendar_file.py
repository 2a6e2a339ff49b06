"""The deadlines as an iCalendar file, so no date of the application is missed."""

from __future__ import annotations

import argparse
from datetime import datetime
from pathlib import Path

from icalendar import Calendar

from aeno_core import cli
from aeno_core.estimate import Estimate


def build_ics(result: Estimate, *, created: datetime | None = None) -> bytes:
    """The .ics of `result`'s deadlines; a fixed `created` makes the bytes reproducible."""
    calendar = Calendar()
    calendar.add("prodid", "-//Subsidiewijzer//NL")
    calendar.add("version", "2.0")
    return bytes(calendar.to_ical())


def _write(result: Estimate, out: Path, args: argparse.Namespace) -> None:
    out.write_bytes(build_ics(result))


cli.EXTRA_COMMANDS["ics"] = ("schrijf de termijnen als agendabestand (.ics)", _write)
