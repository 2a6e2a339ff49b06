"""Export and import: every answer survives the round trip; broken and hostile files are refused.

The refusals are checked at the unit level here (each gives one Dutch sentence and raises
before anything could change) and through the Start page in AppTest (the message is shown and the
current draft is untouched); the browser test checks one upload end to end.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pytest

from aeno_core.answers import Answers, ExternalRow, InternalRow
from aeno_core.casefile import (
    MAX_BYTES,
    CaseFileError,
    application_from_data,
    load_application,
    parse_document,
)
from aeno_core.estimate import estimate
from aeno_core.export import (
    FORMAT,
    export_document,
    export_filename,
    import_document,
    refusal,
)
from aeno_core.models import Application
from tests.paths import shared_case_files

CASES = shared_case_files()
VALID_CASES = [path for path in CASES if "invalid" not in path.name]
INVALID_CASES = [path for path in CASES if "invalid" in path.name]
TODAY = datetime(2026, 11, 25, 10, 0, tzinfo=UTC)


def half_filled() -> Answers:
    """A draft as it stands mid-way: no dates yet, an amount typed, a row without hours."""
    return Answers.model_validate(
        {
            "phase": "aanvraag",
            "organisation": {"type": "gemeente", "collaboration": True, "share_gemeenten": "80,5"},
            "project": {"title": "Leerlab “digitale balie” – fase één", "theme": 0},
            "external_costs": [{"description": "Trainer", "amount_ex_vat": "1234.56"}],
            "internal_staff": [{"role": "HR-adviseur", "scale": 9}],
        }
    )


def comparable(application: Application, like: Application) -> dict[str, object]:
    """The application's data; a part the case file leaves out (None) the wizard fills with
    unanswered questions, which the comparison skips."""
    data = application.model_dump()
    for part in ("organisation", "project"):
        if getattr(like, part) is None:
            data.pop(part)
    return data


@pytest.mark.parametrize("path", VALID_CASES, ids=lambda p: p.stem)
def test_every_valid_shared_case_imports_and_keeps_its_estimate(path: Path) -> None:
    imported = import_document(path.read_bytes())
    assert imported.kind == "casefile"
    application, errors = imported.answers.to_application()
    assert errors == []
    assert application is not None
    original = load_application(path)
    assert comparable(application, original) == comparable(original, original)
    ours, theirs = estimate(application).calculation, estimate(original).calculation
    assert (ours.subsidy, ours.before_limits) == (theirs.subsidy, theirs.before_limits)


@pytest.mark.parametrize("path", VALID_CASES, ids=lambda p: p.stem)
def test_an_export_of_a_case_imports_to_the_same_answers(path: Path) -> None:
    answers = import_document(path.read_bytes()).answers
    document = export_document(answers, exported_at=TODAY)
    again = import_document(document)
    assert again.kind == "export"
    assert again.answers == answers
    # the export carries the application too, so the command line reads it as a case file
    application, _ = answers.to_application()
    assert application is not None
    assert application_from_data(parse_document(document)) == application


@pytest.mark.parametrize("path", INVALID_CASES, ids=lambda p: p.stem)
def test_an_invalid_shared_case_is_refused_naming_the_field(path: Path) -> None:
    with pytest.raises(CaseFileError) as refused:
        import_document(path.read_bytes())
    message = refusal(refused.value)
    assert message.startswith("Het bestand is niet ingelezen: interne uren")
    assert message.endswith("Uw huidige concept is niet veranderd.")


def test_a_half_filled_draft_exports_and_imports_exactly() -> None:
    answers = half_filled()
    document = export_document(answers, exported_at=TODAY)
    data = json.loads(document)
    assert data["format"] == FORMAT
    assert data["exported_at"] == "2026-11-25T10:00:00Z"
    assert "application" not in data  # not yet a valid application: only the answers
    again = import_document(document).answers
    assert again == answers
    assert again.project.title == "Leerlab “digitale balie” – fase één"
    assert again.project.theme == 0  # "none of the themes fits" kept apart from "not answered"
    assert again.organisation.share_gemeenten == "80,5"
    assert again.external_costs == [
        ExternalRow(description="Trainer", amount_ex_vat=Decimal("1234.56"))
    ]
    assert again.internal_staff == [InternalRow(role="HR-adviseur", scale=9)]


def test_the_export_file_name_is_readable() -> None:
    assert (
        export_filename(half_filled(), TODAY)
        == "subsidiewijzer-leerlab-digitale-balie-fase-een-2026-11-25.json"
    )
    assert export_filename(Answers(), TODAY) == "subsidiewijzer-concept-2026-11-25.json"


def laughs(levels: int) -> bytes:
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for level in range(1, levels):
        refs = ",".join([f"*a{level - 1}"] * 9)
        lines.append(f"a{level}: &a{level} [{refs}]")
    lines.append(f"answers: {{project: {{title: *a{levels - 1}}}}}")
    return "\n".join(lines).encode()


HOSTILE: dict[str, tuple[bytes, str]] = {
    "oversized": (b'{"answers": {"project": {"title": "' + b"x" * MAX_BYTES + b'"}}}', "te groot"),
    "not text": (bytes(range(256)) * 4, "geen tekst"),
    "broken json": (b'{"answers": {"project": ', "geen geldige YAML of JSON"),
    "a bare list": (b"[1, 2, 3]", "geen aanvraag"),
    "a bare string": (b'"hallo"', "geen aanvraag"),
    "empty": (b"", "geen aanvraag"),
    "python tag": (b'!!python/object/apply:os.system ["echo pwned"]', "geen geldige YAML"),
    "python tag inside": (
        b"answers:\n  project: !!python/object/new:os.system [ls]\n",
        "geen geldige YAML",
    ),
    "billion laughs": (laughs(9), "YAML-verwijzingen"),
    "deep json": (b'{"answers": ' + b"[" * 50_000 + b"]" * 50_000 + b"}", "te diep genest"),
    "deep but small": (b'{"answers": ' + b'{"a": ' * 30 + b"1" + b"}" * 30 + b"}", "te diep"),
    "huge integer": (
        b'{"answers": {"project": {"partner_gemeenten": ' + b"9" * 5000 + b"}}}",
        "te veel cijfers",
    ),
    "large integer": (b'{"answers": {"internal_staff": [{"scale": 10000000000000}]}}', "te groot"),
    "infinite float": (b'{"answers": {"external_costs": [{"amount_ex_vat": 1e999}]}}', "te groot"),
    "nan": (b'{"answers": {"internal_staff": [{"hours": NaN}]}}', "te groot is of geen getal"),
    "amount as yes/no": (
        b'{"answers": {"external_costs": [{"amount_ex_vat": true}]}}',
        "externe kosten, regel 1, bedrag ex BTW",
    ),
    "wrong type list": (b'{"answers": {"internal_staff": {"scale": 9}}}', "interne uren"),
    "answers not a group": (b'{"answers": [1, 2]}', "'answers' van het bestand is geen groep"),
    "impossible date": (b"answers:\n  project_start: 2018-02-30\n", "datum die niet bestaat"),
    "too many rows": (
        json.dumps({"answers": {"external_costs": [{"description": "x"}] * 201}}).encode(),
        "externe kosten",
    ),
    "title too long": (
        json.dumps({"answers": {"project": {"title": "x" * 1001}}}).encode(),
        "project, titel",
    ),
    "case file with wrong scheme": (
        b"application:\n  scheme: subsidie\n  project_start: 2018-01-01\n  project_end: 2018-02-01\n",
        "regeling",
    ),
    "non-text keys": (b"answers:\n  ? [1, 2]\n  : x\n", "geen geldige YAML"),
    "integer keys": (b"answers:\n  1: x\n", "veldnaam die geen tekst is"),
}


@pytest.mark.parametrize("name", list(HOSTILE))
def test_broken_and_hostile_files_get_one_clear_dutch_message(name: str) -> None:
    raw, expected = HOSTILE[name]
    with pytest.raises(CaseFileError) as refused:
        import_document(raw)
    message = refusal(refused.value)
    assert expected in message, message
    assert message.startswith("Het bestand is niet ingelezen: ")
    assert "Traceback" not in message and "pydantic" not in message
    assert len(message) < 400


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("duizend", "‘duizend’ is geen bedrag"),
        ("1e999999999", "‘1e999999999’ is geen bedrag"),
        ("-500", "een bedrag kan niet negatief zijn"),
    ],
)
def test_an_export_keeps_a_mistyped_amount_as_typed_and_the_form_names_it(
    typed: str, message: str
) -> None:
    """An export holds the answers as entered: a typo comes back in its field, with its message."""
    raw = json.dumps(
        {"answers": {"version": 2, "external_costs": [{"amount_ex_vat": typed}]}}
    ).encode()
    answers = import_document(raw).answers
    assert answers.external_costs[0].amount_ex_vat == typed
    _, errors = answers.to_application()
    found = [e for e in errors if e.path == "external_costs.0.amount_ex_vat"]
    assert [message in e.message for e in found] == [True]
