"""ESC/POS printers over network (raw TCP 9100), USB, serial and a device/file path.

Connections are opened and written with python-escpos's printer classes. Each
job is: open, ask the status (refuse to print into a closed cover or an empty
roll), send the bytes, ask the status again, close. The second answer is the
printer's acknowledgement: a printer that took the bytes into a socket buffer
but never answers, or that dropped the connection half way, fails the job
instead of passing silently. Every step counts against one deadline, so a job
never blocks longer than ``timeout`` seconds.

Transports that cannot be read back (a plain file or /dev/usb/lp0) skip the
status steps and report ``PrinterStatus.unknown()``.
"""

from __future__ import annotations

import logging
import socket
import threading
import time
from abc import ABC, abstractmethod
from pathlib import Path
from typing import Any

from drivers.printers import status as st
from drivers.printers.base import OutputFormat, PrinterStatus
from pos_member.domain.errors import (
    PrinterDisconnected,
    PrinterError,
    PrinterNotFound,
    PrinterTimeout,
)
from pos_member.domain.text import phrase

TESTED_IN = "tests/printers/test_network.py"

log = logging.getLogger(__name__)

CHUNK = 4096

# What the C library says for the usual faults (its English): marked so that
# the screen can show a printer's ``detail`` in the cashier's language.
OS_ERRORS = (
    phrase("No route to host"),
    phrase("Network is unreachable"),
    phrase("Connection timed out"),
    phrase("Host is down"),
    phrase("Name or service not known"),
    phrase("Temporary failure in name resolution"),
    phrase("No such file or directory"),
    phrase("No such device"),
    phrase("Permission denied"),
    phrase("Device or resource busy"),
)


class _Deadline:
    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.end = time.monotonic() + seconds

    def left(self) -> float:
        return self.end - time.monotonic()

    def check(self, printer: str) -> float:
        left = self.left()
        if left <= 0:
            raise PrinterTimeout(printer=printer, seconds=_fmt(self.seconds))
        return left


def _fmt(seconds: float) -> str:
    return f"{seconds:g}"


class EscposPrinter(ABC):
    """Shared job logic; subclasses provide the transport."""

    output = OutputFormat.ESCPOS
    reports_status = True

    def __init__(self, name: str, *, columns: int = 48, timeout: float = 10.0) -> None:
        self.name = name
        self.columns = columns
        self.timeout = timeout

    # transport -----------------------------------------------------------
    @abstractmethod
    def _open(self, deadline: _Deadline) -> None: ...

    @abstractmethod
    def _write(self, data: bytes, deadline: _Deadline) -> None: ...

    def _read_byte(self, deadline: _Deadline) -> int:
        raise NotImplementedError

    @abstractmethod
    def _close(self) -> None: ...

    # job -------------------------------------------------------------------
    def job_seconds(self, size: int) -> float:
        """How long a job of ``size`` bytes may take before it counts as failed."""
        return self.timeout

    def print_job(self, data: bytes, job_name: str) -> None:
        deadline = _Deadline(self.job_seconds(len(data)))
        self._guarded(self._open, deadline)
        try:
            if self.reports_status:
                self._refuse_on_problem(deadline)
            for start in range(0, len(data), CHUNK):
                deadline.check(self.name)
                self._guarded(self._write, data[start : start + CHUNK], deadline)
            if self.reports_status:
                # The answer after the job is the printer's acknowledgement.
                self._refuse_on_problem(deadline)
        finally:
            self._close()
        log.info("printer %s printed %s (%d bytes)", self.name, job_name, len(data))

    def status(self) -> PrinterStatus:
        if not self.reports_status:
            return PrinterStatus.unknown()
        deadline = _Deadline(self.timeout)
        self._guarded(self._open, deadline)
        try:
            return self._query(deadline)
        finally:
            self._close()

    def _refuse_on_problem(self, deadline: _Deadline) -> None:
        problem = self._query(deadline).problem(self.name)
        if problem is not None:
            raise problem

    def _query(self, deadline: _Deadline) -> PrinterStatus:
        answers = []
        for query in st.QUERIES:
            self._guarded(self._write, query, deadline)
            answers.append(self._guarded(self._read_status, deadline))
        return st.parse(*answers)

    def _read_status(self, deadline: _Deadline) -> int:
        # Skip stray bytes (e.g. automatic status back) until a status-shaped byte.
        for _ in range(16):
            value = self._read_byte(deadline)
            if st.is_status_byte(value):
                return value
        raise PrinterDisconnected(printer=self.name)

    def _guarded(self, step: Any, *args: Any) -> Any:
        """Run a transport step, turning OS and library errors into cashier-readable ones."""
        deadline: _Deadline = args[-1]
        try:
            return step(*args)
        except PrinterError:
            raise
        except TimeoutError as exc:
            raise PrinterTimeout(printer=self.name, seconds=_fmt(deadline.seconds)) from exc
        except (ConnectionResetError, BrokenPipeError, ConnectionAbortedError, EOFError) as exc:
            raise PrinterDisconnected(printer=self.name) from exc
        except ConnectionRefusedError as exc:
            raise PrinterNotFound(printer=self.name, detail="connection refused") from exc
        except OSError as exc:
            raise PrinterNotFound(printer=self.name, detail=exc.strerror or str(exc)) from exc


