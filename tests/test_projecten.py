"""The Projecten page (HR's projects map) through AppTest, with drafts in a real SQLite store.

HR adds the current draft, pastes draft links and uploads several exports at once; a refused
file gets a Dutch line next to the field, never a traceback; the map's own link is stored in
the draft store with its versions, so a second officer's change is never overwritten silently;
a draft that changed shows in the map, one that expired or was deleted shows as such.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from aeno_core.answers import Answers, evaluate
from aeno_core.drafts import DraftStore, is_draft_id
from aeno_core.examples import examples
from aeno_core.export import export_document
from aeno_core.formatting import money
from aeno_core.models import Scheme
from aeno_core.overview import Stage
from aeno_core.stored_map import StoredMap
from tests.conftest import APP
from ui.projects_map import QUERY_KEY, SESSION_KEY, MapSession

PAGE = "pages/projecten.py"


KEYS = {
    "foutenfestival": "foutenfestival",
    "leerlab": "innovatief_leerlab_digitale_balie",
    "talentenruil": "innovatief_talentenruil",
}


def example(key: str) -> Answers:
    return Answers.from_application(examples()[KEYS[key]].application)


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[DraftStore]:
    """The store the app uses (the same SQLite file), for the test's own drafts and checks."""
    path = tmp_path / "drafts.sqlite3"
    monkeypatch.setenv("SUBSIDIEWIJZER_DRAFTS_PATH", str(path))
    the_store = DraftStore(f"sqlite+pysqlite:///{path}")
    yield the_store
    the_store.dispose()


def open_page(query: dict[str, str] | None = None) -> AppTest:
    app = AppTest.from_file(str(APP), default_timeout=60)
    for key, value in (query or {}).items():
        app.query_params[key] = value
    app.switch_page(PAGE)
    return app.run()


def texts(app: AppTest) -> str:
    parts = [m.value for m in app.markdown] + [c.value for c in app.caption]
    parts += [e.value for e in app.error] + [w.value for w in app.warning]
    parts += [i.value for i in app.info] + [s.value for s in app.success]
    parts += [c.value for c in app.code]
    return "\n".join(parts).replace("\\", "")  # Markdown escapes of user text


def no_exception(app: AppTest) -> None:
    assert not app.exception, [e.value for e in app.exception]


def map_session(app: AppTest) -> MapSession:
    value = app.session_state[SESSION_KEY]
    assert isinstance(value, MapSession)
    return value


def stored_map(store: DraftStore, app: AppTest) -> StoredMap:
    map_id = map_session(app).map_id
    assert map_id is not None
    return StoredMap.model_validate(store.load(map_id).data)


def test_the_page_runs_empty_and_is_no_step_of_the_wizard(new_app: Callable[[], AppTest]) -> None:
    app = new_app()
    app.switch_page(PAGE).run()
    no_exception(app)
    assert "Projecten (HR)" in [t.value for t in app.title]
    assert "De map is nog leeg." in texts(app)
    assert "Stap " not in texts(app)  # no "Stap x van 7"
    links = [link.proto.label for link in app.sidebar.get("page_link")]
    assert "Projectenmap voor HR" in links
    assert not any(label.startswith("8.") for label in links)


def test_hr_gathers_projects_by_draft_link_and_by_uploading_exports(store: DraftStore) -> None:
    app = open_page()
    # The wizard's own draft in this tab (an example loaded on Start is saved as a draft).
    app.switch_page("pages/start.py").run()
    app.button(key="example.foutenfestival").click().run()
    app.switch_page(PAGE).run()
    app.button(key="map_add_current").click().run()
    no_exception(app)
    session = map_session(app)
    assert session.map_id is not None and is_draft_id(session.map_id)
    assert session.map_id in str(app.query_params[QUERY_KEY])
    assert f"{QUERY_KEY}={session.map_id}" in texts(app)
    assert "zoals een wachtwoord" in texts(app)

    # Two links pasted at once (one in a sentence), one of a deleted draft, one of nothing.
    leerlab = store.create(example("leerlab").model_dump(mode="json"))
    gone = store.create(example("talentenruil").model_dump(mode="json"))
    store.delete(gone.id)
    app.text_area(key="map_links").input(
        f"http://x/?concept={leerlab.id}\nen ook {gone.id}\n{'A' * 43}"
    )
    app.button(key="FormSubmitter:map_links_form-Links toevoegen").click().run()
    no_exception(app)
    said = texts(app)
    assert "Toegevoegd: ‘Leerlab digitale balie’." in said
    assert "Link 2: dit concept is verwijderd." in said
    assert "Link 3: dit concept is verlopen of bestaat niet." in said

    # Two exports and one hostile file at once: the bad one is named, the others read.
    ruil = example("talentenruil")
    ruil.project.title = "Talentenruil 2"
    files = [
        ("talentenruil.json", export_document(example("talentenruil")), "application/json"),
        ("ruil2.json", export_document(ruil), "application/json"),
        ("kapot.yaml", b"a: &x [1]\nb: *x\n", "application/x-yaml"),
    ]
    app.file_uploader[0].set_value(files).run()
    no_exception(app)
    said = texts(app)
    assert "Het bestand ‘kapot.yaml’ is niet ingelezen" in said
    assert "De projectenmap is niet veranderd." in said
    assert "Ingelezen: ‘Talentenruil in de regio’, ‘Talentenruil 2’." in said

    kept = stored_map(store, app)
    titles = [p.title for p in kept.project_map.projects]
    assert titles == [
        "Foutenfestival",
        "Leerlab digitale balie",
        "Talentenruil in de regio",
        "Talentenruil 2",
    ]
    assert len(kept.links) == 2  # the two by link follow their drafts; the uploads do not

    # The totals the page shows are the core's own estimates, added up.
    own = [
        evaluate(p.answers).estimate.calculation.subsidy  # type: ignore[union-attr]
        for p in kept.project_map.projects
    ]
    innovatief = sum(own[1:], Decimal(0))
    assert money(innovatief) in texts(app)
    assert money(own[0]) in texts(app)


