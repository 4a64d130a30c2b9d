"""The fast pricing engine against the algorithm it replaced, on random carts and programmes.

``pricing_reference`` is the pricing of commit 646e0d4 (one full pass per
exclusive-group trial, Decimal rates, ``_Work`` copies), frozen. Both price the
same random cart, member, coupons and promotion set, and the two ``PricedSale``
values must be equal: every line's adjustments (kind, amount, reason, ref, in
order), totals, points, the promotions named and the hints. The promotion sets
are drawn so that exclusive groups are common (several candidates each, item
and order kinds mixed, scopes overlapping or apart), with weighed lines,
member prices, "no further discount" products and stackable coupons.
"""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pos_member.domain.cart import CartLine, Product
from pos_member.domain.errors import UserFacingError
from pos_member.domain.money import Money, Rounding
from pos_member.domain.pricing import MemberSnapshot, PricedSale, price_sale
from pos_member.domain.promotions import Audience, Promotion, PromotionKind, Scope, Step, Window
from pos_member.domain.rules import Coupon, CouponKind, ProgrammeRules, demo_rules
from tests.benchmarks import bench_pricing
from tests.domain import pricing_reference

TODAY = date(2026, 11, 24)  # a Tuesday
K = PromotionKind
SKUS = ("A", "B", "C", "D", "E", "F", "G")
CATS = ("drinks", "snacks", "dairy", "")
CAT_OF = {s: CATS[i % len(CATS)] for i, s in enumerate(SKUS)}
WEIGHED = {"G"}

rates = st.sampled_from([Decimal(x) for x in ("0", "0.5", "0.7", "0.85", "0.88", "0.9", "0.95")])
pos_rates = rates.filter(lambda r: r > 0)
scopes = st.one_of(
    st.just(Scope()),
    st.builds(
        Scope,
        skus=st.lists(st.sampled_from(SKUS), min_size=1, max_size=3, unique=True).map(tuple),
        categories=st.lists(st.sampled_from(CATS[:3]), max_size=1).map(tuple),
        exclude_skus=st.lists(st.sampled_from(SKUS), max_size=1).map(tuple),
    ),
    st.builds(
        Scope,
        categories=st.lists(st.sampled_from(CATS[:3]), min_size=1, max_size=2, unique=True).map(
            tuple
        ),
        exclude_skus=st.lists(st.sampled_from(SKUS), max_size=1).map(tuple),
    ),
)
audiences = st.sampled_from(
    [Audience(), Audience(members_only=True), Audience(tiers=("gold",)), Audience(stores=("S1",))]
)
windows = st.sampled_from(
    [Window(), Window(weekdays=(2,)), Window(weekdays=(5,)), Window(hours=(9, 12))]
)


@st.composite
def steps(draw: st.DrawFn, with_off: bool, units: bool = False) -> tuple[Step, ...]:
    low, high = (2, 6) if units else (100, 30_000)
    thresholds = sorted(draw(st.sets(st.integers(low, high), min_size=1, max_size=3)))
    if with_off:
        return tuple(Step(t, off=Money(draw(st.integers(1, t - 1)))) for t in thresholds)
    return tuple(Step(t, rate=draw(pos_rates)) for t in thresholds)


@st.composite
def promotions(draw: st.DrawFn, code: str) -> Promotion:
    kind = draw(st.sampled_from(list(PromotionKind)))
    common: dict[str, object] = {
        "code": code,
        "kind": kind,
        "scope": draw(scopes),
        "exclusive_group": draw(st.sampled_from(["", "", "g1", "g1", "g2", "g3"])),
        "priority": draw(st.integers(0, 2)),
        "audience": draw(audiences),
        "window": draw(windows),
        "name": draw(st.sampled_from(["", "", "会员日"])),
    }
    if kind is K.SPEND_OFF:
        return Promotion(**common, steps=draw(steps(True)))  # type: ignore[arg-type]
    if kind is K.SPEND_PERCENT:
        return Promotion(**common, steps=draw(steps(False)))  # type: ignore[arg-type]
    if kind is K.QUANTITY_BREAK:
        return Promotion(**common, steps=draw(steps(False, units=True)))  # type: ignore[arg-type]
    if kind is K.EVERY_OFF:
        every = draw(st.integers(200, 10_000))
        return Promotion(**common, every=Money(every), off=Money(draw(st.integers(1, every - 1))),  # type: ignore[arg-type]
                         cap=Money(draw(st.integers(0, 5_000))))  # fmt: skip
    if kind is K.PERCENT_OFF:
        return Promotion(**common, rate=draw(pos_rates))  # type: ignore[arg-type]
    if kind is K.NTH_ITEM:
        return Promotion(**common, nth=draw(st.integers(2, 3)), rate=draw(rates))  # type: ignore[arg-type]
    if kind is K.BUY_GET:
        gift = draw(st.sampled_from(["", "", *SKUS]))
        return Promotion(**common, buy=draw(st.integers(1, 3)), get=draw(st.integers(1, 2)),  # type: ignore[arg-type]
                         gift_sku=gift)  # fmt: skip
    if kind is K.SPECIAL_PRICE:
        prices = draw(st.lists(st.tuples(st.sampled_from(SKUS), st.integers(0, 5_000)),
                               min_size=1, max_size=3, unique_by=lambda t: t[0]))  # fmt: skip
        return Promotion(**common, prices=tuple((s, Money(p)) for s, p in prices))  # type: ignore[arg-type]
    return Promotion(**common, gift_sku=draw(st.sampled_from(SKUS)),  # type: ignore[arg-type]
                     threshold=Money(draw(st.integers(0, 20_000))),
                     add_on_price=Money(draw(st.integers(0, 2_000))),
                     add_on_units=draw(st.integers(1, 2)))  # fmt: skip


