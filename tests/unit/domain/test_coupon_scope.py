"""Coupons limited to products (by SKU, category or brand) and capped; brand-scoped promotions.

Worked numbers on a walk-in customer's cart (no tier discount): a drink of the
brand 可口 at ¥100.00 and crisps of the brand 乐事 at ¥50.00.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from pos_member.domain.cart import CartLine, Product
from pos_member.domain.errors import MinimumSpendNotMet
from pos_member.domain.money import Money
from pos_member.domain.pricing import AdjustmentKind, price_sale
from pos_member.domain.promotions import Promotion, PromotionKind, Scope
from pos_member.domain.rules import Coupon, CouponKind, demo_rules
from pos_member.services.checkout import coupon_value
from pos_member.store.models import Coupon as CouponRow

TODAY = date(2026, 11, 24)
DRINK = Product("A", "可乐", Money(10_000), category="drinks", brand="可口")
CRISPS = Product("B", "薯片", Money(5_000), category="snacks", brand="乐事")
RULES = demo_rules()


def _coupon(**kw: object) -> Coupon:
    base: dict[str, object] = {
        "code": "Q1",
        "kind": CouponKind.PERCENT_OFF,
        "rate": Decimal("0.8"),
        "valid_from": date(2026, 1, 1),
        "valid_until": date(2026, 12, 31),
    }
    return Coupon(**{**base, **kw})  # type: ignore[arg-type]


def _coupon_offs(sale: object) -> dict[int, int]:
    return {
        pl.line_no: sum(a.amount.fen for a in pl.adjustments if a.kind is AdjustmentKind.COUPON)
        for pl in sale.lines  # type: ignore[attr-defined]
    }


def test_a_percent_coupon_limited_to_a_category_takes_its_rate_of_those_lines_only() -> None:
    lines = [CartLine(1, DRINK, 1), CartLine(2, CRISPS, 2)]
    sale = price_sale(lines, None, RULES, [_coupon(categories=("drinks",), cap=Money(3_000))],
                      today=TODAY)  # fmt: skip
    assert _coupon_offs(sale) == {1: -2_000, 2: 0}  # 20% of 100.00, under the 30.00 cap
    assert sale.net_total == Money(18_000)


def test_the_cap_holds_the_percent_coupon_to_its_most() -> None:
    lines = [CartLine(1, DRINK, 3), CartLine(2, CRISPS, 2)]
    sale = price_sale(lines, None, RULES, [_coupon(categories=("drinks",), cap=Money(3_000))],
                      today=TODAY)  # fmt: skip
    assert _coupon_offs(sale) == {1: -3_000, 2: 0}  # 20% of 300.00 is 60.00: capped at 30.00
    assert sale.net_total == Money(37_000)
    # Without a limit the cap still holds, spread over every line by amount.
    whole = price_sale(lines, None, RULES, [_coupon(cap=Money(3_000))], today=TODAY)
    assert _coupon_offs(whole) == {1: -2_250, 2: -750}


def test_a_coupon_limited_to_a_brand_counts_its_minimum_on_that_brand() -> None:
    lines = [CartLine(1, DRINK, 3), CartLine(2, CRISPS, 2)]
    ten_off = _coupon(kind=CouponKind.AMOUNT_OFF, value=Money(1_000), rate=Decimal(1),
                      brands=("乐事",), minimum_spend=Money(15_000))  # fmt: skip
    with pytest.raises(MinimumSpendNotMet):  # 100.00 of 乐事 of a 400.00 cart
        price_sale(lines, None, RULES, [ten_off], today=TODAY)
    lines = [CartLine(1, DRINK, 1), CartLine(2, CRISPS, 3)]
    sale = price_sale(lines, None, RULES, [ten_off], today=TODAY)
    assert _coupon_offs(sale) == {1: 0, 2: -1_000}


def test_a_coupon_for_products_not_in_the_cart_is_refused() -> None:
    with pytest.raises(MinimumSpendNotMet):
        price_sale([CartLine(1, DRINK, 1)], None, RULES, [_coupon(skus=("ZZ",))], today=TODAY)


def test_a_coupon_cap_must_not_be_negative() -> None:
    with pytest.raises(ValueError, match="cap"):
        _coupon(cap=Money(-1))


def test_a_promotion_limited_to_a_brand() -> None:
    promo = Promotion("BR", PromotionKind.PERCENT_OFF, rate=Decimal("0.9"),
                      scope=Scope(brands=("可口",)))  # fmt: skip
    rules = replace(RULES, promotions=(promo,))
    sale = price_sale([CartLine(1, DRINK, 1), CartLine(2, CRISPS, 1)], None, rules, today=TODAY)
    assert [pl.net for pl in sale.lines] == [Money(9_000), Money(5_000)]
    assert sale.promotions == ("BR",)
    assert Promotion.from_dict(promo.to_dict()) == promo  # the brand survives JSON


def test_a_stored_coupon_row_reads_its_scope_and_cap() -> None:
    scope = '{"categories": ["drinks"], "brands": ["可口"]}'
    row = CouponRow(code="Q9", kind="percent_off", value_fen=0, rate="0.8", min_spend_fen=0,
                    valid_from="2026-01-01", valid_until="2026-12-31", stackable=False, name="",
                    scope=scope, cap_fen=3_000)  # fmt: skip
    c = coupon_value(row)
    assert (c.categories, c.brands, c.skus, c.cap) == (("drinks",), ("可口",), (), Money(3_000))
    assert c.covers("X", "", "可口") and not c.covers("X", "snacks", "乐事")
