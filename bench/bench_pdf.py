"""How long the checklist PDF and the calendar take to build, next to what fpdf2 needs for nothing.

The user waits for the PDF on the Resultaat page, so its build time is part of that page's
response (target: under 150 ms for the biggest public case). Prints the median over repeated
builds of:
- the PDF for the public case with the most cost lines, and its size;
- a baseline measured in the same run: one A4 page with the same three embedded fonts and one
  line in each (parsing the fonts, subsetting them and writing the file; fixed costs of any PDF);
- the .ics for the same case;
- the PDF for a synthetic worst case (60 cost lines with long descriptions), for scale.

Both wall time and process CPU time are printed: on a shared CI machine the CPU time varies less.

Run: `.venv/bin/python bench/bench_pdf.py` (about ten seconds).
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from fpdf import FPDF  # noqa: E402

from aeno_core.calendar_file import build_ics  # noqa: E402
from aeno_core.casefile import load_application  # noqa: E402
from aeno_core.estimate import Estimate, estimate  # noqa: E402
from aeno_core.models import Application, ExternalCost, InternalStaff  # noqa: E402
from aeno_core.pdf import FONT, FONT_FILES, FONTS_DIR, build_pdf  # noqa: E402
from tests.paths import shared_case_files  # noqa: E402

CREATED = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
RUNS = 21
TARGET_MS = 150


def biggest_public_case() -> tuple[str, Estimate]:
    """The shared case with the most cost lines (invalid cases skipped)."""
    best: tuple[int, str, Estimate] | None = None
    for path in shared_case_files():
        try:
            app = load_application(path)
        except Exception:  # the invalid cases are refused on purpose
            continue
        lines = len(app.external_costs) + len(app.internal_staff)
        if best is None or lines > best[0]:
            best = (lines, path.stem, estimate(app))
    assert best is not None
    return best[1], best[2]


def synthetic_case(path: Path) -> Estimate:
    """The biggest case with 60 cost lines and descriptions at their maximum length."""
    app = load_application(path)
    words = "Begeleiding van het leertraject voor teamleiders en medewerkers, inclusief"
    text = (words + " ") * 5
    data = app.model_dump(exclude_unset=True)
    data["external_costs"] = [
        ExternalCost(description=f"{i:02d} {text}"[:300], amount_ex_vat=Decimal("1234.50"))
        for i in range(30)
    ]
    data["internal_staff"] = [
        InternalStaff(role=f"{i:02d} {text}"[:200], scale=8, step=3, hours=Decimal(40))
        for i in range(30)
    ]
    return estimate(Application.model_validate(data))


def baseline_pdf() -> bytes:
    """One A4 page with the same embedded fonts: the fixed cost of any PDF built this way."""
    pdf = FPDF(format="A4")
    for style, name in FONT_FILES.items():
        pdf.add_font(FONT, style, FONTS_DIR / name)
    pdf.set_creation_date(CREATED)
    pdf.add_page()
    for style in FONT_FILES:
        pdf.set_font(FONT, style, 10)
        pdf.cell(0, 6, "Subsidieschatting € 11.562,60", new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def measure(build: Callable[[], bytes]) -> tuple[float, float, int]:
    """Median wall and CPU milliseconds over RUNS builds (after one warm-up), and the size."""
    size = len(build())
    wall: list[float] = []
    cpu: list[float] = []
    for _ in range(RUNS):
        w0, c0 = time.perf_counter(), time.process_time()
        build()
        wall.append((time.perf_counter() - w0) * 1000)
        cpu.append((time.process_time() - c0) * 1000)
    return statistics.median(wall), statistics.median(cpu), size


def main() -> None:
    name, result = biggest_public_case()
    lines = len(result.calculation.lines)
    base_wall, base_cpu, base_size = measure(baseline_pdf)
    pdf_wall, pdf_cpu, pdf_size = measure(lambda: build_pdf(result, created=CREATED))
    ics_wall, ics_cpu, ics_size = measure(lambda: build_ics(result, created=CREATED))
    big = synthetic_case(next(p for p in shared_case_files() if p.stem == name))
    big_wall, big_cpu, big_size = measure(lambda: build_pdf(big, created=CREATED))

    print(f"PDF and calendar build, median of {RUNS} runs (wall / CPU)")
    print(f"  case: {name} ({lines} cost lines), target under {TARGET_MS} ms")
    print(
        f"  baseline, 1 page + same fonts : {base_wall:7.1f} ms / {base_cpu:7.1f} ms"
        f"   {base_size / 1024:6.1f} kB"
    )
    print(
        f"  checklist PDF                 : {pdf_wall:7.1f} ms / {pdf_cpu:7.1f} ms"
        f"   {pdf_size / 1024:6.1f} kB   {pdf_wall / base_wall:4.1f}x baseline"
        f"   {'within' if pdf_wall < TARGET_MS else 'OVER'} target"
    )
    print(
        f"  calendar .ics                 : {ics_wall:7.1f} ms / {ics_cpu:7.1f} ms"
        f"   {ics_size / 1024:6.1f} kB   {len(result.deadlines.items)} events"
    )
    print(
        f"  synthetic, {len(big.calculation.lines)} long lines        : {big_wall:7.1f} ms /"
        f" {big_cpu:7.1f} ms   {big_size / 1024:6.1f} kB   {big_wall / base_wall:4.1f}x baseline"
    )


if __name__ == "__main__":
    main()