def _map_with_three(store: DraftStore) -> tuple[str, dict[str, str]]:
    """A stored map of three drafts (by link), as another officer's tab left it."""
    stored = StoredMap()
    ids = {}
    for key in ("foutenfestival", "leerlab", "talentenruil"):
        draft = store.create(example(key).model_dump(mode="json"))
        entry = stored.project_map.add(example(key))
        stored.links[entry.key] = draft.id
        ids[key] = draft.id
    created = store.create(stored.model_dump(mode="json"))
    return created.id, ids


def test_status_limit_and_files(store: DraftStore) -> None:
    map_id, _ = _map_with_three(store)
    app = open_page({QUERY_KEY: map_id})
    no_exception(app)
    assert map_session(app).map_id == map_id
    first = map_session(app).stored.project_map.projects[0].key
    app.selectbox(key="map_selected").set_value(first).run()
    app.selectbox(key="map_stage").set_value(Stage.BESCHIKKING.value)
    app.date_input(key="map_submitted_on").set_value(date(2019, 3, 1))
    app.date_input(key="map_decided_on").set_value(date(2019, 4, 1))
    app.text_input(key="map_granted").input("9.000")
    submit = next(b for b in app.button if b.label == "Status opslaan")
    submit.click().run()
    no_exception(app)
    status = stored_map(store, app).project_map.projects[0].status
    assert status.stage is Stage.BESCHIKKING and status.granted == Decimal("9000")
    assert status.submitted_on == date(2019, 3, 1)

    # A granted amount that is not an amount: a Dutch message, nothing stored.
    app.text_input(key="map_granted").input("negen")
    next(b for b in app.button if b.label == "Status opslaan").click().run()
    no_exception(app)
    assert "Toegekend bedrag:" in texts(app) and "Er is niets opgeslagen." in texts(app)

    # A limit of one Innovatief application in 2019: two count, so it is over.
    app.selectbox(key="limit_scheme").set_value(Scheme.INNOVATIEF.value)
    app.number_input(key="limit_year").set_value(2019)
    app.number_input(key="limit_applications").set_value(1)
    app.button(key="FormSubmitter:map_limit-Plafond opslaan").click().run()
    no_exception(app)
    errors = [e.value for e in app.error]
    assert any("Overschreden" in e and "2 van 1 aanvragen" in e for e in errors), errors
    assert len(stored_map(store, app).project_map.limits) == 1

    # Files on request, then five downloads.
    assert not app.get("download_button")
    app.button(key="map_make_files").click().run()
    no_exception(app)
    labels = [d.proto.label for d in app.get("download_button")]
    assert labels == [
        "Excel (.xlsx)",
        "CSV",
        "Agenda (.ics)",
        "Samenvatting (PDF)",
        "Map bewaren (JSON)",
    ]
    # A change makes them stale: they are offered to be made again.
    app.text_input(key=f"map_organisation_{map_session(app).version}").input("Gemeente X").run()
    assert not app.get("download_button")


def test_two_officers_never_overwrite_each_other(store: DraftStore) -> None:
    map_id, _ = _map_with_three(store)
    first = open_page({QUERY_KEY: map_id})
    second = open_page({QUERY_KEY: map_id})
    first.text_input(key="map_organisation_1").input("Gemeente Een").run()
    second.text_input(key="map_organisation_1").input("Gemeente Twee").run()
    no_exception(second)
    assert "intussen door iemand anders gewijzigd" in texts(second)
    assert stored_map(store, first).project_map.organisation == "Gemeente Een"
    second.button(key="map_fork").click().run()
    no_exception(second)
    assert map_session(second).map_id != map_id
    assert stored_map(store, second).project_map.organisation == "Gemeente Twee"
    assert StoredMap.model_validate(store.load(map_id).data).project_map.organisation == (
        "Gemeente Een"
    )


