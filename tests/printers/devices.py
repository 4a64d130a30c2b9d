"""Test stand-ins for printer hardware: the far end of a pseudo-terminal, a USB device.

The pty is a real serial line as far as pyserial and python-escpos know; the
USB fake exists because no test machine has a USB thermal printer, and the
tests check every byte it is given.
"""

from __future__ import annotations

import os
import select
import threading


class PtyPrinter:
    """The printer end of a pseudo-terminal: answers DLE EOT, keeps what it is sent."""

    def __init__(self, answer: bool = True) -> None:
        self.master, slave = os.openpty()
        self.path = os.ttyname(slave)
        self._slave = slave
        self.answer = answer
        self.received = bytearray()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.is_set():
            ready, _, _ = select.select([self.master], [], [], 0.05)
            if not ready:
                continue
            try:
                chunk = os.read(self.master, 4096)
            except OSError:
                return
            self.received += chunk
            if self.answer:
                for _ in range(chunk.count(b"\x10\x04")):
                    os.write(self.master, b"\x12")

    def close(self) -> None:
        self._stop.set()
        self._thread.join(timeout=2)
        os.close(self.master)
        os.close(self._slave)


class FakeUsbDevice:
    """Stands in for pyusb's device: no USB thermal printer on a test machine."""

    def __init__(self) -> None:
        self.writes: list[tuple[int, bytes]] = []

    def write(self, ep: int, data: bytes, timeout: int) -> int:
        assert timeout > 0
        self.writes.append((ep, bytes(data)))
        return len(data)

    def read(self, ep: int, size: int, timeout: int) -> bytes:
        assert ep == 0x82
        return b"\x12"


class FakeUsbEscpos:
    def __init__(self) -> None:
        self.device = FakeUsbDevice()
        self.closed = False

    def open(self) -> None:
        pass

    def close(self) -> None:
        self.closed = True
