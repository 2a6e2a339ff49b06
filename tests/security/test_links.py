"""Every page link the app draws carries the draft id (issue 14, point 2).

After a server restart or a network drop Streamlit reconnects the tab in a new session; the
first click on a page link without `?concept=` opened an empty wizard, with no message. With the
id in every link the new session loads the draft.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs

import pytest
from streamlit.testing.v1 import AppTest

from tests.paths import ROOT

PAGES = ("start", "organisatie", "project", "regeling", "overzicht", "resultaat")


def links(at: AppTest) -> list[tuple[str, dict[str, list[str]]]]:
    found = []
    for element in at.get("page_link"):
        proto = element.proto
        found.append((proto.page, parse_qs(proto.query_string)))
    return found


def test_every_page_link_carries_the_draft(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SUBSIDIEWIJZER_DB_URL", raising=False)
    monkeypatch.setenv("SUBSIDIEWIJZER_DRAFTS_PATH", str(tmp_path / "drafts.sqlite3"))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30).run()
    at.switch_page("pages/project.py").run()
    at.text_input(key="w.project.title").input("Project met een link").run()
    draft_id = str(at.query_params["concept"])
    seen = 0
    for page in PAGES:
        at.switch_page(f"pages/{page}.py").run()
        assert not at.exception, at.exception
        drawn = links(at)
        assert drawn, f"{page}: no page links found"
        for target, params in drawn:
            assert params.get("concept") == [draft_id], f"{page}: link to {target} lacks the draft"
        seen += len(drawn)
    assert seen > 30  # the sidebar task list, the footer, Overzicht's error summary and edits
    # the error summary's links keep their own parameter next to the draft
    at.switch_page("pages/overzicht.py").run()
    field_links = [params for _, params in links(at) if "veld" in params]
    assert field_links and all(p["concept"] == [draft_id] for p in field_links)


def test_without_a_draft_links_carry_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SUBSIDIEWIJZER_DB_URL", raising=False)
    monkeypatch.setenv("SUBSIDIEWIJZER_DRAFTS_PATH", str(tmp_path / "drafts.sqlite3"))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30).run()
    assert all("concept" not in params for _, params in links(at))
