"""A small client for Streamlit's own websocket protocol, for the load benchmark.

It speaks to the server exactly as the browser's front end does: one websocket at
`/_stcore/stream` per session, `BackMsg.rerun_script` with the widget states the user changed,
and the `ForwardMsg` deltas back, decoded with Streamlit's own protobuf classes (the same
version as the server, so the wire format always matches). It keeps the elements of the last
run by delta path, so a widget is found by its visible label, and measures an interaction from
sending the change to the server's `script_finished`.

Why not 30 browser contexts: see the docstring of `bench_load.py`.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import json
import time
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.Element_pb2 import Element
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState
from websockets.asyncio.client import ClientConnection, connect

WIDGET_TYPES = {
    "text_input",
    "text_area",
    "number_input",
    "selectbox",
    "radio",
    "checkbox",
    "date_input",
    "button",
    "download_button",
    "dataframe",
    "multiselect",
    "button_group",
    "segmented_control",
    "file_uploader",
}


class ProtocolError(RuntimeError):
    """The server answered something a browser would show as an error."""


@dataclass
class Widget:
    """One widget of the last run: its kind (the Element oneof name), id and protobuf."""

    kind: str
    id: str
    label: str
    proto: Any
    fragment_id: str = ""
    """Set when the widget lives in an st.fragment: its changes rerun only that fragment."""


@dataclass
class RunResult:
    """What one rerun produced: seconds from send to `script_finished`, and any exception text."""

    seconds: float
    exceptions: list[str] = field(default_factory=list)


class Session:
    """One user's tab: a websocket, the current page, the query string and the page's elements."""

    def __init__(
        self, host: str, port: int, query: dict[str, str] | None = None, cookie: str = ""
    ) -> None:
        self.url = f"ws://{host}:{port}/_stcore/stream"
        self.http = f"http://{host}:{port}"
        self.cookie = cookie
        """A `Cookie` header for every request, as a browser sends its cookies: behind the
        sticky proxy (deploy/nginx.conf) the routing cookie keeps the websocket and the media
        downloads of this session on one app process."""
        self.query_string = urlencode(query or {})
        self.page_name = ""
        self.page_script_hash = ""
        self.pages: dict[str, str] = {}  # url_pathname -> page_script_hash
        self.elements: dict[tuple[int, ...], Element] = {}
        self.fragment_of: dict[tuple[int, ...], str] = {}
        self.ws: ClientConnection | None = None
        self._queue: asyncio.Queue[ForwardMsg] = asyncio.Queue()
        self._reader: asyncio.Task[None] | None = None
        self.closed_reason: str | None = None
        self.session_id = ""
        self._requests = 0

    # -- connection -------------------------------------------------------------------------
    async def open(self, page: str = "", timeout: float = 60) -> RunResult:
        """Connect and run the first page, as a browser does when the tab opens."""
        self.ws = await connect(
            self.url,
            subprotocols=["streamlit"],  # type: ignore[list-item]
            max_size=None,
            open_timeout=timeout,
            additional_headers=self.headers(),
        )
        self._reader = asyncio.create_task(self._read())
        self.page_name = page
        return await self.rerun({}, timeout=timeout)

    def headers(self) -> dict[str, str]:
        """The headers a browser adds to this session's requests (its cookie, if any)."""
        return {"Cookie": self.cookie} if self.cookie else {}

    async def close(self) -> None:
        if self.ws is not None:
            await self.ws.close()
        if self._reader is not None:
            self._reader.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await self._reader

    async def _read(self) -> None:
        assert self.ws is not None
        try:
            async for raw in self.ws:
                msg = ForwardMsg()
                msg.ParseFromString(raw if isinstance(raw, bytes) else raw.encode())
                await self._queue.put(msg)
        except Exception as error:  # the connection broke: every waiting run must fail
            self.closed_reason = repr(error)
        else:
            self.closed_reason = "closed by server"
        await self._queue.put(ForwardMsg())  # wake a waiter up

    # -- running ----------------------------------------------------------------------------
    async def rerun(
        self, states: dict[str, WidgetState], timeout: float = 60, fragment_id: str = ""
    ) -> RunResult:
        """Send one rerun with the changed widget states; wait for the run to finish."""
        assert self.ws is not None
        back = BackMsg()
        cs = back.rerun_script
        cs.query_string = self.query_string
        cs.page_script_hash = self.page_script_hash
        cs.page_name = self.page_name
        if fragment_id:
            cs.fragment_id = fragment_id
        for state in states.values():
            cs.widget_states.widgets.append(state)
        started = time.perf_counter()
        await self.ws.send(back.SerializeToString())
        return await self._collect(started, timeout, fragment=bool(fragment_id))

    async def _next(self, deadline: float, too_late: str) -> ForwardMsg:
        """The server's next message before `deadline`; `too_late` says what did not come."""
        remaining = deadline - time.perf_counter()
        if remaining <= 0:
            raise ProtocolError(too_late)
        msg: ForwardMsg = await asyncio.wait_for(self._queue.get(), remaining)
        if msg.WhichOneof("type") is None:
            raise ProtocolError(f"connection lost: {self.closed_reason}")
        return msg

    async def _collect(self, started: float, timeout: float, fragment: bool) -> RunResult:
        fresh: dict[tuple[int, ...], Element] = {}
        fresh_fragments: dict[tuple[int, ...], str] = {}
        exceptions: list[str] = []
        deadline = started + timeout
        while True:
            msg = await self._next(deadline, f"no script_finished within {timeout:.0f} s")
            kind = msg.WhichOneof("type")
            if kind == "new_session":
                fresh.clear()
                if msg.new_session.HasField("initialize"):
                    self.session_id = msg.new_session.initialize.session_id
            elif kind == "navigation":
                self.pages = {p.url_pathname: p.page_script_hash for p in msg.navigation.app_pages}
                self.page_script_hash = msg.navigation.page_script_hash
            elif kind == "page_info_changed":
                self.query_string = msg.page_info_changed.query_string
            elif kind == "page_not_found":
                raise ProtocolError(f"page not found: {msg.page_not_found.page_name}")
            elif kind == "delta":
                delta = msg.delta
                if delta.WhichOneof("type") == "new_element":
                    path = tuple(msg.metadata.delta_path)
                    fresh[path] = delta.new_element
                    fresh_fragments[path] = delta.fragment_id
                    if delta.new_element.WhichOneof("type") == "exception":
                        exc = delta.new_element.exception
                        exceptions.append(f"{exc.type}: {exc.message}")
            elif kind == "script_finished":
                status = msg.script_finished
                if status == ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                    continue  # a newer run follows (e.g. st.rerun, st.switch_page)
                if status == ForwardMsg.FINISHED_WITH_COMPILE_ERROR:
                    exceptions.append("compile error")
                seconds = time.perf_counter() - started
                if fragment or status == ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY:
                    self.elements.update(fresh)
                    self.fragment_of.update(fresh_fragments)
                else:
                    self.elements = fresh
                    self.fragment_of = fresh_fragments
                return RunResult(seconds, exceptions)

    async def deferred_file_url(self, file_id: str, timeout: float = 60) -> str:
        """A deferred download: ask the server to build the file, as the browser does on click."""
        assert self.ws is not None
        self._requests += 1
        back = BackMsg()
        request = back.backend_operation_request
        request.request_id = f"bench-{self._requests}"
        request.session_id = self.session_id
        request.deferred_file.file_id = file_id
        await self.ws.send(back.SerializeToString())
        deadline = time.perf_counter() + timeout
        while True:
            msg = await self._next(
                deadline, f"no answer to the deferred download within {timeout:.0f} s"
            )
            if msg.WhichOneof("type") == "backend_operation_response":
                response = msg.backend_operation_response
                if response.request_id != request.request_id:
                    continue
                if response.error_msg:
                    raise ProtocolError(f"deferred download failed: {response.error_msg}")
                return str(response.deferred_file.url)

    # -- reading the page -------------------------------------------------------------------
    def widgets(self) -> list[Widget]:
        """Every widget of the current page in page order."""
        found: list[Widget] = []
        for path in sorted(self.elements):
            element = self.elements[path]
            kind = element.WhichOneof("type")
            if kind not in WIDGET_TYPES:
                continue
            proto = getattr(element, kind)
            widget_id = getattr(proto, "id", "")
            if not widget_id:
                continue
            label = getattr(proto, "label", "")
            found.append(Widget(kind, widget_id, label, proto, self.fragment_of.get(path, "")))
        return found

    def widget(self, label: str, kind: str | None = None, nth: int = 0) -> Widget:
        """The `nth` widget whose label is exactly `label` (and of `kind`, when given)."""
        matches = [
            w for w in self.widgets() if w.label == label and (kind is None or w.kind == kind)
        ]
        if len(matches) <= nth:
            labels = sorted({w.label for w in self.widgets()})
            raise ProtocolError(f"no widget {label!r} on page {self.page_name!r}; have {labels}")
        return matches[nth]

    def texts(self) -> str:
        """All markdown and text of the page, for checks such as the sidebar estimate."""
        parts: list[str] = []
        for path in sorted(self.elements):
            element = self.elements[path]
            kind = element.WhichOneof("type")
            if kind in ("markdown", "text", "heading", "alert", "metric", "html"):
                proto = getattr(element, kind)
                for attr in ("body", "value", "label", "text"):
                    value = getattr(proto, attr, "")
                    if isinstance(value, str) and value:
                        parts.append(value)
        return "\n".join(parts)

    # -- changing widgets -------------------------------------------------------------------
    async def goto(self, url_pathname: str, timeout: float = 60) -> RunResult:
        """Open another page of the st.navigation app, as the sidebar link does."""
        self.page_name = url_pathname
        self.page_script_hash = self.pages.get(url_pathname, "")
        return await self.rerun({}, timeout=timeout)

    async def set(self, label: str, value: Any, kind: str | None = None, nth: int = 0) -> RunResult:
        """Give the widget labelled `label` a new value, as a user would, and rerun."""
        widget = self.widget(label, kind, nth)
        return await self.change(widget, value)

    async def change(self, widget: Widget, value: Any) -> RunResult:
        """Send one widget's new value; a widget in a fragment reruns only its fragment."""
        return await self.rerun({widget.id: encode(widget, value)}, fragment_id=widget.fragment_id)

    async def click(self, label: str, nth: int = 0) -> RunResult:
        return await self.change(self.widget(label, "button", nth), True)


