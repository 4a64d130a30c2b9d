"""A loopback TCP server that plays an ESC/POS network printer (port 9100) in tests.

Behaviours: a good printer; one out of paper or with its cover open (it says
so when asked); one that drops the connection part way through a receipt;
one that never answers; one that answers before the job but goes silent
during it. It keeps every byte it received per connection.
"""

from __future__ import annotations

import enum
import socket
import struct
import threading
from dataclasses import dataclass, field

HEALTHY = {1: 0x12, 2: 0x12, 4: 0x12}


class Mode(enum.Enum):
    GOOD = "good"
    PAPER_OUT = "paper_out"
    COVER_OPEN = "cover_open"
    DROP_MID_JOB = "drop"
    SILENT = "silent"
    SILENT_AFTER_JOB_STARTS = "silent_after"


@dataclass
class LoopbackPrinter:
    mode: Mode = Mode.GOOD
    drop_after: int = 200  # job bytes read before DROP_MID_JOB resets the connection
    connections: list[bytearray] = field(default_factory=list)
    host: str = "127.0.0.1"
    port: int = 0

    def __post_init__(self) -> None:
        self._sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._sock.bind((self.host, 0))
        self._sock.listen(8)
        self._sock.settimeout(0.1)  # before the thread starts: close() may come at once
        self.port = self._sock.getsockname()[1]
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []
        self._clients: list[socket.socket] = []
        accept = threading.Thread(target=self._accept, name="loopback-printer", daemon=True)
        accept.start()
        self._threads.append(accept)

    def answers(self) -> dict[int, int]:
        if self.mode is Mode.PAPER_OUT:
            return {1: 0x1A, 2: 0x32, 4: 0x72}  # offline, stopped for paper end, paper end
        if self.mode is Mode.COVER_OPEN:
            return {1: 0x1A, 2: 0x16, 4: 0x12}
        return HEALTHY

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                client, _ = self._sock.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            self._clients.append(client)
            buf = bytearray()
            self.connections.append(buf)
            t = threading.Thread(target=self._serve, args=(client, buf), daemon=True)
            t.start()
            self._threads.append(t)

    def _serve(self, client: socket.socket, buf: bytearray) -> None:
        try:
            self._talk(client, buf)
        except OSError:
            # close() shut the socket under us, or the client reset it: the end either way.
            return

    def _talk(self, client: socket.socket, buf: bytearray) -> None:
        client.settimeout(0.1)
        queries_answered = 0
        pending = b""
        with client:
            while not self._stop.is_set():
                try:
                    chunk = client.recv(4096)
                except TimeoutError:
                    continue
                except OSError:
                    return
                if not chunk:
                    return
                buf += chunk
                data = pending + chunk
                pending = b""
                i = 0
                while True:
                    j = data.find(b"\x10\x04", i)
                    if j < 0 or j + 2 >= len(data):
                        if j >= 0:
                            pending = data[j:]
                        break
                    n = data[j + 2]
                    i = j + 3
                    if self.mode is Mode.SILENT:
                        continue
                    if self.mode is Mode.SILENT_AFTER_JOB_STARTS and queries_answered >= 3:
                        continue
                    client.sendall(bytes([self.answers().get(n, 0x12)]))
                    queries_answered += 1
                if self.mode is Mode.DROP_MID_JOB and len(buf) >= self.drop_after:
                    # RST rather than FIN: the way a printer that reboots looks.
                    client.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                    return

    def close(self) -> None:
        self._stop.set()
        self._sock.close()
        for t in self._threads:
            t.join(timeout=2)
        for c in self._clients:
            c.close()

    def __enter__(self) -> LoopbackPrinter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def free_port() -> int:
    """A port nothing listens on (bound then released), for "connection refused"."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
    return port
