"""Every page's run survives Streamlit's message queue, however the queue is flushed.

Streamlit queues a run's messages and sends them in batches; a message for a place that is
still queued replaces the earlier one where that one stood (`ForwardMsgQueue`). When a page
writes a place twice in one run and the second write changes the kind of container there (a
fragment wraps what it writes outside itself in a container of its own), the replacement can
reach the browser before the container it belongs in: the browser's page tree refuses it
("Cannot set a node at a delta path") and the whole page goes blank. That happened on Kosten
en uren, about one visit in ten in Chromium, when the sidebar was drawn by the run and then
again by the page's fragment.

The test takes each page's messages from a real server (bench/stclient.py speaks the browser's
protocol), queues the whole run as one batch through Streamlit's own `ForwardMsgQueue` (the
worst case: the earlier batches are only a part of it) and applies the result as the browser's
page tree does. Every delta must land, and the sidebar must show the estimate and all seven
steps.
"""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.runtime.forward_msg_queue import ForwardMsgQueue

from tests.conftest import APP, start_streamlit
from ui.pages import PAGES

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
from stclient import Session  # the project's protocol client, beside the benchmarks

SIDEBAR = 1


@dataclass
class Node:
    """A place in the browser's page tree: a block with children, or an element."""

    block_type: str | None = None  # None: an element
    element_type: str = ""
    body: str = ""
    children: list[Node] = field(default_factory=list)


class PageTree:
    """The browser's rules for applying deltas (Streamlit's front-end AppRoot)."""

    def __init__(self) -> None:
        self.roots = [Node("root") for _ in range(4)]  # main, sidebar, event, bottom

    def apply(self, msg: ForwardMsg) -> None:
        path = list(msg.metadata.delta_path)
        parent = self.roots[path[0]]
        for index in path[1:-1]:
            if parent.block_type is None or index >= len(parent.children):
                raise AssertionError(f"Cannot set a node at a delta path {path}")
            parent = parent.children[index]
        if parent.block_type is None:
            raise AssertionError(f"Cannot set a node at a delta path {path}")
        index = path[-1]
        if index > len(parent.children):
            raise AssertionError(f"Bad delta path index {path}")
        delta = msg.delta
        if delta.WhichOneof("type") == "add_block":
            kind = delta.add_block.WhichOneof("type") or "vertical"
            old = parent.children[index] if index < len(parent.children) else None
            node = Node(kind, children=old.children if old and old.block_type == kind else [])
        else:
            element = delta.new_element
            kind = element.WhichOneof("type")
            body = getattr(getattr(element, kind), "body", "") or getattr(
                getattr(element, kind), "label", ""
            )
            node = Node(None, kind, body)
        if index == len(parent.children):
            parent.children.append(node)
        else:
            parent.children[index] = node

    def elements(self, root: int) -> Iterator[Node]:
        stack = [self.roots[root]]
        while stack:
            node = stack.pop()
            if node.block_type is None:
                yield node
            stack.extend(reversed(node.children))


def _recording_session(url: str) -> tuple[Session, list[ForwardMsg]]:
    """A session on the server at `url` that appends every message it receives to the list."""
    host, port = url.removeprefix("http://").split(":")
    session = Session(host, int(port))
    seen: list[ForwardMsg] = []
    original = session._next

    async def record(deadline: float, too_late: str) -> ForwardMsg:
        msg = await original(deadline, too_late)
        seen.append(msg)
        return msg

    session._next = record  # type: ignore[method-assign]
    return session, seen


async def _runs(url: str) -> list[tuple[str, list[ForwardMsg]]]:
    """Every page's first run as the server sent it, in order."""
    session, seen = _recording_session(url)
    runs = []
    try:
        await session.open()
        runs.append(("start", list(seen)))
        for page in PAGES[1:]:
            seen.clear()
            await session.goto(page.key)
            runs.append((page.key, list(seen)))
    finally:
        await session.close()
    return runs


@pytest.fixture(scope="module")
def page_runs(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[str, list[ForwardMsg]]]:
    drafts = tmp_path_factory.mktemp("drafts") / "drafts.sqlite3"
    server = start_streamlit(APP, env={"SUBSIDIEWIJZER_DRAFTS_PATH": str(drafts)})
    try:
        return asyncio.run(_runs(server.url))
    finally:
        server.stop()


def test_every_page_is_visited(page_runs: list[tuple[str, list[ForwardMsg]]]) -> None:
    assert [key for key, _ in page_runs] == [page.key for page in PAGES]


@pytest.mark.parametrize("key", [page.key for page in PAGES])
def test_a_run_sent_as_one_batch_lands_whole(
    key: str, page_runs: list[tuple[str, list[ForwardMsg]]]
) -> None:
    messages = dict(page_runs)[key]
    queue = ForwardMsgQueue()
    for msg in messages:
        if msg.WhichOneof("type") == "delta":
            queue.enqueue(msg)
    batch = queue.flush()
    tree = PageTree()
    for msg in batch:
        tree.apply(msg)
    sidebar = list(tree.elements(SIDEBAR))
    links = [n.body for n in sidebar if n.element_type == "page_link"]
    steps, others = links[: len(PAGES)], links[len(PAGES) :]
    assert steps[0].startswith("1. Start") and steps[-1].startswith(f"{len(PAGES)}. ")
    assert others == ["Projectenmap voor HR"]  # outside the stappenplan (issue 16)
    assert sum('data-testid="sw-estimate"' in n.body for n in sidebar) == 1


async def _line_runs(url: str) -> list[tuple[str, list[ForwardMsg]]]:
    """Kosten en uren with the Foutenfestival: the first amount typed three times."""
    session, seen = _recording_session(url)
    runs = []
    try:
        await session.open()
        await session.click("Voorbeeld laden: Foutenfestival")
        await session.goto("kosten")
        await session.click("Regel 1 wijzigen")  # the first line's form (the others: summaries)
        amount = session.widget("Bedrag ex BTW (€)", "text_input")
        assert amount.fragment_id, "the cost line no longer reruns alone"
        for typed in ("12.000", "twaalf", "15.000"):
            seen.clear()
            result = await session.change(amount, typed)
            assert not result.exceptions, result.exceptions
            runs.append((typed, list(seen)))
    finally:
        await session.close()
    return runs


def _step_links(messages: list[ForwardMsg]) -> list[str]:
    return [
        msg.delta.new_element.page_link.label
        for msg in messages
        if msg.WhichOneof("type") == "delta"
        and msg.delta.WhichOneof("type") == "new_element"
        and msg.delta.new_element.WhichOneof("type") == "page_link"
    ]


def test_a_cost_line_sends_the_stappenplan_only_when_a_step_moved(tmp_path: Path) -> None:
    """Typing an amount reruns the line alone. The browser redraws every element it receives,
    so the line leaves the run's seven step links alone, until its change moves a step
    (ui/sidebar.py `_show_moved_steps`): then it sends them with the new state, and once the
    step is back where the run drew it, no more."""
    server = start_streamlit(APP, env={"SUBSIDIEWIJZER_DRAFTS_PATH": str(tmp_path / "d.sqlite3")})
    try:
        runs = dict(asyncio.run(_line_runs(server.url)))
    finally:
        server.stop()
    assert _step_links(runs["12.000"]) == []
    moved = _step_links(runs["twaalf"])
    assert len(moved) == len(PAGES), moved
    assert moved[4] == "5. Kosten en uren — fouten", moved
    assert _step_links(runs["15.000"]) == []
