"""What the core's tests share: the shared cases as estimates, and the command line as run by hand."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from aeno_core.casefile import CaseFileError, load_application
from aeno_core.estimate import Estimate, estimate
from tests.paths import ROOT, SHARED_CASES, shared_case_files


def valid_case_files() -> list[Path]:
    """The shared cases that form an application (the invalid ones have nothing to print)."""
    valid = []
    for path in shared_case_files():
        try:
            load_application(path)
        except CaseFileError:
            continue
        valid.append(path)
    return valid


def case_estimate(name: str) -> Estimate:
    """The estimate of one shared case, by file name."""
    return estimate(load_application(SHARED_CASES / name))


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    """`python -m aeno_core ARGS` in a fresh process from the project root, as a user runs it."""
    return subprocess.run(
        [sys.executable, "-m", "aeno_core", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
        check=False,
    )
