"""Our PDFs on fpdf2's public API: the checklist of one estimate, and the parts the projects
map (`aeno_core.overview_pdf`) shares with it.

| module | holds |
|---|---|
| `checklist` | `build_pdf`: the checklist, section by section, and the `pdf` CLI command |
| `document` | `ChecklistPDF` (page, header, footer) and `letterhead` |
| `front_page` | the title and the box with the estimate |
| `project` | 'Project en organisatie': the answers, label beside answer |
| `sections` | the other sections: scheme, calculation, conditions, deadlines, documents, steps |
| `blocks` | paragraphs, small print, headings, tick boxes, bullets |
| `tables` | fpdf2's `table()` in our style, numbered sources |
| `fonts` | the embedded fonts, the fallback font and the replacement sign |
| `line_breaks` | the one workaround: a linear line breaker, held to fpdf2's by a test |
| `style` | colours, sizes, verdict badges, the disclaimer |
"""

from aeno_core.pdf.checklist import build_pdf
from aeno_core.pdf.document import ChecklistPDF, letterhead
from aeno_core.pdf.fonts import FONT, FONT_FILES, FONTS_DIR, REPLACEMENT, unprintable
from aeno_core.pdf.line_breaks import wrap_lines
from aeno_core.pdf.style import ACCENT, DISCLAIMER, DUTCH_TIME, HAIRLINE, MUTED, TEXT, VERDICTS

__all__ = [
    "ACCENT",
    "DISCLAIMER",
    "DUTCH_TIME",
    "FONT",
    "FONTS_DIR",
    "FONT_FILES",
    "HAIRLINE",
    "MUTED",
    "REPLACEMENT",
    "TEXT",
    "VERDICTS",
    "ChecklistPDF",
    "build_pdf",
    "letterhead",
    "unprintable",
    "wrap_lines",
]
