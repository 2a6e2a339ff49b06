"""The Projecten page with a map of 50 projects against one project's Overzicht, in one run.

Issue 16's target: a run of the Projecten page with 50 projects takes at most 2x a run of
Overzicht for a single project, both measured in the same run. Both pages run through
Streamlit's AppTest in this process (the script, every element and the session state, as the
server runs them; no browser; compiled scripts kept between runs as a server keeps them),
each on its own session with drafts in a throwaway SQLite file:

- Projecten: the 50 projects of `bench_overview.fifty_projects()` (every HR status, four
  limits), half of them added by draft link (each of those drafts read from the store at every
  run, in one query) and half from files;
- Overzicht: the Foutenfestival example loaded on Start, as a person would.

It prints the median and p90 of 15 reruns of each (what a click costs once the page is open),
the ratio of the medians, and the first run of the map (every project judged) beside the first
run of Overzicht. Wall and CPU time; the CPU time varies less on a shared machine.

Run: `.venv/bin/python bench/bench_projects_page.py` (under a minute).
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

RUNS = 15
TARGET = 2.0


def _patch_pages_folder() -> None:
    """As tests/conftest.py: AppTest must not run `pages/*.py` as a legacy multipage app."""
    from streamlit.runtime import pages_manager

    original = pages_manager.PagesManager.__init__

    def init(self: Any, *args: Any, **kwargs: Any) -> None:
        original(self, *args, **kwargs)
        pages_manager.PagesManager.uses_pages_directory = False

    pages_manager.PagesManager.__init__ = init  # type: ignore[method-assign]


def _share_script_cache() -> None:
    """Keep compiled scripts between runs, as a server does.

    AppTest makes a new `ScriptCache` for every run, so each run would compile app.py and
    the page again (10 ms for the Projecten page's file): a cost the server pays once per
    process, not per rerun. One cache for the whole bench puts both pages back on the
    server's footing.
    """
    from streamlit.runtime.scriptrunner import script_cache

    shared: dict[str, Any] = {}
    original = script_cache.ScriptCache.get_bytecode

    def get_bytecode(self: Any, script_path: str) -> Any:
        if script_path not in shared:
            shared[script_path] = original(self, script_path)
        return shared[script_path]

    script_cache.ScriptCache.get_bytecode = get_bytecode  # type: ignore[method-assign]


def timed(run: Callable[[], Any]) -> tuple[float, float]:
    """Wall and CPU milliseconds of one call."""
    w0, c0 = time.perf_counter(), time.process_time()
    run()
    return (time.perf_counter() - w0) * 1000, (time.process_time() - c0) * 1000


def series(run: Callable[[], Any]) -> tuple[list[float], list[float]]:
    walls, cpus = [], []
    for _ in range(RUNS):
        wall, cpu = timed(run)
        walls.append(wall)
        cpus.append(cpu)
    return walls, cpus


def p90(values: list[float]) -> float:
    return sorted(values)[int(0.9 * (len(values) - 1))]


def main() -> None:
    folder = tempfile.mkdtemp(prefix="bench-projects-")
    database = Path(folder) / "drafts.sqlite3"
    os.environ["SUBSIDIEWIJZER_DRAFTS_PATH"] = str(database)
    _patch_pages_folder()
    _share_script_cache()

    from bench_overview import fifty_projects
    from streamlit.testing.v1 import AppTest

    from aeno_core.drafts import DraftStore
    from aeno_core.stored_map import StoredMap

    store = DraftStore(f"sqlite+pysqlite:///{database}")
    stored = StoredMap(project_map=fifty_projects())
    for number, entry in enumerate(stored.project_map.projects):
        if number % 2 == 0:
            draft = store.create(entry.answers.model_dump(mode="json"))
            stored.links[entry.key] = draft.id
    map_id = store.create(stored.model_dump(mode="json")).id

    app_file = str(ROOT / "app.py")
    projects = AppTest.from_file(app_file, default_timeout=120)
    projects.query_params["projectenmap"] = map_id
    projects.switch_page("pages/projecten.py")
    single = AppTest.from_file(app_file, default_timeout=120).run()
    single.button(key="example.foutenfestival").click().run()
    single.switch_page("pages/overzicht.py")

    load = os.getloadavg()[0]
    first_map = timed(projects.run)
    first_single = timed(single.run)
    for app in (projects, single):
        assert not app.exception, [e.value for e in app.exception]
    shown = sum(1 for m in projects.markdown if "sw-table" in m.value)
    assert shown >= 2, "the map's table did not show"

    # Interleaved: each round one rerun of each page, so load moves both alike.
    map_wall: list[float] = []
    map_cpu: list[float] = []
    one_wall: list[float] = []
    one_cpu: list[float] = []
    for _ in range(RUNS):
        wall, cpu = timed(projects.run)
        map_wall.append(wall)
        map_cpu.append(cpu)
        wall, cpu = timed(single.run)
        one_wall.append(wall)
        one_cpu.append(cpu)

    ratio = statistics.median(map_wall) / statistics.median(one_wall)
    cpu_ratio = statistics.median(map_cpu) / statistics.median(one_cpu)
    print(
        f"Projecten page (50 projects, 25 by draft link) vs Overzicht (1 project), {RUNS} reruns"
        f" each, interleaved; {os.cpu_count()} cores, load average {load:.1f} before,"
        f" {os.getloadavg()[0]:.1f} after"
    )
    print(
        f"  Projecten, rerun : median {statistics.median(map_wall):6.1f} ms wall /"
        f" {statistics.median(map_cpu):6.1f} ms CPU, p90 {p90(map_wall):6.1f} ms wall"
    )
    print(
        f"  Overzicht, rerun : median {statistics.median(one_wall):6.1f} ms wall /"
        f" {statistics.median(one_cpu):6.1f} ms CPU, p90 {p90(one_wall):6.1f} ms wall"
    )
    verdict = "met" if ratio <= TARGET else "NOT met"
    print(
        f"  ratio of medians : {ratio:.2f}x wall, {cpu_ratio:.2f}x CPU;"
        f" target at most {TARGET:.0f}x: {verdict}"
    )
    print(
        f"  first run (cold) : Projecten {first_map[0]:6.1f} ms wall (every project judged),"
        f" Overzicht {first_single[0]:6.1f} ms wall"
    )
    store.dispose()


if __name__ == "__main__":
    main()
