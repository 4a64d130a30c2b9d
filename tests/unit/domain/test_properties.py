"""Property tests: money and ledgers stay exact over any sequence of sales, refunds, recharges.

A small in-memory account applies the domain's plans the way the services do
(append-only entries), and the properties are checked after every step.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from pos_member.domain.cart import CartLine, Product
from pos_member.domain.ledger import (
    PointsEntry,
    PointsLot,
    SVEntry,
    SVReason,
    lot_balances,
    plan_earn,
    plan_give_back,
    plan_recharge,
    plan_redeem,
    plan_take_back,
    points_available,
    sv_balance,
)
from pos_member.domain.money import Money, Rounding
from pos_member.domain.pricing import MemberSnapshot, PricedSale, price_sale
from pos_member.domain.refund import SaleRecord, deduct_points_shortfall, plan_refund
from pos_member.domain.rules import ProgrammeRules, RedeemRule, demo_rules
from pos_member.domain.tenders import (
    POINTS_VALUE,
    SV_BONUS,
    SV_PRINCIPAL,
    Payment,
    TenderKind,
    TenderRequest,
    settle,
)

TODAY = date(2026, 11, 23)


@dataclass
class SaleState:
    record: SaleRecord
    priced: PricedSale
    payment: Payment
    redeemed: list[PointsEntry]
    lot_id: str | None
    refunded_units: dict[int, int] = field(default_factory=dict)
    money_back: dict[str, int] = field(default_factory=dict)
    points_given: int = 0
    line_back: dict[int, int] = field(default_factory=dict)


@dataclass
class Account:
    rules: ProgrammeRules
    tier: str
    sv: list[SVEntry] = field(default_factory=list)
    lots: list[PointsLot] = field(default_factory=list)
    pts: list[PointsEntry] = field(default_factory=list)
    sales: dict[str, SaleState] = field(default_factory=dict)
    seq: int = 0

    def next_id(self, prefix: str) -> str:
        self.seq += 1
        return f"{prefix}{self.seq}"

    @property
    def points(self) -> int:
        return points_available(self.lots, self.pts, TODAY)

    def check(self) -> None:
        bal = sv_balance(self.sv)
        assert bal.principal.fen >= 0 and bal.bonus.fen >= 0
        assert bal.total.fen == sum(e.principal.fen + e.bonus.fen for e in self.sv)
        lots = lot_balances(self.lots, self.pts)
        assert all(v >= 0 for v in lots.values())
        assert sum(lots.values()) == sum(e.delta for e in self.pts)
        for st_ in self.sales.values():
            paid = {}
            for sl in st_.record.lines:
                for b, v in sl.buckets.items():
                    paid[b] = paid.get(b, 0) + v
            for b, v in st_.money_back.items():
                assert v <= paid.get(b, 0), f"bucket {b}: {v} back > {paid.get(b)} paid"
            for sl in st_.record.lines:
                assert st_.line_back.get(sl.line_no, 0) <= sl.net.fen
            assert st_.points_given <= st_.priced.points_redeemed


def recharge(acc: Account, fen: int) -> None:
    acc.sv.append(plan_recharge(acc.next_id("R"), Money(fen), acc.rules.stored_value))


def sell(acc: Account, data: st.DataObject) -> str | None:
    n = data.draw(st.integers(1, 4))
    lines = []
    for i in range(n):
        price = data.draw(st.integers(1, 50_000))
        member_price = data.draw(st.one_of(st.none(), st.integers(0, price)))
        weighed = data.draw(st.booleans())
        p = Product(
            f"P{i}",
            f"p{i}",
            Money(price),
            Money(member_price) if member_price is not None else None,
            earns_points=data.draw(st.booleans()),
            no_further_discount=data.draw(st.booleans()),
            sold_by_weight=weighed,
        )
        if weighed:
            lines.append(CartLine(i + 1, p, weight_g=data.draw(st.integers(1, 5000))))
        else:
            lines.append(CartLine(i + 1, p, data.draw(st.integers(1, 5))))
    member = MemberSnapshot("M", acc.tier, None, acc.points)
    base = price_sale(lines, member, acc.rules, today=TODAY)
    unit = acc.rules.redeem.points_per_unit
    max_value = int(Decimal(base.net_total.fen) * acc.rules.redeem.max_share)
    max_units = min(acc.points // unit, max_value // acc.rules.redeem.unit_value.fen)
    units = data.draw(st.integers(0, max(max_units, 0)))
    priced = price_sale(lines, member, acc.rules, points_to_redeem=units * unit, today=TODAY)
    bal = sv_balance(acc.sv)
    sv_amount = data.draw(st.integers(0, min(bal.total.fen, priced.amount_due.fen)))
    rest = priced.amount_due.fen - sv_amount
    cash = rest + data.draw(st.integers(0, 10_000))
    external = 0
    if rest and data.draw(st.booleans()):
        external, cash = rest, 0
    reqs = [
        TenderRequest(TenderKind.STORED_VALUE, Money(sv_amount)),
        TenderRequest(TenderKind.CASH, Money(cash)),
        TenderRequest(TenderKind.EXTERNAL, Money(external), "bank_card"),
    ]
    pay = settle(priced, reqs, bal, acc.rules.stored_value.spend_order)
    # total paid equals the sum of tenders and the amount of the sale
    assert pay.paid == priced.net_total
    assert sum(t.amount.fen for t in pay.tenders) == priced.net_total.fen
    assert pay.change.fen == max(cash - (priced.amount_due.fen - sv_amount - external), 0)
    sale_id = acc.next_id("S")
    redeemed = (
        plan_redeem(sale_id, acc.lots, acc.pts, priced.points_redeemed, TODAY)
        if priced.points_redeemed
        else []
    )
    acc.pts += redeemed
    sv_tender = pay.stored_value
    if sv_tender is not None:
        acc.sv.append(SVEntry(sale_id, SVReason.SPEND, -sv_tender.principal, -sv_tender.bonus))
    lot_id = None
    if priced.points_earned:
        lot, e = plan_earn(sale_id, priced.points_earned, TODAY, TODAY + timedelta(days=400))
        acc.lots.append(lot)
        acc.pts.append(e)
        lot_id = lot.lot_id
    acc.sales[sale_id] = SaleState(
        SaleRecord.from_sale(sale_id, priced, pay), priced, pay, redeemed, lot_id
    )
    return sale_id


def refund(acc: Account, sale_id: str, request: dict[int, int]) -> None:
    s = acc.sales[sale_id]
    record = replace(s.record, refunded_units=dict(s.refunded_units))
    plan = plan_refund(record, request, acc.rules.coupon_back_on_full_refund)
    rid = acc.next_id("F")
    take, shortfall = plan_take_back(
        rid, s.lot_id, acc.lots, acc.pts, plan.points_taken_back, TODAY
    )
    plan = deduct_points_shortfall(plan, shortfall, acc.rules.redeem)
    acc.pts += take
    if plan.points_given_back:
        acc.pts += plan_give_back(rid, s.redeemed, plan.points_given_back, s.points_given)
        s.points_given += plan.points_given_back
    if plan.sv_principal or plan.sv_bonus:
        acc.sv.append(SVEntry(rid, SVReason.REFUND, plan.sv_principal, plan.sv_bonus))
    for b, v in plan.buckets.items():
        s.money_back[b] = s.money_back.get(b, 0) + v
    for ln in plan.lines:
        s.refunded_units[ln.line_no] = s.refunded_units.get(ln.line_no, 0) + ln.units
        s.line_back[ln.line_no] = s.line_back.get(ln.line_no, 0) + ln.amount.fen
        s.money_back[POINTS_VALUE] = s.money_back.get(POINTS_VALUE, 0) + ln.buckets.get(
            POINTS_VALUE, 0
        )


rules_strategy = st.sampled_from(
    [
        demo_rules(),
        replace(
            demo_rules(),
            rounding=Rounding.DROP_JIAO,
            redeem=RedeemRule(points_per_unit=1, unit_value=Money(1), max_share=Decimal(1)),
        ),
        replace(demo_rules(), rounding=Rounding.DROP_FEN),
    ]
)


@settings(max_examples=150, deadline=None)
@given(st.data(), rules_strategy, st.sampled_from(["normal", "silver", "gold", "diamond"]))
def test_any_sequence_keeps_ledgers_exact(
    data: st.DataObject, rules: ProgrammeRules, tier: str
) -> None:
    acc = Account(rules, tier)
    for _ in range(data.draw(st.integers(1, 12))):
        op = data.draw(st.sampled_from(["recharge", "sale", "sale", "refund"]))
        if op == "recharge":
            recharge(acc, data.draw(st.integers(100, 2_000_000)))
        elif op == "sale":
            sell(acc, data)
        elif acc.sales:
            sid = data.draw(st.sampled_from(sorted(acc.sales)))
            s = acc.sales[sid]
            left = {
                ln.line_no: ln.units - s.refunded_units.get(ln.line_no, 0) for ln in s.record.lines
            }
            req = {n: data.draw(st.integers(0, u)) for n, u in left.items() if u}
            if any(req.values()):
                refund(acc, sid, req)
        acc.check()


@settings(max_examples=150, deadline=None)
@given(st.data(), rules_strategy, st.sampled_from(["normal", "gold", "diamond"]))
def test_full_refund_restores_points_and_stored_value(
    data: st.DataObject, rules: ProgrammeRules, tier: str
) -> None:
    acc = Account(rules, tier)
    recharge(acc, data.draw(st.integers(100, 500_000)))
    lot, e = plan_earn(
        "OLD", data.draw(st.integers(1, 20_000)), date(2026, 1, 1), date(2027, 12, 31)
    )
    acc.lots.append(lot)
    acc.pts.append(e)
    before_sv = sv_balance(acc.sv)
    before_lots = lot_balances(acc.lots, acc.pts)
    sid = sell(acc, data)
    assert sid is not None
    s = acc.sales[sid]
    # refund in one or several parts, in any order
    while any(ln.units - s.refunded_units.get(ln.line_no, 0) for ln in s.record.lines):
        left = {ln.line_no: ln.units - s.refunded_units.get(ln.line_no, 0) for ln in s.record.lines}
        req = {n: data.draw(st.integers(0, u)) for n, u in left.items() if u}
        if not any(req.values()):
            req = {n: u for n, u in left.items() if u}
        refund(acc, sid, req)
        acc.check()
    assert sv_balance(acc.sv) == before_sv
    after = lot_balances(acc.lots, acc.pts)
    assert {k: v for k, v in after.items() if k in before_lots} == before_lots
    assert all(v == 0 for k, v in after.items() if k not in before_lots)
    paid = {}
    for sl in s.record.lines:
        for b, v in sl.buckets.items():
            paid[b] = paid.get(b, 0) + v
    assert s.money_back == {b: v for b, v in paid.items()} | {
        b: s.money_back[b] for b in s.money_back if b not in paid
    }
    assert {b: v for b, v in s.money_back.items() if v} == {b: v for b, v in paid.items() if v}
    assert s.points_given == s.priced.points_redeemed
    for b in (SV_PRINCIPAL, SV_BONUS):
        assert s.money_back.get(b, 0) == paid.get(b, 0)
