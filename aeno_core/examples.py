"""Example applications shipped as case files under `assets/examples/`, loadable with one click.

Examples are data, not code: a new example is a new YAML file in the case file format, read
through `aeno_core.casefile` so it is validated exactly like an import.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from aeno_core.casefile import CaseFileError, application_from_data, parse_document, read_file
from aeno_core.models import Application
from aeno_core.parameters import ASSETS_DIR

EXAMPLES_DIR = ASSETS_DIR / "examples"


@dataclass(frozen=True)
class Example:
    """One example: its key (file stem), the Dutch name and description, the application."""

    key: str
    name: str
    description: str
    source: str
    application: Application


def _load(path: Path) -> Example:
    """One example through the same guard as every file from outside."""
    data = parse_document(read_file(path))
    if not isinstance(data, dict):
        raise CaseFileError("het voorbeeld bevat geen aanvraag (verwacht een groep velden)")
    return Example(
        key=path.stem,
        name=str(data.get("name", path.stem)),
        description=str(data.get("description", "")),
        source=str(data.get("source", "")),
        application=application_from_data(data),
    )


@cache
def examples(directory: Path = EXAMPLES_DIR) -> dict[str, Example]:
    """Every shipped example by key, read once per process; Foutenfestival first."""
    found = {path.stem: _load(path) for path in sorted(directory.glob("*.yaml"))}
    ordered = dict(sorted(found.items(), key=lambda item: item[0] != "foutenfestival"))
    return ordered


def example(key: str) -> Example:
    """One example by key (`foutenfestival`)."""
    return examples()[key]
