"""积分兑换: gifts for points, or points + cash, priced, refused and refunded (docs/pricing.md)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from pos_member.domain.cart import CartLine, Product
from pos_member.domain.errors import GiftNotOffered, GiftPointsShort, MemberRequired, PointsTooLow
from pos_member.domain.money import Money
from pos_member.domain.pricing import AdjustmentKind, MemberSnapshot, price_sale
from pos_member.domain.refund import SaleRecord, plan_refund
from pos_member.domain.rules import Gift, GiftInvalid, GiftRate, ProgrammeRules, demo_rules
from pos_member.domain.tenders import (
    GIFT_METHOD,
    TenderKind,
    TenderRequest,
    allocate_to_lines,
    settle,
)

TODAY = date(2026, 11, 23)
y = Money.yuan
MUG = Product("MUG", "保温杯", y(30))
RICE = Product("RICE", "大米", y(50))
ONLY_POINTS = GiftRate(500)
POINTS_CASH = GiftRate(200, y(5))
RULES = replace(demo_rules(), gifts=(Gift("MUG", (ONLY_POINTS, POINTS_CASH), stock=10),))


def member(points: int) -> MemberSnapshot:
    return MemberSnapshot("M1", "normal", points_available=points)


def test_a_gift_for_500_points_costs_nothing_and_debits_500() -> None:
    sale = price_sale([CartLine(1, MUG, gift=ONLY_POINTS)], member(800), RULES, today=TODAY)
    line = sale.lines[0]
    assert (line.net, line.points_paid, line.points_value, line.points_earned) == (
        y(0),
        500,
        y(0),
        0,
    )
    assert line.adjustments[0].kind is AdjustmentKind.GIFT
    assert line.adjustments[0].reason == "积分兑换 -500分"
    assert (sale.amount_due, sale.points_redeemed, sale.gift_points) == (y(0), 500, 500)
    pay = settle(sale, [])
    assert [(t.kind, t.method, t.amount, t.points) for t in pay.tenders] == [
        (TenderKind.POINTS, GIFT_METHOD, y(0), 500)
    ]


def test_points_and_cash_with_rice_earns_on_the_rice_only() -> None:
    lines = [CartLine(1, RICE), CartLine(2, MUG, quantity=2, gift=POINTS_CASH)]
    sale = price_sale(lines, member(1000), RULES, today=TODAY)
    rice, mug = sale.lines
    # 2 mugs at 200分 + ¥5.00: 400 points and 10.00; the rice earns 50 points, the mugs none.
    assert (mug.net, mug.points_paid, mug.points_earned) == (y(10), 400, 0)
    assert (rice.net, rice.points_earned) == (y(50), 50)
    assert (sale.net_total, sale.amount_due, sale.points_redeemed) == (y(60), y(60), 400)
    assert sale.points_earned == 50


def test_points_as_cash_go_on_the_sold_lines_and_count_the_gift_points() -> None:
    lines = [CartLine(1, RICE), CartLine(2, MUG, gift=ONLY_POINTS)]
    sale = price_sale(lines, member(700), RULES, points_to_redeem=200, today=TODAY)
    assert [pl.points_paid for pl in sale.lines] == [200, 500]
    assert sale.points_value == y(2)
    assert sale.amount_due == y(48)
    with pytest.raises(PointsTooLow):  # 500 for the mug leaves 200, not 300
        price_sale(lines, member(700), RULES, points_to_redeem=300, today=TODAY)


def test_points_short_says_how_many_are_missing() -> None:
    with pytest.raises(GiftPointsShort) as e:
        price_sale([CartLine(1, MUG, gift=ONLY_POINTS)], member(380), RULES, today=TODAY)
    assert e.value.params == {"missing": 120}
    assert e.value.message == "Not enough points: 120 more are needed."


def test_a_gift_needs_a_member_and_a_rate_on_offer() -> None:
    with pytest.raises(MemberRequired):
        price_sale([CartLine(1, MUG, gift=ONLY_POINTS)], None, RULES, today=TODAY)
    with pytest.raises(GiftNotOffered):
        price_sale([CartLine(1, MUG, gift=GiftRate(100))], member(900), RULES, today=TODAY)
    with pytest.raises(GiftNotOffered):
        price_sale([CartLine(1, RICE, gift=ONLY_POINTS)], member(900), RULES, today=TODAY)


def test_a_refund_of_one_of_two_gifts_gives_back_its_points_and_cash() -> None:
    lines = [CartLine(1, MUG, quantity=2, gift=POINTS_CASH)]
    sale = price_sale(lines, member(1000), RULES, today=TODAY)
    pay = settle(sale, [TenderRequest(TenderKind.CASH, y(10))])
    assert allocate_to_lines(sale, pay) == {1: {"cash": 1000}}
    record = SaleRecord.from_sale("S1", sale, pay)
    plan = plan_refund(record, {1: 1})
    assert (plan.points_given_back, plan.lines[0].buckets) == (200, {"cash": 500})
    rest = plan_refund(replace(record, refunded_units={1: 1}), {1: 1})
    assert (rest.points_given_back, rest.lines[0].buckets) == (200, {"cash": 500})


def test_gift_rules_round_trip_and_refuse_bad_data() -> None:
    back = ProgrammeRules.from_dict(RULES.to_dict())
    assert back.gifts == RULES.gifts
    assert RULES.to_dict()["gifts"] == [
        {"sku": "MUG", "rates": [{"points": 500, "cash": 0}, {"points": 200, "cash": 500}],
         "stock": 10}
    ]  # fmt: skip
    with pytest.raises(GiftInvalid, match="兑换所需积分必须大于 0"):
        GiftRate(0)
    with pytest.raises(GiftInvalid, match="兑换所需积分必须大于 0"):
        ProgrammeRules.from_dict(
            {**RULES.to_dict(), "gifts": [{"sku": "X", "rates": [{"points": -5}]}]}
        )
    with pytest.raises(GiftInvalid, match="至少需要一种兑换方式"):
        Gift("MUG", ())
    with pytest.raises(GiftInvalid, match="兑换加价不能为负数"):
        GiftRate(10, Money(-1))
