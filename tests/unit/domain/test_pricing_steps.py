"""Properties of ``price_sale`` over every step at once: random carts, promotions,
members (tiers, birthdays, points held), coupons and points to redeem.

Either the sale is refused with a ``UserFacingError`` (something the cashier must
fix), or each step's figures hold together: lines are their original plus their
adjustments, the total is its lines, coupons touch only lines that take further
discounts, the rounding and the points as cash are spread exactly over the lines,
points as cash stay within their share, and the points earned are the lines' sum.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta, timezone
from decimal import ROUND_FLOOR, Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pos_member.domain.cart import CartLine
from pos_member.domain.errors import UserFacingError
from pos_member.domain.money import Money
from pos_member.domain.pricing import AdjustmentKind, MemberSnapshot, PricedSale, price_sale
from pos_member.domain.rules import (
    BirthdayBenefit,
    BirthdayWindow,
    Coupon,
    CouponKind,
    ProgrammeRules,
)
from tests.unit.domain.test_promotion_properties import carts, programmes

TODAY = date(2026, 11, 24)
CHINA = timezone(timedelta(hours=8))

coupon_lists = st.lists(
    st.builds(
        Coupon,
        code=st.sampled_from(["C1", "C2", "C3"]),
        kind=st.sampled_from(list(CouponKind)),
        valid_from=st.sampled_from([date(2026, 1, 1), date(2026, 12, 1)]),
        valid_until=st.sampled_from([date(2026, 12, 31), date(2026, 11, 1)]),
        value=st.integers(1, 5_000).map(Money),
        rate=st.sampled_from([Decimal("0.5"), Decimal("0.9"), Decimal("0.95")]),
        minimum_spend=st.integers(0, 20_000).map(Money),
        stackable=st.booleans(),
        member_id=st.sampled_from([None, "M1", "M2"]),
    ),
    max_size=2,
)
members = st.one_of(
    st.none(),
    st.builds(
        MemberSnapshot,
        member_id=st.sampled_from(["M1", "M2"]),
        tier_code=st.sampled_from(["normal", "silver", "gold", "diamond"]),
        birthday=st.sampled_from([None, date(1990, 11, 24), date(1990, 11, 20), date(1990, 5, 1)]),
        points_available=st.integers(0, 50_000),
    ),
)


def _check(sale: PricedSale, lines: list[CartLine], rules: ProgrammeRules, points: int) -> None:
    no_further = {ln.line_no for ln in lines if ln.product.no_further_discount}
    for pl in sale.lines:
        assert pl.net.fen == pl.original.fen + sum(a.amount.fen for a in pl.adjustments)
        if pl.line_no in no_further:
            assert not [a for a in pl.adjustments if a.kind is AdjustmentKind.COUPON]
    assert sale.net_total.fen == sum(pl.net.fen for pl in sale.lines)
    assert sale.original_total.fen == sum(pl.original.fen for pl in sale.lines)
    rounding = [a for pl in sale.lines for a in pl.adjustments if a.kind is AdjustmentKind.ROUNDING]
    assert sale.rounding.fen == sum(a.amount.fen for a in rounding)
    assert sale.points_redeemed == points == sum(pl.points_paid for pl in sale.lines)
    assert sale.points_value.fen == sum(pl.points_value.fen for pl in sale.lines)
    share = Decimal(sale.net_total.fen) * rules.redeem.max_share
    assert sale.points_value.fen <= int(share.to_integral_value(ROUND_FLOOR))
    assert sale.amount_due == sale.net_total - sale.points_value
    assert sale.points_earned == sum(pl.points_earned for pl in sale.lines)
    if sale.member_id is None:
        assert sale.points_earned == 0 and sale.tier_code is None
    refs = {
        a.ref for pl in sale.lines for a in pl.adjustments if a.kind is AdjustmentKind.PROMOTION
    }
    assert set(sale.promotions) == refs


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    carts(),
    programmes(),
    members,
    coupon_lists,
    st.sampled_from([0, 0, 100, 200, 1_000, 150]),
    st.sampled_from([None, datetime(2026, 11, 24, 10, tzinfo=CHINA)]),
    st.booleans(),
)
def test_every_step_holds_together_or_the_cashier_is_told(
    lines: list[CartLine],
    rules: ProgrammeRules,
    member: MemberSnapshot | None,
    coupons: list[Coupon],
    points: int,
    at: datetime | None,
    birthday_benefit: bool,
) -> None:
    if birthday_benefit:
        benefit = BirthdayBenefit(BirthdayWindow.WEEK, Decimal(2), Decimal("0.9"))
        rules = replace(rules, birthday=benefit)
    try:
        sale = price_sale(lines, member, rules, coupons, points, TODAY, at, "S001")
    except UserFacingError as exc:
        assert exc.code
        return
    _check(sale, lines, rules, points)
    assert sale.coupons == tuple(c.code for c in coupons)
    assert sale.birthday == bool(member and rules.birthday.applies(member.birthday, TODAY))
