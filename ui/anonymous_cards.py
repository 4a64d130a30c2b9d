"""Selling anonymous prepaid cards (不记名卡) at the counter (Shift+F7, docs/prepaid.md).

The recharge dialog (``ui.recharge``) without a member, with the number of cards
and the buyer's payment PIN typed twice above the amount. The preview comes from
``services.anonymous_cards.preview``: each card's bonus and value, the total, the
expiry the cards carry (printed on each card's receipt), and whether the whole
purchase reaches the bulk real-name threshold (then the buyer's section opens).
The service checks everything again and its message shows here, nothing typed lost.
"""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QLabel, QLineEdit, QSpinBox, QVBoxLayout, QWidget

from pos_member.domain.money import Money
from pos_member.services.anonymous_cards import MAX_CARDS, AnonymousPreview, AnonymousSale
from pos_member.services.prepaid import BANK_TRANSFER
from ui.errors import user_message
from ui.recharge import RechargeDialog
from ui.widgets import money_text, parse_yuan

if TYPE_CHECKING:
    from ui.main_window import CashierWindow

#: No member: the base dialog's member is never read by this one.
_NO_MEMBER: Any = None


class AnonymousCardsDialog(RechargeDialog):
    def __init__(self, window: CashierWindow, parent: QWidget | None = None) -> None:
        super().__init__(window, _NO_MEMBER, parent)
        self.setObjectName("anonymousCardsDialog")
        self.setWindowTitle(self.tr("Sell anonymous cards (不记名卡)"))
        self.sale_id = str(uuid.uuid4())
        self.confirm_button.setText(self.tr("Sell  Enter"))
        self.count_input.valueChanged.connect(self._timer.start)
        self.preview()

    # -- the rows above the amount --
    def _header(self) -> QWidget:
        box = QWidget()
        v = QVBoxLayout(box)
        v.setContentsMargins(0, 0, 0, 0)
        self.terms_label = QLabel(self.tr("No member: each card holds its own balance."))
        self.terms_label.setObjectName("anonymousTermsLabel")
        self.bulk_label = QLabel("")
        self.bulk_label.setObjectName("anonymousBulkLabel")
        v.addWidget(self.terms_label)
        v.addWidget(self.bulk_label)
        return box

    def _extra_rows(self) -> list[list[tuple[str, QWidget]]]:
        self.count_input = QSpinBox()
        self.count_input.setObjectName("anonymousCountInput")
        self.count_input.setRange(1, MAX_CARDS)
        self.pin_input = QLineEdit()
        self.pin_input.setObjectName("anonymousPinInput")
        self.pin_again_input = QLineEdit()
        self.pin_again_input.setObjectName("anonymousPinAgainInput")
        for w in (self.pin_input, self.pin_again_input):
            w.setEchoMode(QLineEdit.EchoMode.Password)
            w.setMaxLength(6)
            w.setPlaceholderText(self.tr("6 digits, typed by the buyer"))
        self.total_label = QLabel("—")
        self.total_label.setObjectName("anonymousTotalLabel")
        return [
            [(self.tr("Cards (Q)"), self.count_input), (self.tr("Total"), self.total_label)],
            [(self.tr("Card PIN (W)"), self.pin_input),
             (self.tr("PIN again (X)"), self.pin_again_input)],
        ]  # fmt: skip

    def _extra_keys(self) -> list[tuple[str, QWidget]]:
        return [("Q", self.count_input), ("W", self.pin_input), ("X", self.pin_again_input)]

    # -- preview --
    def preview(self) -> None:
        try:
            amount = parse_yuan(self.amount_input.text() or "0")
        except ValueError:
            amount = Money(0)
        count = self.count_input.value()
        self.call(lambda: self.backend.anonymous_preview(count, amount), self._shown)

    def _shown(self, p: AnonymousPreview) -> None:
        self.terms_label.setText(
            self.tr(
                "No member: each card holds its own balance, at most {cap} (bonus included), "
                "valid until {expiry}."
            ).format(cap=money_text(p.cap), expiry=p.expires_on)
        )
        self.bulk_label.setText(
            self.tr(
                "Paid with the buyer's PIN. The buyer's real name is recorded from a purchase "
                "of {bulk} at once."
            ).format(bulk=money_text(p.real_name_from))
        )
        if not p.amount_each.fen:
            for label in (self.bonus_label, self.after_label, self.total_label):
                label.setText("—")
            return
        self.bonus_label.setText(
            self.tr("{amount} on each card").format(amount=money_text(p.bonus_each))
        )
        self.after_label.setText(
            self.tr("{amount} on each card").format(amount=money_text(p.amount_each + p.bonus_each))
        )
        self.total_label.setText(
            self.tr("{count} × {each} = {total}").format(
                count=p.count, each=money_text(p.amount_each), total=money_text(p.total)
            )
        )
        if p.problem is not None:
            self.say(user_message(p.problem), "error")
        else:
            self.say("")
        if p.real_name == self.real_name_box.isHidden():
            self.real_name_box.setVisible(p.real_name)
            self._fit()

    # -- the sale --
    def confirm(self) -> None:
        if self.busy:
            return
        amount = self._amount()
        if amount is None or not amount.fen:
            self.say(self.tr("Type the amount to put on each card."), "error")
            return
        self.window_.with_approval(
            "recharge", self.tr("Sell anonymous cards (不记名卡)"), self._commit
        )

    def _commit(self, approval: Any) -> None:
        from ui.backend import Tenders

        try:
            each = parse_yuan(self.amount_input.text())
            total = Money(each.fen * self.count_input.value())
            external = parse_yuan(self.external_input.text())
            cash_text = self.cash_input.text().strip()
            cash = parse_yuan(cash_text) if cash_text else total - external
        except ValueError:
            self.say(self.tr("Amounts are yuan with at most two decimals, like 12.50."), "error")
            return
        transfer = self.bank_transfer()
        if transfer is not None:
            t = Tenders(external=total, external_method=BANK_TRANSFER)
        else:
            t = Tenders(cash=cash, external=external)
        sid, count, staff = self.sale_id, self.count_input.value(), self.window_.staff
        pin, again = self.pin_input.text(), self.pin_again_input.text()
        kind, buyer = self._buyer_kind(), self.buyer()
        self.run(
            lambda: self.backend.sell_anonymous_cards(
                sid, count, each, t, staff, approval, pin, again,
                buyer_kind=kind, buyer=buyer, bank_transfer=transfer,
            ),
            self._sold,
        )  # fmt: skip

    def _sold(self, sale: AnonymousSale) -> None:
        numbers = ", ".join(c.number for c in sale.cards)
        text = self.tr("Sold {count} anonymous cards ({numbers}), valid until {expiry}.").format(
            count=len(sale.cards), numbers=numbers, expiry=sale.cards[0].expires_on
        )
        if sale.change.fen:
            text += " " + self.tr("Change: {amount}").format(amount=money_text(sale.change))
        self.window_.show_message(text, "ok")
        for card in sale.cards:
            self.window_.print_receipt(card.receipt_no)
        self.accept()
