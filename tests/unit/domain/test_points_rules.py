"""Points rules beyond "one point per yuan": multipliers by product and category, fixed
points per unit, a minimum spend, and "a sale that pays with points earns none"."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

from pos_member.domain.cart import CartLine, Product
from pos_member.domain.money import Money
from pos_member.domain.pricing import MemberSnapshot, price_sale
from pos_member.domain.rules import EarnRule, PointsMultiplier, ProgrammeRules, demo_rules

TODAY = date(2026, 11, 23)
y = Money.yuan
NORMAL = MemberSnapshot("M1", "normal", points_available=10_000)  # 1 point per yuan, ×1
TEA = Product("TEA", "茶", y(10), category="drinks")
COLA = Product("COLA", "可乐", y(5), category="drinks")
RICE = Product("RICE", "大米", y(50), category="grain")
GIFT = Product("MUG", "杯子", y(20), category="gifts")


def rules_with(**earn: object) -> ProgrammeRules:
    base = demo_rules()
    return replace(base, earn=replace(base.earn, **earn))


def earned(rules: ProgrammeRules, *items: tuple[Product, int], points: int = 0) -> int:
    lines = [CartLine(i + 1, p, q) for i, (p, q) in enumerate(items)]
    return price_sale(lines, NORMAL, rules, (), points, TODAY).points_earned


def test_a_sku_multiplier_beats_its_category_multiplier() -> None:
    rules = rules_with(multipliers=(PointsMultiplier(Decimal(2), category="drinks"),
                                    PointsMultiplier(Decimal(3), sku="COLA")))  # fmt: skip
    # Tea 10 × 2 = 20, cola 5 × 3 = 15, rice 50 × 1: 85 points.
    assert earned(rules, (TEA, 1), (COLA, 1), (RICE, 1)) == 85
    assert earned(rules_with(), (TEA, 1), (COLA, 1), (RICE, 1)) == 65


def test_fixed_points_per_unit_instead_of_by_spend() -> None:
    rules = rules_with(fixed_points=(("MUG", 30),))
    sale = price_sale([CartLine(1, GIFT, 2), CartLine(2, RICE, 1)], NORMAL, rules, (), 0, TODAY)
    assert sale.points_earned == 60 + 50
    assert [pl.points_earned for pl in sale.lines] == [60, 50]


def test_a_minimum_spend_for_earning() -> None:
    rules = rules_with(minimum_spend=y(20))
    assert earned(rules, (TEA, 1)) == 0
    assert earned(rules, (TEA, 2)) == 20


def test_a_sale_that_redeems_points_earns_none_when_the_rules_say_so() -> None:
    # 100 points pay 1.00 of the 50.00 rice.
    assert earned(rules_with(), (RICE, 1), points=100) == 49
    assert earned(rules_with(redeeming_earns_none=True), (RICE, 1), points=100) == 0
    assert earned(rules_with(redeeming_earns_none=True), (RICE, 1)) == 50


def test_points_rules_travel_in_the_rules_json() -> None:
    earn = EarnRule(minimum_spend=y(20), redeeming_earns_none=True,
                    multipliers=(PointsMultiplier(Decimal("1.5"), category="drinks"),),
                    fixed_points=(("MUG", 30),))  # fmt: skip
    rules = replace(demo_rules(), earn=earn)
    assert ProgrammeRules.from_dict(rules.to_dict()).earn == earn
