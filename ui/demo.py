"""Demo mode: the wizard on a projector in a room full of municipal staff (a 3-2-1-Co! session).

What changes in demo mode, and why:
- Example projects load with one click (the fund's Foutenfestival and our own Innovatief
  examples under `assets/examples/`), so a facilitator shows a full application in seconds.
- A reset gives a clean application, so the next example or the next person starts empty.
- Larger type and high contrast (`assets/ui/demo.css`), readable from the back of a room on a
  washed-out projector image; its colours meet WCAG 2.1 AA (most of them AAA).
- Nothing is stored: answers typed in a demo may be personal (a real salary scale), and a shared
  laptop must not keep them. The draft link (`ui.drafts`) asks `ui.demo_flag.is_demo()` before
  it saves or restores a draft, and every page says so in the demo banner.

The flag itself (`?demo=1` or the Start page's button, kept for the session) is
`ui.demo_flag`; this module holds what demo mode shows and the buttons that change answers.
"""

from __future__ import annotations

import html
from functools import cache
from pathlib import Path
from typing import Any

import streamlit as st

from aeno_core.answers import Answers
from aeno_core.examples import examples
from ui.demo_flag import NOTHING_STORED, QUERY_PARAM, is_demo, set_demo
from ui.state import get_state, replace_answers

CSS_FILE = Path(__file__).resolve().parent.parent / "assets" / "ui" / "demo.css"


def enable() -> None:
    """Switch demo mode on (button callback): a clean application that is never saved.

    A draft the user had stays in the store as it was; the demo does not touch it.
    """
    set_demo(True)
    reset()


def disable() -> None:
    """Switch demo mode off: start clean, so nothing typed in the demo is saved afterwards."""
    reset()
    set_demo(False)


def reset() -> None:
    """A clean application: every answer, cost line and visited page forgotten."""
    replace_answers(Answers(), example=None)
    get_state().visited.clear()


def load_example(key: str) -> None:
    """Replace the answers by an example (button callback); the form shows it at once."""
    replace_answers(Answers.from_application(examples()[key].application), example=key)
    get_state().visited.clear()


@cache
def _css() -> str:
    """The projector stylesheet, read once per process."""
    return "<style>" + CSS_FILE.read_text(encoding="utf-8") + "</style>"


def apply(*, full: bool = True) -> None:
    """At the top of every page, in demo mode: the projector style and the demo banner.

    On the Start page (`full`) the banner shows one button per example and a reset, so a
    facilitator loads an example with one click. On the other pages it is one line, with the
    same buttons behind "Demo-opties", to leave the projector's height to the page itself.
    """
    if not is_demo():
        return
    if st.query_params.get(QUERY_PARAM) != "1":
        # A page link drops the address's parameters: put it back, so F5 or a reconnect
        # (a new session that knows only the address) stays in demo mode.
        st.query_params[QUERY_PARAM] = "1"
    st.html(_css())
    loaded = get_state().example
    status = ""
    if loaded in examples():
        status = f" · geladen: voorbeeld {html.escape(examples()[loaded].name)}"
    title = (
        f'<p class="sw-demo-title" role="status"><strong>Demomodus</strong>'
        f" · er wordt niets bewaard{status}</p>"
    )
    with st.container(key="sw-demo-banner"):
        if full:
            st.markdown(title, unsafe_allow_html=True)
            _demo_buttons(columns=2)
            return
        # The examples and "Opnieuw beginnen" stay in view on every page: a facilitator
        # should not have to hunt for them in front of a room.
        st.markdown(title, unsafe_allow_html=True)
        _demo_buttons(columns=0)


def _demo_buttons(columns: int) -> None:
    """One button per example, then "Opnieuw beginnen" (`columns=0`: one wrapping row)."""
    actions: list[tuple[str, str, Any, tuple[str, ...], str, str]] = [
        (
            item.name,
            f"sw-demo-load-{key}",
            load_example,
            (key,),
            ":material/upload_file:",
            f"Laad het voorbeeld {item.name}: alle stappen worden ingevuld.",
        )
        for key, item in examples().items()
    ]
    actions.append(
        (
            "Opnieuw beginnen",
            "sw-demo-reset",
            reset,
            (),
            ":material/restart_alt:",
            "Wist alle antwoorden en begint met een lege aanvraag.",
        )
    )
    if columns == 0:
        # One row of buttons as wide as their words, wrapping to a second row when the
        # projector is narrow (fixed columns broke "Foutenfestival" in the middle).
        with st.container(horizontal=True, gap="small"):
            for label, key, callback, args, icon, help_text in actions:
                st.button(label, key=key, on_click=callback, args=args, icon=icon, help=help_text)
        return
    slots = st.columns(columns)
    for number, (label, key, callback, args, icon, help_text) in enumerate(actions):
        with slots[number % columns]:
            st.button(
                label,
                key=key,
                on_click=callback,
                args=args,
                icon=icon,
                help=help_text,
                width="stretch",
                wrap=True,
            )


def render_start_section() -> None:
    """The Start page's demo section: switch demo mode on, or say what it means and stop it."""
    if not is_demo():
        st.header("Demonstratie voor een zaal")
        st.markdown(
            "Laat u de Subsidiewijzer zien op een groot scherm? De demomodus heeft grotere letters"
            " en meer contrast, laadt voorbeeldprojecten met één klik en bewaart niets."
            " U kunt deelnemers ook de link met `?demo=1` erachter geven."
        )
        st.button(
            "Demomodus starten",
            key="sw-demo-enable",
            on_click=enable,
            icon=":material/co_present:",
            help=(
                "Begint met een lege aanvraag die niet wordt bewaard. Een concept dat u al had,"
                " blijft bewaard zoals het was."
            ),
        )
        return
    st.header("Demomodus")
    st.info(NOTHING_STORED, icon=":material/visibility_off:")
    st.markdown(
        "Met de knoppen bovenaan elke pagina laadt u een voorbeeldproject of begint u opnieuw."
    )
    st.button(
        "Demomodus stoppen",
        key="sw-demo-disable",
        on_click=disable,
        icon=":material/logout:",
        help="Terug naar de gewone wizard, met een lege aanvraag: niets uit de demo wordt bewaard.",
    )
