"""The manager's page of events head office refused (``refusedPage``, Ctrl+3).

Head office refuses an event that cannot have happened (a refund of a sale it
does not have, an adjustment beyond its approver...) and lists it for review;
the till sets it aside and never sends it again. This page lists what the till
set aside: when, what kind of event, the member and amounts it concerns, head
office's reason in the manager's language and what to do next. Reading runs on
the ``db`` lane (``ManagerBackend.refused``); nothing here changes anything.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pos_member.sync.client import HQ_REASONS
from ui.errors import translate, user_message
from ui.manager.backend import ManagerBackend, RefusedRow
from ui.qtcompat import emit
from ui.tasks import Op, TaskRunner
from ui.widgets import money_text

RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


class RefusedView(QWidget):
    """The list of refused events; ``refresh()`` reads it again (off the GUI thread)."""

    loaded = Signal(object)  # list[RefusedRow]

    def __init__(self, backend: ManagerBackend, runner: TaskRunner) -> None:
        super().__init__()
        self.setObjectName("refusedPage")
        self.backend = backend
        self.runner = runner
        self.rows: list[RefusedRow] = []
        v = QVBoxLayout(self)
        v.setContentsMargins(4, 6, 4, 4)
        title = QLabel(self.tr("Events head office refused"))
        title.setObjectName("refusedTitle")
        v.addWidget(title)
        self.help_label = QLabel(
            self.tr(
                "Head office refused these events because its own books say they cannot have "
                "happened. Nothing of them was applied at head office, and this till does not "
                "send them again. Do not enter them again: call head office or IT and give them "
                "the event id."
            )
        )
        self.help_label.setObjectName("refusedHelpLabel")
        self.help_label.setWordWrap(True)
        v.addWidget(self.help_label)
        self.table = QTableWidget(0, 8)
        self.table.setObjectName("refusedTable")
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("When"),
                self.tr("Event"),
                self.tr("Member"),
                self.tr("Amount"),
                self.tr("Points"),
                self.tr("Receipt"),
                self.tr("Head office's reason"),
                self.tr("Event id"),
            ]
        )
        t = self.table
        t.verticalHeader().setVisible(False)
        t.setAlternatingRowColors(True)
        t.setWordWrap(True)
        t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        t.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        t.verticalHeader().setDefaultSectionSize(34)
        header = t.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(6, QHeaderView.ResizeMode.Stretch)
        t.itemSelectionChanged.connect(self._selected)
        v.addWidget(t, 1)
        self.empty_label = QLabel("")
        self.empty_label.setObjectName("refusedEmptyLabel")
        self.empty_label.setWordWrap(True)
        v.addWidget(self.empty_label)
        self.next_label = QLabel("")
        self.next_label.setObjectName("refusedNextLabel")
        self.next_label.setWordWrap(True)
        self.next_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        v.addWidget(self.next_label)

    # ------------------------------------------------------------------ texts
    def kind_text(self, kind: str) -> str:
        return {
            "sale.completed": self.tr("Sale"),
            "refund.completed": self.tr("Refund"),
            "recharge.completed": self.tr("Recharge"),
            "stored_value.adjusted": self.tr("Stored value adjustment"),
            "points.adjusted": self.tr("Points adjustment"),
            "points.expired": self.tr("Points expiry"),
            "member.registered": self.tr("Member registration"),
            "member.updated": self.tr("Member details changed"),
            "member.tier_changed": self.tr("Tier change"),
            "card.issued": self.tr("Card issued"),
            "card.reported_lost": self.tr("Card reported lost"),
            "card.found": self.tr("Card found"),
            "card.replaced": self.tr("Card replaced"),
            "card.fee": self.tr("Card fee"),
            "coupon.issued": self.tr("Coupon given"),
            "count_card.used": self.tr("Count card used"),
            "member.pay_pin_set": self.tr("Payment PIN set"),
            "member.pay_pin_failed": self.tr("Wrong payment PIN"),
            "shift.closed": self.tr("Shift closed"),
        }.get(kind, kind)

    def reason_text(self, row: RefusedRow) -> str:
        known = HQ_REASONS.get(row.code)
        if known is not None:
            return translate(known)
        if row.code == "local":
            return self.tr("this till could not put the event in the form head office reads")
        return row.reason

    # ------------------------------------------------------------------- data
    def refresh(self) -> None:
        self.empty_label.setText(self.tr("Reading…"))
        Op(self.runner, self.backend.refused, owner=self).success(self.show_rows).failure(
            self._failed
        ).run()

    def _failed(self, exc: BaseException) -> None:
        self.empty_label.setText(user_message(exc))

    def show_rows(self, rows: list[RefusedRow]) -> None:
        self.rows = list(rows)
        t = self.table
        t.blockSignals(True)
        t.setRowCount(len(rows))
        for r, row in enumerate(rows):
            reason = self.reason_text(row)
            cells = (
                QTableWidgetItem(row.at[:16]),
                QTableWidgetItem(self.kind_text(row.kind)),
                QTableWidgetItem(row.member or "—"),
                QTableWidgetItem(money_text(row.amount) if row.amount is not None else ""),
                QTableWidgetItem(f"{row.points:+,}" if row.points is not None else ""),
                QTableWidgetItem(row.receipt_no),
                QTableWidgetItem(reason),
                QTableWidgetItem(row.event_id),
            )
            for col in (3, 4):
                cells[col].setTextAlignment(RIGHT)
            cells[6].setToolTip(reason)
            for col, item in enumerate(cells):
                t.setItem(r, col, item)
        t.blockSignals(False)
        t.resizeRowsToContents()
        t.setVisible(bool(rows))
        if rows:
            self.empty_label.setText(
                self.tr("{n} event(s) set aside, none of them applied.").format(n=len(rows))
            )
            t.selectRow(0)
        else:
            self.empty_label.setText(
                self.tr(
                    "Nothing refused: head office has taken every event this till sent. "
                    "There is nothing to do here."
                )
            )
            self.next_label.setText("")
        self._selected()
        emit(self.loaded, self.rows)

    def selected(self) -> RefusedRow | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows or rows[0].row() >= len(self.rows):
            return None
        return self.rows[rows[0].row()]

    def _selected(self) -> None:
        row = self.selected()
        if row is None:
            return
        self.next_label.setText(self.next_text(row))

    def next_text(self, row: RefusedRow) -> str:
        return self.tr(
            "What to do: the {kind} of {at} was not applied. Call head office or IT and give "
            "them the event id {id}; they decide whether it is entered again."
        ).format(kind=self.kind_text(row.kind).lower(), at=row.at[:16], id=row.event_id)

    def focus_list(self) -> None:
        self.table.setFocus()
