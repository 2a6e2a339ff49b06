"""Dutch presentation of money, dates and shares, through Babel so no page hand-formats numbers."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from fractions import Fraction

from babel.dates import format_date as _babel_date
from babel.numbers import format_currency, format_decimal

LOCALE = "nl_NL"


def money(amount: Decimal) -> str:
    """`€ 11.562,60`: the euro sign and Dutch separators, always two decimals."""
    return format_currency(amount, "EUR", locale=LOCALE)


def long_date(day: date) -> str:
    """`23 november 2026`."""
    return _babel_date(day, format="long", locale=LOCALE)


def month_year(day: date) -> str:
    """`maart 2019`, for interim reports that fall in a month rather than on a day."""
    return _babel_date(day, format="MMMM y", locale=LOCALE)


def number(value: Decimal | int) -> str:
    """`244` or `24,5`: hours and counts with a Dutch decimal comma."""
    return format_decimal(value, format="#,##0.##", locale=LOCALE)


def share(fraction: Fraction) -> str:
    """`50%` for a half, `1/3` for a third: the way the fund's own pages write them."""
    percent = fraction * 100
    if percent.denominator == 1:
        return f"{format_decimal(percent.numerator, locale=LOCALE)}%"
    return f"{fraction.numerator}/{fraction.denominator}"
