"""The draft store: every answer a user gives survives a refresh, a closed tab and a colleague's link.

Nobody fills in a subsidy application in one sitting, so the wizard saves each change here under
an unguessable id that lives in the page URL. The store is SQLAlchemy Core so the same code runs
on a local SQLite file (zero set-up) and on PostgreSQL (several app replicas share drafts).

Each draft carries a version: a save names the version it started from and only succeeds when
that is still the stored one (`UPDATE ... WHERE id = :id AND version = :expected`). Two tabs on
one draft therefore never overwrite each other silently: the later save gets `VersionConflict`.

Drafts hold salary details (personal data), so they expire: `ttl` after the last save they can no
longer be loaded and are purged. Pure Python: no Streamlit here.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import re
import secrets
import sqlite3
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from datetime import time as clock_time
from pathlib import Path
from typing import Any

from sqlalchemy import (
    Column,
    DateTime,
    Engine,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    create_engine,
    delete,
    event,
    func,
    insert,
    select,
    update,
)
from sqlalchemy.engine import make_url

log = logging.getLogger(__name__)

ENV_URL = "SUBSIDIEWIJZER_DB_URL"
"""A full SQLAlchemy URL; `postgresql://...` selects PostgreSQL (driver psycopg 3)."""

ENV_PATH = "SUBSIDIEWIJZER_DRAFTS_PATH"
"""The SQLite file when no URL is given; default `data/drafts.sqlite3` in the project."""

ENV_DAYS = "SUBSIDIEWIJZER_DRAFT_DAYS"
"""How many days after its last change a draft is kept (default 30)."""

DEFAULT_DAYS = 30
DEFAULT_PATH = Path(__file__).resolve().parent.parent / "data" / "drafts.sqlite3"

MAX_PAYLOAD_BYTES = 1_000_000
"""The same ceiling as an imported file: far above any real application, refused beyond it."""

KEEP_AFTER_LAST_DEADLINE = timedelta(weeks=8)
"""A draft or projects map in use is kept until this long after its last deadline (issue 16).

The retention of this app, not a rule of the fund: an Innovatief project runs up to 14 months
and HR still needs its draft for the declaratie, eight weeks after the end. The declaratie's
deadline is the last one a project has; eight weeks after it leaves room for the fund's
questions. Never shorter than the usual period after the last change (`retention()`)."""

MAX_KEEP = timedelta(days=3 * 365)
"""However far away a typed end date lies (2040), a draft is never kept longer than this after
its last change: the dates are the user's text, and personal data must not stay for decades."""

PURGE_INTERVAL_SECONDS = 3600.0
"""Expired drafts are deleted when the store starts and then at most once an hour per process."""

ID_BYTES = 32
"""256 random bits: `secrets.token_urlsafe(32)` gives 43 URL-safe characters."""

_ID_PATTERN = re.compile(r"[A-Za-z0-9_-]{43}")

metadata = MetaData()

