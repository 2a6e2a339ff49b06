"""Organisatie: who applies. A problem shows at once, with the reason and the fund's words."""

from aeno_core.vocabulary import organisation_labels
from ui import widgets as w
from ui.state import get_state

state = get_state()
org = state.answers.organisation
w.page_intro(
    "organisatie",
    "Het fonds geeft subsidie aan gemeenten en een paar soorten gemeentelijke organisaties."
    " Beantwoord de vragen hieronder; als iets een probleem is, ziet u dat meteen.",
)

w.text(
    "Naam van de organisatie",
    "organisation.name",
    placeholder="bijvoorbeeld Gemeente Voorbeeld",
    help="Staat op de samenvatting (PDF), in de export en in de projectenmap van HR.",
)
w.text(
    "Contactpersoon voor het fonds (niet verplicht)",
    "organisation.contact",
    placeholder="bijvoorbeeld afdeling HR, 020 123 45 67",
    help="Een afdeling, functie of naam: wie vragen van het fonds beantwoordt.",
)

labels = organisation_labels(state.answers.rules_date())
w.radio(
    "Wat voor organisatie vraagt de subsidie aan?",
    "organisation.type",
    list(labels),
    lambda value: labels[value],
)
if org.type is not None:
    w.findings_for(["organisation_type"])

w.yes_no(
    "Past uw organisatie de CAR-UWO toe (de cao van gemeenteambtenaren)?",
    "organisation.applies_car_uwo",
    help="Sinds 2020 heet dit de Cao Gemeenten. Vraag het zo nodig aan uw afdeling HR.",
)
if org.applies_car_uwo is not None:
    w.findings_for(["car_uwo"])

w.yes_no("Is de aanvrager een samenwerkingsverband?", "organisation.collaboration")
if org.collaboration:
    w.text(
        "Welk deel van het samenwerkingsverband bestaat uit gemeenten (in procenten)?",
        "organisation.share_gemeenten",
        placeholder="bijvoorbeeld 80",
        max_chars=12,
    )
if org.collaboration is not None:
    w.findings_for(["share_gemeenten"], show_ok=bool(org.collaboration))

w.yes_no(
    "Wordt de aanvraag gedaan door of via een extern bureau?",
    "organisation.via_external_bureau",
    help="Bijvoorbeeld een adviesbureau dat de aanvraag voor u indient.",
)
if org.via_external_bureau is not None:
    w.findings_for(["external_bureau"])

w.whole_number(
    "Grens die het fonds u gaf: aanvragen per jaar voor deze regeling (als u die weet)",
    "organisation.application_limit",
    max_value=1000,
    help="Het fonds begrenst per organisatie het aantal aanvragen of het bedrag per jaar,"
    " naar het aantal fte. Die tabel is niet openbaar; vraag het fonds naar uw grens.",
)
w.whole_number(
    "Hoeveel aanvragen voor deze regeling deed uw organisatie dit jaar al?",
    "organisation.applications_this_year",
    max_value=1000,
    help="Tel deze aanvraag niet mee.",
)
w.findings_for(["application_limit"])

w.page_footer("organisatie")
