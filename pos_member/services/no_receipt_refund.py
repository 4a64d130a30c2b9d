"""Refund without a receipt (无单退货): goods back at today's shelf price, cash out.

The cashier scans what comes back; the till prices each piece at today's
catalogue price (no member price, no points, no member), a supervisor approves
with their PIN (``"no_receipt_refund"``) and a reason is kept. The money goes
back in cash only, up to ``Settings.no_receipt_refund_max_fen``. One
transaction writes the refund sale (kind ``refund``, no original sale), its
lines, its cash tender, the audit row and the outbox event head office books
as a refund of no sale (``SalePayload.no_receipt``).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy.orm import Session

from pos_member.domain.cart import whole
from pos_member.domain.errors import (
    InvalidQuantity,
    NoReceiptRefundOverLimit,
    NothingToRefund,
    ValidationError,
)
from pos_member.domain.events import EventKind
from pos_member.domain.money import Money
from pos_member.domain.text import Text
from pos_member.services import auth
from pos_member.services.catalogue import find_product
from pos_member.services.checkout import (
    SaleResult,
    load_result,
    next_receipt_no,
    shift_id_or_refuse,
)
from pos_member.services.context import Approval, Context, StaffSession
from pos_member.store.models import Sale, SaleLine, Tender

ACTION = "no_receipt_refund"
MAX_QUANTITY = 999
MAX_REASON = 64  # the message says "at most 64 characters"


@dataclass(frozen=True, slots=True)
class NoReceiptLine:
    product_id: int
    code: str
    name: str
    quantity: int
    unit_price: Money

    @property
    def amount(self) -> Money:
        return Money(self.unit_price.fen * self.quantity)


@dataclass(frozen=True, slots=True)
class NoReceiptQuote:
    lines: tuple[NoReceiptLine, ...]
    limit: Money

    @property
    def total(self) -> Money:
        return Money(sum(ln.amount.fen for ln in self.lines))


@dataclass(frozen=True, slots=True)
class NoReceiptRefundRequest:
    refund_id: str
    items: tuple[tuple[str, int], ...]  # (scanned code, pieces back)
    reason: str
    staff: StaffSession
    approval: Approval | None = None


def _price(s: Session, ctx: Context, items: tuple[tuple[str, int], ...]) -> NoReceiptQuote:
    if not items or not any(q for _, q in items):
        raise NothingToRefund()
    merged: dict[int, NoReceiptLine] = {}
    for code, qty in items:
        found = find_product(s, code)
        p = found.product
        if found.grams is not None or p.weighed:
            raise ValidationError(
                field=p.name, problem="weighed goods are refunded only with their receipt"
            )
        if not whole(qty) or qty < 1 or qty > MAX_QUANTITY:
            raise InvalidQuantity(quantity=qty, product=Text(p.name))
        had = merged.get(p.id)
        n = qty + (had.quantity if had else 0)
        if n > MAX_QUANTITY:
            raise InvalidQuantity(quantity=n, product=Text(p.name))
        merged[p.id] = NoReceiptLine(p.id, p.code, p.name, n, Money(p.price_fen))
    quote = NoReceiptQuote(tuple(merged.values()), Money(ctx.settings.no_receipt_refund_max_fen))
    if quote.total.fen > quote.limit.fen:
        raise NoReceiptRefundOverLimit(total=quote.total, limit=quote.limit)
    return quote


def quote(ctx: Context, items: tuple[tuple[str, int], ...]) -> NoReceiptQuote:
    """What the goods come back for, at today's shelf price; nothing is written."""
    with ctx.store.reading() as s:
        return _price(s, ctx, items)


def _check_reason(reason: str) -> str:
    r = reason.strip()
    if not r:
        raise ValidationError(field="reason", problem="type why the goods come back")
    if len(r) > MAX_REASON:
        raise ValidationError(field="reason", problem="at most 64 characters")
    return r


