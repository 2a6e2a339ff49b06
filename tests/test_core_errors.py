"""Validation errors in Dutch, each naming its field, for the pages, imports and the CLI."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from aeno_core.errors import FieldError, dutch_errors
from aeno_core.models import Application


def _base(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "scheme": "impuls",
        "project_start": "2019-02-01",
        "project_end": "2019-06-30",
        "internal_staff": [{"role": "projectleider", "scale": 10, "step": 6, "hours": 40}],
    }
    data.update(changes)
    return data


def _errors(data: dict[str, Any]) -> list[FieldError]:
    with pytest.raises(ValidationError) as refused:
        Application.model_validate(data)
    return dutch_errors(refused.value)


def _only(data: dict[str, Any]) -> FieldError:
    errors = _errors(data)
    assert len(errors) == 1, errors
    return errors[0]


def test_a_missing_field_is_named_with_its_dutch_label() -> None:
    data = _base()
    del data["project_start"]
    error = _only(data)
    assert (error.path, error.field, error.message) == (
        "project_start",
        "startdatum project",
        "dit veld ontbreekt",
    )


def test_an_unknown_field_is_refused_by_name() -> None:
    error = _only(_base(projectleider="Jan"))
    assert (error.path, error.message) == ("projectleider", "onbekend veld")


def test_negative_hours_name_the_line_and_the_field() -> None:
    error = _only(_base(internal_staff=[{"scale": 10, "step": 6, "hours": -40}]))
    assert error.path == "internal_staff.0.hours"
    assert error.field == "uren"
    assert error.message == "mag niet kleiner zijn dan 0"
    assert str(error) == "internal_staff.0.hours: mag niet kleiner zijn dan 0"


def test_an_unknown_scheme_lists_the_choices_in_dutch() -> None:
    error = _only(_base(scheme="talent"))
    assert error.field == "regeling"
    assert error.message == "kies een van: 'impuls' of 'innovatief'"


def test_amounts_with_three_decimals_and_texts_instead_of_numbers() -> None:
    three = _only(_base(external_costs=[{"amount_ex_vat": "10.005"}]))
    assert (three.path, three.message) == (
        "external_costs.0.amount_ex_vat",
        "gebruik hoogstens 2 decimalen",
    )
    text = _only(_base(external_costs=[{"amount_ex_vat": "veel"}]))
    assert text.message == "vul een getal in, bijvoorbeeld 1234,50"


def test_dates_must_be_real_and_plausible() -> None:
    assert _only(_base(project_end="2019-13-01")).message == "vul een datum in als JJJJ-MM-DD"
    late = _only(_base(project_end="2199-01-01"))
    assert late.message == "deze datum mag niet na 31 december 2099 liggen"
    early = _only(_base(project_start="1999-12-31"))
    assert early.message == "deze datum mag niet vóór 1 januari 2000 liggen"


@pytest.mark.parametrize(
    ("changes", "path", "words"),
    [
        ({"project_end": "2019-01-31"}, "project_end", "einddatum ligt vóór de startdatum"),
        ({"phase": "declaratie"}, "phase", "alleen bij de Innovatieve Projectenregeling"),
        (
            {
                "internal_staff": [
                    {"project_leader": True, "scale": 10, "step": 6, "hours": 1},
                    {"project_leader": True, "scale": 10, "step": 6, "hours": 1},
                ]
            },
            "internal_staff",
            "maar één projectleider",
        ),
    ],
    ids=["end_before_start", "impuls_declaratie", "two_project_leaders"],
)
def test_combinations_the_rules_exclude_name_their_field(
    changes: dict[str, Any], path: str, words: str
) -> None:
    error = _only(_base(**changes))
    assert error.path == path
    assert words in error.message
    assert not error.message.startswith(path)


@pytest.mark.parametrize(
    "changes",
    [
        {"scheme": None},
        {"scheme": 3},
        {"project_start": 20190201},
        {"submitted_on": "gisteren"},
        {"external_costs": "veel"},
        {"external_costs": [{"amount_ex_vat": None}]},
        {"external_costs": [{"amount_ex_vat": "NaN"}]},
        {"external_costs": [{"amount_ex_vat": "1e400"}]},
        {"external_costs": [{"amount_ex_vat": "99999999999.00"}]},
        {"provisional_subsidy": "1234567890123"},
        {"project_start": "2019-02-01T10:30:00"},
        {"external_costs": [{"amount_ex_vat": "1", "staff_development": "misschien"}]},
        {"internal_staff": [{"scale": "tien", "step": 6, "hours": 1}]},
        {"internal_staff": [{"scale": 10.5, "step": 6, "hours": 1}]},
        {"internal_staff": [{"scale": 10, "step": 6, "hours": 1, "hourly_rate": 0}]},
        {"organisation": "gemeente"},
        {"organisation": {"type": "provincie"}},
        {"project": {"theme": 7}},
        {"project": {"title": "x" * 500}},
        {"external_costs": [{"amount_ex_vat": "1"}] * 201},
    ],
)
def test_common_mistakes_get_a_dutch_message_never_pydantics_english(
    changes: dict[str, Any],
) -> None:
    for error in _errors(_base(**changes)):
        assert error.path and error.message
        assert "Input should" not in error.message, error
        assert "ongeldige waarde" not in error.message, error
