"""The cost lines of "Kosten en uren": one small labelled form per line, built from plain inputs.

A grid read Dutch amounts the English way (`12.000` became twelve) and lost select clicks, so
each line is a group of ordinary fields (the GOV.UK "add another" pattern). Every field writes
its text into the answers from its `on_change` callback, exactly as typed; the core reads it
(`aeno_core.entry`) and names what it cannot use, next to the field. One line's form is open at
a time; the others are summary rows with a button that opens them (`settle_open_line`). A
removed line can be put back until the next removal.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

import streamlit as st

from aeno_core import calculation
from aeno_core import formatting as fmt
from aeno_core.answers import MISSING_MESSAGES, ExternalRow, InternalRow, Outcome
from aeno_core.entry import EntryError, Quantity, read_number
from aeno_core.errors import FieldError
from aeno_core.hourly_wages import load_wage_tables
from ui import reconnect, sidebar
from ui import widgets as w
from ui.drafts import link
from ui.state import WizardState, commit_change, get_state

EXTERNAL = "external_costs"
INTERNAL = "internal_staff"
MAX_LINES = 200

NO_LEADER = -1
"""The project-leader choice "none of these lines"."""

_UNDO_KEY = "subsidiewijzer.removed_line"
"""Session key of the last removed line: (table, index, row), until it is put back or replaced."""

_NOUNS = {EXTERNAL: "externe kostenregel", INTERNAL: "medewerker"}

_FULL_RUN = "subsidiewijzer.kosten.full_run"
"""True while the whole page runs (not one line alone)."""
_WHOLE_PAGE = "subsidiewijzer.kosten.whole_page"
"""Set by a change that other parts of the page show (a removed line, a role): rerun it all."""
LineRef = tuple[str, int]
"""A cost line: its table (`EXTERNAL` or `INTERNAL`) and its index."""
_FOCUS_KEY = "subsidiewijzer.kosten.focus"
"""The field to focus after "Regel N wijzigen" opened its line (the button is gone then)."""
_CALCULATION = "calculation"
"""The state slot of the calculation's place: (place, drawer, revision drawn)."""


def scale_options() -> tuple[list[int], list[int]]:
    """Scales and steps that the shipped uurloontabel knows (the last table sets the range)."""
    table = load_wage_tables().tables[-1]
    scales = sorted(table.rates)
    steps = list(range(max(len(v) for v in table.rates.values())))
    return scales, steps


# ------------------------------------------------------------------ adding and removing lines


def _rows(table: str) -> list[Any]:
    rows: list[Any] = getattr(get_state().answers, table)
    return rows


def add_line(table: str) -> None:
    """ "Regel toevoegen": an empty line at the end (empty lines are ignored by the rules)."""
    rows = _rows(table)
    if len(rows) < MAX_LINES:
        rows.append(ExternalRow() if table == EXTERNAL else InternalRow())
        _open(table, len(rows) - 1)
        commit_change()


def remove_line(table: str, index: int) -> None:
    """ "Regel verwijderen": the line goes, and is kept aside so that it can be put back."""
    rows = _rows(table)
    if 0 <= index < len(rows):
        st.session_state[_UNDO_KEY] = (table, index, rows.pop(index))
        st.session_state[_WHOLE_PAGE] = True
        state = get_state()
        if state.open_line == (table, index):
            state.open_line = None
        elif (
            state.open_line is not None
            and state.open_line[0] == table
            and state.open_line[1] > index
        ):
            state.open_line = (table, state.open_line[1] - 1)
        commit_change()


def undo_remove() -> None:
    """Put the last removed line back where it was."""
    removed = st.session_state.pop(_UNDO_KEY, None)
    if removed is None:
        return
    table, index, row = removed
    rows = _rows(table)
    if isinstance(row, ExternalRow | InternalRow) and len(rows) < MAX_LINES:
        if isinstance(row, InternalRow) and row.project_leader:
            for other in rows:
                other.project_leader = False
        rows.insert(min(index, len(rows)), row)
        _open(table, min(index, len(rows) - 1))
        commit_change()


