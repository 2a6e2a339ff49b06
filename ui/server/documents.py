"""The PDF and the calendar file, built in a worker process beside the server.

A PDF takes 150 to 180 ms of CPU (fpdf2 lays out the tables and subsets the fonts). Built in the
server process it holds the GIL, and with thirty people reaching Resultaat within seconds every
other session's rerun waited behind those PDFs: over 2 s at the slowest in bench/bench_load.py.
One worker process builds them on the machine's other core; the page waits for its own
documents without holding the GIL, so everyone else's reruns go on meanwhile.

The worker is spawned (never forked from the multi-threaded server), started by the server's
first run and kept for its life (`st.cache_resource`: a process-wide resource, no user data);
it ends by itself within a second when the server process is gone, even after a SIGKILL. If it
breaks, the documents are built in the server process as before.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

import streamlit as st

from aeno_core.estimate import Estimate
from ui.server import document_worker

log = logging.getLogger(__name__)

TIMEOUT_S = 60
PREFETCH_KEY = "subsidiewijzer.documents.prefetch"
"""This session's documents being built ahead: (the result's JSON, the worker's future)."""


@st.cache_resource(show_spinner=False)
def _pool() -> ProcessPoolExecutor:
    return ProcessPoolExecutor(
        max_workers=1,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=document_worker.follow_parent,
        initargs=(os.getpid(),),
    )


def warm_up() -> None:
    """Start the worker now, so the first person on Resultaat does not wait for its start."""
    try:
        _pool().submit(document_worker.ready)
    except (BrokenProcessPool, RuntimeError, OSError) as error:
        _log_worker_failure("start", error)
        _pool.clear()


def build_documents(result: Estimate) -> tuple[bytes, bytes]:
    """The PDF and the .ics for `result`, from the worker (in this process if it fails)."""
    try:
        return _pool().submit(document_worker.build, result).result(timeout=TIMEOUT_S)
    except (BrokenProcessPool, RuntimeError, OSError, TimeoutError) as error:
        _log_worker_failure("build", error)
        _pool.clear()
        return document_worker.build(result)


def prefetch(result: Estimate) -> None:
    """Start building the documents for `result` in the worker, without waiting.

    Overzicht calls this: while the person reads it, the worker builds the PDF, and Resultaat
    finds it done instead of waiting for it behind everyone else's.
    """
    key = result.model_dump_json()
    kept = st.session_state.get(PREFETCH_KEY)
    if isinstance(kept, tuple) and kept[0] == key:
        return
    try:
        future = _pool().submit(document_worker.build, result)
    except (BrokenProcessPool, RuntimeError, OSError) as error:
        _log_worker_failure("prefetch", error)
        _pool.clear()
        return
    st.session_state[PREFETCH_KEY] = (key, future)


def documents_for(result: Estimate) -> tuple[bytes, bytes]:
    """The documents for `result`: the prefetched ones when they are for this result."""
    kept = st.session_state.get(PREFETCH_KEY)
    if isinstance(kept, tuple) and kept[0] == result.model_dump_json():
        try:
            built: tuple[bytes, bytes] = kept[1].result(timeout=TIMEOUT_S)
            return built
        except Exception as error:  # whatever went wrong there, build it again below
            _log_worker_failure("prefetched build", error)
    return build_documents(result)


def _log_worker_failure(operation: str, error: BaseException) -> None:
    """One line when the worker fails and the documents are built in the server instead.

    These failures were swallowed: the page still worked, only slower, and nobody learnt that
    the worker was broken. The error's class only: its text may quote the answers.
    """
    log.warning(
        "document worker: %s failed (%s); building in the server process",
        operation,
        type(error).__name__,
    )
