"""The user is "u" everywhere: pages' rules texts, findings, the PDF and the calendar file."""

from __future__ import annotations

import io
import re
from datetime import date

import pytest
import yaml
from pypdf import PdfReader

from aeno_core.answers import Answers, evaluate
from aeno_core.calendar_file import build_ics
from aeno_core.casefile import load_application
from aeno_core.estimate import Estimate, estimate
from aeno_core.examples import example, examples
from aeno_core.parameters import RULES_DIR
from aeno_core.pdf import build_pdf
from tests.paths import shared_case_files

INFORMAL = re.compile(r"\b(je|jij|jou|jouw|jullie|jezelf)\b", re.IGNORECASE)


def informal_words(text: str) -> list[str]:
    return [match.group(0) for match in INFORMAL.finditer(text)]


def estimates() -> list[tuple[str, Estimate]]:
    found = [(f"example {key}", estimate(item.application)) for key, item in examples().items()]
    for path in shared_case_files():
        case = yaml.safe_load(path.read_text())
        if case["expect"].get("invalid"):
            continue
        found.append((path.stem, estimate(load_application(path))))
    return found


@pytest.mark.parametrize(
    ("name", "result"), estimates(), ids=lambda v: v if isinstance(v, str) else ""
)
def test_the_pdf_and_the_calendar_say_u(name: str, result: Estimate) -> None:
    pdf_text = "\n".join(
        page.extract_text() or "" for page in PdfReader(io.BytesIO(build_pdf(result))).pages
    )
    assert informal_words(pdf_text) == [], name
    assert informal_words(build_ics(result).decode("utf-8")) == [], name
    for finding in result.findings:
        assert informal_words(finding.message + " " + finding.source) == [], finding


def test_the_rules_files_say_u() -> None:
    for path in RULES_DIR.glob("*.yaml"):
        assert informal_words(path.read_text(encoding="utf-8")) == [], path.name


def test_the_pdf_says_whether_the_scheme_was_chosen_or_advised_and_when_to_apply() -> None:
    answers = Answers.from_application(example("foutenfestival").application)
    answers.submitted_on = date(2019, 5, 1)
    chosen = evaluate(answers).estimate
    answers.scheme = None
    answers.scheme_confirmed = False
    advised = evaluate(answers).estimate
    assert chosen is not None and advised is not None
    for result, mark in ((chosen, "(gekozen)"), (advised, "(geadviseerd)")):
        text = PdfReader(io.BytesIO(build_pdf(result))).pages[0].extract_text() or ""
        flat = " ".join(text.split())
        assert mark in flat, flat[:400]
        assert "in te dienen op 1 mei 2019" in flat, flat[:400]
        assert "ingediend op" not in flat
