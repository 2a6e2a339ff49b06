"""Numbers as a Dutch person types them into a form, read without ever guessing silently.

A Dutch reader writes twelve thousand as `12.000` and twelve and a half as `12,50`; a number
copied from a spreadsheet may use a decimal point (`12000.50`). The form keeps what was typed;
this module decides what it means, or says in Dutch why it cannot: a wrong reading (`12.000`
read as twelve) would silently change the application, which is worse than any message.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from enum import StrEnum

from babel.numbers import format_decimal

from aeno_core import formatting as fmt
from aeno_core.parameters import first_day, value

_THOUSANDS = re.compile(r"^\d{1,3}(\.\d{3})+$")
_PLAIN = re.compile(r"^-?\d+(\.\d+)?$")
_CURRENCY = re.compile(r"^(eur|euro|€)|(eur|euro|€)$", re.IGNORECASE)


class Quantity(StrEnum):
    """What a typed number stands for; each has its own bound and example."""

    AMOUNT = "amount"
    HOURS = "hours"
    RATE = "rate"
    PERCENT = "percent"


_EXAMPLE = {
    Quantity.AMOUNT: "12.000,50",
    Quantity.HOURS: "24,5",
    Quantity.RATE: "45,50",
    Quantity.PERCENT: "80",
}
_NOUN = {
    Quantity.AMOUNT: "bedrag",
    Quantity.HOURS: "aantal uren",
    Quantity.RATE: "uurloon",
    Quantity.PERCENT: "percentage",
}
_BOUND = {
    Quantity.AMOUNT: "entry.max_line_amount",
    Quantity.HOURS: "entry.max_hours_per_line",
    Quantity.RATE: "entry.max_hourly_rate",
}


class EntryError(ValueError):
    """A typed number that cannot be read; `str()` is the Dutch message for the person."""


@dataclass(frozen=True)
class Reading:
    """A typed text and the number it means (None: nothing typed yet)."""

    text: str
    number: Decimal | None


def parse_dutch_number(text: str) -> Decimal | None:
    """`15.265,00`, `15265,00`, `15265.00`, `€ 15.265`, `EUR 1.250`, `80%` -> Decimal, else None.

    A dot followed by groups of exactly three digits is a thousands separator (Dutch), any
    other dot a decimal point (copied from a spreadsheet); a comma is always the decimal
    separator. Anything else (letters, `1e12`, two signs) is not a number: None.
    """
    cleaned = re.sub(r"[\s\u00a0\u202f]", "", text).replace("%", "")
    cleaned = _CURRENCY.sub("", cleaned)
    cleaned = cleaned.removesuffix(",-").removesuffix(",--")
    if not cleaned:
        return None
    if "," in cleaned:
        if cleaned.count(",") > 1:
            return None
        whole, _, fraction = cleaned.partition(",")
        if "." in whole and not _THOUSANDS.match(whole.lstrip("-")):
            return None
        cleaned = whole.replace(".", "") + "." + fraction
    elif _THOUSANDS.match(cleaned.lstrip("-")):
        cleaned = cleaned.replace(".", "")
    if not _PLAIN.fullmatch(cleaned):
        return None
    try:
        number = Decimal(cleaned)
    except InvalidOperation:  # pragma: no cover - the pattern admits only valid decimals
        return None
    return number + 0 if number.is_zero() else number  # never a negative zero


def read_number(text: str, quantity: Quantity, day: date | None = None) -> Reading:
    """What `text` means as a `quantity`; `EntryError` with a Dutch message if it cannot be used.

    Empty text is no number yet (not an error: the form may still be half filled). The bounds
    are dated data (`assets/rules/entry.yaml`), checked on `day` (default: today).
    """
    stripped = text.strip()
    if not stripped:
        return Reading(text, None)
    number = parse_dutch_number(stripped)
    noun = _NOUN[quantity]
    if number is None:
        raise EntryError(
            f"‘{_shorten(stripped)}’ is geen {noun}; schrijf het bijvoorbeeld als"
            f" {_EXAMPLE[quantity]}"
        )
    if number < 0:
        raise EntryError(f"een {noun} kan niet negatief zijn")
    exponent = number.as_tuple().exponent
    if isinstance(exponent, int) and exponent < -2:
        raise EntryError("gebruik hoogstens twee cijfers achter de komma")
    if quantity is Quantity.PERCENT:
        if number > 100:
            raise EntryError("een percentage ligt tussen 0 en 100")
        return Reading(text, number)
    if quantity is Quantity.RATE and number == 0:
        raise EntryError("een uurloon is groter dan 0; laat het veld leeg als u het niet weet")
    bound = _bound(quantity, day)
    if number > bound:
        shown = fmt.money(bound) if quantity is not Quantity.HOURS else f"{fmt.number(bound)} uur"
        raise EntryError(f"dit {noun} is hoger dan {shown}: controleer het (een nul te veel?)")
    return Reading(text, number)


def _bound(quantity: Quantity, day: date | None) -> Decimal:
    when = max(day or date.today(), first_day())
    return Decimal(str(value(_BOUND[quantity], when)))


def _shorten(text: str) -> str:
    return text if len(text) <= 30 else text[:29] + "…"


def dutch_amount(number: Decimal, places: int | None = 2) -> str:
    """`15265` -> `15.265,00`: how a Dutch user writes a number in a text field.

    `places=None` keeps the decimals the number has (hours: `24,5`).
    """
    if places is None:
        return format_decimal(number, format="#,##0.##", locale="nl_NL")
    pattern = "#,##0" + ("." + "0" * places if places else "")
    if places == 0 and number != number.to_integral_value():
        pattern = "#,##0.##"
    return format_decimal(number, format=pattern, locale="nl_NL")
