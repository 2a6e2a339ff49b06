"""The draft store on SQLite and on a real PostgreSQL server: save, load, expire, delete, conflict.

Every behaviour is checked on both backends (the `store` fixture is parametrized), because the
promise "nothing a user enters is lost" must hold for a single laptop and for replicas alike.
"""

from __future__ import annotations

import string
import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import delete, inspect

from aeno_core.drafts import (
    DEFAULT_PATH,
    MAX_PAYLOAD_BYTES,
    Draft,
    DraftNotFound,
    DraftStore,
    DraftTooLarge,
    VersionConflict,
    database_url,
    drafts_table,
    is_draft_id,
    new_draft_id,
    retention,
)

pytest_plugins = ["tests.postgres"]

pytestmark = pytest.mark.xdist_group("postgres")

TTL = timedelta(days=30)
START = datetime(2026, 3, 1, 9, 30, tzinfo=UTC)

ANSWERS = {
    "scheme": "impuls",
    "project_start": "2018-03-01",
    "project_end": "2018-09-30",
    "project": {"title": "Foutenfestival – één dag “leren van fouten”", "theme": None},
    "external_costs": [{"description": "Dagvoorzitter", "amount_ex_vat": "15000.00"}],
    "internal_staff": [
        {"role": "Projectleider", "project_leader": True, "scale": 10, "step": 6, "hours": "24.5"}
    ],
}


class Clock:
    """A clock the tests move forward to make drafts expire."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, delta: timedelta) -> None:
        self.now += delta


@pytest.fixture(params=["sqlite", "postgresql"])
def url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A database URL per backend; the PostgreSQL server is shared and emptied per test."""
    if request.param == "sqlite":
        return f"sqlite+pysqlite:///{tmp_path / 'drafts.sqlite3'}"
    pg_url = str(request.getfixturevalue("postgres_url"))
    cleaner = DraftStore(pg_url)
    with cleaner.engine.begin() as conn:
        conn.execute(delete(drafts_table))
    cleaner.dispose()
    return pg_url


@pytest.fixture
def clock() -> Clock:
    return Clock(START)


@pytest.fixture
def store(url: str, clock: Clock) -> Iterator[DraftStore]:
    store = DraftStore(url, ttl=TTL, clock=clock)
    yield store
    store.dispose()


def test_schema_is_created_on_start(url: str) -> None:
    store = DraftStore(url)
    assert "drafts" in inspect(store.engine).get_table_names()
    assert store.backend in url
    store.dispose()


def test_a_saved_draft_loads_back_exactly(store: DraftStore, clock: Clock) -> None:
    created = store.create(ANSWERS)
    loaded = store.load(created.id)
    assert loaded.data == ANSWERS
    assert loaded.version == 1
    assert loaded.created_at == loaded.updated_at == START
    assert loaded.expires_at == START + TTL
    assert loaded == created


def test_each_save_raises_the_version_and_restarts_the_expiry(
    store: DraftStore, clock: Clock
) -> None:
    draft = store.create({"scheme": "impuls"})
    clock.advance(timedelta(days=10))
    saved = store.save(draft.id, ANSWERS, expected_version=1)
    assert saved.version == 2
    assert saved.created_at == START
    assert saved.updated_at == START + timedelta(days=10)
    assert saved.expires_at == START + timedelta(days=10) + TTL
    assert store.load(draft.id) == saved


def test_the_later_of_two_tabs_is_told_and_nothing_is_overwritten(store: DraftStore) -> None:
    draft = store.create({"project": {"title": "begin"}})
    tab_a = store.load(draft.id)
    tab_b = store.load(draft.id)
    store.save(draft.id, {"project": {"title": "van tab A"}}, tab_a.version)
    with pytest.raises(VersionConflict) as conflict:
        store.save(draft.id, {"project": {"title": "van tab B"}}, tab_b.version)
    assert conflict.value.current.version == 2
    assert conflict.value.current.data == {"project": {"title": "van tab A"}}
    assert store.load(draft.id).data == {"project": {"title": "van tab A"}}
    # after reloading, tab B saves on top of A's version
    reloaded = store.load(draft.id)
    assert (
        store.save(draft.id, {"project": {"title": "B na herladen"}}, reloaded.version).version == 3
    )


def test_two_replicas_on_one_database_share_drafts_and_conflicts(url: str, clock: Clock) -> None:
    """Two app processes behind a load balancer: each request may land on either."""
    one = DraftStore(url, ttl=TTL, clock=clock)
    two = DraftStore(url, ttl=TTL, clock=clock)
    draft = one.create(ANSWERS)
    assert two.load(draft.id).data == ANSWERS
    two.save(draft.id, {"n": "via twee"}, expected_version=1)
    with pytest.raises(VersionConflict):
        one.save(draft.id, {"n": "via een"}, expected_version=1)
    assert one.load(draft.id).data == {"n": "via twee"}
    one.dispose()
    two.dispose()