@st.composite
def carts(draw: st.DrawFn) -> list[CartLine]:
    out = []
    prices = {s: draw(st.integers(1, 20_000)) for s in SKUS}
    for i in range(draw(st.integers(1, 12))):
        sku = draw(st.sampled_from(SKUS))
        product = Product(
            sku, f"item {sku}", Money(prices[sku]),
            member_price=draw(st.one_of(st.none(), st.none(), st.integers(1, 20_000).map(Money))),
            no_further_discount=draw(st.booleans()) and draw(st.booleans()),
            sold_by_weight=sku in WEIGHED, category=CAT_OF[sku],
        )  # fmt: skip
        if sku in WEIGHED:
            out.append(CartLine(i + 1, product, weight_g=draw(st.integers(1, 3_000))))
        else:
            out.append(CartLine(i + 1, product, draw(st.integers(1, 6))))
    return out


@st.composite
def programmes(draw: st.DrawFn) -> ProgrammeRules:
    n = draw(st.integers(0, 14))
    promos = tuple(draw(promotions(f"P{i:02d}")) for i in range(n))
    rounding = draw(st.sampled_from(list(Rounding)))
    return replace(demo_rules(), promotions=promos, rounding=rounding)


members = st.sampled_from(
    [None, MemberSnapshot("M1", "gold"), MemberSnapshot("M2", "normal", date(1990, 11, 24))]
)


def _coupon(code: str, kind: CouponKind, **kw: object) -> Coupon:
    return Coupon(code, kind, date(2026, 1, 1), date(2026, 12, 31), stackable=True, **kw)  # type: ignore[arg-type]


coupon_sets = st.sampled_from(
    [
        (),
        (_coupon("C10", CouponKind.AMOUNT_OFF, value=Money(1_000)),),
        (
            _coupon("C90", CouponKind.PERCENT_OFF, rate=Decimal("0.9")),
            _coupon("C5", CouponKind.AMOUNT_OFF, value=Money(500)),
        ),
    ]
)
moments = st.sampled_from(
    [None, datetime(2026, 11, 24, 10, 30, tzinfo=timezone(timedelta(hours=8)))]
)


def _both(
    lines: list[CartLine],
    member: MemberSnapshot | None,
    rules: ProgrammeRules,
    coupons: tuple[Coupon, ...],
    at: datetime | None,
    store: str,
) -> tuple[PricedSale | str, PricedSale | str]:
    out: list[PricedSale | str] = []
    for fn in (price_sale, pricing_reference.price_sale):
        try:
            out.append(fn(lines, member, rules, coupons, 0, TODAY, at=at, store_id=store))
        except UserFacingError as exc:  # the same refusal from both
            out.append(f"{type(exc).__name__}: {exc}")
    return out[0], out[1]


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(carts(), programmes(), members, coupon_sets, moments, st.sampled_from(["", "S1"]))
def test_the_engine_prices_exactly_as_the_reference(
    lines: list[CartLine],
    rules: ProgrammeRules,
    member: MemberSnapshot | None,
    coupons: tuple[Coupon, ...],
    at: datetime | None,
    store: str,
) -> None:
    new, old = _both(lines, member, rules, coupons, at, store)
    assert new == old


@pytest.mark.parametrize("seed", range(12))
def test_the_engine_prices_the_benchmark_carts_as_the_reference(seed: int) -> None:
    """The benchmark's shape (50 lines, 200 promotions, 40 in 4 exclusive groups), seeded."""
    rng = random.Random(seed)
    products = bench_pricing._products(rng)
    lines = bench_pricing._cart(rng, products)
    rules = replace(demo_rules(), promotions=bench_pricing._promotions(rng, products))
    member = MemberSnapshot("M1", "gold")
    new = price_sale(lines, member, rules, (), 0, TODAY)
    old = pricing_reference.price_sale(lines, member, rules, (), 0, TODAY)
    assert new == old
    assert new.promotions  # the shape does apply promotions
