"""Receipts from the sale screen: print after payment, follow the printer, reprint (Ctrl+P).

A small controller of the cashier window. The receipt is built on the database
lane and printed on the printer's own thread; the printer's outcomes come back
as signals and are applied to the screen's state (the status bar's printer item
repaints from it), a failure also on the message line.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from pos_member.receipts.service import PrintOutcome
from ui.errors import message_for_code, user_message
from ui.state import PrinterState
from ui.tasks import Op

if TYPE_CHECKING:
    from ui.main_window import CashierWindow
    from ui.printing import Printing


class ReceiptFlow(QObject):
    def __init__(self, window: CashierWindow) -> None:
        super().__init__(window)
        self.w = window
        self.failed_receipt: str | None = None  # the receipt Ctrl+P prints again
        printing = window.backend.printing
        if printing is None:
            window.state.apply(printer=PrinterState.NONE)
        else:
            self.attach(printing)

    def attach(self, printing: Printing) -> None:
        """Follow the printer's outcomes (the app opens the printer after the login)."""
        self.w.state.apply(printer=PrinterState.READY)
        printing.bridge.printed.connect(self._printed)
        printing.bridge.failed.connect(lambda o: self.failed(o.receipt_no, self._text(o)))

    def print_receipt(self, receipt_no: str, reprint: bool = False) -> None:
        """Build the receipt on the database lane; the printer's own thread prints it."""
        w = self.w
        w.state.apply(printer=PrinterState.PRINTING)
        call = w.backend.reprint if reprint else w.backend.print_receipt
        Op(w.runner, lambda: call(receipt_no), owner=w).failure(
            lambda exc: self.failed(receipt_no, user_message(exc))
        ).run()

    def _text(self, outcome: PrintOutcome) -> str:
        """The printer's failure in the cashier's language (the error, else its code)."""
        if outcome.problem is not None:
            return user_message(outcome.problem)
        printing = self.w.backend.printing
        name = printing.service.printer.name if printing is not None else "—"
        return message_for_code(outcome.error_code, {"printer": name}, str(outcome.message))

    def _printed(self, outcome: PrintOutcome) -> None:
        self.w.state.apply(printer=PrinterState.READY)
        if outcome.receipt_no == self.failed_receipt:
            self.failed_receipt = None

    def failed(self, receipt_no: str, text: str) -> None:
        self.w.state.apply(printer=PrinterState.FAILED)
        self.failed_receipt = receipt_no
        self.w.show_message(
            text + " " + self.tr("Press Ctrl+P to reprint receipt {no}.").format(no=receipt_no),
            "error",
        )

    def reprint(self) -> None:
        last = self.w.last_receipt
        receipt = self.failed_receipt or (last.receipt_no if last else None)
        if receipt is None:
            self.w.show_message(self.tr("No receipt to reprint."), "error")
            return
        self.w.show_message(self.tr("Reprinting receipt {no}.").format(no=receipt))
        self.print_receipt(receipt, reprint=True)
