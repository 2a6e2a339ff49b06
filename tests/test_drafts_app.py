"""Drafts through the real app (Streamlit AppTest): autosave, restore from the link, two tabs,
delete, resume by link, demo mode. Each test gets its own SQLite file via the environment, the
way an operator configures the store.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from aeno_core.answers import Answers, evaluate
from aeno_core.drafts import DraftNotFound, DraftStore
from aeno_core.entry import dutch_amount
from aeno_core.examples import examples
from aeno_core.models import Phase
from tests.paths import ROOT
from tests.test_journeys import open_line

APP = str(ROOT / "app.py")
STATE_KEY = "subsidiewijzer"
DRAFT_KEY = "subsidiewijzer.concept"


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[DraftStore]:
    """The store the app will use (a fresh SQLite file), opened beside it to look inside."""
    path = tmp_path / "drafts.sqlite3"
    monkeypatch.delenv("SUBSIDIEWIJZER_DB_URL", raising=False)
    monkeypatch.setenv("SUBSIDIEWIJZER_DRAFTS_PATH", str(path))
    monkeypatch.setenv("SUBSIDIEWIJZER_DRAFT_DAYS", "14")
    store = DraftStore(f"sqlite+pysqlite:///{path}")
    yield store
    store.dispose()


def tab(concept: str | None = None, **params: str) -> AppTest:
    """A browser tab: a fresh session, optionally opened with `?concept=...`."""
    at = AppTest.from_file(APP, default_timeout=30)
    if concept is not None:
        at.query_params["concept"] = concept
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, at.exception
    return at


def answers_of(at: AppTest) -> Answers:
    answers = at.session_state[STATE_KEY].answers
    assert isinstance(answers, Answers)
    return answers


def texts(at: AppTest) -> str:
    parts = [e.value for kind in (at.success, at.info, at.warning, at.error) for e in kind]
    return "\n".join(str(p) for p in parts)


def load_foutenfestival(at: AppTest) -> str:
    at.button(key="example.foutenfestival").click().run()
    assert not at.exception, at.exception
    return str(at.query_params["concept"])


def set_title(at: AppTest, title: str) -> None:
    at.switch_page("pages/project.py").run()
    at.text_input(key="w.project.title").input(title).run()
    assert not at.exception, at.exception


def two_tabs_in_conflict(first_title: str, second_title: str) -> tuple[AppTest, str]:
    """One draft open in two tabs, each given a title: the second tab saved over a newer version.

    Returns the second tab and the draft's id.
    """
    first = tab()
    draft_id = load_foutenfestival(first)
    second = tab(draft_id)
    set_title(first, first_title)
    set_title(second, second_title)
    return second, draft_id


def test_nothing_is_stored_before_the_first_answer(db: DraftStore) -> None:
    at = tab()
    assert "concept" not in at.query_params
    assert db.count() == 0
    assert "Zodra u iets invult, wordt uw concept automatisch bewaard" in texts(at)


def test_the_first_change_stores_a_draft_and_puts_its_id_in_the_url(db: DraftStore) -> None:
    at = tab()
    draft_id = load_foutenfestival(at)
    stored = db.load(draft_id)
    expected = Answers.from_application(examples()["foutenfestival"].application)
    assert stored.data == expected.model_dump(mode="json")
    assert (stored.expires_at - stored.updated_at).days == 14  # the operator's setting
    assert "14 dagen na de laatste wijziging" in texts(at)


def test_every_change_is_saved_as_the_user_types(db: DraftStore) -> None:
    at = tab()
    draft_id = load_foutenfestival(at)
    set_title(at, "Foutenfestival 2027 – “leren van fouten”")
    stored = db.load(draft_id)
    assert stored.version == 2
    assert stored.data["project"]["title"] == "Foutenfestival 2027 – “leren van fouten”"


def test_a_cost_line_change_is_saved_after_the_line_drew(db: DraftStore) -> None:
    """A cost line's field saves after drawing (ui.costs `save_later`), never not at all.

    Each field of a line: its value is stored with the run it started, and a second tab that
    saved in between meets the conflict choice instead of being overwritten.
    """
    at = tab()
    draft_id = load_foutenfestival(at)
    at.switch_page("pages/kosten.py").run()
    edits = [
        ("w.external_costs.0.amount_ex_vat", "17.000", ("external_costs", 0, "amount_ex_vat")),
        ("w.external_costs.1.description", "Zaalhuur", ("external_costs", 1, "description")),
        ("w.internal_staff.1.hours", "30,5", ("internal_staff", 1, "hours")),
        ("w.internal_staff.2.role", "Adviseur", ("internal_staff", 2, "role")),
    ]
    for version, (key, typed, (table, index, name)) in enumerate(edits, start=2):
        open_line(at, table, index)  # opening a line stores nothing
        at.text_input(key=key).input(typed).run()
        assert not at.exception, at.exception
        stored = db.load(draft_id)
        assert stored.version == version, key
        assert stored.data[table][index][name] == typed
    assert db.load(draft_id).data == answers_of(at).model_dump(mode="json")

    other = tab(draft_id)
    set_title(other, "Intussen in een ander tabblad")
    open_line(at, "external_costs", 0)
    at.text_input(key="w.external_costs.0.amount_ex_vat").input("18.000").run()
    assert not at.exception, at.exception
    assert db.load(draft_id).data["project"]["title"] == "Intussen in een ander tabblad"
    assert db.load(draft_id).data["external_costs"][0]["amount_ex_vat"] == "17.000"
    labels = [b.label for b in at.button]
    assert "Laad de nieuwste versie" in labels, labels


def test_the_link_in_a_new_tab_brings_back_every_answer(db: DraftStore) -> None:
    first = tab()
    draft_id = load_foutenfestival(first)
    set_title(first, "Met de link terug")
    again = tab(draft_id)
    assert answers_of(again) == answers_of(first)
    assert again.query_params["concept"] == draft_id
    assert db.load(draft_id).version == 2  # opening does not write


def test_an_unknown_or_expired_link_says_so_and_starts_clean(db: DraftStore) -> None:
    at = tab("x" * 43)
    assert "Er is geen concept gevonden bij deze link" in texts(at)
    assert "concept" not in at.query_params
    assert answers_of(at) == Answers()


def test_the_later_of_two_tabs_is_told_and_can_reload(db: DraftStore) -> None:
    second, draft_id = two_tabs_in_conflict(
        "Titel uit het eerste tabblad", "Titel uit het tweede tabblad"
    )
    assert "Dit concept is intussen ergens anders gewijzigd" in texts(second)
    stored = db.load(draft_id)
    assert stored.data["project"]["title"] == "Titel uit het eerste tabblad"  # not overwritten
    second.button(key="concept_reload").click().run()
    assert answers_of(second).project.title == "Titel uit het eerste tabblad"
    assert "De nieuwste versie van het concept is geladen" in texts(second)
    set_title(second, "Nu mag het")
    assert db.load(draft_id).data["project"]["title"] == "Nu mag het"


def test_the_later_tab_can_keep_its_version_as_a_new_draft(db: DraftStore) -> None:
    second, draft_id = two_tabs_in_conflict("Eerste", "Tweede")
    second.button(key="concept_fork").click().run()
    new_id = str(second.query_params["concept"])
    assert new_id != draft_id
    assert db.load(new_id).data["project"]["title"] == "Tweede"
    assert db.load(draft_id).data["project"]["title"] == "Eerste"
    assert draft_id in texts(second)  # the other draft's link is shown, nothing is lost


def test_delete_removes_the_draft_at_once_and_clears_the_answers(db: DraftStore) -> None:
    at = tab()
    draft_id = load_foutenfestival(at)
    at.switch_page("pages/start.py").run()
    at.button(key="concept_delete").click().run()
    with pytest.raises(DraftNotFound):
        db.load(draft_id)
    assert db.count() == 0
    assert "concept" not in at.query_params
    assert answers_of(at) == Answers()
    assert "Het concept is verwijderd" in texts(at)
    assert "Dit concept is verwijderd" in texts(tab(draft_id))


def test_resume_by_pasting_a_link(db: DraftStore) -> None:
    first = tab()
    draft_id = load_foutenfestival(first)
    other = tab()
    other.text_input(key="concept_resume_link").input(
        f"https://subsidiewijzer.example/kosten?concept={draft_id}"
    )
    other.button(key="FormSubmitter:concept_resume-Concept openen").click().run()
    assert answers_of(other) == answers_of(first)
    assert other.query_params["concept"] == draft_id
    assert "Concept ‘Foutenfestival’ is geopend" in texts(other)


def test_resume_with_a_wrong_link_leaves_the_current_draft_alone(db: DraftStore) -> None:
    at = tab()
    draft_id = load_foutenfestival(at)
    before = answers_of(at).model_copy(deep=True)
    for wrong in ("geen link", "https://x/?concept=" + "A" * 43):
        at.text_input(key="concept_resume_link").input(wrong)
        at.button(key="FormSubmitter:concept_resume-Concept openen").click().run()
        assert answers_of(at) == before
        assert at.query_params["concept"] == draft_id
    assert "geen link of code van een concept" in texts(at) or "Er is geen concept" in texts(at)


def test_with_autosave_off_only_the_save_button_stores(db: DraftStore) -> None:
    at = tab()
    at.toggle(key="concept_autosave").set_value(False).run()
    at.button(key="example.foutenfestival").click().run()
    assert db.count() == 0
    assert "concept" not in at.query_params
    at.button(key="concept_save").click().run()
    draft_id = str(at.query_params["concept"])
    assert db.load(draft_id).data == answers_of(at).model_dump(mode="json")
    assert "Opgeslagen om" in texts(at)


def test_demo_mode_stores_nothing(db: DraftStore) -> None:
    at = tab(demo="1")
    at.button(key="example.foutenfestival").click().run()
    assert db.count() == 0
    assert "concept" not in at.query_params


def test_an_unreachable_store_is_reported_and_the_answers_stay(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from tests.conftest import free_port

    # a PostgreSQL URL on a port where nothing listens: every save fails
    monkeypatch.setenv(
        "SUBSIDIEWIJZER_DB_URL", f"postgresql://nobody@127.0.0.1:{free_port()}/nothing"
    )
    at = tab()
    at.button(key="example.foutenfestival").click().run()
    assert not at.exception
    assert "Opslaan is niet gelukt" in texts(at)
    assert "concept" not in at.query_params
    expected = Answers.from_application(examples()["foutenfestival"].application)
    assert answers_of(at) == expected


def test_demo_mode_leaves_an_existing_draft_as_it_was(db: DraftStore) -> None:
    at = tab()
    draft_id = load_foutenfestival(at)
    stored = db.load(draft_id)
    at.button(key="sw-demo-enable").click().run()
    assert "concept" not in at.query_params
    at.button(key="example.innovatief_leerlab_digitale_balie").click().run()
    assert db.load(draft_id) == stored
    assert db.count() == 1
    at.button(key="sw-demo-disable").click().run()
    at.button(key="example.innovatief_talentenruil").click().run()
    new_id = str(at.query_params["concept"])
    assert new_id != draft_id  # after the demo a new draft; the old one is untouched
    assert db.load(draft_id) == stored
    assert db.count() == 2


def test_a_link_that_cannot_be_loaded_now_is_not_replaced(monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.conftest import free_port

    monkeypatch.setenv(
        "SUBSIDIEWIJZER_DB_URL", f"postgresql://nobody@127.0.0.1:{free_port()}/nothing"
    )
    draft_id = "B" * 43
    at = tab(draft_id)
    assert "Het concept zelf is niet verloren" in texts(at)
    at.button(key="example.foutenfestival").click().run()
    assert at.query_params["concept"] == draft_id  # the link stays, no new draft replaces it
    assert "Opslaan is niet gelukt" not in texts(at)


def test_declaratie_voorbereiden_starts_a_new_draft_and_leaves_the_aanvraag(
    db: DraftStore,
) -> None:
    """Resultaat of an Innovatief aanvraag: one button starts the declaratie from it."""
    at = tab()
    at.button(key="example.innovatief_leerlab_digitale_balie").click().run()
    aanvraag_id = str(at.query_params["concept"])
    aanvraag = answers_of(at).model_copy(deep=True)
    at.switch_page("pages/resultaat.py").run()
    assert not at.exception, at.exception
    headers = [h.value for h in at.header]
    assert "Na de beschikking: declareren" in headers, headers

    at.button(key="sw-prepare-declaratie").click().run()
    assert not at.exception, at.exception
    assert "De declaratie is begonnen" in texts(at)
    declaratie = answers_of(at)
    assert declaratie.phase is Phase.DECLARATIE
    expected = evaluate(aanvraag).estimate
    assert expected is not None
    assert declaratie.provisional_subsidy == dutch_amount(expected.calculation.subsidy)
    assert declaratie.granted_lines and declaratie.external_costs == aanvraag.external_costs
    declaratie_id = str(at.query_params["concept"])
    assert declaratie_id != aanvraag_id
    assert db.load(declaratie_id).data["phase"] == Phase.DECLARATIE.value
    # The aanvraag stays as it was filed, under its own link, which the page names.
    assert Answers.model_validate(db.load(aanvraag_id).data) == aanvraag
    assert aanvraag_id in texts(at)


def test_declaratie_voorbereiden_is_offered_only_for_an_innovatief_aanvraag(
    db: DraftStore,
) -> None:
    at = tab()
    load_foutenfestival(at)  # an Impuls project: paid on the aanvraag, no declaratie
    at.switch_page("pages/resultaat.py").run()
    assert not at.exception, at.exception
    assert "Na de beschikking: declareren" not in [h.value for h in at.header]
    assert not [b for b in at.button if b.key == "sw-prepare-declaratie"]