drafts_table = Table(
    "drafts",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("version", Integer, nullable=False),
    Column("payload", Text, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    Column("expires_at", DateTime(timezone=True), nullable=False, index=True),
)

deleted_table = Table(
    "deleted_drafts",
    metadata,
    Column("id_hash", String(64), primary_key=True),
    Column("expires_at", DateTime(timezone=True), nullable=False, index=True),
)
"""Drafts deleted by a user, by the SHA-256 of their id (never the id): a tab still open on such
a draft is told, instead of silently storing the answers again. Kept as long as a draft would be."""


class DraftError(Exception):
    """Base of what the store refuses; the UI turns each into a Dutch message."""


class DraftNotFound(DraftError):
    """The draft does not exist (never did, expired, or was deleted)."""


class VersionConflict(DraftError):
    """Someone saved the draft since this copy was loaded; `current` is what is stored now."""

    def __init__(self, current: Draft) -> None:
        super().__init__(f"draft changed elsewhere (now version {current.version})")
        self.current = current


class DraftDeleted(DraftNotFound):
    """The draft was deleted by a user (not expired): an open tab must not quietly recreate it."""


class DraftTooLarge(DraftError):
    """The answers would take more than `MAX_PAYLOAD_BYTES`: refused before touching the store."""


@dataclass(frozen=True)
class Draft:
    """One stored draft: the answers as plain JSON data plus bookkeeping."""

    id: str
    version: int
    data: dict[str, Any]
    created_at: datetime
    updated_at: datetime
    expires_at: datetime


def new_draft_id() -> str:
    """An id nobody can guess or enumerate: 256 bits from the OS's secure random source."""
    return secrets.token_urlsafe(ID_BYTES)


def is_draft_id(value: str) -> bool:
    """Whether `value` has the shape of an id; anything else never reaches the database."""
    return bool(_ID_PATTERN.fullmatch(value))


def draft_ref(draft_id: str | None) -> str:
    """A short, one-way name of a draft for logs: the first 8 hex digits of its SHA-256.

    Enough to tell two drafts apart in an operator's log; the id itself is a password.
    """
    if not draft_id:
        return "-"
    return hashlib.sha256(draft_id.encode("utf-8", "replace")).hexdigest()[:8]


def database_url(environ: Mapping[str, str] | None = None) -> str:
    """The store's URL from the environment: the operator's URL, else a local SQLite file."""
    env = os.environ if environ is None else environ
    url = env.get(ENV_URL, "").strip()
    if url:
        return _with_driver(url)
    path = Path(env.get(ENV_PATH, "").strip() or DEFAULT_PATH)
    return f"sqlite+pysqlite:///{path.expanduser().resolve()}"


def retention(environ: Mapping[str, str] | None = None) -> timedelta:
    """The period the operator set (whole days, at least 1), default 30 days."""
    env = os.environ if environ is None else environ
    raw = env.get(ENV_DAYS, "").strip()
    if not raw:
        return timedelta(days=DEFAULT_DAYS)
    try:
        days = int(raw)
    except ValueError:
        raise ValueError(f"{ENV_DAYS} must be a whole number of days, got {raw!r}") from None
    if days < 1:
        raise ValueError(f"{ENV_DAYS} must be at least 1, got {days}")
    return timedelta(days=days)


def keep_until(last_deadline: date | None) -> datetime | None:
    """The moment a draft whose last deadline is `last_deadline` may go: 8 weeks after that day.

    None when there is no deadline (an incomplete draft): then only the usual period counts.
    The end of the day in UTC, so the whole last day is included.
    """
    if last_deadline is None:
        return None
    day = last_deadline + KEEP_AFTER_LAST_DEADLINE + timedelta(days=1)
    return datetime.combine(day, clock_time.min, UTC)


def _with_driver(url: str) -> str:
    """`postgresql://` would pick psycopg2, which we do not ship: use psycopg 3."""
    parsed = make_url(url)
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed.render_as_string(hide_password=False)


def _utc(moment: datetime) -> datetime:
    """SQLite hands datetimes back without a zone; everything we store is UTC."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def _now() -> datetime:
    return datetime.now(UTC)


class DraftStore:
    """Create, load, save (versioned), delete and purge drafts in one SQL database.

    Thread-safe: Streamlit runs each session's script in its own thread, and the engine's pool
    gives each call its own connection.
    """

    def __init__(
        self,
        url: str | None = None,
        *,
        ttl: timedelta | None = None,
        clock: Callable[[], datetime] = _now,
    ) -> None:
        self.url = _with_driver(url) if url else database_url()
        self.ttl = ttl if ttl is not None else retention()
        if self.ttl <= timedelta(0):
            raise ValueError("a draft must be kept for a positive period")
        self._clock = clock
        self.engine = _engine(self.url)
        metadata.create_all(self.engine)
        self._purge_lock = threading.Lock()
        self._last_purge = time.monotonic()
        self.purge_expired()

    @property
    def backend(self) -> str:
        """`sqlite` or `postgresql`, for the Start page and the benchmark."""
        return self.engine.dialect.name

    def now(self) -> datetime:
        """The store's clock, in UTC (tests move it to see drafts expire)."""
        return _utc(self._clock())

    def expiry(self, now: datetime, keep: datetime | None = None) -> datetime:
        """When a draft saved `now` expires: `ttl` after the change, or `keep` if later.

        `keep` (from `keep_until`) is held to `MAX_KEEP` after the change.
        """
        usual = now + self.ttl
        if keep is None:
            return usual
        return max(usual, min(_utc(keep), now + MAX_KEEP))

    def create(self, data: Mapping[str, Any], *, keep: datetime | None = None) -> Draft:
        """Store new answers under a fresh id, version 1 (kept until `expiry(now, keep)`)."""
        started = time.perf_counter()
        payload = _encode(data)
        now = self.now()
        expires = self.expiry(now, keep)
        draft_id = new_draft_id()
        with self.engine.begin() as conn:
            conn.execute(
                insert(drafts_table).values(
                    id=draft_id,
                    version=1,
                    payload=payload,
                    created_at=now,
                    updated_at=now,
                    expires_at=expires,
                )
            )
        self._maybe_purge()
        self._log("create", started)
        return Draft(draft_id, 1, json.loads(payload), now, now, expires)

    def load(self, draft_id: str) -> Draft:
        """The stored draft, unless it is unknown, malformed or expired (`DraftNotFound`).

        A draft a user deleted raises `DraftDeleted` (a `DraftNotFound`), so a tab can say so.
        """
        if not is_draft_id(draft_id):
            raise DraftNotFound(draft_id)
        started = time.perf_counter()
        with self.engine.connect() as conn:
            row = conn.execute(
                select(drafts_table).where(
                    drafts_table.c.id == draft_id, drafts_table.c.expires_at > self.now()
                )
            ).one_or_none()
            deleted = (
                row is None
                and conn.execute(
                    select(deleted_table.c.id_hash).where(
                        deleted_table.c.id_hash == _id_hash(draft_id)
                    )
                ).first()
                is not None
            )
        if deleted:
            raise DraftDeleted(draft_id)
        if row is None:
            raise DraftNotFound(draft_id)
        self._log("load", started)
        return Draft(
            id=row.id,
            version=row.version,
            data=json.loads(row.payload),
            created_at=_utc(row.created_at),
            updated_at=_utc(row.updated_at),
            expires_at=_utc(row.expires_at),
        )

    def save(
        self,
        draft_id: str,
        data: Mapping[str, Any],
        expected_version: int,
        *,
        keep: datetime | None = None,
    ) -> Draft:
        """Replace the answers if the draft is still at `expected_version`; the expiry restarts
        (`expiry(now, keep)`: a draft in use is kept until 8 weeks after its last deadline).

        Raises `VersionConflict` (with the stored draft) when another tab or colleague saved in
        between, and `DraftNotFound` when the draft expired or was deleted meanwhile.
        """
        started = time.perf_counter()
        payload = _encode(data)
        if not is_draft_id(draft_id):
            raise DraftNotFound(draft_id)
        now = self.now()
        expires = self.expiry(now, keep)
        with self.engine.begin() as conn:
            result = conn.execute(
                update(drafts_table)
                .where(
                    drafts_table.c.id == draft_id,
                    drafts_table.c.version == expected_version,
                    drafts_table.c.expires_at > now,
                )
                .values(
                    version=drafts_table.c.version + 1,
                    payload=payload,
                    updated_at=now,
                    expires_at=expires,
                )
                .returning(drafts_table.c.created_at)
            )
            created = result.scalar_one_or_none()
        if created is None:
            raise VersionConflict(self.load(draft_id))  # load raises DraftNotFound if gone
        self._maybe_purge()
        self._log("save", started)
        return Draft(
            draft_id, expected_version + 1, json.loads(payload), _utc(created), now, expires
        )

    def load_many(self, draft_ids: list[str]) -> tuple[dict[str, Draft], set[str]]:
        """Several drafts in one query (HR's projects map): those found, and those deleted.

        An id in neither was never there or has expired. One round trip instead of one per
        project keeps a map of 50 drafts quick.
        """
        wanted = sorted({i for i in draft_ids if is_draft_id(i)})
        if not wanted:
            return {}, set()
        started = time.perf_counter()
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(drafts_table).where(
                    drafts_table.c.id.in_(wanted), drafts_table.c.expires_at > self.now()
                )
            ).all()
            found = {
                row.id: Draft(
                    id=row.id,
                    version=row.version,
                    data=json.loads(row.payload),
                    created_at=_utc(row.created_at),
                    updated_at=_utc(row.updated_at),
                    expires_at=_utc(row.expires_at),
                )
                for row in rows
            }
            missing = {_id_hash(i): i for i in wanted if i not in found}
            deleted: set[str] = set()
            if missing:
                hashes = conn.execute(
                    select(deleted_table.c.id_hash).where(
                        deleted_table.c.id_hash.in_(list(missing))
                    )
                ).scalars()
                deleted = {missing[h] for h in hashes}
        self._log("load many", started)
        return found, deleted

    def extend(self, draft_id: str, keep: datetime) -> datetime | None:
        """Keep a draft in use longer without changing it: its expiry moves to `keep`.

        Only later, never earlier, and at most `MAX_KEEP` from now; the version stays, so no
        other tab on the draft meets a conflict. Returns the new expiry, or None when nothing
        changed (already kept that long, or the draft is gone).
        """
        if not is_draft_id(draft_id):
            return None
        now = self.now()
        target = min(_utc(keep), now + MAX_KEEP)
        with self.engine.begin() as conn:
            result = conn.execute(
                update(drafts_table)
                .where(
                    drafts_table.c.id == draft_id,
                    drafts_table.c.expires_at > now,
                    drafts_table.c.expires_at < target,
                )
                .values(expires_at=target)
            )
        return target if result.rowcount else None

    def delete(self, draft_id: str) -> bool:
        """Remove a draft at once (the user's right to have personal data erased).

        The id's hash is remembered so that a tab still open on it is told (`DraftDeleted`);
        then the database is made to forget the bytes (`_wipe`).
        """
        if not is_draft_id(draft_id):
            return False
        started = time.perf_counter()
        now = self.now()
        with self.engine.begin() as conn:
            result = conn.execute(delete(drafts_table).where(drafts_table.c.id == draft_id))
            gone = result.rowcount > 0
            if gone:
                conn.execute(
                    delete(deleted_table).where(deleted_table.c.id_hash == _id_hash(draft_id))
                )
                conn.execute(
                    insert(deleted_table).values(
                        id_hash=_id_hash(draft_id), expires_at=now + self.ttl
                    )
                )
        if gone:
            self._wipe()
            self._log("delete", started)
        return gone

    def purge_expired(self) -> int:
        """Delete every expired draft (and expired memories of deleted ones); how many drafts went."""
        now = self.now()
        with self.engine.begin() as conn:
            result = conn.execute(delete(drafts_table).where(drafts_table.c.expires_at <= now))
            conn.execute(delete(deleted_table).where(deleted_table.c.expires_at <= now))
        self._last_purge = time.monotonic()
        if result.rowcount:
            self._wipe()
            log.info("draft store: purged %d expired drafts (%s)", result.rowcount, self.backend)
        return result.rowcount

    def _wipe(self) -> None:
        """Leave no copy of deleted rows where the database can help it.

        SQLite: `secure_delete` (set on every connection) overwrites freed space with zeros.
        The store runs without WAL (`_engine`), so the checkpoint is a no-op; it stays for a
        file another tool switched to WAL, whose `-wal` would otherwise keep the deleted row's
        last version until the next checkpoint.
        PostgreSQL: a DELETE only marks the row dead, its bytes stay in the table's file until
        a VACUUM prunes the page, so one runs at once (deletes and purges are rare; on a table of
        drafts it takes milliseconds). The WAL keeps its copy until PostgreSQL recycles the
        segment: the README says so.
        """
        if self.backend == "sqlite":
            with self.engine.connect() as conn:
                conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        elif self.backend == "postgresql":
            with self.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
                conn.exec_driver_sql("VACUUM drafts")
                conn.exec_driver_sql("VACUUM deleted_drafts")

    def count(self) -> int:
        """Drafts stored, expired or not (for the benchmark and the operator)."""
        with self.engine.connect() as conn:
            return int(conn.execute(select(func.count()).select_from(drafts_table)).scalar_one())

    def dispose(self) -> None:
        """Close pooled connections (tests and the benchmark stop servers afterwards)."""
        self.engine.dispose()

    def _log(self, operation: str, started: float) -> None:
        """One line per stored operation: what, where, how long; never the id or the answers."""
        log.info(
            "draft store: %s ok (%s, %.0f ms)",
            operation,
            self.backend,
            (time.perf_counter() - started) * 1000,
        )

    def _maybe_purge(self) -> None:
        """Purge in passing, at most once per interval, so a long-running server stays clean."""
        if time.monotonic() - self._last_purge < PURGE_INTERVAL_SECONDS:
            return
        if self._purge_lock.acquire(blocking=False):
            try:
                self.purge_expired()
            finally:
                self._purge_lock.release()


