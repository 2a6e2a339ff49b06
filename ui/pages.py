"""The wizard's pages, in order: the one list the router, the sidebar and the tests share."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import streamlit as st
from streamlit.navigation.page import StreamlitPage

from aeno_core.answers import section_of

ROOT = Path(__file__).resolve().parent.parent
"""The folder of app.py: page files are named relative to it, as st.navigation expects."""


@dataclass(frozen=True)
class PageSpec:
    """One page of the stappenplan: its file, its title and icon, and its section key."""

    key: str
    file: str
    title: str
    icon: str
    summary: str
    sidebar_from_fragment: bool = False
    """The page's st.fragment draws the live estimate and the task list (ui/sidebar.py)."""


PAGES: tuple[PageSpec, ...] = (
    PageSpec("start", "pages/start.py", "Start", ":material/home:", "Wat deze wizard doet"),
    PageSpec(
        "organisatie",
        "pages/organisatie.py",
        "Organisatie",
        ":material/apartment:",
        "Wie vraagt aan",
    ),
    PageSpec("project", "pages/project.py", "Project", ":material/lightbulb:", "Wat, wanneer"),
    PageSpec("regeling", "pages/regeling.py", "Regeling", ":material/rule:", "Welke regeling"),
    PageSpec(
        "kosten",
        "pages/kosten.py",
        "Kosten en uren",
        ":material/euro:",
        "Extern en intern",
        sidebar_from_fragment=True,
    ),
    PageSpec("overzicht", "pages/overzicht.py", "Overzicht", ":material/fact_check:", "Controleer"),
    PageSpec(
        "resultaat",
        "pages/resultaat.py",
        "Resultaat",
        ":material/task_alt:",
        "Schatting en stukken",
    ),
)

EXTRA_PAGES: tuple[PageSpec, ...] = (
    PageSpec(
        "projecten",
        "pages/projecten.py",
        "Projecten (HR)",
        ":material/folder_open:",
        "Alle projecten van de organisatie",
    ),
)
"""Pages outside the stappenplan: HR's projects map (issue 16). Routed, linked from the
sidebar, but no step of the wizard (the task list and 'Stap x van 7' know only PAGES)."""

BY_KEY = {page.key: page for page in PAGES}
_INDEX = {page.key: index for index, page in enumerate(PAGES + EXTRA_PAGES)}


def page_for_path(path: str) -> PageSpec:
    """The page where the field at `path` is answered (the core knows each field's section)."""
    return BY_KEY[section_of(path)]


SESSION_PAGES = "subsidiewijzer.pages"


def navigation_pages() -> list[StreamlitPage]:
    """The explicit st.Page list for st.navigation: titles, icons, Start as the default.

    Made once per session and kept: an st.Page resolves its file on disk when it is made, and
    st.page_link resolves a file path on every call, but not a page object (together a fifth
    of a rerun's time under load, bench/bench_load.py with py-spy). Per session rather than per
    process, because st.navigation marks on the object which page this run may run.
    """
    pages = st.session_state.get(SESSION_PAGES)
    if not isinstance(pages, list) or len(pages) != len(PAGES) + len(EXTRA_PAGES):
        pages = [
            st.Page(page.file, title=page.title, icon=page.icon, default=page.key == "start")
            for page in PAGES + EXTRA_PAGES
        ]
        st.session_state[SESSION_PAGES] = pages
    return pages


def key_for_url_path(url_path: str) -> str | None:
    """The page key of an st.Page's url_path ("" is Start, the default page)."""
    key = url_path or "start"
    return key if key in BY_KEY else None


def link_target(key: str) -> StreamlitPage:
    """What st.page_link gets for the page `key`: its st.Page, found without the disk."""
    return navigation_pages()[_INDEX[key]]


def neighbours(key: str) -> tuple[PageSpec | None, PageSpec | None]:
    """The pages before and after `key` in the stappenplan."""
    index = next(i for i, page in enumerate(PAGES) if page.key == key)
    before = PAGES[index - 1] if index > 0 else None
    after = PAGES[index + 1] if index + 1 < len(PAGES) else None
    return before, after
