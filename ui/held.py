"""The list of held sales (F8 on an empty sale): choose one with ↑/↓, Enter recalls it.

Del discards the chosen one after a confirmation (and, for a cashier, a
supervisor's PIN: discarding is a void); Esc closes the list and changes
nothing. The dialog only shows the rows and says what the cashier chose:
the cashier window recalls or discards on the database lane.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHeaderView,
    QLabel,
    QMessageBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ui.dialogs import button_row, key_button, message_label
from ui.errors import user_message
from ui.qtcompat import emit
from ui.views import HeldView
from ui.widgets import bind_key, money_text


class HeldSalesDialog(QDialog):
    """Held sales of this till, newest first."""

    recall_chosen = Signal(str)  # sale id
    discard_chosen = Signal(str)  # sale id, confirmed

    def __init__(self, rows: list[HeldView], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("heldSalesDialog")
        self.setWindowTitle(self.tr("Held sales"))
        self.setMinimumSize(820, 460)
        self.rows: list[HeldView] = []
        self._confirm: QMessageBox | None = None

        self.hint = QLabel(self.tr("↑/↓ choose   Enter recall   Del discard   Esc close"))
        self.hint.setObjectName("heldHintLabel")
        self.table = QTableWidget(0, 5)
        self.table.setObjectName("heldTable")
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Held at"),
                self.tr("Member"),
                self.tr("Lines"),
                self.tr("Amount"),
                self.tr("Items"),
            ]
        )
        self.table.verticalHeader().setVisible(False)
        self.table.setAlternatingRowColors(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        for col in (0, 1, 2, 3):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setDefaultSectionSize(44)
        self.table.doubleClicked.connect(self.recall)

        self.message = message_label()
        self.recall_button = key_button(
            self, self.tr("Recall  Enter"), self.recall, name="recallHeldButton"
        )
        self.discard_button = key_button(
            self, self.tr("Discard  Del"), self.ask_discard, name="discardHeldButton"
        )
        close = key_button(self, self.tr("Close  Esc"), self.reject, name="closeHeldButton")
        for b in (self.recall_button, self.discard_button, close):
            b.setAutoDefault(False)
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)

        layout = QVBoxLayout(self)
        layout.addWidget(self.hint)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        layout.addLayout(
            button_row(close, self.discard_button, self.recall_button, wide=self.recall_button)
        )

        # Keys go to the table; these answer before it (the table would pass Enter on).
        self._keys = [bind_key(self, key, self.recall) for key in ("Return", "Enter")]
        self._keys.append(bind_key(self, "Del", self.ask_discard))
        self.show_rows(rows)
        self.table.setFocus()

    def show_rows(self, rows: list[HeldView]) -> None:
        self.rows = list(rows)
        table = self.table
        table.setRowCount(len(rows))
        right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        left = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        for r, h in enumerate(rows):
            cells = (
                (h.time_text, left),
                (h.member_text or self.tr("No member"), left),
                (str(h.line_count), right),
                (money_text(h.amount) if h.amount is not None else "—", right),
                (h.summary, left),
            )
            for col, (text, align) in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setTextAlignment(align)
                item.setData(Qt.ItemDataRole.UserRole, h.sale_id)
                if col == 4:
                    item.setToolTip(h.summary)
                table.setItem(r, col, item)
        if rows:
            table.selectRow(0)
        self.recall_button.setEnabled(bool(rows))
        self.discard_button.setEnabled(bool(rows))

    def chosen(self) -> HeldView | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows or rows[0].row() >= len(self.rows):
            return None
        return self.rows[rows[0].row()]

    def recall(self) -> None:
        if self._confirm is not None:
            return
        h = self.chosen()
        if h is None:
            return
        emit(self.recall_chosen, h.sale_id)
        self.accept()

    def ask_discard(self) -> None:
        h = self.chosen()
        if h is None or self._confirm is not None:
            return
        box = QMessageBox(self)
        box.setObjectName("discardHeldConfirm")
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(self.tr("Discard held sale"))
        box.setText(
            self.tr(
                "Discard the sale held at {time}: {items} (lines: {lines})? "
                "It cannot be recalled afterwards."
            ).format(time=h.time_text, lines=h.line_count, items=h.summary)
        )
        discard = box.addButton(self.tr("Discard  Enter"), QMessageBox.ButtonRole.DestructiveRole)
        keep = box.addButton(self.tr("Keep  Esc"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(discard)
        box.setEscapeButton(keep)
        sale_id = h.sale_id

        def done() -> None:
            self._confirm = None
            self.set_keys(True)
            if box.clickedButton() is discard:
                emit(self.discard_chosen, sale_id)
            self.table.setFocus()

        box.finished.connect(done)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        self._confirm = box
        self.set_keys(False)
        box.open()
        box.activateWindow()
        discard.setFocus()

    def set_keys(self, enabled: bool) -> None:
        """Enter and Del belong to a window opened over the list (a question, a PIN)."""
        for sc in self._keys:
            sc.setEnabled(enabled)

    def removed(self, sale_id: str) -> None:
        """The held sale is gone (discarded here, or recalled elsewhere)."""
        self.show_rows([h for h in self.rows if h.sale_id != sale_id])
        if not self.rows:
            self.accept()

    def show_error(self, exc: BaseException) -> None:
        self.message.setText(user_message(exc))
