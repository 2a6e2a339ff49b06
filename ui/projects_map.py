"""HR's projects map in the browser: its link, its versions in the draft store, its actions.

The page `pages/projecten.py` reads widgets and shows; this module keeps the tab's map (id,
version, what is stored), turns the store's answers and refusals into Dutch, and runs the
actions the page's buttons call. The map is a row in the same draft store as the drafts, with
the same versioning: a save names the version it started from, so two HR officers on one map
never overwrite each other silently; the later one is told and chooses.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, TypeVar, cast

import pyarrow as pa  # type: ignore[import-untyped]  # Streamlit's own dependency; no stubs
import streamlit as st
from pydantic import ValidationError
from sqlalchemy.exc import SQLAlchemyError

from aeno_core import drafts
from aeno_core.answers import Answers
from aeno_core.casefile import CaseFileError, parse_document
from aeno_core.drafts import Draft, DraftDeleted, DraftNotFound, DraftTooLarge, VersionConflict
from aeno_core.export import import_document, refusal
from aeno_core.models import Money, Scheme
from aeno_core.overview import (
    FundLimit,
    HRStatus,
    Overview,
    ProjectMap,
    Stage,
    add_imported,
    is_map_document,
    map_document,
    read_map,
    summarise,
)
from aeno_core.overview_files import build_calendar, build_csv, build_workbook
from aeno_core.overview_pdf import build_overview_pdf
from aeno_core.safe_text import clean, for_markdown
from aeno_core.stored_map import (
    Evaluator,
    LinkState,
    LiveMap,
    StoredMap,
    draft_answers,
    is_stored_map,
    last_deadline,
    limit_amount,
    live_map,
    summarise_live,
)
from ui.drafts.link import Notice
from ui.drafts.link import session as draft_session
from ui.drafts.store import keep_for, log_failure, store
from ui.server.streamlit_internals import release

QUERY_KEY = "projectenmap"
"""The URL parameter that holds the map's id: `.../projecten?projectenmap=<43 characters>`."""

SESSION_KEY = "subsidiewijzer.projectenmap"
_ID_IN_TEXT = re.compile(r"(?:concept=)?([A-Za-z0-9_-]{43})(?![A-Za-z0-9_-])")


@dataclass
class MapSession:
    """What this tab knows about its projects map."""

    map_id: str | None = None
    version: int = 0
    stored: StoredMap = field(default_factory=StoredMap)
    updated_at: datetime | None = None
    expires_at: datetime | None = None
    restored: bool = False
    conflict: Draft | None = None
    """The newer stored version a save ran into; nothing is saved until HR chooses."""
    pending: StoredMap | None = None
    """This tab's map that could not be saved because of `conflict`."""
    notices: list[Notice] = field(default_factory=list)
    add_notices: list[Notice] = field(default_factory=list)
    """Shown under the three ways to add projects (their results, per file or link)."""
    status_notices: list[Notice] = field(default_factory=list)
    limit_notices: list[Notice] = field(default_factory=list)
    upload_generation: int = 0
    evaluator: Evaluator = field(default_factory=Evaluator)
    summary: tuple[str, LiveMap, Overview] | None = None
    """The last summary and the key it was made for (map, version, drafts read, day): a
    rerun that changed nothing (a click elsewhere on the page) shows it again as it was."""
    files: tuple[str, dict[str, bytes]] | None = None
    """The files made for the summary with this key (made on request)."""
    drafts_found: dict[str, Any] = field(default_factory=dict)
    """The linked drafts' payloads as last read (draft id -> answers)."""
    drafts_deleted: set[str] = field(default_factory=set)
    drafts_known: set[str] = field(default_factory=set)
    """The ids that read covered: a newly linked draft is read at once."""
    drafts_read_at: float = 0.0
    drafts_generation: int = 0
    built: dict[str, tuple[str | None, Any]] = field(default_factory=dict)
    """What `memo` kept, per name: the summary key it was built for, and the value."""

    def adopt(self, draft: Draft, stored: StoredMap) -> None:
        self.map_id = draft.id
        self.version = draft.version
        self.stored = stored
        self.updated_at = draft.updated_at
        self.expires_at = draft.expires_at
        self.conflict = None
        self.pending = None

    def forget(self) -> None:
        self.map_id = None
        self.version = 0
        self.stored = StoredMap()
        self.updated_at = None
        self.expires_at = None
        self.conflict = None
        self.pending = None
        self.summary = None
        self.files = None


