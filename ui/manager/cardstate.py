"""解除挂失: a card reported lost that the member found again works again, after a question."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QLineEdit, QWidget

from ui.manager.backend import ManagerBackend
from ui.manager.confirm import ask
from ui.manager.dialogs import _ManagerDialog
from ui.qtcompat import emit
from ui.tasks import TaskRunner

TESTED_IN = "tests/gui/manager/test_keys_and_cards.py"


class FoundCardDialog(_ManagerDialog):
    """Unblock a lost card (a supervisor or manager); head office hears of it at the next push."""

    unblocked = Signal(str)  # the card number

    def __init__(
        self,
        backend: ManagerBackend,
        runner: TaskRunner,
        staff: Any,
        numbers: list[str],
        parent: QWidget | None,
    ) -> None:
        super().__init__(backend, runner, staff, parent)
        self.setObjectName("foundCardDialog")
        self.setWindowTitle(self.tr("Undo a lost-card report"))
        self.setMinimumWidth(520)
        self.card_input = QComboBox()
        self.card_input.setObjectName("foundCardInput")
        for n in numbers:
            self.card_input.addItem(n)
        self.reason_input = QLineEdit()
        self.reason_input.setObjectName("foundReasonInput")
        self.reason_input.setMaxLength(128)
        self.reason_input.setPlaceholderText(self.tr("e.g. the member found the card (optional)"))
        note = QLabel(
            self.tr(
                "Only when the member has the card in hand: it works again here at once, and at "
                "every store after the next sync."
            )
        )
        note.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Card"), self.card_input)
        form.addRow(self.tr("Reason"), self.reason_input)
        buttons = self.submit_row(
            self.tr("Unblock the card (Enter)"), "confirmFoundButton", self.tr("Cancel (Esc)")
        )
        self.reason_input.returnPressed.connect(self.submit)
        self.lay_out(note, form, buttons=buttons, focus=self.reason_input)

    def submit(self) -> None:
        if self.busy:
            return
        number = self.card_input.currentText().strip()
        reason = self.reason_input.text().strip()
        self.confirm_box = ask(
            self,
            "confirmFoundDialog",
            self.tr("Undo a lost-card report"),
            self.tr("Unblock card {number}? It can pay and earn again at once.").format(
                number=number
            ),
            self.tr("Unblock the card"),
            lambda: self.run(
                lambda: self.backend.report_found(self.staff, number, reason),
                lambda _e: self._ok(number),
            ),
        )

    def _ok(self, number: str) -> None:
        emit(self.unblocked, number)
        self.accept()