def removed_notice() -> None:
    """After a removal: which line went, and a button to put it back."""
    removed = st.session_state.get(_UNDO_KEY)
    if removed is None:
        return
    table, index, _ = removed
    with st.container(key="sw-undo"):
        st.info(f"Regel {index + 1} ({_NOUNS[table]}) is verwijderd.", icon=":material/delete:")
        st.button("Ongedaan maken", key="undo-remove", on_click=undo_remove, icon=":material/undo:")


def set_leader(choice: int) -> None:
    """The one project leader among the internal lines (NO_LEADER: none of them)."""
    for index, row in enumerate(_rows(INTERNAL)):
        row.project_leader = index == choice


def _on_leader() -> None:
    set_leader(int(st.session_state["w.internal_staff.leader"]))
    commit_change()


# ------------------------------------------------------------------ which line is open


def _open(table: str, index: int) -> None:
    state = get_state()
    state.open_line = (table, index)
    state.open_line_chosen = True


def _edit_line(table: str, index: int) -> None:
    """ "Regel N wijzigen": that line opens (its fields, focused), the open one closes."""
    _open(table, index)
    st.session_state[_FOCUS_KEY] = _first_field(table, index)


def _first_field(table: str, index: int) -> str:
    return f"{table}.{index}.{'description' if table == EXTERNAL else 'role'}"


def _requested_line() -> LineRef | None:
    """The line of the field an Overzicht link names (`?veld=external_costs.1.amount_ex_vat`)."""
    parts = str(st.query_params.get(w.FIELD_PARAM, "")).split(".")
    if len(parts) >= 2 and parts[0] in (EXTERNAL, INTERNAL) and parts[1].isdigit():
        return parts[0], int(parts[1])
    return None


def _needs_work(outcome: Outcome, table: str, index: int) -> bool:
    return bool(outcome.errors_for(f"{table}.{index}"))


def settle_open_line() -> LineRef | None:
    """Which line shows its fields in this run; every other line is a summary row.

    One line open at a time (GOV.UK's "add to a list" pattern): each element on the page costs
    the browser work at every keystroke in a line (Streamlit's browser redraws the whole
    page's tree when a part of it reruns), and five open lines were some 40 of its elements
    (bench/bench_ui.py). An Overzicht link opens the line of its field; on the first visit
    with these answers, the first line with something to mend or fill in opens, or none when
    every line is complete; a new line opens itself; "Regel N wijzigen" opens its line.
    """
    state = get_state()
    requested = _requested_line()
    if requested is not None and requested[1] < len(_rows(requested[0])):
        _open(*requested)
    elif not state.open_line_chosen:
        outcome = state.outcome()
        state.open_line = next(
            (
                (table, index)
                for table in (EXTERNAL, INTERNAL)
                for index in range(len(_rows(table)))
                if _needs_work(outcome, table, index)
            ),
            None,
        )
        state.open_line_chosen = True
    if state.open_line is not None and state.open_line[1] >= len(_rows(state.open_line[0])):
        state.open_line = None
    return state.open_line


def line(table: str, index: int) -> None:
    """Line `index` of `table`: its form when it is the open line, else its summary row."""
    if get_state().open_line == (table, index):
        (external_line if table == EXTERNAL else internal_line)(index)
    else:
        summary_row(table, index)


def summary_row(table: str, index: int) -> None:
    """A closed line: what it holds on one line, what it still needs, and a button to open it.

    One Markdown element and one button: the closed lines are most of the page, and each
    element costs the browser work at every keystroke in the open line.
    """
    outcome = get_state().outcome()
    row = _rows(table)[index]
    wrong, missing = line_errors(outcome, table, index)
    parts = [f"<strong>Regel {index + 1}</strong>", *_summary_parts(row)]
    html = f'<p class="sw-line-summary">{" · ".join(parts)}</p>'
    html += "".join(w.row_error_html(error) for error in wrong)
    if missing:
        html += _missing_html(missing)
    with st.container(border=True, key=f"sw-line-{table}-{index}"):
        st.markdown(html, unsafe_allow_html=True)
        st.button(
            f"{'Regel' if table == EXTERNAL else 'Medewerker'} {index + 1} wijzigen",
            key=f"edit-{table}-{index}",
            on_click=_edit_line,
            args=(table, index),
            icon=":material/edit:",
            type="tertiary",
        )