class NetworkPrinter(EscposPrinter):
    """An Ethernet/Wi-Fi receipt printer taking raw ESC/POS on TCP (port 9100)."""

    def __init__(
        self,
        host: str,
        port: int = 9100,
        *,
        name: str | None = None,
        columns: int = 48,
        timeout: float = 10.0,
    ) -> None:
        super().__init__(name or f"{host}:{port}", columns=columns, timeout=timeout)
        self.host = host
        self.port = port
        self._printer: Any = None

    def _open(self, deadline: _Deadline) -> None:
        from escpos.printer import Network

        # Connect here rather than with Network.open(), which leaves the
        # socket of a refused connection unclosed.
        sock = socket.create_connection((self.host, self.port), timeout=deadline.check(self.name))
        printer = Network(self.host, self.port, timeout=deadline.seconds)
        printer.device = sock
        self._printer = printer

    def _sock(self, deadline: _Deadline) -> socket.socket:
        sock: socket.socket = self._printer.device
        sock.settimeout(deadline.check(self.name))
        return sock

    def _write(self, data: bytes, deadline: _Deadline) -> None:
        self._sock(deadline)
        self._printer._raw(data)

    def _read_byte(self, deadline: _Deadline) -> int:
        data = self._sock(deadline).recv(1)
        if not data:
            raise PrinterDisconnected(printer=self.name)
        return data[0]

    def _close(self) -> None:
        if self._printer is not None:
            self._printer.close()
            self._printer = None


class SerialPrinter(EscposPrinter):
    """An RS-232 (or USB-serial) printer, e.g. /dev/ttyUSB0 at 9600 or 19200 baud."""

    def __init__(
        self,
        devfile: str,
        baudrate: int = 9600,
        *,
        name: str | None = None,
        columns: int = 48,
        timeout: float = 10.0,
    ) -> None:
        super().__init__(name or devfile, columns=columns, timeout=timeout)
        self.devfile = devfile
        self.baudrate = baudrate
        self._printer: Any = None

    def job_seconds(self, size: int) -> float:
        # 10 bits a byte on the wire: a long receipt at 9600 baud takes seconds.
        return self.timeout + size * 10 / self.baudrate

    def _open(self, deadline: _Deadline) -> None:
        from escpos.exceptions import DeviceNotFoundError
        from escpos.printer import Serial

        printer = Serial(self.devfile, self.baudrate, timeout=deadline.check(self.name))
        try:
            printer.open()
        except DeviceNotFoundError as exc:
            raise PrinterNotFound(
                printer=self.name, detail="cannot open {path}", path=self.devfile
            ) from exc
        self._printer = printer

    def _write(self, data: bytes, deadline: _Deadline) -> None:
        dev = self._printer.device
        dev.write_timeout = deadline.check(self.name)
        try:
            dev.write(data)
            dev.flush()
        except Exception as exc:
            if type(exc).__name__ == "SerialTimeoutException":
                raise TimeoutError(str(exc)) from exc
            raise

    def _read_byte(self, deadline: _Deadline) -> int:
        dev = self._printer.device
        dev.timeout = deadline.check(self.name)
        data = dev.read(1)  # python-escpos reads 16 and would wait out the timeout
        if not data:
            raise TimeoutError("no status answer")
        value: int = data[0]
        return value

    def _close(self) -> None:
        if self._printer is not None:
            self._printer.close()
            self._printer = None


