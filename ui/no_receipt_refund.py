"""Refund without a receipt (无单退货): scan the goods, give the reason, a supervisor's PIN.

Opened from the refund dialog (F4). Each scan adds the quantity typed beside it;
the core prices the goods at today's shelf price (no member price, no points)
and refuses more than the store's limit, naming it. F12 asks a supervisor's
id and PIN (``with_approval("no_receipt_refund")``; a wrong PIN is refused and
nothing is written), then the refund is paid back in cash and 退货凭证（无单）
is printed.
"""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pos_member.domain.money import Money
from ui.dialogs import CashierDialog, button_row, form_layout, key_button
from ui.widgets import ScanGuard, money_text

if TYPE_CHECKING:
    from ui.main_window import CashierWindow
    from ui.operations.no_receipt_refund import NoReceiptQuoteView

TESTED_IN = "tests/gui/test_no_receipt_refund_dialog.py"


class NoReceiptRefundDialog(CashierDialog):
    def __init__(self, window: CashierWindow, parent: QWidget | None = None) -> None:
        super().__init__(window, parent or window)
        self.setObjectName("noReceiptRefundDialog")
        self.setWindowTitle(self.tr("Refund without a receipt"))
        self.setMinimumSize(820, 560)
        self.refund_id = str(uuid.uuid4())
        self.items: tuple[tuple[str, int], ...] = ()
        self.quote: NoReceiptQuoteView | None = None

        self.code_input = QLineEdit()
        self.code_input.setObjectName("noReceiptCodeInput")
        self.code_input.setPlaceholderText(self.tr("Scan or type the product code"))
        self.code_input.returnPressed.connect(self.add)
        self.qty = QSpinBox()
        self.qty.setObjectName("noReceiptQuantity")
        self.qty.setRange(1, 999)
        self.qty.setPrefix("× ")
        self.scan_guard = ScanGuard(self, self.qty)  # goods are scanned into the code field
        self.scan_guard.scanned.connect(
            lambda code: self.say(
                self.tr(
                    "That was a scan ({code}), not a quantity: scan the goods into the code field."
                ).format(code=code),
                "error",
            )
        )
        self.table = QTableWidget(0, 4)
        self.table.setObjectName("noReceiptLines")
        self.table.setHorizontalHeaderLabels(
            [self.tr("Item"), self.tr("Quantity"), self.tr("Shelf price"), self.tr("Amount")]
        )
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.total = QLabel(money_text(Money(0)))
        self.total.setObjectName("noReceiptTotal")
        self.reason_input = QLineEdit()
        self.reason_input.setObjectName("noReceiptReasonInput")
        self.reason_input.setMaxLength(64)
        self.reason_input.setPlaceholderText(self.tr("e.g. the customer lost the receipt"))
        self.reason_input.returnPressed.connect(self.confirm)
        form = form_layout()
        form.addRow(self.tr("Cash back"), self.total)
        form.addRow(self.tr("Reason (printed on the receipt)"), self.reason_input)

        self.confirm_button = key_button(
            self, self.tr("Refund in cash (supervisor)  F12"), self.confirm,
            name="noReceiptConfirmButton", key="F12",
        )  # fmt: skip
        self.busy_button = self.confirm_button
        back = key_button(self, self.tr("Back  Esc"), self.reject)
        for b in (self.confirm_button, back):
            b.setAutoDefault(False)
        top = QHBoxLayout()
        top.addWidget(self.code_input, 3)
        top.addWidget(self.qty, 1)
        v = QVBoxLayout(self)
        v.addLayout(top)
        v.addWidget(self.table, 1)
        v.addLayout(form)
        v.addWidget(self.message)
        v.addLayout(button_row(back, self.confirm_button, wide=self.confirm_button))
        self.say(
            self.tr(
                "Scan each item that comes back (type the quantity first). It is refunded "
                "at today's shelf price, in cash, with a supervisor's PIN."
            )
        )
        self.code_input.setFocus()

    def add(self) -> None:
        code = self.code_input.text().strip()
        if not code:
            return
        items = (*self.items, (code, self.qty.value()))
        self.call(lambda: self.backend.no_receipt_quote(items), lambda q: self._priced(items, q))

    def _priced(self, items: tuple[tuple[str, int], ...], q: NoReceiptQuoteView) -> None:
        self.items, self.quote = items, q
        self.table.setRowCount(len(q.lines))
        for row, ln in enumerate(q.lines):
            texts = (ln.name, str(ln.quantity), money_text(ln.unit_price), money_text(ln.amount))
            for col, text in enumerate(texts):
                item = QTableWidgetItem(text)
                if col:  # quantities and money stand right, as on the receipt
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.table.setItem(row, col, item)
        self.total.setText(money_text(q.total))
        self.code_input.clear()
        self.qty.setValue(1)
        self.code_input.setFocus()
        self.say(
            self.tr("{total} to hand back (at most {limit} without a receipt).").format(
                total=money_text(q.total), limit=money_text(q.limit)
            )
        )

    def confirm(self) -> None:
        if self.busy:
            return
        if not self.items or self.quote is None:
            self.say(self.tr("Scan the goods that come back first."), "error")
            self.code_input.setFocus()
            return
        reason = self.reason_input.text().strip()
        if not reason:
            self.say(self.tr("Type the reason: it is printed on the receipt."), "error")
            self.reason_input.setFocus()
            return
        items, rid, w = self.items, self.refund_id, self.window_

        def approved(approval: Any) -> None:
            staff = w.staff
            self.run(
                lambda: self.backend.no_receipt_commit(rid, items, reason, staff, approval),
                self._done,
            )

        w.with_approval("no_receipt_refund", self.tr("Refund without a receipt"), approved)

    def _done(self, result: Any) -> None:
        self.window_.show_message(
            self.tr("Refund {no} done: hand back {amount} in cash.").format(
                no=result.receipt_no, amount=money_text(result.paid)
            ),
            "ok",
        )
        self.window_.print_receipt(result.receipt_no)
        self.accept()
