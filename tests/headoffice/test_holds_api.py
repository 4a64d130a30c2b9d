"""The holds API as a till meets it over HTTP (real PostgreSQL, uvicorn on loopback):
a hold reduces what can be held next, only its own terminal captures or releases it,
and a pushed sale captures it once."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from sqlalchemy import text

from tests.headoffice.conftest import HQ, sale_event

pytestmark = pytest.mark.integration


def _hold(c: Any, member_id: int, fen: int, sale_id: str | None = None) -> Any:
    body = {"member_id": member_id, "sale_id": sale_id or str(uuid.uuid4()),
            "stored_value_fen": fen}  # fmt: skip
    r = c.post("/api/v1/holds", json=body)
    assert r.status_code == 200, r.text
    return r.json()


def _member_with_balance(hq: HQ, fen: int) -> tuple[int, int]:
    with hq.engine.connect() as conn:
        mid, bal = conn.execute(
            text(
                "SELECT id, sv_principal_fen + sv_bonus_fen FROM members WHERE id > 1 AND "
                "sv_principal_fen + sv_bonus_fen >= :f AND id NOT IN (SELECT member_id FROM holds)"
                " ORDER BY id LIMIT 1"
            ),
            {"f": fen},
        ).one()
    return int(mid), int(bal)


def _state(hq: HQ, hold_id: str) -> tuple[str, str | None]:
    with hq.engine.connect() as conn:
        row = conn.execute(
            text("SELECT state, settled_by FROM holds WHERE id = :h"), {"h": hold_id}
        ).one()
    return str(row[0]), row[1]


def _flags(hq: HQ, event_id: str) -> list[str]:
    with hq.engine.connect() as conn:
        return [
            str(k)
            for (k,) in conn.execute(
                text("SELECT kind FROM review_items WHERE event_id = :e"), {"e": event_id}
            )
        ]


def test_a_hold_reduces_what_can_be_held_next_and_only_its_till_releases_it(hq):
    mid, balance = _member_with_balance(hq, 5_000)
    with hq.client(hq.token("S001", "TH1")) as a, hq.client(hq.token("S001", "TH2")) as b:
        first = _hold(a, mid, balance - 1_000)
        assert first["granted"] is True and first["available_fen"] == 1_000
        too_much = _hold(b, mid, 1_001)
        assert too_much == {**too_much, "granted": False, "available_fen": 1_000}
        assert too_much["hold_id"] is None
        assert _hold(b, mid, 1_000)["granted"] is True
        # Another terminal cannot release it; its own can, once.
        other = b.post(f"/api/v1/holds/{first['hold_id']}/release")
        assert (other.status_code, other.json()["code"]) == (404, "hold.unknown")
        mine = a.post(f"/api/v1/holds/{first['hold_id']}/release")
        assert mine.json() == {"hold_id": first["hold_id"], "state": "released"}
        assert _state(hq, first["hold_id"]) == ("released", "void")
        assert _hold(b, mid, balance - 1_000)["granted"] is True
        # Strictly a member of head office's: an unknown member is 404.
        r = a.post("/api/v1/holds", json={"member_id": 987654321, "sale_id": str(uuid.uuid4())})
        assert (r.status_code, r.json()["code"]) == (404, "member.unknown")


def test_the_pushed_sale_captures_its_hold_once_and_a_foreign_or_reused_hold_is_flagged(hq):
    mid, _ = _member_with_balance(hq, 5_000)
    with hq.client(hq.token("S001", "TH3")) as a, hq.client(hq.token("S001", "TH4")) as b:
        sale_id = str(uuid.uuid4())
        hold = _hold(a, mid, 1_000, sale_id)["hold_id"]
        # TH4 pushes a sale naming TH3's hold: applied (it happened), flagged, not captured.
        foreign = sale_event(
            str(uuid.uuid4()), terminal_id="TH4",
            payload={"member_id": mid, "hold_id": hold, "receipt_no": "TH4-000001"},
        )  # fmt: skip
        assert b.post("/api/v1/sync/push", json={"events": [foreign]}).status_code == 200
        assert _flags(hq, foreign["id"]) == ["hold_unknown"]
        assert _state(hq, hold) == ("held", None)
        own = sale_event(
            sale_id, terminal_id="TH3",
            payload={"member_id": mid, "hold_id": hold, "receipt_no": "TH3-000001"},
        )  # fmt: skip
        for _ in range(2):  # the second push is a replay
            r = a.post("/api/v1/sync/push", json={"events": [own]})
            assert r.status_code == 200
        assert r.json()["results"][0]["replayed"] is True
        assert _state(hq, hold) == ("captured", sale_id)
        assert _flags(hq, sale_id) == []
        # A hold asked for again by the same sale replaces the earlier one; the sale,
        # taken offline when head office's answer came too late, releases it.
        sale2 = str(uuid.uuid4())
        old = _hold(a, mid, 500, sale2)["hold_id"]
        new = _hold(a, mid, 700, sale2)["hold_id"]
        assert _state(hq, old) == ("released", "replaced")
        unnamed = sale_event(
            sale2, terminal_id="TH3",
            payload={"member_id": mid, "receipt_no": "TH3-000002", "offline": True},
        )  # fmt: skip
        assert a.post("/api/v1/sync/push", json={"events": [unnamed]}).status_code == 200
        assert _state(hq, new) == ("released", "sale")


def test_a_hold_that_waited_for_the_member_lock_sees_the_hold_committed_meanwhile(hq):
    """Two tills asking at once for one whole balance: the second waits for the first's
    row lock, and must then see its hold (under READ COMMITTED a statement that locks
    and sums at once reads the holds as of its own start, and both were granted)."""
    import threading
    from datetime import UTC, datetime

    from pos_member.headoffice.holds import place
    from pos_member.wire.holds import HoldRequest

    mid, balance = _member_with_balance(hq, 5_000)
    now = datetime.now(UTC)

    def ask() -> HoldRequest:
        return HoldRequest(member_id=mid, sale_id=str(uuid.uuid4()), stored_value_fen=balance)

    second: dict[str, Any] = {}
    with hq.engine.connect() as first_conn:
        first_tx = first_conn.begin()
        granted = place(first_conn, "S001-TH1", "S001", ask(), now, 120)
        assert granted.granted

        def other_till() -> None:
            with hq.engine.begin() as conn:
                second["answer"] = place(conn, "S002-TH2", "S002", ask(), now, 120)

        waiting = threading.Thread(target=other_till)
        waiting.start()
        waiting.join(0.5)
        assert waiting.is_alive()  # blocked on the member's row lock
        first_tx.commit()
        waiting.join(10)
    assert second["answer"].granted is False
    assert second["answer"].available_fen == 0