def session() -> MapSession:
    """This tab's map, created on first use."""
    value = st.session_state.get(SESSION_KEY)
    if not isinstance(value, MapSession):
        value = MapSession()
        st.session_state[SESSION_KEY] = value
    return value


# ------------------------------------------------------------------ the page's first run


def restore() -> None:
    """Open the map the URL names on the tab's first run; keep its id in the URL after."""
    current = session()
    if not current.restored:
        current.restored = True
        requested = st.query_params.get(QUERY_KEY)
        if requested:
            _open(current, requested, current.notices)
    if current.map_id and st.query_params.get(QUERY_KEY) != current.map_id:
        st.query_params[QUERY_KEY] = current.map_id


def _open(current: MapSession, wanted: str, notices: list[Notice]) -> bool:
    """Load the map `wanted` into this tab; a Dutch notice when it cannot be."""
    try:
        draft = store().load(wanted)
        if not is_stored_map(draft.data):
            notices.append(
                Notice(
                    "error",
                    "Deze link hoort bij een concept van één project, niet bij een projectenmap."
                    " Voeg het concept toe onder *Projecten toevoegen*.",
                )
            )
            return False
        stored = StoredMap.model_validate(draft.data)
    except DraftDeleted:
        notices.append(Notice("warning", "Deze projectenmap is verwijderd."))
        _drop_query()
        return False
    except DraftNotFound:
        notices.append(
            Notice(
                "warning",
                "Er is geen projectenmap gevonden bij deze link: hij is verlopen of verwijderd,"
                " of de link is niet helemaal gekopieerd.",
            )
        )
        _drop_query()
        return False
    except (ValidationError, SQLAlchemyError, OSError, ValueError) as error:
        log_failure("load map", error, wanted)
        notices.append(
            Notice("error", "De projectenmap kon nu niet worden geopend. Probeer het zo opnieuw.")
        )
        return False
    current.forget()
    current.adopt(draft, stored)
    st.query_params[QUERY_KEY] = draft.id
    return True


def _drop_query() -> None:
    if QUERY_KEY in st.query_params:
        del st.query_params[QUERY_KEY]


# ------------------------------------------------------------------ the summary


DRAFTS_FRESH_SECONDS = 15.0
"""The linked drafts are read again when the page runs this long after the last read (or at
once with the page's refresh button): HR clicking through the map does not read 25 drafts at
every click, and a draft changed in another tab shows at the next look."""


def overview(today: date | None = None) -> tuple[LiveMap, Overview]:
    """The map as it stands now: the linked drafts read (one query), every project judged.

    Judged again only what changed (`Evaluator`); the whole summary is reused while neither
    the map, the drafts nor the day changed. A store that cannot be reached shows the answers
    the map last saw.
    """
    current = session()
    day = today or date.today()
    links = current.stored.links
    stale = time.monotonic() - current.drafts_read_at > DRAFTS_FRESH_SECONDS
    unknown = not set(links.values()) <= current.drafts_known
    if links and (stale or unknown):
        _read_drafts(current)
    key = f"{current.map_id}:{current.version}:{current.drafts_generation}:{day.isoformat()}"
    if current.summary is not None and current.summary[0] == key:
        return current.summary[1], current.summary[2]
    live = live_map(current.stored, current.drafts_found, current.drafts_deleted)
    summary = summarise_live(live, day, current.evaluator)
    current.summary = (key, live, summary)
    return live, summary


