"""Properties over random carts, promotion sets and partial refunds.

A total never goes below zero and no line below zero; every total is the sum of
its lines and every line its original plus its adjustments, in integer fen;
the price does not depend on the order the promotions are listed in; refunds in
any parts never give back more than was paid (per tender, per line, and in
all, the promotions the kept lines lose included), and a whole refund gives back
exactly what was paid.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from datetime import date
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from pos_member.domain.cart import CartLine, Product
from pos_member.domain.money import Money, Rounding
from pos_member.domain.pricing import AdjustmentKind, MemberSnapshot, PricedSale, price_sale
from pos_member.domain.promotions import Audience, Promotion, PromotionKind, Scope, Step
from pos_member.domain.refund import SaleRecord, apply_clawback, clawback_due, plan_refund
from pos_member.domain.rules import ProgrammeRules, demo_rules
from pos_member.domain.tenders import Payment, TenderKind, TenderRequest, settle, tender_buckets

TODAY = date(2026, 11, 24)
K = PromotionKind
SKUS = ("A", "B", "C", "D", "E")
CATS = ("drinks", "snacks", "")

rates = st.sampled_from([Decimal(x) for x in ("0", "0.5", "0.7", "0.85", "0.9", "0.95")])
pos_rates = rates.filter(lambda r: r > 0)
scopes = st.builds(
    Scope,
    skus=st.lists(st.sampled_from(SKUS), max_size=2, unique=True).map(tuple),
    categories=st.lists(st.sampled_from(CATS[:2]), max_size=1).map(tuple),
)


@st.composite
def steps(draw: st.DrawFn, with_off: bool) -> tuple[Step, ...]:
    thresholds = sorted(draw(st.sets(st.integers(100, 30_000), min_size=1, max_size=3)))
    if with_off:
        return tuple(Step(t, off=Money(draw(st.integers(1, t - 1)))) for t in thresholds)
    return tuple(Step(t, rate=draw(pos_rates)) for t in thresholds)


@st.composite
def promotions(draw: st.DrawFn, code: str) -> Promotion:
    kind = draw(st.sampled_from(list(PromotionKind)))
    common = {
        "code": code,
        "kind": kind,
        "scope": draw(scopes),
        "exclusive_group": draw(st.sampled_from(["", "", "g1", "g2"])),
        "priority": draw(st.integers(0, 2)),
        "audience": draw(st.sampled_from([Audience(), Audience(members_only=True)])),
    }
    if kind is K.SPEND_OFF:
        return Promotion(**common, steps=draw(steps(True)))
    if kind in (K.SPEND_PERCENT,):
        return Promotion(**common, steps=draw(steps(False)))
    if kind is K.QUANTITY_BREAK:
        qty = sorted(draw(st.sets(st.integers(2, 6), min_size=1, max_size=2)))
        return Promotion(**common, steps=tuple(Step(q, rate=draw(pos_rates)) for q in qty))
    if kind is K.EVERY_OFF:
        every = draw(st.integers(200, 10_000))
        return Promotion(**common, every=Money(every), off=Money(draw(st.integers(1, every - 1))),
                         cap=Money(draw(st.integers(0, 5_000))))  # fmt: skip
    if kind is K.PERCENT_OFF:
        return Promotion(**common, rate=draw(pos_rates))
    if kind is K.NTH_ITEM:
        return Promotion(**common, nth=draw(st.integers(2, 3)), rate=draw(rates))
    if kind is K.BUY_GET:
        gift = draw(st.sampled_from(["", "", *SKUS]))
        return Promotion(**common, buy=draw(st.integers(1, 3)), get=draw(st.integers(1, 2)),
                         gift_sku=gift)  # fmt: skip
    if kind is K.SPECIAL_PRICE:
        prices = draw(st.lists(st.tuples(st.sampled_from(SKUS), st.integers(0, 5_000)),
                               min_size=1, max_size=3, unique_by=lambda t: t[0]))  # fmt: skip
        return Promotion(**common, prices=tuple((s, Money(p)) for s, p in prices))
    return Promotion(**common, gift_sku=draw(st.sampled_from(SKUS)),
                     threshold=Money(draw(st.integers(0, 20_000))),
                     add_on_price=Money(draw(st.integers(0, 2_000))),
                     add_on_units=draw(st.integers(1, 2)))  # fmt: skip


@st.composite
def carts(draw: st.DrawFn) -> list[CartLine]:
    n = draw(st.integers(1, 6))
    out = []
    for i in range(n):
        sku = draw(st.sampled_from(SKUS))
        weighed = sku == "E"
        product = Product(
            sku, f"item {sku}", Money(draw(st.integers(1, 20_000))),
            member_price=draw(st.one_of(st.none(), st.integers(1, 20_000).map(Money))),
            no_further_discount=draw(st.booleans()) and draw(st.booleans()),
            sold_by_weight=weighed, category=CATS[SKUS.index(sku) % 3],
        )  # fmt: skip
        if weighed:
            out.append(CartLine(i + 1, product, weight_g=draw(st.integers(1, 3_000))))
        else:
            out.append(CartLine(i + 1, product, draw(st.integers(1, 6))))
    return out


@st.composite
def programmes(draw: st.DrawFn) -> ProgrammeRules:
    n = draw(st.integers(0, 6))
    promos = tuple(draw(promotions(f"P{i}")) for i in range(n))
    rounding = draw(st.sampled_from(list(Rounding)))
    return replace(demo_rules(), promotions=promos, rounding=rounding)


members = st.sampled_from([None, MemberSnapshot("M1", "gold"), MemberSnapshot("M2", "normal")])


def _check_sale(sale: PricedSale) -> None:
    assert isinstance(sale.net_total.fen, int)
    assert sale.net_total.fen >= 0
    assert sale.net_total.fen == sum(pl.net.fen for pl in sale.lines)
    for pl in sale.lines:
        assert pl.net.fen >= 0
        assert pl.net.fen == pl.original.fen + sum(a.amount.fen for a in pl.adjustments)
        assert all(isinstance(a.amount.fen, int) for a in pl.adjustments)


@settings(max_examples=100, deadline=None)
@given(carts(), programmes(), members, st.randoms(use_true_random=False))
def test_totals_are_exact_never_negative_and_order_free(
    lines: list[CartLine], rules: ProgrammeRules, member: MemberSnapshot | None, rnd: object
) -> None:
    sale = price_sale(lines, member, rules, (), 0, TODAY)
    _check_sale(sale)
    shuffled = list(rules.promotions)
    rnd.shuffle(shuffled)  # type: ignore[attr-defined]
    again = price_sale(lines, member, replace(rules, promotions=tuple(shuffled)), (), 0, TODAY)
    assert again == sale


def _before_rounding(sale: PricedSale) -> dict[int, int]:
    return {
        pl.line_no: pl.net.fen
        - sum(a.amount.fen for a in pl.adjustments if a.kind is AdjustmentKind.ROUNDING)
        for pl in sale.lines
    }


@settings(max_examples=40, deadline=None)
@given(carts(), programmes(), members, st.data())
def test_refunds_in_parts_never_give_back_more_than_was_paid(
    lines: list[CartLine],
    rules: ProgrammeRules,
    member: MemberSnapshot | None,
    data: st.DataObject,
) -> None:
    sale = price_sale(lines, member, rules, (), 0, TODAY)
    paid = sale.amount_due
    half = Money(paid.fen // 2)
    payment = settle(sale, [TenderRequest(TenderKind.EXTERNAL, half, "wechat"),
                            TenderRequest(TenderKind.CASH, paid - half)])  # fmt: skip
    record = SaleRecord.from_sale("S1", sale, payment)
    by_no = {ln.line_no: ln for ln in lines}

    def reprice(kept: Mapping[int, int]) -> int:
        cart = [
            replace(by_no[n], weight_g=u) if by_no[n].product.sold_by_weight
            else replace(by_no[n], quantity=u)
            for n, u in kept.items()
        ]  # fmt: skip
        return sum(_before_rounding(price_sale(cart, member, rules, (), 0, TODAY)).values())

    before = _before_rounding(sale)
    per_tender: dict[str, int] = {}
    per_line: dict[int, int] = {}
    kept_before: dict[str, int] = {}
    while True:
        left = {ln.line_no: record.remaining(ln.line_no) for ln in record.lines}
        if not any(left.values()):
            break
        request = {n: data.draw(st.integers(0, u)) for n, u in left.items() if u}
        if not any(request.values()):
            request = {n: u for n, u in left.items() if u}
        plan = plan_refund(record, request)
        due = clawback_due(record, request, before, reprice)
        plan = apply_clawback(plan, due, kept_before, "")
        for b, v in plan.buckets.items():
            assert v >= 0
            per_tender[b] = per_tender.get(b, 0) + v
            assert per_tender[b] <= payment_bucket(payment, b)
        for b, v in plan.clawback_buckets.items():
            kept_before[b] = kept_before.get(b, 0) + v
            assert kept_before[b] >= 0
        for rl in plan.lines:
            per_line[rl.line_no] = per_line.get(rl.line_no, 0) + rl.amount.fen
            assert per_line[rl.line_no] <= record.line(rl.line_no).net.fen
        refunded = dict(record.refunded_units)
        for n, u in request.items():
            refunded[n] = refunded.get(n, 0) + u
        record = replace(record, refunded_units=refunded)
    # A whole refund gives back exactly what each tender paid, and every line its net.
    assert sum(per_tender.values()) == paid.fen
    assert all(per_tender.get(b, 0) == payment_bucket(payment, b) for b in per_tender)
    assert all(per_line.get(pl.line_no, 0) == pl.net.fen for pl in sale.lines)


def payment_bucket(payment: Payment, bucket: str) -> int:
    return int(tender_buckets(payment).get(bucket, 0))
