"""Two process-wide fixes for a server that thirty people use at once (bench/bench_load.py).

Both run at the end of app.py; each does its work rarely and costs a dict lookup otherwise.
The first run also starts the worker process that builds PDFs (ui/server/documents.py).

1. No Nagle delay on the websocket. Streamlit 1.67 binds its listening socket without
   `IPPROTO_TCP`, so asyncio does not switch off Nagle's algorithm on the connections it
   accepts: after the first frame of a rerun's answer, the kernel holds the rest until the
   browser acknowledges, and browsers delay acknowledgements (40 ms on Linux, up to 200 ms on
   Windows). Every widget change waited those 40 ms for nothing; a bare one-widget app took
   48 ms per rerun instead of 6. `TCP_NODELAY` set on the listening socket is inherited by every
   connection accepted afterwards (Linux), and is set on connections already open. The sockets
   are found through /proc/self/fd; elsewhere this does nothing.

2. The garbage collector's full passes. A generation-2 collection walks every tracked object:
   once pandas, pyarrow, pydantic, SQLAlchemy and fpdf2 are imported that is 100 to 250 ms with
   the GIL held, during which no session's rerun moves (7 such pauses in one 30-session run).
   What exists once the modules are imported lives as long as the process, so `gc.freeze()`
   moves it out of the collector's sight. It runs again only when new modules were imported
   since (the first visit of each page imports some), a handful of times per process.
"""

from __future__ import annotations

import contextlib
import gc
import os
import socket
import sys
import threading

from ui.server import documents

_lock = threading.Lock()
_modules_frozen = 0
_sockets_tuned = False


def tune_server() -> None:
    """Apply both fixes when they are due, and start the document worker; cheap otherwise."""
    first = not _sockets_tuned
    _send_without_delay()
    if first:
        documents.warm_up()
    _freeze_after_imports()


def _send_without_delay() -> None:
    global _sockets_tuned
    if _sockets_tuned:
        return
    with _lock:
        if _sockets_tuned:
            return
        _sockets_tuned = True
        for fd in _socket_fds():
            with contextlib.suppress(OSError):
                sock = socket.socket(fileno=os.dup(fd))
                try:
                    if sock.family in (socket.AF_INET, socket.AF_INET6) and (
                        sock.type == socket.SOCK_STREAM
                    ):
                        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
                finally:
                    sock.close()  # closes the duplicate only; the option stays on the socket


def _socket_fds() -> list[int]:
    """This process's open socket descriptors (Linux); none where /proc is missing."""
    try:
        names = os.listdir("/proc/self/fd")
    except OSError:
        return []
    found = []
    for name in names:
        with contextlib.suppress(OSError, ValueError):
            if os.readlink(f"/proc/self/fd/{name}").startswith("socket:"):
                found.append(int(name))
    return found


def _freeze_after_imports() -> None:
    global _modules_frozen
    if len(sys.modules) == _modules_frozen:
        return
    with _lock:
        count = len(sys.modules)
        if count == _modules_frozen:
            return
        gc.collect()  # garbage is not frozen: only what is still alive
        gc.freeze()
        _modules_frozen = count
