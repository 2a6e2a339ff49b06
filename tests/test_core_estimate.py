"""The one entry point and its JSON: what the CLI prints and the pages read."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

from aeno_core.casefile import load_application
from aeno_core.estimate import estimate, to_json
from aeno_core.findings import Verdict
from tests.paths import SHARED_CASES

MONEY = re.compile(r"^\d+\.\d{2}$")


def _foutenfestival() -> Path:
    return next(SHARED_CASES.glob("01_*.yaml"))


def test_the_json_holds_money_as_strings_with_two_decimals_and_iso_dates() -> None:
    got = to_json(estimate(load_application(_foutenfestival())))
    json.dumps(got)  # plain JSON, nothing left to convert
    assert MONEY.match(got["subsidy"]) and MONEY.match(got["before_limits"])
    for line in got["lines"]:
        assert MONEY.match(line["subsidy"]) and MONEY.match(line["cost"])
        assert line["rule"] and line["source"]
    assert re.match(r"^\d{4}-\d{2}-\d{2}$", got["deadlines"]["apply_by"])
    for finding in got["findings"]:
        assert set(finding) == {"code", "group", "verdict", "message", "source"}
        assert finding["verdict"] in {"ok", "problem", "to_check"}
    assert got["documents"]


def test_problems_and_to_check_are_the_findings_with_that_verdict() -> None:
    result = estimate(load_application(_foutenfestival()))
    assert result.problems == [f for f in result.findings if f.verdict is Verdict.PROBLEM]
    assert result.to_check == [f for f in result.findings if f.verdict is Verdict.TO_CHECK]
    assert result.problems == []
    assert {f.code for f in result.to_check} == {
        "submission_window",
        "hourly_rate",
        "application_limit",
    }


def test_the_date_of_applying_comes_from_the_file_or_else_today() -> None:
    application = load_application(_foutenfestival())
    assert estimate(application, date(2030, 1, 1)).submitted_on == date(2018, 10, 1)
    undated = application.model_copy(update={"submitted_on": None})
    assert estimate(undated, date(2019, 3, 1)).submitted_on == date(2019, 3, 1)
    assert estimate(undated).submitted_on == date.today()
