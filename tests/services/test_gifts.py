"""积分兑换 through the till's services on a real SQLite file: the points debit committed
with the sale, stock counted, a refund giving points and cash back, the ledger checked."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from pos_member.domain.errors import GiftOutOfStock, GiftPointsShort
from pos_member.domain.money import Money
from pos_member.domain.rules import Gift, GiftRate
from pos_member.services.checkout import LineRequest, checkout, quote
from pos_member.services.context import Context
from pos_member.services.gifts import gift_offers
from pos_member.services.identify import member_view
from pos_member.services.programme import install_rules
from pos_member.services.refund import RefundRequest, new_refund_id, refund
from tests.services.conftest import GOLD_ID, NORMAL_ID, NOW, SUPERVISOR, assert_consistent
from tests.services.helpers import cash, rows, sale

POINTS_ONLY = GiftRate(500)
POINTS_CASH = GiftRate(200, Money(500))


def _offer(ctx: Context, stock: int | None = 3) -> None:
    """The rules as head office would publish them, with rice as a gift: 500分 or 200分 + ¥5."""
    with ctx.store.reading() as s:
        _, rules = ctx.rules(s)
    gifts = (Gift("T-RICE", (POINTS_ONLY, POINTS_CASH), stock),)
    with ctx.store.unit_of_work(ctx.terminal_id, NOW.isoformat()) as uow:
        install_rules(uow, replace(rules, version=rules.version + 1, gifts=gifts), "2026-11-01")


def _points(ctx: Context, member_id: int) -> int:
    return member_view(ctx, member_id).points


def test_a_points_only_gift_then_its_refund(ctx: Context, db_path: Path) -> None:
    _offer(ctx)
    before = _points(ctx, GOLD_ID)
    sold = checkout(ctx, sale(LineRequest("T-RICE", gift=POINTS_ONLY), member_id=GOLD_ID))
    assert (sold.total, sold.points_redeemed, sold.points_earned) == (Money(0), 500, 0)
    assert _points(ctx, GOLD_ID) == before - 500
    assert rows(db_path, "select kind, delta from points_entries where sale_id = ?",
                sold.sale_id) == [("redeem", -500)]  # fmt: skip
    back = refund(ctx, RefundRequest(new_refund_id(), sold.receipt_no, {1: 1}, SUPERVISOR))
    assert (back.total, back.points_redeemed) == (Money(0), -500)
    assert _points(ctx, GOLD_ID) == before
    assert rows(db_path, "select kind, method, amount_fen, points from tenders where sale_id = ?",
                back.sale_id) == [("points", "gift", 0, -500)]  # fmt: skip
    assert_consistent(db_path)


def test_points_and_cash_partly_refunded_line_by_line(ctx: Context, db_path: Path) -> None:
    _offer(ctx)
    before = _points(ctx, GOLD_ID)
    req = sale(LineRequest("T-RICE", quantity=2, gift=POINTS_CASH), member_id=GOLD_ID)
    assert quote(ctx, req).amount_due == Money(1000)
    sold = checkout(ctx, sale(*req.lines, member_id=GOLD_ID, tenders=(cash(10),)))
    assert (sold.points_redeemed, sold.points_earned) == (400, 0)
    one = refund(ctx, RefundRequest(new_refund_id(), sold.receipt_no, {1: 1}, SUPERVISOR))
    assert (one.total, one.points_redeemed) == (Money(-500), -200)
    assert _points(ctx, GOLD_ID) == before - 200
    other = refund(ctx, RefundRequest(new_refund_id(), sold.receipt_no, {1: 1}, SUPERVISOR))
    assert (other.total, other.points_redeemed) == (Money(-500), -200)
    assert _points(ctx, GOLD_ID) == before
    assert_consistent(db_path)


def test_stock_runs_out_and_a_refund_puts_it_back(ctx: Context, db_path: Path) -> None:
    _offer(ctx, stock=1)
    assert [o.stock_left for o in gift_offers(ctx, GOLD_ID)] == [1, 1]
    sold = checkout(
        ctx, sale(LineRequest("T-RICE", gift=POINTS_CASH), member_id=GOLD_ID, tenders=(cash(5),))
    )
    assert [o.stock_left for o in gift_offers(ctx, GOLD_ID)] == [0, 0]
    with pytest.raises(GiftOutOfStock):
        checkout(ctx, sale(LineRequest("T-RICE", gift=POINTS_ONLY), member_id=GOLD_ID))
    refund(ctx, RefundRequest(new_refund_id(), sold.receipt_no, {1: 1}, SUPERVISOR))
    assert [o.stock_left for o in gift_offers(ctx, GOLD_ID)] == [1, 1]


def test_points_short_commits_nothing(ctx: Context, db_path: Path) -> None:
    _offer(ctx)
    have = _points(ctx, NORMAL_ID)
    assert have < 500
    offers = gift_offers(ctx, NORMAL_ID)
    assert {o.points: o.short_by for o in offers}[500] == 500 - have
    n = rows(db_path, "select count(*) from sales")
    with pytest.raises(GiftPointsShort) as e:
        checkout(ctx, sale(LineRequest("T-RICE", gift=POINTS_ONLY), member_id=NORMAL_ID))
    assert e.value.params["missing"] == 500 - have
    assert rows(db_path, "select count(*) from sales") == n


def test_a_held_sale_keeps_its_gift_line() -> None:
    from pos_member.services.held import HeldDraft, HeldLine

    held = HeldDraft("S1", (HeldLine(1, "T-RICE", 2, gift=POINTS_CASH), HeldLine(2, "T-MILK")))
    back = HeldDraft.from_json(held.as_json())
    assert back.lines == held.lines and back.lines[0].gift == GiftRate(200, Money(500))


def test_the_payment_screen_offers_the_points_the_gifts_leave(ctx: Context) -> None:
    from pos_member.services.payment_preview import payment_info

    _offer(ctx)
    before = _points(ctx, GOLD_ID)
    req = sale(LineRequest("T-RICE", gift=POINTS_ONLY), LineRequest("T-WATER"), member_id=GOLD_ID)
    assert payment_info(ctx, req).points_available == before - 500
