"""The cashier app's one typed door into ``pos_member``: the facade over ``ui.operations``.

Every method here is called on a ``TaskRunner`` lane (never on the GUI
thread, except ``classify``/``check_allowed``/the message texts, which touch no
database). Each one hands the core (the services' ``Context``) to an operation
of ``ui.operations`` and returns its ``ui.views`` value. No price, discount,
balance, limit or benefit is decided here or in the operations: the services do.
The facade also holds what lives as long as the app: the settings bundle, the
printer, the sync thread and the scan classifier.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from drivers.base import CardRead, Classification, ReaderError
from drivers.classify import Classifier
from pos_member.config import Config
from pos_member.domain.cards import CardNumberRule
from pos_member.domain.errors import PrinterNotFound
from pos_member.domain.money import Money
from pos_member.domain.prepaid import BuyerKind
from pos_member.domain.pricing import PricedSale
from pos_member.domain.rules import ProgrammeRules, RegistrationRules
from pos_member.services import auth, gifts
from pos_member.services.anonymous_cards import AnonymousPreview, AnonymousSale
from pos_member.services.context import Approval, Context, StaffSession
from pos_member.services.gifts import GiftOffer
from pos_member.services.prepaid import BankTransferInput, RealNameInput
from pos_member.services.shifts import CashCheck, ShiftReport
from pos_member.settings import SyncSettings
from pos_member.sync.client import SyncState
from ui.draft import Draft, DraftLine
from ui.operations import (
    anonymous_cards,
    held,
    members,
    no_receipt_refund,
    recharge,
    refund,
    sale,
    shifts,
    sync,
)
from ui.operations.recharge import RechargePreview
from ui.operations.sale import PaymentInfo, PaymentPreview, Tenders
from ui.timefmt import local_time
from ui.views import (
    HeldView,
    MemberView,
    PaymentResult,
    RecalledView,
    ReceiptForRefund,
    RefundPreview,
    SaleView,
    SyncView,
)

if TYPE_CHECKING:
    from pos_member.bootstrap import Terminal
    from pos_member.sync.client import SyncClient, SyncThread
    from ui.printing import Printing

__all__ = ["Backend", "PaymentInfo", "PaymentPreview", "Tenders"]

log = logging.getLogger(__name__)


class Backend:
    """The screens' facade: each method runs one operation on the services' ``Context``."""

    def __init__(
        self,
        ctx: Context,
        *,
        printing: Printing | None = None,
        sync_state: Callable[[], SyncView] | None = None,
        terminal: Terminal | None = None,
    ) -> None:
        self.ctx = ctx
        self.printing = printing  # None when no printer is set up (or not yet open)
        self.terminal = terminal  # pos_member.bootstrap.Terminal, when opened by the app
        self.config = terminal.config if terminal is not None else Config.of(ctx.settings)
        # The same "expiring soon" window as the receipt, so screen and paper agree.
        self.expiring_within_days = self.config.receipt.expiring_within_days
        self._sync_state = sync_state
        self.sync_thread: SyncThread | None = None
        self._sync_client: SyncClient | None = None
        self._card_rule: CardNumberRule | None = None
        self._classifier: Classifier | None = None
        self._disk_low = False

    def close(self) -> None:
        if self.sync_thread is not None:
            self.sync_thread.stop(timeout=2.0)
        if self.printing is not None:
            self.printing.close()
        self.ctx.store.close()

    # ------------------------------------------------------------- rules
    def rules(self) -> ProgrammeRules:
        with self.ctx.store.reading() as s:
            _, rules = self.ctx.rules(s)
        return rules

    @property
    def card_rule(self) -> CardNumberRule | None:
        """The programme's card rule, once ``warm_up`` read it (no database call)."""
        return self._card_rule

    def warm_up(self) -> None:
        """Load what the GUI thread needs later without a database call (the card rule)."""
        self._card_rule = self.rules().card_rule
        self._classifier = Classifier(rule=self._card_rule, layouts=self.ctx.scale_layouts)

    def local_time(self, stamp: str) -> str:
        """A stored UTC timestamp as the store's local time, to the second."""
        return local_time(stamp, self.ctx.settings.timezone)

    # ------------------------------------------------------------- staff
    def login(self, staff_id: str, pin: str) -> StaffSession:
        return auth.login(self.ctx, staff_id, pin)

    def approve(self, staff_id: str, pin: str, action: str) -> Approval:
        return auth.approve(self.ctx, staff_id, pin, action)

    def check_allowed(self, staff: StaffSession, action: str) -> None:
        """Raises ``NotAllowed`` when ``staff`` needs a supervisor for ``action``."""
        auth.require(staff, action, None)

    # ---------------------------------------------------------- scanning
    def classify(self, text: str) -> Classification:
        """What the scan field got, by the drivers' classifier and the programme's card rule."""
        if self._classifier is None:
            self._classifier = Classifier(
                rule=self._card_rule or CardNumberRule(), layouts=self.ctx.scale_layouts
            )
        return self._classifier.classify(text)

    def refusal_text(self, read: CardRead) -> str:
        from ui.errors import problem_text

        code = read.reason.value if read.reason else "card"
        return problem_text(read.problem, code, read.message)

    def reader_error_text(self, error: ReaderError) -> str:
        from ui.errors import message_for_code, user_message

        if error.problem is not None:
            return user_message(error.problem)
        return message_for_code(
            error.code, {"reader": error.reader or "", **error.details}, error.message
        )

    # ----------------------------------------------------------- members
    def identify(self, scan: Classification) -> MemberView:
        return members.identify(self.ctx, scan, self.expiring_within_days)

    def identify_card(self, read: CardRead) -> MemberView:
        return members.identify_card(self.ctx, read, self.expiring_within_days)

    def member(self, member_id: int) -> MemberView:
        return members.member(self.ctx, member_id, self.expiring_within_days)

    def members_by_phone_tail(self, tail: str) -> tuple[list[tuple[int, str]], bool]:
        return members.by_phone_tail(self.ctx, tail)

    def picked_by_phone(self, member_id: int) -> MemberView:
        return members.picked_by_phone(self.ctx, member_id, self.expiring_within_days)

    def registration_rules(self) -> RegistrationRules:
        return members.registration_rules(self.ctx)

    def register_member(
        self, staff: StaffSession, phone: str, name: str, birthday: date | None, consent: bool
    ) -> MemberView:
        return members.register_at_counter(
            self.ctx, staff, phone, name, birthday, consent, self.expiring_within_days
        )

    def count_cards(self, member_id: int) -> list[tuple[int, str, int, str]]:
        return members.count_cards(self.ctx, member_id)

    def use_count_card(self, staff: StaffSession, card_id: int, event_id: str) -> int:
        return members.use_count_card(self.ctx, staff, card_id, event_id)

    # -------------------------------------------------------------- sale
    def scan_line(self, code: str, line_no: int) -> DraftLine:
        return sale.scan_line(self.ctx, code, line_no)

    def quote(self, draft: Draft, points: int = 0) -> PricedSale:
        return sale.quote(self.ctx, draft, points)

    def gift_offers(self, draft: Draft) -> list[GiftOffer]:
        """积分兑换: the gifts on offer to the draft's member (Ctrl+J)."""
        return gifts.gift_offers(self.ctx, draft.member_id, draft.gift_points)

    def price(self, draft: Draft) -> SaleView:
        return sale.price(self.ctx, draft)

    def payment_info(self, draft: Draft) -> PaymentInfo:
        return sale.payment_info(self.ctx, draft)

    def preview_payment(self, draft: Draft, t: Tenders) -> PaymentPreview:
        return sale.preview_payment(self.ctx, draft, t)

    def set_first_pay_pin(self, staff: StaffSession, member_id: int, pin: str, repeat: str) -> None:
        """The member's first payment PIN, typed twice on the payment dialog."""
        members.set_first_pay_pin(self.ctx, staff, member_id, pin, repeat)

    def checkout(self, draft: Draft, staff: StaffSession, tenders: Tenders) -> PaymentResult:
        return sale.checkout_sale(self.ctx, draft, staff, tenders)

    def void_sale(self, staff: StaffSession, draft: Draft, approval: Approval | None) -> None:
        sale.void_sale(self.ctx, staff, draft, approval)

    # -------------------------------------------------------- held sales
    def hold_sale(self, staff: StaffSession, draft: Draft) -> int:
        return held.hold_sale(self.ctx, staff, draft)

    def held_count(self) -> int:
        return held.held_count(self.ctx)

    def held_sales(self) -> list[HeldView]:
        return held.held_sales(self.ctx)

    def recall_held(self, sale_id: str) -> RecalledView:
        return held.recall_held(self.ctx, sale_id, self.expiring_within_days)

    def discard_held(self, staff: StaffSession, sale_id: str, approval: Approval | None) -> int:
        return held.discard_held(self.ctx, staff, sale_id, approval)

    # ------------------------------------------------------------ refund
    def refund_lookup(self, receipt_no: str) -> ReceiptForRefund:
        return refund.refund_lookup(self.ctx, receipt_no)

    def refund_preview(self, receipt_no: str, units: dict[int, int]) -> RefundPreview:
        return refund.refund_preview(self.ctx, receipt_no, units)

    def refund_commit(
        self,
        refund_id: str,
        receipt_no: str,
        units: dict[int, int],
        staff: StaffSession,
        approval: Approval | None,
        sv_card_number: str | None = None,
    ) -> PaymentResult:
        return refund.refund_commit(
            self.ctx, refund_id, receipt_no, units, staff, approval, sv_card_number
        )

    def no_receipt_quote(
        self, items: tuple[tuple[str, int], ...]
    ) -> no_receipt_refund.NoReceiptQuoteView:
        return no_receipt_refund.no_receipt_quote(self.ctx, items)

    def no_receipt_commit(
        self, refund_id: str, items: tuple[tuple[str, int], ...], reason: str,
        staff: StaffSession, approval: Approval | None,
    ) -> PaymentResult:  # fmt: skip
        return no_receipt_refund.no_receipt_commit(
            self.ctx, refund_id, items, reason, staff, approval
        )

    # ---------------------------------------------------------- recharge
    def recharge_packages(self) -> list[tuple[Money, Money]]:
        """(deposit, bonus) of each row of the programme's recharge bonus table, lowest first."""
        table = self.rules().stored_value.bonus_table
        return [(r.threshold, r.bonus) for r in sorted(table, key=lambda r: r.threshold)]

    def recharge_needs_approval(self, staff: StaffSession, amount: Money) -> bool:
        """Whether the service will want a supervisor's approval of this recharge."""
        return recharge.approval_needed(self.ctx, staff, amount)

    def recharge_approval_limit(self, staff: StaffSession) -> Money | None:
        """What ``staff`` recharges alone at most (0: nothing); None: no limit for them."""
        return recharge.approval_limit(self.ctx, staff)

    def recharge_preview(self, member_id: int, amount: Money) -> RechargePreview:
        return recharge.recharge_preview(self.ctx, member_id, amount)

    def recharge(
        self,
        recharge_id: str,
        member_id: int,
        amount: Money,
        t: Tenders,
        staff: StaffSession,
        approval: Approval | None,
        *,
        buyer_kind: BuyerKind = BuyerKind.PERSON,
        buyer: RealNameInput | None = None,
        bank_transfer: BankTransferInput | None = None,
    ) -> PaymentResult:
        return recharge.recharge(
            self.ctx,
            recharge_id,
            member_id,
            amount,
            t,
            staff,
            approval,
            buyer_kind=buyer_kind,
            buyer=buyer,
            bank_transfer=bank_transfer,
        )

    def anonymous_preview(self, count: int, amount_each: Money) -> AnonymousPreview:
        return anonymous_cards.preview(self.ctx, count, amount_each)

    def sell_anonymous_cards(
        self,
        sale_id: str,
        count: int,
        amount_each: Money,
        t: Tenders,
        staff: StaffSession,
        approval: Approval | None,
        pin: str,
        pin_again: str,
        *,
        buyer_kind: BuyerKind = BuyerKind.PERSON,
        buyer: RealNameInput | None = None,
        bank_transfer: BankTransferInput | None = None,
    ) -> AnonymousSale:
        return anonymous_cards.sell(
            self.ctx, sale_id, count, amount_each, t, staff, approval, pin, pin_again,
            buyer_kind=buyer_kind, buyer=buyer, bank_transfer=bank_transfer,
        )  # fmt: skip

    # ------------------------------------------------------------ shifts
    def current_shift(self) -> int | None:
        return shifts.current_shift(self.ctx)

    def open_shift(self, staff: StaffSession, opening_float: Money) -> int:
        return shifts.open_shift(self.ctx, staff, opening_float)

    def x_report(self) -> ShiftReport:
        return shifts.x_report(self.ctx)

    def close_shift(self, staff: StaffSession, counted: Money | dict[int, int]) -> ShiftReport:
        return shifts.close_shift(self.ctx, staff, counted)

    def require_shift(self) -> int:
        return shifts.require_shift(self.ctx)

    def cash_check(self, pieces: dict[int, int]) -> CashCheck:
        return shifts.cash_check(self.ctx, pieces)

    def record_drawer_open(self, staff: StaffSession, reason: str) -> int:
        """The drawer opening without a sale, audited (before the printer kicks it)."""
        from pos_member.services.drawer import record_drawer_open

        return record_drawer_open(self.ctx, staff, reason)

    def record_price_override_removed(
        self, staff: StaffSession, sale_id: str, line_no: int, code: str, price: Money, reason: str
    ) -> None:
        """A line's 改价 taken off (back to the catalogue price), audited."""
        from pos_member.services.overrides import record_price_override_removed

        record_price_override_removed(self.ctx, staff, sale_id, line_no, code, price, reason)

    def record_sale_discount_removed(
        self, staff: StaffSession, sale_id: str, label: str, reason: str
    ) -> None:
        """The sale's 整单折扣 taken off, audited."""
        from pos_member.services.overrides import record_sale_discount_removed

        record_sale_discount_removed(self.ctx, staff, sale_id, label, reason)

    # ---------------------------------------------------------- printing
    def _printer(self) -> Printing:
        if self.printing is None:
            raise PrinterNotFound(printer="—", detail="no receipt printer is configured")
        return self.printing

    def print_report(self, report: ShiftReport) -> None:
        """Queue an X/Z report on the printer (the receipts package builds it)."""
        self._printer().print_shift_report(report.kind, report.shift_id)

    def print_receipt(self, receipt_no: str) -> None:
        """Build the receipt and queue it on the printer's thread (returns at once)."""
        self._printer().print_receipt(receipt_no)

    def reprint(self, receipt_no: str) -> None:
        self._printer().reprint(receipt_no)

    # -------------------------------------------------------------- sync
    def start_sync(
        self, on_state: Callable[[SyncState], None], sync_settings: SyncSettings | None = None
    ) -> bool:
        """Start the sync thread when this terminal is enrolled with head office
        (on the settings bundle's sync settings unless others are given)."""
        from pos_member.sync.client import SyncClient, SyncThread, load_credentials

        if load_credentials(self.ctx.store) is None:
            log.info("terminal not enrolled with head office: selling offline")
            self.set_online(False)
            return False
        client = SyncClient(self.ctx.store, sync_settings or self.config.sync, clock=self.ctx.clock)
        self.sync_thread = SyncThread(client, on_state=on_state)
        self.sync_thread.start()
        return True

    def sync_now(self) -> None:
        """Ask the sync thread for a round now (a sale just wrote an outbox event)."""
        if self.sync_thread is not None:
            self.sync_thread.trigger()

    def set_online(self, online: bool) -> None:
        if self.terminal is not None:
            self.terminal.set_online(online)

    def sync_state(self) -> SyncView:
        """The sync thread's last state, or the local outbox when not enrolled (offline)."""
        if self._sync_state is not None:
            return self._sync_state()
        if self.sync_thread is not None:
            return self.sync_view(self.sync_thread.current)
        from pos_member.sync.client import SyncClient

        if self._sync_client is None:
            self._sync_client = SyncClient(self.ctx.store, self.config.sync)
        return self.sync_view(self._sync_client.state(online=False))

    def sync_view(self, state: SyncState) -> SyncView:
        view, low = sync.sync_view(self.ctx, state)
        if (low is not None) != self._disk_low:
            self._disk_low = low is not None  # logged once each time it changes
            if low is not None:
                log.warning("%s", low.message)
        return view
