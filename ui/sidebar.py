"""The sidebar on every page: the live estimate and the stappenplan as a task list.

Below the widgets in `ui/`: `ui.widgets.page_intro` draws the phone line from here
(`mobile_bar`), so this module escapes user text with the core's `for_html` itself.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from aeno_core.advice import SCHEME_LABELS
from aeno_core.answers import MISSING_MESSAGES, Outcome
from aeno_core.formatting import money
from aeno_core.progress import Status, section_status
from aeno_core.safe_text import for_html
from ui import clicks
from ui import pages as page_list
from ui.drafts.link import link_params
from ui.state import WizardState, get_state

T = TypeVar("T")

_MOVED = "tasks_moved"
"""The state slot of the place for a task list drawn by a fragment (see `_show_moved_steps`)."""
TASKS_KEY = "sw-tasks"
"""The stappenplan the page's run draws."""
MOVED_KEY = "sw-tasks-moved"
"""The stappenplan a cost line draws when its change moved a step; the stylesheet then hides
the run's (assets/ui/style.css)."""

STATUS_ICONS = {
    Status.DONE: ":material/check_circle:",
    Status.ERRORS: ":material/error:",
    Status.BUSY: ":material/pending:",
    Status.TODO: ":material/radio_button_unchecked:",
}


def page_status(state: WizardState, outcome: Outcome) -> dict[str, Status]:
    """Per page: its step's state, from the answers alone (aeno_core.progress)."""
    return section_status(state.answers, outcome)


def _missing_items(outcome: Outcome) -> tuple[str, list[str]]:
    """What stands between the answers and an estimate: errors first, else what is missing."""
    wrong = [e for e in outcome.errors if e.message not in MISSING_MESSAGES]
    if wrong:
        return "Eerst verbeteren:", [f"{e.place}: {e.message}" for e in wrong]
    return "Nog nodig:", list(dict.fromkeys(e.place for e in outcome.errors))


def _reasons(items: list[str]) -> str:
    reasons = "".join(f"<li>{for_html(item)}</li>" for item in items[:3])
    more = len(items) - 3
    extra = f"<li>en nog {more}</li>" if more > 0 else ""
    return f'<ul class="sw-estimate-reasons">{reasons}{extra}</ul>'


def estimate_card(outcome: Outcome, last: Outcome | None = None) -> str:
    """The live estimate as HTML: amount, scheme, open problems; or why there is none yet.

    While the answers are incomplete (a line still being typed), the last complete estimate
    stays in view, marked "onvolledig", with what is missing: an amount that vanishes at every
    keystroke helps nobody.
    """
    if outcome.estimate is None:
        intro, items = _missing_items(outcome)
        if last is not None and last.estimate is not None:
            amount = money(last.estimate.calculation.subsidy)
            return (
                '<div class="sw-estimate sw-estimate-incomplete" role="status" aria-live="polite">'
                '<div class="sw-estimate-label">Geschatte subsidie (onvolledig)</div>'
                f'<div class="sw-estimate-amount" data-testid="sw-estimate">{amount}</div>'
                '<div class="sw-estimate-counts">Laatste volledige schatting; de invoer is nu'
                f" onvolledig. {intro}</div>{_reasons(items)}</div>"
            )
        return (
            '<div class="sw-estimate sw-estimate-none" role="status" aria-live="polite">'
            '<div class="sw-estimate-label">Geschatte subsidie</div>'
            '<div class="sw-estimate-amount" data-testid="sw-estimate">Nog geen schatting</div>'
            f'<div class="sw-estimate-counts">{intro}</div>{_reasons(items)}</div>'
        )
    result = outcome.estimate
    calc = result.calculation
    scheme = SCHEME_LABELS[calc.scheme]
    advice = " (advies)" if not get_state().answers.chosen_scheme() else ""
    problems = len(result.problems)
    checks = len(result.to_check)
    problem_text = (
        "geen problemen"
        if problems == 0
        else f"{problems} probleem" + ("" if problems == 1 else "en")
    )
    phase = "declaratie" if calc.phase.value == "declaratie" else "aanvraag"
    rules = next((f for f in result.findings if f.code == "rules_date"), None)
    rules_note = (
        ""
        if rules is None
        else '<div class="sw-estimate-counts sw-estimate-rules">Let op: berekend met de regels'
        f" van {result.rules_date.year}; het fonds werkt nu met andere regelingen (zie de"
        " melding bovenaan).</div>"
    )
    no_costs = not calc.lines
    costs_note = (
        '<div class="sw-estimate-counts">Nog geen kosten ingevuld.</div>' if no_costs else ""
    )
    return (
        '<div class="sw-estimate" role="status" aria-live="polite">'
        '<div class="sw-estimate-label">Geschatte subsidie</div>'
        f'<div class="sw-estimate-amount" data-testid="sw-estimate">{money(calc.subsidy)}</div>'
        f'<div class="sw-estimate-scheme">{for_html(scheme)}{advice}, {phase}</div>'
        f'<div class="sw-estimate-counts"><span class="sw-count-{"problem" if problems else "ok"}"'
        f' data-testid="sw-problems">{problem_text}</span> · {checks} te controleren</div>'
        f"{costs_note}{rules_note}</div>"
    )


