"""Projecten (HR): every project of one organisation in a projects map, outside the stappenplan.

HR gathers projects by draft link or from exports and case files, keeps their status, enters
the fund's limit and takes the files. The page reads widgets and shows what the core returns
(`aeno_core.overview`, `aeno_core.stored_map`); `ui.projects_map` stores and loads the map.
"""

from datetime import date
from decimal import Decimal
from typing import Any

import streamlit as st

from aeno_core import formatting as fmt
from aeno_core.advice import SCHEME_LABELS
from aeno_core.answers import Answers
from aeno_core.models import Scheme
from aeno_core.overview import LEVEL_LABELS, STAGE_LABELS, Level, ProjectRow, Stage
from aeno_core.stored_map import (
    LINK_LABELS,
    LINK_NOTES,
    LinkState,
    amount_chart,
    deadline_rows,
    deadlines_sentence,
    timeline_chart,
    totals_sentence,
)
from aeno_core.vocabulary import PHASE_LABELS
from ui import projects_map as pm
from ui import render
from ui.demo_flag import is_demo
from ui.drafts.link import QUERY_KEY
from ui.drafts.link import session as draft_session
from ui.drafts.view import LOCAL_TIME, expiry_reason, moment_text, show_notice
from ui.server.streamlit_internals import MAX_FILES_PER_SESSION, require_router
from ui.widgets import DATE_FORMAT, DATE_MAX, DATE_MIN, markdown_text

LEVEL_BOX = {Level.OK: st.success, Level.WARNING: st.warning, Level.PROBLEM: st.error}

require_router()  # a deep link on a fresh server reruns through app.py
# A map is a wide table and two charts with their text beside them: the full width helps.
st.set_page_config(layout="wide")
st.html(  # one element for the page's two rules (each element costs every rerun)
    "<style>.stMain .block-container{max-width:1400px !important}"
    # Streamlit's own size hint under the uploader: the caption says what is accepted.
    " .st-key-sw-map-upload [data-testid='stFileUploaderDropzoneInstructions']{display:none}"
    "</style>",
    width="content",
)
pm.restore()
current = pm.session()
today = date.today()

st.title("Projecten (HR)")
st.markdown(
    "Voor HR of de inlogbeheerder: zet alle projecten van uw organisatie in één"
    " **projectenmap**. U ziet per project de status, de bedragen en de volgende termijn, het"
    " plafond van het fonds per regeling en jaar, en u downloadt één Excel-bestand, één"
    " agenda en één samenvatting. Dit hoort niet bij de zeven stappen van de wizard."
)
if is_demo():
    st.info(
        "In de demomodus wordt niets bewaard, dus ook geen projectenmap. Verlaat de demomodus"
        " op de Startpagina om een map te maken.",
        icon=":material/visibility_off:",
    )
    st.stop()

if current.conflict is not None:
    with st.container(border=True):
        st.warning(
            "**Deze projectenmap is intussen door iemand anders gewijzigd** (om"
            f" {current.conflict.updated_at.astimezone(LOCAL_TIME):%H:%M}). Uw"
            " laatste wijziging is daarom niet opgeslagen: er wordt niets overschreven. Kies"
            " hoe u verder wilt.",
            icon=":material/sync_problem:",
        )
        left, right = st.columns(2)
        left.button(
            "Laad de nieuwste versie", key="map_reload", on_click=pm.reload_newer, width="stretch"
        )
        right.button(
            "Bewaar mijn versie als nieuwe map",
            key="map_fork",
            on_click=pm.keep_mine_as_new,
            width="stretch",
        )
while current.notices:
    show_notice(current.notices.pop(0))

