"""The cashier app's one door into ``pos_member``: thin calls into the services.

Every method here is called on a ``TaskRunner`` lane (never on the GUI
thread, except ``classify``/``check_allowed`` which touch no database). Each
one calls a service and turns its result into a ``ui.views`` value. No
price, discount, balance or limit is computed here: those come from the
services and the domain they call (the payment preview only subtracts what
the cashier typed from the amount due, to say what is left).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from drivers.base import CardRead, Classification, ReaderError
from drivers.classify import Classifier
from pos_member.config import Config
from pos_member.domain.cards import CardNumberRule
from pos_member.domain.identifiers import IdKind
from pos_member.domain.money import Money
from pos_member.domain.pricing import PricedSale
from pos_member.domain.rules import ProgrammeRules
from pos_member.domain.tenders import TenderKind, TenderRequest
from pos_member.services import auth, checkout
from pos_member.services import identify as ident
from pos_member.services.context import Approval, Context, Role, StaffSession
from pos_member.services.held import HeldDraft, HeldLine
from pos_member.settings import SyncSettings
from ui.draft import Draft, DraftLine
from ui.views import (
    HeldView,
    LineView,
    MemberView,
    PaymentResult,
    RecalledView,
    ReceiptForRefund,
    RechargePreview,
    RefundLineView,
    RefundPreview,
    SaleView,
    SyncView,
)

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class PaymentInfo:
    """What the payment dialog needs to know before the cashier types amounts."""

    amount_due: Money
    balance: Money | None
    points_available: int
    points_unit: int  # points are redeemed in steps of this many
    pin_threshold: Money  # stored value above this needs the member's PIN


@dataclass(frozen=True, slots=True)
class Tenders:
    """What the cashier typed in the payment dialog."""

    stored_value: Money = Money(0)
    points: int = 0
    cash: Money = Money(0)
    external: Money = Money(0)
    external_method: str = "bank_card"
    pin: str | None = None


@dataclass(frozen=True, slots=True)
class PaymentPreview:
    amount_due: Money  # after the points typed
    change: Money
    remaining: Money  # still to pay with what is typed
    problem: BaseException | None  # the refusal the commit would meet
    cash_needed: Money  # cash that would settle the rest exactly
    pin_needed: bool = False  # the stored value typed needs the member's PIN
    stored_value_max: Money = Money(0)  # the most stored value can pay of what is left


class Backend:
    """Adapter from the screens to the services, holding the service ``Context``."""

    def __init__(
        self,
        ctx: Context,
        *,
        printing: Any = None,
        sync_state: Callable[[], SyncView] | None = None,
        terminal: Any = None,
    ) -> None:
        self.ctx = ctx
        self.printing = printing  # ui.printing.Printing, or None when no printer is set up
        self.terminal = terminal  # pos_member.bootstrap.Terminal, when opened by the app
        self.config = terminal.config if terminal is not None else Config.of(ctx.settings)
        # The same "expiring soon" window as the receipt, so screen and paper agree.
        self.expiring_within_days = self.config.receipt.expiring_within_days
        self._sync_state = sync_state
        self.sync_thread: Any = None
        self._sync_client: Any = None
        self._card_rule: CardNumberRule | None = None
        self._classifier: Classifier | None = None

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

    # ------------------------------------------------------------- staff
    def login(self, staff_id: str, pin: str) -> StaffSession:
        return auth.login(self.ctx, staff_id, pin)

    def approve(self, staff_id: str, pin: str, action: str) -> Approval:
        return auth.approve(self.ctx, staff_id, pin, action)

    def check_allowed(self, staff: StaffSession, action: str) -> None:
        """Raises ``NotAllowed`` when ``staff`` needs a supervisor for ``action``."""
        auth.require(staff, action, None)

    def void_sale(self, staff: StaffSession, draft: Draft, approval: Approval | None) -> None:
        """A sale not yet paid is only screen state; the void is written to the audit log."""
        approver = auth.require(staff, "void", approval)
        with self.ctx.store.unit_of_work(self.ctx.terminal_id, self.ctx.now_iso()) as uow:
            uow.audit(
                "sale.void",
                staff_id=staff.staff_id,
                approved_by=approver if approver != staff.staff_id else None,
                subject=draft.sale_id,
                detail={"lines": len(draft.lines)},
            )

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

    def identify(self, scan: Classification) -> MemberView:
        """The member a classified scan names (card number, stripe, ID card or phone)."""
        view = ident.identify_key(self.ctx, scan.kind, scan.value)
        return self._member_view(view, presented=scan.kind is not IdKind.PHONE)

    def identify_card(self, read: CardRead) -> MemberView:
        if read.card_number:
            # A verified secure read carries its issuance counter: an older copy of
            # a replaced card's sector is refused by the service.
            counter = read.counter if read.verified else None
            view = ident.identify(
                self.ctx, read.card_number, IdKind.MEMBER_CARD, secure_counter=counter
            )
            return self._member_view(view, presented=True, counter=counter)
        view = ident.identify(self.ctx, read.uid, IdKind.UID)
        return self._member_view(view, presented=True)

    def member(self, member_id: int) -> MemberView:
        return self._member_view(ident.member_view(self.ctx, member_id))

    def _member_view(
        self, v: ident.MemberView, presented: bool = False, counter: int | None = None
    ) -> MemberView:
        from pos_member.domain import ledger as dl
        from pos_member.services.ledgers import member_lots
        from pos_member.services.members import usable_coupons

        rules = self.rules()
        today = self.ctx.today()
        try:
            tier = rules.tier(v.tier_code)
            tier_name, colour = tier.name, tier.colour
        except KeyError:
            tier_name, colour = v.tier_code, "#808080"
        with self.ctx.store.reading() as s:
            lots, entries = member_lots(s, v.member_id)
            coupons = usable_coupons(s, v.member_id, today)
        soon = dl.expiring_soon(lots, entries, today, self.expiring_within_days)
        expiring = sum(p for _, p in soon)
        return MemberView(
            member_id=str(v.member_id),
            masked_name=v.name_masked,
            masked_phone=v.phone_masked,
            masked_card=v.card_number_masked or "",
            tier_code=v.tier_code,
            tier_name=tier_name,
            tier_colour=colour,
            balance=v.stored_value,
            points=v.points,
            owed=v.sv_owed,
            points_owed=v.points_owed,
            coupons=tuple(f"{name or code}" for code, name in coupons),
            coupon_codes=tuple(code for code, _ in coupons),
            birthday=rules.birthday.applies(v.birthday, today),
            points_expiring=expiring,
            points_expiring_on=soon[0][0].isoformat() if soon else "",
            count_cards=tuple(
                f"{c.name} {c.remaining_uses}" for c in getattr(v, "count_cards", ())
            ),
            card_id=v.card_id if presented else None,
            card_counter=counter if presented else None,
        )

    def scan_line(self, code: str, line_no: int) -> DraftLine:
        """The draft line for a scanned code (the product must exist; weight from the label)."""
        from pos_member.services.catalogue import find_product

        with self.ctx.store.reading() as s:
            scanned = find_product(s, code, self.ctx.scale_layouts)
            weighed = scanned.product.weighed
            grams = scanned.grams
        return DraftLine(
            line_no=line_no,
            code=code.strip(),
            quantity=1,
            weight_g=grams if weighed else None,
            weighed=weighed,
        )

    # ------------------------------------------------------------ pricing
    def _request(self, draft: Draft, staff: StaffSession | None = None, **kw: Any) -> Any:
        lines = tuple(
            checkout.LineRequest(code=ln.code, quantity=ln.quantity, grams=ln.weight_g)
            for ln in draft.lines
        )
        return checkout.CheckoutRequest(
            sale_id=draft.sale_id,
            staff=staff or StaffSession("", "", Role.CASHIER),
            lines=lines,
            member_id=draft.member_id,
            card_id=draft.card_id,
            card_counter=draft.card_counter,
            coupons=draft.coupons,
            **kw,
        )

    def quote(self, draft: Draft, points: int = 0) -> PricedSale:
        return checkout.quote(self.ctx, self._request(draft, points_to_redeem=points))

    def price(self, draft: Draft) -> SaleView:
        return sale_view(draft, self.quote(draft))

    def payment_info(self, draft: Draft, member_id: int | None) -> PaymentInfo:
        priced = self.quote(draft)
        rules = self.rules()
        balance = None
        points = 0
        if member_id is not None:
            m = ident.member_view(self.ctx, member_id)
            balance = m.stored_value
            points = m.points
        return PaymentInfo(
            amount_due=priced.amount_due,
            balance=balance,
            points_available=points,
            points_unit=rules.redeem.points_per_unit,
            pin_threshold=checkout.pin_threshold(self.ctx, rules),
        )

    def checkout(self, draft: Draft, staff: StaffSession, tenders: Tenders) -> PaymentResult:
        req = self._request(
            draft,
            staff,
            tenders=tuple(_requests(tenders)),
            points_to_redeem=tenders.points,
            pay_pin=tenders.pin,
        )
        result = checkout.checkout(self.ctx, req)
        balance = points = None
        if draft.member_id is not None:
            m = ident.member_view(self.ctx, draft.member_id)
            balance, points = m.stored_value, m.points
        return PaymentResult(
            receipt_no=result.receipt_no,
            sale_id=result.sale_id,
            paid=result.total,
            change=result.change,
            points_earned=result.points_earned,
            member_balance=balance,
            member_points=points,
        )

    def preview_payment(self, draft: Draft, t: Tenders, exact_cash: bool = False) -> PaymentPreview:
        """What the typed tenders leave to pay and the change, as the domain settles them."""
        from pos_member.domain.errors import TendersDoNotAddUp, UserFacingError
        from pos_member.domain.tenders import settle

        try:
            priced = self.quote(draft, t.points)
        except UserFacingError as exc:
            return PaymentPreview(self.quote(draft).amount_due, Money(0), Money(0), exc, Money(0))
        due = priced.amount_due
        others = t.stored_value + t.external
        cash_needed = due - others if due > others else Money(0)
        requests = _requests(t)
        balance = None
        rules = self.rules()
        pin_needed = bool(t.stored_value.fen) and t.stored_value > checkout.pin_threshold(
            self.ctx, rules
        )
        sv_max = Money(0)
        if draft.member_id is not None:
            from pos_member.domain.ledger import SVBalance

            m = ident.member_view(self.ctx, draft.member_id)
            balance = SVBalance(m.sv_principal, m.sv_bonus)
            left = due - t.external if due > t.external else Money(0)
            sv_max = min(m.stored_value, left)
        sv = (pin_needed, sv_max)
        try:
            payment = settle(
                priced, requests, balance if t.stored_value.fen else None,
                rules.stored_value.spend_order,
            )  # fmt: skip
        except TendersDoNotAddUp:
            if balance is not None and t.stored_value > balance.total:
                # Say it now, before the member types a PIN for a payment that cannot go through.
                from pos_member.domain.errors import BalanceTooLow

                exc = BalanceTooLow(balance=balance.total, requested=t.stored_value)
                return PaymentPreview(due, Money(0), Money(0), exc, cash_needed, *sv)
            paid = others + t.cash
            return PaymentPreview(due, Money(0), due - paid, None, cash_needed, *sv)
        except UserFacingError as exc:
            return PaymentPreview(due, Money(0), Money(0), exc, cash_needed, *sv)
        return PaymentPreview(due, payment.change, Money(0), None, cash_needed, *sv)

    # --------------------------------------------------------- held sales
    def hold_sale(self, staff: StaffSession, draft: Draft) -> int:
        """Keep the draft as a held sale in the store; returns how many now wait."""
        from pos_member.services import held

        return held.hold(self.ctx, staff, held_draft(draft))

    def held_count(self) -> int:
        from pos_member.services import held

        return held.count_held(self.ctx)

    def held_sales(self) -> list[HeldView]:
        """This till's held sales, newest first, as the recall list shows them."""
        from pos_member.services import held

        return [
            HeldView(
                sale_id=h.sale_id,
                time_text=self.short_time(h.created_at),
                member_text=h.member_masked,
                line_count=h.line_count,
                summary=h.summary,
                staff_id=h.staff_id,
            )
            for h in held.list_held(self.ctx)
        ]

    def recall_held(self, sale_id: str) -> RecalledView:
        """Take a held sale back (its row is deleted), re-identify the member, price it again.

        Lines whose product is gone are left out; coupons that no longer apply
        are taken off. If the sale still cannot be shown, it is held again as
        it was and the error is raised: a recall never loses a basket.
        """
        from pos_member.domain.errors import UserFacingError
        from pos_member.services import held

        recalled = held.recall(self.ctx, sale_id)
        try:
            draft = ui_draft(recalled.draft)
            member = None
            member_lost = False
            coupons_dropped: tuple[str, ...] = ()
            if draft.member_id is not None:
                try:
                    member = self.member(draft.member_id)
                except UserFacingError:
                    log.info("member %s of a held sale not found again", draft.member_id)
                    member_lost = True
                    coupons_dropped = draft.coupons  # the member's coupons go with them
                    draft = draft.with_member(None)
            if draft.empty:
                sale = SaleView.empty()
            else:
                try:
                    sale = self.price(draft)
                except UserFacingError:
                    if not draft.coupons:
                        raise
                    coupons_dropped = draft.coupons
                    draft = draft.with_coupons(())
                    sale = self.price(draft)
        except BaseException:
            held.put_back(self.ctx, recalled)
            raise
        return RecalledView(
            draft=draft,
            sale=sale,
            member=member,
            time_text=self.short_time(recalled.held_at),
            waiting=held.count_held(self.ctx),
            dropped=recalled.dropped,
            coupons_dropped=coupons_dropped,
            member_lost=member_lost,
        )

    def discard_held(self, staff: StaffSession, sale_id: str, approval: Approval | None) -> int:
        """Throw a held sale away (a void, audited); returns how many still wait."""
        from pos_member.services import held

        return held.discard(self.ctx, staff, sale_id, approval)

    def short_time(self, stamp: str) -> str:
        """A stored UTC timestamp as the store's local time: "14:32" today, else "11-22 14:32"."""
        from datetime import datetime
        from zoneinfo import ZoneInfo

        at = datetime.fromisoformat(stamp).astimezone(ZoneInfo(self.ctx.settings.timezone))
        return at.strftime("%H:%M") if at.date() == self.ctx.today() else at.strftime("%m-%d %H:%M")

    # ------------------------------------------------------------- refund
    def refund_lookup(self, receipt_no: str) -> ReceiptForRefund:
        from pos_member.services import refund as rf

        # Here, or at another store through head office (refunds elsewhere count).
        found = rf.find_receipt(self.ctx, receipt_no)
        with self.ctx.store.reading() as s:
            sale, record, lines = rf.sale_and_record(s, self.ctx.terminal_id, receipt_no, found)
            masked = rf.masked_member_name(s, sale.member_id)
            return ReceiptForRefund(
                sale_id=sale.id,
                receipt_no=sale.receipt_no,
                member_masked=masked,
                lines=tuple(
                    RefundLineView(
                        line_no=sl.line_no,
                        name=lines[sl.line_no].name,
                        sold=sl.units,
                        remaining=record.remaining(sl.line_no),
                        net=sl.net,
                        weighed=bool(lines[sl.line_no].grams),
                    )
                    for sl in record.lines
                ),
            )

    def refund_preview(self, receipt_no: str, units: dict[int, int]) -> RefundPreview:
        """The refund service's plan for these units, nothing written."""
        from pos_member.services.refund import preview_refund

        plan = preview_refund(self.ctx, receipt_no, units)
        return RefundPreview(
            goods_value=plan.goods_value,
            cash_back=plan.cash_back,
            other_back=plan.money_back - plan.cash_back,
            sv_principal=plan.sv_principal,
            sv_bonus=plan.sv_bonus,
            points_given_back=plan.points_given_back,
            points_taken_back=plan.points_taken_back,
            shortfall_deducted=plan.shortfall_deducted,
        )

    def refund_commit(
        self,
        refund_id: str,
        receipt_no: str,
        units: dict[int, int],
        staff: StaffSession,
        approval: Approval | None,
    ) -> PaymentResult:
        from pos_member.services import refund as rf

        result = rf.refund(
            self.ctx, rf.RefundRequest(refund_id, receipt_no, units, staff, approval)
        )
        return PaymentResult(
            receipt_no=result.receipt_no,
            sale_id=result.sale_id,
            paid=-result.total,
            change=Money(0),
            points_earned=result.points_earned,
            member_balance=None,
            member_points=None,
        )

    # ----------------------------------------------------------- recharge
    def recharge_preview(self, member_id: int, amount: Money) -> RechargePreview:
        """The bonus the rules give for ``amount`` and the balance after (nothing written)."""
        from pos_member.domain import ledger as dl

        entry = dl.plan_recharge("preview", amount, self.rules().stored_value)
        m = ident.member_view(self.ctx, member_id)
        after = dl.SVBalance(m.sv_principal, m.sv_bonus).apply(entry)
        # A debt from a confirmed overdraft is paid first out of the recharge.
        return RechargePreview(
            amount=amount, bonus=entry.bonus, balance_after=after.total - m.sv_owed
        )

    def recharge(
        self,
        recharge_id: str,
        member_id: int,
        amount: Money,
        t: Tenders,
        staff: StaffSession,
        approval: Approval | None,
    ) -> PaymentResult:
        from pos_member.services import stored_value as sv

        result = sv.recharge(
            self.ctx,
            sv.RechargeRequest(
                recharge_id, member_id, amount, tuple(_requests(t)), staff, approval
            ),
        )
        m = ident.member_view(self.ctx, member_id)
        return PaymentResult(
            receipt_no=result.receipt_no,
            sale_id=result.sale_id,
            paid=result.total,
            change=result.change,
            points_earned=0,
            member_balance=m.stored_value,
            member_points=m.points,
        )

    # -------------------------------------------------------- count cards
    def count_cards(self, member_id: int) -> list[tuple[int, str, int, str]]:
        """(id, name, uses left, expires on) of the member's count cards with uses left."""
        m = ident.member_view(self.ctx, member_id)
        return [(c.id, c.name, c.remaining_uses, c.expires_on or "") for c in m.count_cards]

    def use_count_card(self, staff: StaffSession, card_id: int, event_id: str) -> int:
        from pos_member.services.count_cards import use_count_card

        return use_count_card(self.ctx, staff, card_id, 1, event_id).remaining_uses

    # -------------------------------------------------------------- shifts
    def current_shift(self) -> int | None:
        from pos_member.services import shifts

        return shifts.current_shift(self.ctx)

    def open_shift(self, staff: StaffSession, opening_float: Money) -> int:
        from pos_member.services import shifts

        return shifts.open_shift(self.ctx, staff, opening_float)

    def x_report(self) -> Any:
        from pos_member.services import shifts

        return shifts.x_report(self.ctx)

    def close_shift(self, staff: StaffSession, counted: Money | dict[int, int]) -> Any:
        """Close with the drawer's total, or its count by denomination (fen -> pieces)."""
        from pos_member.services import shifts

        if isinstance(counted, dict):
            return shifts.close_shift(self.ctx, staff, shifts.count_cash(counted))
        return shifts.close_shift(self.ctx, staff, counted)

    def require_shift(self) -> int:
        """The open shift, or ``ShiftNotOpen`` (asked before a sale, refund or recharge)."""
        from pos_member.services import shifts

        return shifts.require_open(self.ctx)

    def cash_check(self, pieces: dict[int, int]) -> Any:
        """Expected, counted and difference for the open shift (``shifts.CashCheck``)."""
        from pos_member.services import shifts

        return shifts.cash_check(self.ctx, shifts.count_cash(pieces))

    def local_time(self, stamp: str) -> str:
        """A stored UTC timestamp as the store's local time, to the second."""
        from datetime import datetime
        from zoneinfo import ZoneInfo

        at = datetime.fromisoformat(stamp).astimezone(ZoneInfo(self.ctx.settings.timezone))
        return at.strftime("%Y-%m-%d %H:%M:%S")

    def print_report(self, report: Any) -> None:
        """Queue an X/Z report on the printer (the receipts package builds it)."""
        if self.printing is None:
            raise _no_printer()
        self.printing.print_shift_report(report.kind, report.shift_id)

    # --------------------------------------------------------- devices, sync
    def print_receipt(self, receipt_no: str) -> None:
        """Build the receipt and queue it on the printer's thread (returns at once)."""
        if self.printing is None:
            raise _no_printer()
        self.printing.print_receipt(receipt_no)

    def reprint(self, receipt_no: str) -> None:
        if self.printing is None:
            raise _no_printer()
        self.printing.reprint(receipt_no)

    def start_sync(
        self, on_state: Callable[[Any], None], sync_settings: SyncSettings | None = None
    ) -> bool:
        """Start the sync thread when this terminal is enrolled with head office
        (on the settings bundle's sync settings unless others are given)."""
        from pos_member.sync.client import SyncClient, SyncThread, load_credentials

        if load_credentials(self.ctx.store) is None:
            log.info("terminal not enrolled with head office: selling offline")
            self.set_online(False)
            return False
        self.sync_thread = SyncThread(
            SyncClient(self.ctx.store, sync_settings or self.config.sync, clock=self.ctx.clock),
            on_state=on_state,
        )
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

    def sync_view(self, state: Any) -> SyncView:
        last = ""
        if state.last_success:
            from datetime import datetime
            from zoneinfo import ZoneInfo

            at = datetime.fromisoformat(state.last_success)
            last = at.astimezone(ZoneInfo(self.ctx.settings.timezone)).strftime("%m-%d %H:%M")
        from ui.errors import generic_message
        from ui.errors import user_message as said

        if state.error is not None:
            detail = said(state.error)
        else:
            detail = generic_message() if state.last_error else ""
        if not detail and not state.enrolled:
            from pos_member.domain.errors import NotEnrolled
            from ui.errors import user_message

            detail = user_message(NotEnrolled())
        from pos_member.services.clock import skew_error
        from pos_member.services.storage import disk_warning

        skew = self.ctx.clock_skew()
        low = disk_warning(self.ctx)
        if (low is not None) != getattr(self, "_disk_low", False):
            self._disk_low = low is not None  # logged once each time it changes
            if low is not None:
                log.warning("%s", low.message)
        return SyncView(
            online=bool(state.online),
            waiting=int(state.events_waiting),
            last_sync=last,
            detail=detail,
            clock=said(skew_error(skew)) if skew is not None else "",
            disk=said(low) if low is not None else "",
        )