def mobile_bar(page_key: str) -> None:
    """The one-line estimate above the page, shown only on narrow screens (CSS).

    On a phone the sidebar is folded away; the amount must still be in sight. The element is
    drawn with the current estimate at once and kept as a place that `refresh()` overwrites,
    so a part of the page that reruns alone can update it; on a page whose fragment draws it,
    the place is left empty for the fragment (see `prepare`).
    """
    state = get_state()
    if _from_fragment(page_key):
        state.slots["mobile"] = (st.empty(), None)
        return
    html = _mobile_html(state.outcome())
    state.slots["mobile"] = (st.markdown(html, unsafe_allow_html=True), html)


def _from_fragment(page_key: str | None) -> bool:
    return page_key is not None and page_list.BY_KEY[page_key].sidebar_from_fragment


def _mobile_html(outcome: Outcome) -> str:
    if outcome.estimate is None:
        text = "Nog geen schatting"
    else:
        calc = outcome.estimate.calculation
        text = f"{money(calc.subsidy)} · {SCHEME_LABELS[calc.scheme]}"
    return f'<div class="sw-mobile-estimate">Geschatte subsidie: <strong>{for_html(text)}</strong></div>'


def _task_links(status: dict[str, Status]) -> None:
    for index, page in enumerate(page_list.PAGES, start=1):
        word = status[page.key]
        st.page_link(
            page_list.link_target(page.key),
            label=f"{index}. {page.title} — {word.value}",
            icon=STATUS_ICONS[word],
            width="stretch",
            query_params=link_params(),  # the draft survives a reconnect
        )