# ------------------------------------------------------------------ the map's own link
st.header("De projectenmap")
if current.map_id and current.updated_at and current.expires_at:
    st.success(
        f"De map is bewaard (laatst gewijzigd {moment_text(current.updated_at)}). Hij"
        f" blijft bewaard tot **{moment_text(current.expires_at)}**:"
        f" {expiry_reason(current.updated_at, current.expires_at)}.",
        icon=":material/cloud_done:",
    )
    st.code(pm.map_link(current.map_id), language=None, wrap_lines=True)
    st.caption(
        "Bewaar deze link zoals een wachtwoord: wie hem heeft, ziet alle projecten in de map en"
        " opent hun concepten. Deel hem alleen met collega's die de aanvragen indienen."
    )
    new_col, delete_col = st.columns(2)
    new_col.button(
        "Nieuwe lege map", key="map_new", icon=":material/create_new_folder:", on_click=pm.new_map
    )
    with delete_col.popover("Map verwijderen", icon=":material/delete:"):
        st.markdown(
            "Dit wist de projectenmap **meteen en voorgoed** van de server; de link werkt daarna"
            " niet meer. De concepten van de projecten blijven bewaard onder hun eigen link."
        )
        st.button("Ja, verwijder de map", key="map_delete", type="primary", on_click=pm.delete_map)
else:
    st.info(
        "Zodra u een project toevoegt, wordt de map bewaard en krijgt hij een eigen link. Met"
        " die link opent u of een collega de map later weer.",
        icon=":material/cloud_upload:",
    )
    with st.form("map_open", border=False, enter_to_submit=True):
        st.text_input(
            "Link van een bestaande projectenmap",
            key="map_open_link",
            placeholder="https://…/projecten?projectenmap=…",
        )
        st.form_submit_button(
            "Map openen", icon=":material/folder_open:", on_click=pm.open_map_from_link
        )

st.text_input(
    "Naam van de organisatie",
    value=current.stored.project_map.organisation,
    key=f"map_organisation_{current.version}",
    on_change=pm.set_organisation,
    args=(f"map_organisation_{current.version}",),
    max_chars=200,
    help="Staat boven het Excel-bestand, de agenda en de samenvatting. Leeg: de naam uit de"
    " antwoorden van het eerste project.",
)


def _status_date(column: Any, label: str, value: date | None, key: str) -> None:
    """A date of HR's status, written and bounded as the wizard's dates are."""
    column.date_input(
        label,
        value=value,
        format=DATE_FORMAT,
        min_value=DATE_MIN,
        max_value=DATE_MAX,
        key=key,
    )


# ------------------------------------------------------------------ adding projects
st.header("Projecten toevoegen")
own = draft_session().draft_id
st.button(
    "Huidig concept toevoegen",
    key="map_add_current",
    icon=":material/add_task:",
    on_click=pm.add_current_draft,
    disabled=own is None,
    help="Het project dat u in dit tabblad invult; de map volgt het concept."
    if own
    else "In dit tabblad is nog geen concept bewaard.",
)
with st.form("map_links_form", border=False):
    st.text_area(
        "Links van concepten, één per regel",
        key="map_links",
        height=100,
        placeholder="https://…?concept=…",
        help="Een project dat u met zijn link toevoegt, volgt zijn concept: een wijziging in"
        " de wizard staat daarna ook in de map.",
    )
    st.form_submit_button("Links toevoegen", icon=":material/link:", on_click=pm.add_pasted_links)
with st.container(key="sw-map-upload"):
    st.file_uploader(
        "Of lees exports en casusbestanden in (meerdere tegelijk)",
        type=["json", "yaml", "yml"],
        accept_multiple_files=True,
        key=f"map_upload_{current.upload_generation}",
        on_change=pm.import_uploads,
        help="Exports van de Subsidiewijzer (JSON), casusbestanden (YAML of JSON) of een"
        " opgeslagen projectenmap (JSON).",
    )
    st.caption(
        f"Hoogstens {MAX_FILES_PER_SESSION} bestanden tegelijk, elk hoogstens 1 MB. Een"
        " ingelezen bestand volgt geen concept: de map bewaart zijn antwoorden zelf."
    )
while current.add_notices:
    show_notice(current.add_notices.pop(0))

projects = current.stored.project_map.projects
if not projects:
    st.info("De map is nog leeg.", icon=":material/folder_off:")
    st.stop()

live, overview = pm.overview(today)

