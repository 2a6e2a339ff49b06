"""The house style of our PDFs: colours, type sizes and the words that go with a colour.

One place for what the checklist and the projects map share, so both documents look alike.
"""

from __future__ import annotations

from zoneinfo import ZoneInfo

from aeno_core.findings import Verdict
from aeno_core.vocabulary import VERDICT_LABELS

Colour = tuple[int, int, int]
ACCENT: Colour = (22, 76, 117)
"""The one accent colour: a calm petrol blue, as on many municipal letterheads."""
ACCENT_TINT: Colour = (233, 240, 246)
TEXT: Colour = (34, 38, 42)
MUTED: Colour = (98, 104, 110)
HAIRLINE: Colour = (196, 204, 212)
ZEBRA: Colour = (246, 248, 250)

VERDICTS: dict[Verdict, tuple[str, Colour, Colour]] = {
    Verdict.OK: (VERDICT_LABELS[Verdict.OK], (225, 240, 229), (22, 92, 46)),
    Verdict.PROBLEM: (VERDICT_LABELS[Verdict.PROBLEM], (250, 226, 226), (150, 28, 28)),
    Verdict.TO_CHECK: (VERDICT_LABELS[Verdict.TO_CHECK], (252, 241, 212), (117, 78, 0)),
}
"""Verdict label, badge fill and text colour: the word carries the meaning, colour only helps."""

BODY_PT = 9.5
SMALL_PT = 8
TABLE_PT = 8.5
TABLE_LINE_MM = 4.1
LINE_MM = 4.7
SMALL_LINE_MM = 3.8

DUTCH_TIME = ZoneInfo("Europe/Amsterdam")
"""The date made is the date in the Netherlands, also for a build just after midnight."""

DISCLAIMER = (
    "Dit is een schatting op basis van de antwoorden in de Subsidiewijzer, geen toezegging."
    " Het A&O fonds Gemeenten beoordeelt de aanvraag en beslist over de subsidie."
)
