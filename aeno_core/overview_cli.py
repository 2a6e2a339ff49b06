"""`python -m aeno_core overview FILE...`: the projects map of a folder of exports or case files.

The parser is `aeno_core.cli`'s. Every file is read and checked before anything is written: one bad file ends the run with exit
status 2 and one Dutch line naming it, and no half set of files is left behind. A FILE may also
be a saved map (`overview.map_document`), which brings HR's statuses, notes and limits along.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path

from aeno_core.casefile import MAX_BYTES, CaseFileError, parse_document
from aeno_core.export import import_document, where
from aeno_core.overview import (
    Overview,
    ProjectMap,
    add_imported,
    is_map_document,
    overview_json,
    read_map,
    summarise,
)
from aeno_core.vocabulary import SCHEME_LABELS

EXIT_INPUT = 2

OUTPUTS = ("xlsx", "csv", "ics", "pdf")


def run(args: argparse.Namespace) -> int:
    """Read every file, print the JSON summary and write the files asked for."""
    try:
        project_map = read_files(args.files)
    except _Refused as refused:
        print(refused.message, file=sys.stderr)
        return EXIT_INPUT
    overview = summarise(project_map, args.today)
    for name in OUTPUTS:
        out: Path | None = getattr(args, name)
        if out is None:
            continue
        try:
            out.write_bytes(_builder(name)(overview))
        except OSError as error:
            print(f"{out}: kan niet schrijven: {error.strerror}", file=sys.stderr)
            return EXIT_INPUT
    json.dump(overview_json(overview), sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
    return 0


class _Refused(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def read_files(paths: list[Path]) -> ProjectMap:
    """One map from all files, in the order given; `_Refused` names the first bad file."""
    project_map = ProjectMap()
    for path in paths:
        try:
            raw = _read(path)
            data = parse_document(raw)
            if is_map_document(data):
                _merge(project_map, read_map(raw))
            else:
                add_imported(project_map, import_document(raw), path.name)
        except CaseFileError as error:
            raise _Refused(refusal(path, error)) from None
    return project_map


def refusal(path: Path, error: CaseFileError) -> str:
    """`Het bestand x.yaml is niet ingelezen: interne uren, regel 1, uren: ...`: one line."""
    if error.errors:
        first = error.errors[0]
        detail = f"{where(first)}: {first.message}"
        if len(error.errors) > 1:
            detail += f" (en nog {len(error.errors) - 1} fout(en))"
    else:
        detail = str(error)
    return f"Het bestand {path} is niet ingelezen: {detail}. Er is geen bestand geschreven."


def _read(path: Path) -> bytes:
    try:
        with path.open("rb") as handle:
            return handle.read(MAX_BYTES + 1)  # one byte more is enough to refuse it
    except OSError as error:
        reason = error.strerror or error.__class__.__name__
        raise CaseFileError(f"kan het bestand niet lezen ({reason})") from None


def _merge(project_map: ProjectMap, saved: ProjectMap) -> None:
    """A saved map's projects (keys kept where free), its limits and organisation name."""
    project_map.add_projects_of(saved)
    for limit in saved.limits:
        if project_map.limit(limit.scheme, limit.year) is not None:
            raise CaseFileError(
                f"het plafond voor de {SCHEME_LABELS[limit.scheme]} {limit.year} staat ook in een ander"
                " bestand; geef het maar één keer"
            )
        project_map.limits.append(limit)
    if saved.organisation and not project_map.organisation:
        project_map.organisation = saved.organisation


def _builder(name: str) -> Callable[[Overview], bytes]:
    """The writer of one output; fpdf2 and openpyxl are imported only when asked for."""
    if name == "pdf":
        from aeno_core.overview_pdf import build_overview_pdf

        return build_overview_pdf
    from aeno_core import overview_files

    builders: dict[str, Callable[[Overview], bytes]] = {
        "xlsx": overview_files.build_workbook,
        "csv": overview_files.build_csv,
        "ics": overview_files.build_calendar,
    }
    return builders[name]
