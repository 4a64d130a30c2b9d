"""Refunds against the original receipt: parts, the rest, never beyond; ledgers reversed."""

from __future__ import annotations

from pathlib import Path

import pytest

from pos_member.domain.errors import RefundExceedsSold, ValidationError
from pos_member.domain.money import Money
from pos_member.services import auth
from pos_member.services.checkout import LineRequest, checkout
from pos_member.services.context import Context
from pos_member.services.count_cards import use_count_card
from pos_member.services.identify import member_view
from pos_member.services.refund import RefundRequest, new_refund_id, refund
from pos_member.store.models import Coupon
from tests.services.conftest import (
    APPLE_PLU,
    CASHIER,
    GOLD_ID,
    GOLD_PIN,
    NORMAL_ID,
    RICE,
    SUPERVISOR,
    WATER,
    assert_consistent,
)
from tests.services.helpers import cash, rows, sale, stored_value


def _refund(ctx: Context, receipt_no: str, lines: dict[int, int], **kw: object) -> object:
    return refund(ctx, RefundRequest(new_refund_id(), receipt_no, lines, SUPERVISOR, **kw))  # type: ignore[arg-type]


def test_partial_then_rest_restores_stored_value_points_and_coupon(
    ctx: Context, db_path: Path
) -> None:
    with ctx.store.session() as s:
        s.add(Coupon(code="G5", member_id=GOLD_ID, name="5元券", kind="amount_off",
                     value_fen=500, valid_from="2026-11-01", valid_until="2026-12-31"))  # fmt: skip
    before = member_view(ctx, GOLD_ID)
    req = sale(LineRequest(RICE, quantity=2), LineRequest(WATER, quantity=3),
               tenders=(stored_value(Money.yuan("87.70")), cash(5)), member_id=GOLD_ID,
               pay_pin=GOLD_PIN, coupons=("G5",), points_to_redeem=300)  # fmt: skip
    sold = checkout(ctx, req)
    # (100 + 6) at gold 95% = 100.70, less the 5.00 coupon; 300 points pay 3.00 of it.
    assert sold.total == Money.yuan("95.70")
    first = refund(ctx, RefundRequest(new_refund_id(), sold.receipt_no, {1: 1}, SUPERVISOR))
    assert first.total.fen < 0
    with pytest.raises(RefundExceedsSold, match="1 left"):
        _refund(ctx, sold.receipt_no, {1: 2})
    _refund(ctx, sold.receipt_no, {1: 1, 2: 3})
    after = member_view(ctx, GOLD_ID)
    assert after.sv_principal == before.sv_principal
    assert after.sv_bonus == before.sv_bonus
    assert after.points == before.points
    assert rows(db_path, "select used_by_sale from coupons where code='G5'") == [(None,)]
    # Every fen paid went back to where it came from, in total.
    paid = dict(rows(db_path, "select kind || method, sum(amount_fen) from tenders"
                     " group by kind, method"))  # fmt: skip
    assert paid == {"cash": 0, "stored_value": 0, "points": 0}
    assert_consistent(db_path)


def test_refund_keeps_back_the_value_of_earned_points_already_spent(
    ctx: Context, db_path: Path
) -> None:
    first = checkout(ctx, sale(LineRequest(RICE, quantity=4), tenders=(cash(200),),
                               member_id=NORMAL_ID))  # fmt: skip
    assert first.points_earned == 200
    second = checkout(ctx, sale(LineRequest(RICE), tenders=(cash(48),), member_id=NORMAL_ID,
                                points_to_redeem=200))  # fmt: skip
    assert second.points_earned == 48
    back = refund(ctx, RefundRequest(new_refund_id(), first.receipt_no, {1: 4}, SUPERVISOR))
    # 200 earned points to take back, only 48 left: 152 points = 1.52 yuan kept from cash.
    assert back.detail["points_shortfall"] == 152
    assert dict(back.tenders)["cash"] == -Money.yuan("198.48")
    assert member_view(ctx, NORMAL_ID).points == 0
    assert_consistent(db_path)


def test_weighed_goods_are_refunded_in_grams(ctx: Context, db_path: Path) -> None:
    sold = checkout(ctx, sale(LineRequest(APPLE_PLU, grams=750), tenders=(cash("7.50"),)))
    part = refund(ctx, RefundRequest(new_refund_id(), sold.receipt_no, {1: 250}, SUPERVISOR))
    assert part.total == -Money.yuan("2.50")
    with pytest.raises(RefundExceedsSold):
        _refund(ctx, sold.receipt_no, {1: 501})
    rest = refund(ctx, RefundRequest(new_refund_id(), sold.receipt_no, {1: 500}, SUPERVISOR))
    assert rest.total == -Money.yuan(5)
    assert_consistent(db_path)


def test_a_refund_id_is_committed_once(ctx: Context, db_path: Path) -> None:
    sold = checkout(ctx, sale(LineRequest(WATER, quantity=2), tenders=(cash(4),)))
    req = RefundRequest(new_refund_id(), sold.receipt_no, {1: 1}, SUPERVISOR)
    one = refund(ctx, req)
    two = refund(ctx, req)
    assert two.replayed and one.receipt_no == two.receipt_no
    assert rows(db_path, "select count(*) from sales where kind='refund'") == [(1,)]


