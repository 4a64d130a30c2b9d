"""Printer URLs from settings, and reading ESC/POS status bytes."""

from __future__ import annotations

import pytest

from drivers.printers import (
    FilePrinter,
    NetworkPrinter,
    PaperState,
    PdfPrinter,
    PrinterStatus,
    ReceiptPrinter,
    SerialPrinter,
    SimulatedPrinter,
    UsbPrinter,
    open_printer,
)
from drivers.printers import status as st
from pos_member.domain.errors import (
    PrinterCoverOpen,
    PrinterOffline,
    PrinterPaperOut,
    ValidationError,
)


@pytest.mark.parametrize(
    ("url", "kind", "attrs"),
    [
        ("tcp://192.168.1.50", NetworkPrinter, {"host": "192.168.1.50", "port": 9100}),
        ("tcp://printer.local:9101?columns=32", NetworkPrinter, {"port": 9101, "columns": 32}),
        ("usb://0416:5011", UsbPrinter, {"vendor_id": 0x0416, "product_id": 0x5011}),
        ("serial:///dev/ttyUSB0?baudrate=19200", SerialPrinter, {"baudrate": 19200}),
        ("file:///dev/usb/lp0", FilePrinter, {"columns": 48}),
        ("pdf:///var/receipts?paper=58mm", PdfPrinter, {"columns": 32, "cups_queue": None}),
        ("cups://Receipts?dir=/var/receipts", PdfPrinter, {"cups_queue": "Receipts"}),
        ("sim://", SimulatedPrinter, {"name": "simulated"}),
    ],
)
def test_urls_build_printers(url: str, kind: type, attrs: dict[str, object]) -> None:
    printer = open_printer(url, timeout=3)
    assert isinstance(printer, kind)
    assert isinstance(printer, ReceiptPrinter)
    for key, value in attrs.items():
        assert getattr(printer, key) == value


@pytest.mark.parametrize(
    ("url", "problem"),
    [
        ("lpt://1", "unknown kind of printer"),
        ("tcp://", "expected tcp://HOST:PORT"),
        ("tcp://h:port", "the port must be a number"),
        ("usb://zz:11", "VENDOR:PRODUCT in hex"),
        ("usb://0416", "VENDOR:PRODUCT in hex"),
        ("serial://", "expected serial:///dev/ttyUSB0"),
        ("serial:///dev/ttyS0?baudrate=fast", "baudrate must be a number"),
        ("tcp://h?columns=40", "columns must be 32"),
        ("tcp://h?timeout=soon", "must be numbers"),
        ("pdf:///x?paper=a5", "paper must be"),
        ("cups://Q", "dir="),
        ("file://", "expected file:///"),
    ],
)
def test_bad_urls_say_what_is_wrong(url: str, problem: str) -> None:
    with pytest.raises(ValidationError) as info:
        open_printer(url)
    assert problem in info.value.message
    assert url in info.value.message


def test_status_bytes() -> None:
    healthy = st.parse(0x12, 0x12, 0x12)
    assert healthy == PrinterStatus(True, True, PaperState.OK, False, False)
    assert st.parse(0x12, 0x12, 0x1E).paper is PaperState.NEAR_END
    assert st.parse(0x1A, 0x32, 0x72).paper is PaperState.OUT
    assert st.parse(0x1A, 0x16, 0x12).cover_open
    assert st.parse(0x12, 0x52, 0x12).error
    with pytest.raises(ValueError, match="not an ESC/POS status byte"):
        st.parse(0x00, 0x12, 0x12)


def test_problems_in_order_of_what_to_fix_first() -> None:
    out = PrinterStatus(True, False, PaperState.OUT, True, False)
    assert isinstance(out.problem("P"), PrinterPaperOut)
    cover = PrinterStatus(True, False, PaperState.OK, True, False)
    assert isinstance(cover.problem("P"), PrinterCoverOpen)
    offline = PrinterStatus(True, False, PaperState.OK, False, False)
    assert isinstance(offline.problem("P"), PrinterOffline)
    assert PrinterStatus(True, True, PaperState.NEAR_END, False, False).problem("P") is None
    assert PrinterStatus.unknown().problem("P") is None
    assert "paper out" in out.describe() and "cover open" in out.describe()
    assert PrinterStatus.unknown().describe() == "status not reported by this printer"


def test_serial_deadline_grows_with_the_job() -> None:
    # 10 bits a byte: 9,600 bytes take 10 s at 9600 baud, on top of the answer timeout.
    assert SerialPrinter("/dev/ttyS0", 9600, timeout=2).job_seconds(9600) == pytest.approx(12)
    assert NetworkPrinter("h", timeout=2).job_seconds(10**6) == 2


def test_named_printers_come_from_receipt_settings() -> None:
    from pos_member.receipts.settings import ReceiptSettings

    rs = ReceiptSettings(printer="tcp://10.0.0.9", printers={"office": "cups://A4?dir=/tmp"})
    assert rs.printer_url(None) == "tcp://10.0.0.9"
    assert rs.printer_url("office") == "cups://A4?dir=/tmp"
    assert rs.printer_url("usb://0416:5011") == "usb://0416:5011"
    assert ReceiptSettings(paper="58mm").columns == 32
