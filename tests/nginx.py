"""deploy/nginx.conf run by Debian's nginx on 127.0.0.1, in front of app processes we started.

The configuration is copied byte for byte into a private prefix folder; only the two files it
includes for what differs per installation are written here: `listen.conf` (a free port of
127.0.0.1) and `upstream-servers.conf` (the app processes' ports). So the tests and the
benchmark run the very routing rules compose.yaml ships.

A missing nginx is an error with the way to install it, never a skip.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEPLOY = ROOT / "deploy"
SHIPPED = ("nginx.conf", "security-headers.conf")
ROUTE_COOKIE = "sw_route"
INSTALL_HINT = "nginx not found: `make system-deps` (as root) or `apt-get install -y nginx`"


class NginxUnavailable(RuntimeError):
    """nginx is missing or did not start; the message says why."""


def nginx_binary() -> str:
    """Debian's nginx (in /usr/sbin, which a non-root PATH may lack)."""
    found = shutil.which("nginx") or (
        "/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None
    )
    if found is None:
        raise NginxUnavailable(INSTALL_HINT)
    return found


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def proxy(app_ports: Sequence[int], *, port: int | None = None) -> Iterator[str]:
    """Start nginx with deploy/nginx.conf in front of `app_ports`; yields its base URL."""
    binary = nginx_binary()
    port = port or _free_port()
    # As root nginx's workers run as `nobody`: the prefix must be reachable by them (0755), not
    # a 0700 pytest folder.
    prefix = Path(tempfile.mkdtemp(prefix="subsidiewijzer-nginx-", dir="/tmp"))
    prefix.chmod(0o755)
    for name in SHIPPED:
        shutil.copyfile(DEPLOY / name, prefix / name)
    (prefix / "listen.conf").write_text(f"listen 127.0.0.1:{port};\n", encoding="utf-8")
    (prefix / "upstream-servers.conf").write_text(
        "".join(f"server 127.0.0.1:{p} max_fails=1 fail_timeout=10s;\n" for p in app_ports),
        encoding="utf-8",
    )
    log = (prefix / "stderr.log").open("wb")
    command = [binary, "-p", f"{prefix}/", "-c", str(prefix / "nginx.conf"), "-g", "daemon off;"]
    process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_ready(url, process, prefix)
        yield url
    finally:
        if process.poll() is None:
            process.terminate()  # SIGTERM: fast shutdown
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        log.close()
        shutil.rmtree(prefix, ignore_errors=True)


def _wait_ready(url: str, process: subprocess.Popen[bytes], prefix: Path) -> None:
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        if process.poll() is not None:
            text = (prefix / "stderr.log").read_text(errors="replace")
            raise NginxUnavailable(f"nginx exited with {process.returncode}: {text[-2000:]}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            time.sleep(0.1)
    raise NginxUnavailable(f"nginx did not answer within 20 s (pid {os.getpid()})")
