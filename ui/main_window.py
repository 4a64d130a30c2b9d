"""The sale screen: scan field, cart, member panel, totals, pay key, status bar.

Every action is a key (see ``SHORTCUTS``) and a button. Slots only collect
what the cashier typed and start an ``Op`` on a lane; results come back as
signals and are painted. The total and the member are the two things a
cashier looks for, so they get the largest type on the right-hand side.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QStatusBar,
    QTableWidget,
    QTableWidgetItem,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from drivers.base import CardRead, Classification, ReaderError, ScanRead
from pos_member.domain.errors import NotAllowed, UnknownProduct, UserFacingError
from pos_member.domain.identifiers import MEMBER_SCAN_KINDS
from pos_member.domain.money import Money
from ui.bridge import ReaderBridge
from ui.draft import Draft, DraftLine
from ui.errors import message_for_code, user_message
from ui.qtcompat import emit
from ui.tasks import DB, SYNC, Op, TaskRunner
from ui.views import HeldView, MemberView, PaymentResult, RecalledView, SaleView, SyncView
from ui.widgets import (
    NumberDialog,
    SupervisorDialog,
    big_label,
    caption,
    elided_label,
    enter_safe,
    money_text,
    restyle,
)

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Action:
    name: str
    key: str


# Every cashier action and its key. The action bar and the help screen are built from this.
SHORTCUTS: tuple[Action, ...] = (
    Action("help", "F1"),
    Action("member", "F2"),
    Action("clear_member", "F3"),
    Action("quantity", "F4"),
    Action("coupon", "F5"),
    Action("refund", "F6"),
    Action("recharge", "F7"),
    Action("hold", "F8"),
    Action("shift", "F9"),
    Action("count_card", "F10"),
    Action("lock", "F11"),
    Action("pay", "F12"),
    Action("void_line", "Del"),
    Action("void_sale", "Ctrl+Del"),
    Action("reprint", "Ctrl+P"),
    Action("manager", "Ctrl+M"),
    Action("escape", "Esc"),
)


class CashierWindow(QMainWindow):
    """The cashier's main window. ``backend`` is ``ui.backend.Backend`` (or a test double)."""

    sale_changed = Signal(object)  # SaleView, for the customer display
    member_changed = Signal(object)  # MemberView | None
    paid = Signal(object)  # PaymentResult
    message_shown = Signal(str, str)  # text, level
    lock_requested = Signal()

    def __init__(
        self,
        backend: Any,
        runner: TaskRunner,
        bridge: ReaderBridge,
        staff: Any,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("CashierWindow")
        self.backend = backend
        self.runner = runner
        self.bridge = bridge
        self.staff = staff
        self.draft = Draft()
        self.sale = SaleView.empty()
        self.member: MemberView | None = None
        self.held_waiting = 0  # held sales of this till in the store (status bar)
        self._hold_busy = False  # a hold, list or recall is on its way
        self._hold_timer = QTimer(self)  # F8 while a scan is still coming back: try again
        self._hold_timer.setSingleShot(True)
        self._hold_timer.setInterval(25)
        self._hold_timer.timeout.connect(self._hold_again)
        self.last_receipt: PaymentResult | None = None
        self._showing_change = False  # the last sale's change is on screen
        self._price_seq = 0
        self._dialog: QWidget | None = None
        self.runner.default_failure = self.show_error

        self.setWindowTitle(self.tr("pos-member — cashier"))
        self._build()
        self._build_shortcuts()
        self._connect_bridge()
        self._failed_receipt: str | None = None
        self._connect_printer()
        self._sync_timer = QTimer(self)
        self._sync_timer.setInterval(5000)
        self._sync_timer.timeout.connect(self.refresh_sync_state)
        self._sync_timer.start()
        self.refresh_sync_state()
        self.refresh_held()
        self.render_sale(self.sale)
        self.render_member(None)
        self.show_message(self.tr("Ready. Scan a product or tap a member card."), "info")
        self.scan_input.setFocus()
        self._pay_pending = False  # F12 is waiting for the shift check
        # The shift first: a till with no open shift asks for the opening float at once.
        Op(self.runner, self.backend.current_shift, owner=self).success(
            lambda sid: sid is None and self.ask_open_shift()
        ).failure(self.show_error).run()

    # ----------------------------------------------------------------- layout
    def _build(self) -> None:
        central = QWidget()
        central.setObjectName("saleScreen")
        root = QVBoxLayout(central)
        root.setContentsMargins(10, 8, 10, 4)
        root.setSpacing(6)

        top = QHBoxLayout()
        self.scan_input = QLineEdit()
        self.scan_input.setObjectName("scanInput")
        self.scan_input.setPlaceholderText(
            self.tr("Scan or type: product barcode, member card or phone number — Enter")
        )
        self.scan_input.returnPressed.connect(self._on_scan_entered)
        self.scan_input.installEventFilter(self)
        top.addWidget(self.scan_input, 1)
        self.staff_label = elided_label(self._staff_text(), "staffLabel")
        self.staff_label.setMaximumWidth(360)
        top.addWidget(self.staff_label)
        root.addLayout(top)

        body = QHBoxLayout()
        body.setSpacing(12)
        self.cart_table = QTableWidget(0, 6)
        self.cart_table.setObjectName("cartTable")
        self.cart_table.setHorizontalHeaderLabels(
            [
                self.tr("#"),
                self.tr("Item"),
                self.tr("Qty"),
                self.tr("Price"),
                self.tr("Discounts"),
                self.tr("Amount"),
            ]
        )
        self.cart_table.verticalHeader().setVisible(False)
        self.cart_table.setAlternatingRowColors(True)
        self.cart_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.cart_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.cart_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.cart_table.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        header = self.cart_table.horizontalHeader()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        for col in (0, 2, 3, 5):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self.cart_table.verticalHeader().setDefaultSectionSize(44)
        body.addWidget(self.cart_table, 3)

        side = QVBoxLayout()
        side.setSpacing(10)
        side.addWidget(self._build_member_panel(), 1)
        side.addWidget(self._build_totals())
        side_w = QWidget()
        side_w.setLayout(side)
        side_w.setMinimumWidth(380)
        side_w.setMaximumWidth(520)
        body.addWidget(side_w, 2)
        root.addLayout(body, 1)

        root.addWidget(self._build_action_bar())
        # One line, always on screen: a long message is cut with "…" (the whole text is
        # the tooltip), never wrapped into lines that push the status bar off the screen.
        self.message_label = elided_label("", "messageLabel")
        root.addWidget(self.message_label)
        self.setCentralWidget(central)
        self._build_status_bar()

    def _build_member_panel(self) -> QFrame:
        panel = QFrame()
        panel.setObjectName("memberPanel")
        grid = QGridLayout(panel)
        grid.setContentsMargins(14, 12, 14, 12)
        grid.setVerticalSpacing(4)
        self.member_name = elided_label("", "memberNameLabel")
        self.member_tier = big_label("", "memberTierLabel", Qt.AlignmentFlag.AlignCenter)
        self.member_phone = elided_label("", "memberPhoneLabel")
        self.member_balance = big_label("", "memberBalanceLabel")
        self.member_points = big_label("", "memberPointsLabel")
        self.member_coupons = big_label("", "couponsLabel")
        self.member_coupons.setWordWrap(True)
        self.member_birthday = big_label("", "birthdayLabel")
        self.member_expiring = big_label("", "expiringLabel")
        self.member_counts = big_label("", "countCardsLabel")
        self.member_counts.setWordWrap(True)
        self.member_owed = big_label("", "owedLabel")
        self.member_owed.setWordWrap(True)
        grid.addWidget(self.member_name, 0, 0)
        grid.addWidget(self.member_tier, 0, 1, Qt.AlignmentFlag.AlignRight)
        grid.addWidget(self.member_phone, 1, 0, 1, 2)
        self.balance_caption = caption(self.tr("Stored value"))
        self.points_caption = caption(self.tr("Points"))
        grid.addWidget(self.balance_caption, 2, 0)
        grid.addWidget(self.points_caption, 2, 1)
        grid.addWidget(self.member_balance, 3, 0)
        grid.addWidget(self.member_points, 3, 1)
        # The notes (coupons, birthday, expiring points, count cards, a debt) take the room
        # the screen has and scroll past it: they never make the window taller.
        notes = QWidget()
        notes.setObjectName("memberNotes")
        nv = QVBoxLayout(notes)
        nv.setContentsMargins(0, 0, 0, 0)
        nv.setSpacing(2)
        for w in (
            self.member_owed,
            self.member_birthday,
            self.member_coupons,
            self.member_expiring,
            self.member_counts,
        ):
            nv.addWidget(w)
        nv.addStretch(1)
        area = QScrollArea()
        area.setObjectName("memberNotesArea")
        area.setWidget(notes)
        area.setWidgetResizable(True)
        area.setFrameShape(QFrame.Shape.NoFrame)
        area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        area.setMinimumHeight(26)  # one line at least; the rest scrolls
        self.member_notes = area
        grid.addWidget(area, 4, 0, 1, 2)
        grid.setRowStretch(4, 1)
        self.member_panel = panel
        return panel

    def _build_totals(self) -> QFrame:
        panel = QFrame()
        panel.setObjectName("totalsPanel")
        v = QVBoxLayout(panel)
        v.setContentsMargins(16, 10, 16, 10)
        v.setSpacing(4)
        self.items_label = QLabel("")
        self.items_label.setObjectName("itemsLabel")
        self.original_label = QLabel("")
        self.original_label.setObjectName("originalLabel")
        self.savings_label = QLabel("")
        self.savings_label.setObjectName("savingsLabel")
        self.points_earned_label = QLabel("")
        self.points_earned_label.setObjectName("pointsEarnedLabel")
        # "To pay" while a sale is rung up; after payment "Change" with the change due in
        # the same large type, until the next sale starts (render_sale / render_member).
        due = QLabel(self.tr("To pay"))
        due.setObjectName("dueCaption")
        self.due_caption = due
        self.total_label = QLabel(money_text(self.sale.amount_due))
        self.total_label.setObjectName("totalLabel")
        self.total_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.pay_button = QPushButton(self.tr("Pay  F12"))
        self.pay_button.setObjectName("payButton")
        self.pay_button.clicked.connect(self.pay)
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
        v.addWidget(due)
        v.addWidget(self.total_label)
        v.addWidget(self.pay_button)
        return panel

    def _action_texts(self) -> dict[str, str]:
        return {
            "help": self.tr("Help"),
            "member": self.tr("Member"),
            "clear_member": self.tr("No member"),
            "quantity": self.tr("Quantity"),
            "coupon": self.tr("Coupon"),
            "refund": self.tr("Refund"),
            "recharge": self.tr("Recharge"),
            "hold": self.tr("Hold / recall"),
            "shift": self.tr("Shift / X-Z"),
            "count_card": self.tr("Count card"),
            "lock": self.tr("Lock"),
            "pay": self.tr("Pay"),
            "void_line": self.tr("Void line"),
            "void_sale": self.tr("Void sale"),
            "reprint": self.tr("Reprint"),
            "manager": self.tr("Manager"),
            "escape": self.tr("Clear / back"),
        }

    def _build_action_bar(self) -> QWidget:
        bar = QWidget()
        bar.setObjectName("actionBar")
        self._action_grid = QGridLayout(bar)
        self._action_grid.setContentsMargins(0, 0, 0, 0)
        self._action_grid.setSpacing(6)
        self._action_columns = 0
        texts = self._action_texts()
        self.action_buttons: dict[str, QPushButton] = {}
        for action in SHORTCUTS:
            if action.name in ("pay", "escape"):
                continue
            b = QPushButton(f"{action.key}\n{texts[action.name]}")
            b.setObjectName(f"{_camel(action.name)}Button")
            b.setProperty("class", "action")
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            b.clicked.connect(self._handler(action.name))
            self.action_buttons[action.name] = b
        self._place_actions(len(self.action_buttons))
        # Not as wide as one row of keys: on a narrow screen the keys go into two rows
        # (resizeEvent) instead of making the window wider than the screen.
        bar.setMinimumWidth(560)
        self.refund_button = self.action_buttons["refund"]
        self.recharge_button = self.action_buttons["recharge"]
        return bar

    def _place_actions(self, columns: int) -> None:
        """The keys in one row where the screen is wide enough, else in two."""
        if columns == self._action_columns:
            return
        self._action_columns = columns
        for b in self.action_buttons.values():
            self._action_grid.removeWidget(b)
        for i, b in enumerate(self.action_buttons.values()):
            self._action_grid.addWidget(b, i // columns, i % columns)

    def _actions_fit_in_one_row(self, width: int) -> bool:
        spacing = self._action_grid.horizontalSpacing()
        need = sum(b.sizeHint().width() + spacing for b in self.action_buttons.values())
        return need <= width - 20

    def resizeEvent(self, event: Any) -> None:  # noqa: N802 - Qt override
        n = len(self.action_buttons)
        one_row = self._actions_fit_in_one_row(event.size().width())
        self._place_actions(n if one_row else (n + 1) // 2)
        super().resizeEvent(event)

    def _build_status_bar(self) -> None:
        bar = QStatusBar()
        bar.setObjectName("statusBar")
        bar.setSizeGripEnabled(False)
        # Each label is cut with "…" when the bar is full: the bar never widens the window.
        self.sync_label = elided_label("", "syncStatusLabel")
        self.waiting_label = elided_label("", "waitingLabel")
        self.last_sync_label = elided_label("", "lastSyncLabel")
        # The PC's clock off head office's; the disk nearly full.
        self.clock_label = elided_label("", "clockSkewLabel")
        self.clock_label.setVisible(False)
        self.reader_label = elided_label(self.tr("Reader: —"), "readerStatusLabel")
        self.printer_label = elided_label(self.tr("Printer: ready"), "printerStatusLabel")
        self.busy_label = elided_label("", "busyLabel")
        self.held_label = elided_label("", "heldStatusLabel")
        for w in (
            self.sync_label,
            self.waiting_label,
            self.last_sync_label,
            self.clock_label,
            self.held_label,
        ):
            bar.addWidget(w)
        for w in (self.busy_label, self.reader_label, self.printer_label):
            bar.addPermanentWidget(w)
        self.setStatusBar(bar)
        self.runner.busy_changed.connect(self._on_busy)
        self._readers: set[str] = set()

    def _build_shortcuts(self) -> None:
        self._shortcuts: dict[str, QShortcut] = {}
        for action in SHORTCUTS:
            sc = QShortcut(QKeySequence(action.key), self)
            sc.setContext(Qt.ShortcutContext.WindowShortcut)
            sc.activated.connect(self._handler(action.name))
            self._shortcuts[action.name] = sc
        # Keypad Enter next to the numbers also pays when the scan field is empty.
        sc = QShortcut(QKeySequence("Ctrl+Return"), self)
        sc.activated.connect(self.pay)

    def _handler(self, name: str) -> Callable[[], None]:
        return getattr(self, f"action_{name}")  # type: ignore[no-any-return]

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        """Keys the scan field would otherwise eat: Del voids a line, ↑/↓ move in the cart."""
        if obj is self.scan_input and not self.scan_input.text():
            if event.type() == QEvent.Type.ShortcutOverride:
                key = event.key()  # type: ignore[attr-defined]
                if key == Qt.Key.Key_Delete:
                    return True  # not overridden: the Del / Ctrl+Del shortcuts fire
            elif event.type() == QEvent.Type.KeyPress:
                key = event.key()  # type: ignore[attr-defined]
                if key in (Qt.Key.Key_Up, Qt.Key.Key_Down) and self.cart_table.rowCount():
                    row = self.selected_row()
                    row += -1 if key == Qt.Key.Key_Up else 1
                    row = max(0, min(self.cart_table.rowCount() - 1, row))
                    self.cart_table.selectRow(row)
                    return True
        return super().eventFilter(obj, event)

    def _staff_text(self) -> str:
        name = getattr(self.staff, "name", "")
        sid = getattr(self.staff, "staff_id", "")
        return self.tr("Cashier: {name} ({id})").format(name=name, id=sid)

    # -------------------------------------------------------------- messages
    def show_message(self, text: str, level: str = "info") -> None:
        self.message_label.setText(text)
        if self.message_label.property("level") != level:
            self.message_label.setProperty("level", level)
            restyle(self.message_label)
        emit(self.message_shown, text, level)

    def show_error(self, exc: BaseException) -> None:
        self.show_message(user_message(exc), "error")

    # ------------------------------------------------------------ rendering
    def render_sale(self, sale: SaleView) -> None:
        self.sale = sale
        table = self.cart_table
        selected = self.selected_line_no()
        grew = len(sale.lines) > table.rowCount()
        table.setUpdatesEnabled(False)
        table.setRowCount(len(sale.lines))
        right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        for row, ln in enumerate(sale.lines):
            cells = (
                (str(ln.line_no), Qt.AlignmentFlag.AlignCenter),
                (ln.name, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                (ln.quantity_text, right),
                (money_text(ln.unit_price), right),
                (
                    "; ".join(self.adjustment_text(*r) for r in ln.reasons),
                    Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                ),
                (money_text(ln.net), right),
            )
            for col, (text, align) in enumerate(cells):
                item = table.item(row, col)
                if item is None:
                    item = QTableWidgetItem()
                    table.setItem(row, col, item)
                item.setText(text)
                item.setTextAlignment(align)
                item.setData(Qt.ItemDataRole.UserRole, ln.line_no)
        table.setUpdatesEnabled(True)
        if sale.lines:
            target = len(sale.lines) - 1
            if not grew:  # a new line gets the selection; otherwise keep the cashier's
                for row, ln in enumerate(sale.lines):
                    if ln.line_no == selected:
                        target = row
            table.selectRow(target)
            item = table.item(target, 0)
            if item is not None:
                table.scrollToItem(item)
        self.items_label.setText(self.tr("Items: {n}").format(n=sale.item_count))
        self.original_label.setText(
            self.tr("Before discounts: {amount}").format(amount=money_text(sale.original_total))
        )
        self._show(
            self.savings_label,
            self.tr("You save: {amount}").format(amount=money_text(sale.savings))
            if sale.savings.fen
            else "",
        )
        self._show(
            self.points_earned_label,
            self.tr("Points this sale: +{n}").format(n=sale.points_earned)
            if sale.points_earned
            else "",
        )
        if sale.lines or not self._showing_change:
            self._end_change()
            self.total_label.setText(money_text(sale.amount_due))
        self.pay_button.setEnabled(bool(sale.lines))
        emit(self.sale_changed, sale)

    @staticmethod
    def _show(label: QLabel, text: str) -> None:
        """Set the text; an empty label takes no room (the member panel stays compact)."""
        label.setText(text)
        label.setVisible(bool(text))

    def adjustment_text(self, kind: str, reason: str, ref: str, amount: Money) -> str:
        """One discount on a line, named in the cashier's language, with its amount."""
        names = {
            "member_price": self.tr("Member price"),
            "birthday_discount": self.tr("Birthday discount"),
            "rounding": self.tr("Rounding"),
            "price_override": self.tr("Price override"),
        }
        if kind == "coupon":
            label = self.tr("Coupon {code}").format(code=ref)
        elif kind == "tier_discount":
            label = reason  # the tier's own name and rate, e.g. 金卡会员 95%
        else:
            label = names.get(kind, reason)
        return f"{label} {money_text(amount)}"

    def _show_change(self, result: PaymentResult) -> None:
        """The change due, large, where the total was: it stays until the next sale starts."""
        self._showing_change = True
        self.due_caption.setText(self.tr("Change"))
        self.total_label.setText(money_text(result.change))
        self.total_label.setProperty("change", True)
        restyle(self.total_label)
        self.items_label.setText(self.tr("Paid {amount}").format(amount=money_text(result.paid)))
        self.original_label.setText(self.tr("Receipt {no}").format(no=result.receipt_no))

    def _end_change(self) -> None:
        if not self._showing_change:
            return
        self._showing_change = False
        self.due_caption.setText(self.tr("To pay"))
        self.total_label.setProperty("change", False)
        restyle(self.total_label)

    def render_member(self, member: MemberView | None) -> None:
        if member is not None and self._showing_change:
            self._end_change()  # the next customer's card: a new sale starts
            self.render_sale(self.sale)
        self.member = member
        if self.member_panel.property("member") != (member is not None):
            # Re-polishing a styled frame costs milliseconds: only when its look changes.
            self.member_panel.setProperty("member", member is not None)
            restyle(self.member_panel)
        if member is None:
            self.member_name.setText(self.tr("No member"))
            self.member_tier.setText("")
            self.member_tier.setStyleSheet("")
            self.member_phone.setText(
                self.tr("Tap the card, scan it, or press F2 for a phone number")
            )
            self.member_balance.setText("—")
            self.member_points.setText("—")
            for w in (
                self.member_coupons,
                self.member_birthday,
                self.member_expiring,
                self.member_counts,
                self.member_owed,
            ):
                self._show(w, "")
            emit(self.member_changed, None)
            return
        self.member_name.setText(member.masked_name)
        self.member_tier.setText(member.tier_name)
        self.member_tier.setStyleSheet(f"background: {member.tier_colour};")
        self.member_phone.setText(
            "  ".join(t for t in (member.masked_phone, member.masked_card) if t)
        )
        self.member_balance.setText(money_text(member.balance))
        self.member_points.setText(f"{member.points:,}")
        self._show(
            self.member_coupons,
            self.tr("Coupons: {list}").format(list="、".join(member.coupons))
            if member.coupons
            else self.tr("No coupons"),
        )
        self._show(
            self.member_birthday,
            self.tr("Birthday month: birthday benefits apply") if member.birthday else "",
        )
        self._show(
            self.member_expiring,
            self.tr("{n} points expire on {date}").format(
                n=f"{member.points_expiring:,}", date=member.points_expiring_on
            )
            if member.points_expiring
            else "",
        )
        self._show(self.member_counts, "  ".join(member.count_cards))
        owed = []
        if member.owed.fen:
            owed.append(
                self.tr("Owes {amount} of stored value").format(amount=money_text(member.owed))
            )
        if member.points_owed:
            owed.append(self.tr("Owes {n} points").format(n=f"{member.points_owed:,}"))
        if owed:
            owed.append(self.tr("Two stores spent the same balance offline; a recharge pays it."))
        self._show(self.member_owed, "\n".join(owed))
        emit(self.member_changed, member)

    # --------------------------------------------------------------- scanning
    def _on_scan_entered(self) -> None:
        text = self.scan_input.text().strip()
        self.scan_input.clear()
        if not text:
            return
        self.handle_scan(text)

    def handle_scan(self, text: str) -> None:
        """Route typed text or a scan: product, member card or phone (the classifier decides)."""
        self.handle_classified(self.backend.classify(text))

    def handle_classified(self, c: Classification) -> None:
        """Route a scan classified once (by the driver, or the scan field's ``classify``)."""
        text = c.raw.strip()
        if c.kind in MEMBER_SCAN_KINDS:
            self.identify(c)
        elif c.rejected:
            # In-store codes (PLU, 货号) are not barcodes: try them as products, and only
            # if no product has the code, say why the scan made no sense.
            self.add_product(text, rejection=c.problem)
        else:
            self.add_product(text)

    def identify(self, scan: Classification) -> None:
        Op(self.runner, lambda: self.backend.identify(scan), owner=self).success(
            self._member_found
        ).failure(self.show_error).run()

    def identify_card(self, read: CardRead) -> None:
        if read.refused:
            self.show_message(self.backend.refusal_text(read), "error")
            return
        Op(self.runner, lambda: self.backend.identify_card(read), owner=self).success(
            self._member_found
        ).failure(self.show_error).run()

    def _member_found(self, member: MemberView) -> None:
        self.render_member(member)
        self.draft = self.draft.with_member(
            int(member.member_id), member.card_id, member.card_counter, member.id_method
        )
        self.show_message(
            self.tr("Member {name} ({tier}) identified.").format(
                name=member.masked_name, tier=member.tier_name
            ),
            "ok",
        )
        if not self.draft.empty:
            self.reprice()

    def add_product(self, code: str, rejection: UserFacingError | None = None) -> None:
        draft_before = self.draft

        def work() -> tuple[Draft, SaleView] | DraftLine:
            line: DraftLine = self.backend.scan_line(code, draft_before.next_line_no())
            if line.weighed and line.weight_g is None:
                return line  # the cashier types the weight first
            new = draft_before.add(line)
            sale: SaleView = self.backend.price(new)
            return new, sale

        def failed(exc: BaseException) -> None:
            if rejection is not None and isinstance(exc, UnknownProduct):
                self.show_error(rejection)
            else:
                self.show_error(exc)

        Op(self.runner, work, owner=self).success(self._scanned).failure(failed).run()

    def _scanned(self, result: tuple[Draft, SaleView] | DraftLine) -> None:
        if isinstance(result, DraftLine):
            self._ask_weight(result)
        else:
            self._priced(result)

    def _ask_weight(self, line: DraftLine) -> None:
        dlg = NumberDialog(self.tr("Weight"), self.tr("Grams"), "", self)
        dlg.setObjectName("weightDialog")
        dlg.refuse_scans(self._number_scan_refusal())

        def got(text: str) -> None:
            t = text.strip()
            if not t.isdigit() or int(t) <= 0:
                self.show_message(
                    self.tr("“{text}” is not a whole number above zero.").format(text=t), "error"
                )
                return
            self.reprice(
                self.draft.add(replace(line, line_no=self.draft.next_line_no(), weight_g=int(t)))
            )

        dlg.accepted_text.connect(got)
        self._open(dlg)

    def reprice(self, draft: Draft | None = None) -> None:
        target = draft if draft is not None else self.draft
        if target.empty:
            self.draft = target
            self.render_sale(SaleView.empty())
            return
        Op(self.runner, lambda: (target, self.backend.price(target)), owner=self).success(
            self._priced
        ).failure(self.show_error).run()

    def _priced(self, result: tuple[Draft, SaleView]) -> None:
        draft, sale = result
        self.draft = draft
        self.render_sale(sale)
        if sale.lines:
            last = sale.lines[-1]
            self.show_message(
                self.tr("{name}  {qty}  {amount}").format(
                    name=last.name, qty=last.quantity_text, amount=money_text(last.net)
                ),
                "info",
            )

    def selected_row(self) -> int:
        rows = self.cart_table.selectionModel().selectedRows()
        return rows[0].row() if rows else -1

    def selected_line_no(self) -> int | None:
        row = self.selected_row()
        if row < 0:
            return None
        item = self.cart_table.item(row, 0)
        return int(item.data(Qt.ItemDataRole.UserRole)) if item is not None else None

    # ---------------------------------------------------------------- bridge
    def _connect_bridge(self) -> None:
        self.bridge.card_present.connect(self._on_card)
        self.bridge.scanned.connect(self._on_wedge_scan)
        self.bridge.error.connect(self._on_reader_error)
        self.bridge.reader_added.connect(self._on_reader_added)
        self.bridge.reader_removed.connect(self._on_reader_removed)

    def enable_wedge(self, driver: Any) -> None:
        """Keys typed while no text field has the focus go to the keyboard-wedge driver.

        A scanner types into whatever has the focus; when that is not the scan field
        (the cashier clicked the cart), its burst would be lost. The driver tells a
        scanner's burst from a person's typing and reports it through the bridge.
        """
        self._wedge = _WedgeFilter(self, driver)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self._wedge)

    def _busy_with_dialog(self) -> bool:
        """A card or scan that arrives while a dialog is open must not change the sale under it."""
        if self._dialog is not None and self._dialog.isVisible():
            self.show_message(self.tr("Finish or close the open window first (Esc)."), "error")
            return True
        return False

    def _on_card(self, read: CardRead) -> None:
        if not self._busy_with_dialog():
            self.identify_card(read)

    def _on_wedge_scan(self, scan: ScanRead) -> None:
        if not self._busy_with_dialog():
            self.handle_classified(scan.classification)

    def _on_reader_error(self, error: ReaderError) -> None:
        self.show_message(self.backend.reader_error_text(error), "error")

    def _on_reader_added(self, reader: str) -> None:
        self._readers.add(reader)
        self._render_readers()

    def _on_reader_removed(self, reader: str) -> None:
        self._readers.discard(reader)
        self._render_readers()

    def _render_readers(self) -> None:
        if self._readers:
            self.reader_label.setText(self.tr("Readers: {n}").format(n=len(self._readers)))
        else:
            self.reader_label.setText(self.tr("Reader: none"))

    # ------------------------------------------------------------------ sync
    def refresh_sync_state(self) -> None:
        if self.runner.pending_on(SYNC):
            return  # the last question to head office has not come back yet
        Op(self.runner, self.backend.sync_state, lane=SYNC, owner=self).success(
            self.render_sync
        ).failure(lambda exc: self.render_sync(SyncView(False, -1, "", user_message(exc)))).run()

    def render_sync(self, state: SyncView) -> None:
        self.sync_label.setText(self.tr("● Online") if state.online else self.tr("● Offline"))
        self.sync_label.setProperty("online", state.online)
        restyle(self.sync_label)
        self.waiting_label.setText(
            self.tr("Waiting to sync: {n}").format(n=state.waiting) if state.waiting >= 0 else ""
        )
        self.last_sync_label.setText(
            self.tr("Last sync: {t}").format(t=state.last_sync)
            if state.last_sync
            else self.tr("Last sync: never")
        )
        self.sync_label.setToolTip(state.detail)
        warning = "  ".join(w for w in (state.clock, state.disk) if w)
        self.clock_label.setText(warning)
        self.clock_label.setVisible(bool(warning))

    def _on_busy(self, _pending: int) -> None:
        self.busy_label.setText(self.tr("Working…") if self.runner.pending_on(DB) else "")

    # -------------------------------------------------------------- actions
    def action_help(self) -> None:
        texts = self._action_texts()
        rows = "".join(
            f"<tr><td><b>{a.key}</b>&nbsp;&nbsp;</td><td>{texts[a.name]}</td></tr>"
            for a in SHORTCUTS
        )
        box = QMessageBox(self)
        box.setObjectName("helpDialog")
        box.setWindowTitle(self.tr("Keys"))
        box.setTextFormat(Qt.TextFormat.RichText)
        box.setText(
            self.tr("Scan or type into the field at the top and press Enter.")
            + f"<table>{rows}</table>"
        )
        box.open()
        self._dialog = box

    def action_member(self) -> None:
        self.scan_input.setFocus()
        self.scan_input.setPlaceholderText(self.tr("Member: card number or phone number — Enter"))
        self.show_message(self.tr("Type the member's card or phone number and press Enter."))

    def action_clear_member(self) -> None:
        self.render_member(None)
        self.draft = self.draft.with_member(None)
        self.reprice()

    def action_quantity(self) -> None:
        line_no = self.selected_line_no()
        if line_no is None:
            self.show_message(self.tr("Choose a line first (↑/↓)."), "error")
            return
        line = next(ln for ln in self.draft.lines if ln.line_no == line_no)
        weighed = line.weighed
        dlg = NumberDialog(
            self.tr("Weight") if weighed else self.tr("Quantity"),
            self.tr("Grams") if weighed else self.tr("Quantity"),
            str(line.weight_g if weighed else line.quantity),
            self,
        )
        dlg.setObjectName("quantityDialog")
        dlg.refuse_scans(self._number_scan_refusal())
        dlg.accepted_text.connect(lambda t: self._set_quantity(line_no, weighed, t))
        self._open(dlg)

    def _number_scan_refusal(self) -> str:
        return self.tr(
            "That was a scan ({code}), not a number: nothing was changed. "
            "Type the number, or press Esc and scan on the sale."
        )

    def _set_quantity(self, line_no: int, weighed: bool, text: str) -> None:
        t = text.strip()
        if not t.isdigit() or int(t) <= 0:
            self.show_message(
                self.tr("“{text}” is not a whole number above zero.").format(text=t), "error"
            )
            return
        n = int(t)
        new = self.draft.with_quantity(line_no, None if weighed else n, n if weighed else None)
        self.reprice(new)

    def action_coupon(self) -> None:
        if self.member is None or not self.member.coupons:
            self.show_message(self.tr("This member has no coupon to use."), "error")
            return
        unused = [c for c in self.member.coupon_codes if c not in self.draft.coupons]
        dlg = NumberDialog(
            self.tr("Coupon"),
            self.tr("Coupon code"),
            unused[0] if unused else "",
            self,
        )
        dlg.setObjectName("couponDialog")
        dlg.accepted_text.connect(self._add_coupon)
        self._open(dlg)

    def _add_coupon(self, text: str) -> None:
        code = text.strip()
        if code:
            self.reprice(self.draft.with_coupons((*self.draft.coupons, code)))

    def action_void_line(self) -> None:
        line_no = self.selected_line_no()
        if line_no is None:
            return
        self.reprice(self.draft.without(line_no))
        self.show_message(self.tr("Line {n} voided.").format(n=line_no))

    def action_void_sale(self) -> None:
        if self.draft.empty and self.member is None:
            return
        self.with_approval("void", self.tr("Void the whole sale"), self._void_sale)

    def _void_sale(self, approval: Any) -> None:
        Op(
            self.runner,
            lambda: self.backend.void_sale(self.staff, self.draft, approval),
            owner=self,
        ).success(lambda _: self._new_sale(self.tr("Sale voided."))).failure(self.show_error).run()

    def _new_sale(self, message: str = "") -> None:
        self.draft = Draft()
        self.render_sale(SaleView.empty())
        self.render_member(None)
        if message:
            self.show_message(message, "ok")
        self.scan_input.setFocus()

    # ------------------------------------------------------------ held sales
    def refresh_held(self) -> None:
        """Ask the store how many held sales wait at this till (status bar)."""
        Op(self.runner, self.backend.held_count, owner=self).success(self.render_held).failure(
            lambda exc: log.warning("held sales not counted: %s", exc)
        ).run()

    def render_held(self, waiting: int) -> None:
        self.held_waiting = int(waiting)
        self.held_label.setText(
            self.tr("Held: {n} (F8)").format(n=self.held_waiting) if self.held_waiting else ""
        )

    def action_hold(self) -> None:
        """F8: hold the sale on screen; on an empty sale, recall a held one."""
        if self._hold_busy:
            return
        if self._dialog is not None and self._dialog.isVisible():
            return
        if self.runner.pending_on(DB):
            # A scan or a price change is still coming back: hold the sale once it is
            # on screen, so that nothing scanned before F8 is left out of it.
            self._hold_busy = True
            self._hold_timer.start()
            return
        if not self.draft.empty:
            self._hold(self.draft, self.member)
            return
        self._hold_busy = True
        Op(self.runner, self.backend.held_sales, owner=self).success(self._held_listed).failure(
            self._hold_failed_plain
        ).run()

    def _hold_again(self) -> None:
        self._hold_busy = False
        self.action_hold()

    def _hold(self, draft: Draft, member: MemberView | None) -> None:
        """The sale leaves the screen at once (the next customer can be rung up) and is
        written to the store on the database lane; if that fails it comes back."""
        self._hold_busy = True
        self._new_sale()
        self.show_message(self.tr("Holding the sale…"))
        Op(self.runner, lambda: self.backend.hold_sale(self.staff, draft), owner=self).success(
            self._held
        ).failure(lambda exc: self._hold_refused(draft, member, exc)).run()

    def _held(self, waiting: int) -> None:
        self._hold_busy = False
        self.render_held(waiting)
        self.show_message(
            self.tr("Sale held ({n} waiting). F8 on an empty sale recalls it.").format(n=waiting),
            "ok",
        )

    def _hold_refused(self, draft: Draft, member: MemberView | None, exc: BaseException) -> None:
        self._hold_busy = False
        text = user_message(exc)
        if self.draft.empty and self.member is None:
            self.draft = draft
            self.render_member(member)
            self.reprice(draft)
            text += " " + self.tr("The sale is back on screen.")
        self.show_message(text, "error")

    def _hold_failed_plain(self, exc: BaseException) -> None:
        self._hold_busy = False
        self.show_error(exc)

    def _held_listed(self, rows: list[HeldView]) -> None:
        self._hold_busy = False
        self.render_held(len(rows))
        if not self.draft.empty:
            return  # the cashier started a sale meanwhile: F8 now holds it
        if not rows:
            self.show_message(self.tr("No sale is held."), "error")
            return
        if len(rows) == 1:
            self.recall_held(rows[0].sale_id)
            return
        from ui.held import HeldSalesDialog

        dlg = HeldSalesDialog(rows, self)
        dlg.recall_chosen.connect(self.recall_held)
        dlg.discard_chosen.connect(lambda sid: self._discard_held(dlg, sid))
        self._open(dlg)

    def recall_held(self, sale_id: str) -> None:
        self._hold_busy = True
        self.show_message(self.tr("Recalling the held sale…"))
        Op(self.runner, lambda: self.backend.recall_held(sale_id), owner=self).success(
            self._recalled
        ).failure(self._recall_failed).run()

    def _recalled(self, r: RecalledView) -> None:
        self._hold_busy = False
        self.draft = r.draft
        self.render_member(r.member)
        self.render_sale(r.sale)
        self.render_held(r.waiting)
        notes: list[str] = []
        for code in r.dropped:
            notes.append(
                self.tr("Product {code} no longer exists: its line was left out.").format(code=code)
            )
        if r.coupons_dropped:
            notes.append(
                self.tr("Coupon {codes} no longer applies and was taken off.").format(
                    codes="、".join(r.coupons_dropped)
                )
            )
        if r.member_lost:
            notes.append(self.tr("The member could not be found again: tap the card."))
        text = self.tr("Sale held at {time} recalled.").format(time=r.time_text)
        self.show_message(" ".join([text, *notes]), "error" if notes else "ok")
        self.scan_input.setFocus()

    def _recall_failed(self, exc: BaseException) -> None:
        self._hold_busy = False
        self.show_error(exc)
        self.refresh_held()

    def _discard_held(self, dlg: Any, sale_id: str) -> None:
        """Discarding a held sale is a void: a cashier needs a supervisor's PIN."""

        def go(approval: Any) -> None:
            Op(
                self.runner,
                lambda: self.backend.discard_held(self.staff, sale_id, approval),
                owner=self,
            ).success(lambda n: self._discarded(dlg, sale_id, n)).failure(
                lambda exc: self._discard_failed(dlg, sale_id, exc)
            ).run()

        try:
            self.backend.check_allowed(self.staff, "void")
        except NotAllowed:
            sup = SupervisorDialog(
                self.runner,
                lambda sid, pin: self.backend.approve(sid, pin, "void"),
                self.tr("Discard a held sale"),
                dlg,
            )
            sup.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
            enter_safe(sup)
            sup.approved.connect(go)
            dlg.set_keys(False)  # Enter in the PIN field is not "recall"
            sup.finished.connect(lambda _r: shiboken6.isValid(dlg) and dlg.set_keys(True))
            sup.open()
            return
        go(None)

    def _discarded(self, dlg: Any, sale_id: str, waiting: int) -> None:
        self.render_held(waiting)
        self.show_message(self.tr("Held sale discarded."), "ok")
        if shiboken6.isValid(dlg):
            dlg.removed(sale_id)

    def _discard_failed(self, dlg: Any, sale_id: str, exc: BaseException) -> None:
        from pos_member.domain.errors import HeldSaleGone

        if not shiboken6.isValid(dlg):
            self.show_error(exc)
            return
        dlg.show_error(exc)
        if isinstance(exc, HeldSaleGone):
            dlg.removed(sale_id)
            self.refresh_held()

    def action_escape(self) -> None:
        if self.scan_input.text():
            self.scan_input.clear()
        if self.message_label.property("level") == "error":
            # Esc puts an old error away: the line says what the screen is ready for.
            self.show_message(self.tr("Ready. Scan a product or tap a member card."), "info")
        self.scan_input.setPlaceholderText(
            self.tr("Scan or type: product barcode, member card or phone number — Enter")
        )
        self.scan_input.setFocus()

    def unlocked(self) -> None:
        self.show_message(self.tr("Unlocked."), "ok")
        self.scan_input.setFocus()

    def action_lock(self) -> None:
        emit(self.lock_requested)

    def action_pay(self) -> None:
        self.pay()

    def ask_open_shift(self) -> None:
        """The shift dialog, to open the till's shift with its float (before the first sale)."""
        if self._dialog is not None and self._dialog.isVisible():
            return
        from ui.shift import ShiftDialog

        self._open(ShiftDialog(self, self, opening=True))

    def with_shift(self, then: Callable[[], None]) -> None:
        """``then()`` once the shift service says a shift is open; else ask to open one."""

        def refused(exc: BaseException) -> None:
            self._pay_pending = False
            self.show_error(exc)
            from pos_member.services.shifts import ShiftNotOpen

            if isinstance(exc, ShiftNotOpen):
                self.ask_open_shift()

        Op(self.runner, self.backend.require_shift, owner=self).success(
            lambda _sid: then()
        ).failure(refused).run()

    def pay(self) -> None:
        if self.draft.empty:
            self.show_message(self.tr("The cart is empty."), "error")
            return
        if self._pay_pending or (self._dialog is not None and self._dialog.isVisible()):
            return
        self._pay_pending = True
        self.with_shift(self._open_payment)

    def _open_payment(self) -> None:
        self._pay_pending = False
        if self.draft.empty or (self._dialog is not None and self._dialog.isVisible()):
            return
        from ui.payment import PaymentDialog

        dlg = PaymentDialog(
            self.backend, self.runner, self.staff, self.draft, self.sale, self.member, self
        )
        dlg.completed.connect(self._paid)
        self._open(dlg)

    def _paid(self, result: PaymentResult) -> None:
        self.last_receipt = result
        emit(self.paid, result)
        self._new_sale()
        self._show_change(result)
        text = self.tr("Paid. Receipt {no}.").format(no=result.receipt_no)
        if result.change.fen:
            text += " " + self.tr("Change: {amount}").format(amount=money_text(result.change))
        self.show_message(text, "ok")
        self.print_receipt(result.receipt_no)
        self.backend.sync_now()
        self.refresh_sync_state()

    def print_receipt(self, receipt_no: str, reprint: bool = False) -> None:
        """Build the receipt on the database lane; the printer's own thread prints it."""
        self.printer_label.setText(self.tr("Printer: printing…"))
        call = self.backend.reprint if reprint else self.backend.print_receipt
        Op(self.runner, lambda: call(receipt_no), owner=self).failure(
            lambda exc: self._print_failed(receipt_no, user_message(exc))
        ).run()

    def _connect_printer(self) -> None:
        printing = getattr(self.backend, "printing", None)
        if printing is None:
            self.printer_label.setText(self.tr("Printer: none"))
            return
        self.attach_printing(printing)

    def attach_printing(self, printing: Any) -> None:
        """Follow the printer's outcomes (the app opens the printer after the login)."""
        self.printer_label.setText(self.tr("Printer: ready"))
        printing.bridge.printed.connect(self._printed)
        printing.bridge.failed.connect(
            lambda o: self._print_failed(o.receipt_no, self._printer_text(o))
        )

    def _printer_text(self, outcome: Any) -> str:
        """The printer's failure in the cashier's language (the error, else its code)."""
        if getattr(outcome, "problem", None) is not None:
            return user_message(outcome.problem)
        name = self.backend.printing.service.printer.name
        return message_for_code(outcome.error_code, {"printer": name}, str(outcome.message))

    def _printed(self, outcome: Any) -> None:
        self.printer_label.setText(self.tr("Printer: ready"))
        self.printer_label.setProperty("failed", False)
        restyle(self.printer_label)
        if outcome.receipt_no == self._failed_receipt:
            self._failed_receipt = None

    def _print_failed(self, receipt_no: str, text: str) -> None:
        self.printer_label.setText(self.tr("Printer: failed — Ctrl+P reprints"))
        self.printer_label.setProperty("failed", True)
        restyle(self.printer_label)
        self._failed_receipt = receipt_no
        self.show_message(
            text + " " + self.tr("Press Ctrl+P to reprint receipt {no}.").format(no=receipt_no),
            "error",
        )

    def action_reprint(self) -> None:
        receipt = self._failed_receipt or (
            self.last_receipt.receipt_no if self.last_receipt else None
        )
        if receipt is None:
            self.show_message(self.tr("No receipt to reprint."), "error")
            return
        self.show_message(self.tr("Reprinting receipt {no}.").format(no=receipt))
        self.print_receipt(receipt, reprint=True)

    def action_refund(self) -> None:
        self.with_shift(self._open_refund)

    def _open_refund(self) -> None:
        if self._dialog is not None and self._dialog.isVisible():
            return
        from ui.refund import RefundDialog

        self._open(RefundDialog(self, self))

    def action_recharge(self) -> None:
        if self.member is None:
            self.show_message(
                self.tr("Recharge needs a member: tap or scan the card first."), "error"
            )
            return
        self.with_shift(self._open_recharge)

    def _open_recharge(self) -> None:
        if self.member is None or (self._dialog is not None and self._dialog.isVisible()):
            return
        from ui.recharge import RechargeDialog

        self._open(RechargeDialog(self, self.member, self))

    def action_count_card(self) -> None:
        if self.member is None:
            self.show_message(
                self.tr("Count cards need a member: tap or scan the card first."), "error"
            )
            return
        from ui.recharge import CountCardDialog

        self._open(CountCardDialog(self, self.member, self))

    def action_shift(self) -> None:
        from ui.shift import ShiftDialog

        self._open(ShiftDialog(self, self))

    def action_manager(self) -> None:
        """Manager mode after a manager's id and PIN (ui.manager.open_manager)."""
        from ui.manager import open_manager

        open_manager(self, self.backend, runner=self.runner, bridge=self.bridge, opener=self._open)

    # ---------------------------------------------------------- helpers
    def with_approval(self, action: str, text: str, then: Callable[[Any], None]) -> None:
        """Run ``then(approval)``: at once if this staff may, else after a supervisor's PIN."""
        try:
            self.backend.check_allowed(self.staff, action)
        except NotAllowed:
            dlg = SupervisorDialog(
                self.runner,
                lambda sid, pin: self.backend.approve(sid, pin, action),
                text,
                self,
            )
            dlg.approved.connect(then)
            self._open(dlg)
            return
        except UserFacingError as exc:
            self.show_error(exc)
            return
        then(None)

    def _open(self, dlg: QWidget) -> None:
        self._dialog = dlg
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        if isinstance(dlg, QDialog):
            enter_safe(dlg)
        dlg.finished.connect(self._dialog_closed)  # type: ignore[attr-defined]
        dlg.open()  # type: ignore[attr-defined]

    def _dialog_closed(self) -> None:
        self._dialog = None
        self.activateWindow()
        self.scan_input.setFocus()

    def refresh_member(self) -> None:
        """Fetch the member's balances again (after a sale, recharge or count-card use)."""
        if self.member is None:
            return
        mid = int(self.member.member_id)
        Op(self.runner, lambda: self.backend.member(mid), owner=self).success(
            self.render_member
        ).failure(self.show_error).run()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        self._sync_timer.stop()
        super().closeEvent(event)


class _WedgeFilter(QObject):
    """Forwards printable keys and Enter to the wedge driver when no text field has the focus."""

    TEXT_INPUTS = (QLineEdit, QAbstractSpinBox, QTextEdit, QPlainTextEdit, QComboBox)

    def __init__(self, window: CashierWindow, driver: Any) -> None:
        super().__init__(window)
        self._window = window
        self._driver = driver

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() != QEvent.Type.KeyPress:
            return False
        w = self._window
        if not w.isActiveWindow() or (w._dialog is not None and w._dialog.isVisible()):
            return False
        focus = QApplication.focusWidget()
        if isinstance(focus, self.TEXT_INPUTS) or obj is not (focus or w):
            return False
        key = event.key()  # type: ignore[attr-defined]
        text = event.text()  # type: ignore[attr-defined]
        mods = event.modifiers()  # type: ignore[attr-defined]
        if mods & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier):
            return False
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._driver.feed_key("\r")
            return True
        if len(text) == 1 and text.isprintable():
            self._driver.feed_key(text)
            return True
        return False


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(p.capitalize() for p in rest)
