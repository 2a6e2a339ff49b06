"""How long HR waits for the projects map of 50 projects: the summary and each of its files.

The map is built from every valid shared case and shipped example in turn, 50 projects in all,
with HR statuses of every kind (some with a beschikking amount) and a limit per scheme and year.
Prints the median over repeated builds (wall and process CPU time) of:
- the summary: every project evaluated by the core (`overview.summarise`);
- the Excel workbook from that summary (target: under 300 ms), its CSV, its calendar and its PDF;
- a baseline measured in the same run: the same sheets and cell values written by openpyxl with
  nothing else (no styles, formats, widths), what any workbook of this content costs.

Both wall and CPU time are printed: on a shared 2-core machine the CPU time varies less.

Run: `.venv/bin/python bench/bench_overview.py` (about half a minute).
"""

from __future__ import annotations

import io
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from aeno_core.answers import Answers  # noqa: E402
from aeno_core.casefile import CaseFileError  # noqa: E402
from aeno_core.examples import examples  # noqa: E402
from aeno_core.export import import_document  # noqa: E402
from aeno_core.models import Scheme  # noqa: E402
from aeno_core.overview import FundLimit, HRStatus, ProjectMap, Stage, summarise  # noqa: E402
from aeno_core.overview_files import build_calendar, build_csv, build_workbook  # noqa: E402
from aeno_core.overview_pdf import build_overview_pdf  # noqa: E402
from tests.paths import shared_case_files  # noqa: E402

PROJECTS = 50
RUNS = 15
TARGET_MS = 300
TODAY = date(2026, 12, 2)
CREATED = datetime(2026, 12, 2, 9, 0, tzinfo=UTC)


def blocks() -> list[tuple[str, Answers]]:
    """The valid shared cases and the examples, as the map imports them."""
    found: list[tuple[str, Answers]] = []
    for path in shared_case_files():
        try:
            imported = import_document(path.read_bytes())
        except CaseFileError:  # the invalid cases are refused on purpose
            continue
        found.append((imported.title, imported.answers))
    for example in examples().values():
        found.append((example.name, Answers.from_application(example.application)))
    return found


def fifty_projects() -> ProjectMap:
    """50 projects with every HR stage, some granted amounts and notes, and four limits."""
    project_map = ProjectMap(organisation="Gemeente Voorbeeld")
    stages = list(Stage)
    parts = blocks()
    for number in range(PROJECTS):
        label, answers = parts[number % len(parts)]
        stage = stages[number % len(stages)]
        status = HRStatus(
            stage=stage,
            submitted_on=None if stage is Stage.CONCEPT else date(2026, 1 + number % 12, 1),
            granted=Decimal("9000.00") if stage is Stage.BESCHIKKING else None,
        )
        project_map.add(
            answers, label=label, source=f"project-{number}.json", status=status, note=label
        )
    for scheme in Scheme:
        for year in (2025, 2026):
            project_map.limits.append(
                FundLimit(scheme=scheme, year=year, applications=10, amount=Decimal("150000"))
            )
    return project_map


def measure(build: Callable[[], object]) -> tuple[float, float]:
    """Median wall and CPU milliseconds over RUNS builds, after one warm-up."""
    build()
    wall: list[float] = []
    cpu: list[float] = []
    for _ in range(RUNS):
        w0, c0 = time.perf_counter(), time.process_time()
        build()
        wall.append((time.perf_counter() - w0) * 1000)
        cpu.append((time.process_time() - c0) * 1000)
    return statistics.median(wall), statistics.median(cpu)


def plain_copy(data: bytes) -> Callable[[], bytes]:
    """A build of the same sheets and cell values with nothing else: openpyxl's own cost.

    The baseline measured in the same run, as bench_pdf's empty page: the values of every
    cell of our workbook, written by openpyxl without styles, formats, widths or frozen panes.
    """
    from openpyxl import Workbook, load_workbook

    source = load_workbook(io.BytesIO(data))
    sheets = [
        (sheet.title, [[cell.value for cell in row] for row in sheet.iter_rows()])
        for sheet in source.worksheets
    ]

    def build() -> bytes:
        book = Workbook()
        book.remove(book.active)  # type: ignore[arg-type]
        for title, rows in sheets:
            sheet = book.create_sheet(title)
            for row in rows:
                sheet.append(row)
        out = io.BytesIO()
        book.save(out)
        return out.getvalue()

    return build


def on_tmpfs(build: Callable[[], object]) -> tuple[float, float]:
    """`measure` with Python's temporary files in /dev/shm (this process only), if it exists.

    openpyxl writes each sheet to a temporary file and deletes it after zipping. On a disk
    mounted with `discard` (online TRIM, as on this development machine) each delete waits for
    the device: 2 to 10 ms per sheet under load, most of the wall time for 52 sheets. This line
    shows what the build costs without that; the app itself leaves the temporary folder alone.
    """
    shm = Path("/dev/shm")
    if not shm.is_dir():
        return 0.0, 0.0
    before = tempfile.tempdir
    tempfile.tempdir = str(shm)
    try:
        return measure(build)
    finally:
        tempfile.tempdir = before


def main() -> None:
    project_map = fifty_projects()
    load = os.getloadavg()[0]
    summary_wall, summary_cpu = measure(lambda: summarise(project_map, TODAY))
    overview = summarise(project_map, TODAY)
    sheets = len(overview.rows)
    size = len(build_workbook(overview))
    xlsx_wall, xlsx_cpu = measure(lambda: build_workbook(overview))
    shm_wall, shm_cpu = on_tmpfs(lambda: build_workbook(overview))
    base_wall, base_cpu = measure(plain_copy(build_workbook(overview)))
    csv_wall, csv_cpu = measure(lambda: build_csv(overview))
    ics_wall, ics_cpu = measure(lambda: build_calendar(overview, created=CREATED))
    pdf_wall, pdf_cpu = measure(lambda: build_overview_pdf(overview, created=CREATED))
    print(
        f"Projects map of {sheets} projects, median of {RUNS} runs (wall / CPU);"
        f" {os.cpu_count()} cores, load average {load:.1f} before, {os.getloadavg()[0]:.1f} after"
    )
    print(f"  summary (50 x evaluate)  : {summary_wall:7.1f} ms / {summary_cpu:7.1f} ms")
    verdict = "within" if xlsx_wall < TARGET_MS else "OVER"
    print(
        f"  Excel workbook           : {xlsx_wall:7.1f} ms / {xlsx_cpu:7.1f} ms"
        f"   {size / 1024:6.1f} kB, {sheets + 2} sheets;"
        f" target under {TARGET_MS} ms: {verdict}"
    )
    print(
        f"    baseline, same cells plain  : {base_wall:7.1f} ms / {base_cpu:7.1f} ms"
        f"   ours {xlsx_cpu / base_cpu:.2f}x its CPU time"
    )
    if shm_wall:
        print(
            f"    the same, openpyxl's temporary files on tmpfs: {shm_wall:7.1f} ms /"
            f" {shm_cpu:7.1f} ms (see on_tmpfs)"
        )
    print(f"  CSV                      : {csv_wall:7.1f} ms / {csv_cpu:7.1f} ms")
    print(f"  calendar .ics            : {ics_wall:7.1f} ms / {ics_cpu:7.1f} ms")
    print(f"  PDF summary              : {pdf_wall:7.1f} ms / {pdf_cpu:7.1f} ms")


if __name__ == "__main__":
    main()