def no_receipt_refund(ctx: Context, req: NoReceiptRefundRequest) -> SaleResult:
    """Refund goods without their receipt, in cash; once per refund id."""
    try:
        uuid.UUID(req.refund_id)
    except ValueError:
        raise ValueError("refund ids are UUIDs (uuid4)") from None
    reason = _check_reason(req.reason)
    with ctx.store.reading() as s:
        done = load_result(s, req.refund_id, replayed=True)
        if done is not None:
            return done
        shift_id_or_refuse(s, ctx.terminal_id)
        _price(s, ctx, req.items)
    approved_by = auth.require(req.staff, ACTION, req.approval)
    today = ctx.today()
    with ctx.store.unit_of_work(ctx.terminal_id, ctx.now_iso()) as uow:
        s = uow.session
        replay = s.get(Sale, req.refund_id) is not None
        if not replay:
            q = _price(s, ctx, req.items)  # priced again inside the transaction
            rid = req.refund_id
            receipt_no = next_receipt_no(uow)
            total = q.total.fen
            version, _ = ctx.rules(s)
            s.add(
                Sale(
                    id=rid,
                    kind="refund",
                    terminal_id=uow.terminal_id,
                    receipt_no=receipt_no,
                    original_sale_id=None,
                    member_id=None,
                    card_id=None,
                    staff_id=req.staff.staff_id,
                    approved_by=approved_by,
                    shift_id=shift_id_or_refuse(s, uow.terminal_id),
                    created_at=uow.now,
                    business_date=today.isoformat(),
                    rules_version=version,
                    subtotal_fen=-total,
                    discount_fen=0,
                    rounding_fen=0,
                    total_fen=-total,
                    points_earned=0,
                    points_redeemed=0,
                    offline=not ctx.online(),
                    detail={
                        "no_receipt": True,
                        "reason": reason,
                        "money_back_fen": total,
                        "cash_back_fen": total,
                    },
                )
            )
            s.flush()
            for k, ln in enumerate(q.lines, start=1):
                s.add(
                    SaleLine(
                        sale_id=rid,
                        line_no=k,
                        product_id=ln.product_id,
                        product_code=ln.code,
                        name=ln.name,
                        quantity=ln.quantity,
                        grams=0,
                        unit_price_fen=ln.unit_price.fen,
                        gross_fen=-ln.amount.fen,
                        discount_fen=0,
                        net_fen=-ln.amount.fen,
                        points_earned=0,
                        points_paid=0,
                        points_value_fen=0,
                        buckets={"cash": -ln.amount.fen},
                        original_line_id=None,
                    )
                )
            s.add(Tender(sale_id=rid, seq=1, kind="cash", method="", amount_fen=-total))
            uow.audit(
                "refund.no_receipt",
                staff_id=req.staff.staff_id,
                approved_by=approved_by,
                subject=receipt_no,
                event_id=rid,
                detail={"reason": reason, "money_back_fen": total},
            )
            uow.outbox(
                EventKind.REFUND,
                {
                    "refund_id": rid,
                    "sale_id": None,
                    "no_receipt": True,
                    "reason": reason,
                    "approved_by": approved_by,
                    "store_id": ctx.settings.store_id,
                    "terminal_id": uow.terminal_id,
                    "receipt_no": receipt_no,
                    "member_id": None,
                    "created_at": uow.now,
                    "business_date": today.isoformat(),
                    "offline": not ctx.online(),
                    "total_fen": -total,
                    "no_receipt_lines": [
                        {
                            "line_no": k,
                            "product_code": ln.code,
                            "units": ln.quantity,
                            "net_fen": -ln.amount.fen,
                        }
                        for k, ln in enumerate(q.lines, start=1)
                    ],
                    "buckets": {"cash": total},
                    "points_given_back": 0,
                    "points_taken_back": 0,
                    "points_shortfall": 0,
                    "coupons_back": [],
                },
                event_id=rid,
            )
    with ctx.store.reading() as s:
        result = load_result(s, req.refund_id, replayed=replay)
    assert result is not None
    return result
