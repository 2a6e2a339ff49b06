"""Characters the PDF's font lacks are never dropped silently: fallback font or a visible sign."""

from __future__ import annotations

import io

from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from aeno_core.estimate import estimate
from aeno_core.models import Application
from aeno_core.pdf import REPLACEMENT, build_pdf, unprintable
from aeno_core.safe_text import clean

BASE = {
    "scheme": "impuls",
    "project_start": "2019-02-01",
    "project_end": "2019-06-30",
    "submitted_on": "2019-07-01",
}


def _pdf(title: str, description: str = "Training") -> tuple[str, set[str]]:
    app = Application.model_validate(
        {
            **BASE,
            "project": {"title": title},
            "external_costs": [{"description": description, "amount_ex_vat": "3000.00"}],
        }
    )
    reader = PdfReader(io.BytesIO(build_pdf(estimate(app))))
    text = "\n".join(page.extract_text() for page in reader.pages)
    fonts = {
        str(font["/BaseFont"])
        for page in reader.pages
        for font in page["/Resources"]["/Font"].values()
    }
    return text, fonts


def test_hebrew_and_symbols_fall_back_to_the_shipped_font_and_the_user_is_told() -> None:
    text, fonts = _pdf("Project שלום ☺", "Workshop ☺ in het Hebreeuws")
    assert any("DejaVuSans" in font for font in fonts)
    assert "☺" in text
    assert "ander lettertype" in text
    assert REPLACEMENT not in text


def test_what_no_font_has_is_a_visible_sign_and_the_first_lines_say_so() -> None:
    text, _ = _pdf("Leren 中文 \x07 klaar", "Bel\x1b 🀄 tegels")
    assert "Leren " + REPLACEMENT * 2 in text
    first = text[: text.index("GESCHATTE SUBSIDIE")]
    assert "niet worden weergegeven" in first.replace("\n", " ")
    assert "\x07" not in text and "\x1b" not in text


def test_an_ordinary_pdf_loads_no_fallback_and_says_nothing_about_characters() -> None:
    text, fonts = _pdf("Foutenfestival: één café, ‘leren’ – € 12,50")
    assert not any("DejaVu" in font for font in fonts)
    assert "lettertype" not in text and REPLACEMENT not in text


@settings(max_examples=15, deadline=None)
@given(title=st.text(max_size=40))
def test_every_character_is_either_printable_or_reported(title: str) -> None:
    shown = clean(title).strip() or "x"  # what reaches the PDF: controls go at the edge
    other_font, replaced = unprintable([shown])
    assert not (other_font & replaced)
    text, _ = _pdf(shown)
    if replaced:
        assert REPLACEMENT in text
