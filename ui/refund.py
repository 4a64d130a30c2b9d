"""Refund: scan the receipt, choose lines and quantities, see what goes back, approve, commit.

The preview (money per tender, stored value, points taken back and given
back) is planned by the domain through the refund service; this dialog only
collects the receipt number and the units, and shows the plan.
"""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ui.dialogs import CashierDialog, button_row, debounced, form_layout, key_button
from ui.views import ReceiptForRefund, RefundPreview
from ui.widgets import ScanGuard, money_text, within_screen

if TYPE_CHECKING:
    from ui.main_window import CashierWindow


class RefundDialog(CashierDialog):
    def __init__(self, window: CashierWindow, parent: QWidget | None = None) -> None:
        super().__init__(window, parent)
        self.setObjectName("refundDialog")
        self.setWindowTitle(self.tr("Refund"))
        self.setMinimumSize(*within_screen(self, 860, 620))
        self.receipt: ReceiptForRefund | None = None
        self.preview_: RefundPreview | None = None
        self.refund_id = str(uuid.uuid4())
        self._spins: dict[int, QSpinBox] = {}
        self._question: QMessageBox | None = None
        # The quantities never take a scanner's burst (each line's field is watched).
        self.scan_guard = ScanGuard(self)
        self.scan_guard.scanned.connect(
            lambda code: self.say(
                self.tr(
                    "That was a scan ({code}), not a quantity: type how many come back."
                ).format(code=code),
            )
        )

        self.receipt_input = QLineEdit()
        self.receipt_input.setObjectName("receiptInput")
        self.receipt_input.setPlaceholderText(
            self.tr("Scan the receipt barcode or type its number")
        )
        self.receipt_input.returnPressed.connect(self.load)
        self.receipt_label = QLabel("")
        self.receipt_label.setObjectName("refundReceiptLabel")

        self.table = QTableWidget(0, 5)
        self.table.setObjectName("refundLines")
        self.table.setHorizontalHeaderLabels(
            [self.tr("#"), self.tr("Item"), self.tr("Sold"), self.tr("Amount"), self.tr("Back")]
        )
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        # Tab walks the lines' "back" fields one line at a time, not the table cell by cell.
        self.table.setTabKeyNavigation(False)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for col in (0, 2, 3):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Fixed)
        self.table.setColumnWidth(4, 130)
        self.table.verticalHeader().setDefaultSectionSize(52)

        self.goods = QLabel("—")
        self.goods.setObjectName("refundGoodsLabel")
        self.cash = QLabel("—")
        self.cash.setObjectName("refundCashLabel")
        self.other = QLabel("—")
        self.other.setObjectName("refundOtherLabel")
        self.sv = QLabel("—")
        self.sv.setObjectName("refundStoredValueLabel")
        self.points_back = QLabel("—")
        self.points_back.setObjectName("refundPointsBackLabel")
        self.points_taken = QLabel("—")
        self.points_taken.setObjectName("refundPointsTakenLabel")
        self.shortfall = QLabel("")
        self.shortfall.setObjectName("refundShortfallLabel")
        form = form_layout()
        form.addRow(self.tr("Goods returned"), self.goods)
        form.addRow(self.tr("Cash back"), self.cash)
        form.addRow(self.tr("Bank card / QR back"), self.other)
        form.addRow(self.tr("Stored value back"), self.sv)
        form.addRow(self.tr("Points given back"), self.points_back)
        form.addRow(self.tr("Points taken back"), self.points_taken)
        form.addRow("", self.shortfall)
        # The stored value back would pass the member's card's cap: a card in the same
        # name takes it (the prepaid-card law), chosen here (Alt+C), or nowhere yet.
        self.card_note = QLabel("")
        self.card_note.setObjectName("refundCardNote")
        self.card_note.setWordWrap(True)
        self.card_box = QComboBox()
        self.card_box.setObjectName("refundSvCard")
        self.card_label = QLabel(self.tr("To &card"))
        self.card_label.setBuddy(self.card_box)
        form.addRow("", self.card_note)
        form.addRow(self.card_label, self.card_box)
        self.card_box.setVisible(False)
        self.card_label.setVisible(False)

        self.all_button = key_button(
            self, self.tr("Everything  F3"), self.select_all, name="refundAllButton", key="F3"
        )
        self.confirm_button = key_button(
            self,
            self.tr("Refund (supervisor)  F12"),
            self.confirm,
            name="confirmRefundButton",
            key="F12",
        )
        self.confirm_button.setEnabled(False)
        self.busy_button = self.confirm_button
        cancel = key_button(self, self.tr("Back  Esc"), self.reject)
        no_receipt = key_button(
            self, self.tr("No receipt  F4"), self.no_receipt, name="noReceiptButton", key="F4"
        )

        top = QHBoxLayout()
        top.addWidget(self.receipt_input, 2)
        top.addWidget(self.receipt_label, 1)
        body = QHBoxLayout()
        body.addWidget(self.table, 3)
        right = QWidget()
        right.setLayout(form)
        right.setMaximumWidth(400)
        self.sv.setWordWrap(True)
        self.table.setMinimumWidth(560)
        body.addWidget(right, 2)
        v = QVBoxLayout(self)
        v.addLayout(top)
        v.addLayout(body, 1)
        v.addWidget(self.message)
        v.addLayout(
            button_row(
                cancel, no_receipt, self.all_button, self.confirm_button, wide=self.confirm_button
            )
        )

        self._timer = debounced(self, self.preview)
        self.receipt_input.setFocus()

    def no_receipt(self) -> None:
        """F4: the customer has no receipt: the no-receipt refund (ui.no_receipt_refund)."""
        from ui.no_receipt_refund import NoReceiptRefundDialog

        w = self.window_
        self.reject()
        w.open_dialog(NoReceiptRefundDialog(w))

    # --------------------------------------------------------------- steps
    def load(self) -> None:
        text = self.receipt_input.text().strip()
        if not text:
            return
        self.call(lambda: self.backend.refund_lookup(text), self._loaded)

    def _loaded(self, receipt: ReceiptForRefund) -> None:
        self.receipt = receipt
        self.say("")
        self.receipt_label.setText(
            self.tr("Receipt {no}  {member}").format(
                no=receipt.receipt_no, member=receipt.member_masked
            )
        )
        self.table.setRowCount(len(receipt.lines))
        self._spins.clear()
        for row, ln in enumerate(receipt.lines):
            sold = (
                self.tr("{g} g ({left} left)").format(g=ln.sold, left=ln.remaining)
                if ln.weighed
                else self.tr("{n} ({left} left)").format(n=ln.sold, left=ln.remaining)
            )
            for col, text in enumerate((str(ln.line_no), ln.name, sold, money_text(ln.net))):
                item = QTableWidgetItem(text)
                if col in (2, 3):
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.table.setItem(row, col, item)
            spin = QSpinBox()
            spin.setObjectName(f"refundUnits{ln.line_no}")
            spin.setRange(0, ln.remaining)
            spin.setSuffix(" g" if ln.weighed else "")
            spin.valueChanged.connect(self._timer.start)
            spin.setToolTip(ln.name)
            spin.installEventFilter(self)
            self.scan_guard.watch(spin)
            self.table.setCellWidget(row, 4, spin)
            self._spins[ln.line_no] = spin
        if receipt.lines:
            self._spins[receipt.lines[0].line_no].setFocus()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        """The line whose "back" field has the focus is the chosen row (Tab walks lines)."""
        if event.type() == QEvent.Type.FocusIn and isinstance(obj, QSpinBox):
            for row, spin in enumerate(self._spins.values()):
                if spin is obj:
                    self.table.selectRow(row)
                    item = self.table.item(row, 0)
                    if item is not None:
                        self.table.scrollToItem(item)
        return super().eventFilter(obj, event)

    def units(self) -> dict[int, int]:
        return {n: s.value() for n, s in self._spins.items() if s.value()}

    def select_all(self) -> None:
        for s in self._spins.values():
            s.setValue(s.maximum())

    def preview(self) -> None:
        if self.receipt is None:
            return
        units = self.units()
        if not units:
            self.preview_ = None
            self.confirm_button.setEnabled(False)
            for w in (
                self.goods,
                self.cash,
                self.other,
                self.sv,
                self.points_back,
                self.points_taken,
            ):
                w.setText("—")
            return
        receipt_no = self.receipt.receipt_no
        self.call(lambda: self.backend.refund_preview(receipt_no, units), self._previewed)

    def _previewed(self, p: RefundPreview) -> None:
        self.preview_ = p
        self.goods.setText(money_text(p.goods_value))
        self.cash.setText(money_text(p.cash_back))
        self.other.setText(money_text(p.other_back))
        self.sv.setText(
            self.tr("{total} (principal {p}, bonus {b})").format(
                total=money_text(p.sv_principal + p.sv_bonus),
                p=money_text(p.sv_principal),
                b=money_text(p.sv_bonus),
            )
        )
        self.points_back.setText(f"{p.points_given_back:,}")
        self.points_taken.setText(f"{p.points_taken_back:,}")
        self.shortfall.setText(
            self.tr("Points already spent: {amount} kept from the refund").format(
                amount=money_text(p.shortfall_deducted)
            )
            if p.shortfall_deducted.fen
            else ""
        )
        self._show_card(p)
        self.say("")

    def _show_card(self, p: RefundPreview) -> None:
        """Offer the member's other named cards when the own card's cap would be passed;
        with none, say so and what to do (the refund cannot be made until then)."""
        sv = p.sv_principal + p.sv_bonus
        chosen = self.sv_card()
        self.card_box.clear()
        for number, masked, room in p.sv_cards:
            self.card_box.addItem(
                self.tr("{card} (room {room})").format(card=masked, room=money_text(room)),
                number,
            )
        if chosen is not None and self.card_box.findData(chosen) >= 0:
            self.card_box.setCurrentIndex(self.card_box.findData(chosen))
        offer = p.sv_over_cap and bool(p.sv_cards)
        self.card_box.setVisible(offer)
        self.card_label.setVisible(offer)
        if not p.sv_over_cap:
            self.card_note.setText("")
        elif offer:
            self.card_note.setText(
                self.tr(
                    "{amount} of stored value does not fit the member's card (cap {cap}, "
                    "at most {room} more): it goes to another card in the member's name. "
                    "Choose it with Alt+C."
                ).format(
                    amount=money_text(sv), cap=money_text(p.sv_cap), room=money_text(p.sv_room)
                )
            )
        else:
            self.card_note.setText(
                self.tr(
                    "{amount} of stored value does not fit the member's card (cap {cap}, "
                    "at most {room} more), and the member has no other named card in their "
                    "name that takes it. Issue a second card in the member's name at the "
                    "manager window, then refund again; or refund after the member has "
                    "spent some of the balance."
                ).format(
                    amount=money_text(sv), cap=money_text(p.sv_cap), room=money_text(p.sv_room)
                )
            )
        self.confirm_button.setEnabled(not p.sv_over_cap or offer)

    def sv_card(self) -> str | None:
        """The same-name card chosen for the stored value, when one is offered."""
        if not self.card_box.count():
            return None
        data = self.card_box.currentData()
        return str(data) if data else None

    def confirm(self) -> None:
        """F12: the plan for the units typed now, then the question that names the cash
        to hand back, then the supervisor's approval."""
        if self.receipt is None or not self.units() or self.busy or self._question is not None:
            return
        receipt_no, units = self.receipt.receipt_no, self.units()
        self.call(lambda: self.backend.refund_preview(receipt_no, units), self._ask)

    def hand_back_text(self, p: RefundPreview) -> str:
        """What the cashier gives back and where the rest goes, in one sentence."""
        parts = [self.tr("Hand back {cash} in cash.").format(cash=money_text(p.cash_back))]
        if p.other_back.fen:
            parts.append(
                self.tr("{amount} goes back to the bank card / QR payment.").format(
                    amount=money_text(p.other_back)
                )
            )
        sv = p.sv_principal + p.sv_bonus
        if sv.fen and p.sv_over_cap and self.card_box.count():
            parts.append(
                self.tr("{amount} goes back to the stored value of card {card}.").format(
                    amount=money_text(sv), card=self.card_box.currentText()
                )
            )
        elif sv.fen:
            parts.append(
                self.tr("{amount} goes back to the member's stored value.").format(
                    amount=money_text(sv)
                )
            )
        return " ".join(parts)

    def _ask(self, p: RefundPreview) -> None:
        self._previewed(p)
        if not self.confirm_button.isEnabled():
            return  # the note says why and what to do
        box = QMessageBox(self)
        box.setObjectName("refundConfirm")
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Refund"))
        box.setText(
            self.tr("Refund goods of {goods}? {hand_back}").format(
                goods=money_text(p.goods_value), hand_back=self.hand_back_text(p)
            )
        )
        yes = box.addButton(self.tr("Refund  Enter"), QMessageBox.ButtonRole.AcceptRole)
        no = box.addButton(self.tr("Back  Esc"), QMessageBox.ButtonRole.RejectRole)
        yes.setObjectName("refundConfirmButton")
        box.setDefaultButton(yes)
        box.setEscapeButton(no)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)

        def answered() -> None:
            self._question = None
            if box.clickedButton() is yes:
                self.window_.with_approval("refund", self.tr("Refund"), self._commit)

        box.finished.connect(answered)
        self._question = box
        box.open()
        yes.setFocus()

    def _commit(self, approval: Any) -> None:
        assert self.receipt is not None
        receipt_no, units, rid = self.receipt.receipt_no, self.units(), self.refund_id
        staff = self.window_.staff
        card = self.sv_card() if self.preview_ is not None and self.preview_.sv_over_cap else None
        self.run(
            lambda: self.backend.refund_commit(rid, receipt_no, units, staff, approval, card),
            self._done,
        )

    def _done(self, result: Any) -> None:
        text = self.tr("Refund {no} done: {amount} back.").format(
            no=result.receipt_no, amount=money_text(result.paid)
        )
        if self.preview_ is not None:
            text += " " + self.hand_back_text(self.preview_)
        self.window_.show_message(text, "ok")
        self.window_.print_receipt(result.receipt_no)
        self.accept()
