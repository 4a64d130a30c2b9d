"""The customer display: a second window facing the customer (for a second screen).

It follows the cashier window's signals: the lines, the total and the
savings while the sale is rung up; after payment, the change and the
member's new balance and points. It takes no input.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ui.views import MemberView, PaymentResult, SaleView
from ui.widgets import money_text

if TYPE_CHECKING:
    from ui.main_window import CashierWindow


class CustomerDisplay(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("customerDisplay")
        self.setWindowTitle(self.tr("Customer display"))
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.welcome = QLabel(self.tr("Welcome"))
        self.welcome.setObjectName("customerWelcomeLabel")
        self.welcome.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.table = QTableWidget(0, 3)
        self.table.setObjectName("customerLines")
        self.table.setHorizontalHeaderLabels([self.tr("Item"), self.tr("Qty"), self.tr("Amount")])
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setVisible(False)
        self.table.setShowGrid(False)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setDefaultSectionSize(44)
        self.savings = QLabel("")
        self.savings.setObjectName("customerSavingsLabel")
        self.total = QLabel(money_text(SaleView.empty().amount_due))
        self.total.setObjectName("customerTotalLabel")
        self.total.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.after = QLabel("")
        self.after.setObjectName("customerAfterLabel")
        self.after.setWordWrap(True)
        self.after.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._holding = False  # after payment, the paid sale stays until the next one starts
        self.total_caption = QLabel(self.tr("Total"))
        self.total_caption.setObjectName("customerTotalCaption")
        total_row = QHBoxLayout()
        total_row.addWidget(self.total_caption)
        total_row.addWidget(self.total, 1)
        v = QVBoxLayout(self)
        v.setContentsMargins(24, 18, 24, 18)
        v.addWidget(self.welcome)
        v.addWidget(self.table, 1)
        v.addWidget(self.savings)
        v.addLayout(total_row)
        v.addWidget(self.after)
        self.resize(1024, 600)

    def follow(self, window: CashierWindow) -> None:
        window.sale_changed.connect(self.show_sale)
        window.member_changed.connect(self.show_member)
        window.paid.connect(self.show_paid)
        window.closing.connect(self.close)  # nothing stays on show once the till closes

    def show_on_second_screen(self) -> None:
        screens = QGuiApplication.screens()
        if len(screens) > 1:
            geo = screens[1].geometry()
            self.move(geo.topLeft())
            self.showFullScreen()
        else:
            self.show()

    def show_sale(self, sale: SaleView) -> None:
        if not sale.lines and self._holding:
            return
        self._holding = False
        self.total_caption.setText(self.tr("Total"))
        if sale.lines:
            self.after.setText("")
        self.table.setRowCount(len(sale.lines))
        for row, ln in enumerate(sale.lines):
            for col, text in enumerate((ln.name, ln.quantity_text, money_text(ln.net))):
                item = QTableWidgetItem(text)
                if col:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.table.setItem(row, col, item)
        if sale.lines:
            self.table.scrollToBottom()
        self.total.setText(money_text(sale.amount_due))
        self.savings.setText(
            self.tr("You save {amount}").format(amount=money_text(sale.savings))
            if sale.savings.fen
            else ""
        )

    def show_member(self, member: MemberView | None) -> None:
        if member is None:
            self.welcome.setText(self.tr("Welcome"))
        else:
            self.welcome.setText(
                self.tr("Welcome, {name} · {tier}").format(
                    name=member.masked_name, tier=member.tier_name
                )
            )

    def show_paid(self, result: PaymentResult) -> None:
        self._holding = True
        self.total_caption.setText(self.tr("Paid"))
        self.total.setText(money_text(result.paid))
        parts = [self.tr("Thank you!")]
        if result.change.fen:
            parts.append(self.tr("Change {amount}").format(amount=money_text(result.change)))
        if result.member_balance is not None:
            parts.append(
                self.tr("Stored value now {amount}").format(
                    amount=money_text(result.member_balance)
                )
            )
        if result.member_points is not None:
            parts.append(
                self.tr("Points now {n} (+{earned})").format(
                    n=f"{result.member_points:,}", earned=result.points_earned
                )
            )
        self.after.setText("\n".join(parts))
