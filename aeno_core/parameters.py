"""The fund's rules as dated values, read from `assets/rules/*.yaml`.

Code never holds a percentage, an amount or a period itself: it asks for the value of a named
parameter on a date, so a new year of rules is a new dated entry in the data, not a code change.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from fractions import Fraction
from functools import cache
from pathlib import Path
from typing import Any

import yaml

ASSETS_DIR = Path(__file__).resolve().parent.parent / "assets"
RULES_DIR = ASSETS_DIR / "rules"

SAFE_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""libyaml's safe loader when PyYAML has it: ten times faster on our own asset files (the wage
tables take 0.6 s with the pure-Python loader), which every cold start and CLI run pays. User
files use it too, behind the guard in `casefile.parse_document` (no aliases, bounded depth and
size, checked on the event stream before anything is built)."""


class ParameterError(LookupError):
    """A parameter is unknown or has no value on the date asked."""


@dataclass(frozen=True)
class Reference:
    """Where a dated value comes from: the text's title, as users read it, and its address."""

    title: str
    href: str


@dataclass(frozen=True)
class DatedValue:
    """One parameter's value, with where it comes from, as users are shown it."""

    name: str
    value: Any
    valid_from: date
    label: str
    reference: str
    """The reference's title: what the pages, the PDF and the CLI print as the source."""
    unit: str
    href: str = ""
    """The reference's address (a page of the fund, or of this project for its own bounds)."""


@dataclass(frozen=True)
class Parameter:
    """A parameter with all its dated values, oldest first."""

    name: str
    label: str
    unit: str
    dates: tuple[date, ...]
    values: tuple[Any, ...]
    references: tuple[Reference, ...]
    """One per dated value: a new value brings its own source."""
    _answers: dict[date, DatedValue] = field(
        default_factory=dict, init=False, repr=False, compare=False, hash=False
    )
    """Answers already given: an estimate asks some twenty parameters for the same day."""

    def on(self, day: date) -> DatedValue:
        """The value that holds on `day`: the latest one dated on or before it."""
        known = self._answers.get(day)
        if known is not None:
            return known
        if len(self._answers) > 4096:
            self._answers.clear()
        answer = self._answers[day] = self._lookup(day)
        return answer

    def _lookup(self, day: date) -> DatedValue:
        index = bisect.bisect_right(self.dates, day) - 1
        if index < 0:
            raise ParameterError(
                f"{self.name}: geen waarde bekend op {day.isoformat()}"
                f" (de eerste geldt vanaf {self.dates[0].isoformat()})"
            )
        reference = self.references[index]
        return DatedValue(
            name=self.name,
            value=self.values[index],
            valid_from=self.dates[index],
            label=self.label,
            reference=reference.title,
            unit=self.unit,
            href=reference.href,
        )


def _convert(unit: str, raw: Any) -> Any:
    """Turn a YAML value into the exact type the rules compute with (never a float)."""
    if unit == "fraction":
        return Fraction(str(raw))
    if unit == "euro":
        return Decimal(str(raw))
    return raw


def _parse(name: str, spec: dict[str, Any]) -> Parameter:
    """One parameter; every dated value must hold `value` and `reference` (`title`, `href`)."""
    items = sorted(
        (_as_date(key), _convert(spec["unit"], entry["value"]), _reference(name, key, entry))
        for key, entry in spec["values"].items()
    )
    return Parameter(
        name=name,
        label=str(spec["label"]),
        unit=str(spec["unit"]),
        dates=tuple(day for day, _, _ in items),
        values=tuple(value for _, value, _ in items),
        references=tuple(reference for _, _, reference in items),
    )


def _reference(name: str, day: object, entry: Any) -> Reference:
    try:
        raw = entry["reference"]
        return Reference(title=str(raw["title"]), href=str(raw["href"]))
    except (KeyError, TypeError):
        raise ParameterError(f"{name} ({day}): elke waarde heeft een bron (title, href)") from None


def _as_date(key: object) -> date:
    if isinstance(key, date):
        return key
    return date.fromisoformat(str(key))


@cache
def load_parameters(rules_dir: Path = RULES_DIR) -> dict[str, Parameter]:
    """Read every rules file once per process; the app and the CLI share this cache."""
    parameters: dict[str, Parameter] = {}
    for path in sorted(rules_dir.glob("*.yaml")):
        with path.open(encoding="utf-8") as handle:
            data = yaml.load(handle, Loader=SAFE_LOADER) or {}
        for name, spec in data.items():
            if name in parameters:
                raise ParameterError(f"{name}: staat in meer dan één regelbestand")
            parameters[name] = _parse(name, spec)
    return parameters


_FIRST_DAY: list[tuple[dict[str, Parameter], date]] = []
"""The first day of the rules last loaded, kept with them so a reload is noticed."""


def first_day() -> date:
    """The first day the shipped rules cover; before it no value of any parameter is known."""
    parameters = load_parameters()
    if _FIRST_DAY and _FIRST_DAY[0][0] is parameters:
        return _FIRST_DAY[0][1]
    day = min(p.dates[0] for p in parameters.values())
    _FIRST_DAY[:] = [(parameters, day)]
    return day


def parameter(name: str, day: date) -> DatedValue:
    """The value of parameter `name` on `day`, with its label and source."""
    try:
        return load_parameters()[name].on(day)
    except KeyError:
        raise ParameterError(f"{name}: onbekende parameter") from None


def value(name: str, day: date) -> Any:
    """Shorthand for the bare value of parameter `name` on `day`."""
    return parameter(name, day).value