def _read_drafts(current: MapSession) -> None:
    """Read every linked draft in one query; a new generation when any of them changed."""
    links = current.stored.links
    try:
        drafts_found, deleted = store().load_many(list(links.values()))
        found: dict[str, Any] = {key: draft.data for key, draft in drafts_found.items()}
    except (SQLAlchemyError, OSError) as error:
        log_failure("load map drafts", error, current.map_id)
        current.notices.append(
            Notice(
                "warning",
                "De concepten van de projecten konden nu niet worden gelezen; de map toont de"
                " antwoorden zoals hij ze het laatst zag.",
            )
        )
        found = {
            draft_id: entry.answers.model_dump(mode="json")
            for entry in current.stored.project_map.projects
            if (draft_id := links.get(entry.key))
        }
        deleted = set()
    if (found, deleted) != (current.drafts_found, current.drafts_deleted):
        current.drafts_generation += 1
    current.drafts_found, current.drafts_deleted = found, deleted
    current.drafts_known = set(links.values())
    current.drafts_read_at = time.monotonic()


def read_drafts_again() -> None:
    """The page's refresh button: read the linked drafts at the next run."""
    session().drafts_read_at = 0.0


T = TypeVar("T")


def memo(name: str, build: Callable[[], T]) -> T:
    """What the page builds from the summary (tables, chart specs), built once per summary.

    A rerun that changed nothing (a click in a form) shows the same tables and charts: kept
    with the summary's key in the tab's session, never across sessions (it holds the map).
    """
    current = session()
    key = files_key()
    kept = current.built.get(name)
    if kept is not None and kept[0] == key:
        return cast(T, kept[1])
    value = build()
    current.built[name] = (key, value)
    return value


def chart_parts(spec: dict[str, Any]) -> tuple[Any, dict[str, Any]]:
    """A chart's data as an Arrow table, and the spec without it.

    Streamlit turns a spec's inline values into a DataFrame and then Arrow on every run;
    an Arrow table made once (kept by `memo`) is only written out. A layered spec keeps its
    layers' own small data; the first layer's rows become the chart's data.
    """
    spec = dict(spec)
    if "layer" in spec:
        layers = [dict(layer) for layer in spec["layer"]]
        rows = layers[0].pop("data")["values"]
        spec["layer"] = layers
    else:
        rows = spec.pop("data")["values"]
    return pa.Table.from_pylist(rows), spec


def files_key() -> str | None:
    """The fingerprint of the summary shown now (the files must be made for it)."""
    current = session()
    return None if current.summary is None else current.summary[0]


# ------------------------------------------------------------------ saving


def _keep(stored: StoredMap) -> datetime | None:
    """A map in use is kept until 8 weeks after the last deadline of its projects."""
    current = session()
    judged = summarise(stored.project_map, date.today(), current.evaluator)
    return drafts.keep_until(last_deadline(judged))


