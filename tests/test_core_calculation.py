"""The explained calculation: shares, per-line rounding, the project-leader rule, rates, limits."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import Any

import pytest

from aeno_core.calculation import Limit, calculate, leader_only_applies, round_cents
from aeno_core.hourly_wages import table_rate
from aeno_core.models import Application, ExternalCost, InternalStaff, Phase, Scheme

DAY = date(2019, 7, 15)


def _app(scheme: Scheme = Scheme.IMPULS, **fields: Any) -> Application:
    fields.setdefault("project_start", date(2019, 2, 1))
    fields.setdefault("project_end", date(2019, 6, 30))
    return Application(scheme=scheme, **fields)


def _ext(amount: str, staff_development: bool = True) -> ExternalCost:
    return ExternalCost(
        description=f"factuur {amount}",
        amount_ex_vat=Decimal(amount),
        staff_development=staff_development,
    )


def _staff(
    hours: str, rate: str | None = "40.00", leader: bool = False, **more: Any
) -> InternalStaff:
    more.setdefault("scale", 10)
    more.setdefault("step", 6)
    return InternalStaff(
        role="projectleider" if leader else "medewerker",
        project_leader=leader,
        hours=Decimal(hours),
        hourly_rate=None if rate is None else Decimal(rate),
        **more,
    )


@pytest.mark.parametrize(
    ("value", "cents"),
    [
        (Fraction(49995, 1000), "50.00"),
        (Fraction(49994, 1000), "49.99"),
        (Fraction(116655, 1000), "116.66"),
        (Fraction(1000, 3), "333.33"),
        (Fraction(2000, 3), "666.67"),
        (Fraction(1, 200), "0.01"),
        (Fraction(0), "0.00"),
    ],
)
def test_round_cents_is_half_up(value: Fraction, cents: str) -> None:
    rounded = round_cents(value)
    assert rounded == Decimal(cents)
    assert rounded.as_tuple().exponent == -2


def test_each_line_is_rounded_before_summing() -> None:
    calc = calculate(_app(external_costs=[_ext("100.00")] * 3), DAY)
    assert [line.subsidy for line in calc.lines] == [Decimal("33.33")] * 3
    assert calc.before_limits == Decimal("99.99")


def test_every_line_explains_its_rule_and_source_in_dutch() -> None:
    calc = calculate(
        _app(external_costs=[_ext("1500.00")], internal_staff=[_staff("3", "33.33", leader=True)]),
        DAY,
    )
    external, internal = (line.rule.replace("\u00a0", " ") for line in calc.lines)
    assert external == "1/3 van € 1.500,00 (ex BTW, alleen het projectdeel) = € 500,00"
    assert internal == "50% van 3 uur × € 33,33 (schaal 10, periodiek 6) = € 50,00"
    assert "1/3 van de externe kosten" in calc.lines[0].source
    assert "50% van de interne kosten" in calc.lines[1].source
    assert (calc.lines[1].cost, calc.lines[1].subsidy) == (Decimal("99.99"), Decimal("50.00"))


class TestProjectLeaderRule:
    """'Als je externe én interne kosten opvoert, is intern alleen de projectleider subsidiabel'."""

    def test_with_an_eligible_external_line_only_the_leader_counts(self) -> None:
        app = _app(
            external_costs=[_ext("3000.00")],
            internal_staff=[_staff("100", leader=True), _staff("50", "45.00"), _staff("20", None)],
        )
        calc = calculate(app, DAY)
        internal = [line for line in calc.lines if line.kind == "internal"]
        assert [line.eligible for line in internal] == [True, False, False]
        assert [line.subsidy for line in internal] == [Decimal("2000.00"), 0, 0]
        assert "alleen de projectleider" in internal[1].rule
        assert calc.project_leader_rule_applied
        # What the rule costs: the lines that dropped out, as they would have counted.
        table = table_rate(10, 6, app.project_start).rate
        assert table is not None
        dropped = Decimal("1125.00") + round_cents(Fraction(table) * 20 / 2)
        assert calc.project_leader_rule_cost == dropped

    def test_without_external_costs_everyone_counts(self) -> None:
        calc = calculate(_app(internal_staff=[_staff("100", leader=True), _staff("50")]), DAY)
        assert all(line.eligible for line in calc.lines)
        assert calc.before_limits == Decimal("3000.00")
        assert not calc.project_leader_rule_applied
        assert calc.project_leader_rule_cost == 0

    def test_an_external_line_of_zero_does_not_trigger_it(self) -> None:
        app = _app(
            external_costs=[_ext("0.00")], internal_staff=[_staff("10", leader=True), _staff("10")]
        )
        assert not leader_only_applies(app)
        assert calculate(app, DAY).before_limits == Decimal("400.00")

    def test_external_lines_not_for_staff_are_left_out_first(self) -> None:
        app = _app(
            external_costs=[_ext("9000.00", staff_development=False)],
            internal_staff=[_staff("10", leader=True), _staff("10")],
        )
        assert not leader_only_applies(app)
        calc = calculate(app, DAY)
        excluded = calc.lines[0]
        assert (excluded.eligible, excluded.subsidy) == (False, Decimal("0.00"))
        assert "niet gericht op de ontwikkeling" in excluded.rule
        assert calc.before_limits == Decimal("400.00")

    def test_without_a_project_leader_no_internal_line_counts(self) -> None:
        calc = calculate(_app(external_costs=[_ext("3000.00")], internal_staff=[_staff("80")]), DAY)
        assert calc.before_limits == Decimal("1000.00")
        assert calc.project_leader_rule_applied


class TestRates:
    def test_a_rate_the_user_entered_wins_over_the_table(self) -> None:
        calc = calculate(_app(internal_staff=[_staff("100", "50.00", leader=True)]), DAY)
        line = calc.lines[0]
        assert (line.rate, line.rate_is_approximation) == (Decimal("50.00"), False)
        assert "ingevuld door de gebruiker" in line.rate_source

    def test_without_a_rate_the_table_of_the_start_month_is_used_and_labelled(self) -> None:
        app = _app(
            project_start=date(2018, 3, 1),
            project_end=date(2018, 8, 31),
            internal_staff=[_staff("244", None, leader=True)],
        )
        line = calculate(app, DAY).lines[0]
        assert line.rate == Decimal("33.30")
        assert line.subsidy == Decimal("4062.60")
        assert line.rate_is_approximation and "Benadering" in line.rate_source

    def test_a_missing_rate_is_reported_never_a_silent_zero(self) -> None:
        app = _app(internal_staff=[_staff("10", leader=True), _staff("40", None, step=20)])
        calc = calculate(app, DAY)
        missing = calc.lines[1]
        assert (missing.rate, missing.eligible) == (None, False)
        assert "geen uurloon bekend" in missing.rule
        assert calc.missing_rates == [1]


class TestLimits:
    @pytest.mark.parametrize(
        ("scheme", "amount", "before", "subsidy", "limit"),
        [
            (Scheme.IMPULS, "1499.97", "499.99", "0.00", Limit.BELOW_MINIMUM),
            (Scheme.IMPULS, "1500.00", "500.00", "500.00", Limit.NONE),
            (Scheme.IMPULS, "45000.00", "15000.00", "15000.00", Limit.NONE),
            (Scheme.IMPULS, "45000.03", "15000.01", "15000.00", Limit.MAXIMUM),
            (Scheme.INNOVATIEF, "11249.97", "3749.99", "0.00", Limit.BELOW_MINIMUM),
            (Scheme.INNOVATIEF, "11250.00", "3750.00", "3750.00", Limit.NONE),
            (Scheme.INNOVATIEF, "150000.03", "50000.01", "50000.00", Limit.MAXIMUM),
        ],
    )
    def test_minimum_and_maximum(
        self, scheme: Scheme, amount: str, before: str, subsidy: str, limit: Limit
    ) -> None:
        app = _app(scheme, project_end=date(2019, 12, 31), external_costs=[_ext(amount)])
        calc = calculate(app, DAY)
        assert (calc.before_limits, calc.subsidy, calc.limit) == (
            Decimal(before),
            Decimal(subsidy),
            limit,
        )
        assert calc.limit_message
        if limit is not Limit.NONE:
            assert calc.limit_source

    @pytest.mark.parametrize(
        ("phase", "provisional", "amount", "before", "subsidy", "limit"),
        [
            pytest.param(
                Phase.DECLARATIE,
                "8500.00",
                "30000.00",
                "10000.00",
                "8500.00",
                Limit.PROVISIONAL,
                id="declaratie_is_held_to_the_provisional_amount",
            ),
            pytest.param(
                Phase.DECLARATIE,
                "8500.00",
                "15000.00",
                "5000.00",
                "5000.00",
                Limit.NONE,
                id="declaratie_below_the_provisional_amount_is_paid_as_declared",
            ),
            pytest.param(
                Phase.DECLARATIE,
                "1000.00",
                "15000.00",
                "5000.00",
                "0.00",
                Limit.BELOW_MINIMUM,
                id="a_provisional_amount_below_the_minimum_gives_no_subsidy",
            ),
            pytest.param(
                Phase.AANVRAAG,
                "4000.00",
                "15000.00",
                "5000.00",
                "5000.00",
                Limit.NONE,
                id="the_provisional_amount_does_not_hold_an_aanvraag",
            ),
        ],
    )
    def test_the_provisional_amount(
        self, phase: Phase, provisional: str, amount: str, before: str, subsidy: str, limit: Limit
    ) -> None:
        app = _app(
            Scheme.INNOVATIEF,
            phase=phase,
            provisional_subsidy=Decimal(provisional),
            external_costs=[_ext(amount)],
        )
        calc = calculate(app, DAY)
        assert (calc.before_limits, calc.subsidy, calc.limit) == (
            Decimal(before),
            Decimal(subsidy),
            limit,
        )
        if limit is not Limit.NONE:
            assert "voorlopige beschikking" in calc.limit_message


def test_all_amounts_are_decimals_with_two_places() -> None:
    app = _app(
        external_costs=[_ext("1000.00"), _ext("0.01")],
        internal_staff=[_staff("7.5", "33.33", leader=True)],
    )
    calc = calculate(app, DAY)
    amounts = [calc.before_limits, calc.subsidy, calc.project_leader_rule_cost]
    amounts += [line.subsidy for line in calc.lines] + [line.cost for line in calc.lines]
    for amount in amounts:
        assert isinstance(amount, Decimal)
        assert amount.as_tuple().exponent == -2, amount


def test_a_change_that_switches_the_project_leader_rule_says_so_with_the_amount() -> None:
    from aeno_core.calculation import leader_rule_switch

    base = {
        "scheme": "impuls",
        "project_start": "2019-02-01",
        "project_end": "2019-06-30",
        "internal_staff": [
            {"role": "Trainer", "scale": 10, "step": 6, "hours": 150, "hourly_rate": "36.60"}
        ],
    }
    before = Application.model_validate(base)
    after = Application.model_validate(
        {**base, "external_costs": [{"description": "Zaalhuur", "amount_ex_vat": "3.00"}]}
    )
    day = date(2019, 6, 1)
    assert calculate(before, day).subsidy == Decimal("2745.00")
    switch = leader_rule_switch(before, after, day)
    assert switch is not None and switch.switched_on
    assert switch.change == Decimal("-2745.00")
    assert switch.message.startswith("Door deze externe kosten telt intern alleen de projectleider")
    assert "2.745,00" in switch.message
    back = leader_rule_switch(after, before, day)
    assert back is not None and not back.switched_on and back.change == Decimal("2745.00")
    assert leader_rule_switch(before, before, day) is None
