"""A small TCP proxy on 127.0.0.1 whose connections a test can cut, to play a network drop.

A laptop that sleeps over lunch or a flaky Wi-Fi drops the tab's websocket while the server
keeps running; killing the server is a different fault (the session is gone). Put this proxy
between the browser and the server, then `cut()` closes every proxied connection at once and
refuses new ones (nothing listens on the port, so a connect gets ECONNREFUSED) until `restore()`
listens on the same port again. Only bytes are copied: HTTP and websockets pass unchanged.

The proxy runs its own asyncio loop in a daemon thread, so synchronous tests (Playwright's sync
API) call it directly:

    with TcpProxy(server_port) as proxy:
        page.goto(proxy.url)
        proxy.cut()
        ...
        proxy.restore()
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
from collections.abc import Coroutine
from types import TracebackType
from typing import Any, TypeVar

HOST = "127.0.0.1"
CHUNK = 65536

T = TypeVar("T")


class TcpProxy:
    """Forwards 127.0.0.1:`port` to 127.0.0.1:`target_port`; connections can be cut at will."""

    def __init__(self, target_port: int, port: int = 0) -> None:
        self.target_port = target_port
        self.port = port
        """The listening port; 0 until `start()` picks a free one, then kept across cuts."""
        self.accepted = 0
        """Connections accepted since the start: a test sees that the browser came back."""
        self.cut_connections = 0
        """Connections closed by `cut()`, all cuts together."""
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)
        self._server: asyncio.Server | None = None
        self._open: set[tuple[asyncio.StreamWriter, asyncio.StreamWriter]] = set()
        self._pumps: set[asyncio.Task[None]] = set()

    @property
    def url(self) -> str:
        """The address to give the browser instead of the server's."""
        return f"http://{HOST}:{self.port}"

    def start(self) -> TcpProxy:
        """Listen (on a free port the first time) and forward until `cut()` or `stop()`."""
        self._thread.start()
        self._call(self._listen())
        return self

    def cut(self) -> int:
        """Close every proxied connection now and stop listening; how many were cut."""
        return self._call(self._cut())

    def restore(self) -> None:
        """Listen on the same port again: new connections go through."""
        self._call(self._listen())

    def stop(self) -> None:
        """Cut everything and end the loop and its thread."""
        if not self._thread.is_alive():
            return
        self._call(self._cut())
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=10)
        self._loop.close()

    def __enter__(self) -> TcpProxy:
        return self.start()

    def __exit__(
        self,
        _type: type[BaseException] | None,
        _value: BaseException | None,
        _traceback: TracebackType | None,
    ) -> None:
        self.stop()

    # ------------------------------------------------------------------ inside the loop

    def _call(self, coroutine: Coroutine[Any, Any, T]) -> T:
        """Run `coroutine` on the proxy's loop and wait for its result (10 s at most)."""
        return asyncio.run_coroutine_threadsafe(coroutine, self._loop).result(timeout=10)

    async def _listen(self) -> None:
        if self._server is not None:
            return
        self._server = await asyncio.start_server(self._accept, HOST, self.port, reuse_address=True)
        self.port = self._server.sockets[0].getsockname()[1]

    async def _cut(self) -> int:
        server, self._server = self._server, None
        if server is not None:
            server.close()  # refuse new connections from now on
        connections = list(self._open)
        for client, upstream in connections:
            # abort(): no graceful FIN handshake, the socket is gone at once, as in a drop.
            client.transport.abort()
            upstream.transport.abort()
        self._open.clear()
        for pump in list(self._pumps):
            pump.cancel()
        self.cut_connections += len(connections)
        if server is not None:
            await server.wait_closed()
        return len(connections)

    async def _accept(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.accepted += 1
        try:
            up_reader, up_writer = await asyncio.open_connection(HOST, self.target_port)
        except OSError:
            writer.transport.abort()
            return
        pair = (writer, up_writer)
        self._open.add(pair)
        pumps = [
            asyncio.ensure_future(self._pump(reader, up_writer)),
            asyncio.ensure_future(self._pump(up_reader, writer)),
        ]
        self._pumps.update(pumps)
        try:
            await asyncio.gather(*pumps, return_exceptions=True)
        finally:
            self._pumps.difference_update(pumps)
            self._open.discard(pair)
            for side in pair:
                side.transport.abort()

    @staticmethod
    async def _pump(source: asyncio.StreamReader, sink: asyncio.StreamWriter) -> None:
        """Copy bytes one way until either side closes; then close the other way too."""
        with contextlib.suppress(ConnectionError, OSError):
            while data := await source.read(CHUNK):
                sink.write(data)
                await sink.drain()
        with contextlib.suppress(ConnectionError, OSError, RuntimeError):
            sink.write_eof()
