"""The receipt-printer port: what the print service needs from any printer.

A printer takes one finished job (ESC/POS bytes or a PDF) and either prints it
or raises a ``PrinterError`` whose message the cashier can act on (paper out,
cover open, offline, no answer, connection dropped). Printers that report
their state (ESC/POS ``DLE EOT`` over network, serial or USB) also answer
``status()``. Calls block; the print service runs them on the printer's own
thread.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from pos_member.domain.errors import (
    PrinterCoverOpen,
    PrinterError,
    PrinterOffline,
    PrinterPaperOut,
)

TESTED_IN = "tests/printers/test_contract.py"


class OutputFormat(enum.StrEnum):
    ESCPOS = "escpos"
    PDF = "pdf"


class PaperState(enum.StrEnum):
    OK = "ok"
    NEAR_END = "near_end"
    OUT = "out"
    UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class PrinterStatus:
    """What the printer said about itself; ``None`` where it cannot say."""

    reported: bool
    online: bool | None = None
    paper: PaperState = PaperState.UNKNOWN
    cover_open: bool | None = None
    error: bool | None = None

    @classmethod
    def unknown(cls) -> PrinterStatus:
        return cls(reported=False)

    def problem(self, printer: str) -> PrinterError | None:
        """The error that stops printing, if any (paper out before cover before offline)."""
        if self.paper is PaperState.OUT:
            return PrinterPaperOut(printer=printer)
        if self.cover_open:
            return PrinterCoverOpen(printer=printer)
        if self.online is False or self.error:
            return PrinterOffline(printer=printer)
        return None

    def describe(self) -> str:
        if not self.reported:
            return "status not reported by this printer"
        parts = [
            "online" if self.online else "offline",
            f"paper {self.paper.value}",
        ]
        if self.cover_open:
            parts.append("cover open")
        if self.error:
            parts.append("error")
        return ", ".join(parts)


@runtime_checkable
class ReceiptPrinter(Protocol):
    """A printer the print service can hand a finished job to.

    ``print_job`` and ``status`` block for at most ``timeout`` seconds and are
    called on the printer's own thread, never the GUI thread.
    """

    name: str
    output: OutputFormat
    columns: int  # characters per line (ESC/POS); PDF printers use it to pick the roll
    timeout: float

    def print_job(self, data: bytes, job_name: str) -> None:
        """Print one job or raise ``PrinterError``."""
        ...

    def status(self) -> PrinterStatus:
        """Ask the printer how it is.

        ``PrinterStatus.unknown()`` for printers that cannot report (a file, a
        PDF folder); ``PrinterError`` when the printer cannot be reached at all.
        """
        ...
