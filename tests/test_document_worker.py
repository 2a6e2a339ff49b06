"""The document worker process stays small and quiet: it runs the core, never the app.

multiprocessing's spawn hands a child the parent's main module to run as `__mp_main__`; under
Streamlit that is app.py. These tests run exactly that in a fresh interpreter and check that
nothing of the app, Streamlit or pandas comes along, and that the worker's own module builds
both documents.
"""

from __future__ import annotations

import io
import subprocess
import sys

from pypdf import PdfReader

from aeno_core.calendar_file import build_ics
from aeno_core.pdf import build_pdf
from tests.core_helpers import case_estimate
from tests.paths import ROOT
from ui.server import document_worker

LOADED = (
    "import sys; print(sorted(m for m in ('streamlit', 'pandas', 'ui.state') if m in sys.modules))"
)


def _fresh(code: str) -> str:
    run = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60
    )
    assert run.returncode == 0, run.stderr
    assert run.stderr == ""
    return run.stdout.strip()


def test_app_py_run_as_the_workers_main_module_does_nothing() -> None:
    code = f"import runpy; runpy.run_path('app.py', run_name='__mp_main__'); {LOADED}"
    assert _fresh(code) == "[]"


def test_the_worker_module_loads_no_streamlit() -> None:
    assert _fresh(f"import ui.server.document_worker; {LOADED}") == "[]"


def test_the_worker_builds_the_same_documents_as_the_core() -> None:
    result = case_estimate("01_foutenfestival.yaml")
    pdf, ics = document_worker.build(result)
    assert pdf.startswith(b"%PDF-") and ics.startswith(b"BEGIN:VCALENDAR")
    assert _text(pdf) == _text(build_pdf(result)) and "11.562,60" in _text(pdf)
    assert _lines(ics) == _lines(build_ics(result))


def _text(pdf: bytes) -> str:
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def _lines(ics: bytes) -> list[bytes]:
    """The calendar without its time stamp (the second it was made)."""
    return [line for line in ics.splitlines() if not line.startswith(b"DTSTAMP:")]
