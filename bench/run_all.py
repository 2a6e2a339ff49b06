"""Run every `bench/bench_*.py` in turn and print what each prints (`make bench`).

Each script runs in its own process with this same Python, so one benchmark's imports, caches
and servers never colour another's figures. A script that fails is reported and the rest still
run; the exit status says whether all succeeded.

Usage: `.venv/bin/python bench/run_all.py [NAME ...]` where NAME picks scripts by a part of
their file name (for example `core` or `pdf`); without names, all of them.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
ROOT = BENCH_DIR.parent


def scripts(names: list[str]) -> list[Path]:
    found = sorted(BENCH_DIR.glob("bench_*.py"))
    if names:
        found = [path for path in found if any(name in path.stem for name in names)]
    return found


def main(argv: list[str]) -> int:
    chosen = scripts(argv)
    if not chosen:
        print(f"no bench/bench_*.py matches {argv}", file=sys.stderr)
        return 2
    failed: list[str] = []
    for path in chosen:
        print(f"==> {path.relative_to(ROOT)}", flush=True)
        started = time.perf_counter()
        status = subprocess.run([sys.executable, str(path)], cwd=ROOT, check=False).returncode
        took = time.perf_counter() - started
        print(f"<== {path.name}: exit {status} after {took:.1f} s\n", flush=True)
        if status != 0:
            failed.append(path.name)
    if failed:
        print(f"failed: {', '.join(failed)}", file=sys.stderr)
        return 1
    print(f"all {len(chosen)} benchmarks ran")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