def _summary_parts(row: ExternalRow | InternalRow) -> list[str]:
    """The line's answers as short escaped pieces, each as typed or as the core read it."""
    if isinstance(row, ExternalRow):
        amount = _reading(str(row.amount_ex_vat), Quantity.AMOUNT)
        return [
            w.escape(row.description.strip() or "geen omschrijving"),
            w.escape(_shown(amount, row.amount_ex_vat, "geen bedrag")),
            "telt mee" if row.staff_development else "telt niet mee",
        ]
    hours = _reading(str(row.hours), Quantity.HOURS)
    rate = _reading(str(row.hourly_rate), Quantity.RATE)
    if rate is not None:
        wage = f"uurloon {_shown(rate, row.hourly_rate, '')}"
    else:
        scale = "nog geen schaal" if row.scale is None else f"schaal {row.scale}"
        step = "nog geen periodiek" if row.step is None else f"periodiek {row.step}"
        wage = f"{scale}, {step}"
    return [
        w.escape(row.role.strip() or "nog geen rol"),
        w.escape(_shown(hours, row.hours, "geen uren")),
        w.escape(wage),
    ]


def _shown(reading: str | None, typed: object, empty: str) -> str:
    """What the core read (without "Gelezen als"), else the text as typed, else `empty`."""
    if reading is not None:
        return reading.removeprefix("Gelezen als ")
    return str(typed).strip() or empty


# ------------------------------------------------------------------ one line's fields


def line_errors(outcome: Outcome, table: str, index: int) -> tuple[list[FieldError], list[str]]:
    """What is wrong in a line (shown in red) and which fields are still empty (a calm hint).

    A line that is still being typed is incomplete, not wrong: its missing fields are listed
    quietly, never shouted.
    """
    wrong: list[FieldError] = []
    missing: list[str] = []
    for error in outcome.errors_for(f"{table}.{index}"):
        if error.message in MISSING_MESSAGES:
            if error.field not in missing:
                missing.append(error.field)
        else:
            wrong.append(error)
    return wrong, missing


def _reading(text: str, quantity: Quantity) -> str | None:
    """`Gelezen als € 12.000,00`: how the wizard understood a typed number, or None."""
    try:
        number = read_number(text, quantity, get_state().answers.submitted_on).number
    except EntryError:
        return None
    if number is None:
        return None
    shown = fmt.number(number) + " uur" if quantity is Quantity.HOURS else fmt.money(number)
    return f"Gelezen als {shown}"


def number_field(label: str, path: str, quantity: Quantity, *, help: str, example: str) -> None:
    """A number typed as text (kept as typed), with how the wizard read it under the field."""
    w.text_field(
        label,
        path,
        help=help,
        placeholder=f"bijvoorbeeld {example}",
        max_chars=40,
        on_change=_commit_line_field,
    )
    typed = str(w.get_answer(path))
    reading = _reading(typed, quantity)
    if reading is not None:
        st.markdown(f'<p class="sw-reading">{w.escape(reading)}</p>', unsafe_allow_html=True)


def show_line_errors(outcome: Outcome, table: str, index: int) -> None:
    """The line's own errors in red, naming the line; its empty fields as a quiet hint."""
    wrong, missing = line_errors(outcome, table, index)
    for error in wrong:
        w.row_error(error)
    if missing:
        st.markdown(_missing_html(missing), unsafe_allow_html=True)


def _missing_html(missing: list[str]) -> str:
    """The calm hint of a line's empty fields: 'Nog in te vullen: uren, schaal'."""
    return f'<p class="sw-line-missing">Nog in te vullen: {w.escape(", ".join(missing))}</p>'


# ------------------------------------------------------------------ one line, rerun alone


def begin_page(place: Any, drawer: Callable[[], str]) -> None:
    """Top of the page's full run: the calculation's place, made before the lines draw.

    `place` is an st.empty() that stands below the lines; `drawer` gives the calculation as
    one piece of HTML (one element: see ui/cost_calculation.py).
    """
    st.session_state[_FULL_RUN] = True
    st.session_state.pop(_WHOLE_PAGE, None)
    get_state().slots[_CALCULATION] = (place, drawer, None)
    settle_open_line()


