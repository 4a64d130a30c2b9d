"""Closing the window (Alt+F4) or locking the till (F11) with a sale on screen.

The basket is never lost: the cashier is asked, and "Hold" keeps the sale as a
held sale (F8 recalls it, after the next login too) before the window closes or
locks; "Back" returns to the sale. The customer display is cleared with the
screen (the held basket is not left showing to the next customer).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QMessageBox

from ui.errors import user_message
from ui.tasks import Op
from ui.widgets import money_text

if TYPE_CHECKING:
    from ui.main_window import CashierWindow

TESTED_IN = "tests/gui/test_tools_close.py"


class OpenSaleGuard(QObject):
    """Asks before the open sale would leave with the window; holds it on "Hold"."""

    def __init__(self, window: CashierWindow) -> None:
        super().__init__(window)
        self.w = window
        self.box: QMessageBox | None = None
        self.closing_allowed = False

    def needed(self) -> bool:
        """True when a sale is on screen (the caller waits for ``then``)."""
        return not self.w.draft.empty

    def ask(self, what: str, then: Callable[[], None]) -> None:
        """Ask to hold the sale on screen, then ``then()`` once it is held."""
        if self.box is not None and shiboken6.isValid(self.box) and self.box.isVisible():
            self.box.activateWindow()
            return
        w = self.w
        sale = w.sale
        box = QMessageBox(w)
        box.setObjectName("openSaleQuestion")
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("A sale is open"))
        box.setText(
            self.tr(
                "A sale is still open: {lines} lines, {amount}. {what} Hold it (F8 recalls "
                "it later), or go back to the sale?"
            ).format(lines=len(w.draft.lines), amount=money_text(sale.amount_due), what=what)
        )
        hold = box.addButton(self.tr("Hold the sale  Enter"), QMessageBox.ButtonRole.AcceptRole)
        back = box.addButton(self.tr("Back to the sale  Esc"), QMessageBox.ButtonRole.RejectRole)
        hold.setObjectName("holdOpenSaleButton")
        back.setObjectName("backToSaleButton")
        box.setDefaultButton(hold)
        box.setEscapeButton(back)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)

        def answered() -> None:
            self.box = None
            if box.clickedButton() is hold:
                self._hold(then)
            else:
                w.show_message(self.tr("The sale is still open. Pay it (F12) or hold it (F8)."))
                w.scan_input.setFocus()

        box.finished.connect(answered)
        self.box = box
        box.open()
        hold.setFocus()

    def _hold(self, then: Callable[[], None]) -> None:
        w = self.w
        draft = w.draft
        w.show_message(self.tr("Holding the sale…"))

        def held(waiting: int) -> None:
            w.new_sale()  # the screen and the customer display are empty now
            w.state.apply(held=waiting)
            w.show_message(
                self.tr("Sale held ({n} waiting). F8 on an empty sale recalls it.").format(
                    n=waiting
                ),
                "ok",
            )
            then()

        def refused(exc: BaseException) -> None:
            w.show_message(
                user_message(exc)
                + " "
                + self.tr("The sale is still on screen: pay it or hold it."),
                "error",
            )

        Op(w.runner, lambda: w.backend.hold_sale(w.staff, draft), owner=w).success(held).failure(
            refused
        ).run()

    def close_window(self) -> None:
        """The window closes for good once the sale is held."""
        self.closing_allowed = True
        self.w.close()
