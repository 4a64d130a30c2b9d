"""Build a printer from the URL kept in settings (one string per configured printer)."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from drivers.printers.base import ReceiptPrinter
from drivers.printers.escpos_printers import FilePrinter, NetworkPrinter, SerialPrinter, UsbPrinter
from drivers.printers.pdf_printer import PdfPrinter
from drivers.printers.simulated import SimulatedPrinter
from pos_member.domain.errors import ValidationError
from pos_member.domain.text import phrase

TESTED_IN = "tests/printers/test_factory_status.py"

SCHEMES = ("tcp", "usb", "serial", "file", "pdf", "cups", "sim")


def _bad(url: str, problem: str, **values: object) -> ValidationError:
    """``problem``: a ``phrase(...)`` (the screen translates it)."""
    return ValidationError(field="printer '{url}'", problem=problem, url=url, **values)


def open_printer(url: str, *, name: str | None = None, timeout: float = 10.0) -> ReceiptPrinter:
    """A printer for ``url``; a person-readable ``ValidationError`` if the URL is wrong.

    Query options: ``columns`` (32 or 48), ``timeout`` (seconds), ``baudrate``
    (serial), ``dir`` (cups), ``paper`` (pdf/cups: 80mm, 58mm or a4).
    """
    parts = urlsplit(url.strip())
    query = {k: v[-1] for k, v in parse_qs(parts.query).items()}
    try:
        columns = int(query.get("columns", "48"))
        timeout = float(query.get("timeout", timeout))
    except ValueError:
        raise _bad(url, phrase("columns and timeout must be numbers")) from None
    if columns not in (32, 42, 48, 64):
        raise _bad(url, phrase("columns must be 32 (58 mm), 42, 48 (80 mm) or 64"))
    scheme = parts.scheme.lower()
    if scheme == "tcp":
        if not parts.hostname:
            raise _bad(url, phrase("expected tcp://HOST:PORT"))
        try:
            port = parts.port or 9100
        except ValueError:
            raise _bad(url, phrase("the port must be a number")) from None
        return NetworkPrinter(parts.hostname, port, name=name, columns=columns, timeout=timeout)
    if scheme == "usb":
        ids = (parts.netloc + parts.path).strip("/").split(":")
        try:
            vendor, product = (int(x, 16) for x in ids)
        except ValueError:
            raise _bad(
                url, phrase("expected usb://VENDOR:PRODUCT in hex, e.g. usb://0416:5011")
            ) from None
        return UsbPrinter(vendor, product, name=name, columns=columns, timeout=timeout)
    if scheme == "serial":
        if not parts.path:
            raise _bad(url, phrase("expected serial:///dev/ttyUSB0"))
        try:
            baud = int(query.get("baudrate", "9600"))
        except ValueError:
            raise _bad(url, phrase("baudrate must be a number")) from None
        return SerialPrinter(parts.path, baud, name=name, columns=columns, timeout=timeout)
    if scheme == "file":
        if not parts.path:
            raise _bad(url, phrase("expected file:///dev/usb/lp0 or file:///path/to/spool"))
        return FilePrinter(parts.path, name=name, columns=columns, timeout=timeout)
    if scheme in ("pdf", "cups"):
        paper = query.get("paper", "80mm")
        if paper not in ("80mm", "58mm", "a4"):
            raise _bad(url, phrase("paper must be 80mm, 58mm or a4"))
        if scheme == "pdf":
            if not parts.path:
                raise _bad(url, phrase("expected pdf:///directory"))
            return PdfPrinter(parts.path, paper=paper, name=name, timeout=timeout)
        if not parts.netloc or "dir" not in query:
            raise _bad(url, phrase("expected cups://QUEUE?dir=/directory/for/pdfs"))
        return PdfPrinter(
            query["dir"], cups_queue=parts.netloc, paper=paper, name=name, timeout=timeout
        )
    if scheme == "sim":
        return SimulatedPrinter(name=name or "simulated", columns=columns, timeout=timeout)
    raise _bad(
        url, phrase("unknown kind of printer; use one of {schemes}"), schemes=", ".join(SCHEMES)
    )
