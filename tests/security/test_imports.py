"""An imported file that names a field twice is refused, naming the field (issue 14, point 9).

JSON and YAML parsers keep the last of two equal keys silently, so a file could show a reader one
amount and give the wizard another.
"""

from __future__ import annotations

import pytest

from aeno_core.casefile import CaseFileError, parse_document
from aeno_core.export import import_document, refusal

DUPLICATES = {
    "json": b'{"answers": {"project": {"title": "A", "title": "B"}}}',
    "yaml": b"answers:\n  project:\n    title: A\n    title: B\n",
    "yaml, top level": b"name: A\nname: B\n",
}


@pytest.mark.parametrize("raw", DUPLICATES.values(), ids=DUPLICATES.keys())
def test_a_key_given_twice_is_refused_in_dutch_naming_the_key(raw: bytes) -> None:
    with pytest.raises(CaseFileError) as caught:
        import_document(raw)
    text = refusal(caught.value, "aanvraag.json")
    key = "title" if b"title" in raw else "name"
    assert f"‘{key}’ staat twee keer" in text
    assert text.startswith("Het bestand ‘aanvraag.json’ is niet ingelezen")


def test_a_yaml_merge_key_is_refused_like_every_alias() -> None:
    """`<<: *b` needs an alias, and the one guard for files refuses aliases (issue 13)."""
    with pytest.raises(CaseFileError, match="YAML-verwijzingen"):
        parse_document(b"base: &b {a: 1}\nrow:\n  <<: *b\n  a: 2\n")
