"""The core owns its words: every value of a scheme, phase, verdict, group, project status,
"new for" answer, kind of organisation and theme has one Dutch label, defined once in
`aeno_core.vocabulary`, and the pages and documents take it from there."""

from __future__ import annotations

import re
from collections.abc import Mapping
from enum import Enum
from typing import Any

import pytest

from aeno_core import vocabulary as v
from aeno_core.finding_rules import Group, Verdict
from aeno_core.models import NewFor, OrganisationType, Phase, ProjectStatus, Scheme
from aeno_core.rule_sets import known_periods
from tests.paths import ROOT

FIXED: list[tuple[type[Enum], Mapping[Any, str]]] = [
    (Scheme, v.SCHEME_LABELS),
    (Phase, v.PHASE_LABELS),
    (Verdict, v.VERDICT_LABELS),
    (Group, v.GROUP_LABELS),
    (ProjectStatus, v.STATUS_LABELS),
    (NewFor, v.NEW_FOR_LABELS),
]
LABELS = {label for _, labels in FIXED for label in labels.values()} | {
    v.NO_THEME,
    v.OTHER_ORGANISATION,
}
SAME_WORD_OTHER_MEANING = {
    ("aeno_core/overview.py", "Afgerond"): "a stage in HR's projects map, not the project's status",
    ("aeno_core/pdf/project.py", "Organisatie"): "the row for missing organisation answers",
    ("pages/overzicht.py", "Organisatie"): "the heading over the organisation answers",
    ("aeno_core/overview_files.py", "Organisatie"): "the organisation's name on a project's sheet",
    ("ui/pages.py", "Organisatie"): "the page's title",
}


@pytest.mark.parametrize(("enum", "labels"), FIXED, ids=lambda x: getattr(x, "__name__", ""))
def test_every_value_has_one_label_and_no_two_values_share_one(
    enum: type[Enum], labels: Mapping[Any, str]
) -> None:
    assert set(labels) == set(enum)
    assert len(set(labels.values())) == len(labels)
    assert all(label.strip() == label and label for label in labels.values())


def test_every_kind_of_organisation_and_every_theme_has_a_label_in_every_known_rule_set() -> None:
    for first, last, _ in known_periods():
        for day in (first, last):
            kinds = v.organisation_labels(day)
            assert set(kinds) == set(OrganisationType)
            assert kinds[OrganisationType.ANDERS] == v.OTHER_ORGANISATION
            assert len(set(kinds.values())) == len(kinds)
            themes = v.theme_labels(day)
            assert sorted(themes) == list(range(1, len(themes) + 1))
            assert v.theme_label(5, day) == themes[5] and themes[5].startswith("5. ")
            assert v.theme_label(None, day) == v.NO_THEME


def _written_out(folders: tuple[str, ...]) -> list[tuple[str, int, str]]:
    """Each place outside the vocabulary where a label is a string literal of its own."""
    found = []
    for folder in folders:
        for path in sorted((ROOT / folder).rglob("*.py")):
            name = path.relative_to(ROOT).as_posix()
            if name == "aeno_core/vocabulary.py":
                continue
            text = path.read_text(encoding="utf-8")
            for label in LABELS:
                for match in re.finditer(rf"[\"']{re.escape(label)}[\"']", text):
                    if (name, label) not in SAME_WORD_OTHER_MEANING:
                        found.append((name, text[: match.start()].count("\n") + 1, label))
    return found


def test_the_core_and_the_pages_write_no_label_out_again() -> None:
    assert _written_out(("aeno_core", "pages")) == []


def test_ui_writes_no_label_out_again() -> None:
    assert _written_out(("ui",)) == []
