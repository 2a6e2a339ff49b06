"""A person in Debian's chromium: an Impuls and an Innovatief application, Start to Resultaat.

The test clicks and types as a person would (radios, text fields, the date fields, and the
fields of each cost line: "Externe kostenregel toevoegen", the amount typed the Dutch way, the
select boxes for scale and step, the project-leader choice) and after every cost change reads
the live estimate in the sidebar and the messages under the lines. The expected figure is what
the core says about the answers typed so far (mirrored in an `Answers`, see
tests/browser_forms.py), never a number written into the test, except the fund's own worked
example at the end.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from aeno_core.formatting import money
from aeno_core.models import NewFor, OrganisationType, ProjectStatus, Scheme
from tests.browser_forms import EXTERNAL, INTERNAL, Person, plain

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


@pytest.fixture
def person(page: Any, streamlit_server: str) -> Callable[[], Person]:
    def make() -> Person:
        return Person(page, streamlit_server, date.today())

    return make


def _organisation(p: Person) -> None:
    p.next("Organisatie")
    p.choose("Wat voor organisatie vraagt de subsidie aan?", "Gemeente")
    p.choose("Past uw organisatie de CAR-UWO toe (de cao van gemeenteambtenaren)?", "Ja")
    p.choose("Is de aanvrager een samenwerkingsverband?", "Nee")
    p.choose("Wordt de aanvraag gedaan door of via een extern bureau?", "Nee")
    org = p.answers.organisation
    org.type, org.applies_car_uwo, org.collaboration, org.via_external_bureau = (
        OrganisationType.GEMEENTE,
        True,
        False,
        False,
    )
    p.check()


def test_impuls_application_from_start_to_resultaat(person: Callable[[], Person]) -> None:
    p = person()
    p.start()
    _organisation(p)

    p.next("Project")
    p.type_into("Titel van het project", "Foutenfestival")
    p.choose(
        "Bij welk thema van de innovatieagenda sluit het project aan?", "5. Moedige mislukkingen"
    )
    p.choose("Voor wie is het project nieuw?", "Nieuw voor onze gemeente")
    p.choose("Hoe staat het project ervoor op de dag dat u indient?", "Afgerond")
    p.date("Startdatum van het project", date(2018, 2, 1))
    p.date("Einddatum van het project", date(2018, 8, 31))
    p.date("Wanneer dient u in?", date(2018, 10, 1))
    p.type_into("Hoeveel deelnemers heeft de kleinste training of workshop?", "20")
    a = p.answers
    a.project.title, a.project.theme = "Foutenfestival", 5
    a.project.new_for, a.project.status = NewFor.GEMEENTE, ProjectStatus.FINISHED
    a.project_start, a.project_end, a.submitted_on = (
        date(2018, 2, 1),
        date(2018, 8, 31),
        date(2018, 10, 1),
    )
    a.project.participants_per_training = 20
    p.check()

    p.next("Regeling")
    p.choose("Met welke regeling wilt u verder?", "Impulsregeling (advies)")
    a.scheme, a.scheme_confirmed = Scheme.IMPULS, True

    p.next("Kosten en uren")
    i = p.add(EXTERNAL)
    p.type(EXTERNAL, i, "description", "Uitzendorganisatie, post Foutenfestival")
    p.type(EXTERNAL, i, "amount_ex_vat", "15.000")  # fifteen thousand the Dutch way, not 15
    reading = p.page.locator(".st-key-sw-line-external_costs-0 .sw-reading").inner_text()
    assert plain(reading) == "Gelezen als € 15.000,00"
    i = p.add(EXTERNAL)
    p.type(EXTERNAL, i, "description", "Trainingsbureau")
    p.type(EXTERNAL, i, "amount_ex_vat", "7.500,00")

    i = p.add(INTERNAL)
    p.type(INTERNAL, i, "role", "Projectleider")
    p.leader(i)
    p.pick(i, "scale", 10)
    p.pick(i, "step", 6)
    p.type(INTERNAL, i, "hours", "244")
    p.type(INTERNAL, i, "hourly_rate", "33,30")
    i = p.add(INTERNAL)
    p.type(INTERNAL, i, "role", "Teamleider")
    p.pick(i, "scale", 11)
    p.pick(i, "step", 11)
    p.type(INTERNAL, i, "hours", "24")
    assert p.page.get_by_text("Alleen de projectleider telt mee.").is_visible()
    final = p.shown()[1]
    assert final == plain(money(Decimal("11562.60")))  # the fund's own worked example

    p.next("Overzicht")
    assert p.page.get_by_role("heading", name="Bevindingen").is_visible()
    p.next("Resultaat")
    amount = plain(p.page.get_by_test_id("sw-result-amount").inner_text())
    assert amount == final


def test_innovatief_application_from_start_to_resultaat(person: Callable[[], Person]) -> None:
    p = person()
    p.start()
    _organisation(p)

    p.next("Project")
    p.type_into("Titel van het project", "Datalab samen met de regio")
    p.choose(
        "Bij welk thema van de innovatieagenda sluit het project aan?",
        "6. Dienstverlening en digitalisering",
    )
    p.choose("Voor wie is het project nieuw?", "Nieuw voor alle gemeenten (de sector)")
    p.choose("Hoe staat het project ervoor op de dag dat u indient?", "Nog niet begonnen")
    p.date("Startdatum van het project", date(2019, 2, 1))
    p.date("Einddatum van het project", date(2020, 3, 31))
    p.date("Wanneer dient u in?", date(2019, 1, 31))
    p.type_into("Hoeveel andere gemeenten doen mee?", "3")
    p.date("Datum van de interne opdracht of de getekende offerte", date(2019, 1, 10))
    a = p.answers
    a.project.title, a.project.theme = "Datalab samen met de regio", 6
    a.project.new_for, a.project.status = NewFor.SECTOR, ProjectStatus.PLANNED
    a.project_start, a.project_end, a.submitted_on = (
        date(2019, 2, 1),
        date(2020, 3, 31),
        date(2019, 1, 31),
    )
    a.project.partner_gemeenten = 3
    a.project.internal_assignment_date = date(2019, 1, 10)
    p.check()

    p.next("Regeling")
    p.choose("Met welke regeling wilt u verder?", "Innovatieve Projectenregeling (advies)")
    a.scheme, a.scheme_confirmed = Scheme.INNOVATIEF, True

    p.next("Kosten en uren")
    i = p.add(EXTERNAL)
    p.type(EXTERNAL, i, "description", "Begeleiding experimenten")
    p.type(EXTERNAL, i, "amount_ex_vat", "21.000")
    i = p.add(INTERNAL)
    p.type(INTERNAL, i, "role", "Projectleider")
    p.leader(i)
    p.pick(i, "scale", 11)
    p.pick(i, "step", 4)
    p.type(INTERNAL, i, "hours", "300")
    p.type(INTERNAL, i, "hourly_rate", "37,80")
    final = p.shown()[1]
    assert final == plain(money(Decimal("12670.00")))  # shared case 15, same answers

    p.next("Overzicht")
    p.next("Resultaat")
    assert plain(p.page.get_by_test_id("sw-result-amount").inner_text()) == final
    with p.page.expect_download() as download:
        p.page.get_by_role("button", name=re.compile("Download de checklist")).click()
    path = download.value.path()
    assert path is not None
    with open(path, "rb") as handle:
        assert handle.read(5) == b"%PDF-"
