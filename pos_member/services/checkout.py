"""Checkout: price the cart with the domain core and commit the sale once.

The sale id is chosen when the cart starts (``new_sale_id``). ``checkout``
writes the sale, its lines, adjustments and tenders, the stored-value and
points ledger entries, coupon use, count cards sold, the receipt number, the
audit row and the outbox event in one ``BEGIN IMMEDIATE`` transaction. A second
``checkout`` with the same id (a double tap, a retry after a crash) writes
nothing and returns the sale already committed: a sale is paid once.
"""

from __future__ import annotations

import json
import logging
import uuid
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import insert, select, text, update
from sqlalchemy.orm import Session

from pos_member.domain import ledger as dl
from pos_member.domain.authorise import Hold, Offline
from pos_member.domain.cart import CartLine, check_grams, check_price_override, check_quantity
from pos_member.domain.errors import (
    CouponUsed,
    EmptyCart,
    GiftOutOfStock,
    MemberRequired,
    ShiftNotOpen,
    UnknownCard,
    ValidationError,
)
from pos_member.domain.events import EventKind
from pos_member.domain.money import Money
from pos_member.domain.pricing import (
    MemberSnapshot,
    PricedLine,
    PricedSale,
    SaleDiscount,
    price_sale,
)
from pos_member.domain.rules import CountCardPlan, CouponKind, Gift, GiftRate, ProgrammeRules
from pos_member.domain.rules import Coupon as DomainCoupon
from pos_member.domain.scale import ScaleLayout
from pos_member.domain.tenders import (
    Payment,
    TenderBucket,
    TenderKind,
    TenderRequest,
    allocate_to_lines,
    settle,
)
from pos_member.domain.text import person_words, phrase
from pos_member.domain.tiers import TierChange, TierDecision, evaluate_tier
from pos_member.services import auth, balances
from pos_member.services.card_check import check_presented_card, presented_card_number
from pos_member.services.catalogue import CatalogueItem, find_products, to_domain
from pos_member.services.context import Approval, Context, Role, StaffSession
from pos_member.services.ledgers import (
    append_count,
    append_points,
    append_sv,
    member_lots,
    open_lot,
)
from pos_member.services.member_pin import verify_pay_pin
from pos_member.services.members import record_tier_change
from pos_member.services.offline_caps import check_offline_spend, count_spend, spend_fen
from pos_member.store.db import UnitOfWork
from pos_member.store.models import (
    Base,
    CountCard,
    Coupon,
    Member,
    Sale,
    Tender,
)
from pos_member.store.receipts_owed import owe_receipt

log = logging.getLogger(__name__)

TABLES = Base.metadata.tables


def new_sale_id() -> str:
    """The id of a cart about to be paid; keep it until the sale is committed."""
    return str(uuid.uuid4())


@dataclass(frozen=True, slots=True)
class LineRequest:
    """One scanned item: a barcode or in-store code with a quantity or a weight."""

    code: str
    quantity: int = 1
    grams: int | None = None
    price_override: Money | None = None
    override_reason: str = ""
    #: 积分兑换: the gift's rate chosen (one of ``ProgrammeRules.gift(code).rates``).
    gift: GiftRate | None = None


@dataclass(frozen=True, slots=True)
class CheckoutRequest:
    sale_id: str
    staff: StaffSession
    lines: tuple[LineRequest, ...]
    tenders: tuple[TenderRequest, ...] = ()
    member_id: int | None = None
    card_id: int | None = None  # the card presented for the member (None: by phone, say)
    card_counter: int | None = None  # its issuance counter, when a secure read verified it
    #: How the member was identified (``domain.identifiers.IDENTIFY_KINDS``), for the event.
    id_method: str | None = None
    coupons: tuple[str, ...] = ()
    points_to_redeem: int = 0
    pay_pin: str | None = None
    approval: Approval | None = None  # a supervisor's, for price overrides (改价, 整单折扣)
    sale_discount: SaleDiscount | None = None  # 整单折扣 (its cap is the approver's, here)


@dataclass(frozen=True, slots=True)
class SaleResult:
    sale_id: str
    receipt_no: str
    kind: str
    total: Money
    change: Money
    points_earned: int
    points_redeemed: int
    created_at: str
    tenders: tuple[tuple[str, Money], ...]
    replayed: bool = False  # True when the sale had already been committed
    detail: dict[str, object] = field(default_factory=dict)


