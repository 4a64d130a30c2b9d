"""Small widgets shared by the cashier screens: amount text, number entry, supervisor PIN."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pos_member.domain.money import Money
from ui.errors import user_message
from ui.qtcompat import emit
from ui.tasks import Op, TaskRunner


def money_text(amount: Money) -> str:
    """``¥12.34`` (the domain's own formatting, thousands separated)."""
    return str(amount)


def parse_yuan(text: str) -> Money:
    """An amount typed by the cashier; raises ValueError with a short reason."""
    cleaned = text.strip()
    if not cleaned:
        return Money(0)
    return Money.yuan(cleaned)


def bind_key(owner: QWidget, key: str, slot: Callable[[], Any]) -> QShortcut:
    """A key for ``slot`` while ``owner`` (a dialog) or one of its children has the focus."""
    sc = QShortcut(QKeySequence(key), owner)
    sc.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    sc.activated.connect(slot)
    return sc


def enter_safe(dialog: QDialog) -> None:
    """Enter in a field must not press whichever button happens to be first (e.g. Back).

    Only a button made default on purpose answers Enter; the others need a click or
    their own key.
    """
    for b in dialog.findChildren(QPushButton):
        if not b.isDefault():
            b.setAutoDefault(False)


def restyle(widget: QWidget) -> None:
    """Re-apply the style sheet after a dynamic property changed."""
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)


class NumberDialog(QDialog):
    """Asks for one number (quantity, grams, yuan); non-blocking, answers by signal."""

    accepted_text = Signal(str)

    def __init__(self, title: str, label: str, initial: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("numberDialog")
        self.setWindowTitle(title)
        self.input = QLineEdit(initial)
        self.input.setObjectName("numberInput")
        self.input.selectAll()
        self.message = QLabel("")
        self.message.setObjectName("dialogMessage")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._ok)
        buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        form.addRow(label, self.input)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.input.returnPressed.connect(self._ok)

    def _ok(self) -> None:
        emit(self.accepted_text, self.input.text())
        self.accept()


class SupervisorDialog(QDialog):
    """A supervisor types id and PIN to approve one action; emits the approval."""

    approved = Signal(object)

    def __init__(
        self,
        runner: TaskRunner,
        approve: Callable[[str, str], Any],
        action_text: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("supervisorDialog")
        self.setWindowTitle(self.tr("Supervisor approval"))
        self._runner = runner
        self._approve = approve
        self._busy = False
        what = QLabel(action_text)
        what.setWordWrap(True)
        self.staff_input = QLineEdit()
        self.staff_input.setObjectName("supervisorIdInput")
        self.pin_input = QLineEdit()
        self.pin_input.setObjectName("supervisorPinInput")
        self.pin_input.setEchoMode(QLineEdit.EchoMode.Password)
        self.message = QLabel("")
        self.message.setObjectName("dialogMessage")
        self.message.setWordWrap(True)
        self.button = QPushButton(self.tr("Approve (Enter)"))
        self.button.setObjectName("approveButton")
        self.button.setDefault(True)
        self.button.clicked.connect(self.submit)
        cancel = QPushButton(self.tr("Cancel (Esc)"))
        cancel.clicked.connect(self.reject)
        self.staff_input.returnPressed.connect(self.pin_input.setFocus)
        self.pin_input.returnPressed.connect(self.submit)
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        form.addRow(self.tr("Supervisor id"), self.staff_input)
        form.addRow(self.tr("Supervisor PIN"), self.pin_input)
        layout = QVBoxLayout(self)
        layout.addWidget(what)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.button)
        layout.addWidget(cancel)
        self.staff_input.setFocus()

    def submit(self) -> None:
        if self._busy:
            return
        sid, pin = self.staff_input.text().strip(), self.pin_input.text()
        if not sid or not pin:
            self.message.setText(self.tr("Type the supervisor's id and PIN."))
            return
        self._busy = True
        self.button.setEnabled(False)
        Op(self._runner, lambda: self._approve(sid, pin), owner=self).success(self._ok).failure(
            self._failed
        ).run()

    def _ok(self, approval: Any) -> None:
        self._busy = False
        emit(self.approved, approval)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self._busy = False
        self.button.setEnabled(True)
        self.pin_input.clear()
        self.message.setText(user_message(exc))


def big_label(text: str, name: str, align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft) -> QLabel:
    label = QLabel(text)
    label.setObjectName(name)
    label.setAlignment(align | Qt.AlignmentFlag.AlignVCenter)
    return label


def caption(text: str) -> QLabel:
    label = QLabel(text)
    label.setProperty("class", "caption")
    return label