class UsbPrinter(EscposPrinter):
    """A USB printer addressed by vendor:product id (needs pyusb and access to the device)."""

    def __init__(
        self,
        vendor_id: int,
        product_id: int,
        *,
        name: str | None = None,
        columns: int = 48,
        timeout: float = 10.0,
        in_ep: int = 0x82,
        out_ep: int = 0x01,
    ) -> None:
        super().__init__(
            name or f"usb {vendor_id:04x}:{product_id:04x}", columns=columns, timeout=timeout
        )
        self.vendor_id = vendor_id
        self.product_id = product_id
        self.in_ep = in_ep
        self.out_ep = out_ep
        self._printer: Any = None

    def _make(self, deadline: _Deadline) -> Any:
        from escpos.printer import Usb

        return Usb(
            self.vendor_id,
            self.product_id,
            timeout=int(deadline.check(self.name) * 1000),
            in_ep=self.in_ep,
            out_ep=self.out_ep,
        )

    def _open(self, deadline: _Deadline) -> None:
        import usb.core
        from escpos.exceptions import DeviceNotFoundError, USBNotFoundError

        printer = self._make(deadline)
        try:
            printer.open()
        except usb.core.NoBackendError as exc:
            raise PrinterNotFound(
                printer=self.name, detail="libusb is missing (Debian package libusb-1.0-0)"
            ) from exc
        except (DeviceNotFoundError, USBNotFoundError) as exc:
            raise PrinterNotFound(
                printer=self.name, detail="no such USB device is connected"
            ) from exc
        self._printer = printer

    def _write(self, data: bytes, deadline: _Deadline) -> None:
        self._printer.device.write(self.out_ep, data, int(deadline.check(self.name) * 1000))

    def _read_byte(self, deadline: _Deadline) -> int:
        data = self._printer.device.read(self.in_ep, 16, int(deadline.check(self.name) * 1000))
        if not data:
            raise TimeoutError("no status answer")
        value: int = data[0]
        return value

    def _close(self) -> None:
        if self._printer is not None:
            self._printer.close()
            self._printer = None


class FilePrinter(EscposPrinter):
    """A device node or file taking raw bytes (/dev/usb/lp0, a named pipe, a spool file).

    Write-only: such paths cannot be asked for their status. Opening or writing
    a device node can block (a FIFO nobody reads, a USB line printer out of
    paper), so the job runs on a helper thread and the caller stops waiting at
    the deadline; a write stuck in the kernel finishes or fails on its own.
    """

    reports_status = False

    def print_job(self, data: bytes, job_name: str) -> None:
        outcome: list[BaseException | None] = []

        def run() -> None:
            try:
                EscposPrinter.print_job(self, data, job_name)
                outcome.append(None)
            except BaseException as exc:  # handed to the waiting caller below
                outcome.append(exc)

        worker = threading.Thread(target=run, name=f"file-printer {self.name}", daemon=True)
        worker.start()
        worker.join(self.job_seconds(len(data)))
        if not outcome:
            raise PrinterTimeout(printer=self.name, seconds=_fmt(self.job_seconds(len(data))))
        if outcome[0] is not None:
            raise outcome[0]

    def __init__(
        self, path: str | Path, *, name: str | None = None, columns: int = 48, timeout: float = 10.0
    ) -> None:
        super().__init__(name or str(path), columns=columns, timeout=timeout)
        self.path = Path(path)
        self._printer: Any = None

    def _open(self, deadline: _Deadline) -> None:
        from escpos.exceptions import DeviceNotFoundError
        from escpos.printer import File

        if not self.path.parent.is_dir():
            raise PrinterNotFound(
                printer=self.name, detail="{path} does not exist", path=str(self.path.parent)
            )
        printer = File(str(self.path))
        try:
            printer.open()
        except DeviceNotFoundError as exc:
            raise PrinterNotFound(
                printer=self.name, detail="cannot open {path}", path=str(self.path)
            ) from exc
        self._printer = printer

    def _write(self, data: bytes, deadline: _Deadline) -> None:
        self._printer._raw(data)

    def _close(self) -> None:
        if self._printer is not None:
            self._printer.close()
            self._printer = None
