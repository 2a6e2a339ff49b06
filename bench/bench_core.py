"""How fast the rules engine answers: one explained estimate, and loading the rules.

Every widget change in the wizard reruns the page, and the page calls `estimate()` (and the
sidebar and the Regeling page `advise()`, which is two estimates). The issue's target is a median
under 0.5 ms for one estimate with its full explanation (lines, findings, deadlines, checklist).

Printed, each as the median and p95 of many runs measured with `time.perf_counter_ns`:
- `estimate()` on the fund's Foutenfestival (5 lines) and on a big application (50 lines), with
  the formatting caches warm (a rerun: the same amounts again) and cold (every amount and date
  formatted by Babel afresh, as for an application seen for the first time);
- `advise()` (both schemes side by side) on Foutenfestival;
- the baseline, measured in the same run on the same data: `Application.model_validate`, the
  pydantic validation every page does anyway; the ratio says what the rules add on top;
- loading all parameters and wage tables from YAML, cold (functools caches cleared) and warm;
- refusing the hostile files of `tests/hostile_corpus.py` (each refused entry through
  `load_application`, median and max per file, then the median and max over all files) and the
  1 MB flow sequence on its own.

Run: `.venv/bin/python bench/bench_core.py` (about 20 seconds).
"""

from __future__ import annotations

import os
import platform
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from aeno_core import formatting  # noqa: E402
from aeno_core.advice import advise  # noqa: E402
from aeno_core.casefile import (  # noqa: E402
    CaseFileError,
    load_application,
    parse_document,
)
from aeno_core.estimate import estimate  # noqa: E402
from aeno_core.hourly_wages import load_wage_tables, table_rate  # noqa: E402
from aeno_core.models import Application  # noqa: E402
from aeno_core.parameters import load_parameters  # noqa: E402
from tests.hostile_corpus import corpus  # noqa: E402
from tests.paths import SHARED_CASES  # noqa: E402

TARGET_MS = 0.5
REPEATS = 3000


def foutenfestival() -> dict[str, Any]:
    path = next(SHARED_CASES.glob("01_*.yaml"))
    data: dict[str, Any] = parse_document(path.read_bytes())["application"]
    return data


def big_application(lines: int = 50) -> dict[str, Any]:
    """An Innovatief aanvraag with 25 quotes and 25 employees, some without a rate."""
    half = lines // 2
    return {
        "scheme": "innovatief",
        "project_start": "2019-09-01",
        "project_end": "2020-10-31",
        "submitted_on": "2019-08-20",
        "external_costs": [
            {"description": f"Offerte {i}", "amount_ex_vat": f"{1000 + 37 * i}.{i % 100:02d}"}
            for i in range(half)
        ],
        "internal_staff": [
            {
                "role": f"medewerker {i}",
                "project_leader": i == 0,
                "scale": 5 + i % 10,
                "step": i % 12,
                "hours": f"{10 + i}.5",
                **({"hourly_rate": f"{30 + i}.25"} if i % 3 == 0 else {}),
            }
            for i in range(lines - half)
        ],
        "organisation": {
            "type": "gemeente",
            "applies_car_uwo": True,
            "collaboration": False,
            "via_external_bureau": False,
        },
        "project": {
            "title": "Groot leernetwerk",
            "theme": 1,
            "new_for": "sector",
            "status": "planned",
            "partner_gemeenten": 3,
            "internal_assignment_date": "2019-08-01",
        },
    }


def clear_result_caches() -> None:
    """Forget formatted texts and looked-up rates (not the rules): a first-time application."""
    formatting.clear_caches()
    table_rate.cache_clear()


def timed(
    run: Callable[[], object], repeats: int, before: Callable[[], None] | None = None
) -> list[float]:
    """Milliseconds per call; `before` runs untimed ahead of each call."""
    for _ in range(min(50, repeats)):  # warm up imports, caches and the interpreter
        if before:
            before()
        run()
    samples: list[float] = []
    for _ in range(repeats):
        if before:
            before()
        started = time.perf_counter_ns()
        run()
        samples.append((time.perf_counter_ns() - started) / 1e6)
    return samples


