"""Recharge (充值) with the bonus preview from the rules, and count-card use (计次卡).

The bonus and the balance after come from the stored-value rules through
the backend; this dialog collects the amount and how it is paid.
"""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import (
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ui.dialogs import CashierDialog, button_row, debounced, form_layout, key_button
from ui.views import MemberView, PaymentResult, RechargePreview
from ui.widgets import money_text, parse_yuan

if TYPE_CHECKING:
    from ui.main_window import CashierWindow


class RechargeDialog(CashierDialog):
    def __init__(
        self, window: CashierWindow, member: MemberView, parent: QWidget | None = None
    ) -> None:
        super().__init__(window, parent)
        self.setObjectName("rechargeDialog")
        self.setWindowTitle(self.tr("Recharge stored value"))
        self.setMinimumWidth(560)
        self.member = member
        self.recharge_id = str(uuid.uuid4())
        self.preview_: RechargePreview | None = None

        who = QLabel(
            self.tr("{name} · {tier} · balance {amount}").format(
                name=member.masked_name, tier=member.tier_name, amount=money_text(member.balance)
            )
        )
        who.setObjectName("rechargeMemberLabel")
        self.amount_input = QLineEdit()
        self.amount_input.setObjectName("rechargeAmountInput")
        self.amount_input.setPlaceholderText("0.00")
        self.cash_input = QLineEdit()
        self.cash_input.setObjectName("rechargeCashInput")
        self.cash_input.setPlaceholderText(self.tr("empty = the amount, in cash"))
        self.external_input = QLineEdit()
        self.external_input.setObjectName("rechargeExternalInput")
        self.external_input.setPlaceholderText("0.00")
        self.bonus_label = QLabel("—")
        self.bonus_label.setObjectName("rechargeBonusLabel")
        self.after_label = QLabel("—")
        self.after_label.setObjectName("rechargeAfterLabel")
        form = form_layout()
        form.addRow(self.tr("Amount"), self.amount_input)
        form.addRow(self.tr("Bonus"), self.bonus_label)
        form.addRow(self.tr("Balance after"), self.after_label)
        form.addRow(self.tr("Bank card / QR"), self.external_input)
        form.addRow(self.tr("Cash received"), self.cash_input)
        self.confirm_button = key_button(
            self,
            self.tr("Recharge  Enter"),
            self.confirm,
            name="confirmRechargeButton",
            default=True,
        )
        self.busy_button = self.confirm_button
        cancel = key_button(self, self.tr("Back  Esc"), self.reject)
        v = QVBoxLayout(self)
        v.addWidget(who)
        v.addLayout(form)
        v.addWidget(self.message)
        v.addLayout(button_row(cancel, self.confirm_button, wide=self.confirm_button))
        self._timer = debounced(self, self.preview)
        self.amount_input.textChanged.connect(self._timer.start)
        for w in (self.amount_input, self.cash_input, self.external_input):
            w.returnPressed.connect(self.confirm)
        self.amount_input.setFocus()

    def _amount(self) -> Any:
        try:
            return parse_yuan(self.amount_input.text())
        except ValueError:
            self.say(self.tr("Amounts are yuan with at most two decimals, like 12.50."), "error")
            return None

    def preview(self) -> None:
        amount = self._amount()
        if amount is None or not amount.fen:
            self.bonus_label.setText("—")
            self.after_label.setText("—")
            return
        mid = int(self.member.member_id)
        self.call(lambda: self.backend.recharge_preview(mid, amount), self._previewed)

    def _previewed(self, p: RechargePreview) -> None:
        self.preview_ = p
        self.bonus_label.setText(money_text(p.bonus))
        self.after_label.setText(money_text(p.balance_after))
        self.say("")

    def confirm(self) -> None:
        if self.busy:
            return
        amount = self._amount()
        if amount is None or not amount.fen:
            self.say(self.tr("Type the amount to recharge."), "error")
            return
        self.window_.with_approval("recharge", self.tr("Recharge stored value"), self._commit)

    def _commit(self, approval: Any) -> None:
        from ui.backend import Tenders

        try:
            amount = parse_yuan(self.amount_input.text())
            external = parse_yuan(self.external_input.text())
            cash_text = self.cash_input.text().strip()
            cash = parse_yuan(cash_text) if cash_text else amount - external
        except ValueError:
            self.say(self.tr("Amounts are yuan with at most two decimals, like 12.50."), "error")
            return
        t = Tenders(cash=cash, external=external)
        mid, rid, staff = int(self.member.member_id), self.recharge_id, self.window_.staff
        self.run(lambda: self.backend.recharge(rid, mid, amount, t, staff, approval), self._done)

    def _done(self, result: PaymentResult) -> None:
        text = self.tr("Recharged. New balance {amount}.").format(
            amount=money_text(result.member_balance or result.paid)
        )
        if result.change.fen:
            text += " " + self.tr("Change: {amount}").format(amount=money_text(result.change))
        self.window_.show_message(text, "ok")
        self.window_.refresh_member()
        self.window_.print_receipt(result.receipt_no)
        self.accept()


class CountCardDialog(CashierDialog):
    """Use one visit of one of the member's count cards."""

    def __init__(
        self, window: CashierWindow, member: MemberView, parent: QWidget | None = None
    ) -> None:
        super().__init__(window, parent)
        self.setObjectName("countCardDialog")
        self.setWindowTitle(self.tr("Count card"))
        self.setMinimumWidth(480)
        self.event_id = str(uuid.uuid4())
        self.list = QListWidget()
        self.list.setObjectName("countCardList")
        self.use_button = key_button(
            self, self.tr("Use one  Enter"), self.use, name="useCountCardButton", default=True
        )
        cancel = key_button(self, self.tr("Back  Esc"), self.reject)
        v = QVBoxLayout(self)
        v.addWidget(QLabel(self.tr("Count cards of {name}").format(name=member.masked_name)))
        v.addWidget(self.list)
        v.addWidget(self.message)
        v.addLayout(button_row(cancel, self.use_button, wide=self.use_button))
        mid = int(member.member_id)
        self.call(lambda: self.backend.count_cards(mid), self._loaded)

    def _loaded(self, cards: list[tuple[int, str, int, str]]) -> None:
        self.list.clear()
        for cid, name, left, expires in cards:
            item = QListWidgetItem(
                self.tr("{name}: {left} left (until {date})").format(
                    name=name, left=left, date=expires or "—"
                )
            )
            item.setData(256, cid)
            self.list.addItem(item)
        if cards:
            self.list.setCurrentRow(0)
            self.list.setFocus()
        else:
            self.say(self.tr("This member has no count card with visits left."))

    def use(self) -> None:
        item = self.list.currentItem()
        if item is None or self.busy:
            return
        cid, eid, staff = int(item.data(256)), self.event_id, self.window_.staff
        self.run(lambda: self.backend.use_count_card(staff, cid, eid), self._done)

    def _done(self, left: int) -> None:
        self.window_.show_message(self.tr("Visit recorded: {n} left.").format(n=left), "ok")
        self.window_.refresh_member()
        self.accept()
