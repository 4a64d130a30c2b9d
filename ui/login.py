"""Staff login (and the lock screen, which is the same dialog with the staff id fixed)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QLineEdit, QVBoxLayout, QWidget

from ui.dialogs import TaskDialog, form_layout, key_button
from ui.qtcompat import emit
from ui.tasks import TaskRunner
from ui.widgets import enter_safe


class LoginDialog(TaskDialog):
    """Asks for a staff id and PIN; checks them on the database lane."""

    logged_in = Signal(object)  # the service's StaffSession

    def __init__(
        self,
        runner: TaskRunner,
        login: Callable[[str, str], Any],
        parent: QWidget | None = None,
        *,
        locked_staff: str | None = None,
    ) -> None:
        super().__init__(runner, parent, message_name="loginMessage")
        self.setObjectName("loginDialog")
        self._login = login
        self.session: Any = None
        self.setWindowTitle(self.tr("Staff login"))
        self.setModal(True)
        self.setMinimumWidth(480)

        title = QLabel(
            self.tr("Screen locked") if locked_staff else self.tr("Member terminal — log in")
        )
        title.setObjectName("loginTitle")
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)

        self.staff_input = QLineEdit()
        self.staff_input.setObjectName("staffIdInput")
        self.staff_input.setPlaceholderText(self.tr("Staff id"))
        self.staff_input.setMaxLength(16)
        self.pin_input = QLineEdit()
        self.pin_input.setObjectName("pinInput")
        self.pin_input.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin_input.setPlaceholderText(self.tr("PIN"))
        self.pin_input.setMaxLength(8)
        self.pin_input.setInputMethodHints(Qt.InputMethodHint.ImhDigitsOnly)
        if locked_staff:
            self.staff_input.setText(locked_staff)
            self.staff_input.setReadOnly(True)

        # Shown only on the embedded demo store, so that a first `make run`
        # can log in without reading the docs.
        self.demo_hint = QLabel("")
        self.demo_hint.setObjectName("loginDemoHint")
        self.demo_hint.setWordWrap(True)
        self.demo_hint.setVisible(False)

        self.button = key_button(
            self, self.tr("Log in (Enter)"), self.submit, name="loginButton", default=True
        )
        self.busy_button = self.button
        self.staff_input.returnPressed.connect(self.pin_input.setFocus)
        self.pin_input.returnPressed.connect(self.submit)

        form = form_layout()
        form.addRow(self.tr("Staff id"), self.staff_input)
        form.addRow(self.tr("PIN"), self.pin_input)
        layout = QVBoxLayout(self)
        layout.setSpacing(14)
        layout.setContentsMargins(28, 24, 28, 24)
        layout.addWidget(title)
        layout.addLayout(form)
        layout.addWidget(self.demo_hint)
        layout.addWidget(self.message)
        layout.addWidget(self.button)
        enter_safe(self)
        (self.pin_input if locked_staff else self.staff_input).setFocus()

    def show_demo_hint(self) -> None:
        """Tell a newcomer the demo store's staff ids and PINs (demo store only)."""
        self.demo_hint.setText(
            self.tr(
                "Demo store — cashier 1001, PIN 1111 · supervisor 2001, PIN 8888 · "
                "manager 3001, PIN 9999. Every demo member's payment PIN: 246810. "
                "Ctrl+Shift+T taps a demo card."
            )
        )
        self.demo_hint.setVisible(True)

    def submit(self) -> None:
        if self.busy:
            return
        staff_id = self.staff_input.text().strip()
        pin = self.pin_input.text()
        if not staff_id:
            self.say(self.tr("Type your staff id."), "error")
            self.staff_input.setFocus()
            return
        if not pin:
            self.say(self.tr("Type your PIN."), "error")
            self.pin_input.setFocus()
            return
        self.say(self.tr("Checking…"))
        self.run(lambda: self._login(staff_id, pin), self._ok)

    def _ok(self, session: Any) -> None:
        self.session = session
        self.say("")
        emit(self.logged_in, session)
        self.accept()

    def failed(self, exc: BaseException) -> None:
        self.pin_input.clear()
        self.pin_input.setFocus()
        self.show_error(exc)

    def reject(self) -> None:
        # A locked screen cannot be dismissed with Esc; a first login can (quits).
        if self.staff_input.isReadOnly():
            return
        super().reject()