def next_receipt_no(uow: UnitOfWork) -> str:
    """The terminal's next receipt number, e.g. ``T01-00000042`` (Code 128 friendly).

    The receipt is owed from here: its row in the reprint queue is written in
    this same transaction (``store.receipts_owed.owe_receipt``) and goes
    once the receipt has printed.
    """
    s = uow.session
    counters = TABLES["receipt_counters"]
    last = s.execute(
        update(counters)
        .where(counters.c.terminal_id == uow.terminal_id)
        .values(last_no=counters.c.last_no + 1)
        .returning(counters.c.last_no)
    ).scalar()
    if last is None:
        s.execute(insert(counters).values(terminal_id=uow.terminal_id, last_no=1))
        last = 1
    receipt_no = f"{uow.terminal_id}-{last:08d}"
    owe_receipt(s, receipt_no, uow.now)
    return receipt_no


_OPEN_SHIFT = text("SELECT id FROM shifts WHERE terminal_id = :t AND closed_at IS NULL")
_OPEN_SHIFT_RAW = "SELECT 1 FROM shifts WHERE terminal_id = ? AND closed_at IS NULL"
_SALE_EXISTS = text("SELECT 1 FROM sales WHERE id = :id")
_WINDOW_SPEND = text(
    "SELECT COALESCE(SUM(total_fen), 0) FROM sales WHERE member_id = :m"
    " AND kind IN ('sale', 'refund') AND business_date > :since"
)


def open_shift_id(session: Session, terminal_id: str) -> int | None:
    return session.execute(_OPEN_SHIFT, {"t": terminal_id}).scalar()


def shift_id_or_refuse(session: Session, terminal_id: str) -> int:
    """The till's open shift, or ``ShiftNotOpen``: no sale, refund or recharge outside a shift."""
    sid = open_shift_id(session, terminal_id)
    if sid is None:
        raise ShiftNotOpen()
    return int(sid)


def load_result(session: Session, sale_id: str, replayed: bool) -> SaleResult | None:
    sale = session.get(Sale, sale_id)
    if sale is None:
        return None
    tenders = session.scalars(select(Tender).where(Tender.sale_id == sale_id).order_by(Tender.seq))
    rows = list(tenders)
    return SaleResult(
        sale_id=sale.id,
        receipt_no=sale.receipt_no,
        kind=sale.kind,
        total=Money(sale.total_fen),
        change=Money(sum(t.change_fen for t in rows)),
        points_earned=sale.points_earned,
        points_redeemed=sale.points_redeemed,
        created_at=sale.created_at,
        tenders=tuple((TenderBucket.of(t.kind, t.method).key, Money(t.amount_fen)) for t in rows),
        replayed=replayed,
        detail=dict(sale.detail),
    )


def _resolve_lines(
    session: Session, lines: tuple[LineRequest, ...], layouts: tuple[ScaleLayout, ...]
) -> tuple[list[CartLine], dict[str, CatalogueItem]]:
    """Cart lines for the scanned codes, and the catalogue rows by in-store code."""
    out: list[CartLine] = []
    found = find_products(session, [req.code for req in lines], layouts)
    rows = {f.product.code: f.product for f in found}
    for i, (req, scanned) in enumerate(zip(lines, found, strict=True), start=1):
        product = to_domain(scanned.product)
        grams = scanned.grams if scanned.grams is not None else req.grams
        if product.sold_by_weight:
            line = CartLine(i, product, quantity=1, weight_g=check_grams(grams, product.name))
        else:
            line = CartLine(i, product, quantity=check_quantity(req.quantity, product.name))
        if req.price_override is not None:
            line = CartLine(
                i,
                product,
                quantity=line.quantity,
                weight_g=line.weight_g,
                price_override=req.price_override,
                override_reason=person_words(
                    req.override_reason, phrase("reason"), max_len=128, required=False
                )
                or "price override",
            )
        if req.gift is not None:
            line = CartLine(i, product, quantity=line.quantity, gift=req.gift)
        line.validate()
        out.append(line)
    return out, rows


def _load_coupons(
    session: Session, codes: tuple[str, ...]
) -> tuple[list[Coupon], list[DomainCoupon]]:
    rows: list[Coupon] = []
    values: list[DomainCoupon] = []
    for code in codes:
        row = session.scalar(select(Coupon).where(Coupon.code == code.strip()))
        if row is None:
            raise ValidationError(field="coupon", problem="{code} is not known", code=code)
        if row.used_by_sale is not None or row.used_elsewhere is not None:
            raise CouponUsed(code=row.code)
        rows.append(row)
        values.append(coupon_value(row))
    return rows, values


