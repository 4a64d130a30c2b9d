"""Ctrl+D: open the cash drawer without a sale, with a reason, audited.

The cashier types why (change for the float, a wrong coin…); the opening is written
to the audit log on the database lane (``services.drawer``) and only then does the
printer's thread pulse the drawer (``ESC p``). The printer's answer comes back as
a signal: the message line says the drawer opened, or why not and what to do.
"""

from __future__ import annotations

from concurrent.futures import Future
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget

from pos_member.receipts.service import PrintOutcome
from ui.dialogs import CashierDialog, button_row, form_layout, key_button
from ui.errors import user_message
from ui.qtcompat import emit

if TYPE_CHECKING:
    from ui.main_window import CashierWindow


class DrawerDialog(CashierDialog):
    """Why the drawer opens; Enter records it and kicks the drawer."""

    def __init__(self, window: CashierWindow, parent: QWidget | None = None) -> None:
        super().__init__(window, parent or window)
        self.setObjectName("drawerDialog")
        self.setWindowTitle(self.tr("Open the cash drawer"))
        self.setMinimumWidth(520)
        self.reason_input = QLineEdit(self.tr("Change for the float"))
        self.reason_input.setObjectName("drawerReasonInput")
        self.reason_input.selectAll()
        self.reason_input.setMaxLength(64)
        self.reason_input.returnPressed.connect(self.submit)
        form = form_layout()
        form.addRow(self.tr("Reason"), self.reason_input)
        ok = key_button(self, self.tr("Open  Enter"), self.submit, name="drawerOpenButton")
        back = key_button(self, self.tr("Back  Esc"), self.reject)
        self.busy_button = ok
        v = QVBoxLayout(self)
        v.addLayout(form)
        v.addWidget(self.message)
        v.addLayout(button_row(back, ok, wide=ok))
        self.say(self.tr("Every opening without a sale is recorded with your name and the reason."))
        self.reason_input.setFocus()

    def submit(self) -> None:
        if self.busy:
            return
        reason = self.reason_input.text().strip()
        if not reason:
            self.say(self.tr("Type why the drawer opens (e.g. change for the float)."), "error")
            return
        staff = self.window_.staff
        self.run(lambda: self.backend.record_drawer_open(staff, reason), self._recorded)

    def _recorded(self, _shift_id: int) -> None:
        kick(self.window_)
        self.accept()


class DrawerFlow(QObject):
    """Shows the printer's answer to a drawer kick (it comes from the printer's thread)."""

    answered = Signal(object)  # PrintOutcome

    def __init__(self, window: CashierWindow) -> None:
        super().__init__(window)
        self.w = window
        self.answered.connect(self.show)  # queued: a slot of a GUI-thread object

    def kick(self) -> None:
        printing = self.w.backend.printing
        if printing is None:
            return
        future: Future[PrintOutcome] = printing.service.kick_drawer()
        future.add_done_callback(lambda f: emit(self.answered, f.result()))

    def show(self, outcome: PrintOutcome) -> None:
        w = self.w
        if outcome.printed:
            w.show_message(
                QCoreApplication.translate(
                    "DrawerDialog", "Cash drawer opened; the opening is recorded."
                ),
                "ok",
            )
            return
        text = user_message(outcome.problem) if outcome.problem else outcome.message
        w.show_message(
            text
            + " "
            + QCoreApplication.translate(
                "DrawerDialog",
                "The opening is recorded; open the drawer with its key if it must open.",
            ),
            "error",
        )


def kick(w: CashierWindow) -> None:
    """Pulse the drawer on the printer's thread; its outcome goes to the message line."""
    flow = w.findChild(DrawerFlow)
    if flow is None:
        flow = DrawerFlow(w)
    flow.kick()


def open_drawer(w: CashierWindow) -> None:
    """Ctrl+D on the sale screen."""
    if w.dialog_open():
        return
    if w.backend.printing is None:
        w.show_message(
            QCoreApplication.translate(
                "DrawerDialog",
                "No receipt printer is set up, and the drawer opens through it: "
                "open the drawer with its key, or ask the manager to set up the printer.",
            ),
            "error",
        )
        return
    w.with_shift(lambda: w.open_dialog(DrawerDialog(w)))
