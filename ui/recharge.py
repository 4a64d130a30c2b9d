"""Recharge (充值) with the bonus preview from the rules, and count-card use (计次卡).

The bonus and the balance after come from the stored-value rules through
the backend; this dialog collects the amount and how it is paid. When the
prepaid-card law asks (the preview's ``real_name``, from
``services.prepaid.recharge_needs``) it shows the buyer's real-name section; a
bank transfer (payer's and payee's accounts) pays a purchase the law refuses to
take in cash. The service checks both and its message shows here, nothing typed
lost. The ID and account fields are kept from a scanner's burst (``ScanGuard``).
"""

from __future__ import annotations

import itertools
import uuid
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pos_member.domain.prepaid import BuyerKind, IdType
from pos_member.services.prepaid import (
    BANK_TRANSFER,
    BankAccountInput,
    BankTransferInput,
    RealNameInput,
)
from pos_member.services.stored_value import ACTION as RECHARGE
from ui.dialogs import CashierDialog, button_row, debounced, id_type_box, key_button
from ui.views import MemberView, PaymentResult, RechargePreview
from ui.widgets import ScanGuard, money_text, parse_yuan

if TYPE_CHECKING:
    from ui.main_window import CashierWindow


def columns(rows: list[list[tuple[str, QWidget]]]) -> tuple[QGridLayout, dict[QWidget, QLabel]]:
    """Label and field pairs side by side, a row of pairs per line (a long form that
    fits the counter's 768 lines); the labels by their field."""
    grid = QGridLayout()
    grid.setHorizontalSpacing(12)
    labels: dict[QWidget, QLabel] = {}
    for r, row in enumerate(rows):
        for c, (text, field) in enumerate(row):
            label = QLabel(text)
            label.setBuddy(field)
            labels[field] = label
            grid.addWidget(label, r, 2 * c)
            grid.addWidget(field, r, 2 * c + 1)
    for c in range(max(len(row) for row in rows)):
        grid.setColumnStretch(2 * c + 1, 1)
    return grid, labels


