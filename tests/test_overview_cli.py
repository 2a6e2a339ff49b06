"""`python -m aeno_core overview FILE...` and the map's PDF summary.

Good files give JSON with one entry per project carrying the core's own estimate, and the four
files; one bad file gives exit status 2, one Dutch line naming it, and no file at all.
"""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from icalendar import Calendar
from openpyxl import load_workbook
from pypdf import PdfReader

from aeno_core import formatting as fmt
from aeno_core.answers import evaluate
from aeno_core.casefile import load_application
from aeno_core.cli import EXIT_INPUT, main
from aeno_core.estimate import estimate, to_json
from aeno_core.export import import_document
from aeno_core.models import Scheme
from aeno_core.overview import (
    FundLimit,
    HRStatus,
    Level,
    ProjectMap,
    Stage,
    map_document,
    summarise,
)
from aeno_core.overview_pdf import build_overview_pdf
from tests.core_helpers import run_cli, valid_case_files
from tests.paths import SHARED_CASES
from tests.test_dutch_words import informal_words
from tests.test_overview import building_blocks

TODAY = "2026-12-02"


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(["overview", *args])
    out, err = capsys.readouterr()
    return status, out, err


def test_good_files_give_one_entry_per_project_with_the_core_estimate_and_the_totals(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    files = valid_case_files()
    outs = {kind: tmp_path / f"map.{kind}" for kind in ("xlsx", "csv", "ics", "pdf")}
    options = [item for kind, path in outs.items() for item in (f"--{kind}", str(path))]
    status, out, err = _run(capsys, *map(str, files), *options, "--today", TODAY)
    assert (status, err) == (0, "")
    got = json.loads(out)
    assert len(got["projects"]) == len(files)
    sums: dict[tuple[int, str], Decimal] = {}
    for entry, path in zip(got["projects"], files, strict=True):
        day = date.fromisoformat(TODAY)
        wizard = evaluate(import_document(path.read_bytes()).answers, day).estimate
        assert wizard is not None
        assert entry["source"] == path.name
        assert entry["estimate"] == to_json(wizard), "what the wizard shows for this file"
        # The amounts and deadlines are those of `estimate FILE` too. (Its findings may have
        # fewer "te controleren": a case file without `organisation` is not judged on it.)
        own = to_json(estimate(load_application(path), day))
        for part in ("subsidy", "before_limits", "lines", "deadlines"):
            assert entry["estimate"][part] == own[part], part
        if own["phase"] == "aanvraag":
            assert entry["provisional"] == own["subsidy"]
        else:
            assert entry["realised"] == own["subsidy"]
        key = (entry["year"], entry["scheme"])
        sums[key] = sums.get(key, Decimal(0)) + Decimal(entry["provisional"])
    assert {(t["year"], t["scheme"]): Decimal(t["asked"]) for t in got["totals"]} == sums

    book = load_workbook(outs["xlsx"])
    assert len(book.sheetnames) == 2 + len(files)
    rows = list(
        csv.reader(io.StringIO(outs["csv"].read_bytes().decode("utf-8-sig")), delimiter=";")
    )
    assert len(rows) == 1 + len(files)
    events = list(Calendar.from_ical(outs["ics"].read_bytes()).walk("VEVENT"))
    assert len(events) == sum(len(p["estimate"]["deadlines"]["items"]) for p in got["projects"])
    assert PdfReader(outs["pdf"]).pages[0].extract_text().startswith("Subsidiewijzer")


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"scheme: impuls\nproject_start: [2019\n", "geen geldige YAML of JSON"),
        (
            b"scheme: impuls\nproject_start: 2019-02-01\nproject_end: 2019-06-30\n"
            b"internal_staff:\n  - {scale: 10, step: 6, hours: -4}\n",
            "interne uren, regel 1, uren",
        ),
        (b"- a\n- b\n", "geen aanvraag"),
    ],
    ids=["bad_yaml", "negative_hours", "not_a_mapping"],
)
def test_a_bad_file_exits_2_naming_it_in_dutch_and_nothing_is_written(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, content: bytes, words: str
) -> None:
    good = SHARED_CASES / "01_foutenfestival.yaml"
    bad = tmp_path / "kapot.yaml"
    bad.write_bytes(content)
    xlsx, pdf = tmp_path / "map.xlsx", tmp_path / "map.pdf"
    status, out, err = _run(capsys, str(good), str(bad), "--xlsx", str(xlsx), "--pdf", str(pdf))
    assert status == EXIT_INPUT
    assert out == ""
    assert err.count("\n") == 1
    assert err.startswith(f"Het bestand {bad} is niet ingelezen: ")
    assert words in err and "Er is geen bestand geschreven." in err
    assert informal_words(err) == []
    assert not xlsx.exists() and not pdf.exists()


