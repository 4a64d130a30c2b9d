"""整单折扣 at a real till: a supervisor's approval (the 改价 vocabulary), the approver's
limit from Settings, the reason on every line's adjustment and on the receipt, the
approver on the sale; a partial refund takes back exactly the returned units' share."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest

from pos_member.domain.errors import NotAllowed, SaleDiscountBeyondRole, ValidationError
from pos_member.domain.money import Money
from pos_member.domain.pricing import SaleDiscount
from pos_member.domain.promotions import Promotion, PromotionKind, Step
from pos_member.domain.rules import demo_rules
from pos_member.receipts.build import ReceiptBuilder
from pos_member.receipts.settings import ReceiptSettings
from pos_member.receipts.text import render_text
from pos_member.services import auth
from pos_member.services.checkout import LineRequest, checkout, quote
from pos_member.services.context import Context
from pos_member.services.programme import install_rules
from pos_member.services.refund import RefundRequest, new_refund_id, refund
from tests.services.conftest import RICE, SUPERVISOR, WATER, Clock, assert_consistent
from tests.services.helpers import cash, rows, sale

y = Money.yuan
NINE = SaleDiscount("老顾客", rate=Decimal("0.9"))


def test_needs_a_supervisor_and_reaches_the_sale_and_receipt(ctx: Context, clock: Clock) -> None:
    lines = (LineRequest(RICE), LineRequest(WATER, quantity=3))
    with pytest.raises(NotAllowed, match="supervisor"):
        checkout(ctx, sale(*lines, tenders=(cash("50.40"),), sale_discount=NINE))
    ok = auth.approve(ctx, "2001", "8888", "price_override")
    assert quote(ctx, sale(*lines, sale_discount=NINE, approval=ok)).net_total == y("50.40")
    done = checkout(ctx, sale(*lines, tenders=(cash("50.40"),), sale_discount=NINE, approval=ok))
    # 56.00 at 9折 = 50.40: 5.60 off, 5.00 on the rice and 0.60 on the three waters.
    assert done.total == y("50.40")
    path = ctx.store.path
    assert rows(path, "select approved_by from sales where id=?", done.sale_id) == [("2001",)]
    assert rows(path, "select line_no, kind, description, amount_fen from sale_adjustments"
                " where sale_id=? order by line_no", done.sale_id) == [
        (1, "sale_discount", "90%：老顾客", -500), (2, "sale_discount", "90%：老顾客", -60),
    ]  # fmt: skip
    text = render_text(ReceiptBuilder(ctx, ReceiptSettings()).build(done.receipt_no))
    assert "整单折扣 9折：老顾客" in text
    assert_consistent(path)
    clock.advance(minutes=1)
    # One water of three back: its share of 5.40, 1.80 (the discount it carried stays).
    back = refund(ctx, RefundRequest(new_refund_id(), done.receipt_no, {2: 1}, SUPERVISOR))
    assert back.total == -y("1.80")
    clock.advance(minutes=1)
    rest = refund(ctx, RefundRequest(new_refund_id(), done.receipt_no, {1: 1, 2: 2}, SUPERVISOR))
    assert back.total + rest.total == -y("50.40")
    assert_consistent(path)


def test_the_supervisors_cap_from_settings(ctx: Context) -> None:
    ok = auth.approve(ctx, "2001", "8888", "price_override")
    half = SaleDiscount("清仓", rate=Decimal("0.49"))
    with pytest.raises(SaleDiscountBeyondRole, match="supervisor may take at most 50%"):
        quote(ctx, sale(LineRequest(RICE), sale_discount=half, approval=ok))
    with pytest.raises(SaleDiscountBeyondRole):
        checkout(ctx, sale(LineRequest(RICE), tenders=(cash("24.50"),), sale_discount=half,
                           approval=ok))  # fmt: skip
    assert rows(ctx.store.path, "select count(*) from sales") == [(0,)]
    manager = auth.approve(ctx, "3001", "9999", "price_override")
    done = checkout(ctx, sale(LineRequest(RICE), tenders=(cash("24.50"),), sale_discount=half,
                              approval=manager))  # fmt: skip
    assert done.total == y("24.50")
    tight = replace(ctx, settings=ctx.settings.model_copy(
        update={"supervisor_override_max_cut_percent": 5}))  # fmt: skip
    with pytest.raises(SaleDiscountBeyondRole, match="5%"):
        quote(tight, sale(LineRequest(RICE), sale_discount=NINE, approval=ok))


@pytest.mark.parametrize("reason", ["", "   ", "a\u202eb", "x" * 65])
def test_a_bad_reason_is_refused(ctx: Context, reason: str) -> None:
    d = SaleDiscount(reason, rate=Decimal("0.9"))
    with pytest.raises(ValidationError):
        checkout(ctx, sale(LineRequest(RICE), tenders=(cash(45),), sale_discount=d,
                           staff=SUPERVISOR))  # fmt: skip
    assert rows(ctx.store.path, "select count(*) from sales") == [(0,)]


def test_a_refund_after_a_promotion_keeps_back_only_the_promotion(
    ctx: Context, clock: Clock
) -> None:
    base = demo_rules()
    mj = Promotion("MJ100", PromotionKind.SPEND_OFF, steps=(Step(10000, off=y(20)),))
    with ctx.store.unit_of_work(ctx.terminal_id, ctx.now_iso()) as uow:
        install_rules(uow, replace(base, version=2, promotions=(mj,)), "2026-11-01")
    done = checkout(ctx, sale(LineRequest(RICE, quantity=2), tenders=(cash(72),),
                              sale_discount=NINE, staff=SUPERVISOR))  # fmt: skip
    assert done.total == y(72)  # 100.00 − 20 (满100减20) = 80.00, at 9折: 72.00
    clock.advance(minutes=1)
    # One rice back: the other alone misses 满100减20, so the 10.00 of it the kept rice
    # carried is kept back; the 整单折扣 is not: 36.00 of goods, 26.00 back.
    first = refund(ctx, RefundRequest(new_refund_id(), done.receipt_no, {1: 1}, SUPERVISOR))
    assert first.total == -y(26)
    clock.advance(minutes=1)
    rest = refund(ctx, RefundRequest(new_refund_id(), done.receipt_no, {1: 1}, SUPERVISOR))
    assert first.total + rest.total == -y(72)
