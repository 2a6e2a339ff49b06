"""Every reference case, and every scenario of our own, through the models and the command line."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from aeno_core.casefile import CaseFileError, load_application
from aeno_core.estimate import estimate, to_json
from tests.core_helpers import run_cli
from tests.paths import OWN_SCENARIOS, shared_case_files

CASES = shared_case_files() + sorted(OWN_SCENARIOS.glob("*.yaml"))


def _expect(path: Path) -> dict[str, Any]:
    expect = yaml.safe_load(path.read_text(encoding="utf-8"))["expect"]
    assert isinstance(expect, dict)
    return expect


def _check(path: Path, got: dict[str, Any]) -> None:
    expect = _expect(path)
    assert got["subsidy"] == expect["subsidy"]
    if "before_limits" in expect:
        assert got["before_limits"] == expect["before_limits"]
    if "problems" in expect:
        problems = sorted(f["code"] for f in got["findings"] if f["verdict"] == "problem")
        assert problems == sorted(expect["problems"])
    for key, want in (expect.get("deadlines") or {}).items():
        want = want if want is None or isinstance(want, list) else str(want)
        assert got["deadlines"][key] == want, key
    for code, verdict in (expect.get("verdicts") or {}).items():
        assert {f["code"]: f["verdict"] for f in got["findings"]}[code] == verdict, code
    # Our own scenarios may say which documents the checklist must or must not ask for.
    documents = " ".join(got["documents"])
    for word in expect.get("documents_with") or []:
        assert word in documents, word
    for word in expect.get("documents_without") or []:
        assert word not in documents, word


def test_all_shared_cases_are_found() -> None:
    assert len(shared_case_files()) >= 17


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_case_through_the_models(path: Path) -> None:
    if _expect(path).get("invalid"):
        with pytest.raises(CaseFileError) as refused:
            load_application(path)
        assert refused.value.errors, "a refusal names the field"
        return
    # Cases without a date of applying are judged on a fixed day so results never drift.
    _check(path, to_json(estimate(load_application(path), date(2026, 11, 25))))


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_case_through_the_command_line(path: Path) -> None:
    run = run_cli("estimate", str(path), "--today", "2026-11-25")
    if _expect(path).get("invalid"):
        assert run.returncode == 2
        assert "Traceback" not in run.stderr
        assert run.stderr.strip().count("\n") == 0 and run.stderr.strip()
        return
    assert run.returncode == 0, run.stderr
    _check(path, json.loads(run.stdout))
