"""Ctrl+K: a discount on the whole sale (整单折扣) with a reason and a supervisor's PIN.

A rate in 折 (9.5: the customer pays 95%) or an amount off, and the reason, are
typed here; a cashier then needs a supervisor's id and PIN (the same approval
as 改价, ``with_approval("price_override")``; a wrong PIN is refused and nothing
changes). The core prices it after the promotions and before coupons
(docs/pricing.md, step 5a), within the approver's limit, spread over the lines
with each part carrying the reason; the receipt prints 整单折扣 9.5折：reason.

On a sale that has one, the dialog also offers to take it off: Ctrl+K again
(Ctrl+K twice from the sale screen), with no PIN (the customer pays more, not
less), written to the audit log (``services.overrides``).
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel, QLineEdit, QVBoxLayout, QWidget

from pos_member.domain.pricing import SaleDiscount
from pos_member.services.context import Approval
from ui.dialogs import CashierDialog, FieldKey, button_row, form_layout, key_button
from ui.widgets import ScanGuard, money_text, parse_yuan

if TYPE_CHECKING:
    from ui.main_window import CashierWindow

TESTED_IN = "tests/gui/test_tools_sale_discount.py"


def parse_zhe(text: str) -> Decimal:
    """A rate typed in 折 (``9.5``, ``8``, ``8.88``) as the share paid (0.95); ValueError
    unless 0 ≤ 折 < 10 with at most two decimals."""
    try:
        zhe = Decimal(text.strip())
    except InvalidOperation:
        raise ValueError(text) from None
    if not zhe.is_finite() or not (0 <= zhe < 10) or zhe != zhe.quantize(Decimal("0.01")):
        raise ValueError(text)
    return zhe / 10


class SaleDiscountDialog(CashierDialog):
    def __init__(self, window: CashierWindow, parent: QWidget | None = None) -> None:
        super().__init__(window, parent or window)
        self.setObjectName("saleDiscountDialog")
        self.setWindowTitle(self.tr("Discount the whole sale"))
        self.setMinimumWidth(560)
        what = QLabel(
            self.tr("The sale now comes to {total}.").format(
                total=money_text(window.sale.net_total)
            )
        )
        self.rate_input = QLineEdit()
        self.rate_input.setObjectName("discountRateInput")
        self.rate_input.setPlaceholderText("9.5")
        self.amount_input = QLineEdit()
        self.amount_input.setObjectName("discountAmountInput")
        self.amount_input.setPlaceholderText("0.00")
        self.reason_input = QLineEdit()
        self.reason_input.setObjectName("discountReasonInput")
        self.reason_input.setMaxLength(64)
        self.reason_input.setPlaceholderText(self.tr("e.g. regular customer"))
        self.rate_input.returnPressed.connect(self.reason_input.setFocus)
        self.amount_input.returnPressed.connect(self.reason_input.setFocus)
        self.reason_input.returnPressed.connect(self.submit)
        self.scan_guard = ScanGuard(self, self.rate_input, self.amount_input)
        self.scan_guard.scanned.connect(
            lambda code: self.say(
                self.tr("That was a scan ({code}), not a discount: type it.").format(code=code),
                "error",
            )
        )
        form = form_layout()
        form.addRow(self.tr("Rate in 折 (9.5 = pay 95%)"), self.rate_input)
        form.addRow(self.tr("Or amount off"), self.amount_input)
        form.addRow(self.tr("Reason (printed on the receipt)"), self.reason_input)
        ok = key_button(self, self.tr("Discount  Enter"), self.submit, name="discountButton")
        back = key_button(self, self.tr("Back  Esc"), self.reject)
        buttons = [back, ok]
        self.current = window.draft.sale_discount
        self.remove_button = None
        if self.current is not None:
            self.remove_button = key_button(
                self,
                self.tr("Remove the discount  Ctrl+K"),
                self.remove,
                name="removeDiscountButton",
                key="Ctrl+K",
            )
            FieldKey(
                self, "Ctrl+K", self.remove, self.rate_input, self.amount_input, self.reason_input
            )
            buttons.insert(1, self.remove_button)
            self.busy_button = self.remove_button
        for b in buttons:
            b.setAutoDefault(False)
        v = QVBoxLayout(self)
        v.addWidget(what)
        v.addLayout(form)
        v.addWidget(self.message)
        v.addLayout(button_row(*buttons, wide=ok))
        if self.current is not None:
            self.say(
                self.tr(
                    "The sale has a discount ({reason}). Ctrl+K again takes it off; "
                    "or type another one (a supervisor's PIN and a reason)."
                ).format(reason=self.current.reason)
            )
        else:
            self.say(self.tr("A discount on the sale needs a supervisor's PIN and a reason."))
        self.rate_input.setFocus()

    def remove(self) -> None:
        """Ctrl+K again: the sale without its discount, audited (no PIN)."""
        d = self.current
        if d is None or self.busy:
            return
        w = self.window_
        staff, sale_id = w.staff, w.draft.sale_id

        def removed(_: object) -> None:
            self.accept()
            w.reprice(w.draft.without_sale_discount())
            w.show_message(
                QCoreApplication.translate(
                    "SaleDiscountDialog", "The discount on the sale is taken off ({reason})."
                ).format(reason=d.reason),
                "ok",
            )

        self.run(
            lambda: self.backend.record_sale_discount_removed(staff, sale_id, d.label(), d.reason),
            removed,
        )

    def _discount(self) -> SaleDiscount | None:
        """The rate or the amount typed (exactly one), or None after saying what is wrong."""
        rate_text, amount_text = self.rate_input.text().strip(), self.amount_input.text().strip()
        if bool(rate_text) == bool(amount_text):
            self.say(self.tr("Type either a rate in 折 or an amount off (one of them)."), "error")
            self.rate_input.setFocus()
            return None
        if rate_text:
            try:
                return SaleDiscount(reason="", rate=parse_zhe(rate_text))
            except ValueError:
                self.say(
                    self.tr("“{text}” is not a rate: type it in 折 as 9.5 (0 to 9.99).").format(
                        text=rate_text
                    ),
                    "error",
                )
                self.rate_input.setFocus()
                return None
        try:
            amount = parse_yuan(amount_text)
        except ValueError:
            amount = None
        if amount is None or amount.fen <= 0:
            self.say(
                self.tr("“{text}” is not an amount: type it as 5.00.").format(text=amount_text),
                "error",
            )
            self.amount_input.setFocus()
            return None
        return SaleDiscount(reason="", amount=amount)

    def submit(self) -> None:
        d = self._discount()
        if d is None:
            return
        reason = self.reason_input.text().strip()
        if not reason:
            self.say(self.tr("Type the reason: it is printed on the receipt."), "error")
            self.reason_input.setFocus()
            return
        d = SaleDiscount(reason=reason, rate=d.rate, amount=d.amount)
        w = self.window_
        self.accept()

        def approved(approval: Approval | None) -> None:
            w.reprice(w.draft.with_sale_discount(d, approval))
            w.show_message(
                QCoreApplication.translate(
                    "SaleDiscountDialog", "The whole sale discounted ({reason})."
                ).format(reason=reason),
                "ok",
            )

        w.with_approval(
            "price_override",
            QCoreApplication.translate("SaleDiscountDialog", "Discount the whole sale"),
            approved,
        )


def discount_sale(w: CashierWindow) -> None:
    """Ctrl+K on the sale screen: a discount on the whole sale."""
    if w.dialog_open():
        return
    if not w.sale.lines:
        w.show_message(
            QCoreApplication.translate(
                "SaleDiscountDialog", "Scan the goods first, then press Ctrl+K."
            ),
            "error",
        )
        return
    w.open_dialog(SaleDiscountDialog(w))
