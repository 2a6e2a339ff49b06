"""The draft store of this server process: opened once, and the one way failures are logged.

The store itself (`aeno_core.drafts`) is pure Python; this module opens it with the operator's
settings (`SUBSIDIEWIJZER_DB_URL`, `_DRAFTS_PATH`, `_DRAFT_DAYS`) as a process-wide resource and
writes the one log line per failed operation. The tab's draft (`ui.drafts.link`) and the Start
page's parts (`ui.drafts.view`) use it.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

import streamlit as st

from aeno_core import drafts
from aeno_core.answers import Answers, evaluate
from aeno_core.deadlines import Deadline
from aeno_core.drafts import DraftStore
from aeno_core.overview import FORMAT as MAP_FORMAT

log = logging.getLogger(__name__)


@st.cache_resource(show_spinner=False)
def _open_store(url: str, days: float) -> DraftStore:
    """One store (engine and pool) per process; creating it creates the schema and purges."""
    return DraftStore(url, ttl=timedelta(days=days))


def store() -> DraftStore:
    """The configured store (env SUBSIDIEWIJZER_DB_URL / _DRAFTS_PATH / _DRAFT_DAYS)."""
    return _open_store(drafts.database_url(), drafts.retention().total_seconds() / 86400)


def retention_days() -> int:
    """How long a draft is kept after its last change, for the texts on the page."""
    return drafts.retention().days


def retention_text() -> str:
    """How long a draft is kept, in one Dutch phrase for the privacy texts."""
    weeks = drafts.KEEP_AFTER_LAST_DEADLINE.days // 7
    return (
        f"{retention_days()} dagen na de laatste wijziging; heeft het project al termijnen,"
        f" dan tot {weeks} weken na de laatste termijn (zoals de declaratie) als dat later is"
    )


def keep_for(answers: Answers) -> datetime | None:
    """Until when a draft with these answers is in use: 8 weeks after its last deadline."""
    result = evaluate(answers).estimate
    return keep_of(result.deadlines.items if result is not None else [])


def keep_of(deadlines: Sequence[Deadline]) -> datetime | None:
    """8 weeks after the last of `deadlines`, or None when there is none."""
    return drafts.keep_until(max((d.day for d in deadlines), default=None))


def is_map_payload(data: Any) -> bool:
    """A stored projects map (HR's page), which must never open as a draft's answers."""
    return isinstance(data, dict) and data.get("format") == MAP_FORMAT


def log_failure(operation: str, error: BaseException, draft_id: str | None) -> None:
    """One log line per failure: the operation, the error's class and a short hash of the id.

    Never the id itself (whoever holds it reads and changes the draft), never the error's text
    or traceback: SQLAlchemy's and pydantic's messages quote the statement's parameters and the
    input, which are the answers, salaries included.
    """
    log.error(
        "draft store: %s failed (%s), draft %s",
        operation,
        type(error).__name__,
        drafts.draft_ref(draft_id),
    )
