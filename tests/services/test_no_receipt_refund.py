"""Refund without a receipt (无单退货): today's shelf price, a supervisor's PIN, cash back."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from pos_member.domain.errors import (
    InvalidQuantity,
    NoReceiptRefundOverLimit,
    NotAllowed,
    NothingToRefund,
    ShiftNotOpen,
    UnknownProduct,
    ValidationError,
    WrongPin,
)
from pos_member.domain.money import Money
from pos_member.receipts.build import ReceiptBuilder
from pos_member.receipts.settings import ReceiptSettings
from pos_member.receipts.text import render_text
from pos_member.services import auth
from pos_member.services.context import Context
from pos_member.services.no_receipt_refund import (
    NoReceiptRefundRequest,
    no_receipt_refund,
    quote,
)
from pos_member.services.refund import new_refund_id
from pos_member.wire.outbound import to_wire
from pos_member.wire.schemas import SalePayload
from tests.services.conftest import APPLE_PLU, CASHIER, MILK, RICE, WATER, assert_consistent
from tests.services.helpers import rows


def _req(
    items: tuple[tuple[str, int], ...], ctx: Context, reason: str = "顾客未带小票"
) -> NoReceiptRefundRequest:
    approval = auth.approve(ctx, "2001", "8888", "no_receipt_refund")
    return NoReceiptRefundRequest(new_refund_id(), items, reason, CASHIER, approval)


def test_shelf_price_cash_back_one_transaction(ctx: Context, db_path: Path) -> None:
    # 3 waters at 2.00 and a milk at its shelf 10.00 (not its 9.00 member price) = 16.00.
    req = _req(((WATER, 2), (MILK, 1), (WATER, 1)), ctx)
    done = no_receipt_refund(ctx, req)
    assert done.kind == "refund"
    assert done.total == Money.yuan("-16.00")
    assert done.points_earned == 0 and done.points_redeemed == 0
    sale = rows(
        db_path,
        "select kind, original_sale_id, member_id, approved_by, total_fen,"
        " json_extract(detail, '$.reason') from sales where id = ?",
        req.refund_id,
    )
    assert sale == [("refund", None, None, "2001", -1600, "顾客未带小票")]
    lines = rows(db_path, "select product_code, quantity, unit_price_fen, net_fen from sale_lines"
                 " where sale_id = ? order by line_no", req.refund_id)  # fmt: skip
    assert lines == [("T-WATER", 3, 200, -600), ("T-MILK", 1, 1000, -1000)]
    assert rows(db_path, "select kind, amount_fen from tenders where sale_id = ?",
                req.refund_id) == [("cash", -1600)]  # fmt: skip
    assert rows(db_path, "select action, staff_id, approved_by from audit_log where event_id = ?",
                req.refund_id) == [("refund.no_receipt", "1001", "2001")]  # fmt: skip
    [(kind, payload)] = rows(db_path, "select kind, payload from outbox where id = ?",
                             req.refund_id)  # fmt: skip
    wire = SalePayload.model_validate(to_wire(kind, json.loads(payload)))
    assert wire.no_receipt and wire.original_sale_id is None and wire.member_id is None
    assert wire.total_fen == -1600
    assert [(t.kind.value, t.amount_fen) for t in wire.tenders] == [("cash", -1600)]
    assert [(ln.product_code, ln.units, ln.net_fen) for ln in wire.lines] == [
        ("T-WATER", 3, -600), ("T-MILK", 1, -1000)]  # fmt: skip
    text = render_text(ReceiptBuilder(ctx, ReceiptSettings()).build(done.receipt_no))
    assert "退货凭证（无单）" in text and "顾客未带小票" in text
    assert_consistent(db_path)
    # Once per refund id.
    again = no_receipt_refund(ctx, req)
    assert again.replayed and again.receipt_no == done.receipt_no
    assert rows(db_path, "select count(*) from sales where id = ?", req.refund_id) == [(1,)]


def test_quote_prices_without_writing(ctx: Context, unchanged: Callable[[], None]) -> None:
    q = quote(ctx, ((RICE, 2),))
    assert q.total == Money.yuan("100.00") and q.limit == Money.yuan("200.00")
    unchanged()


def test_wrong_pin_refused_nothing_written(ctx: Context, db_path: Path) -> None:
    before = rows(db_path, "select count(*) from sales")
    with pytest.raises(WrongPin):
        auth.approve(ctx, "2001", "0000", "no_receipt_refund")
    assert rows(db_path, "select count(*) from sales") == before
    assert rows(db_path, "select count(*) from outbox where kind = 'refund'") == [(0,)]


def test_cashier_without_approval_refused(ctx: Context, unchanged: Callable[[], None]) -> None:
    with pytest.raises(NotAllowed):
        no_receipt_refund(
            ctx, NoReceiptRefundRequest(new_refund_id(), ((WATER, 1),), "x", CASHIER, None)
        )
    unchanged()


def test_an_approval_of_another_action_refused(ctx: Context) -> None:
    other = auth.approve(ctx, "2001", "8888", "refund")
    with pytest.raises(NotAllowed):
        no_receipt_refund(
            ctx, NoReceiptRefundRequest(new_refund_id(), ((WATER, 1),), "x", CASHIER, other)
        )


def test_over_the_cap_refused_naming_the_limit(ctx: Context, db_path: Path) -> None:
    req = _req(((RICE, 5),), ctx)  # 250.00 > 200.00
    before = rows(db_path, "select count(*) from sales")
    with pytest.raises(NoReceiptRefundOverLimit) as exc:
        no_receipt_refund(ctx, req)
    assert "¥200.00" in str(exc.value) and "¥250.00" in str(exc.value)
    assert rows(db_path, "select count(*) from sales") == before
    # Exactly the cap is allowed.
    assert no_receipt_refund(ctx, _req(((RICE, 4),), ctx)).total == Money.yuan("-200.00")


@pytest.mark.parametrize(
    ("items", "error"),
    [
        ((), NothingToRefund),
        (((WATER, 0),), NothingToRefund),
        (((WATER, -1),), InvalidQuantity),
        (((WATER, 1000),), InvalidQuantity),
        (((WATER, 600), (WATER, 600)), InvalidQuantity),
        ((("NO-SUCH", 1),), UnknownProduct),
        (((APPLE_PLU, 1),), ValidationError),
    ],
)
def test_bad_goods_refused(
    ctx: Context, db_path: Path, items: tuple[tuple[str, int], ...], error: type[Exception]
) -> None:
    req = _req(items, ctx)
    with pytest.raises(error):
        no_receipt_refund(ctx, req)
    assert rows(db_path, "select count(*) from sales where kind = 'refund'") == [(0,)]
    assert rows(db_path, "select count(*) from outbox where kind = 'refund'") == [(0,)]


@pytest.mark.parametrize("reason", ["", "   ", "很" * 65])
def test_bad_reason_refused(ctx: Context, db_path: Path, reason: str) -> None:
    req = _req(((WATER, 1),), ctx, reason=reason)
    with pytest.raises(ValidationError):
        no_receipt_refund(ctx, req)
    assert rows(db_path, "select count(*) from sales where kind = 'refund'") == [(0,)]


def test_bad_refund_id_refused(ctx: Context) -> None:
    with pytest.raises(ValueError, match="UUID"):
        no_receipt_refund(ctx, NoReceiptRefundRequest("nope", ((WATER, 1),), "x", CASHIER))


@pytest.mark.no_shift
def test_needs_an_open_shift(ctx: Context, db_path: Path) -> None:
    req = _req(((WATER, 1),), ctx)
    with pytest.raises(ShiftNotOpen):
        no_receipt_refund(ctx, req)
    assert rows(db_path, "select count(*) from sales") == [(0,)]


_GOOD = {
    "sale_id": "11111111-1111-4111-8111-111111111111",
    "receipt_no": "T01-00000009",
    "business_date": "2026-11-23",
    "total_fen": -600,
    "tenders": [{"kind": "cash", "amount_fen": -600}],
    "no_receipt": True,
    "lines": [{"line_no": 1, "product_code": "T-WATER", "units": 3, "net_fen": -600}],
}


@pytest.mark.parametrize(
    "change",
    [
        {"original_sale_id": "22222222-2222-4222-8222-222222222222"},
        {"member_id": 900001},
        {"tenders": [{"kind": "external", "method": "wechat", "amount_fen": -600}]},
        {"lines": []},
        {"lines": [{"line_no": 1, "product_code": "", "units": 3, "net_fen": -600}]},
        {"lines": [{"line_no": 1, "product_code": "T-WATER", "units": 3, "net_fen": -500}]},
        {"coupon_codes": ["G5"]},
    ],
)
def test_head_office_refuses_a_forged_refund_without_a_receipt(change: dict[str, object]) -> None:
    from pos_member.headoffice.books import check_no_receipt_refund
    from pos_member.headoffice.validate import EventRefused

    check_no_receipt_refund(SalePayload.model_validate(_GOOD))  # the honest one passes
    with pytest.raises(EventRefused) as exc:
        check_no_receipt_refund(SalePayload.model_validate({**_GOOD, **change}))
    assert exc.value.code == "refund.no_receipt"


def test_the_shift_report_counts_it_as_a_cash_refund(ctx: Context) -> None:
    from pos_member.services.shifts import x_report

    before = x_report(ctx)
    no_receipt_refund(ctx, _req(((WATER, 3),), ctx))  # 3 x 2.00
    after = x_report(ctx)
    assert after.refunds_count == before.refunds_count + 1
    assert after.refunds_total_fen == before.refunds_total_fen - 600
    assert after.cash_expected_fen == before.cash_expected_fen - 600
