"""Check that every exact pin in the requirements files is the version installed.

A venv built from an older requirements file keeps its old packages until someone reinstalls,
and tests that pass against them prove nothing about the pinned versions. `make test` runs this
first; any mismatch or missing package fails loudly with one line each.

Usage: python scripts/check_pins.py requirements-dev.txt  (follows `-r` includes)
"""

from __future__ import annotations

import re
import sys
from importlib import metadata
from pathlib import Path

PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)(\[[^\]]*\])?==([^\s;#]+)$")


def pins(path: Path, seen: set[Path] | None = None) -> list[tuple[str, str, str]]:
    """(file, name, version) for each pin in `path` and the files it includes with `-r`."""
    seen = set() if seen is None else seen
    path = path.resolve()
    if path in seen:
        return []
    seen.add(path)
    found: list[tuple[str, str, str]] = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        if line.startswith("-r "):
            found += pins(path.parent / line[3:].strip(), seen)
            continue
        match = PIN.match(line)
        if match is None:
            raise SystemExit(f"{path.name}: not an exact pin (name==version): {raw!r}")
        found.append((path.name, match.group(1), match.group(3)))
    return found


def main(argv: list[str]) -> int:
    """Print one line per mismatch; 1 when there is one, else 0."""
    files = [Path(a) for a in argv] or [Path("requirements-dev.txt")]
    bad: list[str] = []
    checked = 0
    seen: set[Path] = set()
    for file in files:
        for source, name, wanted in pins(file, seen):
            checked += 1
            try:
                installed = metadata.version(name)
            except metadata.PackageNotFoundError:
                bad.append(f"{source}: {name}=={wanted} is not installed")
                continue
            if installed != wanted:
                bad.append(f"{source}: {name}=={wanted} pinned, {installed} installed")
    for line in bad:
        print(f"ERROR: {line}", file=sys.stderr)
    if bad:
        print("Reinstall: make clean && make test", file=sys.stderr)
        return 1
    print(f"pins: {checked} packages installed at their pinned versions")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
