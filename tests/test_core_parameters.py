"""Dated parameters: the value on a day, a new dated value overriding an old one, exact units."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
import yaml

from aeno_core import parameters as params
from aeno_core.estimate import estimate
from aeno_core.models import Application, ExternalCost, Scheme


def _write_rules(folder: Path, name: str, specs: dict[str, Any]) -> None:
    (folder / name).write_text(yaml.safe_dump(specs, allow_unicode=True), encoding="utf-8")


SOURCE = {"title": "Testbron", "href": "https://example.org/regels"}


def _dated(value: Any) -> dict[str, Any]:
    """A dated value as the rules files hold it: the value and its own reference."""
    return {"value": value, "reference": SOURCE}


def _spec(unit: str, values: dict[date, Any]) -> dict[str, Any]:
    return {
        "label": "Testwaarde",
        "unit": unit,
        "values": {day: _dated(value) for day, value in values.items()},
    }


def test_the_value_on_a_day_is_the_latest_one_dated_on_or_before_it(tmp_path: Path) -> None:
    _write_rules(
        tmp_path,
        "a.yaml",
        {"x.maximum": _spec("euro", {date(2018, 1, 1): "15000.00", date(2027, 1, 1): "20000.00"})},
    )
    maximum = params.load_parameters(tmp_path)["x.maximum"]

    old = maximum.on(date(2026, 12, 31))
    new = maximum.on(date(2027, 1, 1))

    assert (old.value, old.valid_from) == (Decimal("15000.00"), date(2018, 1, 1))
    assert (new.value, new.valid_from) == (Decimal("20000.00"), date(2027, 1, 1))
    assert maximum.on(date(2040, 6, 1)).value == Decimal("20000.00")
    assert (new.label, new.reference, new.unit) == ("Testwaarde", "Testbron", "euro")


def test_values_listed_out_of_order_are_still_dated_correctly(tmp_path: Path) -> None:
    _write_rules(
        tmp_path,
        "a.yaml",
        {"x.days": _spec("days", {"2030-01-01": 70, "2018-01-01": 56, "2024-01-01": 63})},
    )
    days = params.load_parameters(tmp_path)["x.days"]
    assert [days.on(date(y, 6, 1)).value for y in (2019, 2025, 2031)] == [56, 63, 70]


def test_before_the_first_dated_value_there_is_no_value(tmp_path: Path) -> None:
    _write_rules(tmp_path, "a.yaml", {"x.count": _spec("count", {date(2018, 1, 1): 8})})
    with pytest.raises(params.ParameterError, match=r"x\.count.*2017-12-31"):
        params.load_parameters(tmp_path)["x.count"].on(date(2017, 12, 31))


def test_shares_and_amounts_are_exact_never_floats(tmp_path: Path) -> None:
    _write_rules(
        tmp_path,
        "a.yaml",
        {
            "x.share": _spec("fraction", {date(2018, 1, 1): "1/3"}),
            "x.half": _spec("fraction", {date(2018, 1, 1): "0.5"}),
            "x.amount": _spec("euro", {date(2018, 1, 1): "0.10"}),
        },
    )
    loaded = params.load_parameters(tmp_path)
    day = date(2019, 1, 1)
    assert loaded["x.share"].on(day).value == Fraction(1, 3)
    assert loaded["x.half"].on(day).value == Fraction(1, 2)
    amount = loaded["x.amount"].on(day).value
    assert isinstance(amount, Decimal) and amount == Decimal("0.10")


def test_a_parameter_defined_in_two_files_is_refused(tmp_path: Path) -> None:
    _write_rules(tmp_path, "a.yaml", {"x.count": _spec("count", {date(2018, 1, 1): 8})})
    _write_rules(tmp_path, "b.yaml", {"x.count": _spec("count", {date(2019, 1, 1): 9})})
    with pytest.raises(params.ParameterError, match="meer dan één"):
        params.load_parameters(tmp_path)


def test_an_unknown_parameter_is_an_error_not_none() -> None:
    with pytest.raises(params.ParameterError, match="onbekende parameter"):
        params.parameter("impuls.does_not_exist", date(2019, 1, 1))


def test_every_shipped_parameter_says_what_it_is_and_every_value_where_it_comes_from() -> None:
    """Each dated value has its own reference, a title and a link (OpenFisca, PolicyEngine)."""
    for name, parameter in params.load_parameters().items():
        assert parameter.label.strip(), name
        assert parameter.dates == tuple(sorted(parameter.dates)), name
        assert len(parameter.references) == len(parameter.dates), name
        for day, value, reference in zip(
            parameter.dates, parameter.values, parameter.references, strict=True
        ):
            assert not isinstance(value, float), f"{name} holds a float"
            assert reference.title.strip(), (name, day)
            assert reference.href.startswith(("https://", "README.md#")), (name, day)
            on_day = parameter.on(day)
            assert (on_day.reference, on_day.href) == (reference.title, reference.href)


def test_a_value_without_a_source_is_refused(tmp_path: Path) -> None:
    spec = _spec("count", {date(2018, 1, 1): 8})
    del spec["values"][date(2018, 1, 1)]["reference"]
    _write_rules(tmp_path, "a.yaml", {"x.count": spec})
    with pytest.raises(params.ParameterError, match="bron"):
        params.load_parameters(tmp_path)


def test_every_parameter_but_the_yearly_window_holds_from_the_first_day() -> None:
    """Estimates before a parameter's first date would fail; only the window may be missing."""
    first = params.first_day()
    missing = [
        name for name, parameter in params.load_parameters().items() if parameter.dates[0] > first
    ]
    assert missing == ["general.submission_window"]


