"""Events beyond the ledgers: tier changes, profile edits, coupons, cards, recorded-only kinds."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from sqlalchemy import text

from pos_member.domain.ids import job_event_id

pytestmark = pytest.mark.integration


def event(kind: str, payload: dict[str, Any], terminal: str) -> dict[str, Any]:
    return {
        "id": str(uuid.uuid4()),
        "kind": kind,
        "store_id": "S001",
        "terminal_id": terminal,
        "created_at": "2026-11-23T10:00:00+00:00",
        "payload": payload,
    }


def one(hq: Any, sql: str, **params: Any) -> Any:
    with hq.engine.connect() as conn:
        return conn.execute(text(sql), params).one()


def test_counter_edits_reach_head_office_and_its_change_feed(hq):
    token = hq.token("S001", "TK1")
    events = [
        # as pos_member.services writes them, context fields included
        event("member.tier_changed", {"member_id": 20, "from": "normal", "to": "gold",
                                      "sale_id": "x"}, "TK1"),
        event("member.updated", {"member_id": 20, "name": "李雷", "gender": "m"}, "TK1"),
        event("coupon.issued", {"code": "WELCOME-20", "member_id": 20, "name": "入会有礼",
                                "kind": "amount_off", "value_fen": 1000, "rate": "1",
                                "min_spend_fen": 5000, "valid_from": "2026-11-23",
                                "valid_until": "2027-02-21", "stackable": False}, "TK1"),
        event("shift.closed", {"store_id": "S001", "cash_fen": 123}, "TK1"),
    ]  # fmt: skip
    with hq.client(token) as c:
        r = c.post("/api/v1/sync/push", json={"events": events})
        assert r.status_code == 200, r.text
        assert all(res["flags"] == [] for res in r.json()["results"])
        assert one(hq, "SELECT tier_code, name FROM members WHERE id = 20") == ("gold", "李雷")
        assert one(hq, "SELECT member_id, value_fen FROM coupons WHERE code = 'WELCOME-20'") == (
            20,
            1000,
        )
        assert one(hq, "SELECT count(*) FROM applied_events WHERE kind = 'shift.closed'")[0] >= 1
        page = c.get("/api/v1/sync/pull", params={"cursor": "0", "limit": 5000}).json()
    member = next(ch for ch in page["changes"] if ch["entity"] == "member" and ch["key"] == "20")
    assert member["data"]["tier_code"] == "gold"
    assert any(ch["entity"] == "coupon" and ch["key"] == "WELCOME-20" for ch in page["changes"])


def test_cards_lost_and_replaced_at_a_counter_and_conflicts_flagged_not_refused(hq):
    token = hq.token("S001", "TK2")
    number = one(hq, "SELECT number FROM cards WHERE member_id = 21")[0]
    new_number = "8800009999999995"
    events = [
        event("card.reported_lost", {"card_number": number}, "TK2"),
        event("card.reported_lost", {"card_number": number}, "TK2"),  # the other store, too
        event("card.replaced", {"card_number": number, "new_card_number": new_number}, "TK2"),
        event("member.updated", {"member_id": 21, "phone": one(
            hq, "SELECT phone FROM members WHERE id = 22")[0]}, "TK2"),
    ]  # fmt: skip
    with hq.client(token) as c:
        r = c.post("/api/v1/sync/push", json={"events": events})
    assert r.status_code == 200, r.text
    flags = [res["flags"] for res in r.json()["results"]]
    assert flags == [[], ["card_state_conflict"], [], ["phone_conflict"]]
    assert one(hq, "SELECT state, replaced_by_number FROM cards WHERE number = :n", n=number) == (
        "replaced",
        new_number,
    )
    assert one(hq, "SELECT member_id, state FROM cards WHERE number = :n", n=new_number) == (
        21,
        "active",
    )
    kinds = {
        row[0]
        for row in hq.engine.connect().execute(
            text("SELECT kind FROM review_items WHERE store_id = 'S001'")
        )
    }
    assert {"card_state_conflict", "phone_conflict"} <= kinds


def test_adjustments_expiry_and_pin_move_head_office_like_the_counter(hq):
    token = hq.token("S001", "TK3")
    # Two sales of early 2025 earned the points that expire after the end of 2026.
    lots = [str(uuid.uuid4()), str(uuid.uuid4())]
    old_sales = [
        event("sale.completed", {"sale_id": sid, "receipt_no": f"TK3-{n}", "member_id": 23,
                                 "business_date": "2025-03-01", "total_fen": 10_000,
                                 "tenders": [{"kind": "cash", "amount_fen": 10_000}],
                                 "points_earned": pts}, "TK3")
        for n, (sid, pts) in enumerate(zip(lots, (20, 10), strict=True))
    ]  # fmt: skip
    for ev, sid in zip(old_sales, lots, strict=True):
        ev["id"] = sid
    with hq.client(token) as c:
        assert c.post("/api/v1/sync/push", json={"events": old_sales}).status_code == 200
    before = one(hq, "SELECT sv_principal_fen, sv_bonus_fen, points FROM members WHERE id = 23")
    expiry = event(
        "points.expired",
        {"member_id": 23, "business_date": "2027-01-01", "points": 30,
         "lots": [{"lot_id": lots[0], "delta": -20}, {"lot_id": lots[1], "delta": -10}]},
        "TK3",
    )  # fmt: skip
    expiry["id"] = job_event_id("expire", "2027-01-01", 23)
    events = [
        event("points.adjusted", {"member_id": 23, "delta": 500, "reason": "goodwill",
                                  "business_date": "2026-11-23", "approved_by": "2001"}, "TK3"),
        event("stored_value.adjusted", {"member_id": 23, "principal_fen": 1200, "bonus_fen": -200,
                                        "reason": "fix", "business_date": "2026-11-23",
                                        "approved_by": "2001"}, "TK3"),
        expiry,
        event("member.pay_pin_set", {"member_id": 23, "pay_pin_hash": "$argon2id$v=19$x"}, "TK3"),
    ]  # fmt: skip
    with hq.client(token) as c:
        assert c.post("/api/v1/sync/push", json={"events": events}).status_code == 200
    after = one(hq, "SELECT sv_principal_fen, sv_bonus_fen, points FROM members WHERE id = 23")
    assert after == (before[0] + 1200, before[1] - 200, before[2] + 500 - 30)
    assert one(hq, "SELECT pay_pin_hash FROM members WHERE id = 23")[0] == "$argon2id$v=19$x"
    # The expiry job ran at another till too, with the same stable event id: counted once.
    other = hq.token("S002", "TK4")
    twin = {**expiry, "store_id": "S002", "terminal_id": "TK4"}
    with hq.client(other) as c:
        r = c.post("/api/v1/sync/push", json={"events": [twin]})
    assert r.status_code == 200 and r.json()["results"][0]["replayed"] is True
    assert one(hq, "SELECT points FROM members WHERE id = 23")[0] == after[2]
    with hq.engine.connect() as conn:
        sums = conn.execute(
            text(
                "SELECT (SELECT sum(principal_delta_fen) FROM sv_entries WHERE member_id = 23), "
                "(SELECT sum(bonus_delta_fen) FROM sv_entries WHERE member_id = 23), "
                "(SELECT sum(delta) FROM points_entries WHERE member_id = 23)"
            )
        ).one()
    assert tuple(int(x or 0) for x in sums) == after
