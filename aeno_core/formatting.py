"""Dutch presentation of money, dates and shares, through Babel so no page hand-formats numbers.

Babel re-reads its locale data on every call (about 20 µs for one amount), and an estimate
formats dozens of amounts and dates, again on every rerun of a page. The locale is therefore
parsed once and each result is cached: the output depends only on the value (equal amounts such
as 1.5 and 1.50 format alike), so a cache hit returns exactly what Babel would.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from fractions import Fraction
from functools import lru_cache

from babel import Locale
from babel.dates import format_date as _babel_date
from babel.numbers import format_currency, format_decimal

LOCALE = "nl_NL"
_LOCALE = Locale.parse(LOCALE)
_CACHE_SIZE = 4096


def money(amount: Decimal) -> str:
    """`€ 11.562,60`: the euro sign and Dutch separators, always two decimals.

    Babel puts a no-break space (U+00A0) between the sign and the amount, so the two never wrap
    onto separate lines. A negative zero prints as zero. The cache is keyed on the sign as well
    as the value: Decimal("-0") == Decimal("0") with one hash, so a cache keyed on the value
    alone let one session's "€ -0,00" answer every later zero, in every session.
    """
    if amount.is_zero():
        amount = amount.copy_abs()
    return _money(amount, amount.is_signed())


@lru_cache(maxsize=_CACHE_SIZE)
def _money(amount: Decimal, signed: bool) -> str:
    return format_currency(amount, "EUR", locale=_LOCALE)


@lru_cache(maxsize=_CACHE_SIZE)
def long_date(day: date) -> str:
    """`23 november 2026`."""
    return _babel_date(day, format="long", locale=_LOCALE)


@lru_cache(maxsize=_CACHE_SIZE)
def month_year(day: date) -> str:
    """`maart 2019`, for interim reports that fall in a month rather than on a day."""
    return _babel_date(day, format="MMMM y", locale=_LOCALE)


def number(value: Decimal | int) -> str:
    """`244` or `24,5`: hours and counts with a Dutch decimal comma (a negative zero as 0)."""
    if isinstance(value, Decimal):
        if value.is_zero():
            value = value.copy_abs()
        return _number(value, value.is_signed())
    return _number(value, value < 0)


@lru_cache(maxsize=_CACHE_SIZE)
def _number(value: Decimal | int, signed: bool) -> str:
    return format_decimal(value, format="#,##0.##", locale=_LOCALE)


def plain_amount(amount: Decimal) -> str:
    """`11562,60`: a decimal comma and no thousands separator or sign.

    For a Dutch CSV file: Excel with Dutch settings reads this as a number, where `€ 11.562,60`
    stays text and `11562.60` becomes a date or a thousand times too much. Keyed on the sign
    like `money`, so a negative zero never answers for zero.
    """
    if amount.is_zero():
        amount = amount.copy_abs()
    return _plain_amount(amount, amount.is_signed())


@lru_cache(maxsize=_CACHE_SIZE)
def _plain_amount(amount: Decimal, signed: bool) -> str:
    return format_decimal(amount, format="0.00", locale=_LOCALE)


@lru_cache(maxsize=_CACHE_SIZE)
def short_date(day: date) -> str:
    """`01-10-2018`: the numeric Dutch date that a spreadsheet with Dutch settings reads as a date."""
    return _babel_date(day, format="dd-MM-yyyy", locale=_LOCALE)


def share(fraction: Fraction) -> str:
    """`50%` for a half, `1/3` for a third: the way the fund's own pages write them.

    Not cached itself (hashing a Fraction costs as much as the arithmetic); the Babel part is.
    """
    numerator, denominator = fraction.as_integer_ratio()
    if (100 * numerator) % denominator == 0:
        return _percent(100 * numerator // denominator)
    return f"{numerator}/{denominator}"


@lru_cache(maxsize=256)
def _percent(whole: int) -> str:
    return f"{format_decimal(whole, locale=_LOCALE)}%"


def clear_caches() -> None:
    """Forget every cached text (for benchmarks that measure Babel itself)."""
    for cached in (_money, long_date, month_year, _number, _plain_amount, short_date, _percent):
        cached.cache_clear()
