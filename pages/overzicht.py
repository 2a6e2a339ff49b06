"""Overzicht: every answer with a link back, errors first, findings, calculation, dates, stukken."""

from datetime import date

import streamlit as st

from aeno_core import formatting as fmt
from aeno_core.advice import SCHEME_LABELS
from aeno_core.answers import THEME_NONE
from aeno_core.models import Phase
from aeno_core.vocabulary import (
    GROUP_LABELS,
    NEW_FOR_LABELS,
    PHASE_LABELS,
    STATUS_LABELS,
    organisation_label,
    theme_label,
)
from ui import cost_calculation, render
from ui import widgets as w
from ui.drafts.link import link_params
from ui.pages import BY_KEY, link_target, page_for_path
from ui.server import documents
from ui.state import get_state

YES_NO = {True: "Ja", False: "Nee", None: None}


def _date(value: date | None) -> str | None:
    """A date as the reader writes it; None stays unanswered."""
    return None if value is None else fmt.long_date(value)


def _edit_link(page_key: str) -> None:
    page = BY_KEY[page_key]
    st.page_link(
        link_target(page_key),
        label=f"Wijzig {page.title.lower()}",
        icon=":material/edit:",
        query_params=link_params(),
    )


state = get_state()
answers = state.answers
outcome = state.outcome()
result = outcome.estimate
if result is not None:
    documents.prefetch(result)  # the PDF is ready by the time Resultaat is opened
w.page_intro(
    "overzicht",
    "Controleer uw antwoorden. Met **Wijzig** gaat u terug naar de vraag; alles wat u"
    " invulde blijft bewaard.",
)

if outcome.errors:
    count = len(outcome.errors)
    # The alert says what is wrong (a screen reader announces it); the links below it, one
    # per error, say it again for the eye and lead to the field.
    error_items = "".join(
        f"<li>{w.escape(page_for_path(e.path).title)} – {w.escape(e.place)}: {w.escape(e.message)}</li>"
        for e in outcome.errors
    )
    with st.container(key="sw-error-summary"):
        st.markdown(
            f'<div class="sw-error-summary" role="alert"><h2>Er {"is" if count == 1 else "zijn"}'
            f" {count} {'punt' if count == 1 else 'punten'} om te verbeteren</h2>"
            "<p>Zonder deze gegevens kan de wizard geen schatting maken. Elk punt brengt u naar"
            f' het veld.</p><ul class="sw-sr-only">{error_items}</ul></div>',
            unsafe_allow_html=True,
        )
        for error in outcome.errors:
            page = page_for_path(error.path)
            st.page_link(
                link_target(page.key),
                label=w.markdown_text(f"{page.title} – {error.place}: {error.message}"),
                icon=":material/arrow_forward:",
                query_params=link_params(**{w.FIELD_PARAM: error.path}),
            )

st.header("Uw antwoorden")
st.subheader("Organisatie")
org = answers.organisation
org_type = None if org.type is None else organisation_label(org.type, answers.rules_date())
items: list[tuple[str, str | None]] = [
    ("Naam", org.name or None),
    ("Contactpersoon", org.contact or None),
    ("Soort organisatie", org_type),
    ("Past de CAR-UWO toe", YES_NO[org.applies_car_uwo]),
    ("Samenwerkingsverband", YES_NO[org.collaboration]),
]
if org.collaboration:
    items.append(("Aandeel gemeenten", f"{org.share_gemeenten}%" if org.share_gemeenten else None))
items.append(("Via een extern bureau", YES_NO[org.via_external_bureau]))
for label, number in (
    ("Grens van het fonds (aanvragen per jaar)", org.application_limit),
    ("Aanvragen voor deze regeling dit jaar al gedaan", org.applications_this_year),
):
    items.append((label, None if number is None else str(number)))
render.answer_list(items)
_edit_link("organisatie")

st.subheader("Project")
project = answers.project
theme = None
if project.theme is not None:
    theme = theme_label(
        None if project.theme == THEME_NONE else project.theme, answers.rules_date()
    )
