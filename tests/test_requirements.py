"""`pip install -r requirements.txt` brings the app only: no test or tool package (issue 17).

Worked out from the installed packages' own metadata (what pip would resolve for those pins,
without a download): the closure of requirements.txt's pins over their `Requires-Dist` must hold
no package of requirements-dev.txt, and every pin must be exact.
"""

from __future__ import annotations

import re
from importlib import metadata

from packaging.requirements import Requirement

from scripts.check_pins import pins
from tests.paths import ROOT

TOOLS = {"playwright", "mypy", "ruff", "pytest", "pytest-xdist", "hypothesis", "pypdf"}


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def closure(names: list[tuple[str, set[str]]]) -> set[str]:
    """Every distribution installed for `names` (with their extras), dependencies included."""
    seen: set[str] = set()
    todo = list(names)
    while todo:
        name, extras = todo.pop()
        key = _norm(name)
        if key in seen:
            continue
        seen.add(key)
        for line in metadata.requires(name) or []:
            requirement = Requirement(line)
            marker = requirement.marker
            if marker is not None and not any(
                marker.evaluate({"extra": extra}) for extra in (extras or {""})
            ):
                continue
            todo.append((requirement.name, set(requirement.extras)))
    return seen


def test_the_runtime_pins_pull_in_no_test_or_tool_package() -> None:
    runtime = [
        (
            Requirement(line.split("#")[0].strip()).name,
            Requirement(line.split("#")[0].strip()).extras,
        )
        for line in (ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines()
        if line.split("#")[0].strip()
    ]
    installed = closure([(name, set(extras)) for name, extras in runtime])
    assert "streamlit" in installed and "psycopg-binary" in installed
    assert not installed & TOOLS, sorted(installed & TOOLS)
    dev_only = {_norm(name) for _file, name, _v in pins(ROOT / "requirements-dev.txt")} - {
        _norm(name) for name, _extras in runtime
    }
    assert dev_only >= TOOLS


def test_every_pin_is_exact_and_the_dev_file_includes_the_runtime_one() -> None:
    dev = pins(ROOT / "requirements-dev.txt")
    runtime = pins(ROOT / "requirements.txt")
    assert {name for _f, name, _v in runtime} <= {name for _f, name, _v in dev}
