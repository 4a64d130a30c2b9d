"""Head office's check of a till's 积分兑换 tender (``validate.check_sale``): points only,
worth no cash, no more than the gifts sold ask; other points tenders still at their value."""

from __future__ import annotations

from dataclasses import replace

import pytest

from pos_member.domain.money import Money
from pos_member.domain.rules import Gift, GiftRate, demo_rules
from pos_member.headoffice.validate import EventRefused, check_sale
from pos_member.wire.schemas import EventKind, SalePayload

RULES = replace(demo_rules(), gifts=(Gift("MUG", (GiftRate(500), GiftRate(200, Money(500)))),))


def _sale(
    points: int, cash: int, gift_fen: int = 0, units: int = 1, sku: str = "MUG"
) -> SalePayload:
    return SalePayload.model_validate(
        {
            "sale_id": "S1", "receipt_no": "T01-00000001", "business_date": "2026-11-23",
            "member_id": 1, "total_fen": cash + gift_fen, "points_redeemed": points,
            "tenders": [
                {"kind": "points", "method": "gift", "amount_fen": gift_fen, "points": points},
                *([{"kind": "cash", "amount_fen": cash}] if cash else []),
            ],
            "lines": [{"line_no": 1, "product_code": sku, "units": units, "net_fen": cash,
                       "points_paid": points}],
        }
    )  # fmt: skip


def test_a_gift_within_its_rates_is_accepted() -> None:
    check_sale(EventKind.SALE, _sale(500, 0), RULES)
    check_sale(EventKind.SALE, _sale(400, 1000, units=2), RULES)


@pytest.mark.parametrize(
    ("payload", "code"),
    [
        (_sale(501, 0), "gift.points"),  # more than the dearest rate asks
        (_sale(500, 0, sku="RICE"), "gift.points"),  # not a gift at all
        (_sale(500, 0, gift_fen=100), "gift.tender"),  # a gift tender paying cash
    ],
)
def test_a_gift_tender_that_does_not_hold_is_refused(payload: SalePayload, code: str) -> None:
    with pytest.raises(EventRefused) as e:
        check_sale(EventKind.SALE, payload, RULES)
    assert e.value.code == code
