"""The one workaround in our PDFs: a linear line breaker for paragraphs.

fpdf2 (2.8.9) re-measures the whole line for every character it adds (`CurrentLine.width` sums
every fragment again), so its line breaking is quadratic in the line's length. Measured with
`bench/bench_pdf.py` on the biggest public case: printing and measuring the paragraphs with
`multi_cell()` made the checklist about 220 ms, against some 115 ms with this breaker and
`cell()` per line (the target is 150 ms). Tables stay fpdf2's own `table()`.

`wrap_lines` follows fpdf2's greedy rule exactly (break at the last space before the text
overflows and drop that space; split a word wider than the line); `tests/test_pdf_line_breaks.py`
holds it to `multi_cell(..., dry_run=True, output="LINES")`. It reads only public attributes:
the font's character widths (`FPDF.fonts[...].cw`), the scale `k` and the cell margin.
"""

from __future__ import annotations

from fpdf import FPDF
from fpdf.line_break import BREAKING_SPACE_SYMBOLS_STR as BREAKING_SPACES
from fpdf.line_break import NBSP
from fpdf.util import FloatTolerance

from aeno_core.pdf.fonts import FONT

OVERFLOW_TOLERANCE = FloatTolerance.TOLERANCE


def wrap_lines(
    pdf: FPDF,
    width: float,
    text: str,
    size: float,
    style: str = "",
) -> list[str]:
    """The lines fpdf2's multi_cell breaks `text` into, found in one linear pass.

    fpdf2 re-measures the whole line for every character it adds, so its line breaking is
    quadratic in the line length and was most of the build time. This follows the same greedy
    rule, so blocks can be measured and printed line by line with `cell()`. `pdf` must have
    the embedded font's weight `style` registered (`fonts.add_fonts`).
    """
    widths: dict[int, float] = pdf.fonts[f"{FONT.lower()}{style}"].cw  # type: ignore[assignment]
    space_width = widths[ord(" ")]
    to_mm = size * 0.001 / pdf.k
    limit = width - 2 * pdf.c_margin
    paragraphs = text.replace("\r", "").split("\n")
    ends_with_newline = len(paragraphs) > 1 and not paragraphs[-1]
    if ends_with_newline:
        paragraphs.pop()
    lines: list[str] = []
    for number, paragraph in enumerate(paragraphs, start=1):
        start = 0  # where the current line starts in the paragraph
        is_open = True  # the current line exists (every paragraph has one, even if empty)
        used = 0.0  # font units on the current line, trailing spaces included
        space_at: int | None = None  # the current line's last breaking space
        after_space = 0.0  # font units after that space
        index = 0
        while index < len(paragraph):
            char = paragraph[index]
            char_width = widths[ord(char)]
            if used and (used + char_width) * to_mm - limit > OVERFLOW_TOLERANCE:
                if char in BREAKING_SPACES:  # the overflowing space is dropped
                    lines.append(paragraph[start:index])
                    start, used, is_open = index + 1, 0.0, False
                    index += 1
                elif space_at is not None:  # the last word moves to the next line
                    lines.append(paragraph[start:space_at])
                    start, used, is_open = space_at + 1, after_space, bool(after_space)
                else:  # a word wider than the line is split
                    lines.append(paragraph[start:index])
                    start, used, is_open = index, 0.0, False
                space_at = None
                continue
            is_open = True
            used += space_width if char == NBSP else char_width
            if char in BREAKING_SPACES:
                space_at, after_space = index, 0.0
            elif space_at is not None:
                after_space += char_width
            index += 1
        if is_open or number < len(paragraphs) or ends_with_newline:
            lines.append(paragraph[start:])
    # Like fpdf2: a no-break space only keeps words together; it prints as a plain space.
    return [line.replace(NBSP, " ").rstrip(" ") for line in lines]