def _id_hash(draft_id: str) -> str:
    """The one-way form in which a deleted id is remembered (256 random bits need no salt)."""
    return hashlib.sha256(draft_id.encode("utf-8")).hexdigest()


def _encode(data: Mapping[str, Any]) -> str:
    """Compact JSON; plain data only (the pages hand `model_dump(mode="json")`)."""
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    if len(payload.encode("utf-8")) > MAX_PAYLOAD_BYTES:
        raise DraftTooLarge(f"draft of {len(payload)} characters exceeds {MAX_PAYLOAD_BYTES}")
    return payload


def _private_file(path: Path) -> None:
    """The SQLite file readable by the server's own user only (0600), in a 0700 folder if new.

    Drafts hold salary details; with the usual umask SQLite would create the file 0644, so every
    local user could read it. SQLite gives its `-journal` (and in WAL mode `-wal` and `-shm`) the main file's mode, so
    creating that one private is enough. A folder that already exists is the operator's choice
    and keeps its mode; one we create is private.
    """
    folder = path.parent
    if not folder.exists():
        folder.mkdir(parents=True, mode=0o700)
        folder.chmod(0o700)  # mkdir's mode is reduced by the umask
    descriptor = os.open(path, os.O_CREAT | os.O_RDWR, 0o600)
    os.close(descriptor)
    # A file the operator owns (and lets us write through its group) keeps its mode: that is
    # their decision, and refusing to start over it would help nobody.
    with contextlib.suppress(PermissionError):
        path.chmod(0o600)
        for suffix in ("-wal", "-shm", "-journal"):  # left by a server that ran before this fix
            companion = Path(f"{path}{suffix}")
            if companion.exists():
                companion.chmod(0o600)


