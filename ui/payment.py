"""The payment dialog: split tenders, member PIN, change, one press commits once.

Amounts typed here are parsed to ``Money`` and handed to the checkout
service, which settles the tenders (and refuses with a message the cashier
can act on). The live preview (what is left, the change) comes from the
domain's ``settle`` through the backend, not from arithmetic in the widget.

The common member sale is a few keys: F2 puts as much of the bill on stored
value as the balance covers and moves to the PIN; six digits of PIN move on
to the cash when cash is still due; Enter pays. Enter on a payment that is
not complete yet never errors: it moves to the field that is missing (the
PIN, the cash) and says what to type there. Every field has its key, and a
scanner's burst is never typed into a field (``ScanGuard``).

The member's PIN has two more states. A member with no PIN yet sets one here,
as a step of the payment: the PIN field becomes "new PIN" and a second field
asks for it again; Enter sets it (the service refuses a weak or mismatched
one, saying why) and pays. A member whose PIN is locked is told to pay another
way: stored value is closed and the focus goes to the other tenders. A stored
value over the balance or the bill is refused as it is typed, before any PIN.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from pos_member.domain.money import Money
from ui.dialogs import TaskDialog, button_row, debounced, form_layout, key_button
from ui.draft import Draft
from ui.errors import user_message
from ui.qtcompat import emit
from ui.tasks import Op, TaskRunner
from ui.views import MemberView, PaymentResult, SaleView
from ui.widgets import ScanGuard, money_text, parse_yuan

PIN_DIGITS = 6  # a payment PIN (支付密码) is six digits


class PaymentDialog(TaskDialog):
    completed = Signal(object)  # PaymentResult

    def __init__(
        self,
        backend: Any,
        runner: TaskRunner,
        staff: Any,
        draft: Draft,
        sale: SaleView,
        member: MemberView | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(runner, parent)
        self.setObjectName("paymentDialog")
        self.setWindowTitle(self.tr("Payment"))
        self.setMinimumWidth(760)
        self.backend = backend
        self.staff = staff
        self.draft = draft
        self.member = member
        self.info: Any = None
        self._committed = False

        self.due_label = QLabel(money_text(sale.amount_due))
        self.due_label.setObjectName("dueLabel")
        self.due_label.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.sv_input = QLineEdit()
        self.sv_input.setObjectName("storedValueInput")
        self.sv_input.setPlaceholderText("0.00")
        self.points_input = QLineEdit()
        self.points_input.setObjectName("pointsInput")
        self.points_input.setPlaceholderText("0")
        self.external_input = QLineEdit()
        self.external_input.setObjectName("externalInput")
        self.external_input.setPlaceholderText("0.00")
        self.method_box = QComboBox()
        self.method_box.setObjectName("externalMethodBox")
        for method, label in (
            ("bank_card", self.tr("Bank card")),
            ("wechat", self.tr("WeChat Pay")),
            ("alipay", self.tr("Alipay")),
            ("unionpay", self.tr("UnionPay QR")),
        ):
            self.method_box.addItem(label, method)
        external_row = QHBoxLayout()
        external_row.addWidget(self.method_box)
        external_row.addWidget(self.external_input, 1)
        self.cash_input = QLineEdit()
        self.cash_input.setObjectName("cashInput")
        self.cash_input.setPlaceholderText("0.00")
        self.pin_input = QLineEdit()
        self.pin_input.setObjectName("memberPinInput")
        self.pin_input.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin_input.setMaxLength(PIN_DIGITS)
        self.pin_input.setPlaceholderText(self.tr("member types the payment PIN"))
        self.pin_repeat_input = QLineEdit()
        self.pin_repeat_input.setObjectName("memberPinRepeatInput")
        self.pin_repeat_input.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin_repeat_input.setMaxLength(PIN_DIGITS)
        self.pin_repeat_input.setPlaceholderText(self.tr("the same 6 digits again"))
        self.pin_step = QLabel("")
        self.pin_step.setObjectName("pinStepLabel")
        self.pin_step.setWordWrap(True)
        self._setting_pin = False  # the member has no PIN yet: set it, typed twice
        self._pin_locked = False
        self.sv_hint = QLabel("")
        self.sv_hint.setObjectName("storedValueHint")
        self.points_hint = QLabel("")
        self.points_hint.setObjectName("pointsHint")
        self.remaining_label = QLabel("")
        self.remaining_label.setObjectName("remainingLabel")
        self.remaining_label.setWordWrap(True)
        self.change_label = QLabel(money_text(Money(0)))
        self.change_label.setObjectName("changeLabel")
        self.change_label.setAlignment(Qt.AlignmentFlag.AlignRight)

        member_ok = member is not None
        for w in (self.sv_input, self.points_input, self.pin_input):
            w.setEnabled(member_ok)

        form = form_layout()
        form.setVerticalSpacing(8)
        form.addRow(self.tr("To pay"), self.due_label)
        form.addRow(self.tr("Stored value (S) · all F2"), self.sv_input)
        form.addRow("", self.sv_hint)
        form.addRow(self.tr("Points (P)"), self.points_input)
        form.addRow("", self.points_hint)
        form.addRow(self.tr("Bank card / QR (B)"), external_row)
        form.addRow(self.tr("Cash received (C)"), self.cash_input)
        self.pin_label = QLabel(self.tr("Member PIN (M)"))
        form.addRow(self.pin_label, self.pin_input)
        form.addRow(self.tr("Repeat new PIN (R)"), self.pin_repeat_input)
        form.addRow("", self.pin_step)
        form.setRowVisible(self.pin_repeat_input, False)
        form.setRowVisible(self.pin_step, False)
        self.form = form
        form.addRow(self.tr("Change"), self.change_label)

        self.confirm_button = key_button(
            self,
            self.tr("Pay  Enter"),
            self.confirm,
            name="confirmPaymentButton",
            default=True,
        )
        self.busy_button = self.confirm_button
        self.exact_button = key_button(
            self, self.tr("Exact cash  F5"), self.exact_cash, name="exactCashButton", key="F5"
        )
        self.all_sv_button = key_button(
            self,
            self.tr("All stored value  F2"),
            self.all_stored_value,
            name="allStoredValueButton",
            key="F2",
        )
        self.all_sv_button.setEnabled(member_ok)
        cancel = key_button(self, self.tr("Back  Esc"), self.reject, name="cancelPaymentButton")

        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.addLayout(form)
        layout.addWidget(self.remaining_label)
        layout.addWidget(self.message)
        layout.addLayout(
            button_row(
                cancel,
                self.all_sv_button,
                self.exact_button,
                self.confirm_button,
                wide=self.confirm_button,
            )
        )

        for letter, w in (
            ("S", self.sv_input),
            ("P", self.points_input),
            ("B", self.external_input),
            ("C", self.cash_input),
            ("M", self.pin_input),
            ("R", self.pin_repeat_input),
        ):
            self._alt_focus(letter, w)
        self.last_preview: Any = None
        self._checking = False  # the backend is asked whether the payment is complete
        self._confirm_waiting = False
        self.scan_guard = ScanGuard(
            self,
            self.sv_input,
            self.points_input,
            self.external_input,
            self.cash_input,
            self.pin_input,
            self.pin_repeat_input,
            self.method_box,
        )
        self.scan_guard.scanned.connect(self._scan_refused)
        # Every button has its key: the focus stays in the (guarded) fields, so that a
        # scan's Enter can never land on a button and press it.
        for button in (self.confirm_button, self.exact_button, self.all_sv_button, cancel):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)

        self._preview_timer = debounced(self, self.preview)
        for w in (self.sv_input, self.points_input, self.cash_input, self.external_input):
            w.textChanged.connect(self.message.clear)
            w.textChanged.connect(self._preview_timer.start)
            w.returnPressed.connect(self.confirm)
        self.pin_input.returnPressed.connect(self.confirm)
        self.pin_input.textEdited.connect(self._pin_typed)
        self.pin_repeat_input.returnPressed.connect(self.confirm)
        self.pin_repeat_input.textEdited.connect(self._repeat_typed)
        (self.sv_input if member_ok else self.cash_input).setFocus()
        self.call(lambda: backend.payment_info(draft), self._got_info)

    def _alt_focus(self, letter: str, w: QLineEdit) -> None:
        from PySide6.QtGui import QKeySequence, QShortcut

        sc = QShortcut(QKeySequence(f"Alt+{letter}"), self)
        sc.activated.connect(w.setFocus)

    def _got_info(self, info: Any) -> None:
        self.info = info
        self.due_label.setText(money_text(info.amount_due))
        if info.balance is not None:
            if info.pin_threshold.fen:
                hint = self.tr("Balance {amount}; PIN needed over {threshold}")
            else:
                hint = self.tr("Balance {amount}; the member's PIN is needed")
            self.sv_hint.setText(
                hint.format(
                    amount=money_text(info.balance), threshold=money_text(info.pin_threshold)
                )
            )
            self.points_hint.setText(
                self.tr("{n} points available, in steps of {unit}").format(
                    n=f"{info.points_available:,}", unit=info.points_unit
                )
            )
        else:
            self.sv_hint.setText(self.tr("No member: stored value and points not available"))
        if info.pin_locked_until:
            self._lock_stored_value(info.pin_locked_until)
        elif not info.pin_set and info.balance is not None:
            self._new_pin_step()
        self.preview()

    def _lock_stored_value(self, until: str) -> None:
        """Too many wrong PINs: stored value is closed; the member pays another way."""
        self._pin_locked = True
        self.sv_input.clear()
        for w in (self.sv_input, self.pin_input, self.all_sv_button):
            w.setEnabled(False)
        self._show_step(
            self.tr(
                "PIN locked until {until}. Pay another way: bank card or QR (B), cash (C)."
            ).format(until=until)
        )
        self.say(
            self.tr(
                "The member's payment PIN is locked until {until} (too many wrong PINs): "
                "stored value cannot pay now. Pay another way: bank card or QR (B) or "
                "cash (C). A manager can unlock it."
            ).format(until=until),
            "error",
        )
        self.external_input.setFocus()

    def _new_pin_step(self) -> None:
        """No PIN yet: the PIN field asks for a new one, and a second field repeats it."""
        self._setting_pin = True
        self.pin_label.setText(self.tr("New PIN (M)"))
        self.pin_input.setPlaceholderText(self.tr("the member chooses 6 digits"))
        self.form.setRowVisible(self.pin_repeat_input, True)
        self._show_step(
            self.tr(
                "This member has no payment PIN yet: the member chooses 6 digits in M and "
                "types them again in R, or pays another way."
            )
        )

    def _show_step(self, text: str) -> None:
        self.pin_step.setText(text)
        self.form.setRowVisible(self.pin_step, True)

    # ---------------------------------------------------------------- input
    def tenders(self) -> Any:
        from ui.backend import Tenders

        points_text = self.points_input.text().strip()
        if points_text and not points_text.isdigit():
            raise ValueError(self.tr("Points must be a whole number."))
        try:
            return Tenders(
                stored_value=parse_yuan(self.sv_input.text()),
                points=int(points_text or 0),
                cash=parse_yuan(self.cash_input.text()),
                external=parse_yuan(self.external_input.text()),
                external_method=str(self.method_box.currentData()),
                pin=self.pin_input.text() or None,
            )
        except ValueError:
            raise ValueError(
                self.tr("Amounts are yuan with at most two decimals, like 12.50.")
            ) from None

    def preview(self) -> None:
        try:
            t = self.tenders()
        except ValueError as exc:
            self.remaining_label.setText(str(exc))
            return
        self.call(lambda: self.backend.preview_payment(self.draft, t), self._previewed)

    def _previewed(self, p: Any) -> None:
        self.last_preview = p
        self.due_label.setText(money_text(p.amount_due))
        self.change_label.setText(money_text(p.change))
        if p.problem is not None:
            self.remaining_label.setText(user_message(p.problem))
        elif p.remaining.fen:
            self.remaining_label.setText(
                self.tr("Still to pay: {amount}").format(amount=money_text(p.remaining))
            )
        else:
            self.remaining_label.setText("")
        self._mark_refused(p)

    def _mark_refused(self, p: Any) -> None:
        """Stored value over the balance or the bill is refused as typed: the field is
        marked, the message says why, and no PIN is asked for it."""
        over = p.problem is not None and p.problem_field == "stored_value"
        if bool(self.sv_input.property("refused")) != over:
            self.sv_input.setProperty("refused", over)
            self.sv_input.style().unpolish(self.sv_input)
            self.sv_input.style().polish(self.sv_input)
        if not self._pin_locked and self.member is not None:
            self.pin_input.setEnabled(not over)
            self.pin_repeat_input.setEnabled(not over)
        if over:  # said once, in the message line, in place of the preview's line
            self.remaining_label.setText("")
            self.say(user_message(p.problem), "error")

    def exact_cash(self) -> None:
        """Cash for whatever the other tenders leave (the preview says how much)."""
        try:
            t = self.tenders()
        except ValueError as exc:
            self.say(str(exc), "error")
            return

        def fill(p: Any) -> None:
            self.cash_input.setText(p.cash_needed.plain())
            self.cash_input.setFocus()

        self.call(lambda: self.backend.preview_payment(self.draft, t), fill)

    def all_stored_value(self) -> None:
        """F2: stored value pays all it can (the bill, or the balance), then the PIN."""
        if self.member is None:
            return
        try:
            t = self.tenders()
        except ValueError as exc:
            self.say(str(exc), "error")
            return
        from dataclasses import replace

        def fill(p: Any) -> None:
            self.sv_input.setText(p.stored_value_max.plain() if p.stored_value_max.fen else "")
            self._check(replace(t, stored_value=p.stored_value_max), pay=False)

        self.call(lambda: self.backend.preview_payment(self.draft, replace(t, cash=Money(0))), fill)

    def _pin_typed(self, text: str) -> None:
        """All six digits typed: on to the cash if cash is still due (Enter pays otherwise)."""
        if len(text) == PIN_DIGITS and self._setting_pin:
            self.pin_repeat_input.setFocus()
            self.say(self.tr("The member types the same 6 digits again in R."), "info")
            return
        if len(text) == PIN_DIGITS:
            try:
                t = self.tenders()
            except ValueError:
                return
            self._check(t, pay=False)

    def _repeat_typed(self, text: str) -> None:
        if len(text) == PIN_DIGITS:
            try:
                t = self.tenders()
            except ValueError:
                return
            self._check(t, pay=False)

    def _scan_refused(self, code: str) -> None:
        self.say(
            self.tr(
                "That was a scan ({code}), not an amount or a PIN: nothing was typed. "
                "Finish the payment, or press Esc and scan on the sale."
            ).format(code=code),
            "error",
        )

    # --------------------------------------------------------------- commit
    def confirm(self) -> None:
        if self._checking:
            self._confirm_waiting = True  # Enter during a check: pay once it has answered
            return
        if self.busy or self._committed:
            return  # one press commits once
        try:
            t = self.tenders()
        except ValueError as exc:
            self.say(str(exc), "error")
            return
        self._check(t, pay=True)

    def _check(self, t: Any, *, pay: bool) -> None:
        """Ask whether the payment is complete; then pay (``pay``) or go to what is missing."""
        self._checking = True

        def answered(p: Any) -> None:
            self._checking = False
            waiting, self._confirm_waiting = self._confirm_waiting, False
            if waiting and not pay:
                self.confirm()  # Enter came while the PIN or F2 was being checked
                return
            self._previewed(p)
            if self._go_to_missing(t, p, pay):
                return
            if pay and self._setting_pin and p.pin_needed:
                self._set_pin_then_pay(t)
            elif pay:
                self.say(self.tr("Paying…"))
                self.run(lambda: self.backend.checkout(self.draft, self.staff, t), self._done)

        def refused(exc: BaseException) -> None:
            self._checking = False
            self._confirm_waiting = False
            self.show_error(exc)

        Op(self.runner, lambda: self.backend.preview_payment(self.draft, t), owner=self).success(
            answered
        ).failure(refused).run()

    def _set_pin_then_pay(self, t: Any) -> None:
        """The member's new PIN first (typed twice), then the payment with it."""
        assert self.member is not None
        member_id = self.member.member_id
        pin, repeat = self.pin_input.text(), self.pin_repeat_input.text()

        def was_set(_: object) -> None:
            self._setting_pin = False
            self.pin_label.setText(self.tr("Member PIN (M)"))
            self.form.setRowVisible(self.pin_repeat_input, False)
            self._show_step(self.tr("Payment PIN set. Paying…"))
            self.say(self.tr("Payment PIN set. Paying…"), "ok")
            self.run(lambda: self.backend.checkout(self.draft, self.staff, t), self._done)

        self.say(self.tr("Setting the payment PIN…"))
        self.run(
            lambda: self.backend.set_first_pay_pin(self.staff, member_id, pin, repeat), was_set
        )

    def _go_to_missing(self, t: Any, p: Any, pay: bool) -> bool:
        """Focus the field the payment still needs and say what to type; False if none."""
        if p.problem is not None:
            self.say(user_message(p.problem), "error")
            self.sv_input.setFocus()
            self.sv_input.selectAll()
            return True
        if p.pin_needed and self._pin_locked:
            self.say(self.pin_step.text(), "error")  # stored value typed before the lock
            self.external_input.setFocus()
            return True
        if p.pin_needed and self._setting_pin and not t.pin:
            self.pin_input.setFocus()
            self.say(
                self.tr("No payment PIN yet: the member chooses 6 digits in M, then again in R."),
                "info",
            )
            return True
        if p.pin_needed and self._setting_pin and not self.pin_repeat_input.text():
            self.pin_repeat_input.setFocus()
            self.say(self.tr("The member types the same 6 digits again in R."), "info")
            return True
        if p.pin_needed and not t.pin:
            self.pin_input.setFocus()
            self.say(self.tr("The member types the payment PIN, then Enter."), "info")
            return True
        if p.remaining.fen:
            self.cash_input.setFocus()
            self.cash_input.selectAll()
            self.say(
                self.tr(
                    "Still to pay {amount}: type the cash received (F5: exact), then Enter."
                ).format(amount=money_text(p.remaining)),
                "info",
            )
            return True
        if not pay:
            self.say(self.tr("Complete: Enter pays."), "info")
        return False

    def _done(self, result: PaymentResult) -> None:
        self._committed = True
        emit(self.completed, result)
        self.accept()

    def failed(self, exc: BaseException) -> None:
        from pos_member.domain.errors import PinLocked

        self.pin_input.clear()
        self.pin_repeat_input.clear()
        self.show_error(exc)
        if isinstance(exc, PinLocked):
            self._lock_stored_value(str(exc.params.get("until", "")))
        elif self._setting_pin or self.pin_input.isEnabled():
            self.pin_input.setFocus()

    def show_error(self, exc: BaseException) -> None:
        """In the dialog and in the cashier window's message line."""
        text = user_message(exc)
        self.say(text, "error")
        parent = self.parent()
        if parent is not None and hasattr(parent, "show_message"):
            parent.show_message(text, "error")

    def reject(self) -> None:
        if self.busy:
            return  # the sale is being written: wait for the answer
        super().reject()
