"""Numbers as a Dutch person types them: what each means, and what is refused with which words."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from aeno_core.answers import Answers, ExternalRow, InternalRow
from aeno_core.entry import EntryError, Quantity, dutch_amount, read_number
from aeno_core.models import Scheme


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("12.000", "12000"),
        ("12000", "12000"),
        ("12.000,50", "12000.50"),
        ("12000,5", "12000.5"),
        ("EUR 1.250", "1250"),
        ("eur 1.250,00", "1250.00"),
        ("€ 15.265,-", "15265"),
        ("123.456", "123456"),
        ("12000.50", "12000.50"),
        (" 3 000 ", "3000"),
        ("-0", "0"),
        ("0,00", "0.00"),
    ],
)
def test_a_dutch_amount_means_what_a_dutch_reader_means(typed: str, meant: str) -> None:
    number = read_number(typed, Quantity.AMOUNT, date(2019, 5, 1)).number
    assert number == Decimal(meant)
    assert number is not None and not number.is_signed()


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("-500", "een bedrag kan niet negatief zijn"),
        ("1e12", "‘1e12’ is geen bedrag; schrijf het bijvoorbeeld als 12.000,50"),
        ("twaalfhonderd", "‘twaalfhonderd’ is geen bedrag"),
        ("12,505", "gebruik hoogstens twee cijfers achter de komma"),
        ("12,000", "gebruik hoogstens twee cijfers achter de komma"),
        ("1.2.3,4", "is geen bedrag"),
        ("1,2,3", "is geen bedrag"),
        ("12.000.000", "dit bedrag is hoger dan € 1.000.000,00"),
    ],
)
def test_a_doubtful_amount_is_refused_with_a_dutch_reason(typed: str, message: str) -> None:
    with pytest.raises(EntryError) as refused:
        read_number(typed, Quantity.AMOUNT, date(2019, 5, 1))
    assert message.replace(" ", "\u00a0") in str(refused.value).replace(" ", "\u00a0")


def test_hours_and_rates_have_their_own_bounds_and_words() -> None:
    assert read_number("24,5", Quantity.HOURS).number == Decimal("24.5")
    with pytest.raises(EntryError, match=r"hoger dan 3\.000 uur"):
        read_number("30.000", Quantity.HOURS)
    with pytest.raises(EntryError, match="uurloon is groter dan 0"):
        read_number("0", Quantity.RATE)
    with pytest.raises(EntryError, match="percentage ligt tussen 0 en 100"):
        read_number("120", Quantity.PERCENT)


def test_nothing_typed_is_no_number_and_no_error() -> None:
    assert read_number("  ", Quantity.AMOUNT).number is None


@given(st.decimals(min_value=0, max_value=999_999, places=2, allow_nan=False))
def test_every_amount_written_the_dutch_way_reads_back_the_same(amount: Decimal) -> None:
    assert read_number(dutch_amount(amount), Quantity.AMOUNT).number == amount


def test_a_cost_line_keeps_the_typed_text_and_its_error_names_the_line() -> None:
    answers = Answers(
        scheme=Scheme.IMPULS,
        project_start=date(2019, 3, 1),
        project_end=date(2019, 6, 30),
        external_costs=[
            ExternalRow(description="training", amount_ex_vat="12.000"),
            ExternalRow(description="zaal", amount_ex_vat="twaalfhonderd"),
        ],
    )
    _, errors = answers.to_application()
    assert answers.external_costs[1].amount_ex_vat == "twaalfhonderd"
    assert [(e.path, e.message) for e in errors] == [
        (
            "external_costs.1.amount_ex_vat",
            "‘twaalfhonderd’ is geen bedrag; schrijf het bijvoorbeeld als 12.000,50",
        )
    ]
    answers.external_costs[1].amount_ex_vat = "1.200"
    application, errors = answers.to_application()
    assert errors == [] and application is not None
    assert [line.amount_ex_vat for line in application.external_costs] == [
        Decimal("12000"),
        Decimal("1200"),
    ]


def test_an_hourly_rate_makes_scale_and_step_optional() -> None:
    answers = Answers(
        scheme=Scheme.IMPULS,
        project_start=date(2019, 3, 1),
        project_end=date(2019, 6, 30),
        internal_staff=[InternalRow(role="adviseur", hours="10", hourly_rate="40,00")],
    )
    application, errors = answers.to_application()
    assert errors == [] and application is not None
    answers.internal_staff[0].hourly_rate = ""
    _, errors = answers.to_application()
    assert [(e.path, e.message) for e in errors] == [
        ("internal_staff.0.scale", "kies schaal en periodiek, of vul het uurloon in")
    ]


def test_every_error_shows_at_once_in_page_order() -> None:
    """An end date before the start is named together with the other errors, not after them."""
    answers = Answers(
        scheme=Scheme.IMPULS,
        project_start=date(2019, 6, 30),
        project_end=date(2019, 3, 1),
        external_costs=[ExternalRow(description="x", amount_ex_vat="veel")],
        internal_staff=[InternalRow(role="y", scale=8, step=3, hours="-1")],
    )
    answers.organisation.collaboration = True
    answers.organisation.share_gemeenten = "de meeste"
    _, errors = answers.to_application()
    assert [e.path for e in errors] == [
        "organisation.share_gemeenten",
        "project_end",
        "external_costs.0.amount_ex_vat",
        "internal_staff.0.hours",
    ]


def test_a_version_1_draft_shows_its_numbers_the_dutch_way() -> None:
    stored = {
        "version": 1,
        "external_costs": [{"description": "a", "amount_ex_vat": "12000.50"}],
        "internal_staff": [{"role": "b", "scale": 8, "step": 3, "hours": "24.5"}],
    }
    answers = Answers.model_validate(stored)
    assert answers.version == 2
    assert answers.external_costs[0].amount_ex_vat == "12.000,50"
    assert answers.internal_staff[0].hours == "24,5"
    assert answers.internal_staff[0].hourly_rate == ""