def coupon_value(row: Coupon) -> DomainCoupon:
    return DomainCoupon(
        code=row.code,
        kind=CouponKind(row.kind),
        valid_from=date.fromisoformat(row.valid_from),
        valid_until=date.fromisoformat(row.valid_until),
        value=Money(row.value_fen),
        rate=Decimal(row.rate),
        minimum_spend=Money(row.min_spend_fen),
        stackable=row.stackable,
        member_id=str(row.member_id) if row.member_id is not None else None,
        name=row.name,
        **_coupon_scope(row.scope),
        cap=Money(row.cap_fen or 0),
    )


def _coupon_scope(text_: str | None) -> dict[str, tuple[str, ...]]:
    """A coupon's ``scope`` column as the domain's fields (``{}``: not limited)."""
    doc = json.loads(text_ or "{}")
    return {k: tuple(str(x) for x in doc.get(k, ())) for k in ("skus", "categories", "brands")}


def _snapshot(member: Member, today: date, spend: dl.Spendable) -> MemberSnapshot:
    return MemberSnapshot(
        member_id=str(member.id),
        tier_code=member.tier_code,
        birthday=date.fromisoformat(member.birthday) if member.birthday else None,
        points_available=spend.points,
    )


def spendable(session: Session, member: Member, today: date) -> dl.Spendable:
    """The stored value and points the member may spend today.

    Points: the balance less what sits in lots past their last day (equal to
    ``ledger.points_available`` over all lots, but reading only the expired
    lots, which are few). Both less any overdraft head office confirmed
    (``services.balances.spendable``).
    """
    expired = session.execute(
        text(
            "SELECT COALESCE(SUM(e.delta), 0) FROM points_lots l"
            " JOIN points_entries e ON e.lot_id = l.id"
            " WHERE l.member_id = :m AND l.expires_on < :today"
        ),
        {"m": member.id, "today": today.isoformat()},
    ).scalar()
    usable = max(member.points_balance - int(expired or 0), 0)
    cached = dl.SVBalance(Money(member.sv_principal_fen), Money(member.sv_bonus_fen))
    return balances.spendable(session.connection(), member.id, cached, usable)


def quote(ctx: Context, req: CheckoutRequest) -> PricedSale:
    """Price the cart as it stands (nothing written): what the screen shows."""
    if not req.lines:
        raise EmptyCart()
    today = ctx.today()
    with ctx.store.reading() as s:
        _, rules = ctx.rules(s)
        lines, _ = _resolve_lines(s, req.lines, ctx.scale_layouts)
        member = _member(s, req.member_id)
        _, coupons = _load_coupons(s, req.coupons)
        snap = _snapshot(member, today, spendable(s, member, today)) if member else None
        return price_sale(
            lines,
            snap,
            rules,
            coupons,
            req.points_to_redeem,
            today,
            ctx.now(),
            ctx.settings.store_id,
            _sale_discount(ctx, req),
        )


_GIFTS_GIVEN = text(
    "SELECT COALESCE(SUM(CASE WHEN sl.original_line_id IS NULL THEN sl.quantity"
    " ELSE -sl.quantity END), 0)"
    " FROM sale_lines sl"
    " LEFT JOIN sale_lines o ON o.id = sl.original_line_id"
    " JOIN sale_adjustments a ON a.sale_id = COALESCE(o.sale_id, sl.sale_id)"
    "  AND a.line_no = COALESCE(o.line_no, sl.line_no) AND a.kind = 'gift_redemption'"
    " WHERE sl.product_code = :sku"
)


def gift_stock_left(session: Session, gift: Gift) -> int | None:
    """How many of ``gift`` this till may still give (None: no limit): its stock less the
    units given as gifts here, refunded ones back."""
    if gift.stock is None:
        return None
    given = int(session.execute(_GIFTS_GIVEN, {"sku": gift.sku}).scalar() or 0)
    return max(gift.stock - given, 0)


def _check_gift_stock(session: Session, rules: ProgrammeRules, lines: list[CartLine]) -> None:
    """A gift line asks no more units than are left (``GiftOutOfStock``)."""
    asked: dict[str, int] = {}
    for ln in lines:
        if ln.gift is not None:
            asked[ln.product.sku] = asked.get(ln.product.sku, 0) + ln.quantity
    for sku, units in asked.items():
        gift = rules.gift(sku)
        left = gift_stock_left(session, gift) if gift is not None else None
        if left is not None and units > left:
            raise GiftOutOfStock(
                product=next(ln.product.name for ln in lines if ln.product.sku == sku)
            )


def _member(session: Session, member_id: int | None) -> Member | None:
    if member_id is None:
        return None
    member = session.get(Member, member_id)
    if member is None:
        raise UnknownCard(number=str(member_id))
    return member


