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


def test_the_cao_gemeenten_2025_2027_is_in_the_tables_and_what_is_unconfirmed_is_said() -> None:
    from decimal import Decimal

    from aeno_core.hourly_wages import load_wage_tables, table_rate

    before = table_rate(10, 6, date(2025, 12, 1)).rate
    january = table_rate(10, 6, date(2026, 1, 1)).rate
    whole = table_rate(10, 6, date(2027, 3, 1)).rate
    assert before is not None and january is not None and whole is not None
    assert january > before  # + EUR 35 a month
    assert whole / before > Decimal("1.07")  # 6,7% plus EUR 35 on top
    floor = Decimal(2496) * Decimal("33.30") / Decimal(3575)
    assert table_rate(1, 0, date(2026, 2, 1)).rate >= floor.quantize(Decimal("0.01"))
    tables = {t.valid_from: t for t in load_wage_tables().tables}
    for day in (date(2025, 1, 1), date(2026, 1, 1)):
        assert "niet bevestigd" in tables[day].user_note()
    assert "niet bevestigd" in table_rate(10, 6, date(2026, 1, 1)).source


def test_what_the_user_reads_about_a_table_has_no_internal_remarks() -> None:
    from aeno_core.estimate import estimate
    from aeno_core.hourly_wages import load_wage_tables, table_rate
    from aeno_core.models import Application
    from aeno_core.pdf.sections import approximation_note

    for table in load_wage_tables().tables:
        for text in (table.user_note(), table_rate(10, 6, table.valid_from).source):
            for internal in ("NIET", "Geindexeerd", "Teruggerekend", " x 1,", "zie source"):
                assert internal not in text, (table.valid_from, text)
    app = Application.model_validate(
        {"scheme": "impuls", "project_start": "2026-02-01", "project_end": "2026-03-01"}
    )
    note = approximation_note(estimate(app))
    assert "u" in note.split() or "vul" in note
    assert "niet bevestigd" in note and "NIET" not in note
