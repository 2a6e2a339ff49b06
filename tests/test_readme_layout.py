"""README's layout table names every folder of the checkout and every module of `ui/`.

A newcomer finds a module's job from the table; a folder or a `ui/` module added without a
line there is a folder nobody has explained.
"""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NOT_OURS = {".git", ".venv", "node_modules", "__pycache__", "data", "out", "tmp", "test-results"}
"""Made by tools or at run time, and ignored by git (`data/` has its own line all the same)."""


def layout_table() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("\n## Layout\n", 1)[1].split("\n## ", 1)[0]
    return "\n".join(line for line in section.splitlines() if line.startswith("| `"))


def folders() -> list[str]:
    found = []
    for path in sorted(ROOT.rglob("*")):
        parts = path.relative_to(ROOT).parts
        if not path.is_dir() or any(p in NOT_OURS or p.endswith("_cache") for p in parts):
            continue
        if any(p.startswith(".") and p not in (".ci", ".streamlit") for p in parts):
            continue
        found.append("/".join(parts) + "/")
    return found


def test_every_folder_has_a_line() -> None:
    named = set(re.findall(r"`([^`\s]+/)`", layout_table()))  # a row, or a line's words
    assert [folder for folder in folders() if folder not in named] == []


def test_every_ui_module_is_named() -> None:
    table = layout_table()
    modules = [
        path.relative_to(ROOT / "ui")
        for path in sorted((ROOT / "ui").rglob("*.py"))
        if path.name != "__init__.py"
    ]
    assert [str(m) for m in modules if f"`{m.name}`" not in table] == []
