"""Scheme advice: both schemes judged on the same answers, side by side, with reasons."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from aeno_core.advice import SCHEME_LABELS, advise
from aeno_core.estimate import with_scheme
from aeno_core.models import Application, Phase, Scheme

TODAY = date(2026, 11, 25)


def _app(scheme: str = "impuls", **project: Any) -> Application:
    return Application.model_validate(
        {
            "scheme": scheme,
            "project_start": "2019-02-01",
            "project_end": "2019-06-30",
            "submitted_on": "2019-07-15",
            "external_costs": [{"amount_ex_vat": "15000.00"}],
            "project": {"theme": 3, **project},
        }
    )


def test_both_schemes_are_judged_side_by_side_with_their_own_estimate() -> None:
    advice = advise(_app(new_for="gemeente", status="finished"), TODAY)
    assert [o.scheme for o in advice.options] == [Scheme.IMPULS, Scheme.INNOVATIEF]
    assert [o.label for o in advice.options] == [SCHEME_LABELS[s] for s in Scheme]
    impuls, innovatief = advice.options
    # 1/3 x 15.000 = 5.000 under both: above the Impuls minimum and the Innovatief minimum.
    assert impuls.estimate.calculation.subsidy == Decimal("5000.00")
    assert innovatief.estimate.calculation.subsidy == Decimal("5000.00")
    assert innovatief.estimate.calculation.scheme is Scheme.INNOVATIEF


def test_a_finished_project_new_for_the_gemeente_fits_impuls() -> None:
    advice = advise(_app(new_for="gemeente", status="finished"), TODAY)
    assert advice.recommended is Scheme.IMPULS
    assert advice.option(Scheme.IMPULS).fits and not advice.option(Scheme.INNOVATIEF).fits
    reasons = " ".join(advice.option(Scheme.INNOVATIEF).reasons)
    assert "nieuw zijn voor de" in reasons and "vóór de start" in reasons
    assert "Impulsregeling" in advice.summary


def test_a_planned_project_new_for_the_sector_fits_innovatief_even_when_asked_as_impuls() -> None:
    advice = advise(
        _app(
            new_for="sector",
            status="planned",
            partner_gemeenten=3,
            internal_assignment_date="2019-07-01",
        ),
        TODAY,
    )
    assert advice.recommended is Scheme.INNOVATIEF
    assert advice.option(Scheme.IMPULS).reasons == [
        "Een impulssubsidie vraagt u aan nadat het project is afgerond."
    ]


def test_when_neither_fits_the_one_with_fewest_objections_is_named() -> None:
    advice = advise(_app(new_for="none", status="running"), TODAY)
    assert not any(option.fits for option in advice.options)
    fewest = min(len(o.reasons) for o in advice.options)
    assert len(advice.option(advice.recommended).reasons) == fewest
    assert "Geen van beide" in advice.summary


def test_when_both_fit_the_chosen_scheme_stays_recommended() -> None:
    # No answers that differ between the schemes: nothing scheme-specific stands in the way.
    app = Application.model_validate(
        {"scheme": "innovatief", "project_start": "2019-02-01", "project_end": "2019-06-30"}
    )
    advice = advise(app, TODAY)
    assert all(option.fits for option in advice.options)
    assert advice.recommended is Scheme.INNOVATIEF
    assert "Beide" in advice.summary


def test_the_other_scheme_is_an_aanvraag_and_keeps_unset_answers_unset() -> None:
    declaratie = Application.model_validate(
        {
            "scheme": "innovatief",
            "phase": "declaratie",
            "provisional_subsidy": "9000.00",
            "project_start": "2019-02-01",
            "project_end": "2019-06-30",
            "project": {"title": "x"},
        }
    )
    as_impuls = with_scheme(declaratie, Scheme.IMPULS)
    assert (as_impuls.scheme, as_impuls.phase, as_impuls.provisional_subsidy) == (
        Scheme.IMPULS,
        Phase.AANVRAAG,
        None,
    )
    assert as_impuls.project is not None
    assert "theme" not in as_impuls.project.model_fields_set
    advice = advise(declaratie, TODAY)
    assert advice.option(Scheme.INNOVATIEF).estimate.application is declaratie


def test_a_scheme_whose_minimum_the_costs_do_not_reach_does_not_fit() -> None:
    # 1/3 of 9.000 = 3.000: enough for Impuls (min 500), below Innovatief's minimum of 3.750.
    app = Application.model_validate(
        {
            "scheme": "impuls",
            "project_start": "2019-02-01",
            "project_end": "2019-06-30",
            "external_costs": [{"description": "Workshops", "amount_ex_vat": "9000.00"}],
        }
    )
    advice = advise(app, TODAY)
    innovatief = advice.option(Scheme.INNOVATIEF)
    assert not innovatief.fits
    assert any("minimumsubsidie" in reason for reason in innovatief.reasons)
    assert advice.option(Scheme.IMPULS).fits
    assert advice.recommended is Scheme.IMPULS
