"""A refund without a receipt (无单退货) pushed to the real head office: accepted as a
refund of no sale, booked as cash back, and not set aside for review."""

from __future__ import annotations

from typing import Any

import pytest

from pos_member.services import auth
from pos_member.services.no_receipt_refund import NoReceiptRefundRequest, no_receipt_refund
from pos_member.services.refund import new_refund_id
from tests.sync.conftest import CASHIER

pytestmark = pytest.mark.integration


def test_a_refund_without_a_receipt_is_accepted_by_head_office(hq: Any, make_till: Any) -> None:
    till = make_till()
    code, price = till.product()
    ctx = till.services.ctx
    approval = auth.approve(ctx, "2001", "8888", "no_receipt_refund")
    rid = new_refund_id()
    done = no_receipt_refund(
        ctx, NoReceiptRefundRequest(rid, ((code, 2),), "顾客未带小票", CASHIER, approval)
    )
    assert done.total.fen == -2 * price
    report = till.sync()
    assert report.refused == 0
    assert (
        till.rows("SELECT count(*) FROM outbox WHERE id = :e AND sent_at IS NULL", e=rid)[0][0] == 0
    )
    assert hq.scalar("SELECT count(*) FROM applied_events WHERE event_id = :e", e=rid) == 1
    assert (
        hq.scalar(
            "SELECT kind || ':' || total_fen || ':' || coalesce(original_sale_id, '-')"
            " FROM sales WHERE id = :s",
            s=rid,
        )
        == f"refund:{-2 * price}:-"
    )
    assert (
        hq.scalar(
            "SELECT units FROM sale_lines WHERE sale_id = :s AND product_code = :c", s=rid, c=code
        )
        == 2
    )
    assert hq.scalar("SELECT count(*) FROM review_items WHERE event_id = :e", e=rid) == 0