def pin_threshold(ctx: Context, rules: ProgrammeRules) -> Money:
    if ctx.settings.pay_pin_threshold_fen is not None:
        return Money(ctx.settings.pay_pin_threshold_fen)
    return rules.stored_value.pin_required_over


def offline_limit(ctx: Context, rules: ProgrammeRules) -> Money:
    if ctx.settings.offline_sv_limit_fen is not None:
        return Money(ctx.settings.offline_sv_limit_fen)
    return rules.stored_value.offline_limit_per_member_per_day


def check_offline_limit(
    ctx: Context,
    s: Session,
    rules: ProgrammeRules,
    member_id: int,
    amount: Money,
    points: int,
    today: date,
) -> None:
    """While not confirmed online, cap stored value and points spending per member and per
    terminal per business day (``offline_caps.check_offline_spend``): the day's spend no
    online hold covers, read from the day counters the sales keep in their transactions.
    """
    check_offline_spend(
        s.connection(), rules, member_id, amount.fen, points, today.isoformat(), ctx.now(),
        ctx.offline_after_s, terminal_id=ctx.terminal_id, store_id=ctx.settings.store_id,
        online=False, member_limit=offline_limit(ctx, rules),
    )  # fmt: skip


# --- online authorisation (head office holds the spend: ``domain.authorise``) ---


def authorise_spend(
    ctx: Context, member_id: int, sale_id: str, sv_fen: int, points: int
) -> tuple[Hold | None, bool]:
    """Ask head office to hold a stored-value or points spend: (the hold, still online).

    Runs before the sale's transaction (no database lock is held while head
    office answers, within the authoriser's short timeout). No spend, or no head
    office to ask: no hold, and the sale stays online. Head office not answering
    in time: no hold, and the offline rules apply to this sale. Too low a balance
    at head office: ``HoldRefused`` is raised and nothing is written.
    """
    if ctx.authoriser is None or (sv_fen <= 0 and points <= 0):
        return None, True
    answer = ctx.authoriser.hold(member_id, sale_id, max(sv_fen, 0), max(points, 0))
    if isinstance(answer, Offline):
        log.info("spend not authorised online (%s): offline rules apply", answer.reason)
        return None, False
    return answer, True


def release_hold(ctx: Context, hold: Hold) -> None:
    assert ctx.authoriser is not None
    try:
        ctx.authoriser.release(hold.hold_id)
    except Exception:  # a hold nobody releases lapses at head office
        log.exception("releasing hold %s failed", hold.hold_id)


def checkout(ctx: Context, req: CheckoutRequest) -> SaleResult:
    """Commit the sale ``req.sale_id`` once, or raise a ``UserFacingError`` and write nothing."""
    if not req.lines:
        raise EmptyCart()
    try:
        uuid.UUID(req.sale_id)
    except ValueError:
        raise ValueError("sale ids are UUIDs from new_sale_id()") from None
    raw = ctx.store.raw_reader()
    if raw.execute("SELECT 1 FROM sales WHERE id = ?", (req.sale_id,)).fetchone():
        with ctx.store.reading() as s:
            done = load_result(s, req.sale_id, replayed=True)
        assert done is not None
        return done
    if raw.execute(_OPEN_SHIFT_RAW, (ctx.terminal_id,)).fetchone() is None:
        raise ShiftNotOpen()  # before the PIN is checked: not a wrong PIN
    _, rules = ctx.rules_raw(raw)
    sv_amount = Money(sum(t.amount.fen for t in req.tenders if t.kind is TenderKind.STORED_VALUE))
    if sv_amount.fen and req.member_id is None:
        raise MemberRequired(what="Paying with stored value")
    if sv_amount.fen and req.member_id is not None:
        threshold = pin_threshold(ctx, rules)
        if sv_amount > threshold:
            # Refusals for another reason first: they never count as a wrong PIN.
            _refusal_before_pin(ctx, req)
            verify_pay_pin(ctx, req.member_id, req.pay_pin, threshold)
    approved_by = None
    if req.sale_discount is not None or any(ln.price_override is not None for ln in req.lines):
        approved_by = auth.require(req.staff, "price_override", req.approval)

    today = ctx.today()
    online = ctx.online()
    hold: Hold | None = None
    if online and req.member_id is not None:
        hold, online = authorise_spend(
            ctx, req.member_id, req.sale_id, sv_amount.fen, req.points_to_redeem
        )
    try:
        with ctx.store.unit_of_work(ctx.terminal_id, ctx.now_iso()) as uow:
            s = uow.session
            if s.execute(_SALE_EXISTS, {"id": req.sale_id}).first() is None:
                return _commit_sale(ctx, uow, req, today, online, approved_by, hold)
    except BaseException:
        if hold is not None:
            release_hold(ctx, hold)  # nothing was written: the hold is not used
        raise
    if hold is not None:
        release_hold(ctx, hold)
    # Committed meanwhile (a retry racing the first attempt): report that sale.
    with ctx.store.reading() as s:
        result = load_result(s, req.sale_id, replayed=True)
    assert result is not None
    return result


