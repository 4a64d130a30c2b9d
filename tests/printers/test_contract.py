"""One set of tests run against every printer driver (the ReceiptPrinter contract).

Each driver gets a receipt job and the test reads back what reached the
"paper": bytes at the loopback server, the pseudo-terminal, the file, the
fake USB endpoint, or the PDF saved for CUPS.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from receipts.escpos_decode import decode, printed_lines
from receipts.readback import pdf_text
from receipts.samples import sale

from drivers.printers import (
    FilePrinter,
    NetworkPrinter,
    OutputFormat,
    PdfPrinter,
    PrinterStatus,
    ReceiptPrinter,
    SerialPrinter,
    SimulatedPrinter,
    UsbPrinter,
)
from pos_member.receipts.escpos import render_escpos
from pos_member.receipts.pdf import render_pdf

from .devices import FakeUsbEscpos, PtyPrinter
from .loopback import LoopbackPrinter

ReadBack = Callable[[], str]


def _network(tmp_path: Path) -> Iterator[tuple[ReceiptPrinter, ReadBack]]:
    with LoopbackPrinter() as srv:
        printer = NetworkPrinter("127.0.0.1", srv.port, timeout=2)
        yield printer, lambda: "\n".join(printed_lines(decode(bytes(srv.connections[-1]))))


def _serial(tmp_path: Path) -> Iterator[tuple[ReceiptPrinter, ReadBack]]:
    pty = PtyPrinter()

    def read() -> str:
        for _ in range(50):  # the pty reader thread may lag a moment behind
            text = "\n".join(printed_lines(decode(bytes(pty.received))))
            if "谢谢惠顾" in text:
                return text
            time.sleep(0.02)
        return text

    try:
        yield SerialPrinter(pty.path, 115200, timeout=2), read
    finally:
        pty.close()


def _file(tmp_path: Path) -> Iterator[tuple[ReceiptPrinter, ReadBack]]:
    path = tmp_path / "lp0"
    yield FilePrinter(path), lambda: "\n".join(printed_lines(decode(path.read_bytes())))


def _usb(tmp_path: Path) -> Iterator[tuple[ReceiptPrinter, ReadBack]]:
    fake = FakeUsbEscpos()

    class Plugged(UsbPrinter):
        def _make(self, deadline: Any) -> Any:
            return fake

    def read() -> str:
        sent = b"".join(data for _, data in fake.device.writes)
        return "\n".join(printed_lines(decode(sent)))

    yield Plugged(0x0416, 0x5011), read


def _pdf(tmp_path: Path) -> Iterator[tuple[ReceiptPrinter, ReadBack]]:
    printer = PdfPrinter(tmp_path / "pdf")
    yield printer, lambda: pdf_text(printer.path_for(sale().receipt_no))


def _simulated(tmp_path: Path) -> Iterator[tuple[ReceiptPrinter, ReadBack]]:
    printer = SimulatedPrinter()
    yield printer, lambda: "\n".join(printed_lines(decode(printer.jobs[-1][1])))


DRIVERS = {
    "network": _network,
    "serial": _serial,
    "file": _file,
    "usb": _usb,
    "pdf": _pdf,
    "simulated": _simulated,
}


@pytest.fixture(params=sorted(DRIVERS))
def driver(
    request: pytest.FixtureRequest, tmp_path: Path
) -> Iterator[tuple[ReceiptPrinter, ReadBack]]:
    yield from DRIVERS[request.param](tmp_path)


def test_is_a_receipt_printer(driver: tuple[ReceiptPrinter, ReadBack]) -> None:
    printer, _ = driver
    assert isinstance(printer, ReceiptPrinter)
    assert printer.name
    assert printer.columns in (32, 48)
    assert printer.timeout > 0


def test_prints_a_receipt_that_reads_back(driver: tuple[ReceiptPrinter, ReadBack]) -> None:
    printer, read = driver
    doc = sale()
    job = render_pdf(doc) if printer.output is OutputFormat.PDF else render_escpos(doc)
    printer.print_job(job, doc.receipt_no)
    text = read()
    assert doc.receipt_no in text
    assert "83.10" in text
    assert "谢谢惠顾" in text


def test_status_is_a_printer_status(driver: tuple[ReceiptPrinter, ReadBack]) -> None:
    printer, _ = driver
    status = printer.status()
    assert isinstance(status, PrinterStatus)
    assert status.problem(printer.name) is None
