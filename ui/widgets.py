"""Form widgets bound to one answer each, and the ways the wizard shows errors and findings.

Each widget is keyed `w.<path>`; before it is drawn its value is set from the answers, and its
`on_change` callback writes the new value back through `commit_change()`. The answers are the
only source of truth, so leaving a page and coming back shows exactly what was entered.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

import streamlit as st

from aeno_core.answers import MISSING_MESSAGES
from aeno_core.errors import FieldError, place_of
from aeno_core.findings import Finding, Verdict
from aeno_core.safe_text import for_html, for_markdown
from aeno_core.vocabulary import VERDICT_LABELS
from ui import pages as page_list
from ui import reconnect
from ui.drafts.link import link_params
from ui.sidebar import mobile_bar
from ui.state import commit_change, get_path, get_state, set_path

DATE_MIN = date(2015, 1, 1)
DATE_MAX = date(2040, 12, 31)
DATE_FORMAT = "DD-MM-YYYY"

VERDICT_MARKS = {
    Verdict.OK: ("✓", "ok"),
    Verdict.PROBLEM: ("✕", "problem"),
    Verdict.TO_CHECK: ("?", "check"),
}
"""Symbol and CSS class per verdict; the word beside them is the core's (never colour alone)."""

YES_NO: list[bool] = [True, False]


def _key(path: str) -> str:
    return f"w.{path}"


def commit_answer(path: str) -> None:
    """A widget's callback: its value becomes the answer at `path`."""
    _commit_from_widget(path)


def _commit_from_widget(path: str, convert: Callable[[Any], Any] | None = None) -> None:
    value = st.session_state[_key(path)]
    if convert is not None:
        value = convert(value)
    state = get_state()
    set_path(state.answers, path, value)
    commit_change(state)


def _seed(
    path: str,
    to_widget: Callable[[Any], Any] | None = None,
    *,
    commit: Callable[[], None] | None = None,
    show: Callable[[Any], str] | None = None,
) -> str:
    """Put the answer into the widget's state before the widget is drawn.

    Right after a reconnect the tab's own value is heard first (`ui.reconnect`); `commit`
    is what the widget's own callback does with its value, `show` how its value reads.
    """
    key = _key(path)
    value = get_path(get_state().answers, path)
    reconnect.seed(
        key,
        to_widget(value) if to_widget is not None else value,
        label=place_of(path).capitalize(),
        commit=commit or (lambda: _commit_from_widget(path)),
        show=show,
    )
    return key


def radio(
    label: str,
    path: str,
    options: Sequence[Any],
    labels: Callable[[Any], str],
    *,
    help: str | None = None,
    captions: Sequence[str] | None = None,
    horizontal: bool = False,
    errors_for: str | None = None,
) -> Any:
    """A radio that may be unanswered (None), bound to `path`."""
    key = _seed(path, show=lambda v: reconnect.EMPTY if v is None else labels(v))
    value = st.radio(
        label,
        list(options),
        index=None,
        format_func=labels,
        key=key,
        help=help,
        captions=captions,
        horizontal=horizontal,
        on_change=_commit_from_widget,
        args=(path,),
    )
    field_errors(errors_for or path)
    return value


def yes_no(label: str, path: str, *, help: str | None = None) -> bool | None:
    """Ja / Nee, unanswered until chosen."""
    result: bool | None = radio(
        label, path, YES_NO, lambda v: "Ja" if v else "Nee", help=help, horizontal=True
    )
    return result


def text(
    label: str,
    path: str,
    *,
    help: str | None = None,
    placeholder: str | None = None,
    max_chars: int = 200,
    errors_for: str | None = None,
) -> str:
    """Free text, kept exactly as typed (numbers typed here are parsed by the core)."""
    value = text_field(label, path, help=help, placeholder=placeholder, max_chars=max_chars)
    field_errors(errors_for or path)
    return value


def _seeded(
    path: str, on_change: Callable[[str], None] | None
) -> tuple[str, Callable[[str], None]]:
    """A field's key, seeded, and its callback: `on_change` or the plain commit of its value.

    The reconnect check (`_seed`) must commit a kept value the way the field itself would.
    """
    commit = on_change or commit_answer
    return _seed(path, commit=lambda: commit(path)), commit


def text_field(
    label: str,
    path: str,
    *,
    help: str | None = None,
    placeholder: str | None = None,
    max_chars: int = 200,
    on_change: Callable[[str], None] | None = None,
) -> str:
    """Free text kept exactly as typed; its errors are shown by the caller (a cost line)."""
    key, commit = _seeded(path, on_change)
    value: str = st.text_input(
        label,
        key=key,
        help=help,
        placeholder=placeholder,
        max_chars=max_chars,
        on_change=commit,
        args=(path,),
    )
    return value


def checkbox(
    label: str,
    path: str,
    *,
    help: str | None = None,
    on_change: Callable[[str], None] | None = None,
) -> bool:
    """A yes/no that always has a value (a cost line counts unless the tick is removed)."""
    key, commit = _seeded(path, on_change)
    value: bool = st.checkbox(label, key=key, help=help, on_change=commit, args=(path,))
    return value