def _refusal_before_pin(ctx: Context, req: CheckoutRequest) -> None:
    """Raise what the sale's own transaction would refuse (the card, the tenders against
    the total and the balance, the coupons), read only: a payment that cannot go through
    is refused before its PIN is checked, so that it never counts as a wrong PIN."""
    with ctx.store.reading() as s:
        _price_in_transaction(ctx, s, req, ctx.today())


def _approver_cut(ctx: Context, req: CheckoutRequest) -> tuple[int, str]:
    """How far the approver of the overrides may cut (percent), and their role's name."""
    role = req.approval.role if req.approval is not None else req.staff.role
    if role >= Role.MANAGER:
        return ctx.settings.manager_override_max_cut_percent, phrase("manager")
    return ctx.settings.supervisor_override_max_cut_percent, phrase("supervisor")


def _sale_discount(ctx: Context, req: CheckoutRequest) -> SaleDiscount | None:
    """The request's 整单折扣 with its approver's cap and a checked reason."""
    d = req.sale_discount
    if d is None:
        return None
    cut, name = _approver_cut(ctx, req)
    reason = person_words(d.reason, phrase("reason"), max_len=64)
    return replace(d, reason=reason, max_cut_percent=cut, role=name)


def _check_overrides(ctx: Context, req: CheckoutRequest, lines: list[CartLine]) -> None:
    """Each price override within the catalogue price and its approver's limit."""
    cut, name = _approver_cut(ctx, req)
    for ln in lines:
        if ln.price_override is not None:
            check_price_override(ln.product, ln.price_override, cut, name)


def recheck_card(session: Session, req: CheckoutRequest, today: date) -> None:
    """The card presented at the tap, checked again in the sale's own transaction.

    Between the tap and the payment the card may have been reported lost or
    replaced (at this till or, pulled, at another store), expired, or a secure
    sector been rewritten; and the request may name another member's card. Each
    is refused with the message the tap would give, before anything is written.
    """
    if req.card_id is not None:
        check_presented_card(session, req.card_id, req.member_id, req.card_counter, today)


@dataclass(frozen=True, slots=True)
class _Priced:
    """What a sale is written from, read and priced inside its transaction."""

    version: int
    rules: ProgrammeRules
    lines: list[CartLine]
    products: dict[str, CatalogueItem]
    member: Member | None
    coupon_rows: list[Coupon]
    priced: PricedSale
    payment: Payment


def _commit_sale(
    ctx: Context,
    uow: UnitOfWork,
    req: CheckoutRequest,
    today: date,
    online: bool,
    approved_by: str | None,
    hold: Hold | None = None,
) -> SaleResult:
    """The sale's transaction, step by step: price, cap, check, write, ledgers, event."""
    s = uow.session
    cart = _price_in_transaction(ctx, s, req, today)
    _offline_caps(ctx, uow, cart, today, online, hold)
    plans = _count_card_plans(cart)
    receipt_no = next_receipt_no(uow)
    member = cart.member
    tier = (
        None
        if member is None
        else _tier_with_sale(s, member, cart.rules, today, cart.priced.net_total)
    )
    sale = _sale_row(ctx, uow, req, cart, today, online, approved_by, hold, receipt_no)
    line_rows, tenders = _write_sale(s, sale, cart)
    if member is not None:
        _member_ledgers(ctx, uow, member, cart.priced, cart.payment, cart.rules, today, online,
                        req.sale_id)  # fmt: skip
        _sell_count_cards(uow, member, cart.lines, cart.products, plans, req.sale_id, today)
        assert tier is not None
        _maybe_upgrade(uow, member, tier, today, req.sale_id)
    _use_coupons(s, cart.coupon_rows, req.sale_id)
    uow.audit(
        "sale",
        staff_id=req.staff.staff_id,
        approved_by=approved_by,
        subject=receipt_no,
        event_id=req.sale_id,
        detail={"total_fen": cart.priced.net_total.fen, "lines": len(cart.lines)},
    )
    card = (presented_card_number(s, req.card_id), req.id_method)
    uow.outbox(
        EventKind.SALE,
        sale_payload(sale, line_rows, cart.payment, ctx, card),
        event_id=req.sale_id,
    )
    return _sale_result(uow, sale, cart, tenders)


