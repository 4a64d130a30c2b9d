"""Checkout on a real SQLite file: one transaction, paid once, ledgers in step."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from pos_member.domain.errors import (
    CouponUsed,
    NotAllowed,
    OfflineLimitReached,
    PinRequired,
    ShiftNotOpen,
    WrongPin,
)
from pos_member.domain.money import Money
from pos_member.domain.scale import LabelValue, ScaleLayout
from pos_member.seed.demo import ean13
from pos_member.services import auth
from pos_member.services.checkout import LineRequest, checkout, quote
from pos_member.services.context import Context
from pos_member.services.identify import member_view
from pos_member.services.shifts import open_shift
from pos_member.store.models import Coupon
from tests.services.conftest import (
    APPLE_PLU,
    CASHIER,
    GOLD_ID,
    GOLD_PIN,
    MILK,
    NORMAL_ID,
    RICE,
    SUPERVISOR,
    WATER,
    Link,
    assert_consistent,
)
from tests.services.helpers import cash, external, rows, sale, stored_value


def test_member_cash_sale_commits_every_row_together(ctx: Context, db_path: Path) -> None:
    req = sale(
        LineRequest(WATER, quantity=3),
        LineRequest(MILK),
        tenders=(cash(20),),
        member_id=GOLD_ID,
    )
    result = checkout(ctx, req)
    # Gold takes 95% of the water (6.00 -> 5.70); milk is at its member price 9.00.
    assert result.total == Money.yuan("14.70")
    assert result.change == Money.yuan("5.30")
    assert result.receipt_no == "T01-00000001"
    assert not result.replayed
    # 14.70 yuan at 1 point per yuan, gold multiplier 1.2: 17.64 -> 17.
    assert result.points_earned == 17
    lines = rows(db_path, "select line_no, gross_fen, net_fen from sale_lines where sale_id=?",
                 req.sale_id)  # fmt: skip
    assert sorted(lines) == [(1, 600, 570), (2, 1000, 900)]
    kinds = {r[0] for r in rows(db_path, "select kind from sale_adjustments where sale_id=?",
                                req.sale_id)}  # fmt: skip
    assert kinds == {"tier_discount", "member_price"}
    assert rows(db_path, "select kind from outbox where id=?", req.sale_id) == [("sale.completed",)]
    assert rows(db_path, "select action, staff_id from audit_log where event_id=?",
                req.sale_id) == [("sale", "1001")]  # fmt: skip
    assert rows(db_path, "select points from points_lots where id=?", req.sale_id) == [(17,)]
    assert member_view(ctx, GOLD_ID).points == 2017
    assert_consistent(db_path)


def test_paying_twice_for_the_same_sale_is_impossible(ctx: Context, db_path: Path) -> None:
    req = sale(LineRequest(RICE), tenders=(stored_value(Money.yuan("47.50")),),
               member_id=GOLD_ID, pay_pin=GOLD_PIN)  # fmt: skip
    first = checkout(ctx, req)
    balance = member_view(ctx, GOLD_ID).stored_value
    second = checkout(ctx, req)
    assert second.replayed and not first.replayed
    assert second.receipt_no == first.receipt_no and second.total == first.total
    assert member_view(ctx, GOLD_ID).stored_value == balance
    assert rows(db_path, "select count(*) from sales where id=?", req.sale_id) == [(1,)]
    assert rows(db_path, "select count(*) from stored_value_entries where sale_id=?",
                req.sale_id) == [(1,)]  # fmt: skip
    assert_consistent(db_path)


def test_stored_value_is_taken_pro_rata_and_needs_the_pin(ctx: Context, db_path: Path) -> None:
    base = sale(LineRequest(RICE), tenders=(stored_value(Money.yuan("47.50")),),
                member_id=GOLD_ID)  # fmt: skip
    with pytest.raises(PinRequired):
        checkout(ctx, base)
    with pytest.raises(WrongPin, match="4 attempts left"):
        checkout(ctx, replace(base, pay_pin="000000"))
    assert rows(db_path, "select count(*) from sales") == [(0,)]
    checkout(ctx, replace(base, pay_pin=GOLD_PIN))
    view = member_view(ctx, GOLD_ID)
    # 47.50 paid from 1,000 + 60, pro rata (the demo rules, docs/prepaid.md):
    # 47.50 × 1000 ÷ 1060 = 44.81 of principal, 2.69 of bonus.
    assert view.sv_bonus == Money.yuan("57.31")
    assert view.sv_principal == Money.yuan("955.19")
    entry = rows(db_path, "select principal_delta_fen, bonus_delta_fen, kind from"
                 " stored_value_entries where sale_id=?", base.sale_id)  # fmt: skip
    assert entry == [(-4481, -269, "spend")]
    assert_consistent(db_path)


def test_points_pay_part_and_come_from_the_oldest_lot(ctx: Context, db_path: Path) -> None:
    req = sale(LineRequest(RICE), tenders=(cash(50),), member_id=GOLD_ID, points_to_redeem=500)
    result = checkout(ctx, req)
    # 47.50 due after gold; 500 points = 5.00 yuan; cash pays 42.50 of the 50 handed over.
    assert result.total == Money.yuan("47.50")
    assert result.change == Money.yuan("7.50")
    assert dict(result.tenders)["points"] == Money.yuan(5)
    taken = rows(db_path, "select lot_id, delta from points_entries where sale_id=? and"
                 " kind='redeem'", req.sale_id)  # fmt: skip
    assert taken == [("open-gold-pts", -500)]
    assert member_view(ctx, GOLD_ID).points == 2000 - 500 + result.points_earned
    assert_consistent(db_path)


def test_weighed_goods_by_grams_and_by_scale_label(ctx: Context, db_path: Path) -> None:
    label = ean13(f"21{APPLE_PLU}00750")  # 750 g on the scale's label (default layout 21)
    by_label = checkout(ctx, sale(LineRequest(label), tenders=(cash("7.50"),)))
    by_grams = checkout(ctx, sale(LineRequest(APPLE_PLU, grams=750), tenders=(cash("7.50"),)))
    assert by_label.total == by_grams.total == Money.yuan("7.50")
    assert rows(db_path, "select grams, quantity from sale_lines where sale_id=?",
                by_label.sale_id) == [(750, 0)]  # fmt: skip


def test_price_label_sells_the_weight_its_price_buys(ctx: Context, db_path: Path) -> None:
    # Default layout 20: item, then the price in fen; apples are 10.00 per kg.
    label = ean13(f"20{APPLE_PLU}00750")
    result = checkout(ctx, sale(LineRequest(label), tenders=(cash("7.50"),)))
    assert result.total == Money.yuan("7.50")
    assert rows(db_path, "select product_code, grams from sale_lines where sale_id=?",
                result.sale_id) == [(APPLE_PLU, 750)]  # fmt: skip


def test_scale_layouts_of_the_store_decide_what_a_label_sells(ctx: Context, db_path: Path) -> None:
    # A store whose scales print 22 | 5-digit item | 1 skipped digit | 4-digit grams.
    ctx.scale_layouts = (ScaleLayout("22", 5, LabelValue.WEIGHT_G, 4, skip_digits=1),)
    label = ean13(f"22{APPLE_PLU}91250")
    result = checkout(ctx, sale(LineRequest(label), tenders=(cash("12.50"),)))
    assert rows(db_path, "select product_code, grams from sale_lines where sale_id=?",
                result.sale_id) == [(APPLE_PLU, 1250)]  # fmt: skip
    assert result.total == Money.yuan("12.50")


def test_split_payment_external_and_cash(ctx: Context, db_path: Path) -> None:
    req = sale(LineRequest(RICE), tenders=(external(Money.yuan(30)), cash(50)))
    result = checkout(ctx, req)
    assert dict(result.tenders) == {"external:wechat": Money.yuan(30), "cash": Money.yuan(20)}
    assert result.change == Money.yuan(30)
    assert_consistent(db_path)


def test_coupon_is_used_once(ctx: Context, db_path: Path) -> None:
    with ctx.store.session() as s:
        s.add(Coupon(code="GOLD10", member_id=GOLD_ID, name="10元券", kind="amount_off",
                     value_fen=1000, min_spend_fen=4000, valid_from="2026-11-01",
                     valid_until="2026-12-31"))  # fmt: skip
    first = checkout(ctx, sale(LineRequest(RICE), LineRequest(WATER), tenders=(cash(50),),
                               member_id=GOLD_ID, coupons=("GOLD10",)))  # fmt: skip
    # 50.00 + 2.00 at gold 95% = 49.40; the 10.00 coupon leaves 39.40.
    assert first.total == Money.yuan("39.40")
    with pytest.raises(CouponUsed):
        checkout(ctx, sale(LineRequest(RICE), tenders=(cash(50),), member_id=GOLD_ID,
                           coupons=("GOLD10",)))  # fmt: skip
    assert rows(db_path, "select used_by_sale from coupons where code='GOLD10'") == [
        (first.sale_id,)
    ]


def test_price_override_needs_a_supervisor(ctx: Context, db_path: Path) -> None:
    line = LineRequest(RICE, price_override=Money.yuan(40), override_reason="包装破损")
    with pytest.raises(NotAllowed, match="supervisor"):
        checkout(ctx, sale(line, tenders=(cash(40),)))
    with pytest.raises(NotAllowed):
        auth.approve(ctx, "1002", "2222", "price_override")  # a cashier cannot approve
    approval = auth.approve(ctx, "2001", "8888", "price_override")
    result = checkout(ctx, sale(line, tenders=(cash(40),), approval=approval))
    assert result.total == Money.yuan(40)
    assert rows(db_path, "select approved_by from sales where id=?", result.sale_id) == [("2001",)]
    by_supervisor = checkout(ctx, sale(line, tenders=(cash(40),), staff=SUPERVISOR))
    assert by_supervisor.total == Money.yuan(40)


def test_spend_over_the_threshold_upgrades_the_tier(ctx: Context, db_path: Path) -> None:
    req = sale(LineRequest(RICE, quantity=20), tenders=(cash(1000),), member_id=NORMAL_ID)
    checkout(ctx, req)
    assert member_view(ctx, NORMAL_ID).tier_code == "silver"
    assert rows(db_path, "select kind from outbox where kind='member.tier_changed'") == [
        ("member.tier_changed",)
    ]


def test_offline_stored_value_is_capped_per_member_per_day(
    ctx: Context, db_path: Path, link: Link
) -> None:
    link.online = False
    big = sale(LineRequest(RICE, quantity=13), tenders=(stored_value(Money.yuan("617.50")),),
               member_id=GOLD_ID, pay_pin=GOLD_PIN)  # fmt: skip
    with pytest.raises(OfflineLimitReached, match="500"):
        checkout(ctx, big)
    ok = sale(LineRequest(RICE, quantity=8), tenders=(stored_value(Money.yuan(380)),),
              member_id=GOLD_ID, pay_pin=GOLD_PIN)  # fmt: skip
    checkout(ctx, ok)
    assert rows(db_path, "select offline from sales where id=?", ok.sale_id) == [(1,)]
    again = sale(LineRequest(RICE, quantity=3), tenders=(stored_value(Money.yuan("142.50")),),
                 member_id=GOLD_ID, pay_pin=GOLD_PIN)  # fmt: skip
    with pytest.raises(OfflineLimitReached, match="380"):
        checkout(ctx, again)
    link.online = True
    checkout(ctx, again)
    assert_consistent(db_path)


def test_quote_matches_checkout_and_writes_nothing(ctx: Context, db_path: Path) -> None:
    req = sale(LineRequest(WATER, quantity=2), LineRequest(RICE), member_id=GOLD_ID)
    priced = quote(ctx, req)
    assert rows(db_path, "select count(*) from sales") == [(0,)]
    result = checkout(ctx, replace(req, tenders=(cash(100),)))
    assert result.total == priced.net_total


@pytest.mark.no_shift
def test_sales_belong_to_the_open_shift(ctx: Context, db_path: Path) -> None:
    with pytest.raises(ShiftNotOpen, match="open the shift"):
        checkout(ctx, sale(LineRequest(WATER), tenders=(cash(2),)))
    assert rows(db_path, "select count(*) from sales") == [(0,)]
    shift_id = open_shift(ctx, CASHIER, Money.yuan(500))
    during = checkout(ctx, sale(LineRequest(WATER), tenders=(cash(2),)))
    got = dict(rows(db_path, "select id, shift_id from sales"))
    assert got == {during.sale_id: shift_id}


def test_receipt_numbers_are_unique_and_code128_printable(ctx: Context) -> None:
    import barcode

    numbers = [checkout(ctx, sale(LineRequest(WATER), tenders=(cash(2),))).receipt_no
               for _ in range(3)]  # fmt: skip
    assert numbers == ["T01-00000001", "T01-00000002", "T01-00000003"]
    for n in numbers:
        code = barcode.get("code128", n)
        assert code.get_fullcode() == n


def test_points_in_expired_lots_cannot_pay(ctx: Context, db_path: Path) -> None:
    from pos_member.domain.errors import PointsTooLow
    from pos_member.store.models import Member, PointsEntry, PointsLot

    with ctx.store.session() as s:
        s.add(PointsLot(id="old", member_id=NORMAL_ID, earned_on="2024-05-01",
                        expires_on="2025-12-31", points=500))  # fmt: skip
        s.flush()
        s.add(PointsEntry(event_id="old", member_id=NORMAL_ID, lot_id="old", kind="earn",
                          delta=500, created_at="2024-05-01T00:00:00+00:00"))  # fmt: skip
        member = s.get(Member, NORMAL_ID)
        assert member is not None
        member.points_balance += 500
    with pytest.raises(PointsTooLow, match="0 available"):
        checkout(ctx, sale(LineRequest(RICE), tenders=(cash(50),), member_id=NORMAL_ID,
                           points_to_redeem=100))  # fmt: skip
