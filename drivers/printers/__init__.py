"""Receipt printers behind one ``ReceiptPrinter`` protocol.

ESC/POS over network (TCP 9100), USB (vendor:product), serial and a device or
file path; a PDF printer that saves and optionally sends to CUPS; a simulated
printer. ``open_printer(url)`` builds one from a URL such as
``tcp://192.168.1.50:9100``, ``usb://0416:5011``, ``serial:///dev/ttyUSB0?baudrate=19200``,
``file:///dev/usb/lp0``, ``pdf:///var/receipts`` or ``cups://Receipts?dir=/var/receipts``.
"""

from __future__ import annotations

from drivers.printers.base import OutputFormat, PaperState, PrinterStatus, ReceiptPrinter
from drivers.printers.escpos_printers import (
    EscposPrinter,
    FilePrinter,
    NetworkPrinter,
    SerialPrinter,
    UsbPrinter,
)
from drivers.printers.factory import open_printer
from drivers.printers.pdf_printer import PdfPrinter
from drivers.printers.simulated import SimulatedPrinter

__all__ = [
    "EscposPrinter",
    "FilePrinter",
    "NetworkPrinter",
    "OutputFormat",
    "PaperState",
    "PdfPrinter",
    "PrinterStatus",
    "ReceiptPrinter",
    "SerialPrinter",
    "SimulatedPrinter",
    "UsbPrinter",
    "open_printer",
]
