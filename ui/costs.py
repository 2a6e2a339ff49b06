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


def apply_delta(table: str, delta: Mapping[str, Any]) -> bool:
    """Apply one editor delta to the answers' rows; True when anything changed.

    Ticking "projectleider" on one row clears it on the others: one choice per application.
    """
    answers = get_state().answers
    rows: list[Any] = list(getattr(answers, table))
    new_row: Callable[[], Any] = ExternalRow if table == EXTERNAL else InternalRow
    set_cell = _external_cell if table == EXTERNAL else _internal_cell
    before = [row.model_copy() for row in rows]
    rows = [row.model_copy() for row in rows]
    new_leader: int | None = None

    for index_text, changes in (delta.get("edited_rows") or {}).items():
        index = int(index_text)
        if 0 <= index < len(rows):
            for column, value in changes.items():
                set_cell(rows[index], column, value)
                if column == "project_leader" and _bool(value, False):
                    new_leader = index
    deleted = {int(i) for i in (delta.get("deleted_rows") or [])}
    kept = [row for i, row in enumerate(rows) if i not in deleted]
    if new_leader is not None and new_leader in deleted:
        new_leader = None
    elif new_leader is not None:
        new_leader -= sum(1 for i in deleted if i < new_leader)
    for added in delta.get("added_rows") or []:
        row = new_row()
        for column, value in added.items():
            if column.startswith("_"):
                continue
            set_cell(row, column, value)
        if table == INTERNAL and row.project_leader:
            new_leader = len(kept)
        kept.append(row)
    if table == INTERNAL and new_leader is not None:
        for i, row in enumerate(kept):
            row.project_leader = i == new_leader
    kept = kept[:200]
    if kept == before:
        return False
    setattr(answers, table, kept)
    return True


def _on_edit(table: str, key: str) -> None:
    delta = st.session_state.get(key) or {}
    state = get_state()
    if apply_delta(table, delta):
        state.editor_generation += 1
        commit_change(state)


def on_edit_args(table: str) -> tuple[Callable[[str, str], None], tuple[str, str]]:
    """The callback and its arguments for the editor of `table` in this generation."""
    return _on_edit, (table, editor_key(table))


def sync_after_render(table: str, key: str) -> None:
    """Apply a delta that reached the script without a callback (AppTest), then rerun."""
    delta = st.session_state.get(key)
    if not delta:
        return
    if not any(delta.get(part) for part in ("edited_rows", "added_rows", "deleted_rows")):
        return
    state = get_state()
    changed = apply_delta(table, delta)
    state.editor_generation += 1
    if changed:
        commit_change(state)
    st.rerun()