def save(changed: StoredMap, notices: list[Notice]) -> bool:
    """Store `changed` as the tab's map (a new map on the first save); True when stored."""
    current = session()
    if current.conflict is not None:
        current.pending = changed
        notices.append(
            Notice("warning", "Kies eerst bovenaan hoe u verder wilt met de gewijzigde map.")
        )
        return False
    payload = changed.model_dump(mode="json")
    keep = _keep(changed)
    try:
        the_store = store()
        if current.map_id is None:
            draft = the_store.create(payload, keep=keep)
        else:
            draft = the_store.save(current.map_id, payload, current.version, keep=keep)
    except VersionConflict as conflict:
        current.conflict = conflict.current
        current.pending = changed
        return False
    except DraftDeleted:
        notices.append(
            Notice(
                "warning",
                "Deze projectenmap is intussen verwijderd (door u in een ander tabblad of door"
                " een collega). Uw wijziging is bewaard in een nieuwe map, met een nieuwe link.",
            )
        )
        current.map_id = None
        return save(changed, notices)
    except DraftNotFound:
        current.map_id = None
        notices.append(
            Notice(
                "warning",
                "Deze projectenmap was verlopen. Uw map is opnieuw bewaard, met een nieuwe link.",
            )
        )
        return save(changed, notices)
    except DraftTooLarge:
        notices.append(
            Notice(
                "error",
                "De projectenmap is te groot om te bewaren (meer dan 1 MB). Haal projecten eruit"
                " of maak een tweede map.",
            )
        )
        return False
    except (SQLAlchemyError, OSError, ValueError) as error:
        log_failure("save map", error, current.map_id)
        notices.append(
            Notice(
                "error",
                "Opslaan is niet gelukt: de opslag is nu niet bereikbaar. Probeer het zo opnieuw.",
            )
        )
        return False
    current.adopt(draft, changed)
    st.query_params[QUERY_KEY] = draft.id
    return True


def _working_copy() -> StoredMap:
    """The stored map to change, with each live draft's answers as the map saw them last.

    So the map keeps the newest answers it saw: a draft that expires or is deleted later still
    shows in the map as it was then.
    """
    current = session()
    changed = current.stored.model_copy(deep=True)
    if current.summary is not None:
        live = current.summary[1]
        seen = {entry.key: entry.answers for entry in live.project_map.projects}
        for entry in changed.project_map.projects:
            if live.states.get(entry.key) is LinkState.LIVE and entry.key in seen:
                entry.answers = seen[entry.key].model_copy(deep=True)
    return changed


def reload_newer() -> None:
    """The conflict's first choice: show the map as stored now; this tab's change is dropped."""
    current = session()
    newer = current.conflict
    if newer is None:
        return
    try:
        stored = StoredMap.model_validate(newer.data)
    except ValidationError:
        current.notices.append(Notice("error", "De nieuwste versie kon niet worden geopend."))
        return
    current.adopt(newer, stored)
    current.notices.append(
        Notice("success", "De nieuwste versie is geladen. Voer uw wijziging zo nodig opnieuw in.")
    )


def keep_mine_as_new() -> None:
    """The conflict's second choice: this tab's map becomes a new map with its own link."""
    current = session()
    mine = current.pending
    old_id = current.map_id
    current.conflict = None
    current.pending = None
    if mine is None:
        return
    current.map_id = None
    if save(mine, current.notices):
        current.notices.append(
            Notice(
                "success",
                "Uw versie is bewaard als nieuwe projectenmap, met een eigen link (nu in de"
                " adresbalk). De andere map blijft bestaan onder zijn link:"
                f" {map_link(old_id)}",
            )
        )


def delete_map() -> None:
    """Delete the map from the server at once; the drafts it points to stay as they are."""
    current = session()
    if current.map_id is None:
        return
    try:
        store().delete(current.map_id)
    except (SQLAlchemyError, OSError, ValueError) as error:
        log_failure("delete map", error, current.map_id)
        current.notices.append(
            Notice("error", "Verwijderen is niet gelukt: de opslag is nu niet bereikbaar.")
        )
        return
    current.forget()
    _drop_query()
    current.notices.append(
        Notice(
            "success",
            "De projectenmap is verwijderd van de server. De concepten van de projecten zelf"
            " blijven bewaard onder hun eigen link.",
        )
    )


def map_link(map_id: str | None) -> str:
    """The address of the Projecten page with the map, from the URL this browser uses."""
    if map_id is None:
        return ""
    base = (st.context.url or "").split("?", 1)[0]
    if not base.startswith("http"):
        return f"?{QUERY_KEY}={map_id}"
    return f"{base}?{QUERY_KEY}={map_id}"


# ------------------------------------------------------------------ adding projects


