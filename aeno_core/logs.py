"""The app's log: standard `logging`, configured once per process, level from the environment.

An operator running several replicas needs to see, per process, that drafts are being saved
and when they are not, without the log becoming a copy of the answers: the lines name the
operation, the backend, the duration and an error's class, never a draft id (whoever holds an
id reads and changes the draft) and never an error's text (SQLAlchemy and pydantic quote the
parameters, which are the answers, salaries included).

Our loggers (`aeno_core.*`, `ui.*`) get their own handler on stderr and do not propagate, so
Streamlit's own logging configuration neither doubles nor swallows our lines.
"""

from __future__ import annotations

import logging
import os
import sys
import threading
from collections.abc import Mapping

ENV_LOG_LEVEL = "SUBSIDIEWIJZER_LOG_LEVEL"
"""DEBUG, INFO (default), WARNING, ERROR or CRITICAL."""

LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
DEFAULT_LEVEL = "INFO"
LOGGERS = ("aeno_core", "ui")
FORMAT = "%(asctime)s %(levelname)s %(name)s [pid %(process)d] %(message)s"

_lock = threading.Lock()
_configured = False


def level_name(environ: Mapping[str, str] | None = None) -> str | None:
    """The configured level's name (upper case), or None when the value is not a level."""
    env = os.environ if environ is None else environ
    value = env.get(ENV_LOG_LEVEL, "").strip().upper() or DEFAULT_LEVEL
    return value if value in LEVELS else None


def configure(environ: Mapping[str, str] | None = None) -> None:
    """Attach one stderr handler to our loggers at the configured level; later calls do nothing.

    Streamlit reruns app.py for every interaction in many threads: the lock and the flag keep
    it to one handler per process. An unusable level falls back to INFO here; the settings
    check (`aeno_core.settings`) reports it and stops the server.
    """
    global _configured
    with _lock:
        if _configured:
            return
        level = level_name(environ) or DEFAULT_LEVEL
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter(FORMAT))
        for name in LOGGERS:
            logger = logging.getLogger(name)
            logger.setLevel(level)
            logger.addHandler(handler)
            logger.propagate = False
        _configured = True
