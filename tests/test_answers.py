"""The wizard's answers: nothing typed is lost, and they reach the core exactly.

`Answers` is what a draft stores and what every page edits; these tests hold it to the case
files (from_application -> to_application gives the same application and the same estimate)
and to what a person may type (Dutch numbers, half-filled rows, invalid text kept as text).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from aeno_core.answers import (
    THEME_NONE,
    Answers,
    ExternalRow,
    InternalRow,
    evaluate,
    parse_dutch_number,
)
from aeno_core.casefile import load_application
from aeno_core.estimate import estimate
from aeno_core.models import Phase, Scheme
from tests.paths import shared_case_files

VALID = [
    p for p in shared_case_files() if not yaml.safe_load(p.read_text())["expect"].get("invalid")
]


@pytest.mark.parametrize("path", VALID, ids=[p.stem for p in VALID])
def test_a_case_file_survives_the_answers_and_a_json_round_trip(path: Path) -> None:
    application = load_application(path)
    answers = Answers.model_validate(Answers.from_application(application).model_dump(mode="json"))
    again, errors = answers.to_application()
    assert errors == []
    assert again is not None
    before, after = estimate(application), estimate(again)
    assert after.calculation.subsidy == before.calculation.subsidy
    assert after.calculation.before_limits == before.calculation.before_limits
    if application.project is not None:
        # Without a project the core judges no practical conditions; the wizard always asks
        # them (unanswered = to check), so only then the same problems must come out.
        assert sorted(f.code for f in after.problems) == sorted(f.code for f in before.problems)
    assert again.external_costs == application.external_costs
    assert again.internal_staff == application.internal_staff


@pytest.mark.parametrize(
    ("typed", "value"),
    [
        ("15.265,00", Decimal("15265.00")),
        ("15265,5", Decimal("15265.5")),
        ("15265.50", Decimal("15265.50")),
        ("€ 1.500", Decimal("1500")),
        ("80%", Decimal("80")),
        ("1.234.567,89", Decimal("1234567.89")),
        ("500,-", Decimal("500")),
        ("tachtig", None),
        ("1,2,3", None),
        ("", None),
    ],
)
def test_dutch_numbers_are_read_as_a_person_writes_them(typed: str, value: Decimal | None) -> None:
    assert parse_dutch_number(typed) == value


def test_invalid_text_is_kept_and_named_in_dutch() -> None:
    answers = Answers()
    answers.organisation.collaboration = True
    answers.organisation.share_gemeenten = "ongeveer tachtig"
    application, errors = answers.to_application()
    assert application is None
    paths = {e.path for e in errors}
    assert {"organisation.share_gemeenten", "project_start", "project_end"} <= paths
    share = next(e for e in errors if e.path == "organisation.share_gemeenten")
    assert "‘ongeveer tachtig’ is geen percentage" in share.message
    restored = Answers.model_validate(answers.model_dump(mode="json"))
    assert restored.organisation.share_gemeenten == "ongeveer tachtig"


def test_row_errors_keep_the_numbering_of_the_table() -> None:
    answers = Answers(
        scheme=Scheme.IMPULS,
        project_start=date(2019, 3, 1),
        project_end=date(2019, 6, 30),
        internal_staff=[
            InternalRow(),  # added, never filled: ignored
            InternalRow(role="adviseur", scale=9, step=4, hours="-3"),
        ],
    )
    _, errors = answers.to_application()
    assert [(e.path, e.message) for e in errors] == [
        ("internal_staff.1.hours", "een aantal uren kan niet negatief zijn")
    ]


def test_without_dates_there_is_no_estimate_but_organisation_problems_show() -> None:
    answers = Answers()
    answers.organisation.applies_car_uwo = False
    outcome = evaluate(answers)
    assert outcome.estimate is None
    assert [f.code for f in outcome.findings if f.verdict.value == "problem"] == ["car_uwo"]


def test_none_of_the_themes_is_a_problem_and_unanswered_is_to_check() -> None:
    answers = Answers(
        scheme=Scheme.IMPULS,
        project_start=date(2019, 3, 1),
        project_end=date(2019, 6, 30),
        external_costs=[ExternalRow(description="training", amount_ex_vat=Decimal("3000"))],
    )
    verdicts = {f.code: f.verdict.value for f in evaluate(answers).findings}
    assert verdicts["theme"] == "to_check"
    answers.project.theme = THEME_NONE
    verdicts = {f.code: f.verdict.value for f in evaluate(answers).findings}
    assert verdicts["theme"] == "problem"


def test_a_declaratie_is_always_innovatief_and_uses_the_provisional_text() -> None:
    answers = Answers(
        scheme=Scheme.IMPULS,
        phase=Phase.DECLARATIE,
        provisional_subsidy="4.000,00",
        project_start=date(2019, 9, 1),
        project_end=date(2020, 10, 31),
        external_costs=[ExternalRow(description="facturen", amount_ex_vat=Decimal("36000"))],
    )
    outcome = evaluate(answers)
    assert outcome.scheme is Scheme.INNOVATIEF
    assert outcome.estimate is not None
    assert outcome.estimate.calculation.subsidy == Decimal("4000.00")
