"""The draft store of this server process: opened once, and the one way failures are logged.

The store itself (`aeno_core.drafts`) is pure Python; this module opens it with the operator's
settings (`SUBSIDIEWIJZER_DB_URL`, `_DRAFTS_PATH`, `_DRAFT_DAYS`) as a process-wide resource and
writes the one log line per failed operation. The tab's draft (`ui.drafts.link`) and the Start
page's parts (`ui.drafts.view`) use it.
"""

from __future__ import annotations

import logging
from datetime import timedelta

import streamlit as st

from aeno_core import drafts
from aeno_core.drafts import DraftStore

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
