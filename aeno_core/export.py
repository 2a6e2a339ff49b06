"""Export the whole application as a JSON file and import it again, refusing anything doubtful.

An export is what a user mails to a colleague or keeps beside the quotes: every answer as
entered (`answers`, also a half-finished draft) and, when the answers already form a valid
application, that application too, so `python -m aeno_core estimate EXPORT.json` reads the same
file. Import accepts such an export and the case files of `../shared/cases/` (YAML or JSON).

A file from outside is untrusted: it goes through `casefile.parse_document`, the one guard of
every entry point (1 MB before parsing, UTF-8, libyaml's safe loader, no aliases, bounded depth
and size), the same pydantic models as the wizard, and a bound on every number. Whatever fails
raises `CaseFileError` with one Dutch sentence; the caller's current draft is never touched
because nothing here has side effects.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any, Literal

from aeno_core.answers import Answers
from aeno_core.casefile import CaseFileError, application_from_data, parse_document, validated
from aeno_core.errors import FieldError
from aeno_core.safe_text import for_filename

FORMAT = "subsidiewijzer-concept"
"""The `format` key of an export, so a file says what it is."""

FORMAT_VERSION = 1

MAX_MAGNITUDE = Decimal(10) ** 12
"""No amount, number of hours or count in a real application comes near a trillion."""

MAX_DIGITS = 30


@dataclass(frozen=True)
class Imported:
    """A file that passed every check: the answers, what kind of file it was, its title."""

    answers: Answers
    kind: Literal["export", "casefile"]
    title: str


def export_document(answers: Answers, *, exported_at: datetime | None = None) -> bytes:
    """The JSON file to download: UTF-8, indented so a person can read it."""
    moment = (exported_at or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)
    document: dict[str, Any] = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "exported_at": moment.isoformat().replace("+00:00", "Z"),
        "name": answers.project.title or "Subsidiewijzer-concept",
        "source": "Subsidiewijzer, export van een concept",
        "answers": answers.model_dump(mode="json"),
    }
    application, errors = answers.to_application()
    if application is not None and not errors:
        document["application"] = application.model_dump(mode="json", exclude_unset=True)
    text = json.dumps(document, ensure_ascii=False, indent=2, allow_nan=False)
    return (text + "\n").encode("utf-8")


def export_filename(answers: Answers, day: datetime | None = None) -> str:
    """`subsidiewijzer-foutenfestival-2026-11-25.json`: recognisable in a downloads folder."""
    slug = for_filename(answers.project.title, "concept")
    stamp = (day or datetime.now(UTC)).date().isoformat()
    return f"subsidiewijzer-{slug}-{stamp}.json"


def import_document(raw: bytes) -> Imported:
    """Answers from an export or a case file; `CaseFileError` with a Dutch message otherwise."""
    data = parse_document(raw)
    if isinstance(data, dict) and "answers" in data:
        answers = _answers_from_export(data["answers"])
        kind: Literal["export", "casefile"] = "export"
    elif isinstance(data, dict):
        answers = Answers.from_application(application_from_data(data))
        kind = "casefile"
    else:
        raise CaseFileError(
            "het bestand bevat geen aanvraag: verwacht een export van de Subsidiewijzer"
            " of een casusbestand (een groep velden, geen losse waarde of lijst)"
        )
    _check_numbers(answers)
    title = answers.project.title
    if not title and isinstance(data, dict) and isinstance(data.get("name"), str):
        title = data["name"][:200]
    return Imported(answers, kind, title)


YES_NO_FIELDS = frozenset({"staff_development", "project_leader"})
"""The only yes/no answers in a cost line; anywhere else a boolean is not a number."""


def _answers_from_export(data: Any) -> Answers:
    if not isinstance(data, dict):
        raise CaseFileError("het onderdeel 'answers' van het bestand is geen groep velden")
    _check_row_types(data)
    return validated(Answers, data, where)


def _check_row_types(data: dict[str, Any]) -> None:
    """A yes/no in a number cell of a cost line is refused (the lenient rows would read
    `scale: true` as 1); the rows themselves stay lenient for half-typed drafts."""
    for table in ("external_costs", "internal_staff"):
        rows = data.get(table)
        if not isinstance(rows, list):
            continue
        for index, row in enumerate(rows):
            if not isinstance(row, dict):
                continue
            for key, value in row.items():
                if isinstance(value, bool) and key not in YES_NO_FIELDS:
                    path = f"{table}.{index}.{key}"
                    raise CaseFileError(
                        f"{where(FieldError(path, '', ''))}: vul een getal in, geen ja of nee",
                        [FieldError(path, key, "vul een getal in, geen ja of nee")],
                    )


def refusal(error: CaseFileError, filename: str | None = None) -> str:
    """The one Dutch sentence a user reads when a file is refused, naming the field if known."""
    if error.errors:
        first = error.errors[0]
        more = len(error.errors) - 1
        detail = f"{where(first)}: {first.message}" + (
            f" (en nog {more} fout{'en' if more > 1 else ''})" if more else ""
        )
    else:
        detail = str(error)
    which = f"Het bestand ‘{filename}’" if filename else "Het bestand"
    return f"{which} is niet ingelezen: {detail}. Uw huidige concept is niet veranderd."


def where(error: FieldError) -> str:
    """`externe kosten, regel 2, bedrag ex BTW` for `external_costs.1.amount_ex_vat`."""
    return error.place if error.path else "het bestand"


def _check_numbers(answers: Answers) -> None:
    """Refuse absurd magnitudes that a string like "1e999999" slips into a Decimal field."""
    for path, value in _numbers(answers.model_dump(), ""):
        magnitude = Decimal(value).copy_abs()
        too_big = magnitude >= MAX_MAGNITUDE or len(magnitude.as_tuple().digits) > MAX_DIGITS
        if too_big:
            label = where(FieldError(path, "", ""))
            raise CaseFileError(f"{label}: dit getal is te groot voor een aanvraag")


def _numbers(node: Any, path: str) -> list[tuple[str, Decimal | int]]:
    found: list[tuple[str, Decimal | int]] = []
    if isinstance(node, dict):
        for key, value in node.items():
            found += _numbers(value, f"{path}.{key}" if path else str(key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += _numbers(value, f"{path}.{index}")
    elif isinstance(node, Decimal) or (isinstance(node, int) and not isinstance(node, bool)):
        found.append((path, node))
    return found
