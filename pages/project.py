"""Project: what it is about, where it stands, its dates, and aanvraag or declaratie."""

import streamlit as st

from aeno_core.answers import THEME_NONE, email_hint
from aeno_core.models import NewFor, Phase, ProjectStatus
from aeno_core.parameters import parameter
from aeno_core.vocabulary import NEW_FOR_LABELS, NO_THEME, STATUS_LABELS, theme_labels
from ui import declaration
from ui import widgets as w
from ui.drafts.store import retention_text
from ui.state import get_state

state = get_state()
answers = state.answers
declaratie = answers.phase is Phase.DECLARATIE
w.page_intro(
    "project",
    "Vertel kort waar het project over gaat en hoe het ervoor staat. Wat u nog niet weet,"
    " laat u leeg: de wizard zegt dan wat u nog moet controleren.",
)

w.radio(
    "Wat wilt u doen?",
    "phase",
    [Phase.AANVRAAG, Phase.DECLARATIE],
    lambda phase: {
        Phase.AANVRAAG: "Subsidie aanvragen",
        Phase.DECLARATIE: "Declareren na afloop (Innovatieve Projectenregeling)",
    }[phase],
    captions=[
        "Een nieuwe aanvraag, voor de Impulsregeling of de Innovatieve Projectenregeling.",
        "U kreeg een voorlopige beschikking en declareert nu de werkelijke kosten.",
    ],
)
if declaratie:
    w.text(
        "Voorlopige subsidie uit de beschikking (in euro)",
        "provisional_subsidy",
        placeholder="bijvoorbeeld 15.265,00",
        max_chars=20,
        help="Het bedrag uit de voorlopige beschikking is het maximum voor de declaratie.",
    )
    declaration.aanvraag_upload()

st.header("Het project")
w.text("Titel van het project", "project.title", placeholder="bijvoorbeeld Foutenfestival")
leader_col, email_col = st.columns(2)
with leader_col:
    w.text("Naam van de projectleider (niet verplicht)", "project.leader_name", max_chars=120)
with email_col:
    w.text(
        "E-mailadres van de projectleider (niet verplicht)",
        "project.leader_email",
        placeholder="naam@gemeente.nl",
        max_chars=120,
    )
    hint = email_hint(answers.project.leader_email)
    if hint:
        # A code span: Markdown would make the example address a mail link.
        st.caption(f"Let op: {hint}; verwacht iets als `naam@gemeente.nl`.")
st.caption(
    "Dit zijn persoonsgegevens, en ze zijn niet verplicht. We vragen ze alleen zodat de"
    " samenvatting (PDF) en de projectenmap van HR laten zien wie het project trekt. Ze staan in"
    f" het concept en worden even lang bewaard als de andere antwoorden:"
    f" {retention_text()}. Ze gaan nergens anders heen."
)

day = answers.rules_date()
themes = parameter("general.themes", day).value
theme_options = [theme["number"] for theme in themes] + [THEME_NONE]
theme_titles = {**theme_labels(day), THEME_NONE: NO_THEME}
w.radio(
    "Bij welk thema van de innovatieagenda sluit het project aan?",
    "project.theme",
    theme_options,
    lambda number: theme_titles[number],
    captions=[theme["text"] for theme in themes] + ["Het project past bij geen van deze thema's."],
)
if answers.project.theme is not None:
    w.findings_for(["theme"])

w.radio(
    "Voor wie is het project nieuw?",
    "project.new_for",
    [NewFor.GEMEENTE, NewFor.SECTOR, NewFor.NONE],
    lambda value: NEW_FOR_LABELS[value],
)
if answers.project.new_for is not None:
    w.findings_for(["new_for"])

w.radio(
    "Hoe staat het project ervoor op de dag dat u indient?",
    "project.status",
    [ProjectStatus.PLANNED, ProjectStatus.RUNNING, ProjectStatus.FINISHED],
    lambda value: STATUS_LABELS[value],
    horizontal=True,
)
if answers.project.status is not None:
    w.findings_for(["status"])

st.header("Datums")
start_col, end_col = st.columns(2)
with start_col:
    w.day("Startdatum van het project", "project_start")
with end_col:
    w.day("Einddatum van het project", "project_end")
if answers.project_start and answers.project_end:
    w.findings_for(["duration"])
w.day(
    "Wanneer dient u in?",
    "submitted_on",
    help="Leeg laten als u vandaag indient. Termijnen en regels tellen vanaf deze datum.",
)
if answers.project_end:
    w.findings_for(["application_window", "declaration_window", "submission_window"])

if not declaratie:
    st.header("Voor de Impulsregeling")
    w.whole_number(
        "Hoeveel deelnemers heeft de kleinste training of workshop?",
        "project.participants_per_training",
    )
    if answers.project.participants_per_training is not None:
        w.findings_for(["participants"])

st.header("Voor de Innovatieve Projectenregeling")
w.whole_number(
    "Hoeveel andere gemeenten doen mee?",
    "project.partner_gemeenten",
    max_value=400,
)
if answers.project.partner_gemeenten is not None:
    w.findings_for(["partner_gemeenten"])
if not declaratie:
    w.day(
        "Datum van de interne opdracht of de getekende offerte",
        "project.internal_assignment_date",
        help="De aanvraag moet binnen"
        f" {parameter('innovatief.application_window_days', day).value // 7} weken na deze datum"
        " bij het fonds zijn.",
    )

w.page_footer("project")
