"""Command line: `python -m aeno_core estimate FILE` and friends.

Bad input ends with exit status 2 and one message naming the field, never a traceback, so the
command is safe to script and to hand to a newcomer.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

from aeno_core.casefile import CaseFileError, load_application
from aeno_core.estimate import Estimate, estimate, to_json

EXIT_INPUT = 2

Writer = Callable[[Estimate, Path, argparse.Namespace], None]
EXTRA_COMMANDS: dict[str, tuple[str, Writer]] = {}
"""Commands that write a file from an estimate (`pdf`, `ics`), registered by their modules."""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m aeno_core",
        description="Subsidiewijzer: schat de subsidie van het A&O fonds Gemeenten voor een"
        " aanvraag (Impulsregeling of Innovatieve Projectenregeling). Een schatting: het fonds"
        " beslist.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    run = commands.add_parser(
        "estimate",
        help="print the explained estimate of a case file as JSON",
        description="Read a case file (YAML or JSON, format of ../shared/cases/README.md) and"
        ' print JSON with "subsidy", "before_limits", "lines", "findings" and "deadlines".'
        " Exit status 2 with a message naming the field when the input is refused.",
    )
    run.add_argument("file", type=Path, help="case file (.yaml, .yml or .json)")
    _today_option(run)
    overview = commands.add_parser(
        "overview",
        help="the projects map (projectenmap) of several files: JSON, Excel, CSV, .ics, PDF",
        description="Read exports of the Subsidiewijzer, case files or a saved projects map and"
        " print JSON: one entry per project with its estimate, and totals per year and scheme."
        " Optionally write the Excel workbook, a CSV (;), one calendar with every deadline and"
        " a PDF summary. Exit status 2 with a Dutch message naming the file when one is refused;"
        " then nothing is written.",
    )
    overview.add_argument(
        "files",
        nargs="+",
        type=Path,
        metavar="FILE",
        help="exports of the Subsidiewijzer, case files (.yaml, .yml, .json) or a saved map",
    )
    overview.add_argument("--xlsx", type=Path, help="write the Excel workbook here")
    overview.add_argument("--csv", type=Path, help="write the CSV (;, decimal comma) here")
    overview.add_argument("--ics", type=Path, help="write one calendar with every deadline here")
    overview.add_argument("--pdf", type=Path, help="write the PDF summary of the map here")
    _today_option(overview)
    for name, (help_text, _) in EXTRA_COMMANDS.items():
        sub = commands.add_parser(name, help=help_text, description=help_text)
        sub.add_argument("file", type=Path, help="case file (.yaml, .yml or .json)")
        sub.add_argument("--out", type=Path, required=True, help="file to write")
        _today_option(sub)
    return parser


def _today_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--today",
        type=date.fromisoformat,
        default=None,
        help="date of applying when the file gives none (YYYY-MM-DD; default: today)",
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; returns the exit status."""
    arguments = list(sys.argv[1:] if argv is None else argv)
    if arguments[:1] != ["estimate"]:
        # The writers pull in fpdf2 and icalendar (half a second of imports); `estimate`, the
        # command scripts and tests run most, never needs them.
        _register_writers()
    args = _parser().parse_args(arguments)
    if args.command == "overview":
        from aeno_core.overview_cli import run

        return run(args)
    try:
        application = load_application(args.file)
    except CaseFileError as error:
        print(f"{args.file}: {error}", file=sys.stderr)
        return EXIT_INPUT
    result = estimate(application, args.today)
    if args.command == "estimate":
        json.dump(to_json(result), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return 0
    _, write = EXTRA_COMMANDS[args.command]
    try:
        write(result, args.out, args)
    except OSError as error:
        print(f"{args.out}: kan niet schrijven: {error.strerror}", file=sys.stderr)
        return EXIT_INPUT
    print(args.out)
    return 0


def _register_writers() -> None:
    """Import the optional writers; each adds itself to EXTRA_COMMANDS when present."""
    for module in ("aeno_core.pdf", "aeno_core.calendar_file"):
        try:
            __import__(module)
        except ModuleNotFoundError as error:
            if error.name != module:
                raise
