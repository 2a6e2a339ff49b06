"""The projects map as the store keeps it: drafts followed by link, never leaked into a file.

A project added by its draft link shows the draft's answers as they are now; a draft that
expired or was deleted shows as such with the answers the map last saw. Whatever the drafts
do, the page's summary (through the memo of `evaluate`) equals the core's own summary of the
same answers, and the limit verdict follows its definition for any numbers.
"""

from __future__ import annotations

import io
import json
from datetime import date, timedelta
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from aeno_core.answers import Answers, evaluate
from aeno_core.drafts import new_draft_id
from aeno_core.overview import NEAR_LIMIT, Level, check_limit, map_document, summarise
from aeno_core.overview_files import build_calendar, build_csv, build_workbook
from aeno_core.stored_map import (
    DEADLINE_KINDS,
    Evaluator,
    LinkState,
    StoredMap,
    amount_rows,
    deadline_rows,
    is_stored_map,
    last_deadline,
    live_map,
    summarise_live,
    totals_sentence,
)
from tests.test_overview import building_blocks

TODAY = date(2026, 12, 2)

DRAFT_STATES = st.sampled_from(["file", "live", "changed", "expired", "deleted", "not_a_draft"])


def linked_map(states: list[tuple[int, str]]) -> tuple[StoredMap, dict, set[str], list[Answers]]:
    """A stored map with one entry per state, the store's view of its drafts, and the answers
    each project must show now."""
    stored = StoredMap()
    found: dict[str, dict] = {}
    deleted: set[str] = set()
    expected: list[Answers] = []
    blocks = building_blocks()
    for index, state in states:
        label, answers = blocks[index]
        entry = stored.project_map.add(answers, label=label)
        if state == "file":
            expected.append(answers)
            continue
        draft_id = new_draft_id()
        stored.links[entry.key] = draft_id
        if state == "live":
            found[draft_id] = answers.model_dump(mode="json")
            expected.append(answers)
        elif state == "changed":
            newer = blocks[(index + 1) % len(blocks)][1]
            found[draft_id] = newer.model_dump(mode="json")
            expected.append(newer)
        elif state == "not_a_draft":
            found[draft_id] = StoredMap().model_dump(mode="json")
            expected.append(answers)
        else:
            if state == "deleted":
                deleted.add(draft_id)
            expected.append(answers)
    return stored, found, deleted, expected


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(
    states=st.lists(st.tuples(st.integers(0, len(building_blocks()) - 1), DRAFT_STATES), max_size=6)
)
def test_the_live_map_shows_each_draft_as_it_is_and_adds_up_like_the_core(
    states: list[tuple[int, str]],
) -> None:
    stored, found, deleted, expected = linked_map(states)
    live = live_map(stored, found, deleted)
    want = {
        "file": LinkState.FILE,
        "live": LinkState.LIVE,
        "changed": LinkState.LIVE,
        "expired": LinkState.EXPIRED,
        "deleted": LinkState.DELETED,
        "not_a_draft": LinkState.UNREADABLE,
    }
    for (_, state), entry, answers in zip(states, live.project_map.projects, expected, strict=True):
        assert live.states[entry.key] is want[state]
        assert entry.answers == answers
    assert {e.key for e in live.project_map.projects} == {
        e.key for e in stored.project_map.projects
    }, "a map never shows a project that was not added to it"

    evaluator = Evaluator()
    page = summarise_live(live, TODAY, evaluator)
    plain = summarise(live.project_map, TODAY)
    assert page.totals == plain.totals
    for row, answers in zip(page.rows, expected, strict=True):
        own = evaluate(answers, TODAY).estimate
        assert (row.estimate is None) == (own is None)
        if own is not None and row.estimate is not None:
            assert row.estimate.calculation.subsidy == own.calculation.subsidy
    # A rerun judges nothing again.
    before = evaluator.evaluations
    summarise_live(live, TODAY, evaluator)
    assert evaluator.evaluations == before

    # The chart draws exactly the totals (as floats), three bars per year and scheme.
    chart = amount_rows(page)
    assert len(chart) == 3 * len(page.totals)
    for total, bars in zip(page.totals, zip(*[iter(chart)] * 3, strict=True), strict=True):
        assert [b["bedrag"] for b in bars] == [
            float(total.asked),
            float(total.granted),
            float(total.realised),
        ]
        assert all(b["jaar"] == str(total.year) for b in bars)
        assert bars[0]["bedrag_tekst"] in totals_sentence(page)


def test_draft_ids_never_reach_the_map_s_files() -> None:
    stored, found, deleted, _ = linked_map([(0, "live"), (1, "deleted"), (2, "file")])
    secrets_ = set(stored.links.values())
    overview = summarise(live_map(stored, found, deleted).project_map, TODAY)
    book = load_workbook(io.BytesIO(build_workbook(overview)))
    cells = " ".join(
        str(c.value) for sheet in book.worksheets for row in sheet.iter_rows() for c in row
    )
    texts = [
        cells,
        build_csv(overview).decode("utf-8-sig"),
        build_calendar(overview).decode(),
        map_document(overview.project_map).decode(),
    ]
    for text in texts:
        for draft_id in secrets_:
            assert draft_id not in text
    # The stored payload does hold them: it is itself behind a 256-bit link.
    payload = stored.model_dump(mode="json")
    assert is_stored_map(payload) and set(payload["links"].values()) == secrets_


def test_a_link_to_a_project_not_in_the_map_is_dropped() -> None:
    stored, _, _, _ = linked_map([(0, "live")])
    data = stored.model_dump(mode="json")
    data["links"]["0123456789abcdef"] = new_draft_id()
    again = StoredMap.model_validate(data)
    assert set(again.links) == {e.key for e in again.project_map.projects}
    assert not is_stored_map(Answers().model_dump(mode="json"))


def test_the_timeline_and_the_last_deadline_come_from_the_core_deadlines() -> None:
    stored, _, _, expected = linked_map([(i, "file") for i in range(len(building_blocks()))])
    overview = summarise(stored.project_map, TODAY)
    rows = deadline_rows(overview)
    own = sorted(
        d.day
        for answers in expected
        if (result := evaluate(answers, TODAY).estimate) is not None
        for d in result.deadlines.items
    )
    assert [r["day"] for r in rows] == own
    assert last_deadline(overview) == own[-1]
    assert {r["soort"] for r in rows} <= set(DEADLINE_KINDS.values())
    assert all(r["voorbij"] == (r["day"] < TODAY) for r in rows)
    json.dumps([{k: v for k, v in r.items() if k != "day"} for r in rows])  # chart-ready


@given(
    limit=st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False),
    used=st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False),
)
def test_the_limit_verdict_matches_its_definition_for_any_numbers(
    limit: Decimal, used: Decimal
) -> None:
    check = check_limit(limit, used)
    assert check.room == limit - used
    if used > limit:
        assert check.level is Level.PROBLEM and check.room < 0
    elif used >= limit * NEAR_LIMIT:
        assert check.level is Level.WARNING
    else:
        assert check.level is Level.OK and used < limit * NEAR_LIMIT


def test_the_evaluator_forgets_answers_it_no_longer_sees() -> None:
    evaluator = Evaluator()
    blocks = building_blocks()
    evaluator(blocks[0][1], TODAY)
    evaluator.settle()
    evaluator(blocks[1][1], TODAY)
    evaluator.settle()
    evaluator(blocks[0][1], TODAY)
    assert evaluator.evaluations == 3
    evaluator(blocks[0][1], TODAY + timedelta(days=1))
    assert evaluator.evaluations == 4
