"""A refund's stored value sent to another named card in the member's name (the member's
own card's cap passed, the prepaid-card law) on real PostgreSQL: head office moves the
stored value to that card's member and the points stay with the buyer, once; it checks
the cap on that card and flags an overflow (``over_cap``) for review, applied, never lost
(issue 17)."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from sqlalchemy import text

from tests.headoffice.test_prepaid import (
    balance,
    bonus_for,
    empty_members,
    event,
    publish_law,
    push,
    recharge,
    reviews,
    token,
)

__all__ = ["empty_members", "token"]  # the fixtures, shared with test_prepaid's helpers

pytestmark = pytest.mark.integration


def sale(member: int, day: str) -> dict[str, Any]:
    sid = str(uuid.uuid4())
    payload = {
        "sale_id": sid, "receipt_no": f"R{uuid.uuid4().hex[:12]}", "business_date": day,
        "member_id": member, "total_fen": 190,
        "tenders": [{"kind": "stored_value", "amount_fen": 190}],
        "sv_principal_fen": -179, "sv_bonus_fen": -11, "points_earned": 1,
    }  # fmt: skip
    return event("sale.completed", payload, f"{day}T04:00:00+00:00", sid)


def refund(sale_ev: dict[str, Any], day: str, to_member: int) -> dict[str, Any]:
    s = sale_ev["payload"]
    rid = str(uuid.uuid4())
    payload = {
        "sale_id": rid, "original_sale_id": s["sale_id"],
        "receipt_no": f"R{uuid.uuid4().hex[:12]}", "business_date": day,
        "member_id": s["member_id"], "sv_member_id": to_member, "total_fen": -190,
        "tenders": [{"kind": "stored_value", "amount_fen": -190}],
        "sv_principal_fen": 179, "sv_bonus_fen": 11, "points_earned": -1,
    }  # fmt: skip
    return event("refund.completed", payload, f"{day}T05:00:00+00:00", rid)


def points(hq: Any, member: int) -> int:
    from tests.headoffice.test_prepaid import one

    return int(one(hq, "SELECT points FROM members WHERE id = :m", m=member)[0])


def test_the_same_name_card_takes_the_refund_and_is_judged_by_its_cap(
    hq: Any, token: str, empty_members: list[int]
) -> None:
    other, buyer, at_cap, above = empty_members[-4:]
    with hq.engine.begin() as conn:  # 张 has three named cards, each a member row
        conn.execute(
            text("UPDATE members SET name = (SELECT name FROM members WHERE id = :b) "
                 "WHERE id IN (:c, :d)"), {"b": buyer, "c": at_cap, "d": above},
        )  # fmt: skip
        conn.execute(text("UPDATE members SET name = '另一人' WHERE id = :o"), {"o": other})
    amount = 200_000
    card_total = amount + bonus_for(hq, amount)
    # The refund leaves at_cap's card at the cap exactly, and above's a fen past it.
    publish_law(hq, "2027-05-01", "2027-05-10", named={"cap": card_total + 190})
    publish_law(hq, "2027-05-11", "2027-05-20", named={"cap": card_total + 189})
    loads = [
        recharge(hq, m, amount, day)
        for m, day in ((buyer, "2027-05-02"), (at_cap, "2027-05-02"), (above, "2027-05-12"))
    ]
    push(hq, token, *loads)
    first, second = sale(buyer, "2027-05-03"), sale(buyer, "2027-05-13")
    push(hq, token, first, second)
    buyer_sv, buyer_pts = balance(hq, buyer), points(hq, buyer)

    ev = refund(first, "2027-05-04", at_cap)
    [res] = push(hq, token, ev)
    assert res["flags"] == [] and reviews(hq, ev["id"]) == []
    assert sum(balance(hq, at_cap)) == card_total + 190
    assert balance(hq, buyer) == buyer_sv  # the buyer's full card is untouched
    assert points(hq, buyer) == buyer_pts - 1  # the points stay the buyer's

    ev = refund(second, "2027-05-14", above)
    [res] = push(hq, token, ev)
    assert res["flags"] == ["over_cap"] and reviews(hq, ev["id"]) == ["over_cap"]
    assert sum(balance(hq, above)) == card_total + 190  # applied, never lost
    [again] = push(hq, token, ev)  # once: a replay writes nothing more
    assert again["replayed"] is True
    assert sum(balance(hq, above)) == card_total + 190
    assert reviews(hq, ev["id"]) == ["over_cap"]

    # A till that sends it to a member of another name: applied as it happened, flagged.
    third = sale(buyer, "2027-05-15")
    push(hq, token, third)
    ev = refund(third, "2027-05-16", other)
    [res] = push(hq, token, ev)
    assert res["flags"] == ["refund_other_name"]
    assert reviews(hq, ev["id"]) == ["refund_other_name"]
    assert sum(balance(hq, other)) == 190
