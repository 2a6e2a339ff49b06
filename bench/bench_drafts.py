"""How fast the draft store saves and loads, on SQLite and PostgreSQL, with 10 to 10.000 drafts.

Every change in the wizard is one `save`, so its latency sits in the path from typing to the new
estimate. This script prints, per backend and per number of stored drafts, the median and p95 of
one save and one load of a realistic draft (the Foutenfestival answers), next to a baseline of
`SELECT 1` over the same engine (the cost of a round trip and a pooled connection alone).

SQLite runs as the app runs it (a file, rollback journal, synchronous=FULL, no mmap).
PostgreSQL is a throwaway server on 127.0.0.1 started like the tests do, but durable (fsync and
synchronous_commit on), so each save waits for its commit to reach the disk, as in production.

Run: `.venv/bin/python bench/bench_drafts.py` (about a minute).
"""

from __future__ import annotations

import json
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import insert, text  # noqa: E402

from aeno_core.answers import Answers  # noqa: E402
from aeno_core.casefile import load_application  # noqa: E402
from aeno_core.drafts import DraftStore, drafts_table, new_draft_id  # noqa: E402
from tests.paths import SHARED_CASES  # noqa: E402
from tests.postgres import throwaway_postgres  # noqa: E402

SIZES = (10, 100, 1_000, 10_000)
SAMPLES = 500
"""Saves and loads timed per size; the medians of 500 vary by a few hundredths of a ms between runs."""


def realistic_payload() -> dict[str, Any]:
    """What the wizard stores for the fund's Foutenfestival example."""
    app = load_application(SHARED_CASES / "01_foutenfestival.yaml")
    return Answers.from_application(app).model_dump(mode="json")


def fill_to(store: DraftStore, target: int, payload: dict[str, Any]) -> None:
    """Top the table up to `target` drafts in bulk (filling is not what we measure)."""
    missing = target - store.count()
    if missing <= 0:
        return
    now = datetime.now(UTC)
    body = json.dumps(payload, separators=(",", ":"))
    rows = [
        {
            "id": new_draft_id(),
            "version": 1,
            "payload": body,
            "created_at": now,
            "updated_at": now,
            "expires_at": now + store.ttl,
        }
        for _ in range(missing)
    ]
    with store.engine.begin() as conn:
        conn.execute(insert(drafts_table), rows)


def timed(action: Callable[[], object], samples: int) -> list[float]:
    """Milliseconds per call, after two warm-up calls."""
    action()
    action()
    out = []
    for _ in range(samples):
        start = time.perf_counter()
        action()
        out.append((time.perf_counter() - start) * 1000)
    return out


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1]


def measure(store: DraftStore, payload: dict[str, Any]) -> list[tuple[int, float, float, float]]:
    """Per size: median save, p95 save, median load (ms)."""
    rng = random.Random(6)
    # the drafts we touch are real ones among the crowd, each with its own version
    mine = [store.create(payload) for _ in range(5)]
    versions = {draft.id: draft.version for draft in mine}
    rows = []
    for size in SIZES:
        fill_to(store, size, payload)

        def save() -> None:
            draft_id = rng.choice(mine).id
            versions[draft_id] = store.save(draft_id, payload, versions[draft_id]).version

        def load() -> None:
            store.load(rng.choice(mine).id)

        saves = timed(save, SAMPLES)
        loads = timed(load, SAMPLES)
        rows.append((store.count(), statistics.median(saves), p95(saves), statistics.median(loads)))
    return rows


def baseline(store: DraftStore) -> float:
    """Median ms of `SELECT 1` through the same pool: the floor under any save or load."""

    def ping() -> None:
        with store.engine.connect() as conn:
            conn.execute(text("SELECT 1"))

    return statistics.median(timed(ping, SAMPLES))


@contextmanager
def sqlite_url() -> Iterator[str]:
    with tempfile.TemporaryDirectory(prefix="bench-drafts-") as folder:
        yield f"sqlite+pysqlite:///{Path(folder) / 'drafts.sqlite3'}"


def main() -> None:
    payload = realistic_payload()
    started = time.perf_counter()
    print("Draft store: one save and one load of the Foutenfestival draft", end="")
    size = len(json.dumps(payload, separators=(",", ":")))
    print(f" ({size} bytes of JSON), {SAMPLES} samples per row")
    summary = []
    for name, url_context in (
        ("SQLite (file, rollback journal)", sqlite_url),
        ("PostgreSQL (127.0.0.1, durable)", lambda: throwaway_postgres(durable=True)),
    ):
        with url_context() as url:
            store = DraftStore(url)
            floor = baseline(store)
            rows = measure(store, payload)
            store.dispose()
        print()
        print(f"{name}: baseline SELECT 1 median {floor:.3f} ms")
        print(
            f"{'drafts stored':>14} | {'save median ms':>14} | {'save p95 ms':>11} | {'load median ms':>14}"
        )
        print(f"{'-' * 14}-+-{'-' * 14}-+-{'-' * 11}-+-{'-' * 14}")
        for count, save_median, save_p95, load_median in rows:
            print(f"{count:>14,} | {save_median:>14.3f} | {save_p95:>11.3f} | {load_median:>14.3f}")
        growth = rows[-1][1] / rows[0][1]
        summary.append((name, rows[-1][0], rows[-1][1], growth, rows[-1][1] / floor))
    print()
    for name, stored, save_median, growth, vs_floor in summary:
        print(
            f"{name}: median save {save_median:.3f} ms at {stored:,} drafts,"
            f" {growth:.2f}x the median at {SIZES[0]} drafts, {vs_floor:.1f}x its SELECT 1 baseline"
        )
    print(f"(whole run {time.perf_counter() - started:.0f} s)")


if __name__ == "__main__":
    main()
