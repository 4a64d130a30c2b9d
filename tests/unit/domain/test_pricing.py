"""Pricing with worked numbers: member price, tiers, birthday, coupons, rounding, points."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from pos_member.domain.cart import CartLine, Product
from pos_member.domain.errors import (
    CouponExpired,
    CouponNotForMember,
    CouponNotStackable,
    CouponNotYetValid,
    EmptyCart,
    InvalidQuantity,
    MemberRequired,
    MinimumSpendNotMet,
    PointsExceedDue,
    PointsNotInUnits,
    PointsTooLow,
)
from pos_member.domain.money import Money, Rounding
from pos_member.domain.pricing import AdjustmentKind, MemberSnapshot, price_sale
from pos_member.domain.rules import (
    BirthdayBenefit,
    BirthdayWindow,
    Coupon,
    CouponKind,
    EarnRule,
    ProgrammeRules,
    RedeemRule,
)

TODAY = date(2026, 11, 23)
y = Money.yuan

GOLD = MemberSnapshot("M1", "gold", date(1990, 5, 5), points_available=5000)


def coupon10(**kw: object) -> Coupon:
    base = Coupon(
        "C10",
        CouponKind.AMOUNT_OFF,
        date(2026, 1, 1),
        date(2026, 12, 31),
        value=y(10),
        minimum_spend=y(50),
    )
    return replace(base, **kw)  # type: ignore[arg-type]


def test_no_member_pays_the_normal_price(
    rules: ProgrammeRules, milk: Product, rice: Product
) -> None:
    s = price_sale([CartLine(1, milk, 2), CartLine(2, rice, 1)], None, rules, today=TODAY)
    assert s.net_total == y("84.90")  # 25.00 + 59.90: no member price without a member
    assert s.points_earned == 0 and s.savings == Money(0)
    assert all(not pl.adjustments for pl in s.lines)


@pytest.mark.parametrize(
    ("tier", "expected"),
    [
        ("normal", "100.00"),
        ("silver", "98.00"),
        ("gold", "95.00"),
        ("platinum", "92.00"),
        ("diamond", "88.00"),
    ],
)
def test_tier_discount_rates(rules: ProgrammeRules, tier: str, expected: str) -> None:
    p = Product("X", "礼盒", y(100))
    s = price_sale([CartLine(1, p)], MemberSnapshot("M", tier), rules, today=TODAY)
    assert s.net_total == y(expected)
    if tier != "normal":
        (adj,) = s.lines[0].adjustments
        assert adj.kind is AdjustmentKind.TIER_DISCOUNT and adj.ref == tier
        assert adj.amount == y(expected) - y(100)


def test_member_price_then_no_tier_discount_and_no_points(
    rules: ProgrammeRules, milk: Product, rice: Product
) -> None:
    s = price_sale([CartLine(1, milk, 4), CartLine(2, rice, 1)], GOLD, rules, today=TODAY)
    milk_line, rice_line = s.lines
    assert milk_line.original == y(50) and milk_line.net == y("47.50")
    assert [a.kind for a in milk_line.adjustments] == [AdjustmentKind.TIER_DISCOUNT]
    assert rice_line.original == y("59.90") and rice_line.net == y("49.90")
    assert [a.kind for a in rice_line.adjustments] == [AdjustmentKind.MEMBER_PRICE]
    assert rice_line.adjustments[0].amount == y("-10.00")
    # 1 point per yuan on 47.50 only, gold multiplier 1.2: floor(47.50 * 1.2) = 57
    assert s.points_earned == 57
    assert milk_line.points_earned == 57 and rice_line.points_earned == 0
    assert s.savings == y("12.50") and s.original_total == y("109.90")


def test_weighed_goods_price_by_grams(rules: ProgrammeRules, apples: Product) -> None:
    s = price_sale([CartLine(1, apples, weight_g=1234)], None, rules, today=TODAY)
    assert s.net_total == y("12.09")  # 9.80/kg * 1.234 kg = 12.0932
    assert s.lines[0].line.units == 1234
    with pytest.raises(InvalidQuantity):
        price_sale([CartLine(1, apples, weight_g=0)], None, rules, today=TODAY)


@pytest.mark.parametrize("qty", [0, -1, 1000])
def test_absurd_quantities_refused(rules: ProgrammeRules, milk: Product, qty: int) -> None:
    with pytest.raises(InvalidQuantity) as err:
        price_sale([CartLine(1, milk, qty)], None, rules, today=TODAY)
    assert milk.name in err.value.message


def test_empty_cart_refused(rules: ProgrammeRules) -> None:
    with pytest.raises(EmptyCart):
        price_sale([], None, rules, today=TODAY)


def test_one_point_per_hundred_yuan(rules: ProgrammeRules) -> None:
    r = replace(rules, earn=EarnRule(spend_per_point=y(100)))
    p = Product("X", "电饭煲", y("399.00"))
    s = price_sale([CartLine(1, p)], MemberSnapshot("M", "normal"), r, today=TODAY)
    assert s.points_earned == 3


def test_birthday_month_doubles_points(rules: ProgrammeRules) -> None:
    p = Product("X", "蛋糕", y(100))
    born_in_november = MemberSnapshot("M", "normal", date(1988, 11, 2))
    s = price_sale([CartLine(1, p)], born_in_november, rules, today=TODAY)
    assert s.birthday and s.points_earned == 200
    other = price_sale(
        [CartLine(1, p)], replace(born_in_november, birthday=date(1988, 3, 1)), rules, today=TODAY
    )
    assert not other.birthday and other.points_earned == 100


def test_birthday_extra_discount_on_the_day(rules: ProgrammeRules) -> None:
    r = replace(rules, birthday=BirthdayBenefit(BirthdayWindow.DAY, Decimal(1), Decimal("0.9")))
    p = Product("X", "蛋糕", y(100))
    m = MemberSnapshot("M", "gold", date(1990, 11, 23))
    s = price_sale([CartLine(1, p)], m, r, today=TODAY)
    # gold 95% then birthday 90%: 100 -> 95 -> 85.50
    assert s.net_total == y("85.50")
    kinds = [a.kind for a in s.lines[0].adjustments]
    assert kinds == [AdjustmentKind.TIER_DISCOUNT, AdjustmentKind.BIRTHDAY_DISCOUNT]
    week = replace(r, birthday=BirthdayBenefit(BirthdayWindow.WEEK, Decimal(1), Decimal("0.9")))
    # 2026-11-23 is a Monday; a birthday on 29 Nov (Sunday) is in the same week
    assert week.birthday.applies(date(2000, 11, 29), TODAY)
    assert not week.birthday.applies(date(2000, 11, 30), TODAY)
    leap = BirthdayBenefit(BirthdayWindow.DAY)
    assert leap.applies(date(2000, 2, 29), date(2027, 2, 28))


def test_coupon_ten_off_with_fifty_minimum(rules: ProgrammeRules, milk: Product) -> None:
    m = MemberSnapshot("M", "normal")
    s = price_sale([CartLine(1, milk, 4)], m, rules, [coupon10()], today=TODAY)
    assert s.net_total == y(40)  # 50.00 - 10.00
    (adj,) = s.lines[0].adjustments
    assert adj.kind is AdjustmentKind.COUPON and adj.ref == "C10" and adj.amount == y(-10)
    with pytest.raises(MinimumSpendNotMet) as err:
        price_sale([CartLine(1, milk, 3)], m, rules, [coupon10()], today=TODAY)  # 37.50
    assert "¥50.00" in err.value.message and "¥37.50" in err.value.message


def test_coupon_minimum_counts_only_lines_that_take_discounts(
    rules: ProgrammeRules, milk: Product, rice: Product
) -> None:
    m = MemberSnapshot("M", "normal")
    with pytest.raises(MinimumSpendNotMet):
        price_sale(
            [CartLine(1, milk, 1), CartLine(2, rice, 1)], m, rules, [coupon10()], today=TODAY
        )


def test_coupon_spread_over_lines_and_after_tier(rules: ProgrammeRules, milk: Product) -> None:
    p2 = Product("P9", "饼干", y("30.00"))
    s = price_sale(
        [CartLine(1, milk, 2), CartLine(2, p2, 1)], GOLD, rules, [coupon10()], today=TODAY
    )
    # gold: 25.00 -> 23.75, 30.00 -> 28.50 ; coupon 10 spread 23.75 : 28.50
    assert s.net_total == y("42.25")
    coupon_parts = [
        a.amount for pl in s.lines for a in pl.adjustments if a.kind is AdjustmentKind.COUPON
    ]
    assert sum(c.fen for c in coupon_parts) == -1000
    assert coupon_parts == [y("-4.55"), y("-5.45")]


def test_coupon_validity_owner_and_stacking(rules: ProgrammeRules, milk: Product) -> None:
    m = MemberSnapshot("M", "normal")
    cart = [CartLine(1, milk, 8)]
    with pytest.raises(CouponExpired):
        price_sale(cart, m, rules, [coupon10(valid_until=date(2026, 11, 22))], today=TODAY)
    with pytest.raises(CouponNotYetValid):
        price_sale(cart, m, rules, [coupon10(valid_from=date(2026, 11, 24))], today=TODAY)
    with pytest.raises(CouponNotForMember):
        price_sale(cart, m, rules, [coupon10(member_id="OTHER")], today=TODAY)
    with pytest.raises(CouponNotStackable):
        price_sale(cart, m, rules, [coupon10(), coupon10(code="C11")], today=TODAY)
    both = price_sale(
        cart,
        m,
        rules,
        [coupon10(stackable=True), coupon10(code="C11", stackable=True)],
        today=TODAY,
    )
    assert both.net_total == y(80)
    assert both.coupons == ("C10", "C11")


def test_percent_coupon_applies_before_amount_coupon(rules: ProgrammeRules, milk: Product) -> None:
    pct = Coupon(
        "P90",
        CouponKind.PERCENT_OFF,
        date(2026, 1, 1),
        date(2026, 12, 31),
        rate=Decimal("0.9"),
        stackable=True,
    )
    s = price_sale(
        [CartLine(1, milk, 8)], None, rules, [coupon10(stackable=True), pct], today=TODAY
    )
    assert s.net_total == y(80)  # 100 -> 90 (10% off) -> 80 (10 off)


def test_rounding_after_coupons(rules: ProgrammeRules) -> None:
    r = replace(rules, rounding=Rounding.DROP_JIAO)
    p = Product("X", "零食", y("12.34"))
    q = Product("Y", "饮料", y("3.33"))
    s = price_sale([CartLine(1, p), CartLine(2, q)], None, r, today=TODAY)
    assert s.net_total == y(15) and s.rounding == y("-0.67")
    assert sum(pl.net.fen for pl in s.lines) == s.net_total.fen
    assert all(a.kind is AdjustmentKind.ROUNDING for pl in s.lines for a in pl.adjustments)


def test_points_as_cash_hundred_points_a_yuan(rules: ProgrammeRules, milk: Product) -> None:
    s = price_sale([CartLine(1, milk, 4)], GOLD, rules, points_to_redeem=500, today=TODAY)
    # 50.00 -> gold 47.50; 500 points pay 5.00; 42.50 earns floor(42.50 * 1.2) = 51 points
    assert s.net_total == y("47.50") and s.points_value == y(5) and s.amount_due == y("42.50")
    assert s.points_earned == 51
    r = replace(rules, earn=EarnRule(points_paid_earns=True))
    s2 = price_sale([CartLine(1, milk, 4)], GOLD, r, points_to_redeem=500, today=TODAY)
    assert s2.points_earned == 57


def test_points_refusals(rules: ProgrammeRules, milk: Product) -> None:
    cart = [CartLine(1, milk, 4)]
    with pytest.raises(PointsNotInUnits):
        price_sale(cart, GOLD, rules, points_to_redeem=150, today=TODAY)
    with pytest.raises(PointsTooLow):
        price_sale(
            cart, replace(GOLD, points_available=100), rules, points_to_redeem=200, today=TODAY
        )
    with pytest.raises(PointsExceedDue):  # at most half of 47.50 may be paid with points
        price_sale(cart, GOLD, rules, points_to_redeem=2400, today=TODAY)
    with pytest.raises(MemberRequired):
        price_sale(cart, None, rules, points_to_redeem=100, today=TODAY)
    one_to_one = replace(
        rules, redeem=RedeemRule(points_per_unit=1, unit_value=y(1), max_share=Decimal(1))
    )
    s = price_sale(cart, GOLD, one_to_one, points_to_redeem=40, today=TODAY)
    assert s.points_value == y(40) and s.amount_due == y("7.50")


def test_price_override_replaces_member_price_and_discounts(
    rules: ProgrammeRules, rice: Product
) -> None:
    line = CartLine(1, rice, 2, price_override=y(45), override_reason="临期")
    s = price_sale([line], GOLD, rules, today=TODAY)
    assert s.net_total == y(90)
    (adj,) = s.lines[0].adjustments
    assert adj.kind is AdjustmentKind.PRICE_OVERRIDE and adj.reason == "临期"


def test_every_total_is_reproducible_from_its_lines(
    rules: ProgrammeRules, milk: Product, rice: Product, apples: Product
) -> None:
    s = price_sale(
        [CartLine(1, milk, 5), CartLine(2, rice, 2), CartLine(3, apples, weight_g=777)],
        GOLD,
        replace(rules, rounding=Rounding.DROP_FEN),
        [coupon10()],
        300,
        TODAY,
    )
    for pl in s.lines:
        assert pl.original + Money(sum(a.amount.fen for a in pl.adjustments)) == pl.net
    assert Money(sum(pl.net.fen for pl in s.lines)) == s.net_total
    assert Money(sum(pl.points_value.fen for pl in s.lines)) == s.points_value
    assert sum(pl.points_paid for pl in s.lines) == 300
    assert sum(pl.points_earned for pl in s.lines) == s.points_earned