def _price_in_transaction(ctx: Context, s: Session, req: CheckoutRequest, today: date) -> _Priced:
    """The cart priced and settled against what the store holds now (card, coupons,
    balances), every check that refuses the sale before anything is written."""
    version, rules = ctx.rules(s)
    lines, products = _resolve_lines(s, req.lines, ctx.scale_layouts)
    member = _member(s, req.member_id)
    recheck_card(s, req, today)
    coupon_rows, coupons = _load_coupons(s, req.coupons)
    spend = spendable(s, member, today) if member else None
    snap = _snapshot(member, today, spend) if member and spend else None
    _check_overrides(ctx, req, lines)
    _check_gift_stock(s, rules, lines)
    priced = price_sale(
        lines, snap, rules, coupons, req.points_to_redeem, today, ctx.now(), ctx.settings.store_id,
        _sale_discount(ctx, req),
    )  # fmt: skip
    balance = spend.sv if spend else None
    payment = settle(
        priced, req.tenders, balance, rules.stored_value.spend_order,
        Money(ctx.settings.max_change_fen),
    )  # fmt: skip
    return _Priced(version, rules, lines, products, member, coupon_rows, priced, payment)


def _offline_caps(
    ctx: Context, uow: UnitOfWork, cart: _Priced, today: date, online: bool, hold: Hold | None
) -> None:
    """Offline, refuse a spend past a cap of the day; a spend no hold covers is counted
    in the day counters, in this transaction (``offline_caps.count_spend``)."""
    sv = cart.payment.stored_value
    points = cart.priced.points_redeemed
    if cart.member is None or (sv is None and not points):
        return
    sv_spent = sv.amount if sv is not None else Money(0)
    if not online:
        check_offline_limit(ctx, uow.session, cart.rules, cart.member.id, sv_spent, points, today)
    if hold is None:
        count_spend(uow.session.connection(), cart.member.id, uow.terminal_id, today.isoformat(),
                    spend_fen(cart.rules, sv_spent.fen, points))  # fmt: skip


def _count_card_plans(cart: _Priced) -> dict[str, CountCardPlan]:
    """The plans on offer, by code; a count card sold needs a member and a plan on offer."""
    plans = {c.code: c for c in cart.rules.count_cards}
    for ln in cart.lines:
        plan_code = cart.products[ln.product.sku].count_card_plan
        if plan_code and cart.member is None:
            raise MemberRequired(what="Selling a count card")
        if plan_code and plan_code not in plans:
            raise ValidationError(
                field="count card", problem="plan {plan} is not offered", plan=plan_code
            )
    return plans


def _sale_row(
    ctx: Context,
    uow: UnitOfWork,
    req: CheckoutRequest,
    cart: _Priced,
    today: date,
    online: bool,
    approved_by: str | None,
    hold: Hold | None,
    receipt_no: str,
) -> dict[str, Any]:
    """The ``sales`` row: totals, flags and the detail receipts print."""
    priced, member = cart.priced, cart.member
    detail: dict[str, Any] = {"coupons": list(priced.coupons), "birthday": priced.birthday}
    if priced.promotions:
        detail["promotions"] = list(priced.promotions)
    if member is not None:
        # The tier the sale was priced and earned at: an upgrade it earns applies
        # from the next sale (docs/pricing.md). Receipts print this one, so a
        # reprint after a later tier change still shows the tier of the day.
        detail["tier_code"] = priced.tier_code
    return {
        "id": req.sale_id,
        "kind": "sale",
        "terminal_id": uow.terminal_id,
        "receipt_no": receipt_no,
        "original_sale_id": None,
        "member_id": member.id if member else None,
        "card_id": req.card_id,
        "staff_id": req.staff.staff_id,
        "approved_by": approved_by,
        "shift_id": shift_id_or_refuse(uow.session, uow.terminal_id),
        "created_at": uow.now,
        "business_date": today.isoformat(),
        "rules_version": cart.version,
        "subtotal_fen": priced.original_total.fen,
        "discount_fen": (priced.original_total - priced.net_total).fen,
        "rounding_fen": priced.rounding.fen,
        "total_fen": priced.net_total.fen,
        "points_earned": priced.points_earned,
        "points_redeemed": priced.points_redeemed,
        "offline": not online,
        "detail": detail,
        "hold_id": hold.hold_id if hold is not None else None,
    }


