"""Plain HTML building blocks for explanations: tables that wrap, answer lists, the rules used.

Streamlit's grid tables truncate long Dutch sentences; these render as ordinary HTML tables
that wrap and scroll sideways on a phone. All text is escaped: user input is never markup.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

import streamlit as st

from aeno_core import formatting as fmt
from aeno_core.parameters import DatedValue, parameter
from aeno_core.safe_text import for_html


def table(
    headers: Sequence[str],
    rows: Sequence[Sequence[object]],
    *,
    numeric: Sequence[int] = (),
    total: Sequence[object] | None = None,
    muted_rows: Sequence[int] = (),
    caption: str | None = None,
) -> None:
    """A wrapped HTML table; `numeric` columns are right-aligned, `total` is a bold last row."""
    st.markdown(
        table_html(
            headers, rows, numeric=numeric, total=total, muted_rows=muted_rows, caption=caption
        ),
        unsafe_allow_html=True,
    )


def table_html(
    headers: Sequence[str],
    rows: Sequence[Sequence[object]],
    *,
    numeric: Sequence[int] = (),
    total: Sequence[object] | None = None,
    muted_rows: Sequence[int] = (),
    caption: str | None = None,
    region: str | None = None,
) -> str:
    """The HTML of `table`, for a page that keeps it while its content does not change.

    `region` names a table wide enough to scroll sideways: its wrapper becomes a labelled
    region that the keyboard can reach and scroll (WCAG 2.1.1; axe: scrollable-region-focusable).
    """

    # Each column's opening tags once per table, not once per cell: a map of 50 projects has
    # 600 cells, and this is on every rerun of its page (bench/bench_projects_page.py).
    # data-label: on a phone each row becomes a block and every cell names its column.
    width = max([len(headers), *(len(row) for row in rows)], default=0)
    opening = {
        tag: [
            f"<{tag}{' class=num' if i in numeric else ''}"
            f"{_label(headers, i) if tag == 'td' else ''}>"
            for i in range(width)
        ]
        for tag in ("td", "th")
    }

    def cells(values: Sequence[object], tag: str) -> str:
        starts = opening[tag]
        return "".join(f"{starts[i]}{for_html(str(v))}</{tag}>" for i, v in enumerate(values))

    body = "".join(
        f"<tr{' class=sw-muted' if i in muted_rows else ''}>{cells(row, 'td')}</tr>"
        for i, row in enumerate(rows)
    )
    if total is not None:
        body += f'<tr class="sw-total">{cells(total, "td")}</tr>'
    cap = f"<caption class='sw-small'>{for_html(caption)}</caption>" if caption else ""
    wrap = f' tabindex="0" role="region" aria-label="{for_html(region)}"' if region else ""
    return (
        f'<div class="sw-table-wrap"{wrap}><table class="sw-table">{cap}<thead><tr>'
        f"{cells(headers, 'th')}</tr></thead><tbody>{body}</tbody></table></div>"
    )


def _label(headers: Sequence[str], index: int) -> str:
    name = headers[index] if index < len(headers) else ""
    return f' data-label="{for_html(name)}"' if name else ""


def answer_list(items: Sequence[tuple[str, str | None]]) -> None:
    """Question and answer pairs; an unanswered one says so instead of staying blank."""
    parts = []
    for question, answer in items:
        if answer is None or answer == "":
            parts.append(
                f"<dt>{for_html(question)}</dt><dd class='sw-missing'>nog niet ingevuld</dd>"
            )
        else:
            parts.append(f"<dt>{for_html(question)}</dt><dd>{for_html(answer)}</dd>")
    st.markdown(f'<dl class="sw-answers">{"".join(parts)}</dl>', unsafe_allow_html=True)


RULES_SHOWN = (
    "impuls.internal_share",
    "impuls.external_share",
    "impuls.minimum",
    "impuls.maximum",
    "impuls.max_duration_months",
    "impuls.application_window_days",
    "impuls.min_participants",
    "innovatief.internal_share",
    "innovatief.external_share",
    "innovatief.minimum",
    "innovatief.maximum",
    "innovatief.max_duration_months",
    "innovatief.application_window_days",
    "innovatief.declaration_window_days",
    "innovatief.min_partner_gemeenten",
    "general.min_share_gemeenten",
    "general.submission_window",
)
"""The dated rules shown on Start, in the order a reader meets them."""


def describe_value(value: DatedValue) -> str:
    """A parameter's value as a Dutch reader writes it (50%, € 15.000,00, 8 weken)."""
    raw: Any = value.value
    unit = value.unit
    if unit == "fraction":
        return fmt.share(raw)
    if unit == "euro":
        return fmt.money(raw)
    if unit == "months":
        return f"{raw} maanden"
    if unit == "days":
        weeks = f" ({raw // 7} weken)" if raw % 7 == 0 else ""
        return f"{raw} dagen{weeks}"
    if unit == "percent":
        return f"{raw}%"
    if unit == "window":
        period = f"{fmt.long_date(raw['opens'])} tot en met {fmt.long_date(raw['closes'])}"
        closes_at = raw.get("closes_at")
        return f"{period} (vóór {closes_at} uur)" if closes_at else period
    return str(raw)


def rules_rows(day: date) -> list[tuple[str, str, str, str]]:
    """Label, value, valid-from date and source of each rule shown, on `day`."""
    rows: list[tuple[str, str, str, str]] = []
    for name in RULES_SHOWN:
        try:
            value = parameter(name, day)
        except LookupError:
            rows.append((name, "geen waarde bekend op deze datum", "", ""))
            continue
        rows.append(
            (value.label, describe_value(value), fmt.long_date(value.valid_from), value.reference)
        )
    return rows