# ------------------------------------------------------------------ the list
st.header("Overzicht")
st.button(
    "Concepten opnieuw lezen",
    key="map_refresh",
    icon=":material/refresh:",
    on_click=pm.read_drafts_again,
    help="De map leest de concepten bij het openen en daarna hoogstens elke 15 seconden;"
    " hiermee leest hij ze nu.",
)
problems = pm.memo("problems", lambda: {row.key: row.problems for row in overview.rows})
count = sum(len(found) for found in problems.values())
over = [v for v in overview.limits if v.level is Level.PROBLEM]
near = [v for v in overview.limits if v.level is Level.WARNING]
st.markdown(
    f"**{len(overview.rows)} {'project' if len(overview.rows) == 1 else 'projecten'}**,"
    f" {count} {'probleem' if count == 1 else 'problemen'} in de projecten;"
    f" plafond: {len(over)} overschreden, {len(near)} bijna bereikt."
)


def _day(day: date) -> str:
    """A date that never breaks over two lines in a narrow column (non-breaking hyphens)."""
    return fmt.short_date(day).replace("-", "\u2011")


def _status_text(row: ProjectRow) -> str:
    status = row.status
    text = STAGE_LABELS[status.stage]
    if status.stage is Stage.INGEDIEND and status.submitted_on:
        text += f" {_day(status.submitted_on)}"
    if status.stage is Stage.BESCHIKKING and status.decided_on:
        text += f" {_day(status.decided_on)}"
    if status.stage is Stage.DECLARATIE_INGEDIEND and status.declared_on:
        text += f" {_day(status.declared_on)}"
    return text


def _money(amount: Decimal | None) -> str:
    return "–" if amount is None else fmt.money(amount)


def _period(answers: Answers) -> str:
    if answers.project_start and answers.project_end:
        return f"{_day(answers.project_start)} – {_day(answers.project_end)}"
    return "nog niet ingevuld"


PROJECT_TABLE = pm.memo(
    "projects",
    lambda: render.table_html(
        [
            "Nr",
            "Project",
            "Regeling",
            "Fase",
            "Status",
            "Looptijd",
            "Voorlopig",
            "Toegekend",
            "Gerealiseerd",
            "Volgende termijn",
            "Problemen",
            "Bron",
        ],
        [
            (
                row.number,
                row.title,
                row.scheme_label,
                PHASE_LABELS[row.phase],
                _status_text(row),
                _period(row.entry.answers),
                _money(row.provisional),
                _money(row.granted),
                _money(row.realised),
                "–"
                if row.next_deadline is None
                else f"{_day(row.next_deadline.day)} {row.next_deadline.label}",
                len(row.problems),
                LINK_LABELS[live.states[row.key]],
            )
            for row in overview.rows
        ],
        numeric=[0, 6, 7, 8, 10],
        caption="Bedragen zijn de schatting van de Subsidiewijzer; het fonds beslist.",
        region="Projecten in de map",
    ),
)
st.markdown(PROJECT_TABLE, unsafe_allow_html=True)
gone = [
    row for row in overview.rows if live.states[row.key] not in (LinkState.LIVE, LinkState.FILE)
]
for row in gone:
    st.warning(
        f"{row.number}. {markdown_text(row.title)}: {LINK_NOTES[live.states[row.key]]}",
        icon=":material/link_off:",
    )
with_problems = [row for row in overview.rows if problems[row.key]]
if with_problems:
    # Lazy (drawn only while open): what is not looked at costs no rerun any time.
    problems_box = st.expander(
        f"Problemen per project ({len(with_problems)} projecten)",
        key="map_problems_open",
        on_change="rerun",
    )
    if problems_box.open:
        problems_box.markdown(
            pm.memo(
                "problems_list",
                lambda: "\n".join(
                    f"- **{row.number}. {markdown_text(row.title)}**: "
                    + "; ".join(markdown_text(p) for p in problems[row.key])
                    for row in with_problems
                ),
            )
        )

