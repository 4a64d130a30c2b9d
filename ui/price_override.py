"""Ctrl+G: change the price of the chosen line (改价) with a reason and a supervisor's PIN.

The new unit price and the reason are typed here; a cashier then needs a
supervisor's id and PIN (``with_approval("price_override")``; a wrong PIN is
refused and nothing changes). The line is priced again by the core, which checks
the override against the catalogue price and the approver's limit; checkout checks
it once more and writes the reason with the line's adjustment, which the receipt
prints (改价：reason).

On a line whose price was changed, the dialog also offers to take the change off:
Ctrl+G again (Ctrl+G twice from the sale screen) puts the catalogue price back,
with no PIN (the customer pays more, not less), written to the audit log
(``services.overrides``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel, QLineEdit, QVBoxLayout, QWidget

from pos_member.domain.money import Money
from pos_member.services.context import Approval
from ui.dialogs import CashierDialog, FieldKey, button_row, form_layout, key_button
from ui.widgets import ScanGuard, money_text, parse_yuan

if TYPE_CHECKING:
    from ui.main_window import CashierWindow

TESTED_IN = "tests/gui/test_tools_price.py"


class PriceOverrideDialog(CashierDialog):
    def __init__(
        self, window: CashierWindow, line_no: int, name: str, price: Money,
        parent: QWidget | None = None, code: str = "", changed: tuple[Money, str] | None = None,
    ) -> None:  # fmt: skip
        super().__init__(window, parent or window)
        self.setObjectName("priceOverrideDialog")
        self.setWindowTitle(self.tr("Change the price"))
        self.setMinimumWidth(560)
        self.line_no = line_no
        self.code = code
        self.changed = changed  # the line's 改价 now (price, reason), if any
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
        buttons = [back, ok]
        self.remove_button = None
        if changed is not None:
            self.remove_button = key_button(
                self,
                self.tr("Remove the price change  Ctrl+G"),
                self.remove,
                name="removeOverrideButton",
                key="Ctrl+G",
            )
            FieldKey(self, "Ctrl+G", self.remove, self.price_input, self.reason_input)
            buttons.insert(1, self.remove_button)
            self.busy_button = self.remove_button
        for b in buttons:
            b.setAutoDefault(False)
        v = QVBoxLayout(self)
        v.addWidget(what)
        v.addLayout(form)
        v.addWidget(self.message)
        v.addLayout(button_row(*buttons, wide=ok))
        if changed is not None:
            self.say(
                self.tr(
                    "This line's price was changed ({reason}). Ctrl+G again takes the change "
                    "off; or type another price (a supervisor's PIN and a reason)."
                ).format(reason=changed[1])
            )
        else:
            self.say(self.tr("A lower price needs a supervisor's PIN and a reason."))
        self.price_input.setFocus()

    def remove(self) -> None:
        """Ctrl+G again: the line back at its catalogue price, audited (no PIN)."""
        if self.changed is None or self.busy:
            return
        w, line_no = self.window_, self.line_no
        price, reason = self.changed
        staff, sale_id, code = w.staff, w.draft.sale_id, self.code

        def removed(_: object) -> None:
            self.accept()
            w.reprice(w.draft.without_price(line_no))
            w.show_message(
                QCoreApplication.translate(
                    "PriceOverrideDialog",
                    "Line {n} is back at its shelf price ({reason} taken off).",
                ).format(n=line_no, reason=reason),
                "ok",
            )

        self.run(
            lambda: self.backend.record_price_override_removed(
                staff, sale_id, line_no, code, price, reason
            ),
            removed,
        )

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
    drafted = next((ln for ln in w.draft.lines if ln.line_no == line_no), None)
    changed = None
    if drafted is not None and drafted.price_override is not None:
        changed = (drafted.price_override, drafted.override_reason)
    w.open_dialog(
        PriceOverrideDialog(
            w, line.line_no, line.name, line.unit_price, code=line.code, changed=changed
        )
    )
