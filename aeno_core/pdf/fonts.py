"""The embedded fonts, and what happens to a character they lack.

Open Sans in two weights is embedded in every document; DejaVu Sans is added only when a text
needs a character Open Sans lacks (Hebrew, Arabic, symbols). What neither has, and control
characters, print as a visible replacement sign: fpdf2 would silently drop them.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from functools import cache
from pathlib import Path

from fontTools.ttLib import TTFont as TTFontFile  # type: ignore[import-untyped]
from fpdf import FPDF

from aeno_core.parameters import ASSETS_DIR

FONTS_DIR = ASSETS_DIR / "fonts"
FONT = "OpenSans"
FONT_FILES = {"": "OpenSans-Regular.ttf", "B": "OpenSans-Bold.ttf"}
"""Two weights only: every embedded font costs about as much build time as all the text."""
FALLBACK_FONT = "DejaVuSans"
FALLBACK_FILE = "DejaVuSans.ttf"
"""For characters Open Sans lacks; loaded only when a text needs it."""
REPLACEMENT = "\ufffd"
"""What neither font has, and control characters, print as this visible sign (in DejaVu)."""


def add_fonts(pdf: FPDF) -> None:
    """Register the embedded font's weights with `pdf`."""
    for style, name in FONT_FILES.items():
        pdf.add_font(FONT, style, FONTS_DIR / name)


def printable_text(pdf: FPDF, text: str) -> str:
    """`text` as it can be printed: characters Open Sans lacks go to the fallback font (added
    to `pdf` the first time one is needed) when it has them, else become the replacement sign."""
    if main_characters().issuperset(text):
        return text
    if FALLBACK_FONT.lower() not in pdf.fonts:
        pdf.add_font(FALLBACK_FONT, "", FONTS_DIR / FALLBACK_FILE)
        pdf.set_fallback_fonts([FALLBACK_FONT], exact_match=False)
    return "".join(_printed(char) for char in text)


def main_characters() -> frozenset[str]:
    """The characters the main font prints."""
    return _printable(FONTS_DIR / FONT_FILES[""])


@cache
def _printable(path: Path) -> frozenset[str]:
    """The characters a font has a glyph for, without control characters (but with newline)."""
    cmap = TTFontFile(str(path), lazy=True).getBestCmap()
    return frozenset(chr(code) for code in cmap if not _is_control(chr(code))) | {"\n"}


def _is_control(char: str) -> bool:
    return unicodedata.category(char) in ("Cc", "Cf", "Cs", "Co", "Cn") and char != "\n"


def _printed(char: str) -> str:
    """`char` itself when one of the two fonts has it, else the replacement sign."""
    if char in main_characters():
        return char
    if char in _printable(FONTS_DIR / FALLBACK_FILE):
        return char
    return REPLACEMENT


def unprintable(texts: Sequence[str]) -> tuple[set[str], set[str]]:
    """Characters of `texts` printed in the fallback font, and those replaced by the sign."""
    odd = set().union(*(set(text) for text in texts)) - main_characters()
    if not odd:
        return set(), set()
    fallback = _printable(FONTS_DIR / FALLBACK_FILE)
    return odd & fallback, odd - fallback
