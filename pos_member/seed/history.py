"""Days of counter history for the demo store, written by the real services.

A simulated clock walks through each day: a shift opens at nine, sales (some
with members, stored value, points, weighed goods, count cards), a few
refunds and recharges, count-card visits, and the shift closes at nine in
the evening with the Z report. Rows are exactly what a counter would write.
"""

from __future__ import annotations

import logging
import random
import uuid
from dataclasses import replace
from datetime import date, datetime, time, timedelta
from typing import Any, Protocol
from zoneinfo import ZoneInfo

from sqlalchemy import delete, select

from pos_member.domain.errors import UserFacingError
from pos_member.domain.money import Money
from pos_member.domain.prepaid import BuyerKind, IdType
from pos_member.domain.tenders import TenderKind, TenderRequest
from pos_member.services import prepaid
from pos_member.services.checkout import CheckoutRequest, LineRequest, checkout, quote
from pos_member.services.context import Context, Role, StaffSession
from pos_member.services.count_cards import use_count_card
from pos_member.services.identify import member_view
from pos_member.services.refund import RefundRequest, refund
from pos_member.services.shifts import close_shift, open_shift, x_report
from pos_member.services.stored_value import RechargeRequest, recharge
from pos_member.store import pii
from pos_member.store.models import CountCard, Member, Product, ReceiptOwed

TESTED_IN = "tests/services/test_seed.py"

log = logging.getLogger(__name__)

CASHIERS = (
    StaffSession("1001", "小王", Role.CASHIER),
    StaffSession("1002", "小李", Role.CASHIER),
)
SUPERVISOR = StaffSession("2001", "陈姐", Role.SUPERVISOR)


class Clock(Protocol):
    at: datetime


