"""Promotions in the installed rules price a real checkout, keep their reasons on the
lines and the receipt, and a partial refund of a promoted sale never pays back more
than was paid (per line and in all).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from pos_member.domain.money import Money
from pos_member.domain.promotions import Promotion, PromotionKind, Scope, Step, Window
from pos_member.domain.rules import demo_rules
from pos_member.receipts.build import ReceiptBuilder
from pos_member.receipts.settings import ReceiptSettings
from pos_member.receipts.text import render_text
from pos_member.services.checkout import LineRequest, checkout, quote
from pos_member.services.context import Context
from pos_member.services.programme import install_rules
from pos_member.services.refund import RefundRequest, new_refund_id, preview_refund, refund
from tests.services.conftest import (
    RICE,
    SUPERVISOR,
    TZ,
    WATER,
    Clock,
    assert_consistent,
)
from tests.services.helpers import cash, rows, sale

y = Money.yuan
MANJIAN = Promotion(
    "MJ100", PromotionKind.SPEND_OFF, steps=(Step(10000, off=y(20)), Step(20000, off=y(50)))
)
WATER_B2G1 = Promotion(
    "WATER3", PromotionKind.BUY_GET, buy=2, get=1, scope=Scope(skus=("T-WATER",))
)


def _install(ctx: Context, *promos: Promotion, since: str = "2026-11-01") -> None:
    base = demo_rules()
    with ctx.store.unit_of_work(ctx.terminal_id, ctx.now_iso()) as uow:
        install_rules(uow, replace(base, version=2, promotions=promos), since)


def test_spend_100_get_20_off_at_the_counter_and_on_the_receipt(ctx: Context) -> None:
    _install(ctx, MANJIAN, WATER_B2G1)
    assert quote(ctx, sale(LineRequest(RICE))).net_total == y(50)
    done = checkout(ctx, sale(LineRequest(RICE, quantity=2), tenders=(cash(80),)))
    assert done.total == y(80)
    assert done.detail["promotions"] == ["MJ100"]
    adj = rows(ctx.store.path, "select kind, description, amount_fen, reference from"
               " sale_adjustments where sale_id = ?", done.sale_id)  # fmt: skip
    assert adj == [("promotion", "满100减20", -2000, "MJ100")]
    text = render_text(ReceiptBuilder(ctx, ReceiptSettings()).build(done.receipt_no))
    assert "满100减20" in text and "-20.00" in text


def test_buy_two_waters_get_one_free(ctx: Context) -> None:
    _install(ctx, WATER_B2G1)
    done = checkout(ctx, sale(LineRequest(WATER, quantity=3), tenders=(cash(4),)))
    assert done.total == y(4)
    text = render_text(ReceiptBuilder(ctx, ReceiptSettings()).build(done.receipt_no))
    assert "买2赠1" in text


def test_a_time_limited_price_follows_the_till_clock(ctx: Context, clock: Clock) -> None:
    night = Promotion(
        "NIGHT", PromotionKind.SPECIAL_PRICE, prices=(("T-RICE", y(40)),),
        window=Window(hours=(18, 22)),
    )  # fmt: skip
    _install(ctx, night)
    assert quote(ctx, sale(LineRequest(RICE))).net_total == y(50)  # 10:00
    clock.at = datetime(2026, 11, 23, 18, 30, tzinfo=TZ)
    assert quote(ctx, sale(LineRequest(RICE))).net_total == y(40)


def test_a_partial_refund_of_a_promoted_sale_pays_back_no_more_than_was_paid(
    ctx: Context, clock: Clock
) -> None:
    _install(ctx, MANJIAN, WATER_B2G1)
    done = checkout(
        ctx,
        sale(LineRequest(RICE, quantity=2), LineRequest(WATER, quantity=3), tenders=(cash(84),)),
    )
    # Three waters for the price of two (4.00), with 100.00 of rice: 104.00, less 20
    # spread over both lines in proportion (19.23 and 0.77): 84.00.
    assert done.total == y(84)
    paid = dict(rows(ctx.store.path, "select line_no, net_fen from sale_lines where sale_id = ?",
                     done.sale_id))  # fmt: skip
    assert paid == {1: 8077, 2: 323}
    clock.advance(minutes=1)
    # One rice back: the rest (50.00 + 4.00) no longer reaches 满100减20. The customer
    # paid 84.00 and keeps 54.00 of goods: 30.00 back, the 10.38 of the 20 off that
    # the returned rice had not carried kept back, and said why.
    one_rice = preview_refund(ctx, done.receipt_no, {1: 1})
    assert one_rice.goods_value == y("40.38") and one_rice.clawback == y("10.38")
    assert one_rice.cash_back == y(30) and one_rice.clawback_reason == "不再满足 满100减20"
    first = refund(ctx, RefundRequest(new_refund_id(), done.receipt_no, {1: 1, 2: 1}, SUPERVISOR))
    # One rice and one water back: 54.00 kept (two waters are no longer 买2赠1).
    assert first.total == -y(30)
    clock.advance(minutes=1)
    rest = refund(ctx, RefundRequest(new_refund_id(), done.receipt_no, {1: 1, 2: 2}, SUPERVISOR))
    # The rest gives back what it was charged and what the first refund kept: in all,
    # exactly what was paid.
    assert first.total + rest.total == -y(84)
    kept = rows(ctx.store.path, "select kind, description, amount_fen from sale_adjustments"
                " where sale_id in (?, ?) order by id", first.sale_id, rest.sale_id)  # fmt: skip
    assert kept == [("promotion_clawback", "不再满足 买2赠1、满100减20", 1145),
                    ("promotion_clawback", "退回此前扣回的优惠", -1145)]  # fmt: skip
    # Per line, the goods' value back never passes what the line was charged.
    backs = rows(ctx.store.path, "select l.line_no, -sum(r.net_fen) from sale_lines r join"
                 " sale_lines l on l.id = r.original_line_id where l.sale_id = ?"
                 " group by l.line_no", done.sale_id)  # fmt: skip
    assert dict(backs) == paid
    text = render_text(ReceiptBuilder(ctx, ReceiptSettings()).build(first.receipt_no))
    assert "不再满足" in text
    assert_consistent(ctx.store.path)
