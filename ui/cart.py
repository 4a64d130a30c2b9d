"""The sale's lines (the cart) and its totals with the pay key: two widgets of the sale screen.

Both repaint from ``ui.state.ScreenState`` when its broadcast says the cart (or
the last sale's change) changed; neither calls the core.
"""

from __future__ import annotations

from PySide6.QtCore import QLocale, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pos_member.domain.money import Money
from pos_member.domain.text import as_zhe
from ui.qtcompat import emit
from ui.state import OpChanges, ScreenState
from ui.views import SaleView
from ui.widgets import elided_label, money_text, restyle, show_text


class CartTable(QTableWidget):
    """One row per line: number, item, quantity, price, discounts, amount."""

    def __init__(self, state: ScreenState, parent: QWidget | None = None) -> None:
        super().__init__(0, 6, parent)
        self.setObjectName("cartTable")
        self._state = state
        self.setHorizontalHeaderLabels(
            [
                self.tr("#"),
                self.tr("Item"),
                self.tr("Qty"),
                self.tr("Price"),
                self.tr("Discounts"),
                self.tr("Amount"),
            ]
        )
        self.verticalHeader().setVisible(False)
        self.setAlternatingRowColors(True)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        header = self.horizontalHeader()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        for col in (0, 2, 3, 5):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self.verticalHeader().setDefaultSectionSize(44)
        state.changed.connect(self._changed)

    def _changed(self, changes: OpChanges) -> None:
        if changes.cart:
            self.paint_sale(self._state.sale)

    def paint_sale(self, sale: SaleView) -> None:
        selected = self.selected_line_no()
        grew = len(sale.lines) > self.rowCount()
        self.setUpdatesEnabled(False)
        self.setRowCount(len(sale.lines))
        right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        left = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        for row, ln in enumerate(sale.lines):
            cells = (
                (str(ln.line_no), Qt.AlignmentFlag.AlignCenter),
                (ln.name, left),
                (ln.quantity_text, right),
                (money_text(ln.unit_price), right),
                ("; ".join(self.adjustment_text(*r) for r in ln.reasons), left),
                (money_text(ln.net), right),
            )
            for col, (text, align) in enumerate(cells):
                item = self.item(row, col)
                if item is None:
                    item = QTableWidgetItem()
                    self.setItem(row, col, item)
                item.setText(text)
                item.setTextAlignment(align)
                item.setData(Qt.ItemDataRole.UserRole, ln.line_no)
                if col in (1, 4):  # a long name or list of discounts elides: the whole text
                    item.setToolTip(text)
        self.setUpdatesEnabled(True)
        if sale.lines:
            target = len(sale.lines) - 1
            if not grew:  # a new line gets the selection; otherwise keep the cashier's
                for row, ln in enumerate(sale.lines):
                    if ln.line_no == selected:
                        target = row
            self.selectRow(target)
            item = self.item(target, 0)
            if item is not None:
                self.scrollToItem(item)

    def adjustment_text(self, kind: str, reason: str, ref: str, amount: Money) -> str:
        """One discount on a line, named in the cashier's language, with its amount."""
        names = {
            "member_price": self.tr("Member price"),
            "birthday_discount": self.tr("Birthday discount"),
            "rounding": self.tr("Rounding"),
            "price_override": self.tr("Price override"),
            "sale_discount": self.tr("Sale discount"),
        }
        if kind == "coupon":
            label = self.tr("Coupon {code}").format(code=ref)
        elif kind == "tier_discount":
            # The tier's own name and rate: 金卡会员 95%, said 金卡会员 9.5折 in Chinese.
            chinese = QLocale().language() == QLocale.Language.Chinese
            label = as_zhe(reason) if chinese else reason
        else:
            label = names.get(kind, reason)
        text = f"{label} {money_text(amount)}"
        # 改价 and 整单折扣 carry the supervisor's reason ("95%：老顾客" for the latter),
        # after the amount: a narrow column elides the reason, never the amount.
        why = reason.partition("：")[2] if kind == "sale_discount" else reason
        if kind in ("price_override", "sale_discount") and why and why != "price override":
            text = self.tr("{label} ({reason})").format(label=text, reason=why)
        return text

    def selected_row(self) -> int:
        rows = self.selectionModel().selectedRows()
        return rows[0].row() if rows else -1

    def selected_line_no(self) -> int | None:
        row = self.selected_row()
        if row < 0:
            return None
        item = self.item(row, 0)
        return int(item.data(Qt.ItemDataRole.UserRole)) if item is not None else None

    def move_selection(self, step: int) -> bool:
        """↑/↓ from the scan field: the selection moves one line (False: no lines)."""
        if not self.rowCount():
            return False
        row = max(0, min(self.rowCount() - 1, self.selected_row() + step))
        self.selectRow(row)
        return True