def test_simultaneous_saves_on_one_version_let_exactly_one_win(store: DraftStore) -> None:
    draft = store.create({"n": -1})
    outcomes: list[str] = []
    barrier = threading.Barrier(8)

    def writer(n: int) -> None:
        barrier.wait()
        try:
            store.save(draft.id, {"n": n}, expected_version=1)
            outcomes.append(f"won {n}")
        except VersionConflict:
            outcomes.append("conflict")

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    winners = [o for o in outcomes if o.startswith("won")]
    assert len(winners) == 1, outcomes
    assert outcomes.count("conflict") == 7
    stored = store.load(draft.id)
    assert stored.version == 2
    assert f"won {stored.data['n']}" == winners[0]


def test_a_draft_expires_after_the_period(store: DraftStore, clock: Clock) -> None:
    draft = store.create(ANSWERS)
    clock.advance(TTL - timedelta(seconds=1))
    assert store.load(draft.id).data == ANSWERS
    clock.advance(timedelta(seconds=1))
    with pytest.raises(DraftNotFound):
        store.load(draft.id)
    with pytest.raises(DraftNotFound):
        store.save(draft.id, ANSWERS, expected_version=1)


def test_expired_drafts_are_purged_and_fresh_ones_kept(store: DraftStore, clock: Clock) -> None:
    old = [store.create({"n": n}) for n in range(3)]
    clock.advance(timedelta(days=20))
    fresh = store.create({"n": "fresh"})
    clock.advance(timedelta(days=11))  # old ones are 31 days old, fresh one 11
    assert store.count() == 4
    assert store.purge_expired() == 3
    assert store.count() == 1
    assert store.load(fresh.id).data == {"n": "fresh"}
    for draft in old:
        with pytest.raises(DraftNotFound):
            store.load(draft.id)


def test_a_starting_store_purges_what_expired_while_it_was_down(url: str, clock: Clock) -> None:
    first = DraftStore(url, ttl=TTL, clock=clock)
    first.create(ANSWERS)
    first.dispose()
    clock.advance(TTL + timedelta(minutes=1))
    second = DraftStore(url, ttl=TTL, clock=clock)
    assert second.count() == 0
    second.dispose()


def test_a_deleted_draft_is_gone_at_once(store: DraftStore) -> None:
    draft = store.create(ANSWERS)
    other = store.create({"n": "other"})
    assert store.delete(draft.id) is True
    with pytest.raises(DraftNotFound):
        store.load(draft.id)
    with pytest.raises(DraftNotFound):
        store.save(draft.id, ANSWERS, expected_version=1)
    assert store.delete(draft.id) is False
    assert store.load(other.id).data == {"n": "other"}


def test_draft_ids_are_long_random_and_url_safe(store: DraftStore) -> None:
    ids = {store.create({"n": n}).id for n in range(200)} | {new_draft_id() for _ in range(2000)}
    assert len(ids) == 2200
    alphabet = set(string.ascii_letters + string.digits + "-_")
    for draft_id in ids:
        assert len(draft_id) == 43  # 43 base64 characters = 256 bits >= 128 required
        assert set(draft_id) <= alphabet
        assert is_draft_id(draft_id)
    # every position varies: no counter or timestamp prefix to enumerate (the 43rd character
    # carries the last 4 of the 256 bits, so it takes 16 values)
    for position in range(42):
        assert len({draft_id[position] for draft_id in ids}) > 50
    assert len({draft_id[42] for draft_id in ids}) == 16


@pytest.mark.parametrize(
    "bad_id",
    ["", "1", "' OR '1'='1", "x" * 42, "x" * 44, "é" * 43, "../../etc/passwd", "%" * 43],
)
def test_malformed_or_guessed_ids_load_nothing(store: DraftStore, bad_id: str) -> None:
    store.create(ANSWERS)
    with pytest.raises(DraftNotFound):
        store.load(bad_id)
    assert store.delete(bad_id) is False


def test_a_neighbouring_id_finds_nothing(store: DraftStore) -> None:
    draft = store.create(ANSWERS)
    last = draft.id[-1]
    neighbour = draft.id[:-1] + ("A" if last != "A" else "B")
    with pytest.raises(DraftNotFound):
        store.load(neighbour)


def test_an_oversized_draft_is_refused_and_the_stored_one_kept(store: DraftStore) -> None:
    draft = store.create(ANSWERS)
    huge = {"project": {"title": "x" * (MAX_PAYLOAD_BYTES + 1)}}
    with pytest.raises(DraftTooLarge):
        store.save(draft.id, huge, expected_version=1)
    with pytest.raises(DraftTooLarge):
        store.create(huge)
    assert store.load(draft.id) == draft
    assert store.count() == 1


