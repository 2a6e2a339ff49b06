"""Hourly rates per salary scale (schaal) and step (periodiek), from the table the project ships.

The fund's own uurloontabel is not public, so `assets/hourly_wages.yaml` holds an approximation
with its derivation; every place that shows a rate from it says so, and a rate the user copied
from the fund's table always wins.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

import yaml

from aeno_core import formatting as fmt
from aeno_core.parameters import ASSETS_DIR, SAFE_LOADER

WAGES_FILE = ASSETS_DIR / "hourly_wages.yaml"


@dataclass(frozen=True)
class WageTable:
    """One dated table: hourly rates by scale, a list indexed by step."""

    valid_from: date
    source: str
    """How we built the table (for the docs and maintainers, not for users)."""
    rates: dict[int, tuple[Decimal, ...]]
    note: str = ""
    """What the user reads about this table: in plain Dutch, addressed to them."""

    def user_note(self) -> str:
        """The user's sentence about this table; a plain default when the data gives none."""
        if self.note:
            return self.note
        return (
            "Dit uurloon is afgeleid uit de salaristabel van gemeenteambtenaren die geldt vanaf"
            f" {fmt.long_date(self.valid_from)}."
        )


@dataclass(frozen=True)
class WageTables:
    """All shipped tables, oldest first, with the texts users see about them."""

    description: str
    reference: str
    derivation: str
    tables: tuple[WageTable, ...]

    def table_on(self, day: date) -> WageTable | None:
        """The table that holds in the month of `day` (None before the first one)."""
        month_start = day.replace(day=1)
        index = bisect.bisect_right([t.valid_from for t in self.tables], month_start) - 1
        return self.tables[index] if index >= 0 else None


@dataclass(frozen=True)
class RateLookup:
    """A rate and where it came from; `rate` is None when the table has no figure."""

    rate: Decimal | None
    approximation: bool
    source: str


def _parse_table(raw: dict[str, Any]) -> WageTable:
    valid_from = raw["valid_from"]
    if not isinstance(valid_from, date):
        valid_from = date.fromisoformat(str(valid_from))
    rates = {
        int(scale): tuple(Decimal(str(rate)) for rate in steps)
        for scale, steps in raw["rates"].items()
    }
    return WageTable(
        valid_from=valid_from,
        source=str(raw.get("source", "")),
        rates=rates,
        note=str(raw.get("note", "")),
    )


@cache
def load_wage_tables(path: Path = WAGES_FILE) -> WageTables:
    """Read the shipped tables once per process."""
    with path.open(encoding="utf-8") as handle:
        data = yaml.load(handle, Loader=SAFE_LOADER)
    tables = sorted((_parse_table(raw) for raw in data["tables"]), key=lambda t: t.valid_from)
    return WageTables(
        description=str(data.get("description", "")),
        reference=str(data.get("reference", "")),
        derivation=str(data.get("derivation", "")),
        tables=tuple(tables),
    )


@lru_cache(maxsize=4096)
def table_rate(scale: int, step: int, project_start: date) -> RateLookup:
    """The approximate rate for `scale` and `step` in the month the project starts.

    Cached like the tables themselves (the answer is immutable): the pages ask for the same few
    rates on every rerun.
    """
    table = load_wage_tables().table_on(project_start)
    if table is None:
        return RateLookup(
            None, True, "Geen uurloontabel bekend voor de startmaand van het project."
        )
    steps = table.rates.get(scale)
    if steps is None or step >= len(steps):
        return RateLookup(
            None,
            True,
            f"Schaal {scale}, periodiek {step} staat niet in de meegeleverde uurloontabel"
            f" (geldig vanaf {table.valid_from.isoformat()}); vul het uurloon van het fonds in.",
        )
    return RateLookup(
        steps[step],
        True,
        f"Benadering uit de uurloontabel van de Subsidiewijzer: {table.user_note()} De"
        " uurloontabel van het A&O fonds gaat voor.",
    )
