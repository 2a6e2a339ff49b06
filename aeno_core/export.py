"""Export the whole application as a JSON file and import it again, refusing anything doubtful.

An export is what a user mails to a colleague or keeps beside the quotes: every answer as
entered (`answers`, also a half-finished draft) and, when the answers already form a valid
application, that application too, so `python -m aeno_core estimate EXPORT.json` reads the same
file. Import accepts such an export and the case files of `../shared/cases/` (YAML or JSON).

A file from outside is untrusted: it goes through `casefile.parse_document` (1 MB, UTF-8, safe
YAML without tags), a bound on its size as a tree (against "billion laughs" aliases and deep
nesting), the same pydantic models as the wizard, and a bound on every number. Whatever fails
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
from aeno_core.errors import FIELD_LABELS, FieldError
from aeno_core.safe_text import for_filename

FORMAT = "subsidiewijzer-concept"
"""The `format` key of an export, so a file says what it is."""

FORMAT_VERSION = 1

MAX_NODES = 20_000
"""Values in the file's tree, counting shared YAML aliases each time: a full application of 200
external and 200 internal lines has about 3.000; anything far beyond is an attack or an error."""

MAX_DEPTH = 20
"""An application is nested four levels deep; twenty leaves room for wrappers, not for abuse."""

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
    _check_shape(data)
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


def _answers_from_export(data: Any) -> Answers:
    if not isinstance(data, dict):
        raise CaseFileError("het onderdeel 'answers' van het bestand is geen groep velden")
    return validated(Answers, data, where)


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
    parts = []
    for segment in error.path.split("."):
        if segment.isdigit():
            parts.append(f"regel {int(segment) + 1}")
        elif segment:
            parts.append(FIELD_LABELS.get(segment, segment))
    return ", ".join(parts) or "het bestand"


def _check_shape(data: Any) -> None:
    """Walk the parsed tree once, with a budget: aliases cannot multiply it past MAX_NODES."""
    stack: list[tuple[Any, int]] = [(data, 1)]
    seen = 0
    while stack:
        node, depth = stack.pop()
        seen += 1
        if seen > MAX_NODES:
            raise CaseFileError(
                "het bestand bevat veel meer gegevens dan een aanvraag kan hebben"
                " (mogelijk herhaalde verwijzingen); het is niet ingelezen"
            )
        if depth > MAX_DEPTH:
            raise CaseFileError("het bestand is te diep genest")
        if isinstance(node, dict):
            for key, value in node.items():
                if not isinstance(key, str):
                    raise CaseFileError(
                        f"het bestand bevat een veldnaam die geen tekst is ({key!r:.40})"
                    )
                stack.append((value, depth + 1))
        elif isinstance(node, list):
            stack.extend((value, depth + 1) for value in node)
        elif isinstance(node, float) and not (-float(MAX_MAGNITUDE) < node < float(MAX_MAGNITUDE)):
            raise CaseFileError("het bestand bevat een getal dat te groot is of geen getal is")
        elif isinstance(node, int) and not isinstance(node, bool) and abs(node) >= MAX_MAGNITUDE:
            raise CaseFileError("het bestand bevat een getal dat te groot is")


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