def prepare(page_key: str | None = None) -> None:
    """Lay out the sidebar before the page runs: brand, estimate, tasks, caption.

    The widgets' callbacks have run before the script, so the answers are final here and the
    estimate and task list are drawn at once (each element sent once per run; every element
    costs the server a message on the GIL, which 30 people at once feel). The page being run
    counts as visited from now on, as its `page_intro` would mark it. The estimate and the
    task list stay places that `finish()` overwrites when the page changed the answers, and
    `refresh()` from a part of the page that reruns alone (st.fragment).

    On a page whose fragment draws the estimate (`PageSpec.sidebar_from_fragment`), its places
    are left empty here: the fragment must write them on every full run, and a second write of
    a place in one run could blank the page. Streamlit replaces a queued message for a place
    by a newer one for the same place, where the old one stood; the fragment's container for
    the task list then reached the browser after the links meant to go inside it, and the
    browser refused them ("Cannot set a node at a delta path": a blank Kosten page about one
    visit in ten, tests/test_page_deltas.py).

    The task list itself is always drawn here, by the run: a fragment that wrote it would
    have to send its seven links again at every keystroke, and the browser redraws every
    element it receives (bench/bench_ui.py). Below it stands an empty place that a fragment
    fills only when its change moved a step (`refresh`).
    """
    state = get_state()
    state.slots.clear()  # places of the previous run may not exist on this page
    if page_key is not None:
        state.visited.add(page_key)
    empty = _from_fragment(page_key)
    outcome = state.outcome()
    card = estimate_card(outcome, state.last_complete())
    status = page_status(state, outcome)
    with st.sidebar:
        st.markdown(
            '<div class="sw-brand"><span class="sw-brand-name">Subsidiewijzer</span>'
            '<span class="sw-brand-sub">A&amp;O fonds Gemeenten</span></div>',
            unsafe_allow_html=True,
        )
        if empty:
            state.slots["estimate"] = (st.empty(), None)
        else:
            state.slots["estimate"] = (st.markdown(card, unsafe_allow_html=True), card)
        st.markdown('<p class="sw-tasks-title">Stappenplan</p>', unsafe_allow_html=True)
        tasks = st.empty()
        _draw_tasks(tasks, status)
        state.slots["tasks"] = (tasks, status)
        if empty:
            state.slots[_MOVED] = (st.empty(), None)
        st.caption("Dit is een schatting. Het A&O fonds Gemeenten beslist over de subsidie.")
        st.page_link(
            page_list.link_target("projecten"),
            label="Projectenmap voor HR",
            icon=":material/folder_open:",
            width="stretch",
            query_params=link_params(),
        )
        clicks.install()


def refresh() -> None:
    """Write the estimate and the phone line from the current answers; the task list too
    when a step moved (`_show_moved_steps`).

    Called at the start of a page part that reruns on its own (st.fragment), which may write
    into these places although they lie outside it. Streamlit requires such a part to write
    into them on every full run as well (so it reserves their position), so this always
    writes; `finish()` at the end of the run then has nothing left to do.
    """
    _fill(only_changed=False)


def finish() -> None:
    """End of app.py: redraw only what the page changed since `prepare()` drew it."""
    _fill(only_changed=True)


def _draw_markdown(place: DeltaGenerator, html: str) -> None:
    place.markdown(html, unsafe_allow_html=True)


def _draw_tasks(place: DeltaGenerator, status: dict[str, Status], key: str = TASKS_KEY) -> None:
    with place.container(key=key):
        _task_links(status)


def _update(
    name: str, content: T, draw: Callable[[DeltaGenerator, T], None], *, only_changed: bool
) -> None:
    """Redraw the place `name` with `content`, unless it shows that already and may stay."""
    slots = get_state().slots
    if name not in slots:
        return
    place, shown = slots[name]
    if only_changed and shown == content:
        return
    draw(place, content)
    slots[name] = (place, content)


def _fill(*, only_changed: bool) -> None:
    state = get_state()
    outcome = state.outcome()
    card = estimate_card(outcome, state.last_complete())
    _update("estimate", card, _draw_markdown, only_changed=only_changed)
    _update("mobile", _mobile_html(outcome), _draw_markdown, only_changed=only_changed)
    status = page_status(state, outcome)
    if only_changed:
        _update("tasks", status, _draw_tasks, only_changed=True)
    elif _MOVED in state.slots:
        _show_moved_steps(status)


def _show_moved_steps(status: dict[str, Status]) -> None:
    """From a fragment: the task list again, only when a step moved since the run drew it.

    Typing an amount rarely moves a step, so the run's list stays and the fragment writes one
    empty element instead of seven links. Streamlit lets a fragment write outside itself only
    into a place it wrote on the last full run too, so the place is always written: empty, or
    with the steps as they now are (the stylesheet then hides the run's list).
    """
    state = get_state()
    place, _ = state.slots[_MOVED]
    if status == state.slots["tasks"][1]:
        place.empty()
    else:
        _draw_tasks(place, status, key=MOVED_KEY)
