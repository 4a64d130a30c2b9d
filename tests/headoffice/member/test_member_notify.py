"""Notifications: queued by the push that applies an event, in its transaction, exactly
once per event; sent by the worker's step with retries and backoff; balance messages
unless the member opted out; marketing only with consent; the push never waits."""

from __future__ import annotations

import time
import uuid
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import text

from pos_member.headoffice import notify
from pos_member.headoffice.app import create_app
from pos_member.headoffice.settings import HQSettings
from pos_member.headoffice.testing import ServerThread, sale_event
from tests.headoffice.member.conftest import MemberHQ


def _rows(mhq: MemberHQ, member_id: int) -> list[Any]:
    with mhq.engine.connect() as conn:
        return list(
            conn.execute(
                text("SELECT * FROM notification_outbox WHERE member_id = :i ORDER BY id"),
                {"i": member_id},
            ).all()
        )


def _member(mhq: MemberHQ, n: int) -> tuple[int, str]:
    return mhq.members_with_phone()[-1 - n]  # from the end: the sign-in tests use the start


def _send_all(mhq: MemberHQ, at: datetime | None = None) -> int:
    return notify.send_due(mhq.engine.begin, mhq.sink, at)


def test_a_stored_value_payment_is_queued_once_and_sent_once(mhq: MemberHQ) -> None:
    mid, phone = _member(mhq, 0)
    token = mhq.token("S001", "T01")
    ev = sale_event(str(uuid.uuid4()), "S001", "T01", mid, "2026-11-23", 1234, stored_value=True)
    mhq.push(token, [ev])
    mhq.push(token, [ev])  # a replay applies nothing and queues nothing
    rows = _rows(mhq, mid)
    assert len(rows) == 1
    assert rows[0].kind == "payment" and rows[0].state == "pending"
    assert rows[0].params["sv"] == "-12.34" and rows[0].params["points"] == "+12"
    before = len([x for x in mhq.sink.messages() if x["phone"] == phone])
    assert _send_all(mhq) >= 1
    assert _send_all(mhq) == 0  # nothing due twice
    mine = [x for x in mhq.sink.messages() if x["phone"] == phone]
    assert len(mine) == before + 1
    assert "储值支付12.34元" in str(mine[-1]["text"])
    assert _rows(mhq, mid)[0].state == "sent"


def test_provider_down_backs_off_and_retries_without_blocking_the_push(mhq: MemberHQ) -> None:
    mid, phone = _member(mhq, 1)
    token = mhq.token("S001", "T01")
    mhq.sink.down = True
    try:
        eid = str(uuid.uuid4())
        res = mhq.push(token, [{
            "id": eid, "kind": "recharge.completed", "store_id": "S001", "terminal_id": "T01",
            "created_at": "2026-11-23T09:00:00+00:00",
            "payload": {"member_id": mid, "amount_fen": 10000, "business_date": "2026-11-23",
                        "tenders": [{"kind": "cash", "amount_fen": 10000}]},
        }])  # fmt: skip
        assert res["results"][0]["status"] == "applied"  # the push did not wait for SMS
        now = datetime.now(UTC)
        assert _send_all(mhq, now) == 0
    finally:
        mhq.sink.down = False
    row = _rows(mhq, mid)[-1]
    assert (row.state, row.attempts) == ("pending", 1)
    assert row.next_at > (now + timedelta(seconds=notify.BACKOFF_S - 1)).isoformat()
    assert _send_all(mhq, now) == 0  # not due yet
    assert _send_all(mhq, now + timedelta(seconds=notify.BACKOFF_S + 1)) == 1
    row = _rows(mhq, mid)[-1]
    assert (row.state, row.attempts) == ("sent", 2)
    texts = [x["text"] for x in mhq.sink.messages() if x["phone"] == phone]
    assert sum("充值100.00元" in str(t) for t in texts) == 1