# ------------------------------------------------------------------ one project
st.header("Status bijwerken en openen")
rows_by_key = {row.key: row for row in overview.rows}
chosen_key = st.selectbox(
    "Project",
    list(rows_by_key),
    format_func=lambda key: f"{rows_by_key[key].number}. {rows_by_key[key].title}",
    key="map_selected",
)
if chosen_key is not None:
    row = rows_by_key[chosen_key]
    entry = row.entry
    state = live.states[chosen_key]
    draft_id = current.stored.links.get(chosen_key)
    if state is LinkState.LIVE and draft_id:
        st.link_button(
            "Concept openen (nieuw tabblad)",
            f"overzicht?{QUERY_KEY}={draft_id}",
            icon=":material/open_in_new:",
            help="Opent het concept van dit project in de wizard; wat u daar wijzigt, staat"
            " daarna ook in deze map.",
        )
    elif state is LinkState.FILE:
        st.button(
            "Als concept openen",
            key="map_make_draft",
            icon=":material/note_add:",
            on_click=pm.open_as_draft,
            args=(chosen_key,),
            help="Ingelezen uit een bestand: maakt er een concept van (met een eigen link) dat"
            " de map voortaan volgt.",
        )
    else:
        st.caption(LINK_NOTES[state])
    version = current.version
    with st.form(f"map_status_{chosen_key}_{version}"):
        stages = [stage.value for stage in Stage]  # plain text: no enum to coerce per run
        st.selectbox(
            "Status (uw eigen bijhouding)",
            stages,
            index=stages.index(entry.status.stage.value),
            format_func=lambda value: STAGE_LABELS[Stage(value)],
            key="map_stage",
        )
        first, second = st.columns(2)
        _status_date(first, "Ingediend op", entry.status.submitted_on, "map_submitted_on")
        _status_date(second, "Beschikking op", entry.status.decided_on, "map_decided_on")
        first.text_input(
            "Toegekend bedrag (beschikking)",
            value="" if entry.status.granted is None else fmt.plain_amount(entry.status.granted),
            placeholder="bijvoorbeeld 9.000,00",
            key="map_granted",
        )
        _status_date(second, "Declaratie ingediend op", entry.status.declared_on, "map_declared_on")
        st.text_input("Notitie", value=entry.note, max_chars=500, key="map_note")
        st.form_submit_button(
            "Status opslaan", icon=":material/save:", on_click=pm.save_status, args=(chosen_key,)
        )
    st.button(
        "Uit de map halen",
        key="map_remove",
        icon=":material/playlist_remove:",
        on_click=pm.remove_project,
        args=(chosen_key,),
        help="Alleen uit de map: het concept zelf blijft bewaard.",
    )
while current.status_notices:
    show_notice(current.status_notices.pop(0))

# ------------------------------------------------------------------ the fund's limit
st.header("Plafond van het fonds")
st.markdown(
    "Het fonds begrenst per organisatie het aantal aanvragen of het bedrag per regeling en jaar,"
    " naar het aantal fte. Die tabel is niet openbaar: vul in wat het fonds u gaf. Elk project"
    " telt mee behalve afgewezen projecten; boven het plafond is een probleem, vanaf 90% een"
    " waarschuwing."
)
with st.form("map_limit"):
    first, second = st.columns(2)
    first.selectbox(
        "Regeling",
        [scheme.value for scheme in Scheme],
        format_func=lambda value: SCHEME_LABELS[Scheme(value)],
        key="limit_scheme",
    )
    second.number_input(
        "Jaar", min_value=2015, max_value=2040, value=today.year, step=1, key="limit_year"
    )
    first.number_input(
        "Aantal aanvragen (plafond)",
        min_value=0,
        max_value=1000,
        value=None,
        step=1,
        placeholder="Niet ingevuld",
        key="limit_applications",
    )
    second.text_input(
        "Bedrag (plafond)", placeholder="bijvoorbeeld 150.000", key="limit_amount", max_chars=20
    )
    st.caption("Laat u beide leeg, dan vervalt het plafond van die regeling en dat jaar.")
    st.form_submit_button("Plafond opslaan", icon=":material/save:", on_click=pm.save_limit)
while current.limit_notices:
    show_notice(current.limit_notices.pop(0))