def _requests(t: Tenders) -> list[TenderRequest]:
    requests: list[TenderRequest] = []
    if t.stored_value.fen:
        requests.append(TenderRequest(TenderKind.STORED_VALUE, t.stored_value))
    if t.external.fen:
        requests.append(TenderRequest(TenderKind.EXTERNAL, t.external, t.external_method))
    if t.cash.fen:
        requests.append(TenderRequest(TenderKind.CASH, t.cash))
    return requests


def _no_printer() -> Exception:
    from pos_member.domain.errors import PrinterNotFound

    return PrinterNotFound(printer="—", detail="no receipt printer is configured")


def sale_view(draft: Draft, priced: PricedSale) -> SaleView:
    """The priced sale as the cart shows it; lines come back in the draft's order."""
    lines = []
    for dl_, pl in zip(draft.lines, priced.lines, strict=True):
        p = pl.line.product
        if p.sold_by_weight and pl.line.weight_g is not None:
            qty = f"{Decimal(pl.line.weight_g) / 1000:.3f} kg"
        else:
            qty = str(pl.line.quantity)
        lines.append(
            LineView(
                line_no=dl_.line_no,
                code=p.sku,
                name=p.name,
                quantity_text=qty,
                unit_price=pl.unit_price,
                original=pl.original,
                net=pl.net,
                reasons=tuple((a.kind.value, a.reason, a.ref, a.amount) for a in pl.adjustments),
                weighed=p.sold_by_weight,
            )
        )
    items = sum(1 if ln.line.product.sold_by_weight else ln.line.quantity for ln in priced.lines)
    return SaleView(
        lines=tuple(lines),
        original_total=priced.original_total,
        net_total=priced.net_total,
        savings=priced.savings,
        amount_due=priced.amount_due,
        points_earned=priced.points_earned,
        item_count=items,
        coupons=priced.coupons,
    )


def held_draft(draft: Draft) -> HeldDraft:
    """The screen's draft as the held-sales service keeps it (plain data)."""
    return HeldDraft(
        sale_id=draft.sale_id,
        lines=tuple(
            HeldLine(ln.line_no, ln.code, ln.quantity, ln.weight_g, ln.weighed)
            for ln in draft.lines
        ),
        member_id=draft.member_id,
        coupons=draft.coupons,
    )


def ui_draft(held: HeldDraft) -> Draft:
    """A held sale's draft back as the screen's draft (same sale id and line numbers)."""
    return Draft(
        sale_id=held.sale_id,
        lines=tuple(
            DraftLine(
                line_no=ln.line_no,
                code=ln.code,
                quantity=ln.quantity,
                weight_g=ln.weight_g,
                weighed=ln.weighed,
            )
            for ln in held.lines
        ),
        member_id=held.member_id,
        coupons=held.coupons,
    )