def encode(widget: Widget, value: Any) -> WidgetState:
    """The WidgetState the front end sends for `value` in this kind of widget."""
    state = WidgetState(id=widget.id)
    kind = widget.kind
    if kind in ("text_input", "text_area"):
        state.string_value = str(value)
    elif kind == "number_input":
        state.double_value = float(value)  # the front end sends doubles for ints too
    elif kind in ("selectbox", "radio"):
        if str(value) not in list(widget.proto.options):
            raise ProtocolError(
                f"{widget.label!r}: {value!r} is not one of {list(widget.proto.options)}"
            )
        state.string_value = str(value)
    elif kind == "checkbox":
        state.bool_value = bool(value)
    elif kind == "date_input":
        days = value if isinstance(value, list | tuple) else [value]
        state.string_array_value.data.extend(
            d.isoformat() if isinstance(d, dt.date) else str(d) for d in days
        )
    elif kind == "button":
        state.trigger_value = True
    elif kind == "dataframe":
        state.string_value = json.dumps(value)
    else:
        raise ProtocolError(f"setting a {kind} is not supported by this client")
    return state


def current_value(widget: Widget) -> Any:
    """The value a freshly drawn widget shows: what the server set (`set_value`), else its default.

    This is the front end's own rule for a widget it has not held a value for, so it is what a
    person sees after a reload.
    """
    proto = widget.proto
    kind = widget.kind
    is_set = bool(getattr(proto, "set_value", False))
    if kind in ("selectbox", "radio"):
        if is_set:
            return proto.raw_value if proto.HasField("raw_value") else None
        if not proto.HasField("default"):
            return None
        return proto.options[proto.default] if proto.options else None
    if kind == "date_input":
        return list(proto.value) if is_set else list(proto.default)
    if kind == "number_input":
        if is_set:
            return proto.value if proto.HasField("value") else None
        return proto.default if proto.HasField("default") else None
    if kind in ("text_input", "text_area", "checkbox"):
        return proto.value if is_set else proto.default
    return None
