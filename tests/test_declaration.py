"""A declaratie as its own journey: the aanvraag read in, granted beside realised, its own steps."""

from __future__ import annotations

import html
from collections.abc import Callable
from datetime import date
from decimal import Decimal

from streamlit.testing.v1 import AppTest

from aeno_core.answers import Answers, evaluate
from aeno_core.declaration import compare, declaratie_from
from aeno_core.examples import example
from aeno_core.export import export_document
from aeno_core.formatting import money
from aeno_core.models import Phase

EXAMPLE = "innovatief_leerlab_digitale_balie"


def aanvraag() -> Answers:
    return Answers.from_application(example(EXAMPLE).application)


def test_a_declaratie_from_an_aanvraag_keeps_its_lines_and_takes_its_amount() -> None:
    source = aanvraag()
    granted = evaluate(source).estimate
    assert granted is not None
    declaratie = declaratie_from(source)
    assert declaratie.phase is Phase.DECLARATIE
    assert declaratie.external_costs == source.external_costs
    declaratie.submitted_on = date(2020, 11, 20)
    result = evaluate(declaratie).estimate
    assert result is not None
    compared = compare(result)
    assert compared.provisional == granted.calculation.subsidy
    assert compared.granted_total == granted.calculation.before_limits
    assert [line.difference for line in compared.lines] == [Decimal("0.00")] * len(compared.lines)


def test_a_declaratie_shows_only_its_own_steps_and_deadlines() -> None:
    declaratie = declaratie_from(aanvraag())
    declaratie.submitted_on = date(2020, 11, 20)
    result = evaluate(declaratie).estimate
    assert result is not None
    assert [step.title for step in result.checklist.steps] == ["Declaratie indienen"]
    assert {item.code for item in result.deadlines.items} <= {"declaration_by", "closing_date"}
    assert result.deadlines.declaration_by is not None  # the structured field stays
    steps = evaluate(aanvraag()).estimate
    assert steps is not None and len(steps.checklist.steps) == 4


def test_a_declaratie_before_the_end_of_the_project_is_a_problem() -> None:
    declaratie = declaratie_from(aanvraag())
    assert declaratie.project_end is not None
    declaratie.submitted_on = declaratie.project_end
    result = evaluate(declaratie).estimate
    assert result is not None
    window = next(f for f in result.findings if f.code == "declaration_window")
    assert window.verdict.value == "problem"
    assert "na het einde van het project" in window.message


def test_the_aanvraag_is_read_in_on_project_and_resultaat_shows_granted_beside_realised(
    new_app: Callable[[], AppTest],
) -> None:
    exported = export_document(aanvraag())
    app = new_app()
    app.switch_page("pages/project.py").run()
    app.radio(key="w.phase").set_value(Phase.DECLARATIE).run()
    app.file_uploader[0].upload("aanvraag.json", exported, "application/json").run()
    assert not app.exception, [e.value for e in app.exception]
    assert any("is ingelezen" in s.value for s in app.success), [s.value for s in app.success]
    answers = app.session_state["subsidiewijzer"].answers
    assert answers.granted_lines and answers.external_costs
    app.date_input(key="w.submitted_on").set_value(date(2020, 11, 20)).run()
    app.switch_page("pages/resultaat.py").run()
    assert not app.exception, [e.value for e in app.exception]
    text = html.unescape("\n".join(m.value for m in app.markdown))
    assert "<h2>Toegekend en gerealiseerd</h2>" in text, (text, app.warning)
    granted = evaluate(aanvraag()).estimate
    assert granted is not None
    assert money(granted.calculation.subsidy) in text
    assert "Stap 1. Declaratie indienen" in text
    assert "Aanvraag uiterlijk indienen" not in text


def test_a_hostile_file_as_aanvraag_changes_nothing(new_app: Callable[[], AppTest]) -> None:
    app = new_app()
    app.switch_page("pages/project.py").run()
    app.radio(key="w.phase").set_value(Phase.DECLARATIE).run()
    before = app.session_state["subsidiewijzer"].answers.model_copy(deep=True)
    app.file_uploader[0].upload("x.json", b"\x00\xff not json", "application/json").run()
    assert not app.exception
    assert any("niet ingelezen" in e.value for e in app.error), [e.value for e in app.error]
    assert app.session_state["subsidiewijzer"].answers == before


def test_the_pdf_of_a_declaratie_sets_granted_beside_realised_and_only_its_own_step() -> None:
    import io

    from pypdf import PdfReader

    from aeno_core.pdf import build_pdf

    declaratie = declaratie_from(aanvraag())
    declaratie.submitted_on = date(2020, 11, 20)
    declaratie.external_costs[0].amount_ex_vat = "30.000"
    result = evaluate(declaratie).estimate
    assert result is not None
    text = " ".join(
        " ".join((page.extract_text() or "").split())
        for page in PdfReader(io.BytesIO(build_pdf(result))).pages
    )
    assert "Toegekend en gerealiseerd" in text
    compared = compare(result)
    assert compared.granted_total is not None
    assert (
        money(compared.granted_total) in text.replace(" ", "\xa0")
        or money(compared.granted_total).replace("\xa0", " ") in text
    )
    assert "Declaratie indienen" in text
    assert "Aanvraag indienen" not in text