def add_current_draft() -> None:
    """Add the draft this tab works on (the wizard's project) by its link."""
    current = session()
    draft_id = draft_session().draft_id
    if draft_id is None:
        current.add_notices.append(
            Notice(
                "info",
                "In dit tabblad is nog geen concept bewaard. Vul eerst een project in (of open"
                " een concept op de Startpagina) en kom dan terug.",
            )
        )
        return
    _add_links([draft_id], current.add_notices)


def add_pasted_links() -> None:
    """Add every draft link (or code) pasted in the text box, one result line per link."""
    current = session()
    text = str(st.session_state.get("map_links") or "")
    wanted = list(dict.fromkeys(_ID_IN_TEXT.findall(text)))
    if not wanted:
        current.add_notices.append(
            Notice(
                "error",
                "Er staat geen link of code van een concept in het vak. Een link eindigt op"
                " ?concept= met 43 letters, cijfers, - en _.",
            )
        )
        return
    if _add_links(wanted, current.add_notices):
        st.session_state["map_links"] = ""


def _add_links(wanted: list[str], notices: list[Notice]) -> bool:
    """Load each draft once and add those that are drafts; True when the map was stored."""
    current = session()
    changed = _working_copy()
    added: list[str] = []
    try:
        found, deleted = store().load_many(wanted)
    except (SQLAlchemyError, OSError) as error:
        log_failure("load drafts for map", error, current.map_id)
        notices.append(Notice("error", "De concepten konden nu niet worden gelezen."))
        return False
    for number, draft_id in enumerate(wanted, 1):
        which = f"Link {number}" if len(wanted) > 1 else "De link"
        if changed.linked(draft_id) is not None:
            notices.append(Notice("info", f"{which}: dit concept staat al in de map."))
            continue
        if draft_id == current.map_id:
            notices.append(Notice("error", f"{which} is de link van deze projectenmap zelf."))
            continue
        draft = found.get(draft_id)
        if draft is None:
            gone = "verwijderd" if draft_id in deleted else "verlopen of bestaat niet"
            notices.append(Notice("error", f"{which}: dit concept is {gone}."))
            continue
        answers = draft_answers(draft.data)
        if answers is None:
            notices.append(Notice("error", f"{which} hoort niet bij een concept van één project."))
            continue
        entry = changed.project_map.add(answers, source="concept")
        changed.links[entry.key] = draft_id
        added.append(_title(answers))
    if not added:
        return False
    if save(changed, notices):
        names = ", ".join(f"‘{for_markdown(t)}’" for t in added)
        notices.append(Notice("success", f"Toegevoegd: {names}."))
        return True
    return False


def _title(answers: Answers) -> str:
    return answers.project.title.strip() or "project zonder titel"


def import_uploads() -> None:
    """Read every uploaded export or case file; each refused file gets its own Dutch line."""
    current = session()
    key = f"map_upload_{current.upload_generation}"
    files = st.session_state.get(key) or []
    if not files:
        return
    current.upload_generation += 1  # a fresh uploader next run
    changed = _working_copy()
    added: list[str] = []
    for uploaded in files:
        name = clean(uploaded.name)[:80]
        raw = uploaded.getvalue()
        release(uploaded)
        try:
            if is_map_document(parse_document(raw)):
                _merge_saved_map(changed.project_map, read_map(raw))
                added.append(f"de opgeslagen map {name}")
                continue
            imported = import_document(raw)
        except CaseFileError as error:
            current.add_notices.append(
                Notice(
                    "error",
                    for_markdown(
                        refusal(error, name).replace(
                            "Uw huidige concept is niet veranderd.",
                            "De projectenmap is niet veranderd.",
                        )
                    ),
                )
            )
            continue
        add_imported(changed.project_map, imported, name)
        added.append(imported.title or name)
    if added and save(changed, current.add_notices):
        names = ", ".join(f"‘{for_markdown(t)}’" for t in added)
        current.add_notices.append(Notice("success", f"Ingelezen: {names}."))