class TotalsPanel(QFrame):
    """Items, savings, points and the amount to pay in large type; after payment, the change."""

    pay_clicked = Signal()

    def __init__(self, state: ScreenState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("totalsPanel")
        self._state = state
        v = QVBoxLayout(self)
        v.setContentsMargins(16, 10, 16, 10)
        v.setSpacing(4)
        self.items_label = _label("itemsLabel")
        self.original_label = _label("originalLabel")
        self.savings_label = _label("savingsLabel")
        self.points_earned_label = _label("pointsEarnedLabel")
        # "To pay" while a sale is rung up; after payment "Change" with the change due in
        # the same large type, until the next sale starts.
        self.due_caption = _label("dueCaption", self.tr("To pay"))
        self.total_label = _label("totalLabel", money_text(state.sale.amount_due))
        self.total_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.pay_button = QPushButton(self.tr("Pay  F12"))
        self.pay_button.setObjectName("payButton")
        self.pay_button.clicked.connect(lambda: emit(self.pay_clicked))
        self.pay_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        # Two short rows, not four lines: the screen is 768 pixels high.
        for left, right in (
            (self.items_label, self.original_label),
            (self.savings_label, self.points_earned_label),
        ):
            row = QHBoxLayout()
            row.addWidget(left)
            row.addStretch(1)
            row.addWidget(right)
            v.addLayout(row)
        v.addStretch(1)
        v.addWidget(self.due_caption)
        v.addWidget(self.total_label)
        v.addWidget(self.pay_button)
        state.changed.connect(self._changed)

    def _changed(self, changes: OpChanges) -> None:
        if changes.cart or changes.change:
            self.repaint_totals()

    def repaint_totals(self) -> None:
        sale, paid = self._state.sale, self._state.paid
        show_text(
            self.savings_label,
            self.tr("You save: {amount}").format(amount=money_text(sale.savings))
            if sale.savings.fen
            else "",
        )
        show_text(
            self.points_earned_label,
            self.tr("Points this sale: +{n}").format(n=sale.points_earned)
            if sale.points_earned
            else "",
        )
        if paid is None:
            self.items_label.setText(self.tr("Items: {n}").format(n=sale.item_count))
            self.original_label.setText(
                self.tr("Before discounts: {amount}").format(amount=money_text(sale.original_total))
            )
            self.due_caption.setText(self.tr("To pay"))
            self.total_label.setText(money_text(sale.amount_due))
        else:
            self.items_label.setText(self.tr("Paid {amount}").format(amount=money_text(paid.paid)))
            self.original_label.setText(self.tr("Receipt {no}").format(no=paid.receipt_no))
            self.due_caption.setText(self.tr("Change"))
            self.total_label.setText(money_text(paid.change))
        if bool(self.total_label.property("change")) != (paid is not None):
            self.total_label.setProperty("change", paid is not None)
            restyle(self.total_label)
        self.pay_button.setEnabled(bool(sale.lines))


class PromotionStrip(QFrame):
    """One line under the cart: the promotions the sale took (left) and the nearest spend
    promotion not reached yet (right, "¥12.50 more for 满100减20"). Each text is cut with
    "…" rather than growing the screen (the whole text is its tooltip); the strip takes
    no room while it has nothing to say, and clears once the sale is paid."""

    def __init__(self, state: ScreenState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("promotionStrip")
        self._state = state
        row = QHBoxLayout(self)
        row.setContentsMargins(4, 0, 4, 0)
        self.promotions_label = elided_label("", "promotionsLabel")
        self.hint_label = elided_label("", "promotionHintLabel", Qt.AlignmentFlag.AlignRight)
        row.addWidget(self.promotions_label, 1)
        row.addWidget(self.hint_label, 1)
        self.setVisible(False)
        state.changed.connect(self._changed)

    def _changed(self, changes: OpChanges) -> None:
        if changes.cart or changes.change:
            self.paint(self._state.sale if self._state.paid is None else SaleView.empty())

    def paint(self, sale: SaleView) -> None:
        taken = (
            self.tr("Promotions: {names}").format(names=self.tr(", ").join(sale.promotions))
            if sale.promotions
            else ""
        )
        hint = (
            self.tr("{amount} more for {reward}").format(
                amount=money_text(sale.hint_missing), reward=sale.hint_reward
            )
            if sale.hint_missing is not None
            else ""
        )
        for label, text in ((self.promotions_label, taken), (self.hint_label, hint)):
            label.setText(text)
            label.setToolTip(text)
            label.setVisible(bool(text))
        self.setVisible(bool(taken or hint))


def _label(name: str, text: str = "") -> QLabel:
    label = QLabel(text)
    label.setObjectName(name)
    return label