def _line_row(
    sale_id: str, pl: PricedLine, cart: _Priced, buckets: dict[int, dict[str, int]]
) -> dict[str, Any]:
    ln = pl.line
    return {
        "sale_id": sale_id,
        "line_no": pl.line_no,
        "product_id": cart.products[ln.product.sku].id,
        "product_code": ln.product.sku,
        "name": ln.product.name,
        "quantity": 0 if ln.product.sold_by_weight else ln.quantity,
        "grams": ln.weight_g or 0,
        "unit_price_fen": pl.unit_price.fen,
        "gross_fen": pl.original.fen,
        "discount_fen": (pl.original - pl.net).fen,
        "net_fen": pl.net.fen,
        "points_earned": pl.points_earned,
        "points_paid": pl.points_paid,
        "points_value_fen": pl.points_value.fen,
        "buckets": buckets[pl.line_no],
        "original_line_id": None,
    }


def _write_sale(
    s: Session, sale: dict[str, Any], cart: _Priced
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The sale, its lines, adjustments and tenders; returns the line and tender rows.

    Core inserts: one executemany per table rather than one ORM object per row,
    which is most of the cost of a 50-line sale."""
    sale_id = sale["id"]
    buckets = allocate_to_lines(cart.priced, cart.payment)
    s.execute(insert(TABLES["sales"]), [sale])
    line_rows = [_line_row(sale_id, pl, cart, buckets) for pl in cart.priced.lines]
    adjustments = [
        {
            "sale_id": sale_id,
            "line_no": pl.line_no,
            "kind": adj.kind.value,
            "description": adj.reason[:128],
            "amount_fen": adj.amount.fen,
            "reference": adj.ref or None,
        }
        for pl in cart.priced.lines
        for adj in pl.adjustments
    ]
    s.execute(insert(TABLES["sale_lines"]), line_rows)
    if adjustments:
        s.execute(insert(TABLES["sale_adjustments"]), adjustments)
    tenders = tender_rows(sale_id, cart.payment)
    if tenders:
        s.execute(insert(TABLES["tenders"]), tenders)
    return line_rows, tenders


def _use_coupons(s: Session, coupon_rows: list[Coupon], sale_id: str) -> None:
    for coupon in coupon_rows:
        # Guarded update: a coupon used meanwhile by another terminal's sync fails here.
        done = s.execute(
            update(Coupon)
            .where(Coupon.id == coupon.id, Coupon.unused())
            .values(used_by_sale=sale_id)
        )
        if done.rowcount != 1:  # type: ignore[attr-defined]
            raise CouponUsed(code=coupon.code)


def _sale_result(
    uow: UnitOfWork, sale: dict[str, Any], cart: _Priced, tenders: list[dict[str, Any]]
) -> SaleResult:
    return SaleResult(
        sale_id=sale["id"],
        receipt_no=sale["receipt_no"],
        kind="sale",
        total=cart.priced.net_total,
        change=cart.payment.change,
        points_earned=cart.priced.points_earned,
        points_redeemed=cart.priced.points_redeemed,
        created_at=uow.now,
        tenders=tuple(
            (TenderBucket.of(t["kind"], t["method"]).key, Money(t["amount_fen"])) for t in tenders
        ),
        detail=dict(sale["detail"]),
    )


def tender_rows(sale_id: str, payment: Payment) -> list[dict[str, Any]]:
    return [
        {
            "sale_id": sale_id,
            "seq": i,
            "kind": t.kind.value,
            "method": t.method,
            "amount_fen": t.amount.fen,
            "tendered_fen": t.tendered.fen,
            "change_fen": t.change.fen,
            "sv_principal_fen": t.principal.fen,
            "sv_bonus_fen": t.bonus.fen,
            "points": t.points,
        }
        for i, t in enumerate(payment.tenders, start=1)
    ]


def _member_ledgers(
    ctx: Context,
    uow: UnitOfWork,
    member: Member,
    priced: PricedSale,
    payment: Payment,
    rules: ProgrammeRules,
    today: date,
    online: bool,
    sale_id: str,
) -> None:
    sv = payment.stored_value
    if sv is not None:
        entry = dl.SVEntry(sale_id, dl.SVReason.SPEND, -sv.principal, -sv.bonus)
        append_sv(uow, member, entry, business_date=today, sale_id=sale_id, offline=not online)
    if priced.points_redeemed:
        lots, entries = member_lots(uow.session, member.id)
        taken = dl.plan_redeem(sale_id, lots, entries, priced.points_redeemed, today)
        append_points(uow, member, taken, sale_id)
    if priced.points_earned > 0:
        lot, earn = dl.plan_earn(
            sale_id, priced.points_earned, today, rules.expiry.expires_on(today)
        )
        open_lot(uow, member, lot)
        uow.session.flush()
        append_points(uow, member, [earn], sale_id)


def _sell_count_cards(
    uow: UnitOfWork,
    member: Member,
    lines: list[CartLine],
    products: dict[str, CatalogueItem],
    plans: dict[str, CountCardPlan],
    sale_id: str,
    today: date,
) -> None:
    for ln in lines:
        code = products[ln.product.sku].count_card_plan
        if not code:
            continue
        plan = plans[code]
        for _ in range(ln.quantity):
            card = CountCard(
                member_id=member.id,
                plan_code=plan.code,
                name=plan.name,
                total_uses=plan.uses,
                remaining_uses=0,
                sold_sale_id=sale_id,
                sold_on=today.isoformat(),
                expires_on=(today + timedelta(days=plan.valid_days)).isoformat(),
            )
            uow.session.add(card)
            uow.session.flush()
            append_count(uow, card, sale_id, plan.uses, "sale", sale_id)


def window_spend(session: Session, member_id: int, rules: ProgrammeRules, today: date) -> Money:
    since = (today - timedelta(days=rules.tier_policy.window_days)).isoformat()
    total = session.execute(_WINDOW_SPEND, {"m": member_id, "since": since}).scalar()
    return Money(int(total or 0))


def _tier_with_sale(
    session: Session, member: Member, rules: ProgrammeRules, today: date, total: Money
) -> TierDecision:
    """The member's tier decision once a sale of ``total`` today counts in the window spend.

    Asked before the sale row is written (the row's detail records the
    outcome, and sales are append-only), so the sale is added to the spend
    read from the store: the same sum as reading it after the insert.
    """
    spend = window_spend(session, member.id, rules, today)
    if rules.tier_policy.window_days > 0:  # the window (since, today] holds today's sale
        spend = spend + total
    return evaluate_tier(rules, member.tier_code, spend, at_review=False)


def _maybe_upgrade(
    uow: UnitOfWork, member: Member, decision: TierDecision, today: date, sale_id: str
) -> None:
    spend = decision.window_spend
    if decision.change is TierChange.UPGRADE:
        member.tier_code = decision.new
        uow.audit(
            "member.tier_upgrade",
            staff_id=None,
            subject=str(member.id),
            event_id=sale_id,
            detail={"from": decision.old, "to": decision.new},
        )
        event_id = uow.outbox(
            EventKind.MEMBER_TIER_CHANGED,
            {
                "member_id": member.id,
                "from": decision.old,
                "to": decision.new,
                "change": decision.change.value,
                "window_spend_fen": spend.fen,
                "business_date": today.isoformat(),
                "sale_id": sale_id,
            },
        )
        # The member's tier history (the manager's statement) has the upgrade too.
        record_tier_change(
            uow, member.id, decision.old, decision.new, decision.change.value, today,
            window_spend=spend, event_id=event_id,
        )  # fmt: skip


def sale_payload(
    sale: dict[str, Any],
    lines: list[dict[str, Any]],
    payment: Payment,
    ctx: Context,
    card: tuple[str | None, str | None] = (None, None),
) -> dict[str, object]:
    """What head office needs to replay the sale into its ledgers.

    ``card``: the number of the card presented and how the member was identified.
    """
    return {
        "sale_id": sale["id"],
        "card_number": card[0],
        "id_method": card[1],
        "kind": sale["kind"],
        "store_id": ctx.settings.store_id,
        "terminal_id": sale["terminal_id"],
        "receipt_no": sale["receipt_no"],
        "original_sale_id": sale["original_sale_id"],
        "member_id": sale["member_id"],
        "staff_id": sale["staff_id"],
        "created_at": sale["created_at"],
        "business_date": sale["business_date"],
        "offline": sale["offline"],
        "total_fen": sale["total_fen"],
        "points_earned": sale["points_earned"],
        "points_redeemed": sale["points_redeemed"],
        "rules_version": sale["rules_version"],
        "coupon_codes": list(sale["detail"].get("coupons", [])),
        "hold_id": sale["hold_id"],
        "lines": [
            {
                "line_no": ln["line_no"],
                "product_code": ln["product_code"],
                "quantity": ln["quantity"],
                "grams": ln["grams"],
                "net_fen": ln["net_fen"],
                "points_earned": ln["points_earned"],
                "points_paid": ln["points_paid"],
            }
            for ln in lines
        ],
        "tenders": [
            {
                "kind": t.kind.value,
                "method": t.method,
                "amount_fen": t.amount.fen,
                "sv_principal_fen": t.principal.fen,
                "sv_bonus_fen": t.bonus.fen,
                "points": t.points,
            }
            for t in payment.tenders
        ],
    }