def test_the_shipped_values_are_those_of_the_fund_text() -> None:
    """The figures of ../shared/seeds/001 (Subsidievoorwaarden, Stappenplan) as of 2019."""
    day = date(2019, 6, 1)

    def v(name: str) -> Any:
        return params.value(name, day)

    for scheme in ("impuls", "innovatief"):
        assert v(f"{scheme}.internal_share") == Fraction(1, 2)
        assert v(f"{scheme}.external_share") == Fraction(1, 3)
    assert (v("impuls.minimum"), v("impuls.maximum")) == (Decimal(500), Decimal(15000))
    assert (v("innovatief.minimum"), v("innovatief.maximum")) == (Decimal(3750), Decimal(50000))
    assert (v("impuls.max_duration_months"), v("innovatief.max_duration_months")) == (7, 14)
    assert v("impuls.application_window_days") == 8 * 7
    assert v("innovatief.application_window_days") == 4 * 7
    assert v("innovatief.declaration_window_days") == 8 * 7
    assert list(v("innovatief.interim_report_months")) == [3, 7, 11]
    assert v("impuls.min_participants") == 8
    assert v("innovatief.min_partner_gemeenten") == 2
    assert v("general.min_share_gemeenten") == 75
    assert v("general.upload_limit_mb") == 10
    window = v("general.submission_window")
    assert (window["opens"], window["closes"], window["closes_at"]) == (
        date(2019, 1, 2),
        date(2019, 12, 13),
        "16:00",
    )
    assert [t["number"] for t in v("general.themes")] == [1, 2, 3, 4, 5, 6]
    assert len(v("general.organisation_types")) == 6


def test_a_new_dated_value_changes_the_estimate_from_its_date(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A new year of rules is data: a 2027 maximum in a copy of the rules, no code change."""
    for path in params.RULES_DIR.glob("*.yaml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if "impuls.maximum" in data:
            data["impuls.maximum"]["values"][date(2027, 1, 1)] = _dated("20000.00")
        if "general.rule_set" in data:  # the new year's rules are known from their date on
            data["general.rule_set"]["values"][date(2027, 1, 1)] = _dated(
                {"status": "known", "until": None, "name": "de regels van 2027"}
            )
        _write_rules(tmp_path, path.name, data)
    real = params.load_parameters
    monkeypatch.setattr(params, "load_parameters", lambda rules_dir=tmp_path: real(rules_dir))

    def capped(submitted: date) -> Decimal:
        application = Application(
            scheme=Scheme.IMPULS,
            project_start=date(submitted.year - 1, 6, 1),
            project_end=date(submitted.year - 1, 11, 30),
            submitted_on=submitted,
            external_costs=[ExternalCost(amount_ex_vat=Decimal("90000.00"))],
        )
        return estimate(application).calculation.subsidy

    assert capped(date(2026, 12, 31)) == Decimal("15000.00")
    assert capped(date(2027, 1, 4)) == Decimal("20000.00")
