"""The shipped uurloontabel: calibrated on the fund's example, dated by the project's start month."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from aeno_core.hourly_wages import load_wage_tables, table_rate


def test_the_2018_table_gives_the_funds_own_example_for_schaal_10_periodiek_6() -> None:
    """Rekenvoorbeeld Foutenfestival: uurloon 2018 bij schaal 10, periodiek 6 = 33,30."""
    lookup = table_rate(10, 6, date(2018, 2, 1))
    assert lookup.rate == Decimal("33.30")


def test_every_rate_from_the_table_is_labelled_an_approximation_and_the_fund_wins() -> None:
    lookup = table_rate(10, 6, date(2018, 2, 1))
    assert lookup.approximation is True
    assert "Benadering" in lookup.source
    assert "A&O fonds gaat voor" in lookup.source
    tables = load_wage_tables()
    assert "niet de uurloontabel van het fonds" in tables.description
    assert tables.derivation.strip() and tables.reference.strip()


def test_the_month_the_project_starts_picks_the_table() -> None:
    tables = load_wage_tables().tables
    october_2019 = next(t for t in tables if t.valid_from == date(2019, 10, 1))
    before = max(
        (t for t in tables if t.valid_from < october_2019.valid_from), key=lambda t: t.valid_from
    )
    assert before.rates[10][6] != october_2019.rates[10][6]

    assert table_rate(10, 6, date(2019, 9, 30)).rate == before.rates[10][6]
    assert table_rate(10, 6, date(2019, 10, 1)).rate == october_2019.rates[10][6]
    # Any day of the start month counts as the month.
    assert table_rate(10, 6, date(2019, 10, 31)).rate == october_2019.rates[10][6]


def test_no_table_before_the_first_one_and_the_message_says_so() -> None:
    first = load_wage_tables().tables[0].valid_from
    lookup = table_rate(10, 6, date(first.year - 1, 12, 31))
    assert lookup.rate is None
    assert "Geen uurloontabel" in lookup.source


def test_a_step_beyond_the_table_has_no_rate_and_asks_for_the_funds_figure() -> None:
    lookup = table_rate(10, 12, date(2019, 3, 1))
    assert lookup.rate is None
    assert "periodiek 12" in lookup.source and "vul het uurloon" in lookup.source


def test_every_table_is_complete_exact_and_rising_per_step() -> None:
    tables = load_wage_tables().tables
    assert [t.valid_from for t in tables] == sorted(t.valid_from for t in tables)
    for table in tables:
        assert sorted(table.rates) == list(range(1, 19)), table.valid_from
        assert table.source.strip(), table.valid_from
        for scale, steps in table.rates.items():
            assert all(rate.as_tuple().exponent == -2 for rate in steps), (table.valid_from, scale)
            assert list(steps) == sorted(steps), (table.valid_from, scale)
            assert steps[0] > 0