def end_page() -> None:
    """After the lines: without an open line, the run itself draws the calculation.

    An open line has drawn the calculation and the sidebar already (see `_line_start`), and
    `sidebar.finish()` finds nothing left to do. Then the keyboard goes to the line that
    "Regel N wijzigen" opened.
    """
    if get_state().slots[_CALCULATION][2] is None:
        _draw_calculation()
    st.session_state[_FULL_RUN] = False
    focus = st.session_state.pop(_FOCUS_KEY, None)
    if focus is not None:
        w.focus_field(focus)


def _draw_calculation() -> None:
    """The calculation beneath the lines, drawn into its place (by a line, see `_line_start`)."""
    state = get_state()
    place, drawer, _ = state.slots[_CALCULATION]
    place.markdown(drawer(), unsafe_allow_html=True)
    state.slots[_CALCULATION] = (place, drawer, state.revision)


def _line_start(table: str, index: int) -> None:
    """Top of a line: rerun the page for a change shown elsewhere, else draw the outside first.

    Typing an amount reruns only its line (a handful of elements, as quick as a bare form);
    the calculation and the sidebar estimate lie outside it. A change that other parts show
    (a removed line, a role in the project-leader choice) reruns the whole page instead.
    Streamlit lets a part that reruns alone write outside itself only into places it also
    wrote on the last full run, so on a full run the open line writes them, whole and in the
    same shape (a later write of a place replaces an earlier one that is still queued,
    in its position: the same shape keeps every element behind its container, see
    tests/test_page_deltas.py). On its
    own rerun a line writes them again even when nothing in them changed: after a part's
    rerun the browser removes what that part wrote before and did not write again, so a
    sidebar the line left alone would go blank (seen by the browser tests).

    They are written before the line's own fields: the browser draws each message as it
    comes, so the new estimate, what the person waits for, shows before the line's dozen
    unchanged elements are drawn again, not after them (bench/bench_ui.py).
    """
    alone = not st.session_state.get(_FULL_RUN)
    if alone and (st.session_state.pop(_WHOLE_PAGE, False) or index >= len(_rows(table))):
        st.rerun(scope="app")
    sidebar.refresh()
    _draw_calculation()


def _commit_line_field(path: str) -> None:
    """A line's field: its value into the answers, the draft saved once the line has redrawn.

    The save waits (`link.save_later`) so that the person does not wait for the disk before
    the new estimate is drawn; the line flushes it at its end (`_line_fragment`).
    """
    with link.save_later():
        w.commit_answer(path)


def _whole_page_after_change(path: str) -> None:
    """A role names its line in the project-leader choice, outside the line: redraw it all."""
    _commit_line_field(path)
    st.session_state[_WHOLE_PAGE] = True


def _line_fragment(draw: Callable[[int], None]) -> Callable[[int], None]:
    """A line that reruns alone (st.fragment) and saves its waiting change at its end.

    The save comes after the line's elements, so the disk works while the browser draws.
    A save that needs the person's eye (a conflict, a failure) reruns the whole page, which
    shows it. Interrupted by a newer run, the line still saves what waited.
    """

    @functools.wraps(draw)
    def line(index: int) -> None:
        try:
            draw(index)
        finally:
            saved = link.flush()
        if not saved:
            st.rerun(scope="app")

    fragment: Callable[[int], None] = st.fragment(line)
    return fragment


def _line_end(outcome: Outcome, table: str, index: int) -> None:
    """The foot of a line's group: its own messages, then the button that removes it."""
    show_line_errors(outcome, table, index)
    st.button(
        f"Regel {index + 1} verwijderen",
        key=f"remove-{table}-{index}",
        on_click=remove_line,
        args=(table, index),
        icon=":material/delete:",
        type="tertiary",
    )


@_line_fragment
def external_line(index: int) -> None:
    """One external cost line: what, how much ex BTW, does it count, remove.

    The fields stand side by side through the line's CSS grid (assets/ui/style.css), not
    st.columns: every element on the page costs the browser work at each keystroke, and the
    columns were a third of the page's elements (bench/bench_ui.py).
    """
    _line_start(EXTERNAL, index)
    outcome = get_state().outcome()
    base = f"{EXTERNAL}.{index}"
    with st.container(border=True, key=f"sw-line-{EXTERNAL}-{index}"):
        st.subheader(f"Externe kosten, regel {index + 1}", anchor=False)
        w.text_field(
            "Omschrijving",
            f"{base}.description",
            help="Bijvoorbeeld: trainingsbureau, training",
            max_chars=300,
            on_change=_commit_line_field,
        )
        number_field(
            "Bedrag ex BTW (€)",
            f"{base}.amount_ex_vat",
            Quantity.AMOUNT,
            help="Alleen het deel voor dit project, zonder BTW, in euro. Schrijf het zoals u"
            " gewend bent: 12.000 of 12.000,50.",
            example="12.000,00",
        )
        w.checkbox(
            "Telt mee: gaat over de ontwikkeling van medewerkers of de organisatie",
            f"{base}.staff_development",
            on_change=_commit_line_field,
        )
        _line_end(outcome, EXTERNAL, index)