def _merge_saved_map(project_map: ProjectMap, saved: ProjectMap) -> None:
    """A saved map's projects with their statuses and notes, and its limits where free."""
    project_map.add_projects_of(saved)
    for limit in saved.limits:
        if project_map.limit(limit.scheme, limit.year) is None:
            project_map.limits.append(limit)
    if saved.organisation and not project_map.organisation:
        project_map.organisation = saved.organisation


# ------------------------------------------------------------------ HR's own entries


def set_organisation(key: str) -> None:
    """The organisation's name as HR typed it in the field `key`."""
    changed = _working_copy()
    changed.project_map.organisation = clean(str(st.session_state.get(key) or ""))[:1000]
    save(changed, session().notices)


def save_status(key: str) -> None:
    """The status form of one project: stage, its dates, the granted amount and a note."""
    current = session()
    notices = current.status_notices
    stage = st.session_state.get("map_stage")
    granted_text = str(st.session_state.get("map_granted") or "")
    try:
        granted: Money | None = _amount(granted_text)
    except ValueError as refused:
        notices.append(Notice("error", f"Toegekend bedrag: {refused}. Er is niets opgeslagen."))
        return
    try:
        status = HRStatus(
            stage=Stage(stage) if stage else Stage.CONCEPT,
            submitted_on=st.session_state.get("map_submitted_on"),
            decided_on=st.session_state.get("map_decided_on"),
            granted=granted,
            declared_on=st.session_state.get("map_declared_on"),
        )
    except ValidationError:
        notices.append(Notice("error", "Deze status kan niet worden opgeslagen."))
        return
    changed = _working_copy()
    entry = next((p for p in changed.project_map.projects if p.key == key), None)
    if entry is None:
        notices.append(Notice("warning", "Dit project staat niet (meer) in de map."))
        return
    entry.status = status
    entry.note = clean(str(st.session_state.get("map_note") or ""))[:1000]
    if save(changed, notices):
        notices.append(Notice("success", f"Status van ‘{for_markdown(entry.title)}’ opgeslagen."))


def open_as_draft(key: str) -> None:
    """A project read from a file becomes a draft (a new link) that the map follows from now.

    So every project in the map can be opened in the wizard; the file's answers are the
    draft's first version.
    """
    current = session()
    changed = _working_copy()
    entry = next((p for p in changed.project_map.projects if p.key == key), None)
    if entry is None or key in changed.links:
        return
    answers = entry.answers
    try:
        draft = store().create(answers.model_dump(mode="json"), keep=keep_for(answers))
    except (SQLAlchemyError, OSError, ValueError) as error:
        log_failure("create draft for map", error, None)
        current.status_notices.append(
            Notice("error", "Het concept kon nu niet worden gemaakt. Probeer het zo opnieuw.")
        )
        return
    changed.links[key] = draft.id
    if save(changed, current.status_notices):
        current.status_notices.append(
            Notice(
                "success",
                f"‘{for_markdown(entry.title)}’ is nu een concept met een eigen link; de map"
                " volgt het. Open het met *Concept openen*.",
            )
        )


def remove_project(key: str) -> None:
    current = session()
    changed = _working_copy()
    title = next((p.title for p in changed.project_map.projects if p.key == key), None)
    if title is None:
        return
    changed.remove(key)
    if save(changed, current.status_notices):
        current.status_notices.append(
            Notice(
                "success",
                f"‘{for_markdown(title)}’ is uit de map gehaald. Het concept zelf blijft bewaard.",
            )
        )


