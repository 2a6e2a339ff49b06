"""The two cost tables of "Kosten en uren": rows in the answers, edited through st.data_editor.

The editor reports edits as a delta on the rows it was drawn with (edited, added, deleted).
The `on_change` callback applies that delta to the answers and raises the editor generation,
so the next run draws a fresh editor from the new rows and nothing is applied twice. Where no
callback fires (AppTest sets the delta directly), `sync_after_render` does the same and reruns.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any

import pandas as pd
import streamlit as st

from aeno_core.answers import ExternalRow, InternalRow
from aeno_core.calculation import CalculationLine
from aeno_core.hourly_wages import load_wage_tables
from ui.state import commit_change, get_state

EXTERNAL = "external_costs"
INTERNAL = "internal_staff"

EXTERNAL_COLUMNS = ["description", "amount_ex_vat", "staff_development"]
INTERNAL_COLUMNS = ["role", "project_leader", "scale", "step", "hours", "hourly_rate"]

WIDTHS = {
    "description": 470,
    "amount_ex_vat": 150,
    "staff_development": 100,
    "role": 230,
    "project_leader": 115,
    "scale": 85,
    "step": 105,
    "hours": 85,
    "hourly_rate": 100,
}
ROW_HEIGHT = 36
"""Column widths in pixels: the tables fit the page at 1280 px and scroll sideways on a phone."""


def editor_key(table: str) -> str:
    """The session key of a table's editor in this generation."""
    return f"editor.{table}.{get_state().editor_generation}"


def rate_origin(line: CalculationLine) -> str:
    """Where a line's hourly rate comes from, in a few words (the full text is below it)."""
    if line.rate is None:
        return "Niet in de meegeleverde tabel: vul het uurloon van het fonds in"
    if line.rate_is_approximation:
        return "Benadering uit de meegeleverde uurloontabel (geen tarief van het fonds)"
    return "Door u ingevuld, uit de uurloontabel van het fonds"


def derivation() -> str:
    """How the shipped table was derived, as the data file says it."""
    return load_wage_tables().derivation


def scale_options() -> tuple[list[int], list[int]]:
    """Scales and steps that the shipped uurloontabel knows (the last table sets the range)."""
    table = load_wage_tables().tables[-1]
    scales = sorted(table.rates)
    steps = list(range(max(len(v) for v in table.rates.values())))
    return scales, steps


# ---------------------------------------------------------------------- rows <-> frames