def test_default_store_is_a_local_sqlite_file_in_data() -> None:
    assert database_url({}) == f"sqlite+pysqlite:///{DEFAULT_PATH}"
    assert DEFAULT_PATH.parent.name == "data"


def test_store_location_comes_from_the_environment(tmp_path: Path) -> None:
    path = tmp_path / "elsewhere" / "concepten.db"
    assert database_url({"SUBSIDIEWIJZER_DRAFTS_PATH": str(path)}) == f"sqlite+pysqlite:///{path}"
    assert (
        database_url(
            {
                "SUBSIDIEWIJZER_DB_URL": "postgresql://app:geheim@db.internal:5432/subsidie",
                "SUBSIDIEWIJZER_DRAFTS_PATH": str(path),
            }
        )
        == "postgresql+psycopg://app:geheim@db.internal:5432/subsidie"
    )
    store = DraftStore(database_url({"SUBSIDIEWIJZER_DRAFTS_PATH": str(path)}))
    assert path.exists()  # the folder and the file are made on start
    store.dispose()


def test_retention_is_set_by_the_operator() -> None:
    assert retention({}) == timedelta(days=30)
    assert retention({"SUBSIDIEWIJZER_DRAFT_DAYS": "7"}) == timedelta(days=7)
    for bad in ("0", "-3", "dertig", "1.5"):
        with pytest.raises(ValueError, match="SUBSIDIEWIJZER_DRAFT_DAYS"):
            retention({"SUBSIDIEWIJZER_DRAFT_DAYS": bad})


def test_drafts_are_plain_frozen_records(store: DraftStore) -> None:
    draft = store.create(ANSWERS)
    assert isinstance(draft, Draft)
    with pytest.raises(AttributeError):
        draft.version = 5  # type: ignore[misc]


def test_a_draft_in_use_is_kept_until_eight_weeks_after_its_last_deadline(
    store: DraftStore, clock: Clock
) -> None:
    """Issue 16: an Innovatief project runs 14 months; its draft must outlive 30 days."""
    from datetime import date

    from aeno_core.drafts import KEEP_AFTER_LAST_DEADLINE, MAX_KEEP, keep_until

    declaratie_by = date(2027, 6, 30)
    keep = keep_until(declaratie_by)
    assert keep == datetime(2027, 8, 26, tzinfo=UTC)  # 8 weeks after, the whole day included
    assert keep.date() - declaratie_by == KEEP_AFTER_LAST_DEADLINE + timedelta(days=1)
    draft = store.create(ANSWERS, keep=keep)
    assert draft.expires_at == keep
    clock.advance(timedelta(days=200))
    assert store.load(draft.id).data == ANSWERS  # long past the usual 30 days
    saved = store.save(draft.id, ANSWERS, 1, keep=keep)
    assert saved.expires_at == keep == store.load(draft.id).expires_at
    # A deadline already near: never shorter than the usual period after the change.
    assert store.save(draft.id, ANSWERS, 2, keep=clock.now).expires_at == clock.now + TTL
    # A typed end date in 2040 keeps nothing for decades.
    far = store.save(draft.id, ANSWERS, 3, keep=keep_until(date(2040, 1, 1)))
    assert far.expires_at == clock.now + MAX_KEEP
    assert keep_until(None) is None
    # "Delete now" still removes it at once.
    assert store.delete(draft.id)
    with pytest.raises(DraftNotFound):
        store.load(draft.id)


def test_load_many_tells_found_deleted_and_unknown_apart(store: DraftStore, clock: Clock) -> None:
    kept = store.create(ANSWERS)
    gone = store.create({"scheme": "impuls"})
    expired = store.create({"scheme": "innovatief"})
    store.delete(gone.id)
    clock.advance(TTL - timedelta(seconds=1))
    kept = store.save(kept.id, ANSWERS, 1)
    clock.advance(timedelta(seconds=2))
    found, deleted = store.load_many([kept.id, gone.id, expired.id, new_draft_id(), "nonsense"])
    assert set(found) == {kept.id}
    assert found[kept.id] == kept
    assert deleted == {gone.id}


def test_extend_keeps_a_draft_longer_without_a_new_version(store: DraftStore, clock: Clock) -> None:
    from aeno_core.drafts import MAX_KEEP

    draft = store.create(ANSWERS)
    later = START + timedelta(days=200)
    assert store.extend(draft.id, later) == later
    kept = store.load(draft.id)
    assert kept.expires_at == later and kept.version == 1 and kept.data == ANSWERS
    assert store.extend(draft.id, START + timedelta(days=100)) is None  # never earlier
    assert store.extend(draft.id, START + timedelta(days=5000)) == START + MAX_KEEP
    assert store.extend(new_draft_id(), later) is None
