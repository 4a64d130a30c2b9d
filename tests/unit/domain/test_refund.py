"""Refunds, whole and partial, of sales paid with points, stored value, coupons, member prices."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from pos_member.domain.cart import CartLine, Product
from pos_member.domain.errors import (
    InvalidQuantity,
    NothingToRefund,
    RefundExceedsSold,
    ValidationError,
)
from pos_member.domain.ledger import SVBalance
from pos_member.domain.money import Money
from pos_member.domain.pricing import MemberSnapshot, price_sale
from pos_member.domain.refund import SaleRecord, deduct_points_shortfall, plan_refund
from pos_member.domain.rules import Coupon, CouponKind, SpendOrder, demo_rules
from pos_member.domain.tenders import SV_BONUS, SV_PRINCIPAL, TenderKind, TenderRequest, settle

TODAY = date(2026, 11, 23)
y = Money.yuan
RULES = demo_rules()
MILK = Product("P1", "鲜牛奶", y("12.50"))
RICE = Product(
    "P2", "大米", y("59.90"), member_price=y("49.90"), earns_points=False, no_further_discount=True
)
COUPON = Coupon(
    "C10",
    CouponKind.AMOUNT_OFF,
    date(2026, 1, 1),
    date(2026, 12, 31),
    value=y(10),
    minimum_spend=y(50),
)


def _record() -> tuple[SaleRecord, object]:
    member = MemberSnapshot("M", "gold", None, 5000)
    s = price_sale(
        [CartLine(1, MILK, 6), CartLine(2, RICE, 1)], member, RULES, [COUPON], 1000, TODAY
    )
    # milk 75.00 -> 71.25 gold -> 61.25 coupon ; rice 49.90 member price
    assert s.net_total == y("111.15") and s.points_value == y(10) and s.amount_due == y("101.15")
    pay = settle(
        s,
        [TenderRequest(TenderKind.STORED_VALUE, y(60)), TenderRequest(TenderKind.CASH, y(50))],
        SVBalance(y(40), y(30)),
        SpendOrder.BONUS_FIRST,
    )
    assert pay.change == y("8.85")
    return SaleRecord.from_sale("S1", s, pay), s


def test_whole_refund_gives_everything_back_exactly() -> None:
    rec, sale = _record()
    plan = plan_refund(rec, {1: 6, 2: 1}, coupon_back_on_full_refund=True)
    assert plan.completes_sale
    assert plan.sv_principal == y(30) and plan.sv_bonus == y(
        30
    )  # bonus first: 30 bonus + 30 principal
    assert plan.cash_back == y("41.15")  # 50 handed over, 8.85 change
    assert plan.points_given_back == 1000
    assert plan.points_taken_back == sale.points_earned  # type: ignore[attr-defined]
    assert plan.coupons_back == ("C10",)
    assert plan.goods_value == y("111.15")


def test_partial_refunds_add_up_to_the_whole() -> None:
    rec, _ = _record()
    first = plan_refund(rec, {1: 1})
    assert not first.completes_sale and first.coupons_back == ()
    # one milk of six: its exact share of 61.25 is 10.2083; each of the four
    # buckets (points, principal, bonus, cash) gives back its share rounded
    # down, the fen left over go back with the last unit
    assert Money(61_25 // 6 - 3) <= first.goods_value <= Money(61_25 // 6)
    assert first.goods_value == Money(1019)
    rec2 = replace(rec, refunded_units={1: 1})
    second = plan_refund(rec2, {1: 5, 2: 1})
    whole = plan_refund(rec, {1: 6, 2: 1})
    for bucket in ("cash", SV_PRINCIPAL, SV_BONUS):
        assert first.bucket(bucket) + second.bucket(bucket) == whole.bucket(bucket)
    assert first.points_given_back + second.points_given_back == whole.points_given_back
    assert first.points_taken_back + second.points_taken_back == whole.points_taken_back
    assert second.completes_sale


def test_refund_never_beyond_what_was_sold() -> None:
    rec, _ = _record()
    with pytest.raises(RefundExceedsSold) as err:
        plan_refund(replace(rec, refunded_units={1: 5}), {1: 2})
    assert "only 1 left" in err.value.message
    with pytest.raises(NothingToRefund):
        plan_refund(rec, {1: 0})
    with pytest.raises(ValidationError):
        plan_refund(rec, {9: 1})
    with pytest.raises(InvalidQuantity):
        plan_refund(rec, {1: -1})


def test_member_price_line_refund_returns_the_member_price() -> None:
    rec, _ = _record()
    plan = plan_refund(rec, {2: 1})
    assert plan.goods_value == y("49.90")
    assert plan.points_taken_back == 0  # rice earned none


def test_points_shortfall_kept_back_from_cash() -> None:
    rec, _ = _record()
    plan = plan_refund(rec, {1: 6})
    short = deduct_points_shortfall(plan, 30, RULES.redeem)  # 30 points at 100 = 1 yuan -> 0.30
    assert short.shortfall_deducted == y("0.30")
    assert short.cash_back == plan.cash_back - y("0.30")
    assert short.points_taken_back == plan.points_taken_back - 30
    assert deduct_points_shortfall(plan, 0, RULES.redeem) is plan