items = [("Wat u doet", PHASE_LABELS[answers.phase])]
if answers.phase is Phase.DECLARATIE:
    items.append(("Voorlopige subsidie", answers.provisional_subsidy or None))
items += [
    ("Titel", project.title or None),
    ("Projectleider", project.leader_name or None),
    ("E-mail projectleider", project.leader_email or None),
    ("Thema", theme),
    ("Nieuw voor", None if project.new_for is None else NEW_FOR_LABELS[project.new_for]),
    ("Stand", None if project.status is None else STATUS_LABELS[project.status]),
    ("Start", _date(answers.project_start)),
    ("Einde", _date(answers.project_end)),
    ("Indienen op", _date(answers.submitted_on) or "vandaag"),
    (
        "Deelnemers kleinste training",
        None
        if project.participants_per_training is None
        else str(project.participants_per_training),
    ),
    (
        "Andere gemeenten",
        None if project.partner_gemeenten is None else str(project.partner_gemeenten),
    ),
    ("Interne opdracht of offerte", _date(project.internal_assignment_date)),
]
render.answer_list(items)
_edit_link("project")

st.subheader("Regeling")
scheme_text = None
if outcome.scheme is not None:
    scheme_text = SCHEME_LABELS[outcome.scheme] + (
        " (gekozen)" if answers.chosen_scheme() else " (advies, nog niet bevestigd)"
    )
render.answer_list([("Regeling", scheme_text)])
_edit_link("regeling")

st.subheader("Kosten en uren")
external = [r for r in answers.external_costs if not r.is_empty()]
internal = [r for r in answers.internal_staff if not r.is_empty()]
render.answer_list(
    [
        ("Externe kostenregels", str(len(external)) if external else None),
        ("Medewerkers met uren", str(len(internal)) if internal else None),
    ]
)
_edit_link("kosten")

if result is None:
    st.info("Bevindingen, berekening en termijnen verschijnen zodra de invoer compleet is.")
else:
    calc = result.calculation
    st.header("Bevindingen")
    problems, checks = len(result.problems), len(result.to_check)
    fine = len(result.findings) - problems - checks
    st.markdown(
        f"**{problems} {'probleem' if problems == 1 else 'problemen'}**, {checks} te"
        f" controleren, {fine} in orde."
    )
    for group, title in GROUP_LABELS.items():
        found = [f for f in result.findings if f.group is group]
        if found:
            st.subheader(title)
            st.markdown(
                '<div class="sw-findings">' + "".join(w.finding_html(f) for f in found) + "</div>",
                unsafe_allow_html=True,
            )

    st.header("Berekening")
    rows = []
    for line in calc.lines:
        rows.append(
            (
                line.description or "(geen omschrijving)",
                fmt.money(line.cost),
                line.share if line.eligible else "—",
                fmt.money(line.subsidy),
                line.rule
                + (
                    f" Uurloon: {cost_calculation.rate_origin(line).lower()}."
                    if line.kind == "internal"
                    else ""
                ),
            )
        )
    render.table(
        ["Regel", "Kosten", "Deel", "Subsidie", "Uitleg"],
        rows,
        numeric=[1, 3],
        muted_rows=[i for i, line in enumerate(calc.lines) if not line.eligible],
        total=("Samen, vóór minimum en maximum", "", "", fmt.money(calc.before_limits), ""),
    )
    st.markdown(
        f"**Geschatte subsidie: {fmt.money(calc.subsidy)}.** {calc.limit_message}"
        + (f" _Bron: {calc.limit_source}_" if calc.limit_source else "")
    )

    st.header("Termijnen")
    if result.deadlines.items:
        render.table(
            ["Datum", "Wat", "Regel"],
            [(fmt.long_date(d.day), d.label, d.rule) for d in result.deadlines.items],
        )
    else:
        st.markdown("Er volgen nog geen termijnen uit de antwoorden.")

    st.header("Stukken om te verzamelen")
    st.markdown("\n".join(f"- {doc}" for doc in result.checklist.documents))
    st.caption(f"Bron: {result.checklist.documents_source}")

w.page_footer("overzicht")