@_line_fragment
def internal_line(index: int) -> None:
    """One employee's line: role, hours, and scale and step or the fund's hourly rate.

    Laid out by the line's CSS grid, as `external_line` is.
    """
    _line_start(INTERNAL, index)
    outcome = get_state().outcome()
    scales, steps = scale_options()
    base = f"{INTERNAL}.{index}"
    with st.container(border=True, key=f"sw-line-{INTERNAL}-{index}"):
        st.subheader(f"Medewerker, regel {index + 1}", anchor=False)
        w.text_field(
            "Rol",
            f"{base}.role",
            help="Bijvoorbeeld: projectleider, adviseur",
            max_chars=200,
            on_change=_whole_page_after_change,
        )
        number_field(
            "Uren",
            f"{base}.hours",
            Quantity.HOURS,
            help="Uren voor dit project; halve uren mogen (24,5)",
            example="24,5",
        )
        w.choice(
            "Schaal",
            f"{base}.scale",
            scales,
            placeholder="Kies een schaal",
            on_change=_commit_line_field,
        )
        w.choice(
            "Periodiek",
            f"{base}.step",
            steps,
            placeholder="Kies een periodiek",
            on_change=_commit_line_field,
        )
        number_field(
            "Uurloon (€, optioneel)",
            f"{base}.hourly_rate",
            Quantity.RATE,
            help="Het uurloon uit de uurloontabel van het A&O fonds. Ingevuld gaat het altijd"
            " voor; schaal en periodiek zijn dan niet nodig.",
            example="45,50",
        )
        _line_end(outcome, INTERNAL, index)


def leader_choice(rows: list[InternalRow]) -> None:
    """Who leads the project: one choice among the internal lines (or none of them)."""
    options = [NO_LEADER, *range(len(rows))]
    chosen = next((i for i, row in enumerate(rows) if row.project_leader), NO_LEADER)

    def label(option: int) -> str:
        if option == NO_LEADER:
            return "Geen van deze medewerkers"
        if option >= len(rows):
            return reconnect.EMPTY
        role = rows[option].role.strip() or "nog geen rol"
        return f"Regel {option + 1}: {role}"

    reconnect.seed(
        "w.internal_staff.leader", chosen, label="Projectleider", commit=_on_leader, show=label
    )

    st.selectbox(
        "Wie is de projectleider?",
        options,
        format_func=label,
        key="w.internal_staff.leader",
        on_change=_on_leader,
        help="Eén projectleider per aanvraag. Met externe kosten in de aanvraag telt intern"
        " alleen de projectleider mee.",
    )
    w.field_errors(INTERNAL, exact=True)


def add_button(table: str) -> None:
    """ "Regel toevoegen" under a table, as long as there is room."""
    if len(_rows(table)) >= MAX_LINES:
        st.caption(f"Er passen hoogstens {MAX_LINES} regels in een aanvraag.")
        return
    label = "Externe kostenregel toevoegen" if table == EXTERNAL else "Medewerker toevoegen"
    st.button(label, key=f"add-{table}", on_click=add_line, args=(table,), icon=":material/add:")


def leader_rule_switch(state: WizardState) -> str | None:
    """One line when the last change switched the project-leader rule on or off, with its effect.

    A small external line can take the internal hours out of the estimate (the fund's rule);
    the person must see that at the moment it happens, not discover a lower amount later. The
    core says which way it went and by how much (`calculation.leader_rule_switch`).
    """
    current = state.outcome().estimate
    before = state.previous_complete()
    if current is None or before is None or before.estimate is None:
        return None
    switch = calculation.leader_rule_switch(
        before.estimate.application, current.application, current.rules_date
    )
    return None if switch is None else switch.message
