"""`python -m aeno_core`: help that explains, JSON on success, one line and status 2 on bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from aeno_core.cli import EXIT_INPUT, main
from tests.core_helpers import run_cli
from tests.paths import SHARED_CASES


def test_help_exits_0_and_explains_the_command() -> None:
    run = run_cli("--help")
    assert run.returncode == 0
    assert "estimate" in run.stdout and "Subsidiewijzer" in run.stdout
    sub = run_cli("estimate", "--help")
    assert sub.returncode == 0
    for words in ("YAML or JSON", '"subsidy"', "Exit status 2", "--today"):
        assert words in sub.stdout, words


def test_a_missing_file_exits_2_with_one_line_and_no_traceback(tmp_path: Path) -> None:
    run = run_cli("estimate", str(tmp_path / "weg.yaml"))
    assert run.returncode == 2
    assert run.stdout == ""
    assert run.stderr.count("\n") == 1 and "Traceback" not in run.stderr
    assert "kan het bestand niet lezen" in run.stderr


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"scheme: impuls\nproject_start: [2019\n", "geen geldige YAML of JSON"),
        (b"\xff\xfe\x00garbage", "UTF-8"),
        (b"- a\n- b\n", "geen aanvraag"),
        (
            b"scheme: impuls\nproject_start: 2019-02-01\nproject_end: 2019-06-30\n"
            b"internal_staff:\n  - {scale: 10, step: 6, hours: -4}\n",
            "internal_staff.0.hours",
        ),
        (b"scheme: impuls\nproject_start: 2019-02-01\n", "project_end: dit veld ontbreekt"),
    ],
    ids=["bad_yaml", "not_utf8", "not_a_mapping", "negative_hours", "missing_field"],
)
def test_refused_input_gives_status_2_and_one_line_naming_the_problem(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes, words: str
) -> None:
    path = tmp_path / "aanvraag.yaml"
    path.write_bytes(content)
    assert main(["estimate", str(path)]) == EXIT_INPUT
    out, err = capsys.readouterr()
    assert out == ""
    assert err.count("\n") == 1 and words in err
    assert err.startswith(str(path))


def test_estimate_prints_the_json_of_the_case(capsys: pytest.CaptureFixture[str]) -> None:
    path = next(SHARED_CASES.glob("01_*.yaml"))
    assert main(["estimate", str(path)]) == 0
    got = json.loads(capsys.readouterr().out)
    assert (got["subsidy"], got["before_limits"]) == ("11562.60", "11562.60")
    assert got["deadlines"]["apply_by"] == "2018-10-26"


def test_today_fills_in_the_date_of_applying_when_the_file_has_none(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "zonder-datum.json"
    path.write_text(
        json.dumps(
            {
                "scheme": "impuls",
                "project_start": "2019-02-01",
                "project_end": "2019-06-30",
                "external_costs": [{"amount_ex_vat": "3000.00"}],
                "project": {"status": "finished"},
            }
        ),
        encoding="utf-8",
    )
    assert main(["estimate", str(path), "--today", "2019-08-26"]) == 0
    got = json.loads(capsys.readouterr().out)
    window = next(f for f in got["findings"] if f["code"] == "application_window")
    assert window["verdict"] == "problem"
    assert main(["estimate", str(path), "--today", "2019-08-25"]) == 0
    got = json.loads(capsys.readouterr().out)
    window = next(f for f in got["findings"] if f["code"] == "application_window")
    assert window["verdict"] == "ok"
