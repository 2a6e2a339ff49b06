"""The import graph of the app, read from the source with `ast` (nothing is imported).

`ui/` is layered: `ui.server` at the bottom (it imports nothing else of `ui/`), then the
state, the draft link and its view, the sidebar, the widgets and the demo's page parts. An
import inside a function to dodge a cycle hid the layering before (state -> persistence ->
demo -> state; widgets <-> sidebar), so these tests hold the shape: no cycle inside `ui/`, no
import inside a function in `ui/` or `pages/`, the core imports neither `ui` nor `pages`, and
Streamlit's private runtime is reached from one module only.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

FUNCTION_LEVEL_EXCEPTIONS: dict[str, str] = {}
"""`module: why` for an import that must stay inside a function in ui/ or pages/. None now.

(app.py keeps its imports inside `main()` on purpose, see its docstring: the document
worker's process runs app.py as `__mp_main__` and must not load Streamlit. It is neither in
`ui/` nor in `pages/`.)"""

STREAMLIT_INTERNALS = "ui.server.streamlit_internals"
"""The one module that may import `streamlit.runtime` (tests/test_streamlit_internals.py)."""


@dataclass(frozen=True)
class Import:
    """One import statement's target module, and whether it sits inside a function."""

    importer: str
    target: str
    line: int
    in_function: bool


def module_name(path: Path) -> str:
    """`ui/drafts/link.py` -> `ui.drafts.link`; `ui/server/__init__.py` -> `ui.server`."""
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def source_files(*folders: str) -> list[Path]:
    """The Python files under these folders of the checkout (and app.py for "app.py")."""
    found: list[Path] = []
    for folder in folders:
        path = ROOT / folder
        found.extend([path] if path.is_file() else sorted(path.rglob("*.py")))
    return found


KNOWN_MODULES = {module_name(path) for path in source_files("ui", "pages", "aeno_core", "app.py")}


def _resolve(importer: str, is_package: bool, node: ast.ImportFrom) -> str:
    """The absolute module a `from ... import` names (relative imports included)."""
    if node.level == 0:
        return node.module or ""
    package = importer.split(".") if is_package else importer.split(".")[:-1]
    base = package[: len(package) - (node.level - 1)]
    return ".".join([*base, node.module] if node.module else base)


def imports_of(path: Path) -> list[Import]:
    """Every import in the file, each target resolved to the most specific known module.

    `from ui import demo` imports the module `ui.demo`; `from ui.state import get_state` the
    module `ui.state`.
    """
    importer = module_name(path)
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found: list[Import] = []

    def visit(node: ast.AST, in_function: bool) -> None:
        for child in ast.iter_child_nodes(node):
            inside = in_function or isinstance(
                child, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda
            )
            if isinstance(child, ast.Import):
                for alias in child.names:
                    found.append(Import(importer, alias.name, child.lineno, in_function))
            elif isinstance(child, ast.ImportFrom):
                base = _resolve(importer, path.name == "__init__.py", child)
                for alias in child.names:
                    candidate = f"{base}.{alias.name}"
                    target = candidate if candidate in KNOWN_MODULES else base
                    found.append(Import(importer, target, child.lineno, in_function))
            visit(child, inside)

    visit(tree, False)
    return found


def ui_graph() -> dict[str, set[str]]:
    """Module -> the modules of `ui/` it imports (at any level)."""
    graph: dict[str, set[str]] = {}
    for path in source_files("ui"):
        edges = graph.setdefault(module_name(path), set())
        for found in imports_of(path):
            in_ui = found.target == "ui" or found.target.startswith("ui.")
            if in_ui and found.target != found.importer:
                edges.add(found.target)
    return graph


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle as [a, b, ..., a], or None (depth-first search)."""
    done: set[str] = set()
    path: list[str] = []
    on_path: set[str] = set()

    def walk(node: str) -> list[str] | None:
        if node in on_path:
            return [*path[path.index(node) :], node]
        if node in done:
            return None
        path.append(node)
        on_path.add(node)
        for target in sorted(graph.get(node, ())):
            cycle = walk(target)
            if cycle is not None:
                return cycle
        path.pop()
        on_path.discard(node)
        done.add(node)
        return None

    for start in sorted(graph):
        cycle = walk(start)
        if cycle is not None:
            return cycle
    return None


def test_the_cycle_finder_finds_a_cycle() -> None:
    """The check below would pass on any graph if this did not hold."""
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b", "c"}, "b": {"c"}, "c": set()}) is None


def test_the_reader_sees_function_level_imports() -> None:
    app = ROOT / "app.py"  # imports inside main(), by design (see FUNCTION_LEVEL_EXCEPTIONS)
    found = imports_of(app)
    assert any(i.in_function and i.target == "ui.state" for i in found), found


def test_no_import_cycle_inside_ui() -> None:
    graph = ui_graph()
    assert "ui.state" in graph["ui.widgets"], graph  # the reader sees the edges
    assert find_cycle(graph) is None, " -> ".join(find_cycle(graph) or [])


@pytest.mark.parametrize("folder", ["ui", "pages"])
def test_no_import_inside_a_function(folder: str) -> None:
    """An import inside a function is how a cycle was dodged; the layering makes none needed."""
    inside = [
        f"{i.importer}:{i.line} imports {i.target}"
        for path in source_files(folder)
        for i in imports_of(path)
        if i.in_function and i.importer not in FUNCTION_LEVEL_EXCEPTIONS
    ]
    assert inside == []


def test_the_core_imports_neither_ui_nor_pages() -> None:
    """`aeno_core` is pure Python without Streamlit: the CLI and the worker use it alone."""
    wrong = [
        f"{i.importer}:{i.line} imports {i.target}"
        for path in source_files("aeno_core")
        for i in imports_of(path)
        if i.target.split(".")[0] in ("ui", "pages", "app", "streamlit")
    ]
    assert wrong == []


def test_the_server_modules_import_nothing_else_of_ui() -> None:
    """`ui.server` is the bottom layer: startup, tuning, the worker, Streamlit's internals."""
    graph = ui_graph()
    wrong = {
        module: sorted(t for t in targets if not t.startswith("ui.server"))
        for module, targets in graph.items()
        if module.startswith("ui.server")
    }
    assert all(not targets for targets in wrong.values()), wrong


def test_the_document_worker_imports_no_streamlit() -> None:
    """Spawned, it imports its module: Streamlit there cost 200 MB and a hundred warnings."""
    path = ROOT / "ui" / "server" / "document_worker.py"
    targets = {i.target.split(".")[0] for i in imports_of(path)}
    assert targets <= {"__future__", "os", "threading", "time", "aeno_core"}, targets


def test_streamlit_internals_are_reached_from_one_module() -> None:
    """No private Streamlit API (`streamlit.runtime`) outside ui/server/streamlit_internals.py."""
    users = sorted(
        {
            i.importer
            for path in source_files("app.py", "ui", "pages", "aeno_core")
            for i in imports_of(path)
            if i.target == "streamlit.runtime" or i.target.startswith("streamlit.runtime.")
        }
    )
    assert users == [STREAMLIT_INTERNALS]


@pytest.mark.parametrize("word", ["streamlit.runtime", "PagesManager", "ScriptRunContext"])
def test_the_private_names_appear_in_one_module(word: str) -> None:
    """The issue's own check, as text: comments and strings count too."""
    files = [
        str(path.relative_to(ROOT))
        for path in source_files("app.py", "ui", "pages")
        if word in path.read_text(encoding="utf-8")
    ]
    assert files in ([], ["ui/server/streamlit_internals.py"]), files