def test_cashier_refunds_with_a_supervisor_approval(ctx: Context, db_path: Path) -> None:
    sold = checkout(ctx, sale(LineRequest(WATER), tenders=(cash(2),)))
    approval = auth.approve(ctx, "2001", "8888", "refund")
    done = refund(ctx, RefundRequest(new_refund_id(), sold.receipt_no, {1: 1}, CASHIER, approval))
    assert rows(db_path, "select staff_id, approved_by from sales where id=?", done.sale_id) == [
        ("1001", "2001")
    ]
    assert rows(db_path, "select approved_by from audit_log where event_id=?", done.sale_id) == [
        ("2001",)
    ]


def test_count_card_refund_only_while_unused(ctx: Context, db_path: Path) -> None:
    sold = checkout(ctx, sale(LineRequest("WASH10", quantity=2), tenders=(cash(600),),
                              member_id=GOLD_ID))  # fmt: skip
    cards = rows(db_path, "select id, remaining_uses from count_cards where sold_sale_id=?",
                 sold.sale_id)  # fmt: skip
    assert [r[1] for r in cards] == [10, 10]
    use_count_card(ctx, CASHIER, cards[0][0])
    with pytest.raises(ValidationError, match="used"):
        _refund(ctx, sold.receipt_no, {1: 2})
    _refund(ctx, sold.receipt_no, {1: 1})
    left = dict(rows(db_path, "select id, remaining_uses from count_cards"))
    assert left == {cards[0][0]: 9, cards[1][0]: 0}
    assert_consistent(db_path)


def test_preview_shows_exactly_what_the_refund_then_writes(ctx: Context, db_path: Path) -> None:
    from pos_member.services.refund import preview_refund

    first = checkout(ctx, sale(LineRequest(RICE, quantity=4), tenders=(cash(200),),
                               member_id=NORMAL_ID))  # fmt: skip
    checkout(ctx, sale(LineRequest(RICE), tenders=(cash(48),), member_id=NORMAL_ID,
                       points_to_redeem=200))  # fmt: skip
    before = rows(db_path, "select count(*) from sales")
    plan = preview_refund(ctx, first.receipt_no, {1: 3})
    assert rows(db_path, "select count(*) from sales") == before  # nothing written
    # 150 earned points to take back, 48 left: 102 points = 1.02 yuan kept from cash
    assert plan.points_shortfall == 102 and plan.shortfall_deducted == Money.yuan("1.02")
    back = refund(ctx, RefundRequest(new_refund_id(), first.receipt_no, {1: 3}, SUPERVISOR))
    assert dict(back.tenders)["cash"] == -plan.cash_back
    assert back.detail["points_shortfall"] == plan.points_shortfall
    with pytest.raises(RefundExceedsSold):
        preview_refund(ctx, first.receipt_no, {1: 2})
    with pytest.raises(ValidationError):
        preview_refund(ctx, first.receipt_no, {7: 1})
    assert_consistent(db_path)


def test_usable_coupons_lists_unused_ones_valid_today(ctx: Context) -> None:
    from pos_member.services.members import usable_coupons

    with ctx.store.session() as s:
        for code, since, until in (("OK1", "2026-11-01", "2026-12-31"),
                                   ("OLD", "2026-01-01", "2026-11-01"),
                                   ("LATER", "2026-12-01", "2026-12-31"),
                                   ("OK0", "2026-11-20", "2026-11-30")):  # fmt: skip
            s.add(Coupon(code=code, member_id=GOLD_ID, name=code, kind="amount_off",
                         value_fen=500, valid_from=since, valid_until=until))  # fmt: skip
    with ctx.store.reading() as s:
        found = usable_coupons(s, GOLD_ID, ctx.today())
    codes = [c for c, _ in found if c in {"OK1", "OLD", "LATER", "OK0"}]
    # today is 2026-11-23: expired and not-yet-valid coupons are left out,
    # the one ending first comes first
    assert codes == ["OK0", "OK1"]


def test_the_refund_screen_lists_what_is_left_of_each_line(ctx: Context) -> None:
    from pos_member.services.refund import refundable_receipt

    sold = checkout(
        ctx, sale(LineRequest(WATER, quantity=3), LineRequest(RICE), tenders=(cash(100),))
    )
    before = refundable_receipt(ctx, sold.receipt_no)
    assert before.receipt_no == sold.receipt_no and before.member_masked == ""
    assert [(ln.line_no, ln.sold, ln.remaining) for ln in before.lines] == [(1, 3, 3), (2, 1, 1)]
    _refund(ctx, sold.receipt_no, {1: 2})
    after = refundable_receipt(ctx, sold.receipt_no)
    assert [(ln.line_no, ln.remaining) for ln in after.lines] == [(1, 1), (2, 1)]
    assert after.lines[0].name == "矿泉水 550ml" and not after.lines[0].weighed
