"""Start: what the wizard does and does not do, the rules it uses, an example, drafts."""

import streamlit as st

from aeno_core.answers import Answers
from aeno_core.examples import examples
from ui import demo, render
from ui.drafts import view
from ui.drafts.link import link_params, start_new_project
from ui.pages import link_target
from ui.state import get_state
from ui.widgets import page_footer, rules_notice


def _load_example(key: str) -> None:
    # An example is a new project: the current draft stays as it is, under its own link.
    start_new_project(Answers.from_application(examples()[key].application), example=key)


state = get_state()
state.visited.add("start")
st.markdown('<p class="sw-step">A&amp;O fonds Gemeenten</p>', unsafe_allow_html=True)
st.title("Subsidiewijzer")
st.markdown(
    "Ontdek in een paar minuten of uw gemeente subsidie kan krijgen van het **A&O fonds"
    " Gemeenten** voor een project over de ontwikkeling van medewerkers of de organisatie:"
    " onder welke regeling, voor welk bedrag, welke stukken u nodig hebt en wanneer."
)

left, right = st.columns(2, gap="large")
with left:
    st.header("Wat deze wizard doet")
    st.markdown(
        "- vraagt in gewone taal naar uw organisatie, project en kosten\n"
        "- adviseert de **Impulsregeling** of de **Innovatieve Projectenregeling**\n"
        "- schat de subsidie en laat per regel zien hoe die is berekend\n"
        "- geeft de termijnen en de lijst met stukken voor het aanvraagsysteem"
    )
with right:
    st.header("Wat hij niet doet")
    st.markdown(
        "- **Het is een schatting.** Het A&O fonds beslist over uw aanvraag.\n"
        "- Hij dient niets in: dat doet u (of uw inlogbeheerder, meestal HR) in het"
        " subsidieaanvraagsysteem van het fonds.\n"
        "- Het uurloon is een **benadering** zolang u niet het bedrag uit de uurloontabel"
        " van het fonds invult."
    )

if st.button("Beginnen", key="sw-begin", type="primary", icon=":material/arrow_forward:"):
    st.switch_page(link_target("organisatie"), query_params=link_params())

st.header("Een voorbeeld bekijken")
for key, example in examples().items():
    st.markdown(f"**{example.name}.** {example.description}")
    st.button(
        f"Voorbeeld laden: {example.name}",
        key=f"example.{key}",
        on_click=_load_example,
        args=(key,),
        icon=":material/upload_file:",
        type="secondary",
    )
if state.example:
    loaded = examples()[state.example].name
    st.success(
        f"Het voorbeeld {loaded} is geladen. Bekijk de antwoorden per stap of ga meteen"
        " naar het overzicht.",
        icon=":material/check_circle:",
    )
    st.page_link(
        link_target("overzicht"),
        label="Naar het overzicht",
        icon=":material/fact_check:",
        query_params=link_params(),
    )

demo.render_start_section()
rules_notice()
day = state.answers.rules_date()
with st.expander(f"De regels die deze wizard gebruikt (geldend op {day.strftime('%d-%m-%Y')})"):
    st.markdown(
        "Elke regel komt uit de voorwaarden van het fonds en geldt vanaf de genoemde datum."
        " Een nieuw jaar met andere bedragen is een nieuwe regel in de gegevens, met een"
        " eigen datum."
    )
    render.table(
        ["Regel", "Waarde", "Geldt vanaf", "Bron"],
        render.rules_rows(day),
    )

view.render_draft_section()


view.render_restart_section(state.revision > 0)

page_footer("start")