def p95(samples: list[float]) -> float:
    return statistics.quantiles(samples, n=20)[-1]


def refused(path: Path) -> None:
    try:
        load_application(path)
    except CaseFileError:
        return
    raise AssertionError(f"{path.name} was not refused")


def hostile_rows() -> list[tuple[str, list[float], float | None]]:
    """Refusing each hostile file: the worst file's figures and the 1 MB flow sequence."""
    import tempfile

    folder = Path(tempfile.mkdtemp(prefix="hostile-"))
    per_file: dict[str, list[float]] = {}
    for entry in corpus():
        if entry.expect != "refused":
            continue
        path = entry.path(folder)
        per_file[entry.name] = timed(lambda path=path: refused(path), 20)
    medians = [statistics.median(samples) for samples in per_file.values()]
    maxima = [max(samples) for samples in per_file.values()]
    worst = max(per_file, key=lambda name: statistics.median(per_file[name]))
    print(
        f"hostile files: {len(per_file)} refused; median of the medians"
        f" {statistics.median(medians):.3f} ms, largest median {max(medians):.3f} ms ({worst}),"
        f" largest single run {max(maxima):.3f} ms"
    )
    rows: list[tuple[str, list[float], float | None]] = [
        (f"refuse hostile file: {name}", samples, None) for name, samples in per_file.items()
    ]
    return rows


def main() -> None:
    rows: list[tuple[str, list[float], float | None]] = []
    for label, data in (
        ("Foutenfestival (5 lines)", foutenfestival()),
        ("big (50 lines)", big_application()),
    ):
        baseline = timed(lambda data=data: Application.model_validate(data), REPEATS)
        rows.append((f"Application.model_validate, {label} [baseline]", baseline, None))
        application = Application.model_validate(data)
        base = statistics.median(baseline)
        warm = timed(lambda a=application: estimate(a), REPEATS)
        rows.append((f"estimate(), {label}, warm", warm, statistics.median(warm) / base))
        cold = timed(lambda a=application: estimate(a), REPEATS // 3, before=clear_result_caches)
        rows.append((f"estimate(), {label}, cold formatting", cold, statistics.median(cold) / base))
        if label.startswith("Fouten"):
            both = timed(lambda a=application: advise(a), REPEATS // 3)
            rows.append((f"advise() (2 estimates), {label}", both, statistics.median(both) / base))

    def load_all() -> None:
        load_parameters()
        load_wage_tables()

    def clear_rule_caches() -> None:
        load_parameters.cache_clear()
        load_wage_tables.cache_clear()
        table_rate.cache_clear()

    rules_cold = timed(load_all, 30, before=clear_rule_caches)
    rows.append(("load all parameters + wage tables, cold", rules_cold, None))
    rows.append(("load all parameters + wage tables, warm", timed(load_all, REPEATS), None))

    rows.extend(hostile_rows())

    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(
        f"bench_core: Python {platform.python_version()} on {platform.machine()},"
        f" {os.cpu_count()} CPUs, load average {load:.2f}"
    )
    width = max(len(name) for name, _, _ in rows)
    print(
        f"{'what':<{width}}  {'median ms':>10}  {'p95 ms':>8}  {'max ms':>8}  {'runs':>5}"
        f"  {'x baseline':>10}"
    )
    for name, samples, ratio in rows:
        shown = "" if ratio is None else f"{ratio:.1f}x"
        print(
            f"{name:<{width}}  {statistics.median(samples):>10.4f}  {p95(samples):>8.4f}"
            f"  {max(samples):>8.3f}  {len(samples):>5}  {shown:>10}"
        )
    estimates = [(name, samples) for name, samples, _ in rows if name.startswith("estimate()")]
    for name, samples in estimates:
        median = statistics.median(samples)
        verdict = "meets" if median < TARGET_MS else "MISSES"
        print(f"target: {name}: median {median:.3f} ms {verdict} < {TARGET_MS} ms")


if __name__ == "__main__":
    main()