def test_a_missing_file_and_a_shared_invalid_case_are_refused_by_name() -> None:
    missing = run_cli("overview", "../shared/cases/01_foutenfestival.yaml", "weg.yaml")
    assert missing.returncode == 2 and missing.stdout == ""
    assert "Het bestand weg.yaml is niet ingelezen: kan het bestand niet lezen" in missing.stderr
    assert "Traceback" not in missing.stderr
    invalid = next(SHARED_CASES.glob("12_*.yaml"))
    run = run_cli("overview", str(invalid))
    assert run.returncode == 2
    assert invalid.name in run.stderr and "projectleider" in run.stderr


def test_a_saved_map_brings_its_statuses_notes_and_limits(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    project_map = ProjectMap(organisation="Gemeente Voorbeeld")
    label, answers = building_blocks()[0]
    project_map.add(
        answers,
        label=label,
        status=HRStatus(
            stage=Stage.BESCHIKKING, submitted_on=date(2026, 2, 1), granted=Decimal("11000")
        ),
        note="Beschikking in de map",
    )
    project_map.limits.append(FundLimit(scheme=Scheme.IMPULS, year=2026, applications=2))
    saved = tmp_path / "projectenmap.json"
    saved.write_bytes(map_document(project_map))
    extra = SHARED_CASES / "03_impuls_external_only.yaml"
    status, out, _ = _run(capsys, str(saved), str(extra), "--today", TODAY)
    assert status == 0
    got = json.loads(out)
    assert got["organisation"] == "Gemeente Voorbeeld"
    first, second = got["projects"]
    assert first["status"]["stage"] == "beschikking" and first["granted"] == "11000.00"
    assert first["note"] == "Beschikking in de map" and first["year"] == 2026
    assert second["year"] == 2026 and second["scheme"] == "impuls"
    (limit,) = got["limits"]
    assert limit["applications"] == {"limit": 2, "used": 2, "room": 0}
    assert limit["level"] == "warning"
    assert limit["message"].startswith("Impulsregeling 2026: bijna aan het plafond")


def test_the_same_limit_in_two_saved_maps_is_refused_naming_the_second(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    project_map = ProjectMap()
    label, answers = building_blocks()[0]
    project_map.add(answers, label=label)
    project_map.limits.append(FundLimit(scheme=Scheme.IMPULS, year=2026, applications=2))
    first, second = tmp_path / "een.json", tmp_path / "twee.json"
    for path in (first, second):
        path.write_bytes(map_document(project_map))
    status, out, err = _run(capsys, str(first), str(second))
    assert (status, out) == (EXIT_INPUT, "")
    assert err.startswith(
        f"Het bestand {second} is niet ingelezen: het plafond voor de Impulsregeling 2026"
    )
    project_map.limits.clear()
    first.write_bytes(map_document(project_map))
    second.write_bytes(map_document(project_map))
    status, out, _ = _run(capsys, str(first), str(second))
    assert status == 0
    keys = [p["key"] for p in json.loads(out)["projects"]]
    assert keys == [project_map.projects[0].key, project_map.projects[0].key + "-2"]


def test_help_names_the_overview_command_and_its_files() -> None:
    run = run_cli("overview", "--help")
    assert run.returncode == 0
    for words in ("--xlsx", "--csv", "--ics", "--pdf", "--today", "Exit status 2"):
        assert words in run.stdout, words


# ------------------------------------------------------------------------------ PDF


def test_pdf_summary_lists_every_project_totals_and_limits_and_is_reproducible() -> None:
    project_map = ProjectMap(organisation="Gemeente Voorbeeld")
    for label, answers in building_blocks():
        project_map.add(answers, label=label)
    project_map.limits.append(
        FundLimit(scheme=Scheme.INNOVATIEF, year=2026, amount=Decimal("50000"))
    )
    overview = summarise(project_map, date(2026, 12, 2))
    created = datetime(2026, 12, 2, 9, 0, tzinfo=UTC)
    data = build_overview_pdf(overview, created=created)
    assert build_overview_pdf(overview, created=created) == data
    text = re.sub(
        r"\s+", " ", " ".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)
    )
    assert "Projectenmap" in text and "Gemeente Voorbeeld" in text
    for row in overview.rows:
        assert f" {row.number} " in text
    for total in overview.totals:
        assert re.sub(r"\s+", " ", fmt.money(total.asked)) in text
    (verdict,) = overview.limits
    assert verdict.level is Level.PROBLEM
    assert "Overschreden: Innovatieve Projectenregeling 2026: boven het plafond" in text
    assert "Termijnen vanaf vandaag" in text
    assert informal_words(text) == [], "the reader is 'u'"
