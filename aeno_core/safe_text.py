"""User text made safe for each place it goes: one function per place.

Text a user typed or a file brought in (a project title, a cost description, an uploaded file's
name, an unknown key of a case file) ends up in Markdown (Streamlit's messages and labels), in
HTML blocks, in the calendar file, in file names, in the PDF and in logs. Each place has its own
dangers: `![x](http://host/t.png)` in Markdown makes every viewer's browser fetch that address,
a blank line ends an HTML block (the rest is Markdown again), a bare carriage return starts a
new line in an .ics file (`END:VCALENDAR`...), a right-to-left override (U+202E) reverses the
sentence around it. So:

- `clean()` is the edge: control characters, lone surrogates and bidi controls are removed, line
  breaks and tabs become a space. `Answers` (its `ShortText` type), the file loaders and the
  wizard's text fields apply it to what comes in; every function below applies it again, so a
  text that came by another way is safe too.
- `for_markdown()`, `for_html()`, `for_ics()`, `for_filename()`, `for_pdf()` and `for_log()`
  make a cleaned text safe for their place.

Pure Python; no Streamlit.
"""

from __future__ import annotations

import html
import re
import unicodedata

_BREAKS = re.compile("[\t\n\x0b\x0c\r\x85\u2028\u2029]+")
"""Line and paragraph breaks (and tabs): one space each run, never a line of its own."""

_REMOVED = re.compile(
    "[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f"  # other C0 and C1 controls (NUL, ESC, DEL, ...)
    "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"  # bidi marks, embeddings, overrides, isolates
    "\ud800-\udfff]"  # lone surrogates (JSON can carry them; UTF-8 cannot)
)

_MARKDOWN_SPECIAL = re.compile(r"([!-/:-@\[-`{-~])")
"""Every ASCII punctuation mark: CommonMark lets each be escaped with a backslash, and
Streamlit's own syntax (`:red[x]`, `:material/x:`, `$x$`) is made of them too."""

MAX_FILENAME_PART = 40
MAX_LOG_TEXT = 80


def clean(text: str) -> str:
    """The text without control, bidi-control or surrogate characters; breaks become spaces."""
    return _REMOVED.sub("", _BREAKS.sub(" ", text))


def for_markdown(text: object) -> str:
    """Markdown that shows `text` literally: no link, image, emphasis, heading or directive."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", clean(str(text)))


def for_html(text: object) -> str:
    """Text inside an HTML block: escaped, and on one line (a blank line would end the block)."""
    return html.escape(clean(str(text)))


WORD_JOINER = "\u2060"
"""Invisible and zero-width: keeps a typed backslash from meaning something to a program."""


def for_ics(text: str) -> str:
    """Text for an iCalendar property: cleaned here, escaped by icalendar (`,` `;` `\\`).

    icalendar escapes a line feed but not a bare carriage return, which a calendar program
    reads as the end of the line: after `clean()` there is neither. It also reads a typed
    backslash before a capital N (`\\N`, the iCalendar line break) as a line break, when
    writing and when reading, however it is escaped: a word joiner between the two keeps the
    text on one line and shows it as typed (found by the property test).
    """
    return clean(text).replace("\\N", "\\" + WORD_JOINER + "N")


def for_filename(text: str, fallback: str) -> str:
    """A lower-case ASCII slug for a file name (`foutenfestival-2026`), else `fallback`."""
    ascii_text = unicodedata.normalize("NFKD", clean(text)).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:MAX_FILENAME_PART].strip("-") or fallback


def for_pdf(text: str) -> str:
    """Text for one PDF cell: cleaned (fpdf2 would start a line at a break or print a box)."""
    return clean(text)


def for_log(text: object) -> str:
    """User text in a log line: cleaned, quoted and cut short, so it cannot fake a log entry."""
    value = clean(str(text))
    short = value[:MAX_LOG_TEXT] + ("…" if len(value) > MAX_LOG_TEXT else "")
    return ascii(short)
