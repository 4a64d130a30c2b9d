"""The sale screen: scan field, cart, member panel, totals, keys, message line, status bar.

The window composes small widgets (``ui.cart``, ``ui.member_panel``,
``ui.action_bar``, ``ui.message_line``, ``ui.statusbar``) and two flows
(``ui.held_flow`` for F8, ``ui.printer_flow`` for receipts). Every action is a
key (see ``SHORTCUTS``) and a button. Slots only collect what the cashier typed
and start an ``Op`` on a lane; each result is applied to ``ui.state.ScreenState``
in one call, whose single broadcast of what changed (``OpChanges``) the widgets
repaint from. The total and the member are the two things a cashier looks for,
so they get the largest type on the right-hand side.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeyEvent, QKeySequence, QResizeEvent, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QHBoxLayout,
    QLineEdit,
    QMainWindow,
    QVBoxLayout,
    QWidget,
)

from drivers.base import CardRead
from drivers.wedge import KeyboardWedgeDriver
from pos_member.domain.errors import NotAllowed, ShiftNotOpen, UserFacingError
from pos_member.services.context import Approval, StaffSession
from ui.action_bar import SHORTCUTS, ActionBar
from ui.backend import Backend
from ui.bridge import ReaderBridge
from ui.cart import CartTable, PromotionStrip, TotalsPanel
from ui.draft import Draft
from ui.errors import user_message
from ui.held_flow import HeldSalesFlow
from ui.member_panel import MemberPanel
from ui.message_line import MessageLine
from ui.printer_flow import ReceiptFlow
from ui.printing import Printing
from ui.qtcompat import emit
from ui.sale_flow import SaleFlow
from ui.state import KEEP, Keep, OpChanges, ScreenState
from ui.tasks import SYNC, Op, TaskRunner
from ui.views import MemberView, PaymentResult, SaleView, SyncView
from ui.wedge import WedgeFilter
from ui.widgets import SupervisorDialog, elided_label, enter_safe, money_text

__all__ = ["SHORTCUTS", "CashierWindow"]

log = logging.getLogger(__name__)


class CashierWindow(QMainWindow):
    """The cashier's main window on ``backend`` (``ui.backend.Backend``)."""

    sale_changed = Signal(object)  # SaleView, for the customer display
    member_changed = Signal(object)  # MemberView | None
    paid = Signal(object)  # PaymentResult
    message_shown = Signal(str, str)  # text, level
    lock_requested = Signal()
    closing = Signal()  # the window is closing for good (the customer display clears)

    def __init__(
        self,
        backend: Backend,
        runner: TaskRunner,
        bridge: ReaderBridge,
        staff: StaffSession,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("CashierWindow")
        self.backend = backend
        self.runner = runner
        self.bridge = bridge
        self.staff = staff
        self.state = ScreenState(self)
        self.state.changed.connect(self._changed)
        self.last_receipt: PaymentResult | None = None
        self._dialog: QWidget | None = None
        self._pay_pending = False  # F12 is waiting for the shift check
        self._wedge: WedgeFilter | None = None
        self.runner.default_failure = self.show_error

        self.setWindowTitle(self.tr("pos-member — cashier"))
        self._build()
        self._build_shortcuts()
        self.sale_flow = SaleFlow(self, self.bridge)
        self.held_flow = HeldSalesFlow(self)
        self.receipts = ReceiptFlow(self)
        from ui.open_sale_guard import OpenSaleGuard

        self.open_sale = OpenSaleGuard(self)
        from ui.member_lookup import MemberLookupFlow

        self.lookup = MemberLookupFlow(self)
        self._member_mode = False  # F2: the next Enter is a member (4 digits: phone ending)
        self._sync_timer = QTimer(self)
        self._sync_timer.setInterval(5000)
        self._sync_timer.timeout.connect(self.refresh_sync_state)
        self._sync_timer.start()
        self.refresh_sync_state()
        self.held_flow.refresh()
        self.state.apply(sale=self.state.sale, member=None)
        self.show_message(self.tr("Ready. Scan a product or tap a member card."), "info")
        self.scan_input.setFocus()
        # The shift first: a till with no open shift asks for the opening float at once.
        Op(self.runner, self.backend.current_shift, owner=self).success(self._shift_found).failure(
            self.show_error
        ).run()

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
        self.scan_input.setPlaceholderText(self._scan_hint())
        self.scan_input.returnPressed.connect(self._on_scan_entered)
        self.scan_input.installEventFilter(self)
        top.addWidget(self.scan_input, 1)
        self.staff_label = elided_label(self._staff_text(), "staffLabel")
        self.staff_label.setMaximumWidth(360)
        top.addWidget(self.staff_label)
        root.addLayout(top)

        body = QHBoxLayout()
        body.setSpacing(12)
        self.cart_table = CartTable(self.state)
        self.promotion_strip = PromotionStrip(self.state)  # under the cart: taken, and missing
        cart = QVBoxLayout()
        cart.addWidget(self.cart_table, 1)
        cart.addWidget(self.promotion_strip)
        body.addLayout(cart, 3)
        side = QVBoxLayout()
        side.setSpacing(10)
        self.member_panel = MemberPanel(self.state)
        self.totals = TotalsPanel(self.state)
        self.totals.pay_clicked.connect(self.pay)
        side.addWidget(self.member_panel, 1)
        side.addWidget(self.totals)
        side_w = QWidget()
        side_w.setLayout(side)
        side_w.setMinimumWidth(380)
        side_w.setMaximumWidth(520)
        body.addWidget(side_w, 2)
        root.addLayout(body, 1)

        self.action_bar = ActionBar()
        self.action_bar.triggered.connect(lambda name: self._handler(name)())
        self.action_buttons = self.action_bar.buttons
        root.addWidget(self.action_bar)
        self.message_label = MessageLine()
        self.message_label.shown.connect(lambda text, level: emit(self.message_shown, text, level))
        root.addWidget(self.message_label)
        self.setCentralWidget(central)
        from ui.statusbar import StatusBar

        self.status = StatusBar(self.state, self.runner, self.bridge)
        self.setStatusBar(self.status)

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
        handler: Callable[[], None] = getattr(self, f"action_{name}")
        return handler

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        self.action_bar.fit(event.size().width())
        super().resizeEvent(event)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        """Keys the scan field would otherwise eat: Del voids a line, ↑/↓ move in the cart."""
        if obj is self.scan_input and not self.scan_input.text() and isinstance(event, QKeyEvent):
            key = event.key()
            if event.type() == QEvent.Type.ShortcutOverride and key == Qt.Key.Key_Delete:
                return True  # not overridden: the Del / Ctrl+Del shortcuts fire
            arrow = key in (Qt.Key.Key_Up, Qt.Key.Key_Down)
            step = -1 if key == Qt.Key.Key_Up else 1
            if (
                event.type() == QEvent.Type.KeyPress
                and arrow
                and self.cart_table.move_selection(step)
            ):
                return True
        return super().eventFilter(obj, event)

    def _staff_text(self) -> str:
        return self.tr("Cashier: {name} ({id})").format(
            name=self.staff.name, id=self.staff.staff_id
        )

    def _scan_hint(self) -> str:
        return self.tr("Scan or type: product barcode, member card or phone number — Enter")

    # ------------------------------------------------------ state, messages
    @property
    def draft(self) -> Draft:
        return self.state.draft

    @property
    def sale(self) -> SaleView:
        return self.state.sale

    @property
    def member(self) -> MemberView | None:
        return self.state.member

    def _changed(self, changes: OpChanges) -> None:
        """The screen's one broadcast, passed on to the customer display."""
        if changes.cart:
            emit(self.sale_changed, self.state.sale)
        if changes.member:
            emit(self.member_changed, self.state.member)

    def render_sale(self, sale: SaleView) -> None:
        self.state.apply(sale=sale)

    def render_member(self, member: MemberView | None) -> None:
        self.state.apply(member=member)

    def render_held(self, waiting: int) -> None:
        self.state.apply(held=waiting)

    def render_sync(self, state: SyncView) -> None:
        self.state.apply(sync=state)

    def show_message(self, text: str, level: str = "info") -> None:
        self.message_label.say(text, level)

    def show_error(self, exc: BaseException) -> None:
        self.show_message(user_message(exc), "error")

    def _on_scan_entered(self) -> None:
        text = self.scan_input.text().strip()
        self.scan_input.clear()
        member_mode, self._member_mode = self._member_mode, False
        self.scan_input.setPlaceholderText(self._scan_hint())
        if member_mode and len(text) == 4 and text.isascii() and text.isdigit():
            self.lookup.by_tail(text)  # F2 + the phone's last 4 digits: the pick list
        elif text:
            self.handle_scan(text)

    def handle_scan(self, text: str) -> None:
        """Route typed text or a scan: product, member card or phone (the classifier decides)."""
        self.sale_flow.handle_classified(self.backend.classify(text))

    def identify_card(self, read: CardRead) -> None:
        self.sale_flow.identify_card(read)

    def reprice(self, draft: Draft | None = None) -> None:
        self.sale_flow.reprice(draft)

    def selected_line_no(self) -> int | None:
        return self.cart_table.selected_line_no()

    # ---------------------------------------------------------------- bridge
    def enable_wedge(self, driver: KeyboardWedgeDriver) -> None:
        """Keys typed while no text field has the focus go to the keyboard-wedge driver."""
        self._wedge = WedgeFilter(self, driver)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self._wedge)

    def dialog_open(self) -> bool:
        return self._dialog is not None and self._dialog.isVisible()

    def refresh_sync_state(self) -> None:
        if self.runner.pending_on(SYNC):
            return  # the last question to head office has not come back yet
        Op(self.runner, self.backend.sync_state, lane=SYNC, owner=self).success(
            self.render_sync
        ).failure(lambda exc: self.render_sync(SyncView(False, -1, "", user_message(exc)))).run()

    # -------------------------------------------------------------- actions
    def action_help(self) -> None:
        self._dialog = self.action_bar.open_help(self)

    def action_member(self) -> None:
        self.scan_input.setFocus()
        self._member_mode = True
        self.scan_input.setPlaceholderText(
            self.tr("Member: card number, phone number or its last 4 digits — Enter")
        )
        self.show_message(
            self.tr(
                "Type the member's card number, phone number or the phone's last 4 digits "
                "and press Enter."
            )
        )

    def action_clear_member(self) -> None:
        self.sale_flow.clear_member()

    def action_quantity(self) -> None:
        self.sale_flow.quantity()

    def action_coupon(self) -> None:
        self.sale_flow.coupon()

    def action_void_line(self) -> None:
        self.sale_flow.void_line()

    def action_void_sale(self) -> None:
        self.sale_flow.void_sale()

    def new_sale(self, message: str = "", paid: PaymentResult | Keep | None = KEEP) -> None:
        self.state.apply(draft=Draft(), sale=SaleView.empty(), member=None, paid=paid)
        if message:
            self.show_message(message, "ok")
        self.scan_input.setFocus()

    _new_sale = new_sale

    def action_hold(self) -> None:
        """F8: hold the sale on screen; on an empty sale, recall a held one."""
        self.held_flow.f8()

    def refresh_held(self) -> None:
        self.held_flow.refresh()

    def action_escape(self) -> None:
        if self.scan_input.text():
            self.scan_input.clear()
        self._member_mode = False
        if self.message_label.level == "error":
            # Esc puts an old error away: the line says what the screen is ready for.
            self.show_message(self.tr("Ready. Scan a product or tap a member card."), "info")
        self.scan_input.setPlaceholderText(self._scan_hint())
        self.scan_input.setFocus()

    def unlocked(self) -> None:
        self.staff_label.setText(self._staff_text())
        self.show_message(self.tr("Unlocked."), "ok")
        self.scan_input.setFocus()

    def action_lock(self) -> None:
        if self.open_sale.needed():
            text = self.tr("Locking the till leaves the counter to another login.")
            self.open_sale.ask(text, lambda: emit(self.lock_requested))
            return
        emit(self.lock_requested)

    def action_pay(self) -> None:
        self.pay()

    # ---------------------------------------------------------------- shift
    def _shift_found(self, shift_id: int | None) -> None:
        self.state.apply(shift_id=shift_id)
        if shift_id is None:
            self.ask_open_shift()

    def ask_open_shift(self) -> None:
        """The shift dialog, to open the till's shift with its float (before the first sale)."""
        if self.dialog_open():
            return
        from ui.shift import ShiftDialog

        self._open(ShiftDialog(self, self, opening=True))

    def with_shift(self, then: Callable[[], None]) -> None:
        """``then()`` once the shift service says a shift is open; else ask to open one."""

        def refused(exc: BaseException) -> None:
            self._pay_pending = False
            self.show_error(exc)
            if isinstance(exc, ShiftNotOpen):
                self.state.apply(shift_id=None)
                self.ask_open_shift()

        Op(self.runner, self.backend.require_shift, owner=self).success(
            lambda _sid: then()
        ).failure(refused).run()

    def action_shift(self) -> None:
        from ui.shift import ShiftDialog

        self._open(ShiftDialog(self, self))

    # --------------------------------------------------------------- paying
    def pay(self) -> None:
        if self.draft.empty:
            self.show_message(self.tr("The cart is empty."), "error")
            return
        if self._pay_pending or self.dialog_open():
            return
        self._pay_pending = True
        self.with_shift(self._open_payment)

    def _open_payment(self) -> None:
        self._pay_pending = False
        if self.draft.empty or self.dialog_open():
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
        self.new_sale(paid=result)  # the change, large, where the total was
        text = self.tr("Paid. Receipt {no}.").format(no=result.receipt_no)
        if result.change.fen:  # one sentence: no space after a Chinese 。
            text = self.tr("Paid. Receipt {no}. Change: {amount}").format(
                no=result.receipt_no, amount=money_text(result.change)
            )
        self.show_message(text, "ok")
        self.print_receipt(result.receipt_no)
        self.backend.sync_now()
        self.refresh_sync_state()

    def print_receipt(self, receipt_no: str, reprint: bool = False) -> None:
        self.receipts.print_receipt(receipt_no, reprint)

    def attach_printing(self, printing: Printing) -> None:
        self.receipts.attach(printing)

    def action_reprint(self) -> None:
        self.receipts.reprint()

    # ------------------------------------------------------- other dialogs
    def action_refund(self) -> None:
        self.with_shift(self._open_refund)

    def _open_refund(self) -> None:
        if not self.dialog_open():
            from ui.refund import RefundDialog

            self._open(RefundDialog(self, self))

    def _needs_member(self, text: str) -> bool:
        if self.member is None:
            self.show_message(text, "error")
            return True
        return False

    def action_recharge(self) -> None:
        if not self._needs_member(self.tr("Recharge needs a member: tap or scan the card first.")):
            self.with_shift(self._open_recharge)

    def _open_recharge(self) -> None:
        if self.member is not None and not self.dialog_open():
            from ui.recharge import RechargeDialog

            self._open(RechargeDialog(self, self.member, self))

    def action_anonymous_card(self) -> None:
        """Shift+F7: sell anonymous prepaid cards (不记名卡), no member (ui.anonymous_cards)."""
        self.with_shift(self._open_anonymous_cards)

    def _open_anonymous_cards(self) -> None:
        if not self.dialog_open():
            from ui.anonymous_cards import AnonymousCardsDialog

            self._open(AnonymousCardsDialog(self, self))

    def action_count_card(self) -> None:
        text = self.tr("Count cards need a member: tap or scan the card first.")
        if not self._needs_member(text) and self.member is not None:
            from ui.recharge import CountCardDialog

            self._open(CountCardDialog(self, self.member, self))

    def action_register(self) -> None:
        """Ctrl+N: register the customer by phone (ui.member_lookup)."""
        self.lookup.register()

    def action_drawer(self) -> None:
        """Ctrl+D: open the cash drawer without a sale (audited; ui.drawer)."""
        from ui.drawer import open_drawer

        open_drawer(self)

    def action_price(self) -> None:
        """Ctrl+G: change the chosen line's price with a reason (ui.price_override)."""
        from ui.price_override import change_price

        change_price(self)

    def action_sale_discount(self) -> None:
        """Ctrl+K: 整单折扣 with a reason and a supervisor's PIN (ui.sale_discount)."""
        from ui.sale_discount import discount_sale

        discount_sale(self)

    def action_gift(self) -> None:
        """Ctrl+J: 积分兑换, a gift for points or points + cash (ui.gifts)."""
        from ui.gifts import take_gift

        take_gift(self)

    def action_manager(self) -> None:
        """Manager mode after a manager's id and PIN (ui.manager.open_manager)."""
        from ui.manager import open_manager

        open_manager(self, self.backend, runner=self.runner, bridge=self.bridge, opener=self._open)

    # ---------------------------------------------------------- helpers
    def with_approval(
        self, action: str, text: str, then: Callable[[Approval | None], None]
    ) -> None:
        """Run ``then(approval)``: at once if this staff may, else after a supervisor's PIN."""
        try:
            self.backend.check_allowed(self.staff, action)
        except NotAllowed:
            dlg = SupervisorDialog(
                self.runner, lambda sid, pin: self.backend.approve(sid, pin, action), text, self
            )
            dlg.approved.connect(then)
            self._open(dlg)
            return
        except UserFacingError as exc:
            self.show_error(exc)
            return
        then(None)

    def open_dialog(self, dlg: QDialog) -> None:
        self._dialog = dlg
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        enter_safe(dlg)
        dlg.finished.connect(self._dialog_closed)
        dlg.open()

    _open = open_dialog

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
        if self.open_sale.needed() and not self.open_sale.closing_allowed:
            event.ignore()  # Alt+F4 with a basket on screen: ask, hold, then close
            text = self.tr("Closing the window would lose it.")
            self.open_sale.ask(text, self.open_sale.close_window)
            return
        self._sync_timer.stop()
        emit(self.closing)
        super().closeEvent(event)
