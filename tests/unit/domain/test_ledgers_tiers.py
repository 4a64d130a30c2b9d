"""Stored value, points lots, count cards, tenders and tiers with worked numbers."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from pos_member.domain.cart import CartLine, Product
from pos_member.domain.errors import (
    BalanceTooLow,
    InvalidAmount,
    MemberRequired,
    OverpaidNonCash,
    PointsTooLow,
    TendersDoNotAddUp,
)
from pos_member.domain.ledger import (
    CountCardEntry,
    PointsReason,
    SVBalance,
    SVReason,
    count_card_remaining,
    expiring_soon,
    lot_balances,
    plan_count_card_use,
    plan_earn,
    plan_expiry,
    plan_recharge,
    plan_redeem,
    plan_sv_spend,
    points_available,
    sv_balance,
)
from pos_member.domain.money import Money
from pos_member.domain.pricing import MemberSnapshot, price_sale
from pos_member.domain.rules import (
    ExpiryPolicy,
    ExpiryRule,
    ProgrammeRules,
    SpendOrder,
    demo_rules,
)
from pos_member.domain.tenders import (
    TenderKind,
    TenderRequest,
    allocate_to_lines,
    settle,
    tender_buckets,
)
from pos_member.domain.tiers import TierChange, evaluate_tier, progress_to_next, qualifying_tier

TODAY = date(2026, 11, 23)
y = Money.yuan


@pytest.mark.parametrize(
    ("deposit", "bonus"),
    [
        # The demo tiers within the ¥5,000 cap: 充500送25, 充1000送60, 充2000送150, 充3000送300.
        ("499.99", "0"),
        ("500", "25"),
        ("999.99", "25"),
        ("1000", "60"),
        ("2000", "150"),
        ("2999.99", "150"),
        ("3000", "300"),
        ("4000", "300"),
    ],
)
def test_recharge_bonus_table(deposit: str, bonus: str) -> None:
    e = plan_recharge("R1", y(deposit), demo_rules().stored_value)
    assert e.reason is SVReason.RECHARGE
    assert e.principal == y(deposit) and e.bonus == y(bonus)


def test_recharge_refuses_nonsense_amounts() -> None:
    with pytest.raises(InvalidAmount):
        plan_recharge("R", Money(0), demo_rules().stored_value)
    with pytest.raises(InvalidAmount):
        plan_recharge("R", y(-5), demo_rules().stored_value)


def test_stored_value_spend_order() -> None:
    bal = SVBalance(principal=y(1000), bonus=y(50))
    bonus_first = plan_sv_spend("S", bal, y(80), SpendOrder.BONUS_FIRST)
    assert (bonus_first.principal, bonus_first.bonus) == (y(-30), y(-50))
    principal_first = plan_sv_spend("S", bal, y(80), SpendOrder.PRINCIPAL_FIRST)
    assert (principal_first.principal, principal_first.bonus) == (y(-80), Money(0))
    with pytest.raises(BalanceTooLow) as err:
        plan_sv_spend("S", bal, y("1050.01"), SpendOrder.BONUS_FIRST)
    assert "¥1,050.00" in err.value.message
    entries = [plan_recharge("R", y(1000), demo_rules().stored_value), bonus_first]
    assert sv_balance(entries) == SVBalance(y(970), y(10))
    # Pro rata (the default): 80 × 1000 ÷ 1050 = 76.19 of principal, 3.81 of bonus.
    pro_rata = plan_sv_spend("S", bal, y(80), SpendOrder.PRO_RATA)
    assert (pro_rata.principal, pro_rata.bonus) == (y("-76.19"), y("-3.81"))


def test_points_lots_expire_end_of_next_year_and_redeem_soonest_first() -> None:
    rule = ExpiryRule(ExpiryPolicy.END_OF_NEXT_YEAR)
    assert rule.expires_on(date(2025, 3, 1)) == date(2026, 12, 31)
    assert ExpiryRule(ExpiryPolicy.DAYS, 30).expires_on(date(2026, 1, 1)) == date(2026, 1, 31)
    assert ExpiryRule(ExpiryPolicy.NEVER).expires_on(TODAY) is None
    old, e1 = plan_earn("S1", 300, date(2025, 3, 1), rule.expires_on(date(2025, 3, 1)))
    new, e2 = plan_earn("S2", 500, date(2026, 2, 1), rule.expires_on(date(2026, 2, 1)))
    lots, entries = [new, old], [e1, e2]
    assert points_available(lots, entries, TODAY) == 800
    taken = plan_redeem("S3", lots, entries, 400, TODAY)
    assert [(t.lot_id, t.delta) for t in taken] == [("S1", -300), ("S2", -100)]
    entries += taken
    assert lot_balances(lots, entries) == {"S1": 0, "S2": 400}
    with pytest.raises(PointsTooLow):
        plan_redeem("S4", lots, entries, 401, TODAY)
    # 2027-01-01: lot S2 (earned 2026) still good until 2027-12-31
    assert expiring_soon(lots, entries, date(2027, 12, 1), 31) == [(date(2027, 12, 31), 400)]
    expired = plan_expiry("EXP-2028", lots, entries, date(2028, 1, 1))
    assert [(e.lot_id, e.delta, e.reason) for e in expired] == [("S2", -400, PointsReason.EXPIRE)]
    assert plan_expiry("EXP-2028b", lots, entries + expired, date(2028, 1, 1)) == []


def test_expired_points_cannot_be_redeemed() -> None:
    lot, e = plan_earn("S1", 100, date(2024, 1, 1), date(2025, 12, 31))
    assert points_available([lot], [e], TODAY) == 0
    with pytest.raises(PointsTooLow):
        plan_redeem("S2", [lot], [e], 100, TODAY)


def test_count_card_ten_car_washes() -> None:
    plan = demo_rules().count_cards[0]
    assert (plan.uses, plan.price) == (10, y(300))
    entries = [CountCardEntry("SALE", "CC1", plan.uses, "sale")]
    for i in range(10):
        entries.append(plan_count_card_use(f"U{i}", "CC1", entries))
    assert count_card_remaining(entries) == 0
    with pytest.raises(BalanceTooLow):
        plan_count_card_use("U10", "CC1", entries)


def _sale(rules: ProgrammeRules, points: int = 0):  # type: ignore[no-untyped-def]
    p = Product("X", "商品", y("100.00"))
    return price_sale(
        [CartLine(1, p), CartLine(2, p, 2)],
        MemberSnapshot("M", "gold", None, 10_000),
        rules,
        points_to_redeem=points,
        today=TODAY,
    )


def test_split_payment_points_stored_value_cash_with_change() -> None:
    rules = demo_rules()
    s = _sale(rules, points=1000)  # 285.00 after gold; 10.00 by points -> 275.00 due
    assert s.amount_due == y(275)
    pay = settle(
        s,
        [TenderRequest(TenderKind.STORED_VALUE, y(200)), TenderRequest(TenderKind.CASH, y(100))],
        SVBalance(y(180), y(30)),
        SpendOrder.BONUS_FIRST,
    )
    assert pay.change == y(25)
    kinds = {t.kind: t for t in pay.tenders}
    assert kinds[TenderKind.POINTS].points == 1000 and kinds[TenderKind.POINTS].amount == y(10)
    assert (kinds[TenderKind.STORED_VALUE].principal, kinds[TenderKind.STORED_VALUE].bonus) == (
        y(170),
        y(30),
    )
    assert kinds[TenderKind.CASH].amount == y(75) and kinds[TenderKind.CASH].tendered == y(100)
    assert pay.paid == s.net_total
    rows = allocate_to_lines(s, pay)
    for pl in s.lines:
        assert sum(rows[pl.line_no].values()) == pl.net.fen
    buckets = tender_buckets(pay)
    for b, v in buckets.items():
        assert sum(r.get(b, 0) for r in rows.values()) == v


def test_tender_refusals() -> None:
    rules = demo_rules()
    s = _sale(rules)
    with pytest.raises(TendersDoNotAddUp):
        settle(s, [TenderRequest(TenderKind.CASH, y(100))])
    with pytest.raises(OverpaidNonCash):
        settle(s, [TenderRequest(TenderKind.EXTERNAL, y(300), "wechat")])
    with pytest.raises(BalanceTooLow):
        settle(s, [TenderRequest(TenderKind.STORED_VALUE, y(285))], SVBalance(y(100)))
    with pytest.raises(InvalidAmount):
        settle(s, [TenderRequest(TenderKind.CASH, y(-1))])
    anon = replace(s, member_id=None)
    with pytest.raises(MemberRequired):
        settle(anon, [TenderRequest(TenderKind.STORED_VALUE, y(285))], SVBalance(y(1000)))
    exact = settle(s, [TenderRequest(TenderKind.EXTERNAL, y(285), "alipay")])
    assert exact.change == Money(0) and exact.paid == y(285)


def test_tiers_upgrade_at_once_and_downgrade_only_at_review() -> None:
    rules = demo_rules()
    assert qualifying_tier(rules, y("4999.99")).code == "silver"
    assert qualifying_tier(rules, y(5000)).code == "gold"
    up = evaluate_tier(rules, "silver", y(20000), at_review=False)
    assert (up.new, up.change) == ("platinum", TierChange.UPGRADE)
    keep = evaluate_tier(rules, "gold", y(100), at_review=False)
    assert keep.change is TierChange.KEEP and keep.new == "gold"
    down = evaluate_tier(rules, "gold", y(100), at_review=True)
    assert (down.new, down.change) == ("normal", TierChange.DOWNGRADE)
    nxt = progress_to_next(rules, "gold", y(12000))
    assert nxt is not None and nxt[0].code == "platinum" and nxt[1] == y(8000)
    assert progress_to_next(rules, "diamond", y(0)) is None


@pytest.mark.parametrize(
    ("principal", "bonus", "points", "spend", "owed"),
    [
        # Not overdrawn: everything is spendable, nothing owed.
        (5_000, 300, 40, (5_000, 300, 40), (0, 0)),
        # Principal overdrawn by 35 yuan, 20 yuan of bonus left: the bonus pays part of it.
        (-3_500, 2_000, 0, (0, 0, 0), (1_500, 0)),
        # Bonus covers the whole debt: what is left of it stays spendable.
        (-3_500, 5_000, 0, (0, 1_500, 0), (0, 0)),
        # Bonus overdrawn, principal pays it.
        (6_500, -1_000, 0, (5_500, 0, 0), (0, 0)),
        # Points overdrawn.
        (0, 0, -120, (0, 0, 0), (0, 120)),
    ],
)
def test_an_overdraft_is_netted_off_the_other_bucket_and_the_rest_is_owed(
    principal, bonus, points, spend, owed
):
    from pos_member.domain.ledger import SVBalance, net_overdraft

    got = net_overdraft(SVBalance(Money(principal), Money(bonus)), points)
    assert (got.sv.principal.fen, got.sv.bonus.fen, got.points) == spend
    assert (got.sv_owed.fen, got.points_owed) == owed
    # The spendable balance less the debt is the true balance, to the fen.
    assert got.sv.total.fen - got.sv_owed.fen == principal + bonus


def test_a_correction_to_head_office_points_takes_a_fall_from_the_lots_that_hold_points():
    from pos_member.domain.ledger import (
        PointsEntry,
        PointsLot,
        PointsReason,
        lot_balances,
        plan_correction,
    )

    lots = [
        PointsLot("hq-7", date(2026, 1, 1), None, 0),
        PointsLot("sale", date(2026, 11, 1), date(2027, 12, 31), 522),
        PointsLot("old", date(2025, 1, 1), date(2026, 12, 31), 100),
    ]
    entries = [
        PointsEntry("a", "hq-7", 300, PointsReason.SYNC),
        PointsEntry("b", "sale", 522, PointsReason.EARN),
        PointsEntry("c", "old", 100, PointsReason.EARN),
    ]
    fall = plan_correction("sync-7-3", lots, entries, -512, "hq-7")
    # Soonest expiring first, the never-expiring confirmed lot last.
    assert [(e.lot_id, e.delta) for e in fall] == [("old", -100), ("sale", -412)]
    left = lot_balances(lots, entries + fall)
    assert left == {"hq-7": 300, "sale": 110, "old": 0}
    assert sum(left.values()) == 922 - 512
    rise = plan_correction("sync-7-4", lots, entries, 40, "hq-7")
    assert [(e.lot_id, e.delta) for e in rise] == [("hq-7", 40)]
    assert plan_correction("sync-7-5", lots, entries, 0, "hq-7") == []
    # More than the lots hold (an overdraft): the rest is recorded on the confirmed lot.
    over = plan_correction("sync-7-6", lots, entries, -1000, "hq-7")
    assert lot_balances(lots, entries + over) == {"hq-7": -78, "sale": 0, "old": 0}


@pytest.mark.parametrize("uses", [True, 1.0, 0, -1])
def test_count_card_uses_are_a_whole_positive_number(uses: object) -> None:
    from pos_member.domain.errors import InvalidAmount
    from pos_member.domain.ledger import CountCardEntry, plan_count_card_use

    history = [CountCardEntry("sold", "7", 10, "sale")]
    with pytest.raises(InvalidAmount):
        plan_count_card_use("use-1", "7", history, uses)  # type: ignore[arg-type]