def _float(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def external_frame(rows: list[ExternalRow]) -> pd.DataFrame:
    """The external rows as the editor shows them."""
    return pd.DataFrame(
        {
            "description": pd.Series([r.description for r in rows], dtype="string"),
            "amount_ex_vat": pd.Series([_float(r.amount_ex_vat) for r in rows], dtype="float64"),
            "staff_development": pd.Series([r.staff_development for r in rows], dtype="bool"),
        }
    )


def internal_frame(rows: list[InternalRow]) -> pd.DataFrame:
    """The internal rows as the editor shows them."""
    return pd.DataFrame(
        {
            "role": pd.Series([r.role for r in rows], dtype="string"),
            "project_leader": pd.Series([r.project_leader for r in rows], dtype="bool"),
            "scale": pd.Series([r.scale for r in rows], dtype="Int64"),
            "step": pd.Series([r.step for r in rows], dtype="Int64"),
            "hours": pd.Series([_float(r.hours) for r in rows], dtype="float64"),
            "hourly_rate": pd.Series([_float(r.hourly_rate) for r in rows], dtype="float64"),
        }
    )


def _missing(value: Any) -> bool:
    if value is None or value is pd.NA:
        return True
    return isinstance(value, float) and math.isnan(value)


def to_decimal(value: Any) -> Decimal | None:
    """A cell's number as the user typed it: 1234.5 -> Decimal('1234.5'), never via binary."""
    if _missing(value):
        return None
    if isinstance(value, Decimal):
        return value
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        if math.isinf(value):
            return None
        return Decimal(repr(value))
    try:
        return Decimal(str(value).replace(",", "."))
    except ArithmeticError:
        return None


def to_int(value: Any) -> int | None:
    """A cell's whole number (scale, step), or None when empty."""
    if _missing(value):
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _text(value: Any) -> str:
    return "" if _missing(value) else str(value)


def _bool(value: Any, default: bool) -> bool:
    return default if _missing(value) else bool(value)


def _external_cell(row: ExternalRow, column: str, value: Any) -> None:
    if column == "description":
        row.description = _text(value)[:300]
    elif column == "amount_ex_vat":
        row.amount_ex_vat = to_decimal(value)
    elif column == "staff_development":
        row.staff_development = _bool(value, True)


def _internal_cell(row: InternalRow, column: str, value: Any) -> None:
    if column == "role":
        row.role = _text(value)[:200]
    elif column == "project_leader":
        row.project_leader = _bool(value, False)
    elif column in ("scale", "step"):
        setattr(row, column, to_int(value))
    elif column in ("hours", "hourly_rate"):
        setattr(row, column, to_decimal(value))


def apply_delta(table: str, base: list[Any], delta: Mapping[str, Any]) -> tuple[list[Any], bool]:
    """The rows the editor shows: `base` with the delta applied (edited, deleted, added).

    Returns the rows and whether a rule changed them beyond what the editor shows: ticking
    "projectleider" on one row clears it on the others (one choice per application).
    """
    new_row: Callable[[], Any] = ExternalRow if table == EXTERNAL else InternalRow
    set_cell = _external_cell if table == EXTERNAL else _internal_cell
    rows = [row.model_copy() for row in base]
    ticked: int | None = None
    for index_text, changes in (delta.get("edited_rows") or {}).items():
        index = int(index_text)
        if 0 <= index < len(rows):
            for column, value in changes.items():
                set_cell(rows[index], column, value)
                if column == "project_leader" and _bool(value, False):
                    ticked = index
    deleted = {int(i) for i in (delta.get("deleted_rows") or [])}
    if ticked is not None:
        ticked = None if ticked in deleted else ticked - sum(1 for i in deleted if i < ticked)
    kept = [row for i, row in enumerate(rows) if i not in deleted]
    for added in delta.get("added_rows") or []:
        row = new_row()
        for column, value in added.items():
            if not column.startswith("_"):
                set_cell(row, column, value)
        if table == INTERNAL and row.project_leader:
            ticked = len(kept)
        kept.append(row)
    corrected = False
    if table == INTERNAL and ticked is not None:
        for i, row in enumerate(kept):
            if row.project_leader and i != ticked:
                row.project_leader = False
                corrected = True
    return kept[:200], corrected


def _base(table: str) -> list[Any]:
    """The rows the current editor was drawn with (see `render_rows`)."""
    return get_state().editor_base.get(table, [])


def _apply(table: str, key: str) -> bool:
    """Make the answers' rows equal to what the editor holds; True when they changed."""
    state = get_state()
    delta = st.session_state.get(key) or {}
    rows, corrected = apply_delta(table, _base(table), delta)
    if corrected:
        # The editor still shows the old tick: draw it afresh from the corrected rows.
        state.editor_generation += 1
        state.editor_base.pop(table, None)
    if rows == getattr(state.answers, table):
        return corrected
    setattr(state.answers, table, rows)
    commit_change(state)
    return True


def _on_edit(table: str, key: str) -> None:
    _apply(table, key)


def base_frame(table: str, key: str) -> pd.DataFrame:
    """The frame to draw the editor with, and the base its edits apply to.

    The editor keeps its edits as a delta on the frame it was first drawn with, so that frame
    must stay the same while the editor lives (a new frame would reset it and lose the
    cursor). When the editor is new (first visit, or after leaving the page and coming back)
    the base is taken from the answers.
    """
    state = get_state()
    if key not in st.session_state or table not in state.editor_base:
        rows = getattr(state.answers, table)
        state.editor_base[table] = [row.model_copy() for row in rows]
        state.frames.pop(table, None)
    if table not in state.frames:
        base = state.editor_base[table]
        state.frames[table] = external_frame(base) if table == EXTERNAL else internal_frame(base)
    frame: pd.DataFrame = state.frames[table]
    return frame


def on_edit_args(table: str) -> tuple[Callable[[str, str], None], tuple[str, str]]:
    """The callback and its arguments for the editor of `table` in this generation."""
    return _on_edit, (table, editor_key(table))


def sync_after_render(table: str, key: str) -> None:
    """Apply a delta that reached the script without a callback (AppTest), then rerun."""
    if _apply(table, key):
        st.rerun()
