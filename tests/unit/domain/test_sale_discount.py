"""整单折扣 (step 5a) with worked numbers: a rate or an amount off, spread over the lines
that take discounts to the fen (largest remainder), each part with the reason; the
approver's limit, and every bad input refused."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from pos_member.domain.cart import CartLine, Product
from pos_member.domain.errors import InvalidAmount, SaleDiscountBeyondRole, SaleDiscountTooLarge
from pos_member.domain.money import Money
from pos_member.domain.pricing import AdjustmentKind, SaleDiscount, price_sale
from pos_member.domain.rules import Coupon, CouponKind, ProgrammeRules
from pos_member.receipts.build import receipt_words

TODAY = date(2026, 11, 23)
y = Money.yuan
A = Product("A", "毛巾", y("10.00"))
B = Product("B", "拖鞋", y("20.00"))
C = Product("C", "台灯", y("33.33"))
FIXED = Product("F", "香烟", y("25.00"), no_further_discount=True)


def _cart(*products: Product) -> list[CartLine]:
    return [CartLine(i, p, 1) for i, p in enumerate(products, start=1)]


def _parts(sale: object) -> list[int]:
    return [
        sum(a.amount.fen for a in pl.adjustments if a.kind is AdjustmentKind.SALE_DISCOUNT)
        for pl in sale.lines  # type: ignore[attr-defined]
    ]


def test_nine_zhe_on_three_lines_is_split_to_the_fen(rules: ProgrammeRules) -> None:
    d = SaleDiscount("老顾客", rate=Decimal("0.9"))
    s = price_sale(_cart(A, B, C), None, rules, today=TODAY, sale_discount=d)
    # 63.33 at 90% is 57.00 (56.997 half-up): 6.33 off over 10.00 / 20.00 / 33.33 in
    # proportion, 0.9995 / 1.999 / 3.331 by largest remainder: 1.00 / 2.00 / 3.33.
    assert s.net_total == y("57.00")
    assert _parts(s) == [-100, -200, -333]
    assert [pl.net for pl in s.lines] == [y("9.00"), y("18.00"), y("30.00")]
    adj = s.lines[2].adjustments[-1]
    assert adj.reason == "90%：老顾客"
    assert receipt_words(adj.kind.value, adj.reason) == "整单折扣 9折：老顾客"


def test_an_amount_off_spreads_exactly(rules: ProgrammeRules) -> None:
    d = SaleDiscount("抹掉零头", amount=y("3.33"))
    s = price_sale(_cart(A, B, C), None, rules, today=TODAY, sale_discount=d)
    assert s.net_total == y("60.00")
    assert sum(_parts(s)) == -333 and _parts(s) == [-53, -105, -175]
    assert receipt_words("sale_discount", s.lines[0].adjustments[-1].reason) == (
        "整单折扣 -¥3.33：抹掉零头"
    )


def test_a_line_flagged_no_further_discount_is_left_alone(rules: ProgrammeRules) -> None:
    d = SaleDiscount("店庆", rate=Decimal("0.95"))
    s = price_sale(_cart(A, FIXED), None, rules, today=TODAY, sale_discount=d)
    assert _parts(s) == [-50, 0]
    assert s.net_total == y("34.50")


def test_it_comes_after_promotions_and_before_coupons(rules: ProgrammeRules) -> None:
    coupon = Coupon("C5", CouponKind.AMOUNT_OFF, date(2026, 1, 1), date(2026, 12, 31),
                    value=y(5))  # fmt: skip
    d = SaleDiscount("店庆", rate=Decimal("0.8"))
    s = price_sale(_cart(A, B), None, rules, [coupon], today=TODAY, sale_discount=d)
    assert s.net_total == y("19.00")  # 30.00 → 24.00 (8折) → 19.00 (−5 coupon)
    kinds = [a.kind for a in s.lines[0].adjustments]
    assert kinds == [AdjustmentKind.SALE_DISCOUNT, AdjustmentKind.COUPON]


def test_the_approvers_limit_holds(rules: ProgrammeRules) -> None:
    half = SaleDiscount("x", rate=Decimal("0.5"), max_cut_percent=50, role="supervisor")
    assert price_sale(_cart(A), None, rules, today=TODAY, sale_discount=half).net_total == y(5)
    beyond = SaleDiscount("x", rate=Decimal("0.49"), max_cut_percent=50, role="supervisor")
    with pytest.raises(SaleDiscountBeyondRole, match="at most 50%"):
        price_sale(_cart(A), None, rules, today=TODAY, sale_discount=beyond)
    too_much = SaleDiscount("x", amount=y("5.01"), max_cut_percent=50, role="supervisor")
    with pytest.raises(SaleDiscountBeyondRole):
        price_sale(_cart(A), None, rules, today=TODAY, sale_discount=too_much)


@pytest.mark.parametrize(
    ("discount", "error"),
    [
        (SaleDiscount("x", rate=Decimal("1")), InvalidAmount),
        (SaleDiscount("x", rate=Decimal("-0.1")), InvalidAmount),
        (SaleDiscount("x", amount=Money(0)), InvalidAmount),
        (SaleDiscount("x", amount=y(-1)), InvalidAmount),
        (SaleDiscount("x", amount=y("10.01")), SaleDiscountTooLarge),
        (SaleDiscount("x"), ValueError),
        (SaleDiscount("x", rate=Decimal("0.9"), amount=y(1)), ValueError),
    ],
)
def test_bad_discounts_are_refused(
    rules: ProgrammeRules, discount: SaleDiscount, error: type[Exception]
) -> None:
    with pytest.raises(error):
        price_sale(_cart(A), None, rules, today=TODAY, sale_discount=discount)


def test_an_amount_off_with_nothing_to_take_it_is_refused(rules: ProgrammeRules) -> None:
    with pytest.raises(SaleDiscountTooLarge):
        price_sale(_cart(FIXED), None, rules, today=TODAY,
                   sale_discount=SaleDiscount("x", amount=y(1)))  # fmt: skip