class RechargeDialog(CashierDialog):
    def __init__(
        self, window: CashierWindow, member: MemberView, parent: QWidget | None = None
    ) -> None:
        super().__init__(window, parent)
        self.setObjectName("rechargeDialog")
        self.setWindowTitle(self.tr("Recharge stored value"))
        self.setMinimumWidth(720)
        self.member = member
        self.recharge_id = str(uuid.uuid4())
        self.preview_: RechargePreview | None = None

        who = self._header()
        self.amount_input = QLineEdit()
        self.amount_input.setObjectName("rechargeAmountInput")
        self.amount_input.setPlaceholderText("0.00")
        self.cash_input = QLineEdit()
        self.cash_input.setObjectName("rechargeCashInput")
        self.cash_input.setPlaceholderText(self.tr("empty: all in cash"))
        self.external_input = QLineEdit()
        self.external_input.setObjectName("rechargeExternalInput")
        self.external_input.setPlaceholderText("0.00")
        self.bonus_label = QLabel("—")
        self.bonus_label.setObjectName("rechargeBonusLabel")
        self.after_label = QLabel("—")
        self.after_label.setObjectName("rechargeAfterLabel")
        self.buyer_kind_input = QComboBox()
        self.buyer_kind_input.setObjectName("rechargeBuyerKindInput")
        self.buyer_kind_input.addItem(self.tr("a person"), BuyerKind.PERSON.value)
        self.buyer_kind_input.addItem(self.tr("a company"), BuyerKind.COMPANY.value)
        self.transfer_input = QCheckBox(self.tr("Paid by bank transfer (T)"))
        self.transfer_input.setObjectName("rechargeTransferInput")
        form, _ = columns(
            [
                *self._extra_rows(),
                [(self.tr("Amount (A)"), self.amount_input),
                 (self.tr("Bought by (Y)"), self.buyer_kind_input)],
                [(self.tr("Bank card / QR (B)"), self.external_input),
                 (self.tr("Cash received (C)"), self.cash_input)],
                [(self.tr("Bonus"), self.bonus_label),
                 (self.tr("Balance after"), self.after_label)],
            ]
        )  # fmt: skip
        # The service's approval limit for this staff (``services.stored_value.needs_approval``).
        self.approval_label = QLabel("")
        self.approval_label.setObjectName("rechargeApprovalLabel")
        self.approval_label.setVisible(False)
        self.real_name_box = self._real_name_box()
        self.transfer_box = self._transfer_box()
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
        top = QHBoxLayout()
        top.addWidget(who, 1)
        top.addWidget(self.transfer_input)
        v.addLayout(top)
        v.addLayout(form)
        v.addWidget(self.approval_label)
        from ui.recharge_packages import PackageKeys, whole_yuan

        # 充X送Y keys from the programme's bonus table (read on the lane, shown when back).
        self.packages = PackageKeys(self, lambda d: self.amount_input.setText(whole_yuan(d)))
        v.addWidget(self.packages)
        self.call(self.backend.recharge_packages, self.packages.show_packages)
        staff = window.staff
        self.call(lambda: self.backend.recharge_approval_limit(staff), self._show_limit)
        v.addWidget(self.real_name_box)
        v.addWidget(self.transfer_box)
        v.addWidget(self.message)
        v.addLayout(button_row(cancel, self.confirm_button, wide=self.confirm_button))
        self._timer = debounced(self, self.preview)
        self.amount_input.textChanged.connect(self._timer.start)
        self.transfer_input.toggled.connect(self._transfer_toggled)
        self.buyer_kind_input.currentIndexChanged.connect(self._buyer_kind_changed)
        extra = self._extra_keys()
        fields = (
            *(w for _, w in extra if isinstance(w, QLineEdit)),
            self.amount_input,
            self.cash_input,
            self.external_input,
            self.name_input,
            self.company_input,
            self.id_input,
            self.contact_input,
            self.payer_name_input,
            self.payer_number_input,
            self.payee_name_input,
            self.payee_number_input,
            self.bank_input,
        )
        for w in fields:
            w.returnPressed.connect(self.confirm)
        for letter, target in (
            *extra,
            ("A", self.amount_input),
            ("Y", self.buyer_kind_input),
            ("B", self.external_input),
            ("C", self.cash_input),
            ("T", self.transfer_input),
            ("N", self.name_input),
            ("O", self.company_input),
            ("I", self.id_type_input),
            ("D", self.id_input),
            ("P", self.contact_input),
            ("K", self.consent_input),
            ("R", self.payer_name_input),
            ("U", self.payer_number_input),
            ("E", self.payee_name_input),
            ("M", self.payee_number_input),
            ("J", self.bank_input),
        ):
            QShortcut(QKeySequence(f"Alt+{letter}"), self).activated.connect(target.setFocus)
        # Money, ID and account numbers never take a scanner's burst.
        self.scan_guard = ScanGuard(self, *fields)
        self.scan_guard.scanned.connect(self._scan_refused)
        # Tab goes as the eye reads: the payment, the buyer, the transfer.
        order = (
            *(w for _, w in extra),
            self.amount_input,
            self.buyer_kind_input,
            self.external_input,
            self.cash_input,
            self.transfer_input,
            self.name_input,
            self.id_type_input,
            self.id_input,
            self.company_input,
            self.contact_input,
            self.agent_input,
            self.consent_input,
            self.payer_name_input,
            self.payer_number_input,
            self.bank_input,
            self.payee_name_input,
            self.payee_number_input,
        )
        for a, b in itertools.pairwise(order):
            QWidget.setTabOrder(a, b)
        # Enter and Esc are the buttons' keys: the focus stays in the (guarded) fields,
        # so that a scan's Enter never lands on a button.
        for button in (self.confirm_button, cancel):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        # Wide enough for what they hold, in the field's own (styled) font, with its
        # padding: an 18-digit ID, a company's account of up to 21 digits, a company's name.
        for w, sample in (
            (self.id_input, "0" * 19), (self.payer_number_input, "0" * 22),
            (self.payee_number_input, "0" * 22), (self.name_input, "示" * 6),
            (self.company_input, "示" * 11), (self.payer_name_input, "示" * 11),
            (self.payee_name_input, "示" * 11),
        ):  # fmt: skip
            w.ensurePolished()
            w.setMinimumWidth(w.fontMetrics().horizontalAdvance(sample) + 24)
        self.real_name_box.setVisible(False)
        self.transfer_box.setVisible(False)
        self._buyer_kind_changed()
        (extra[0][1] if extra else self.amount_input).setFocus()

    # -- what a dialog built on this one adds (``ui.anonymous_cards``) --
    def _header(self) -> QWidget:
        member = self.member
        who = QLabel(
            self.tr("{name} · {tier} · balance {amount}").format(
                name=member.masked_name, tier=member.tier_name, amount=money_text(member.balance)
            )
        )
        who.setObjectName("rechargeMemberLabel")
        return who

    def _extra_rows(self) -> list[list[tuple[str, QWidget]]]:
        """Rows of fields above the amount's."""
        return []

    def _extra_keys(self) -> list[tuple[str, QWidget]]:
        """(Alt+letter, field) of the rows above, in the order Tab takes them."""
        return []

    def _real_name_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Buyer's real name (the prepaid-card law asks for it)"))
        box.setObjectName("rechargeRealNameBox")
        self.name_input = QLineEdit()
        self.name_input.setObjectName("rechargeBuyerNameInput")
        self.name_input.setMaxLength(64)
        self.agent_input = QCheckBox(self.tr("an agent buys for the card's holder"))
        self.agent_input.setObjectName("rechargeAgentInput")
        self.company_input = QLineEdit()
        self.company_input.setObjectName("rechargeCompanyInput")
        self.company_input.setMaxLength(64)
        self.id_type_input = id_type_box("rechargeIdTypeInput")
        self.id_input = QLineEdit()
        self.id_input.setObjectName("rechargeIdInput")
        self.id_input.setMaxLength(32)
        self.contact_input = QLineEdit()
        self.contact_input.setObjectName("rechargeContactInput")
        self.contact_input.setMaxLength(32)
        self.consent_input = QCheckBox(
            self.tr("The buyer agrees that the ID number is kept (sealed, at least 5 years) (K)")
        )
        self.consent_input.setObjectName("rechargeConsentInput")
        grid, labels = columns(
            [
                [(self.tr("Name on the ID (N)"), self.name_input),
                 (self.tr("ID type (I)"), self.id_type_input),
                 (self.tr("ID number (D)"), self.id_input)],
                [(self.tr("Company (O)"), self.company_input),
                 (self.tr("Contact phone (P)"), self.contact_input),
                 ("", self.agent_input)],
            ]
        )  # fmt: skip
        grid.addWidget(self.consent_input, 2, 0, 1, 6)
        self._company_label = labels[self.company_input]
        box.setLayout(grid)
        return box

    def _transfer_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Bank transfer"))
        box.setObjectName("rechargeTransferBox")
        self.payer_name_input = QLineEdit()
        self.payer_name_input.setObjectName("rechargePayerNameInput")
        self.payer_number_input = QLineEdit()
        self.payer_number_input.setObjectName("rechargePayerNumberInput")
        self.payee_name_input = QLineEdit()
        self.payee_name_input.setObjectName("rechargePayeeNameInput")
        self.payee_number_input = QLineEdit()
        self.payee_number_input.setObjectName("rechargePayeeNumberInput")
        self.bank_input = QLineEdit()
        self.bank_input.setObjectName("rechargeBankInput")
        for w in (self.payer_name_input, self.payee_name_input, self.bank_input):
            w.setMaxLength(64)
        for w in (self.payer_number_input, self.payee_number_input):
            w.setMaxLength(40)
        grid, _ = columns(
            [
                [(self.tr("Payer's name (R)"), self.payer_name_input),
                 (self.tr("Payer's account (U)"), self.payer_number_input),
                 (self.tr("Payer's bank (J)"), self.bank_input)],
                [(self.tr("Payee's name (E)"), self.payee_name_input),
                 (self.tr("Payee's account (M)"), self.payee_number_input)],
            ]
        )  # fmt: skip
        box.setLayout(grid)
        return box

    def _scan_refused(self, code: str) -> None:
        self.say(
            self.tr(
                "That was a scan ({code}), not an amount, an ID or an account number: "
                "nothing was typed. Type it by hand."
            ).format(code=code),
            "error",
        )

    def _transfer_toggled(self, on: bool) -> None:
        self.transfer_box.setVisible(on)
        self.cash_input.setEnabled(not on)
        self.external_input.setEnabled(not on)
        if on:
            self.payer_name_input.setFocus()
        self._fit()

    def _fit(self) -> None:
        """The size its sections ask for, within the screen (``adjustSize`` would stop at
        two thirds of a 1366-wide counter screen and squeeze the fields over their labels)."""
        hint = self.sizeHint().expandedTo(self.minimumSizeHint())
        screen = self.screen().availableGeometry()
        self.resize(min(hint.width(), screen.width()), min(hint.height(), screen.height()))
        if self.isVisible():
            frame = self.frameGeometry()
            x = max(screen.left(), min(frame.left(), screen.right() - frame.width() + 1))
            y = max(screen.top(), min(frame.top(), screen.bottom() - frame.height() + 1))
            self.move(x, y)

    def _buyer_kind(self) -> BuyerKind:
        return BuyerKind(self.buyer_kind_input.currentData())

    def _buyer_kind_changed(self) -> None:
        company = self._buyer_kind() is BuyerKind.COMPANY
        self.company_input.setVisible(company)
        if self._company_label is not None:
            self._company_label.setVisible(company)

    def buyer(self) -> RealNameInput | None:
        """The real-name record typed, when the section is shown (else None)."""
        if self.real_name_box.isHidden():
            return None
        kind = self._buyer_kind()
        return RealNameInput(
            name=self.name_input.text().strip(),
            id_type=IdType(self.id_type_input.currentData()),
            id_number=self.id_input.text(),
            consent=self.consent_input.isChecked(),
            contact=self.contact_input.text().strip() or None,
            agent=self.agent_input.isChecked() or kind is BuyerKind.COMPANY,
            buyer_kind=kind,
            company_name=self.company_input.text().strip() if kind is BuyerKind.COMPANY else "",
        )

    def bank_transfer(self) -> BankTransferInput | None:
        if not self.transfer_input.isChecked():
            return None
        bank = self.bank_input.text().strip()
        return BankTransferInput(
            payer=BankAccountInput(
                self.payer_name_input.text().strip(), self.payer_number_input.text(), bank
            ),
            payee=BankAccountInput(
                self.payee_name_input.text().strip(), self.payee_number_input.text()
            ),
        )

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
        if p.real_name == self.real_name_box.isHidden():  # the law's answer changed
            self.real_name_box.setVisible(p.real_name)
            self._fit()

    def confirm(self) -> None:
        if self.busy or self._approval_open():
            return
        amount = self._amount()
        if amount is None or not amount.fen:
            self.say(self.tr("Type the amount to recharge."), "error")
            return
        # The service says whether this staff's recharge of this amount needs a supervisor.
        staff = self.window_.staff
        self.run(lambda: self.backend.recharge_needs_approval(staff, amount), self._approve_then)

    def _approve_then(self, needed: bool) -> None:
        """Ask for the supervisor's PIN when the service wants it, then commit."""
        if not needed:
            self._commit(None)
            return
        self.window_.with_approval(RECHARGE, self.tr("Recharge stored value"), self._commit)

    def _show_limit(self, limit: Any) -> None:
        """The line under the amounts: what this cashier recharges without a supervisor."""
        if limit is None:
            self.approval_label.setVisible(False)
            return
        if not limit.fen:
            text = self.tr("Every recharge needs a supervisor's approval")
        else:
            text = self.tr("Over {amount} needs a supervisor's approval").format(
                amount=money_text(limit)
            )
        self.approval_label.setText(text)
        self.approval_label.setVisible(True)
        self._fit()

    def _approval_open(self) -> bool:
        """The supervisor's dialog for this recharge is already open: one Enter in a field
        is both the field's returnPressed and the default button's press, and would ask
        twice (the second dialog stayed open after the recharge went through)."""
        w = self.window_
        return w.dialog_open() and w._dialog is not self

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
        transfer = self.bank_transfer()
        if transfer is not None:
            t = Tenders(external=amount, external_method=BANK_TRANSFER)
        else:
            t = Tenders(cash=cash, external=external)
        mid, rid, staff = int(self.member.member_id), self.recharge_id, self.window_.staff
        kind, buyer = self._buyer_kind(), self.buyer()
        self.run(
            lambda: self.backend.recharge(
                rid,
                mid,
                amount,
                t,
                staff,
                approval,
                buyer_kind=kind,
                buyer=buyer,
                bank_transfer=transfer,
            ),
            self._done,
        )

    def failed(self, exc: BaseException) -> None:
        """The service's message; a refusal for want of a real name opens the section."""
        from pos_member.domain.errors import RealNameRequired

        if isinstance(exc, RealNameRequired) and self.real_name_box.isHidden():
            self.real_name_box.setVisible(True)
            self._fit()
            self.name_input.setFocus()
        super().failed(exc)

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