def save_limit() -> None:
    """A limit per scheme and year; both parts empty removes the limit of that scheme and year."""
    current = session()
    notices = current.limit_notices
    scheme = st.session_state.get("limit_scheme")
    year = st.session_state.get("limit_year")
    applications = st.session_state.get("limit_applications")
    if scheme is None or year is None:
        notices.append(Notice("error", "Kies een regeling en een jaar."))
        return
    try:
        amount = _amount(str(st.session_state.get("limit_amount") or ""))
    except ValueError as refused:
        notices.append(Notice("error", f"Plafond (bedrag): {refused}. Er is niets opgeslagen."))
        return
    scheme = Scheme(scheme)
    changed = _working_copy()
    limits = [x for x in changed.project_map.limits if not (x.scheme is scheme and x.year == year)]
    removed = len(limits) != len(changed.project_map.limits)
    if applications is None and amount is None:
        if not removed:
            notices.append(Notice("info", "Vul een aantal aanvragen, een bedrag of allebei in."))
            return
        changed.project_map.limits = limits
        if save(changed, notices):
            notices.append(Notice("success", "Het plafond is verwijderd."))
        return
    try:
        limit = FundLimit(
            scheme=Scheme(scheme), year=int(year), applications=applications, amount=amount
        )
    except ValidationError:
        notices.append(Notice("error", "Dit plafond kan niet worden opgeslagen."))
        return
    changed.project_map.limits = [*limits, limit]
    if save(changed, notices):
        notices.append(Notice("success", "Het plafond is opgeslagen."))


def _amount(text: str) -> Money | None:
    amount = limit_amount(text)
    if amount is not None and amount < 0:
        raise ValueError("een bedrag kan niet negatief zijn")
    return amount


def open_map_from_link() -> None:
    current = session()
    text = str(st.session_state.get("map_open_link") or "")
    match = _ID_IN_TEXT.search(text.strip())
    if match is None:
        current.notices.append(
            Notice("error", "Dit is geen link van een projectenmap (43 tekens na ?projectenmap=).")
        )
        return
    if _open(current, match.group(1), current.notices):
        st.session_state["map_open_link"] = ""
        current.notices.append(Notice("success", "De projectenmap is geopend."))


def new_map() -> None:
    """Start an empty map in this tab; the previous one stays under its own link."""
    current = session()
    previous = current.map_id
    current.forget()
    _drop_query()
    if previous:
        current.notices.append(
            Notice(
                "success",
                "U werkt nu in een nieuwe, lege projectenmap. De vorige blijft bewaard onder zijn"
                f" link: {map_link(previous)}",
            )
        )


# ------------------------------------------------------------------ files

FileSpec = tuple[str, str, str, bytes]
"""Button label, file name, MIME type, bytes."""


def make_files() -> None:
    """Build the workbook, CSV, calendar, PDF summary and saved map for the summary shown.

    On request rather than on every run: together they take about a second for 50 projects,
    and the page reruns at every click. Made again only when the map changed.
    """
    current = session()
    if current.summary is None:
        return
    key, _, summary = current.summary
    current.files = (
        key,
        {
            "xlsx": build_workbook(summary),
            "csv": build_csv(summary),
            "ics": build_calendar(summary),
            "pdf": build_overview_pdf(summary),
            "json": map_document(summary.project_map),
        },
    )


def made_files() -> dict[str, FileSpec] | None:
    """The files made for the summary shown now, with their labels; None when not made."""
    current = session()
    if current.files is None or current.files[0] != files_key():
        return None
    data = current.files[1]
    stem = f"projectenmap-{date.today().isoformat()}"
    return {
        "xlsx": (
            "Excel (.xlsx)",
            f"{stem}.xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            data["xlsx"],
        ),
        "csv": ("CSV", f"{stem}.csv", "text/csv", data["csv"]),
        "ics": ("Agenda (.ics)", f"{stem}.ics", "text/calendar", data["ics"]),
        "pdf": ("Samenvatting (PDF)", f"{stem}.pdf", "application/pdf", data["pdf"]),
        "json": ("Map bewaren (JSON)", f"{stem}.json", "application/json", data["json"]),
    }
