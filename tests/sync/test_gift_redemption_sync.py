"""积分兑换 synced: a gift taken for points + cash at a till and refunded there; head
office applies both once, checks them and holds the same points balance as the till.

Real head office (PostgreSQL, uvicorn on loopback), a real till running the services.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

from pos_member.domain.money import Money
from pos_member.domain.rules import GiftRate
from pos_member.domain.tenders import TenderKind, TenderRequest
from pos_member.services.checkout import CheckoutRequest, LineRequest, new_sale_id
from pos_member.services.refund import RefundRequest, new_refund_id
from tests.sync.conftest import CASHIER, SUPERVISOR, HeadOffice
from tests.sync.test_refund_after_sync import _points_free_member

pytestmark = pytest.mark.integration


def _publish_gift(hq: HeadOffice, sku: str) -> None:
    with hq.admin() as c:
        base = c.get("/api/v1/rules").json()["document"]
        gifts = [{"sku": sku, "rates": [{"points": 10, "cash": 0}, {"points": 5, "cash": 100}]}]
        r = c.post(
            "/api/v1/rules",
            json={"effective_from": "2026-11-01", "document": {**base, "gifts": gifts}},
        )
        assert r.status_code < 300, r.text


def test_a_gift_and_its_refund_leave_head_office_with_the_tills_points(
    hq: HeadOffice, make_till: Any, member_ids: Any
) -> None:
    till = make_till()
    mid = _points_free_member(hq, member_ids)
    sku, _ = till.product()
    _publish_gift(hq, sku)
    till.sync()
    assert till.services.rules().gift(sku) is not None
    till.sell(mid, 20)  # earns the points the gifts take
    till.sync()
    before = till.points(mid)
    assert before >= 10 and hq.balance(mid)[2] == before
    base = CheckoutRequest(
        sale_id=new_sale_id(), staff=CASHIER, member_id=mid,
        lines=(LineRequest(sku, quantity=2, gift=GiftRate(5, Money(100))),),
    )  # fmt: skip
    assert till.services.quote(base).amount_due == Money(200)
    sold = till.services.checkout(
        replace(base, tenders=(TenderRequest(TenderKind.CASH, Money(200)),))
    )
    assert (sold.points_redeemed, sold.points_earned) == (10, 0)
    assert till.points(mid) == before - 10
    till.sync()
    assert hq.balance(mid)[2] == before - 10
    back = till.services.refund(RefundRequest(new_refund_id(), sold.receipt_no, {1: 1}, SUPERVISOR))
    assert back.points_redeemed == -5 and back.total == Money(-100)
    assert till.points(mid) == before - 5
    till.sync()
    till.sync()  # a second push changes nothing: applied once
    assert hq.balance(mid)[2] == before - 5 == till.points(mid)
    assert hq.ledger_sum(mid) == hq.balance(mid)


def test_head_office_refuses_a_gift_without_points(hq: HeadOffice) -> None:
    with hq.admin() as c:
        base = c.get("/api/v1/rules").json()["document"]
        gifts = [{"sku": "X1", "rates": [{"points": 0, "cash": 100}]}]
        r = c.post(
            "/api/v1/rules",
            json={"effective_from": "2026-11-02", "document": {**base, "gifts": gifts}},
        )
    assert r.status_code == 422
    assert "兑换所需积分必须大于 0" in r.text
