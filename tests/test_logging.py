"""The app's log: configured once with the operator's level, one line per draft operation
without ids or answers, and the document worker's failures no longer swallowed."""

from __future__ import annotations

import logging
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from aeno_core import logs, settings
from aeno_core.drafts import DraftStore
from tests.paths import ROOT

SECRET = "Jansen-Pietersen 4321,98"
"""An answer that must never reach the log."""


class Collect(logging.Handler):
    """Keeps every record of the logger it is attached to, whatever the root's handlers."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)

    def lines(self) -> list[str]:
        return [record.getMessage() for record in self.records]


@pytest.fixture
def collect() -> Iterator[Collect]:
    handler = Collect()
    loggers = [logging.getLogger(name) for name in ("aeno_core.drafts", "ui.server.documents")]
    before = [logger.level for logger in loggers]
    for logger in loggers:
        logger.addHandler(handler)
        logger.setLevel(logging.DEBUG)
    try:
        yield handler
    finally:
        for logger, level in zip(loggers, before, strict=True):
            logger.removeHandler(handler)
            logger.setLevel(level)


def test_every_draft_operation_is_one_line_without_id_or_answers(
    tmp_path: Path, collect: Collect
) -> None:
    store = DraftStore(f"sqlite:///{tmp_path / 'drafts.sqlite3'}")
    try:
        draft = store.create({"organisatie": SECRET})
        saved = store.save(draft.id, {"organisatie": SECRET + "!"}, draft.version)
        store.load(saved.id)
        store.delete(saved.id)
    finally:
        store.dispose()
    lines = collect.lines()
    operations = [line.split(":", 1)[1].split()[0] for line in lines if "draft store" in line]
    assert operations == ["create", "save", "load", "delete"], lines
    for line in lines:
        assert "sqlite" in line or "purged" in line
        assert draft.id not in line and draft.id[:8] not in line
        assert "Jansen" not in line and "4321" not in line


def test_log_level_comes_from_the_environment_and_is_checked() -> None:
    assert logs.level_name({}) == "INFO"
    assert logs.level_name({logs.ENV_LOG_LEVEL: " debug "}) == "DEBUG"
    assert logs.level_name({logs.ENV_LOG_LEVEL: "chatty"}) is None
    assert settings.problems({logs.ENV_LOG_LEVEL: "warning"}) == []
    (problem,) = settings.problems({logs.ENV_LOG_LEVEL: "chatty"})
    assert logs.ENV_LOG_LEVEL in problem and "moet een van" in problem


@pytest.mark.parametrize(("level", "shown"), [("WARNING", ["warning line"]), ("DEBUG", None)])
def test_configure_once_at_the_given_level(level: str, shown: list[str] | None) -> None:
    """In a fresh interpreter, as a server process starts: one handler, however often called."""
    code = (
        "import logging; from aeno_core import logs\n"
        "logs.configure(); logs.configure()\n"
        "log = logging.getLogger('ui.something')\n"
        "log.debug('debug line'); log.info('info line'); log.warning('warning line')\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        env={"PATH": "/usr/bin:/bin", logs.ENV_LOG_LEVEL: level},
        check=True,
    )
    lines = [line for line in result.stderr.splitlines() if " line" in line]
    expected = shown or ["debug line", "info line", "warning line"]
    assert [line.rsplit("] ", 1)[1] for line in lines] == expected, result.stderr


def test_a_broken_document_worker_is_logged(
    monkeypatch: pytest.MonkeyPatch, collect: Collect
) -> None:
    from ui.server import document_worker, documents

    class BrokenPool:
        def submit(self, *_args: Any) -> Any:
            raise RuntimeError("cannot schedule new futures after shutdown")

    class Factory:
        cleared = 0

        def __call__(self) -> BrokenPool:
            return BrokenPool()

        def clear(self) -> None:
            self.cleared += 1

    factory = Factory()
    monkeypatch.setattr(documents, "_pool", factory)
    monkeypatch.setattr(document_worker, "build", lambda _result: (b"%PDF", b"ICS"))
    assert documents.build_documents(object()) == (b"%PDF", b"ICS")  # type: ignore[arg-type]
    assert factory.cleared == 1
    (line,) = collect.lines()
    assert line.startswith("document worker: build failed (RuntimeError)"), line
    assert "shutdown" not in line  # the class, never the text
