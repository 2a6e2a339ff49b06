"""What runs in the document worker process: no Streamlit here, on purpose.

The worker is spawned, so it imports the module of every function it is handed. Had these
lived in `ui.server.documents`, each start would import Streamlit outside a server: a
hundred warnings about a missing script run context on the server's stderr and some 200 MB of
memory for nothing. Only the core and the standard library are imported here.
"""

from __future__ import annotations

import os
import threading
import time

from aeno_core.calendar_file import build_ics
from aeno_core.estimate import Estimate
from aeno_core.pdf import build_pdf


def follow_parent(parent: int) -> None:
    """End when the server is gone, also after a crash or a SIGKILL (the pool's initializer)."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1)
        os._exit(0)

    threading.Thread(target=watch, name="follow-server", daemon=True).start()


def build(result: Estimate) -> tuple[bytes, bytes]:
    """Both documents for one result: the PDF and the calendar file."""
    return build_pdf(result), build_ics(result)


def ready() -> bool:
    """Importing this module loaded fpdf2, the fonts' code and the core: the worker is warm."""
    return True