def _engine(url: str) -> Engine:
    """An engine tuned per backend: no memory-mapped files for SQLite, liveness checks for PG.

    SQLite uses a rollback journal (`journal_mode=DELETE`) and `mmap_size=0`, not WAL: WAL keeps
    its index in the memory-mapped `-shm` file, and a mapped file that is cut short or lost under
    the server (a remount, a restore, a full or failing disk) raises SIGBUS at the next access,
    which kills the whole process and every session in it; Python cannot catch it (a handler
    returns to the faulting read, which faults again). With plain reads and writes the same
    fault is an error of that one operation, which the page shows in Dutch
    (`tests/security/test_store_unwritable.py`). The price: a save takes about 1.5 ms instead of
    0.5 ms (README, Security).

    `hide_parameters`: an error's text never carries the statement's values (the draft id, a
    password, and the payload, salaries included), wherever it ends up.
    """
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        database = parsed.database
        if database and database != ":memory:":
            _private_file(Path(database))
        engine = create_engine(url, connect_args={"timeout": 15}, hide_parameters=True)

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA busy_timeout=15000")
            # No mapped file anywhere (see above): a rollback journal instead of WAL's `-shm`,
            # and no mapping of the database file either (SQLite's default, made explicit so a
            # build with another default cannot bring SIGBUS back). FULL is the journal's own
            # durable setting: a commit is on disk before it is acknowledged.
            cursor.execute("PRAGMA mmap_size=0")
            try:
                cursor.execute("PRAGMA journal_mode=DELETE")
            except sqlite3.OperationalError:
                # A file left in WAL by a previous release can only leave WAL while nothing
                # else has it open. Refusing to connect would stop every save; the next
                # connection tries again.
                log.warning("draft store: the SQLite file is still in WAL mode (in use elsewhere)")
            cursor.execute("PRAGMA synchronous=FULL")
            # Freed pages are overwritten with zeros: a deleted draft leaves no bytes behind.
            cursor.execute("PRAGMA secure_delete=ON")
            cursor.close()

        return engine
    # A database that is down must not hang the page: give up connecting after 5 seconds.
    return create_engine(
        url,
        pool_pre_ping=True,
        pool_size=5,
        max_overflow=10,
        connect_args={"connect_timeout": 5},
        hide_parameters=True,
    )
