"""User text is safe in every place it goes (issue 14, points 4 and 5).

A property feeds arbitrary Unicode (controls, bidi overrides, surrogates, Markdown and HTML
syntax) through each function of `aeno_core.safe_text` and checks the place's own rule with that
place's own reader: a CommonMark parser for Markdown and HTML blocks, icalendar for the .ics.
"""

from __future__ import annotations

import html
import re
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from icalendar import Calendar, Event
from markdown_it import MarkdownIt
from streamlit.testing.v1 import AppTest

from aeno_core.answers import Answers
from aeno_core.calendar_file import build_ics
from aeno_core.casefile import parse_document
from aeno_core.estimate import estimate
from aeno_core.examples import examples
from aeno_core.models import OrganisationType
from aeno_core.safe_text import (
    WORD_JOINER,
    clean,
    for_filename,
    for_html,
    for_ics,
    for_log,
    for_markdown,
    for_pdf,
)
from tests.paths import ROOT

FORBIDDEN = re.compile(
    "[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029\ud800-\udfff]"
)
NASTY = st.sampled_from(
    [
        "![x](http://127.0.0.1:9/t.png)",
        "\n\n![x](http://127.0.0.1:9/t.png)\n\n",
        "<img src=x>",
        "**vet**",
        ":red[rood]",
        ":material/home:",
        "$x$",
        "\r",
        "\rEND:VCALENDAR\r\n",
        "\x00",
        "\x1b[31m",
        "\u202e",
        "\ud800",
        "[link](javascript:alert(1))",
        "# kop",
        "- lijst",
        "`code`",
        "\\",
        "&amp;",
    ]
)
TEXT = st.lists(st.one_of(st.text(max_size=20), NASTY), max_size=8).map("".join)
COMMONMARK = MarkdownIt("commonmark")
COMMONMARK_HTML = MarkdownIt("commonmark", {"html": True})


def plain_paragraph(rendered: str) -> str | None:
    """The text of `<p>...</p>` when that is all the Markdown made, else None."""
    match = re.fullmatch(r"<p>(.*)</p>\n", rendered, re.DOTALL)
    return match.group(1) if match else None


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_clean_removes_controls_and_bidi_and_keeps_one_line(text: str) -> None:
    cleaned = clean(text)
    assert not FORBIDDEN.search(cleaned)
    assert clean(cleaned) == cleaned
    cleaned.encode("utf-8")  # no lone surrogate left


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_markdown_shows_the_text_literally(text: str) -> None:
    safe = for_markdown(text)
    rendered = COMMONMARK.render(safe)
    expected = html.escape(clean(text), quote=True).strip()
    if not expected.strip():
        assert rendered.strip() in ("", "<p></p>")
        return
    body = plain_paragraph(rendered)
    assert body is not None, rendered
    assert "<img" not in body and "<a " not in body and "<em>" not in body
    # CommonMark writes `"` as &quot; and collapses no inner spaces in a paragraph
    assert html.unescape(body) == html.unescape(expected).strip()


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_an_html_block_stays_one_block(text: str) -> None:
    block = f'<div class="sw-result">{for_html(text)}</div>'
    assert "\n" not in block
    rendered = COMMONMARK_HTML.render(block)
    assert rendered.rstrip("\n") == block, rendered
    assert html.unescape(for_html(text)) == clean(text)


@settings(max_examples=200, deadline=None)
@given(TEXT)
def test_calendar_text_is_one_property(text: str) -> None:
    calendar = Calendar()
    calendar.add("prodid", "-//test//NL")
    calendar.add("version", "2.0")
    event = Event()
    event.add("uid", "1@test.invalid")
    event.add("summary", for_ics(text))
    calendar.add_component(event)
    raw = calendar.to_ical()
    assert not re.search(rb"\r(?!\n)", raw), raw
    back = Calendar.from_ical(raw)
    assert [c.name for c in back.walk()] == ["VCALENDAR", "VEVENT"]
    summary = str(back.walk("VEVENT")[0]["summary"])
    assert summary.replace(WORD_JOINER, "") == clean(text).replace(WORD_JOINER, "")
    assert "\n" not in summary


def test_a_typed_backslash_n_stays_text_in_the_calendar() -> None:
    """icalendar reads `\\N` as a line break, also escaped (hypothesis found `\\N`)."""
    for typed in ("\\N", "Budget \\Noord", "a\\\\Nb"):
        event = Event()
        event.add("summary", for_ics(typed))
        back = Event.from_ical(event.to_ical())
        assert str(back["summary"]).replace(WORD_JOINER, "") == typed


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_file_names_logs_and_pdf_text(text: str) -> None:
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*|concept", for_filename(text, "concept"))
    logged = for_log(text)
    assert logged.isascii() and logged.isprintable() and "\n" not in logged
    assert for_pdf(text) == clean(text)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200).map(lambda t: t + "\r\u202e\x00\x1b") | TEXT.map(lambda t: t[:900]))
def test_answers_and_loaded_files_are_cleaned_at_the_edge(text: str) -> None:
    answers = Answers.model_validate({"project": {"title": text}})
    assert answers.project.title == clean(text)
    assert answers.external_costs == []
    row = Answers.model_validate({"external_costs": [{"description": text[:300]}]})
    assert row.external_costs[0].description == clean(text[:300])
    raw = ('{"name": ' + __import__("json").dumps(text) + "}").encode("utf-8", "surrogatepass")
    try:
        parsed = parse_document(raw)
    except Exception:  # a lone surrogate is not UTF-8: the file is refused, not cleaned
        assert re.search("[\ud800-\udfff]", text)
        return
    assert parsed == {"name": clean(text)}


def test_a_carriage_return_in_a_title_adds_no_line_to_the_calendar() -> None:
    example = examples()["foutenfestival"]
    data = Answers.from_application(example.application).model_dump(mode="json")
    data["project"]["title"] = "Feest\rEND:VCALENDAR\r\nBEGIN:VEVENT\rSUMMARY:nep\u202e"
    answers = Answers.model_validate(data)
    application, errors = answers.to_application()
    assert application is not None and not errors
    result = estimate(application, date(2018, 2, 1))
    raw = build_ics(result)
    assert not re.search(rb"\r(?!\n)", raw)
    calendar = Calendar.from_ical(raw)
    events = calendar.walk("VEVENT")
    assert len(events) == len(result.deadlines.items)
    title = "Feest END:VCALENDAR BEGIN:VEVENT SUMMARY:nep"
    assert all(title in str(event["summary"]) for event in events)
    assert raw.split(b"\r\n").count(b"END:VCALENDAR") == 1
    assert raw.split(b"\r\n").count(b"BEGIN:VEVENT") == len(events)


def test_a_typed_title_is_cleaned_and_a_choice_keeps_its_type(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The wizard's fields meet the same edge: U+202E, ESC and NUL never reach the answers."""
    monkeypatch.delenv("SUBSIDIEWIJZER_DB_URL", raising=False)
    monkeypatch.setenv("SUBSIDIEWIJZER_DRAFTS_PATH", str(tmp_path / "drafts.sqlite3"))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30).run()
    at.switch_page("pages/project.py").run()
    at.text_input(key="w.project.title").input("Feest\u202e\x1b[31m\x00 2026").run()
    assert not at.exception, at.exception
    answers = at.session_state["subsidiewijzer"].answers
    assert answers.project.title == "Feest[31m 2026"
    at.switch_page("pages/organisatie.py").run()
    at.radio(key="w.organisation.type").set_value(OrganisationType.GEMEENTE).run()
    assert at.session_state["subsidiewijzer"].answers.organisation.type is OrganisationType.GEMEENTE
