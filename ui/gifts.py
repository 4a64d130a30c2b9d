"""Ctrl+J: 积分兑换 — the gifts the member's points can take, chosen with ↑/↓ and Enter.

The list shows each gift at each of its rates (500分, or 200分 + ¥5.00) that the
member's points reach and that this till still has; Enter adds the gift to the
sale at its cash part, its points paid by the member (checkout checks both
again and writes the points debit with the sale). Esc closes and changes nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from pos_member.services.gifts import GiftOffer
from ui.dialogs import CashierDialog, button_row, key_button
from ui.draft import DraftLine
from ui.tasks import Op
from ui.widgets import bind_key, money_text

if TYPE_CHECKING:
    from ui.main_window import CashierWindow

TESTED_IN = "tests/gui/test_gifts.py"


def rate_text(offer: GiftOffer) -> str:
    """'500分' or '200分 + ¥5.00'."""
    points = QCoreApplication.translate("GiftDialog", "{points} points").format(points=offer.points)
    return points + (f" + {money_text(offer.cash)}" if offer.cash.fen else "")


class GiftDialog(CashierDialog):
    """The gifts the member can take now, fewest points first."""

    def __init__(self, window: CashierWindow, offers: list[GiftOffer]) -> None:
        super().__init__(window, window)
        self.setObjectName("giftDialog")
        self.setWindowTitle(self.tr("Gifts for points"))
        self.setMinimumSize(640, 400)
        self.offers = [o for o in offers if o.takeable]
        self.hint = QLabel(self.tr("↑/↓ choose   Enter take the gift   Esc close"))
        self.hint.setObjectName("giftHintLabel")
        self.table = QTableWidget(len(self.offers), 3)
        self.table.setObjectName("giftTable")
        self.table.setHorizontalHeaderLabels([self.tr("Gift"), self.tr("Price"), self.tr("Left")])
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for r, o in enumerate(self.offers):
            left = "—" if o.stock_left is None else str(o.stock_left)
            for c, text in enumerate((o.name, rate_text(o), left)):
                self.table.setItem(r, c, QTableWidgetItem(text))
        if self.offers:
            self.table.selectRow(0)
        self.take_button = key_button(
            self, self.tr("Take  Enter"), self.take, name="takeGiftButton"
        )
        close = key_button(self, self.tr("Close  Esc"), self.reject, name="closeGiftButton")
        for b in (self.take_button, close):
            b.setAutoDefault(False)
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.take_button.setEnabled(bool(self.offers))
        layout = QVBoxLayout(self)
        layout.addWidget(self.hint)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        layout.addLayout(button_row(close, self.take_button, wide=self.take_button))
        self._keys = [bind_key(self, key, self.take) for key in ("Return", "Enter")]
        self.table.setFocus()

    def chosen(self) -> GiftOffer | None:
        rows = self.table.selectionModel().selectedRows()
        return self.offers[rows[0].row()] if rows else None

    def take(self) -> None:
        o = self.chosen()
        if o is None:
            return
        w = self.window_
        line = DraftLine(w.draft.next_line_no(), o.sku, quantity=1, gift=o.rate)
        self.accept()
        w.reprice(w.draft.add(line))


def take_gift(w: CashierWindow) -> None:
    """Ctrl+J on the sale screen: the pick list of the gifts the member can take."""
    if w.dialog_open():
        return
    if w.member is None or w.draft.member_id is None:
        w.show_message(
            QCoreApplication.translate(
                "GiftDialog", "Identify the member first (F2), then press Ctrl+J for a gift."
            ),
            "error",
        )
        return
    draft = w.draft

    def shown(offers: list[GiftOffer]) -> None:
        if not any(o.takeable for o in offers):
            w.show_message(_none_text(offers), "error")
            return
        w.open_dialog(GiftDialog(w, offers))

    Op(w.runner, lambda: w.backend.gift_offers(draft), owner=w).success(shown).failure(
        w.show_error
    ).run()


def _none_text(offers: list[GiftOffer]) -> str:
    """Why no gift can be taken: none on offer, none in stock, or the points short."""
    if not offers:
        return QCoreApplication.translate("GiftDialog", "No gifts for points are on offer now.")
    in_stock = [o for o in offers if o.stock_left != 0]
    if not in_stock:
        return QCoreApplication.translate(
            "GiftDialog", "The gifts are out of stock: no gift left to give."
        )
    short = min(o.short_by for o in in_stock)
    return QCoreApplication.translate(
        "GiftDialog", "Not enough points: {missing} more are needed."
    ).format(missing=short)