def choice(
    label: str,
    path: str,
    options: Sequence[Any],
    *,
    placeholder: str,
    help: str | None = None,
    on_change: Callable[[str], None] | None = None,
) -> Any:
    """A select box that may stay unchosen (None): a click lands in exactly this field."""
    key, commit = _seeded(path, on_change)
    return st.selectbox(
        label,
        list(options),
        index=None,
        key=key,
        help=help,
        placeholder=placeholder,
        on_change=commit,
        args=(path,),
    )


def get_answer(path: str) -> Any:
    """The current answer at `path`."""
    return get_path(get_state().answers, path)


def whole_number(
    label: str,
    path: str,
    *,
    min_value: int = 0,
    max_value: int = 100_000,
    help: str | None = None,
    errors_for: str | None = None,
) -> int | None:
    """A count that may be left empty (None), never silently zero."""
    key = _seed(path)
    value: int | None = st.number_input(
        label,
        min_value=min_value,
        max_value=max_value,
        value=None,
        step=1,
        key=key,
        help=help,
        placeholder="Nog niet ingevuld",
        on_change=_commit_from_widget,
        args=(path,),
    )
    field_errors(errors_for or path)
    return value


def day(
    label: str, path: str, *, help: str | None = None, errors_for: str | None = None
) -> date | None:
    """A date in Dutch order (dd-mm-jjjj) that may be left empty."""
    key = _seed(path)
    value: date | None = st.date_input(
        label,
        value=None,
        min_value=DATE_MIN,
        max_value=DATE_MAX,
        format=DATE_FORMAT,
        key=key,
        help=help,
        on_change=_commit_from_widget,
        args=(path,),
    )
    field_errors(errors_for or path)
    return value


# ------------------------------------------------------------------------ errors and findings


def field_errors(path: str, *, exact: bool = False) -> list[FieldError]:
    """Show the Dutch errors for `path` (and the fields under it) right under its widget.

    An unanswered question is not an error to shout about under an empty field; the sidebar
    and the summary on Overzicht say what is still needed.
    """
    errors = [
        e
        for e in get_state().outcome().errors_for(path)
        if e.message not in MISSING_MESSAGES and (not exact or e.path == path)
    ]
    for error in errors:
        st.markdown(
            f'<div class="sw-field-error" role="alert"><strong>Fout:</strong>'
            f" {escape(error.message)}</div>",
            unsafe_allow_html=True,
        )
    return errors


def verdict_badge(verdict: Verdict) -> str:
    """A small label with symbol and word for a verdict (HTML)."""
    word = VERDICT_LABELS[verdict]
    symbol, css = VERDICT_MARKS[verdict]
    return (
        f'<span class="sw-badge sw-badge-{css}"><span aria-hidden="true">{symbol}</span>'
        f" {word}</span>"
    )


def finding_html(finding: Finding) -> str:
    """One finding as HTML: verdict in words, the reason, and the fund's text it rests on."""
    _, css = VERDICT_MARKS[finding.verdict]
    return (
        f'<div class="sw-finding sw-finding-{css}">{verdict_badge(finding.verdict)}'
        f' <span class="sw-finding-text">{escape(finding.message)}</span>'
        f'<div class="sw-source">Bron: {escape(finding.source)}</div></div>'
    )


def finding_box(finding: Finding, *, show_ok: bool = True) -> None:
    """One finding under the question it concerns."""
    if finding.verdict is Verdict.OK and not show_ok:
        return
    st.markdown(finding_html(finding), unsafe_allow_html=True)


def findings_for(codes: Sequence[str], *, show_ok: bool = True) -> None:
    """The current findings with these codes, in the order given."""
    by_code: dict[str, Finding] = {f.code: f for f in get_state().outcome().findings}
    for code in codes:
        if code in by_code:
            finding_box(by_code[code], show_ok=show_ok)


def page_intro(key: str, text_md: str) -> None:
    """Heading with the step number, and a short Dutch explanation under it."""
    spec = page_list.BY_KEY[key]
    index = page_list.PAGES.index(spec)
    get_state().visited.add(key)
    mobile_bar(key)
    st.markdown(
        f'<p class="sw-step sw-page-{key}">Stap {index + 1} van {len(page_list.PAGES)}</p>',
        unsafe_allow_html=True,
    )
    st.title(spec.title)
    st.markdown(text_md)
    rules_notice()


def rules_notice() -> None:
    """On every page: the core's notice when the date of applying has no known rules."""
    for finding in get_state().outcome().findings:
        if finding.code == "rules_date":
            st.markdown(finding_html(finding), unsafe_allow_html=True)


FIELD_PARAM = "veld"
"""URL parameter naming the field that a link in Overzicht's error summary leads to."""
_FIELD_PATH = re.compile(r"[a-z_]+(?:\.[a-z0-9_]+)*")

