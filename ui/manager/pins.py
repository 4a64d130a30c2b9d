"""The manager's payment-PIN dialog (支付密码): set, change, reset after a check, unlock.

One dialog for the selected member, four jobs, each one call of
``services.member_pin`` (which checks the PIN's strength, the two entries,
the manager's role and the member check, and writes the audit row and the
event head office keeps the hash from):

- **set**: a member without a PIN (just registered, say) types one twice;
- **change**: the member types the old PIN, then the new one twice;
- **reset**: a forgotten PIN: the manager types the phone number the member
  says or the ID number on the member's own document (the dialog does not show
  the phone), then the member types a new PIN twice; this also ends a lock;
- **unlock**: too many wrong PINs locked it: the manager ends the lock.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QLineEdit, QWidget

from pos_member.services import member_pin
from ui.manager.backend import ManagerBackend
from ui.manager.dialogs import _ManagerDialog
from ui.qtcompat import emit
from ui.tasks import TaskRunner
from ui.widgets import ScanGuard

TESTED_IN = "tests/gui/manager/test_pins.py"

MODES = ("set", "change", "reset", "unlock")


def _pin_field(name: str, placeholder: str) -> QLineEdit:
    w = QLineEdit()
    w.setObjectName(name)
    w.setEchoMode(QLineEdit.EchoMode.Password)
    w.setMaxLength(6)
    w.setPlaceholderText(placeholder)
    return w


class PinDialog(_ManagerDialog):
    """The selected member's payment PIN; ``done_text`` says what was done."""

    done_text = Signal(str)

    def __init__(
        self,
        backend: ManagerBackend,
        runner: TaskRunner,
        staff: Any,
        member_id: int,
        member_text: str,
        parent: QWidget | None = None,
        mode: str | None = None,
    ) -> None:
        super().__init__(backend, runner, staff, parent)
        self.setObjectName("payPinDialog")
        self.setWindowTitle(self.tr("Payment PIN"))
        self.setMinimumWidth(620)
        self.member_id = member_id
        self._wanted = mode
        self.member_label = QLabel(member_text)
        self.member_label.setObjectName("pinMemberLabel")
        self.state_label = QLabel("")
        self.state_label.setObjectName("pinStateLabel")
        self.state_label.setWordWrap(True)
        self.mode_box = QComboBox()
        self.mode_box.setObjectName("pinModeBox")
        for mode_name, text in zip(
            MODES,
            (
                self.tr("Set a first PIN"),
                self.tr("Change (the member knows the old PIN)"),
                self.tr("Reset a forgotten PIN (check the member first)"),
                self.tr("Unlock after too many wrong PINs"),
            ),
            strict=True,
        ):
            self.mode_box.addItem(text, mode_name)
        self.old_input = _pin_field("pinOldInput", self.tr("the member types the old PIN"))
        self.check_input = QLineEdit()
        self.check_input.setObjectName("pinCheckInput")
        self.check_input.setMaxLength(32)
        self.check_input.setPlaceholderText(
            self.tr("phone or ID number, read from the member's document")
        )
        self.new_input = _pin_field("pinNewInput", self.tr("the member chooses 6 digits"))
        self.repeat_input = _pin_field("pinRepeatInput", self.tr("the same 6 digits again"))
        self.rule_label = QLabel(
            self.tr(
                "6 digits; not all one digit, not a run like 123456 or 654321, not the "
                "member's birthday or the end of the phone number."
            )
        )
        self.rule_label.setObjectName("pinRuleLabel")
        self.rule_label.setWordWrap(True)
        # A card scanned while the member types: refused, never taken as PIN digits.
        self.scan_guard = ScanGuard(
            self, self.old_input, self.check_input, self.new_input, self.repeat_input
        )
        self.scan_guard.scanned.connect(
            lambda _code: self.say(
                self.tr("That was a scan, not a PIN: the member types the 6 digits."), "error"
            )
        )
        form = QFormLayout()
        form.addRow(self.tr("Member"), self.member_label)
        form.addRow(self.tr("State"), self.state_label)
        form.addRow(self.tr("What to do"), self.mode_box)
        form.addRow(self.tr("Old PIN"), self.old_input)
        form.addRow(self.tr("Member check"), self.check_input)
        form.addRow(self.tr("New PIN"), self.new_input)
        form.addRow(self.tr("New PIN again"), self.repeat_input)
        form.addRow("", self.rule_label)
        self.form = form
        self.mode_box.currentIndexChanged.connect(self._mode_changed)
        self.lay_out(
            form,
            buttons=self.submit_row(self.tr("Save  Enter"), "savePinButton", self.tr("Close  Esc")),
            focus=self.mode_box,
        )
        self._mode_changed()
        self.call(lambda: member_pin.pin_state(self.backend.ctx, member_id), self._got_state)

    # -------------------------------------------------------------- state
    def _got_state(self, state: member_pin.PinState) -> None:
        if state.locked_until:
            text = self.tr(
                "Locked until {until} after too many wrong PINs: the member pays another way "
                "until then, or you unlock it."
            ).format(until=state.locked_until)
            default = "unlock"
        elif state.has_pin:
            text = self.tr("A PIN is set.")
            default = "change"
        else:
            text = self.tr("No PIN yet: the member sets one (typed twice).")
            default = "set"
        self.state_label.setText(text)
        self.mode = self._wanted or default

    @property
    def mode(self) -> str:
        return str(self.mode_box.currentData())

    @mode.setter
    def mode(self, value: str) -> None:
        self.mode_box.setCurrentIndex(MODES.index(value))
        self._mode_changed()

    def _mode_changed(self, *_: object) -> None:
        mode = self.mode
        rows = {
            self.old_input: mode == "change",
            self.check_input: mode == "reset",
            self.new_input: mode != "unlock",
            self.repeat_input: mode != "unlock",
            self.rule_label: mode != "unlock",
        }
        for w, shown in rows.items():
            self.form.setRowVisible(w, shown)
            if isinstance(w, QLineEdit):
                w.clear()
        unlock = mode == "unlock"
        self.button.setText(self.tr("Unlock  Enter") if unlock else self.tr("Save  Enter"))
        first = self._fields()[0] if self._fields() else self.mode_box
        first.setFocus()
        self.message.clear()
        self.adjustSize()

    def _fields(self) -> list[QLineEdit]:
        mode = self.mode
        out = [self.old_input] if mode == "change" else []
        if mode == "reset":
            out.append(self.check_input)
        if mode != "unlock":
            out += [self.new_input, self.repeat_input]
        return out

    # ------------------------------------------------------------- submit
    def submit(self) -> None:
        """Enter: on to the next empty field; with every field typed, save."""
        if self.busy:
            return
        for w in self._fields():
            if not w.text():
                w.setFocus()
                self.message.clear()
                return
        ctx, staff, mid = self.backend.ctx, self.staff, self.member_id
        old, check = self.old_input.text(), self.check_input.text()
        pin, repeat = self.new_input.text(), self.repeat_input.text()
        mode = self.mode
        if mode == "set":
            job = lambda: member_pin.set_first_pay_pin(ctx, staff, mid, pin, repeat)  # noqa: E731
            done = self.tr("Payment PIN set for member {id}.")
        elif mode == "change":
            job = lambda: member_pin.change_pay_pin(ctx, staff, mid, old, pin, repeat)  # noqa: E731
            done = self.tr("Payment PIN changed for member {id}.")
        elif mode == "reset":
            job = lambda: member_pin.reset_pay_pin(ctx, staff, mid, check, pin, repeat)  # noqa: E731
            done = self.tr("Payment PIN reset for member {id}; any lock ended.")
        else:
            job = lambda: member_pin.unlock_pay_pin(ctx, staff, mid)  # noqa: E731
            done = self.tr("Payment PIN of member {id} unlocked.")
        self.run(job, lambda _: self._done(done.format(id=mid)))

    def _done(self, text: str) -> None:
        emit(self.done_text, text)
        self.accept()

    def failed(self, exc: BaseException) -> None:
        for w in (self.old_input, self.new_input, self.repeat_input):
            w.clear()
        self.show_error(exc)
        fields = self._fields()
        if fields:
            (self.check_input if self.mode == "reset" and self.check_input.text() == "" else
             fields[0]).setFocus()  # fmt: skip
