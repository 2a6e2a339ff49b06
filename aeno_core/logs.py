"""The app's log: standard `logging`, configured once per process, level from the environment.

An operator running several replicas needs to see, per process, that drafts are being saved
and when they are not, without the log becoming a copy of the answers: the lines name the
operation, the backend, the duration and an error's class, never a draft id (whoever holds an
id reads and changes the draft) and never an error's text (SQLAlchemy and pydantic quote the
parameters, which are the answers, salaries included).

Our loggers (`aeno_core.*`, `ui.*`) get the configured level, and one stderr handler goes on
the root logger, where their records arrive by propagation (Streamlit's loggers keep their own
handlers and do not propagate, so nothing is printed twice). Propagation is kept so that
whatever else listens at the root (pytest's caplog, an operator's own configuration) sees
our lines too.
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
HANDLER_NAME = "subsidiewijzer"

_lock = threading.Lock()
_configured = False


def level_name(environ: Mapping[str, str] | None = None) -> str | None:
    """The configured level's name (upper case), or None when the value is not a level."""
    env = os.environ if environ is None else environ
    value = env.get(ENV_LOG_LEVEL, "").strip().upper() or DEFAULT_LEVEL
    return value if value in LEVELS else None


def configure(environ: Mapping[str, str] | None = None) -> None:
    """Set our loggers' level and put one stderr handler at the root; later calls do nothing.

    Streamlit reruns app.py for every interaction in many threads: the lock, the flag and the
    handler's name keep it to one handler per process. An unusable level falls back to INFO
    here; the settings check (`aeno_core.settings`) reports it and stops the server.
    """
    global _configured
    with _lock:
        if _configured:
            return
        level = level_name(environ) or DEFAULT_LEVEL
        for name in LOGGERS:
            logging.getLogger(name).setLevel(level)
        root = logging.getLogger()
        if not any(handler.get_name() == HANDLER_NAME for handler in root.handlers):
            handler = logging.StreamHandler(sys.stderr)
            handler.set_name(HANDLER_NAME)
            handler.setFormatter(logging.Formatter(FORMAT))
            root.addHandler(handler)
        _configured = True
