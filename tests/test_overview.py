"""HR's projects map: rows, totals and limits come from the core's own estimates, never recomputed.

Every amount is checked against `evaluate` (the call the wizard makes) for the same answers, and a
hypothesis property builds maps from the shared cases and the shipped examples with any statuses
and limits: the totals must be the sums of the projects' own estimates and each limit verdict
must follow its definition (over the limit a problem, at 90% or more a warning).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from functools import cache

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from aeno_core.answers import Answers, evaluate
from aeno_core.casefile import CaseFileError
from aeno_core.examples import examples
from aeno_core.export import export_document, import_document
from aeno_core.models import Phase, Scheme
from aeno_core.overview import (
    NEAR_LIMIT,
    FundLimit,
    HRStatus,
    Level,
    ProjectMap,
    Stage,
    check_limit,
    map_document,
    read_map,
    summarise,
)
from tests.core_helpers import valid_case_files

TODAY = date(2026, 12, 2)
ZERO = Decimal("0.00")


@cache
def building_blocks() -> tuple[tuple[str, Answers], ...]:
    """Every valid shared case and every shipped example, as the map would import them."""
    blocks = []
    for path in valid_case_files():
        imported = import_document(path.read_bytes())
        blocks.append((imported.title, imported.answers))
    for example in examples().values():
        blocks.append((example.name, Answers.from_application(example.application)))
    return tuple(blocks)


def own_estimate(answers: Answers) -> tuple[Decimal | None, Decimal | None]:
    """(provisional, realised) straight from the core, the way the wizard shows them."""
    result = evaluate(answers, TODAY).estimate
    assert result is not None
    calc = result.calculation
    if answers.phase is Phase.DECLARATIE:
        assert calc.provisional_subsidy is not None
        return calc.provisional_subsidy, calc.subsidy
    return calc.subsidy, None


def full_map() -> ProjectMap:
    project_map = ProjectMap(organisation="Gemeente Voorbeeld")
    for label, answers in building_blocks():
        project_map.add(answers, label=label, source=f"{label}.yaml")
    return project_map


def test_each_row_carries_the_core_estimate_of_its_own_answers() -> None:
    overview = summarise(full_map(), TODAY)
    assert len(overview.rows) == len(building_blocks())
    for row, (_, answers) in zip(overview.rows, building_blocks(), strict=True):
        provisional, realised = own_estimate(answers)
        assert row.provisional == provisional
        assert row.realised == realised
        result = evaluate(answers, TODAY).estimate
        assert result is not None and row.estimate is not None
        assert row.estimate.calculation == result.calculation
        problems = [f.message for f in result.problems]
        assert row.problems == problems


def test_totals_per_year_and_scheme_are_the_sums_of_the_projects_estimates() -> None:
    project_map = full_map()
    project_map.projects[0].status = HRStatus(
        stage=Stage.BESCHIKKING, submitted_on=date(2026, 3, 1), granted=Decimal("11000")
    )
    overview = summarise(project_map, TODAY)
    assert overview.totals, "the shared cases span several years and both schemes"
    seen = 0
    for total in overview.totals:
        members = [
            (row, answers)
            for row, (_, answers) in zip(overview.rows, building_blocks(), strict=True)
            if row.year == total.year and row.scheme is total.scheme
        ]
        seen += len(members)
        asked = sum((own_estimate(a)[0] or ZERO for _, a in members), ZERO)
        realised = sum((own_estimate(a)[1] or ZERO for _, a in members), ZERO)
        assert (total.projects, total.asked, total.realised) == (len(members), asked, realised)
    assert seen == len(overview.rows)
    first = overview.rows[0]
    assert first.year == 2026 and first.granted == Decimal("11000.00")


def test_the_year_is_hr_s_submission_date_else_the_core_s_date_of_applying() -> None:
    project_map = full_map()
    foutenfestival = project_map.projects[0]
    assert foutenfestival.answers.submitted_on == date(2018, 10, 1)
    assert summarise(project_map, TODAY).rows[0].year == 2018
    foutenfestival.status = HRStatus(stage=Stage.INGEDIEND, submitted_on=date(2019, 1, 5))
    assert summarise(project_map, TODAY).rows[0].year == 2019


@pytest.mark.parametrize(
    ("limit", "used", "level"),
    [
        ("10", "11", Level.PROBLEM),
        ("10", "10.01", Level.PROBLEM),
        ("10", "10", Level.WARNING),
        ("10", "9", Level.WARNING),
        ("10", "8.99", Level.OK),
        ("0", "0", Level.WARNING),
        ("20000", "0", Level.OK),
    ],
)
def test_limit_levels_at_their_edges(limit: str, used: str, level: Level) -> None:
    check = check_limit(Decimal(limit), Decimal(used))
    assert check.level is level
    assert check.room == Decimal(limit) - Decimal(used)


def test_limit_counts_every_project_but_rejected_ones_and_says_so_in_dutch() -> None:
    project_map = ProjectMap()
    for label, answers in building_blocks():
        day = answers.submitted_on
        if answers.chosen_scheme() is Scheme.IMPULS and day is not None and day.year == 2019:
            project_map.add(answers, label=label)
    assert len(project_map.projects) == 2
    project_map.limits.append(
        FundLimit(scheme=Scheme.IMPULS, year=2019, applications=1, amount=Decimal("5000"))
    )
    overview = summarise(project_map, TODAY)
    (verdict,) = overview.limits
    assert verdict.applications is not None and verdict.amount is not None
    assert verdict.applications.used == 2 and verdict.level is Level.PROBLEM
    assert "Impulsregeling 2019: boven het plafond: 2 van 1 aanvragen (1 te veel)" in (
        verdict.message
    )
    project_map.projects[1].status = HRStatus(stage=Stage.AFGEWEZEN)
    (verdict,) = summarise(project_map, TODAY).limits
    assert verdict.applications is not None and verdict.applications.used == 1
    assert verdict.level is Level.WARNING
    assert "bijna aan het plafond" in verdict.message


def test_next_deadline_follows_today_and_what_hr_has_done() -> None:
    datalab = next(
        a for label, a in building_blocks() if a.project.title == "Datalab samen met de regio"
    )
    project_map = ProjectMap()
    entry = project_map.add(datalab)
    row = summarise(project_map, date(2019, 1, 1)).rows[0]
    assert row.next_deadline is not None and row.next_deadline.code == "apply_by"
    entry.status = HRStatus(stage=Stage.INGEDIEND, submitted_on=date(2019, 1, 20))
    row = summarise(project_map, date(2019, 1, 1)).rows[0]
    assert row.next_deadline is not None
    assert (row.next_deadline.code, row.next_deadline.day) == ("interim_report", date(2019, 3, 31))
    entry.status = HRStatus(stage=Stage.AFGEROND)
    assert summarise(project_map, date(2019, 1, 1)).rows[0].next_deadline is None
    entry.status = HRStatus()
    assert summarise(project_map, date(2030, 1, 1)).rows[0].next_deadline is None


def test_the_same_project_twice_gets_two_stable_keys() -> None:
    _, answers = building_blocks()[0]
    one, two = ProjectMap(), ProjectMap()
    for project_map in (one, two):
        project_map.add(answers)
        project_map.add(answers)
    assert [p.key for p in one.projects] == [p.key for p in two.projects]
    assert one.projects[1].key == one.projects[0].key + "-2"


def test_a_draft_id_or_link_never_enters_the_map() -> None:
    _, answers = building_blocks()[0]
    project_map = ProjectMap()
    with pytest.raises(ValidationError, match="key"):
        project_map.add(answers, key="a" * 43)
    with pytest.raises(ValidationError, match="conceptlink"):
        project_map.add(answers, source="http://localhost:8501/?concept=" + "a" * 43)
    assert project_map.projects == []


def test_a_saved_map_read_in_twice_keeps_each_entry_apart() -> None:
    saved = full_map()
    both = ProjectMap()
    for entry in [*saved.projects, *saved.projects]:
        both.add(entry.answers, label=entry.label, key=entry.key)
    keys = [p.key for p in both.projects]
    assert len(set(keys)) == len(keys) == 2 * len(saved.projects)
    assert keys[: len(saved.projects)] == [p.key for p in saved.projects]


def test_a_half_finished_draft_is_listed_with_why_it_has_no_estimate() -> None:
    draft = Answers(scheme=Scheme.IMPULS)
    draft.project.title = "Nog in de maak"
    project_map = ProjectMap()
    project_map.add(draft)
    (row,) = summarise(project_map, TODAY).rows
    assert row.estimate is None and row.provisional is None
    assert any("startdatum project" in problem for problem in row.problems)
    (total,) = summarise(project_map, TODAY).totals
    assert (total.projects, total.asked) == (1, ZERO)


def test_a_saved_map_comes_back_exactly() -> None:
    project_map = full_map()
    project_map.projects[2].status = HRStatus(
        stage=Stage.BESCHIKKING,
        submitted_on=date(2026, 2, 1),
        decided_on=date(2026, 4, 1),
        granted=Decimal("2999.99"),
    )
    project_map.projects[2].note = "Offerte nog nagaan; ‘quotes’ & <b>tekst</b>"
    project_map.limits.append(FundLimit(scheme=Scheme.INNOVATIEF, year=2026, amount=Decimal("1")))
    assert ProjectMap.model_validate_json(project_map.model_dump_json()) == project_map
    assert read_map(map_document(project_map)) == project_map


def test_an_export_is_not_a_map_and_a_broken_map_names_its_field() -> None:
    with pytest.raises(CaseFileError, match="geen projectenmap"):
        read_map(export_document(building_blocks()[0][1]))
    broken = (
        b'{"format": "subsidiewijzer-projectenmap", "limits": [{"scheme": "impuls", "year": 1}]}'
    )
    with pytest.raises(CaseFileError) as refused:
        read_map(broken)
    assert refused.value.errors and refused.value.errors[0].path.startswith("limits.0.year")


# ------------------------------------------------------------------------------ property

statuses = st.builds(
    HRStatus,
    stage=st.sampled_from(list(Stage)),
    submitted_on=st.none() | st.dates(date(2018, 1, 1), date(2027, 12, 31)),
    granted=st.none() | st.decimals(min_value=0, max_value=60000, places=2),
)
limits = st.lists(
    st.builds(
        FundLimit,
        scheme=st.sampled_from(list(Scheme)),
        year=st.integers(2018, 2027),
        applications=st.none() | st.integers(0, 6),
        amount=st.none() | st.decimals(min_value=0, max_value=120000, places=2),
    ),
    max_size=6,
    unique_by=lambda x: (x.scheme, x.year),
)


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(
    chosen=st.lists(
        st.tuples(st.integers(0, len(building_blocks()) - 1), statuses), min_size=0, max_size=8
    ),
    fund_limits=limits,
)
def test_any_map_adds_up_to_the_core_estimates_and_judges_limits_by_definition(
    chosen: list[tuple[int, HRStatus]], fund_limits: list[FundLimit]
) -> None:
    project_map = ProjectMap(limits=fund_limits)
    for index, status in chosen:
        label, answers = building_blocks()[index]
        project_map.add(answers, label=label, status=status)
    overview = summarise(project_map, TODAY)

    own: list[tuple[int, Scheme, Decimal, Decimal, Decimal, Stage]] = []
    for (index, status), row in zip(chosen, overview.rows, strict=True):
        answers = building_blocks()[index][1]
        result = evaluate(answers, TODAY).estimate
        assert result is not None
        provisional, realised = own_estimate(answers)
        assert provisional is not None
        granted = (
            status.granted
            if status.granted is not None
            else (provisional if answers.phase is Phase.DECLARATIE else None)
        )
        year = status.submitted_on.year if status.submitted_on else result.submitted_on.year
        assert row.year == year
        committed = granted if granted is not None else provisional
        own.append(
            (
                year,
                result.application.scheme,
                provisional,
                granted or ZERO,
                realised or ZERO,
                status.stage,
            )
        )
        assert row.committed == committed

    expected: dict[tuple[int, Scheme], list[Decimal]] = {}
    for year, scheme, provisional, granted, realised, _ in own:
        sums = expected.setdefault((year, scheme), [Decimal(0), ZERO, ZERO, ZERO])
        sums[0] += 1
        sums[1] += provisional
        sums[2] += granted
        sums[3] += realised
    got = {
        (t.year, t.scheme): [Decimal(t.projects), t.asked, t.granted, t.realised]
        for t in overview.totals
    }
    assert got == expected

    assert len(overview.limits) == len(fund_limits)
    for limit in fund_limits:
        verdict = overview.limit_for(limit.scheme, limit.year)
        assert verdict is not None
        counted = [
            (o, row)
            for o, row in zip(own, overview.rows, strict=True)
            if o[0] == limit.year and o[1] is limit.scheme and o[5] is not Stage.AFGEWEZEN
        ]
        parts = []
        if limit.applications is not None:
            assert verdict.applications is not None
            assert verdict.applications.used == len(counted)
            parts.append(
                (Decimal(limit.applications), Decimal(len(counted)), verdict.applications.level)
            )
        else:
            assert verdict.applications is None
        if limit.amount is not None:
            used = sum((row.committed for _, row in counted), ZERO)
            assert verdict.amount is not None and verdict.amount.used == used
            parts.append((limit.amount, used, verdict.amount.level))
        else:
            assert verdict.amount is None
        levels = []
        for cap, used, level in parts:
            want = (
                Level.PROBLEM
                if used > cap
                else Level.WARNING
                if used >= cap * NEAR_LIMIT
                else Level.OK
            )
            assert level is want
            levels.append(want)
        worst = (
            Level.PROBLEM
            if Level.PROBLEM in levels
            else Level.WARNING
            if Level.WARNING in levels
            else Level.OK
        )
        assert verdict.level is worst
