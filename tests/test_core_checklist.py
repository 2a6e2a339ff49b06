"""The checklist: documents for the scheme and phase, filtered by the costs given; the steps."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from aeno_core.checklist import build_checklist
from aeno_core.models import Application
from aeno_core.parameters import parameter

DAY = date(2019, 6, 1)
EXTERNAL = [{"amount_ex_vat": "3000.00"}]
INTERNAL = [{"project_leader": True, "scale": 10, "step": 6, "hours": 10}]


def _app(scheme: str, phase: str = "aanvraag", **fields: Any) -> Application:
    return Application.model_validate(
        {
            "scheme": scheme,
            "phase": phase,
            "project_start": "2019-02-01",
            "project_end": "2019-06-30",
            **fields,
        }
    )


def _listed(scheme: str, phase: str) -> list[dict[str, str]]:
    docs: list[dict[str, str]] = parameter(f"{scheme}.documents.{phase}", DAY).value
    return docs


@pytest.mark.parametrize(
    ("scheme", "phase"),
    [("impuls", "aanvraag"), ("innovatief", "aanvraag"), ("innovatief", "declaratie")],
)
@pytest.mark.parametrize(
    ("costs", "kinds"),
    [
        ({}, {"always"}),
        ({"external_costs": EXTERNAL}, {"always", "external"}),
        ({"internal_staff": INTERNAL}, {"always", "internal"}),
        (
            {"external_costs": EXTERNAL, "internal_staff": INTERNAL},
            {"always", "external", "internal"},
        ),
    ],
    ids=["no_costs", "external_only", "internal_only", "both"],
)
def test_documents_follow_the_scheme_the_phase_and_the_costs(
    scheme: str, phase: str, costs: dict[str, Any], kinds: set[str]
) -> None:
    checklist = build_checklist(_app(scheme, phase, **costs), DAY)
    expected = [doc["text"] for doc in _listed(scheme, phase) if doc["when"] in kinds]
    assert checklist.documents == expected
    assert checklist.documents_source


def test_the_document_lists_hold_what_the_fund_asks_for() -> None:
    impuls = " ".join(doc["text"] for doc in _listed("impuls", "aanvraag"))
    for word in (
        "Offertes",
        "Facturen",
        "Prestatieverklaring",
        "Tijdregistratie",
        "Salarisstroken",
    ):
        assert word in impuls
    aanvraag = " ".join(doc["text"] for doc in _listed("innovatief", "aanvraag"))
    assert "Inschatting van de uren" in aanvraag and "Facturen" not in aanvraag
    declaratie = " ".join(doc["text"] for doc in _listed("innovatief", "declaratie"))
    assert "Facturen" in declaratie and "Tijdregistratie" in declaratie


def test_the_steps_are_the_stappenplan_of_the_scheme() -> None:
    impuls = build_checklist(_app("impuls"), DAY)
    innovatief = build_checklist(_app("innovatief"), DAY)
    assert [s.title for s in impuls.steps] == ["Voorbereiding", "Aanvraag indienen"]
    assert [s.title for s in innovatief.steps] == [
        "Voorbereiding",
        "Aanvraag indienen",
        "Contact houden",
        "Declaratie indienen",
    ]
    assert all(step.tasks for step in impuls.steps + innovatief.steps)
    assert any("inlogbeheerder" in task for task in impuls.steps[1].tasks)
    assert any("10 MB" in task for task in impuls.steps[1].tasks)


def test_only_innovatief_lists_what_the_reports_must_contain() -> None:
    assert build_checklist(_app("impuls"), DAY).report_contents == []
    contents = build_checklist(_app("innovatief"), DAY).report_contents
    assert any("succes- en faalfactoren" in line for line in contents)


@pytest.mark.parametrize(
    "external",
    [
        [{"amount_ex_vat": "0.00"}],
        [{"amount_ex_vat": "2500.00", "staff_development": False}],
        [{"amount_ex_vat": "0.00"}, {"amount_ex_vat": "900.00", "staff_development": False}],
    ],
    ids=["zero", "not_staff_development", "both"],
)
@pytest.mark.parametrize(
    ("scheme", "phase"), [("impuls", "aanvraag"), ("innovatief", "declaratie")]
)
def test_no_quotes_invoices_or_prestatieverklaring_without_an_external_line_that_counts(
    scheme: str, phase: str, external: list[dict[str, Any]]
) -> None:
    checklist = build_checklist(_app(scheme, phase, external_costs=external), DAY)
    text = " ".join(checklist.documents)
    for word in ("Offertes", "offertes", "Facturen", "Prestatieverklaring"):
        assert word not in text
    counting = build_checklist(
        _app(scheme, phase, external_costs=[*external, {"amount_ex_vat": "0.01"}]), DAY
    )
    assert "Facturen" in " ".join(counting.documents)
