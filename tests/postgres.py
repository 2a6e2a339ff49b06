"""A throwaway PostgreSQL server for the draft-store tests and the benchmark.

Debian's postgresql package ships the server binaries under /usr/lib/postgresql/<major>/bin but
starts nothing we can rely on in CI, so we run our own: `initdb` into a temporary directory,
`postgres` on a free port of 127.0.0.1 only, trust authentication (nothing else can reach it),
and everything removed afterwards. PostgreSQL refuses to run as root, so as root (CI) the server
runs as the `postgres` OS user that the package creates.

Missing binaries are an error with a clear message, never a skip.

Import the fixture into a test module with `from tests.postgres import postgres_url`.
"""

from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

PG_ROOT = Path("/usr/lib/postgresql")
INSTALL_HINT = (
    "PostgreSQL server binaries not found under /usr/lib/postgresql/*/bin. Install Debian's"
    " package: `make system-deps` (as root) or `apt-get install -y postgresql`."
)


class PostgresUnavailable(RuntimeError):
    """The server could not be found or started; the message says what to do."""


def find_bin_dir() -> Path:
    """The newest installed major version's bin directory."""
    candidates = sorted(
        (p for p in PG_ROOT.glob("*/bin") if (p / "initdb").exists() and (p / "postgres").exists()),
        key=lambda p: int(p.parent.name) if p.parent.name.isdigit() else 0,
    )
    if not candidates:
        raise PostgresUnavailable(INSTALL_HINT)
    return candidates[-1]


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _as_server_user(command: list[str]) -> list[str]:
    """PostgreSQL will not run as root: hand the command to the `postgres` user then."""
    if os.geteuid() != 0:
        return command
    runuser = shutil.which("runuser")
    if runuser is None:
        raise PostgresUnavailable("running as root but `runuser` is missing (util-linux)")
    return [runuser, "-u", "postgres", "--", *command]


@contextmanager
def throwaway_postgres(*, durable: bool = False) -> Iterator[str]:
    """Start a private server; yields its SQLAlchemy URL (database `drafts`), stops it after.

    `durable=False` (tests) turns off fsync for speed; the benchmark passes True to measure the
    server as an operator would run it.
    """
    bin_dir = find_bin_dir()
    # As root the server runs as `postgres`, which must reach the folder: /tmp, not a TMPDIR
    # that may sit under root's home.
    base = Path(
        tempfile.mkdtemp(prefix="subsidiewijzer-pg-", dir="/tmp" if os.geteuid() == 0 else None)
    )
    data_dir = base / "data"
    if os.geteuid() == 0:
        try:
            account = pwd.getpwnam("postgres")
        except KeyError:
            shutil.rmtree(base, ignore_errors=True)
            raise PostgresUnavailable(
                "running as root but the `postgres` OS user is missing; " + INSTALL_HINT
            ) from None
        os.chown(base, account.pw_uid, account.pw_gid)
    base.chmod(0o700)
    log = base / "server.log"
    port = _free_port()
    process: subprocess.Popen[bytes] | None = None
    try:
        _run(
            [
                str(bin_dir / "initdb"),
                "-D",
                str(data_dir),
                "-U",
                "postgres",
                "--auth=trust",
                "--encoding=UTF8",
                "--locale=C",
                "--no-sync",
            ]
        )
        options = [
            "-c",
            "listen_addresses=127.0.0.1",
            "-c",
            f"unix_socket_directories={base}",
            "-c",
            "max_connections=50",
        ]
        if not durable:
            options += ["-c", "fsync=off", "-c", "synchronous_commit=off"]
        server_log = log.open("wb")
        process = subprocess.Popen(
            _as_server_user(
                [str(bin_dir / "postgres"), "-D", str(data_dir), "-p", str(port), *options]
            ),
            stdout=server_log,
            stderr=subprocess.STDOUT,
        )
        _wait_ready(bin_dir, port, process, log)
        _run(
            [
                str(bin_dir / "createdb"),
                "-h",
                "127.0.0.1",
                "-p",
                str(port),
                "-U",
                "postgres",
                "drafts",
            ]
        )
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}/drafts"
    finally:
        if process is not None:
            process.terminate()  # SIGTERM: "smart" shutdown
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        shutil.rmtree(base, ignore_errors=True)


def _run(command: list[str]) -> None:
    result = subprocess.run(_as_server_user(command), capture_output=True, timeout=120)
    if result.returncode != 0:
        raise PostgresUnavailable(
            f"{Path(command[0]).name} failed ({result.returncode}):"
            f" {result.stderr.decode(errors='replace').strip()}"
        )


def _wait_ready(bin_dir: Path, port: int, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise PostgresUnavailable(
                f"postgres exited at start: {log.read_text(errors='replace')}"
            )
        ready = subprocess.run(
            [str(bin_dir / "pg_isready"), "-h", "127.0.0.1", "-p", str(port), "-q"],
            capture_output=True,
        )
        if ready.returncode == 0:
            return
        time.sleep(0.1)
    raise PostgresUnavailable(f"postgres did not accept connections within 30 s: {log}")


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """One server per test process (keep its tests in one xdist group so only one starts)."""
    try:
        with throwaway_postgres() as url:
            yield url
    except PostgresUnavailable as error:
        pytest.fail(str(error), pytrace=False)
