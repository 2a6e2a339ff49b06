"""The operator's settings (environment variables), checked once before the app serves anyone.

A bad value used to surface much later and in the wrong place: `SUBSIDIEWIJZER_DRAFT_DAYS=0`
started a server on which every save said the store was unreachable and Start showed an English
error box. Now each problem is one line, in Dutch and English, naming the variable, and the
server does not start (`make run` runs this module first; app.py stops the server when the first
session finds a problem, for servers started another way).

`python -m aeno_core.settings` prints the problems and exits with status 2, or exits 0.
Pure Python; no Streamlit.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from pathlib import Path

from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from aeno_core import logs
from aeno_core.drafts import ENV_DAYS, ENV_PATH, ENV_URL

MAX_DAYS = 3650
"""Ten years: anything longer is a typing error, not a retention period."""

BACKENDS = ("sqlite", "postgresql")


def problems(environ: Mapping[str, str] | None = None) -> list[str]:
    """One line per bad setting (Dutch, then English), empty when everything is usable."""
    env = os.environ if environ is None else environ
    found: list[str] = []
    days = env.get(ENV_DAYS, "").strip()
    if days:
        try:
            number = int(days)
        except ValueError:
            number = None
        if number is None or not 1 <= number <= MAX_DAYS:
            found.append(
                f"{ENV_DAYS}={days!r}: moet een heel aantal dagen zijn, van 1 tot en met"
                f" {MAX_DAYS} / must be a whole number of days from 1 to {MAX_DAYS}"
            )
    url = env.get(ENV_URL, "").strip()
    if url:
        try:
            backend: str | None = make_url(url).get_backend_name()
        except ArgumentError:
            backend = None
        if backend not in BACKENDS:
            # The URL holds a password: name the variable, never print the value.
            found.append(
                f"{ENV_URL}: geen bruikbare database-URL (sqlite of postgresql) / not a usable"
                " database URL (sqlite or postgresql)"
            )
    path = env.get(ENV_PATH, "").strip()
    if path and not url and Path(path).expanduser().is_dir():
        found.append(f"{ENV_PATH}={path!r}: is een map, geen bestand / is a folder, not a file")
    level = env.get(logs.ENV_LOG_LEVEL, "").strip()
    if level and logs.level_name(env) is None:
        found.append(
            f"{logs.ENV_LOG_LEVEL}={level!r}: moet een van {', '.join(logs.LEVELS)} zijn /"
            f" must be one of {', '.join(logs.LEVELS)}"
        )
    return found


def main() -> int:
    """Print each problem on stderr; 2 when there is one, else 0."""
    lines = problems()
    for line in lines:
        print(f"Subsidiewijzer: {line}", file=sys.stderr)
    return 2 if lines else 0


if __name__ == "__main__":
    sys.exit(main())