def test_a_changed_draft_shows_and_a_gone_one_shows_as_such(store: DraftStore) -> None:
    map_id, ids = _map_with_three(store)
    changed = example("leerlab")
    changed.project.title = "Leerlab, nu groter"
    store.save(ids["leerlab"], changed.model_dump(mode="json"), 1)
    store.delete(ids["talentenruil"])
    app = open_page({QUERY_KEY: map_id})
    no_exception(app)
    said = texts(app)
    assert "Leerlab, nu groter" in said
    assert "Talentenruil in de regio: Het concept is verwijderd" in said
    assert "Concept verwijderd" in said and not app.error
    # Opening a project opens its draft, in the wizard.
    live = map_session(app).stored.links
    app.selectbox(key="map_selected").set_value(
        next(k for k, v in live.items() if v == ids["foutenfestival"])
    ).run()
    button = app.get("link_button")[0]
    assert button.proto.url == f"overzicht?concept={ids['foutenfestival']}"


def test_wrong_links_are_told_in_dutch(store: DraftStore) -> None:
    draft = store.create(example("leerlab").model_dump(mode="json"))
    app = open_page({QUERY_KEY: draft.id})
    no_exception(app)
    assert "hoort bij een concept van één project" in texts(app)
    map_id, _ = _map_with_three(store)
    store.delete(map_id)
    app = open_page({QUERY_KEY: map_id})
    no_exception(app)
    assert "Deze projectenmap is verwijderd." in texts(app)
    # A map's link given to the wizard as a draft never opens (nor overwrites) the map.
    other, _ = _map_with_three(store)
    wizard = AppTest.from_file(str(APP), default_timeout=60)
    wizard.query_params["concept"] = other
    wizard.run()
    no_exception(wizard)
    assert "hoort bij een projectenmap" in texts(wizard)
    assert StoredMap.model_validate(store.load(other).data).project_map.projects


def test_a_map_in_use_is_kept_until_eight_weeks_after_its_last_deadline(
    store: DraftStore,
) -> None:
    answers = example("leerlab")
    answers.project_start = date.today() + timedelta(days=30)
    answers.project_end = date.today() + timedelta(days=300)
    answers.submitted_on = None
    draft = store.create(answers.model_dump(mode="json"))
    app = open_page()
    app.text_area(key="map_links").input(draft.id)
    app.button(key="FormSubmitter:map_links_form-Links toevoegen").click().run()
    no_exception(app)
    session = map_session(app)
    assert session.expires_at is not None
    result = evaluate(answers).estimate
    assert result is not None
    last = max(d.day for d in result.deadlines.items)
    assert session.expires_at.date() == last + timedelta(weeks=8, days=1)
    assert "8 weken na de laatste termijn" in texts(app)


def test_demo_mode_stores_no_map(new_app: Callable[[], AppTest]) -> None:
    app = AppTest.from_file(str(APP), default_timeout=60)
    app.query_params["demo"] = "1"
    app.switch_page(PAGE).run()
    no_exception(app)
    assert "wordt niets bewaard" in texts(app)
    assert not app.get("file_uploader")


def test_a_project_from_a_file_can_become_a_draft_the_map_follows(store: DraftStore) -> None:
    app = open_page()
    app.file_uploader[0].set_value(
        [("leerlab.json", export_document(example("leerlab")), "application/json")]
    ).run()
    no_exception(app)
    key = map_session(app).stored.project_map.projects[0].key
    assert key not in map_session(app).stored.links
    assert not app.get("link_button")
    app.button(key="map_make_draft").click().run()
    no_exception(app)
    draft_id = stored_map(store, app).links[key]
    assert store.load(draft_id).data == example("leerlab").model_dump(mode="json")
    assert app.get("link_button")[0].proto.url == f"overzicht?concept={draft_id}"


def test_a_draft_in_use_shows_it_is_kept_until_eight_weeks_after_its_last_deadline(
    store: DraftStore,
) -> None:
    from aeno_core.drafts import keep_until
    from ui.drafts.link import SESSION_KEY as DRAFT_KEY

    app = AppTest.from_file(str(APP), default_timeout=60).run()
    app.button(key="example.innovatief_leerlab_digitale_balie").click().run()
    app.switch_page("pages/project.py").run()
    app.date_input(key="w.project_start").set_value(date(2027, 1, 1)).run()
    app.date_input(key="w.project_end").set_value(date(2027, 12, 31)).run()
    no_exception(app)
    draft = app.session_state[DRAFT_KEY]
    answers = Answers.model_validate(store.load(draft.draft_id).data)
    result = evaluate(answers).estimate
    assert result is not None
    last = max(d.day for d in result.deadlines.items)
    assert last == date(2028, 2, 25)  # the declaratie, 8 weeks after the end
    assert store.load(draft.draft_id).expires_at == keep_until(last)
    # A later change keeps it so (a new version, the same expiry), and Start says why.
    app.text_input(key="w.project.title").input("Leerlab 2027").run()
    stored = store.load(draft.draft_id)
    assert stored.version > 1 and stored.expires_at == keep_until(last)
    app.switch_page("pages/start.py").run()
    assert "8 weken na de laatste termijn van het project" in texts(app)