def test_a_member_who_opted_out_gets_no_balance_sms(mhq: MemberHQ) -> None:
    mid, _phone = _member(mhq, 2)
    with mhq.engine.begin() as conn:
        conn.execute(
            text("INSERT INTO member_prefs (member_id, marketing, balance_sms, updated_at) "
                 "VALUES (:i, false, false, 'x')"), {"i": mid},
        )  # fmt: skip
    token = mhq.token("S001", "T01")
    mhq.push(token, [sale_event(str(uuid.uuid4()), "S001", "T01", mid, "2026-11-23", 500,
                                stored_value=True)])  # fmt: skip
    assert _rows(mhq, mid) == []


def test_a_card_reported_lost_is_notified(mhq: MemberHQ) -> None:
    mid, _phone = _member(mhq, 3)
    with mhq.engine.connect() as conn:
        number = (
            conn.execute(
                text("SELECT number FROM cards WHERE member_id = :i AND state = 'active'"),
                {"i": mid},
            )
            .scalars()
            .first()
        )
    assert number is not None
    token = mhq.token("S001", "T01")
    mhq.push(token, [{"id": str(uuid.uuid4()), "kind": "card.reported_lost", "store_id": "S001",
                      "terminal_id": "T01", "created_at": "2026-11-23T11:00:00+00:00",
                      "payload": {"card_number": number, "member_id": mid}}])  # fmt: skip
    rows = _rows(mhq, mid)
    assert [r.kind for r in rows] == ["card_blocked"]
    assert rows[0].params == {"card": number[-4:]}


def test_marketing_only_with_consent(mhq: MemberHQ) -> None:
    mid, _phone = _member(mhq, 4)
    now = datetime.now(UTC).isoformat()
    with mhq.engine.begin() as conn:
        assert notify.queue_marketing(conn, "promo1", mid, "周二会员八折", now) is False
        conn.execute(
            text("INSERT INTO member_prefs (member_id, marketing, balance_sms, updated_at) "
                 "VALUES (:i, true, true, 'x')"), {"i": mid},
        )  # fmt: skip
        assert notify.queue_marketing(conn, "promo1", mid, "周二会员八折", now) is True
        assert notify.queue_marketing(conn, "promo1", mid, "周二会员八折", now) is True
    assert [r.kind for r in _rows(mhq, mid)] == ["marketing"]  # once per key


def test_after_many_failures_a_message_is_set_aside(mhq: MemberHQ) -> None:
    mid, _phone = _member(mhq, 5)
    now = datetime.now(UTC)
    with mhq.engine.begin() as conn:
        conn.execute(
            text("INSERT INTO member_prefs (member_id, marketing, balance_sms, updated_at) "
                 "VALUES (:i, true, true, 'x')"), {"i": mid},
        )  # fmt: skip
        notify.queue_marketing(conn, "promo2", mid, "x", now.isoformat())
    mhq.sink.down = True
    try:
        t = now
        for _ in range(notify.MAX_ATTEMPTS):
            _send_all(mhq, t)
            t += timedelta(seconds=notify.BACKOFF_MAX_S + 1)
    finally:
        mhq.sink.down = False
    row = _rows(mhq, mid)[-1]
    assert (row.state, row.attempts) == ("failed", notify.MAX_ATTEMPTS)
    assert _send_all(mhq, t) == 0


def test_the_app_runs_the_worker_while_it_serves(mhq: MemberHQ) -> None:
    """Last in this module: a second head-office process on the same database, with its
    worker on, sends what a push queued (the tests above drive ``send_due`` by hand)."""
    mid, phone = _member(mhq, 6)
    cfg = replace(mhq.cfg, notify_worker=True, notify_interval_s=0.2)
    settings = HQSettings(db_url="postgresql+psycopg://unused", admin_token="t")
    server = ServerThread(create_app(settings, mhq.engine, cfg)).start()
    try:
        token = mhq.token("S002", "T01")
        ev = sale_event(str(uuid.uuid4()), "S002", "T01", mid, "2026-11-24", 300,
                        stored_value=True)  # fmt: skip
        mhq.push(token, [ev])
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and _rows(mhq, mid)[-1].state != "sent":
            time.sleep(0.1)
    finally:
        server.stop()
    assert _rows(mhq, mid)[-1].state == "sent"
    assert any(
        "储值支付3.00元" in str(x["text"]) for x in mhq.sink.messages() if x["phone"] == phone
    )
