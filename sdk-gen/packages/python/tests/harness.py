"""Test harness for the live tests that take the network or the server away: a TCP proxy that can
cut a client off, and a server process of the test's own that can be SIGKILLed and restarted.

Both work on threads and plain sockets, not on the event loop, so they keep working whatever the
test's coroutines are doing.
"""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import subprocess
import tempfile
import threading
import time
from pathlib import Path


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class TcpProxy:
    """Forwards connections to ``target`` (``host:port``). :meth:`cut` takes the network away: it
    closes every connection it carries and refuses new ones (accepts and closes them at once)
    until :meth:`restore`."""

    def __init__(self, target: str) -> None:
        host, port = target.rsplit(":", 1)
        self._target = (host, int(port))
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.addr = f"127.0.0.1:{self._listener.getsockname()[1]}"
        self._lock = threading.Lock()
        self._down = False
        self._closed = False
        self._conns: set[socket.socket] = set()
        threading.Thread(target=self._accept, daemon=True).start()

    def cut(self) -> None:
        with self._lock:
            self._down = True
            for conn in self._conns:
                _close(conn)
            self._conns.clear()

    def restore(self) -> None:
        with self._lock:
            self._down = False

    def close(self) -> None:
        self._closed = True
        self.cut()
        _close(self._listener)

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self._listener.accept()
            except OSError:
                return  # closed
            threading.Thread(target=self._forward, args=(client,), daemon=True).start()

    def _forward(self, client: socket.socket) -> None:
        with self._lock:
            down = self._down
        if down:
            _close(client)
            return
        try:
            server = socket.create_connection(self._target, timeout=5)
            server.settimeout(None)
        except OSError:
            _close(client)
            return
        with self._lock:
            if self._down:  # cut while connecting
                _close(client)
                _close(server)
                return
            self._conns.update((client, server))
        threading.Thread(target=self._pipe, args=(client, server), daemon=True).start()
        self._pipe(server, client)

    def _pipe(self, source: socket.socket, sink: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        with self._lock:
            self._conns.discard(source)
            self._conns.discard(sink)
        _close(source)
        _close(sink)


def _close(conn: socket.socket) -> None:
    # shutdown() first: close() alone does not wake a thread blocked in recv() on it.
    try:
        conn.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass
    conn.close()


class ServerProcess:
    """An ``easychat serve`` of the test's own (``EASYCHAT_BIN``, which sdk-gen/test-all exports),
    on a port and a data directory that stay the same across :meth:`kill` and :meth:`start`."""

    def __init__(self, binary: str) -> None:
        self._binary = binary
        self._scratch = tempfile.TemporaryDirectory(prefix="easychat-sdk-test-")
        self.data_dir = Path(self._scratch.name) / "data"
        self.data_dir.mkdir(mode=0o700)  # the server warns about a data directory others can read
        self.log_path = Path(self._scratch.name) / "server.log"
        self.addr = f"127.0.0.1:{free_port()}"
        self._process: subprocess.Popen[bytes] | None = None

    async def start(self) -> None:
        """Runs the server and waits until it accepts connections."""
        host, port = self.addr.rsplit(":", 1)
        env = dict(os.environ)
        # No registration limit (the tests register from one address), and a message rate limit
        # that a test sending as fast as it can stays under.
        env.update(
            EASYCHAT_LIMITS__REGISTRATIONS_PER_ADDRESS_PER_MINUTE="0",
            EASYCHAT_LIMITS__MESSAGES_PER_SECOND="10000",
            EASYCHAT_LIMITS__MESSAGE_BURST="10000",
        )
        with open(self.log_path, "ab") as log:
            self._process = subprocess.Popen(
                [self._binary, "serve", "--listen", self.addr, "--no-gateway",
                 "--data-dir", str(self.data_dir)],
                env=env, stdout=log, stderr=subprocess.STDOUT,
            )
        deadline = time.monotonic() + 60
        while True:
            try:
                _, writer = await asyncio.open_connection(host, int(port))
                writer.close()
                return
            except OSError as error:
                if self._process.poll() is not None:
                    raise RuntimeError(
                        f"the server exited at start ({self._process.returncode}):\n{self.log_tail()}"
                    ) from error
                if time.monotonic() > deadline:
                    raise RuntimeError(f"the server does not listen on {self.addr}") from error
            await asyncio.sleep(0.05)

    def kill(self) -> None:
        """SIGKILLs the server, no shutdown of any kind, and waits until it is gone."""
        if self._process is not None:
            self._process.send_signal(signal.SIGKILL)
            self._process.wait()
            self._process = None

    def log_tail(self, lines: int = 40) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return "(no server log)"

    def close(self) -> None:
        self.kill()
        self._scratch.cleanup()