def new_id(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def _catalogue(ctx: Context) -> tuple[list[str], list[str], list[str]]:
    with ctx.store.reading() as s:
        packaged = list(
            s.scalars(
                select(Product.code)
                .where(~Product.weighed, Product.count_card_plan.is_(None))
                .order_by(Product.id)
                .limit(3000)
            )
        )
        weighed = list(s.scalars(select(Product.code).where(Product.weighed).limit(200)))
        plans = list(s.scalars(select(Product.code).where(Product.count_card_plan.is_not(None))))
    return packaged, weighed, plans


def _cash_handed(due: Money, rng: random.Random) -> Money:
    """What a customer hands over: the exact amount or the next round note."""
    for note in (1000, 2000, 5000, 10000):
        if rng.random() < 0.5 and due.fen <= note * ((due.fen + note - 1) // note):
            return Money(note * ((due.fen + note - 1) // note))
    return due


def run_history(
    ctx: Context,
    clock: Clock,
    rng: random.Random,
    start_day: date,
    days: int,
    members: int,
    products: int,
) -> list[dict[str, Any]]:
    """Write ``days`` days of counter activity ending yesterday; returns receipts to try."""
    # History is generated as already-authorised activity: no PIN pad to answer.
    hist = Context(
        store=ctx.store,
        settings=ctx.settings.model_copy(update={"pay_pin_threshold_fen": 10**12}),
        clock=lambda: clock.at,
    )
    tz = ZoneInfo(ctx.settings.timezone)
    packaged, weighed, plans = _catalogue(hist)
    member_pool = min(members, 20_000)
    receipts: list[dict[str, Any]] = []
    sales: list[tuple[str, int]] = []  # (receipt no, lines)
    for d in range(days):
        day = start_day + timedelta(days=d)
        clock.at = datetime.combine(day, time(9, 0), tzinfo=tz)
        cashier = CASHIERS[d % len(CASHIERS)]
        open_shift(hist, cashier, Money.yuan(500))
        n_sales = rng.randint(12, 24)
        minutes = sorted(rng.sample(range(5, 11 * 60), n_sales + 4))
        for k, minute in enumerate(minutes):
            clock.at = datetime.combine(day, time(9, 0), tzinfo=tz) + timedelta(minutes=minute)
            kind = rng.random() if k < n_sales else 2.0
            try:
                if kind < 0.82 or not member_pool:
                    r = _one_sale(hist, rng, cashier, packaged, weighed, plans, member_pool)
                    if r is not None:
                        sales.append(r)
                elif kind < 0.90 and sales:
                    receipt_no, n_lines = rng.choice(sales)
                    refund(
                        hist,
                        RefundRequest(
                            new_id(rng), receipt_no, {rng.randint(1, n_lines): 1}, SUPERVISOR
                        ),
                    )
                elif kind < 0.97:
                    _recharge(hist, rng, member_pool)
                if d == 0 and k == 0 and member_pool >= 8:
                    _company_purchase(hist, rng, (6, 7, 8))
                else:
                    _use_count_card(hist, rng, cashier)
            except UserFacingError as exc:
                # e.g. a refund of a line already refunded: a counter would refuse it too.
                log.debug("history step refused: %s", exc.code)
        clock.at = datetime.combine(day, time(21, 0), tzinfo=tz)
        expected = x_report(hist).cash_expected_fen
        variance = rng.choice((0, 0, 0, 0, -50, 100))
        close_shift(hist, cashier, Money(expected + variance))
    # Every receipt of the history printed on its day: none is owed now.
    with ctx.store.unit_of_work(ctx.terminal_id, ctx.now_iso()) as uow:
        uow.session.execute(delete(ReceiptOwed))
    for receipt_no, n_lines in sales[-5:]:
        receipts.append({"receipt_no": receipt_no, "lines": n_lines})
    return receipts


def _one_sale(
    ctx: Context,
    rng: random.Random,
    cashier: StaffSession,
    packaged: list[str],
    weighed: list[str],
    plans: list[str],
    member_pool: int,
) -> tuple[str, int] | None:
    member_id = rng.randint(1, member_pool) if member_pool and rng.random() < 0.6 else None
    lines: list[LineRequest] = []
    for _ in range(rng.randint(1, 6)):
        if weighed and rng.random() < 0.2:
            lines.append(LineRequest(rng.choice(weighed), grams=rng.randint(150, 2500)))
        else:
            lines.append(LineRequest(rng.choice(packaged), quantity=rng.choice((1, 1, 1, 2, 3))))
    if member_id and plans and rng.random() < 0.03:
        lines.append(LineRequest(rng.choice(plans)))
    draft = CheckoutRequest(sale_id=new_id(rng), staff=cashier, lines=tuple(lines),
                            member_id=member_id)  # fmt: skip
    points = 0
    if member_id is not None:
        view = member_view(ctx, member_id)
        if view.points >= 500 and rng.random() < 0.15:
            points = 100 * rng.randint(1, min(view.points // 100, 5))
    try:
        priced = quote(ctx, _with(draft, points_to_redeem=points))
    except UserFacingError:
        points = 0
        priced = quote(ctx, draft)
    due = priced.amount_due
    tenders: tuple[TenderRequest, ...]
    if member_id is not None and rng.random() < 0.35:
        view = member_view(ctx, member_id)
        if view.stored_value >= due:
            tenders = (TenderRequest(TenderKind.STORED_VALUE, due),)
        else:
            tenders = (TenderRequest(TenderKind.CASH, _cash_handed(due, rng)),)
    elif rng.random() < 0.5:
        tenders = (TenderRequest(TenderKind.CASH, _cash_handed(due, rng)),)
    else:
        method = rng.choice(("wechat", "alipay", "bank_card"))
        tenders = (TenderRequest(TenderKind.EXTERNAL, due, method),)
    result = checkout(ctx, _with(draft, points_to_redeem=points, tenders=tenders))
    return result.receipt_no, len(lines)


def _with(req: CheckoutRequest, **changes: Any) -> CheckoutRequest:
    return replace(req, **changes)


def demo_id_number(n: int) -> str:
    """A resident ID number with a valid check digit (GB 11643-1999), one per ``n``."""
    body = f"110105{1950 + n % 50:04d}{1 + n % 12:02d}{1 + n % 28:02d}{n % 1000:03d}"
    total = sum(int(c) * w for c, w in zip(body, _ID_WEIGHTS, strict=True))
    return body + "10X98765432"[total % 11]


_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def demo_buyer(ctx: Context, member_id: int, amount: Money) -> prepaid.RealNameInput | None:
    """The member's own real-name record when the law wants one with this recharge (a
    named card's first recharge here, docs/prepaid.md); the record then serves the next."""
    with ctx.store.reading() as s:
        _, rules = ctx.rules(s)
        wanted, _, _ = prepaid.recharge_needs(s, member_id, amount, rules)
        sealed = s.scalar(select(Member.name_sealed).where(Member.id == member_id))
        name = pii.full_name(ctx.store.sealer, sealed)
    if not (wanted and name):
        return None
    return prepaid.RealNameInput(
        name=name, id_type=IdType.RESIDENT_ID, id_number=demo_id_number(member_id), consent=True
    )


def _recharge(ctx: Context, rng: random.Random, member_pool: int) -> None:
    amount = Money.yuan(rng.choice((100, 200, 500, 1000, 2000)))
    kind = rng.choice((TenderKind.CASH, TenderKind.EXTERNAL))
    method = "" if kind is TenderKind.CASH else rng.choice(("wechat", "alipay"))
    member_id = rng.randint(1, member_pool)
    buyer = demo_buyer(ctx, member_id, amount)
    recharge(
        ctx,
        RechargeRequest(
            new_id(rng),
            member_id,
            amount,
            (TenderRequest(kind, amount, method),),
            SUPERVISOR,
            buyer=buyer,
        ),
    )


#: The demo's large deposit: a company buys ¥6,000 of stored value for three of its staff,
#: ¥2,000 on each one's card (each within the named card's ¥5,000 cap, bonus included),
#: by one bank transfer, its agent's real name recorded (docs/prepaid.md).
COMPANY = "上海示例科技有限公司"
COMPANY_AGENT = prepaid.RealNameInput(
    name="王小明", id_type=IdType.RESIDENT_ID, id_number="11010519491231002X", consent=True,
    contact="13800000001", agent=True, buyer_kind=BuyerKind.COMPANY, company_name=COMPANY,
)  # fmt: skip


def _company_purchase(ctx: Context, rng: random.Random, member_ids: tuple[int, ...]) -> None:
    amount = Money.yuan(2000)
    transfer = prepaid.BankTransferInput(
        payer=prepaid.BankAccountInput(COMPANY, "31050161393600000001", "建设银行"),
        payee=prepaid.BankAccountInput("示例超市有限公司", "31050161393600000999", "建设银行"),
        reference="CCB20261101-0001",
    )
    for mid in member_ids:
        try:
            recharge(
                ctx,
                RechargeRequest(
                    new_id(rng), mid, amount,
                    (TenderRequest(TenderKind.EXTERNAL, amount, prepaid.BANK_TRANSFER),),
                    SUPERVISOR, buyer_kind=BuyerKind.COMPANY, buyer=COMPANY_AGENT,
                    bank_transfer=transfer,
                ),
            )  # fmt: skip
        except UserFacingError as exc:  # a card that cannot take it (its cap): as at a counter
            log.debug("company purchase for member %s refused: %s", mid, exc.code)


def _use_count_card(ctx: Context, rng: random.Random, cashier: StaffSession) -> None:
    with ctx.store.reading() as s:
        ids = list(s.scalars(select(CountCard.id).where(CountCard.remaining_uses > 0).limit(50)))
    if ids:
        use_count_card(ctx, cashier, rng.choice(ids), 1, new_id(rng))
