"""Ctrl+G: change the price of the chosen line (改价) with a reason and a supervisor's PIN.

The new unit price and the reason are typed here; a cashier then needs a
supervisor's id and PIN (``with_approval("price_override")``; a wrong PIN is
refused and nothing changes). The line is priced again by the core, which checks
the override against the catalogue price and the approver's limit; checkout checks
it once more and writes the reason with the line's adjustment, which the receipt
prints (改价：reason).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel, QLineEdit, QVBoxLayout, QWidget

from pos_member.domain.money import Money
from pos_member.services.context import Approval
from ui.dialogs import CashierDialog, button_row, form_layout, key_button
from ui.widgets import ScanGuard, money_text, parse_yuan

if TYPE_CHECKING:
    from ui.main_window import CashierWindow

TESTED_IN = "tests/gui/test_tools_price.py"


class PriceOverrideDialog(CashierDialog):
    def __init__(
        self, window: CashierWindow, line_no: int, name: str, price: Money,
        parent: QWidget | None = None,
    ) -> None:  # fmt: skip
        super().__init__(window, parent or window)
        self.setObjectName("priceOverrideDialog")
        self.setWindowTitle(self.tr("Change the price"))
        self.setMinimumWidth(560)
        self.line_no = line_no
        what = QLabel(
            self.tr("Line {n}: {name}, now {price} each").format(
                n=line_no, name=name, price=money_text(price)
            )
        )
        what.setWordWrap(True)
        self.price_input = QLineEdit()
        self.price_input.setObjectName("overridePriceInput")
        self.price_input.setPlaceholderText("0.00")
        self.reason_input = QLineEdit()
        self.reason_input.setObjectName("overrideReasonInput")
        self.reason_input.setMaxLength(64)
        self.reason_input.setPlaceholderText(self.tr("e.g. damaged packaging"))
        self.price_input.returnPressed.connect(self.reason_input.setFocus)
        self.reason_input.returnPressed.connect(self.submit)
        self.scan_guard = ScanGuard(self, self.price_input)
        self.scan_guard.scanned.connect(
            lambda code: self.say(
                self.tr("That was a scan ({code}), not a price: type the price.").format(code=code),
                "error",
            )
        )
        form = form_layout()
        form.addRow(self.tr("New unit price"), self.price_input)
        form.addRow(self.tr("Reason (printed on the receipt)"), self.reason_input)
        ok = key_button(self, self.tr("Change  Enter"), self.submit, name="overrideButton")
        back = key_button(self, self.tr("Back  Esc"), self.reject)
        for b in (ok, back):
            b.setAutoDefault(False)
        v = QVBoxLayout(self)
        v.addWidget(what)
        v.addLayout(form)
        v.addWidget(self.message)
        v.addLayout(button_row(back, ok, wide=ok))
        self.say(self.tr("A lower price needs a supervisor's PIN and a reason."))
        self.price_input.setFocus()

    def submit(self) -> None:
        try:
            price = parse_yuan(self.price_input.text())
        except ValueError:
            self.say(
                self.tr("“{text}” is not a price: type it as 12.50.").format(
                    text=self.price_input.text()
                ),
                "error",
            )
            self.price_input.setFocus()
            return
        if not self.price_input.text().strip():
            self.say(self.tr("Type the new unit price."), "error")
            self.price_input.setFocus()
            return
        reason = self.reason_input.text().strip()
        if not reason:
            self.say(self.tr("Type the reason: it is printed on the receipt."), "error")
            self.reason_input.setFocus()
            return
        w, line_no = self.window_, self.line_no
        self.accept()

        def approved(approval: Approval | None) -> None:
            w.reprice(w.draft.with_price(line_no, price, reason, approval))
            w.show_message(
                QCoreApplication.translate(
                    "PriceOverrideDialog", "Line {n} now {price} each ({reason})."
                ).format(n=line_no, price=money_text(price), reason=reason),
                "ok",
            )

        w.with_approval(
            "price_override",
            QCoreApplication.translate(
                "PriceOverrideDialog", "Change the price of line {n}"
            ).format(n=line_no),
            approved,
        )


def change_price(w: CashierWindow) -> None:
    """Ctrl+G on the sale screen: the chosen line's price."""
    if w.dialog_open():
        return
    line_no = w.selected_line_no()
    line = next((ln for ln in w.sale.lines if ln.line_no == line_no), None)
    if line is None:
        w.show_message(
            QCoreApplication.translate(
                "PriceOverrideDialog", "Choose the line first (↑/↓), then press Ctrl+G."
            ),
            "error",
        )
        return
    w.open_dialog(PriceOverrideDialog(w, line.line_no, line.name, line.unit_price))
