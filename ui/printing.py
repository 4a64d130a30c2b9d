"""Receipts from the cashier app: build from the store, print on the printer's own thread.

``Printing`` ties the receipts package together for the app: the
``ReceiptBuilder`` reads the committed sale, the ``PrintService`` prints on
its worker thread and keeps failed receipts in the reprint queue, and
``PrinterBridge`` turns its callbacks (printer thread) into Qt signals. A
printer that hangs or is out of paper therefore never holds up the sale or
the screen; the cashier sees the failure in the status bar and reprints with
Ctrl+P.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal

from pos_member.receipts.build import ReceiptBuilder
from pos_member.receipts.reprint_queue import SqliteReprintQueue
from pos_member.receipts.service import PrintOutcome, PrintService
from pos_member.receipts.settings import ReceiptSettings
from pos_member.services.context import Context
from ui.qtcompat import emit

log = logging.getLogger(__name__)


class PrinterBridge(QObject):
    printed = Signal(object)  # PrintOutcome
    failed = Signal(object)  # PrintOutcome

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("printerBridge")

    # Called on the printer's thread.
    def on_printed(self, outcome: PrintOutcome) -> None:
        emit(self.printed, outcome)

    def on_failed(self, outcome: PrintOutcome) -> None:
        emit(self.failed, outcome)


def default_printer_url(data_dir: Path) -> str:
    """With no printer configured, receipts are saved as PDFs next to the database."""
    return f"pdf://{(data_dir / 'receipts').resolve()}"


class Printing:
    def __init__(
        self,
        ctx: Context,
        printer: Any,
        settings: ReceiptSettings,
        *,
        queue_path: Path | None = None,
        bridge: PrinterBridge | None = None,
    ) -> None:
        self.settings = settings
        self.builder = ReceiptBuilder(ctx, self.settings)
        self.bridge = bridge or PrinterBridge()
        # The store itself: checkout writes each receipt owed there with its sale.
        queue_file = queue_path or Path(ctx.settings.db_path)
        self.service = PrintService(
            printer,
            SqliteReprintQueue(queue_file),
            loader=self.builder.build,
            on_failure=self.bridge.on_failed,
            on_printed=self.bridge.on_printed,
            open_drawer_for_cash=self.settings.open_drawer_for_cash,
        )

    @classmethod
    def from_settings(
        cls, ctx: Context, settings: ReceiptSettings, bridge: PrinterBridge | None = None
    ) -> Printing:
        """The printer ``settings`` name (the settings bundle's, read once at start-up)."""
        from drivers.printers import open_printer

        url = settings.printer or default_printer_url(Path(ctx.settings.db_path).parent)
        printer = open_printer(url, timeout=settings.print_timeout_s)
        return cls(ctx, printer, settings=settings, bridge=bridge)

    def print_receipt(self, receipt_no: str) -> None:
        """Build the receipt (a read) and queue it on the printer's thread; returns at once."""
        doc = self.builder.build(receipt_no)
        self.service.print_receipt(doc)

    def reprint(self, receipt_no: str) -> None:
        self.service.reprint(receipt_no)

    def print_shift_report(self, kind: str, shift_id: int) -> None:
        self.service.print_receipt(self.builder.build(f"{kind}-{shift_id}"))

    def pending(self) -> list[str]:
        return [e.receipt_no for e in self.service.queue.pending()]

    def close(self) -> None:
        # Never wait for a hung printer at shutdown.
        self.service.close(wait=False)
