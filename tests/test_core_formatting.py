"""Dutch money, dates and shares through Babel."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from fractions import Fraction

from aeno_core import formatting as fmt

NBSP = "\u00a0"


def test_money_has_the_euro_sign_dutch_separators_and_two_decimals() -> None:
    assert fmt.money(Decimal("11562.60")) == f"€{NBSP}11.562,60"
    assert fmt.money(Decimal("0")) == f"€{NBSP}0,00"
    assert fmt.money(Decimal("1234567.8")) == f"€{NBSP}1.234.567,80"
    assert fmt.money(Decimal("500")) == f"€{NBSP}500,00"


def test_equal_amounts_format_alike_whatever_their_exponent() -> None:
    assert fmt.money(Decimal("1.5")) == fmt.money(Decimal("1.50")) == f"€{NBSP}1,50"
    assert fmt.number(Decimal("24.50")) == fmt.number(Decimal("24.5")) == "24,5"


def test_cached_and_fresh_results_are_the_same() -> None:
    first = fmt.money(Decimal("4062.60")), fmt.long_date(date(2018, 10, 26))
    fmt.clear_caches()
    assert (fmt.money(Decimal("4062.60")), fmt.long_date(date(2018, 10, 26))) == first


def test_dates_are_written_in_dutch() -> None:
    assert fmt.long_date(date(2026, 11, 23)) == "23 november 2026"
    assert fmt.long_date(date(2019, 1, 2)) == "2 januari 2019"
    assert fmt.month_year(date(2019, 3, 31)) == "maart 2019"


def test_numbers_use_a_decimal_comma_and_drop_empty_decimals() -> None:
    assert fmt.number(Decimal("244")) == "244"
    assert fmt.number(7) == "7"
    assert fmt.number(Decimal("1234.25")) == "1.234,25"


def test_shares_are_written_as_the_fund_writes_them() -> None:
    assert fmt.share(Fraction(1, 2)) == "50%"
    assert fmt.share(Fraction(1, 3)) == "1/3"
    assert fmt.share(Fraction(3, 4)) == "75%"