if not overview.limits:
    st.caption("Nog geen plafond ingevuld.")
for verdict in overview.limits:
    LEVEL_BOX[verdict.level](f"**{LEVEL_LABELS[verdict.level]}.** {markdown_text(verdict.message)}")

# ------------------------------------------------------------------ totals and pictures
st.header("Totalen per jaar en regeling")
chart_col, text_col = st.columns([3, 2])
said = pm.memo("totals_sentence", lambda: totals_sentence(overview))
with chart_col:
    if overview.totals:
        data, spec = pm.memo("amount_chart", lambda: pm.chart_parts(amount_chart(overview)))
        st.vega_lite_chart(data, spec, width="stretch", alt=said)
with text_col:
    st.markdown(f"**In cijfers.** {markdown_text(said)}")
TOTALS_TABLE = pm.memo(
    "totals",
    lambda: render.table_html(
        ["Jaar", "Regeling", "Projecten", "Aangevraagd", "Toegekend", "Gerealiseerd"],
        [
            (
                t.year,
                SCHEME_LABELS[t.scheme],
                t.projects,
                fmt.money(t.asked),
                fmt.money(t.granted),
                fmt.money(t.realised),
            )
            for t in overview.totals
        ],
        numeric=[2, 3, 4, 5],
        caption="Totalen per jaar en regeling.",
    ),
)
st.markdown(TOTALS_TABLE, unsafe_allow_html=True)

st.header("Termijnen")
deadlines = pm.memo("deadlines", lambda: deadline_rows(overview))
coming = [d for d in deadlines if not d["voorbij"]]
time_col, said_col = st.columns([3, 2])
with time_col:
    if deadlines:
        data, spec = pm.memo("timeline", lambda: pm.chart_parts(timeline_chart(overview)))
        st.vega_lite_chart(
            data,
            spec,
            width="stretch",
            alt=f"Tijdlijn van {len(deadlines)} termijnen; de tabel ernaast en eronder noemt ze.",
        )
with said_col:
    st.markdown(pm.memo("deadlines_sentence", lambda: markdown_text(deadlines_sentence(overview))))
    if coming:
        st.markdown(
            pm.memo(
                "coming",
                lambda: render.table_html(
                    ["Datum", "Project", "Termijn"],
                    [(fmt.short_date(d["day"]), d["project"], d["termijn"]) for d in coming[:6]],
                    caption="De eerstvolgende termijnen.",
                ),
            ),
            unsafe_allow_html=True,
        )
if deadlines:
    all_box = st.expander(
        f"Alle termijnen als tabel ({len(deadlines)})", key="map_deadlines_open", on_change="rerun"
    )
    if all_box.open:
        all_box.markdown(
            pm.memo(
                "all_deadlines",
                lambda: render.table_html(
                    ["Datum", "Project", "Termijn", ""],
                    [
                        (
                            fmt.short_date(d["day"]),
                            d["project"],
                            d["termijn"],
                            "voorbij" if d["voorbij"] else "",
                        )
                        for d in deadlines
                    ],
                ),
            ),
            unsafe_allow_html=True,
        )

# ------------------------------------------------------------------ files
st.header("Bestanden")
made = pm.made_files()
if made is None:
    st.markdown(
        "Een Excel-bestand (een overzicht, de totalen en een blad per project), een CSV, één"
        " agenda (.ics) met alle termijnen en een samenvatting (PDF), gemaakt van dit overzicht."
    )
    st.button(
        "Bestanden maken", key="map_make_files", icon=":material/build:", on_click=pm.make_files
    )
else:
    columns = st.columns(len(made))
    for column, (name, (label, file_name, mime, data)) in zip(columns, made.items(), strict=True):
        column.download_button(
            label,
            data=data,
            file_name=file_name,
            mime=mime,
            key=f"map_download_{name}",
            icon=":material/download:",
            width="stretch",
            on_click="ignore",
        )
    st.caption(
        "Een opgeslagen projectenmap (JSON) leest u hier later weer in; hij bevat geen links"
        " van concepten."
    )