_FOCUS_SCRIPT = """<script>
(() => {
  // The field's element can stand empty for a moment (its component still loading): wait
  // for the input itself. Focus is given once and never taken back: the person may be
  // typing already (a date moves on from segment to segment by itself).
  const selector = %s;
  const started = Date.now();
  let quiet = 0;
  const focus = () => {
    // Only once the run has finished (no "running" widget for a moment): a field that is
    // still being drawn could drop the first keys the person types.
    quiet = document.querySelector("[data-testid=stStatusWidget]") ? 0 : quiet + 1;
    const box = quiet >= 3 && document.querySelector(selector);
    // The first kind that the box holds, in this order, not the first element of any kind:
    // a help icon (tabindex 0) stands before its field's input.
    const target = box && ["input:checked", "[role=spinbutton]",
      "input:not([type=hidden]):not([disabled])", "textarea", "button", "[tabindex='0']"]
      .map((kind) => box.querySelector(kind)).find(Boolean);
    // A person who went into a field meanwhile keeps it: the focus is never taken away.
    const active = document.activeElement;
    const busy = active && active !== document.body && active.matches(
      "input, textarea, [role=spinbutton], [role=combobox], [contenteditable=true]");
    if (target && busy) {
      return;
    } else if (target) {
      box.scrollIntoView({block: "center"});
      target.focus({preventScroll: true});
    } else if (Date.now() - started < 15000) {
      setTimeout(focus, 100);
    }
  };
  focus();
})();
</script>"""


def field_element_class(path: str) -> str:
    """The CSS class Streamlit gives the element that holds the field at `path`.

    A widget keyed `w.<path>` gets `st-key-w-<path with dots as dashes>`. An error on a whole
    cost line leads to the line's group; one on the internal lines as a whole (two project
    leaders) to the project-leader choice.
    """
    parts = path.split(".")
    if path == "internal_staff":
        key = _key("internal_staff.leader")
    elif (
        len(parts) == 2 and parts[0] in ("external_costs", "internal_staff") and parts[1].isdigit()
    ):
        key = f"sw-line-{parts[0]}-{parts[1]}"
    else:
        key = _key(path)
    return "st-key-" + re.sub(r"[^a-zA-Z0-9_-]", "-", key.strip())


def focus_requested_field() -> None:
    """Scroll to and focus the field a link named in `?veld=`, once, then drop the parameter.

    The error summary on Overzicht links to the page with `?veld=<path>`; st.page_link keeps
    the session (nothing is lost), and this puts the keyboard in the field that needs work.
    Only a dotted answer path is accepted; anything else is ignored.
    """
    path = st.query_params.get(FIELD_PARAM)
    if path is None:
        return
    del st.query_params[FIELD_PARAM]
    if not _FIELD_PATH.fullmatch(path) or len(path) > 100:
        return
    focus_field(path)


def focus_field(path: str) -> None:
    """Scroll to and focus the field at `path` once this run has been drawn."""
    selector = json.dumps("." + field_element_class(path))
    st.html(_FOCUS_SCRIPT % selector, unsafe_allow_javascript=True, width="content")


def page_footer(key: str) -> None:
    """Previous and next page, as links a keyboard user can reach; a field a link asked for."""
    before, after = page_list.neighbours(key)
    st.divider()
    left, right = st.columns(2)
    if before is not None:
        with left:
            st.page_link(
                page_list.link_target(before.key),
                label=f"Vorige: {before.title}",
                icon=":material/arrow_back:",
                query_params=link_params(),
            )
    if after is not None:
        with right:
            st.page_link(
                page_list.link_target(after.key),
                label=f"Volgende: {after.title}",
                icon=":material/arrow_forward:",
                query_params=link_params(),
            )
    focus_requested_field()


def markdown_text(value: object) -> str:
    """Text (user input included) as a Markdown label that shows it literally.

    Labels of st.page_link and friends are Markdown: every ASCII punctuation mark is escaped,
    so a typed `**x**`, `[a](b)` or `:red[x]` shows as typed.
    """
    return for_markdown(value)


def escape(value: object) -> str:
    """User text in HTML, printed as text and never interpreted, on one line."""
    return for_html(value)


def row_error(error: FieldError) -> None:
    """An error in a table row: 'Regel 2, uren: mag niet kleiner zijn dan 0'."""
    st.markdown(row_error_html(error), unsafe_allow_html=True)


def row_error_html(error: FieldError) -> str:
    """`row_error` as HTML, for a place that shows it inside a larger piece (a summary row)."""
    parts = error.path.split(".")
    where = f"Regel {int(parts[1]) + 1}" if len(parts) > 1 and parts[1].isdigit() else "Tabel"
    field = f", {error.field}" if len(parts) > 2 else ""
    return (
        f'<div class="sw-field-error" role="alert"><strong>{escape(where)}{escape(field)}:</strong>'
        f" {escape(error.message)}</div>"
    )
