"""Who asks (issue 16): the organisation's name and contact, the projectleider's name and e-mail.

They are people's data, not rule inputs: they never reach the core model, an older draft
without them still opens, and they appear in the PDF, the export and HR's map.
"""

from __future__ import annotations

import io
import json
from datetime import UTC, date, datetime

from openpyxl import load_workbook
from pypdf import PdfReader

from aeno_core.answers import ANSWERS_VERSION, Answers, email_hint, evaluate
from aeno_core.examples import examples
from aeno_core.export import export_document, import_document
from aeno_core.overview import ProjectMap, overview_json, summarise
from aeno_core.overview_files import COLUMNS, build_csv, build_workbook
from aeno_core.overview_pdf import build_overview_pdf
from aeno_core.pdf import build_pdf

TODAY = date(2019, 3, 1)


def named() -> Answers:
    answers = Answers.from_application(examples()["foutenfestival"].application)
    answers.organisation.name = "Gemeente Voorbeeld"
    answers.organisation.contact = "Afdeling HR, 020 123 45 67"
    answers.project.leader_name = "Fatima el Amrani"
    answers.project.leader_email = "f.elamrani@voorbeeld.nl"
    return answers


def pdf_text(data: bytes) -> str:
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_names_stay_out_of_the_rules_and_change_no_estimate() -> None:
    answers = named()
    application, errors = answers.to_application()
    assert errors == [] and application is not None
    assert "leader_name" not in application.project.model_dump()  # type: ignore[union-attr]
    plain = Answers.from_application(examples()["foutenfestival"].application)
    with_names = evaluate(answers, TODAY).estimate
    without = evaluate(plain, TODAY).estimate
    assert with_names is not None and without is not None
    assert with_names.calculation == without.calculation
    assert with_names.contacts.leader_email == "f.elamrani@voorbeeld.nl"


def test_an_older_draft_without_names_opens_with_empty_names() -> None:
    stored = named().model_dump(mode="json")
    for part, keys in (("organisation", ("name", "contact")), ("project", ("leader_name",))):
        for key in keys:
            del stored[part][key]
    answers = Answers.model_validate(stored)
    assert answers.version == ANSWERS_VERSION
    assert answers.organisation.name == "" and answers.project.leader_name == ""


def test_the_names_are_in_the_pdf_the_export_and_the_map() -> None:
    answers = named()
    result = evaluate(answers, TODAY).estimate
    assert result is not None
    text = pdf_text(build_pdf(result, created=datetime(2019, 3, 1, tzinfo=UTC)))
    for expected in ("Gemeente Voorbeeld", "Afdeling HR", "Fatima el Amrani", "voorbeeld.nl"):
        assert expected in text, expected
    exported = json.loads(export_document(answers))
    assert exported["answers"]["project"]["leader_name"] == "Fatima el Amrani"
    assert import_document(export_document(answers)).answers == answers

    project_map = ProjectMap()
    project_map.add(answers)
    overview = summarise(project_map, TODAY)
    assert overview.organisation == "Gemeente Voorbeeld"  # HR gave the map no name
    assert overview_json(overview)["projects"][0]["project_leader"] == (
        "Fatima el Amrani, f.elamrani@voorbeeld.nl"
    )
    book = load_workbook(io.BytesIO(build_workbook(overview)))
    header = [c.value for c in book["Projecten"][1]]
    column = header.index("Projectleider")
    assert book["Projecten"].cell(row=2, column=column + 1).value == (
        "Fatima el Amrani, f.elamrani@voorbeeld.nl"
    )
    facts = {r[0].value: r[1].value for r in book.worksheets[2].iter_rows(max_row=12)}
    assert facts["Organisatie"] == "Gemeente Voorbeeld"
    assert facts["E-mail projectleider"] == "f.elamrani@voorbeeld.nl"
    assert len(header) == len(COLUMNS)
    assert "Fatima el Amrani" in build_csv(overview).decode("utf-8-sig")
    summary = pdf_text(build_overview_pdf(overview, created=datetime(2019, 3, 1, tzinfo=UTC)))
    assert "Gemeente Voorbeeld" in summary and "Fatima el Amrani" in summary


def test_an_address_that_is_no_address_gets_a_hint_not_an_error() -> None:
    assert email_hint("") is None
    assert email_hint("naam@gemeente.nl") is None
    assert email_hint("naam bij gemeente") is not None
    answers = named()
    answers.project.leader_email = "geen adres"
    assert evaluate(answers, TODAY).estimate is not None
