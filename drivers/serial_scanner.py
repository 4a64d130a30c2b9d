"""Serial barcode/card scanners over pyserial: one line per scan, ended by a terminator.

Many counter scanners (and USB scanners in "USB-COM" mode, seen as
/dev/ttyACM*) send each code followed by CR. The driver thread opens the
port, reports the reader, splits the byte stream at the terminator and
classifies every line like a keyboard-wedge scan. If the port goes away
(unplugged, cable pulled) it reports the reader removed and an error, then
keeps trying to reopen it, so plugging it back in just works; pointing the
setting at a stable name such as /dev/serial/by-id/... survives renumbering.
"""

from __future__ import annotations

import logging
import threading
import time

import serial

from drivers.base import (
    CardRead,
    Classification,
    ReaderError,
    ReaderListener,
    SafeListener,
    ScanKind,
    ScanRead,
)
from drivers.classify import Classifier, ScanClassifier
from drivers.errors import SerialPortProblem
from drivers.settings import DeviceSettings
from drivers.wedge import scan_events
from pos_member.domain.text import phrase

log = logging.getLogger(__name__)

MAX_LINE = 512  # no scanner code is longer; anything past it is noise


class SerialScannerDriver:
    """Reads scans from one serial port on its own thread."""

    kind = "serial"

    def __init__(
        self,
        listener: ReaderListener,
        *,
        port: str,
        baudrate: int = 9600,
        terminator: str = "\r",
        classifier: ScanClassifier | None = None,
        name: str | None = None,
        reopen_seconds: float = 0.5,
        line_timeout: float = 0.5,
    ) -> None:
        if not terminator:
            raise ValueError("a serial scanner needs a terminator")
        self.name = name or f"serial:{port}"
        self.port = port
        self._listener = SafeListener(listener)
        self._baudrate = baudrate
        self._terminator = terminator.encode("ascii")
        self._classifier: ScanClassifier = classifier or Classifier()
        self._reopen = reopen_seconds
        self._line_timeout = line_timeout
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._open = False

    @classmethod
    def from_settings(
        cls,
        listener: ReaderListener,
        settings: DeviceSettings,
        classifier: ScanClassifier | None = None,
    ) -> SerialScannerDriver:
        if settings.serial_port is None:
            raise ValueError("no serial scanner port is configured")
        return cls(
            listener,
            port=settings.serial_port,
            baudrate=settings.serial_baud,
            terminator=settings.serial_terminator,
            classifier=classifier or Classifier.from_settings(settings),
        )

    def start(self) -> None:
        if self.running:
            return
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name=f"reader-{self.name}", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def readers(self) -> list[str]:
        return [self.name] if self._open else []

    def _error(self, detail: str) -> None:
        problem = SerialPortProblem(port=self.port, detail=detail)
        self._listener.on_error(
            ReaderError(
                self.name, problem.code, problem.message, {"port": self.port}, problem=problem
            )
        )

    def _run(self) -> None:
        reported = False
        while not self._stop.is_set():
            try:
                port = serial.Serial(self.port, self._baudrate, timeout=0.1)
            except (serial.SerialException, OSError, ValueError) as exc:
                if not reported:
                    reported = True
                    log.warning("serial scanner %s cannot be opened: %s", self.port, exc)
                    self._error(phrase("the port cannot be opened (is the scanner plugged in?)"))
                self._stop.wait(self._reopen)
                continue
            reported = False
            self._open = True
            self._listener.on_reader_added(self.name)
            try:
                self._read_lines(port)
            except (serial.SerialException, OSError) as exc:
                log.warning("serial scanner %s lost: %s", self.port, exc)
                self._open = False
                self._listener.on_reader_removed(self.name)
                self._error(phrase("the scanner was unplugged or stopped answering"))
                reported = True
            else:
                self._open = False
                self._listener.on_reader_removed(self.name)
            finally:
                port.close()

    def _read_lines(self, port: serial.Serial) -> None:
        buffer = bytearray()
        last_byte = time.monotonic()
        while not self._stop.is_set():
            chunk = port.read(256)
            now = time.monotonic()
            if not chunk:
                if buffer and now - last_byte > self._line_timeout:
                    self._truncated(bytes(buffer))
                    buffer.clear()
                continue
            last_byte = now
            buffer += chunk
            while True:
                end = buffer.find(self._terminator)
                if end < 0:
                    break
                line, buffer = bytes(buffer[:end]), buffer[end + len(self._terminator) :]
                self._line(line)
            if len(buffer) > MAX_LINE:
                self._truncated(bytes(buffer))
                buffer.clear()

    def _decode(self, line: bytes) -> str:
        return line.decode("ascii", errors="replace").strip("\r\n\t \x00")

    def _line(self, line: bytes) -> None:
        text = self._decode(line)
        if not text:
            return  # a bare LF after CR, or a keep-alive
        event = scan_events(self.name, text, self._classifier, typed=False)
        if isinstance(event, CardRead):
            self._listener.on_card_present(event)
        else:
            self._listener.on_scan(event)

    def _truncated(self, data: bytes) -> None:
        text = self._decode(data)
        reason = "The scan stopped before its end (no terminator): scan again."
        c = Classification(ScanKind.REJECTED, "", text, reason=reason)
        self._listener.on_scan(ScanRead(self.name, text, c))
