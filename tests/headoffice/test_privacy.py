"""Members' personal information at head office (PIPL), on real PostgreSQL through the
managers' API on uvicorn: consent records per purpose, a withdrawal that stops a
campaign, the data package covering every table that names a member (derived from the
live schema), closing a membership (erased, or restricted while a law keeps prepaid
records, then erased by the retention job), the change feed's closed state, and the
access audit."""

from __future__ import annotations

import json
import subprocess
import uuid
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import inspect, text

from pos_member.headoffice import notify, privacy
from pos_member.headoffice.app import create_app
from pos_member.headoffice.changes import format_cursor, read_page, read_page_json
from pos_member.headoffice.db import open_database
from pos_member.headoffice.member_web import MemberWebConfig
from pos_member.headoffice.seed import seed_demo
from pos_member.headoffice.settings import HQSettings
from pos_member.headoffice.sms import FileSink
from pos_member.headoffice.testing import ServerThread, scratch_database
from pos_member.wire.schemas import Entity, PullPage
from tests.headoffice.conftest import ADMIN, HQ

pytestmark = pytest.mark.integration

TERMINAL = "TPV"
SEALED = "s1:" + "A" * 40


def api(hq: Any) -> Any:
    return hq.client(ADMIN)


def event(kind: str, payload: dict[str, Any], at: str) -> dict[str, Any]:
    return {
        "id": str(uuid.uuid4()),
        "kind": kind,
        "store_id": "S001",
        "terminal_id": TERMINAL,
        "created_at": at,
        "payload": payload,
    }


def push(hq: Any, token: str, *events: dict[str, Any]) -> list[dict[str, Any]]:
    with hq.client(token) as c:
        r = c.post("/api/v1/sync/push", json={"events": list(events)})
    assert r.status_code == 200, r.text
    out: list[dict[str, Any]] = r.json()["results"]
    return out


def one(hq: Any, sql: str, **params: Any) -> Any:
    with hq.engine.connect() as conn:
        return conn.execute(text(sql), params).one()


_ids: list[int] = []


@pytest.fixture(scope="module")
def hq(pg_base: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[HQ]:
    """Head office as conftest's, with no notification worker of its own: the tests send
    the messages themselves, to a sink they read."""
    with scratch_database(pg_base, "posm_pipl") as db_url:
        engine = open_database(db_url, pool_size=4)
        seed_demo(engine, members=20, products=5)
        settings = HQSettings(db_url=db_url, admin_token=ADMIN, auth_max_failures=10**6)
        web = MemberWebConfig(
            sms=FileSink(tmp_path_factory.mktemp("sms") / "server.jsonl"), notify_worker=False
        )
        server = ServerThread(create_app(settings, engine, web)).start()
        try:
            yield HQ(server.url, db_url, engine)
        finally:
            server.stop()
            engine.dispose()


@pytest.fixture(scope="module")
def token(hq: Any) -> str:
    t: str = hq.token("S001", TERMINAL)
    base = one(hq, "SELECT member_id_base FROM terminals WHERE key = :k", k=f"S001-{TERMINAL}")[0]
    _ids[:] = list(range(int(base) + 500, int(base) + 1000))
    return t


def register(hq: Any, token: str, *, birthday: str = "1990-05-06", name: str = "李小红") -> int:
    """A member registered at a till with its consent, a phone and a card."""
    mid = _ids.pop(0)
    phone = f"139{mid % 10**8:08d}"
    push(
        hq,
        token,
        event(
            "member.registered",
            {
                "member_id": mid,
                "name": name,
                "phone": phone,
                "birthday": birthday,
                "tier_code": "normal",
                "joined_on": "2026-11-20",
                "card_number": f"PV{mid}",
                "gender": "female",
                "consent_at": "2026-11-20T02:00:00+00:00",
                "consent_version": "2026-01",
                "pay_pin_hash": "$argon2id$v=19$x",
            },
            "2026-11-20T02:00:00+00:00",
        ),
    )
    return mid


def consent(hq: Any, mid: int, purpose: str, granted: bool, **over: Any) -> Any:
    with api(hq) as c:
        return c.post(
            f"/api/v1/members/{mid}/consents",
            json={
                "purpose": purpose,
                "granted": granted,
                "version": "2026-01",
                "taken_by": "hq-desk-wang",
                **over,
            },
        )


def test_the_tills_registration_consent_is_the_membership_record(hq, token):
    mid = register(hq, token)
    with api(hq) as c:
        r = c.get(f"/api/v1/members/{mid}/consents")
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["consents"]["membership"] is True
    assert body["consents"]["marketing"] is None  # never asked: not a yes
    [row] = body["history"]
    assert (row["purpose"], row["channel"], row["taken_by"], row["version"], row["at"]) == (
        "membership",
        "till",
        f"S001-{TERMINAL}",
        "2026-01",
        "2026-11-20T02:00:00+00:00",
    )


def test_a_withdrawal_stops_a_campaign_already_queued(hq, token, tmp_path: Path):
    a, b, silent = register(hq, token), register(hq, token), register(hq, token)
    for mid in (a, b):
        assert consent(hq, mid, "marketing", True).status_code == 200
    key = f"dec-{uuid.uuid4().hex[:8]}"
    with api(hq) as c:
        r = c.post("/api/v1/campaigns", json={"key": key, "text": "周二会员八折"})
    assert r.status_code == 200, r.text
    assert r.json()["queued"] >= 2
    queued = {int(x[0]) for x in _campaign(hq, key)}
    assert {a, b} <= queued and silent not in queued
    # a withdraws after the campaign was queued, before the worker sends it
    r = consent(hq, a, "marketing", False, channel="till", taken_by="S001-T01 店长")
    assert r.status_code == 200 and r.json()["consents"]["marketing"] is False
    sink = FileSink(tmp_path / "sms.jsonl")
    while notify.send_due(hq.engine.begin, sink, limit=200):
        pass
    phones = {m["phone"] for m in sink.messages() if m["template"] == "marketing"}
    phone_of = {
        mid: one(hq, "SELECT phone FROM members WHERE id = :m", m=mid)[0] for mid in (a, b, silent)
    }
    assert phone_of[b] in phones
    assert phone_of[a] not in phones and phone_of[silent] not in phones
    state = dict(_campaign(hq, key))
    assert state[a] == "cancelled" and state[b] == "sent"
    # and a later campaign does not even queue a
    with api(hq) as c:
        c.post("/api/v1/campaigns", json={"key": key + "b", "text": "双十二"})
    assert a not in {int(x[0]) for x in _campaign(hq, key + "b")}


def test_a_withdrawal_at_a_till_reaches_the_consent_log_and_stops_the_campaign(hq, token):
    """The manager window's Ctrl+Shift+M sends ``consent_changed``: head office logs it
    (channel till, the terminal as who took it) and cancels the member's queued messages."""
    mid = register(hq, token)
    assert consent(hq, mid, "marketing", True).status_code == 200
    key = f"till-{uuid.uuid4().hex[:8]}"
    with api(hq) as c:
        assert c.post("/api/v1/campaigns", json={"key": key, "text": "会员日"}).status_code == 200
    assert dict(_campaign(hq, key))[mid] == "pending"
    now = datetime.now(UTC).isoformat()
    results = push(
        hq,
        token,
        event(
            "consent_changed",
            {
                "member_id": mid,
                "purpose": "marketing",
                "granted": False,
                "channel": "till",
                "text_version": "2026-01",
                "at": now,
            },
            now,
        ),
    )
    assert results[0]["status"] == "applied", results
    assert dict(_campaign(hq, key))[mid] == "cancelled"
    with hq.engine.connect() as conn:
        last = privacy.consent_history(conn, mid)[-1]
    assert last["purpose"] == "marketing" and not last["granted"]
    assert last["channel"] == "till" and last["taken_by"] == f"S001/{TERMINAL}"


def test_a_withdrawal_between_queue_and_send_is_caught_at_send_time(hq, token, tmp_path: Path):
    """Even a row queued by other code: the worker asks for consent before sending."""
    mid = register(hq, token)
    consent(hq, mid, "marketing", True)
    now = datetime.now(UTC).isoformat()
    with hq.engine.begin() as conn:
        assert notify.queue_marketing(conn, f"k{mid}", mid, "x", now)
        # withdrawn behind the API's back (prefs only): the send-time check still holds
        conn.execute(
            text("UPDATE member_prefs SET marketing = false WHERE member_id = :m"), {"m": mid}
        )
    sink = FileSink(tmp_path / "sms.jsonl")
    while notify.send_due(hq.engine.begin, sink, limit=200):
        pass
    phone = one(hq, "SELECT phone FROM members WHERE id = :m", m=mid)[0]
    assert not [m for m in sink.messages() if m["phone"] == phone]
    assert (
        one(
            hq, "SELECT state FROM notification_outbox WHERE dedupe_key = :k", k=f"mkt:k{mid}:{mid}"
        )[0]
        == "cancelled"
    )


def _campaign(hq: Any, key: str) -> list[tuple[int, str]]:
    with hq.engine.connect() as conn:
        rows = conn.execute(
            text("SELECT member_id, state FROM notification_outbox WHERE dedupe_key LIKE :k"),
            {"k": f"mkt:{key}:%"},
        ).all()
    return [(int(r[0]), str(r[1])) for r in rows]


def test_a_child_needs_a_guardians_consent_before_marketing(hq, token):
    kid = register(hq, token, birthday=(date.today() - timedelta(days=365 * 9)).isoformat())
    r = consent(hq, kid, "marketing", True)
    assert r.status_code == 422 and r.json()["code"] == "privacy.guardian_needed"
    with api(hq) as c:
        assert c.get(f"/api/v1/members/{kid}/consents").json()["needs_guardian"] is True
    assert consent(hq, kid, "guardian", True, relation="mother").status_code == 200
    assert consent(hq, kid, "marketing", True).status_code == 200
    with hq.engine.connect() as conn:
        assert privacy.marketing_allowed(conn, kid, date.today())
    consent(hq, kid, "guardian", False)
    with hq.engine.connect() as conn:
        assert not privacy.marketing_allowed(conn, kid, date.today())
        detail = conn.execute(
            text(
                "SELECT detail FROM member_consent_log WHERE member_id = :m "
                "AND purpose = 'guardian' "
                "ORDER BY id LIMIT 1"
            ),
            {"m": kid},
        ).scalar_one()
    assert detail == {"relation": "mother"}


def test_the_consent_log_is_append_only(hq, token):
    mid = register(hq, token)
    with pytest.raises(Exception, match="append-only"), hq.engine.begin() as conn:
        conn.execute(
            text("UPDATE member_consent_log SET granted = false WHERE member_id = :m"), {"m": mid}
        )
    with pytest.raises(Exception, match="append-only"), hq.engine.begin() as conn:
        conn.execute(text("DELETE FROM admin_log"))


def tables_naming_a_member(hq: Any) -> set[str]:
    """From the live database: every table with a foreign key to members or a
    ``member_id`` column."""
    insp = inspect(hq.engine)
    out = set()
    for table in insp.get_table_names():
        cols = {c["name"] for c in insp.get_columns(table)}
        fks = insp.get_foreign_keys(table)
        if table != "members" and (
            "member_id" in cols or any(fk["referred_table"] == "members" for fk in fks)
        ):
            out.add(table)
    return out


def _with_history(hq: Any, token: str) -> int:
    """A member with a sale, a recharge and spending, marketing consent and a phone key."""
    mid = register(hq, token, name="王五")
    sale = event(
        "sale.completed",
        {
            "sale_id": str(uuid.uuid4()),
            "receipt_no": f"RP{mid}",
            "business_date": "2026-11-21",
            "member_id": mid,
            "total_fen": 2500,
            "tenders": [{"kind": "cash", "amount_fen": 2500}],
            "points_earned": 25,
        },
        "2026-11-21T03:00:00+00:00",
    )
    push(hq, token, sale)
    consent(hq, mid, "marketing", True)
    return mid


def test_the_data_package_covers_every_table_that_names_a_member(hq, token, tmp_path: Path):
    mid = _with_history(hq, token)
    with api(hq) as c:
        r = c.get(f"/api/v1/members/{mid}/export", params={"format": "json", "by": "desk-li"})
        pdf = c.get(f"/api/v1/members/{mid}/export", params={"format": "pdf"})
    assert r.status_code == 200, r.text
    pkg = r.json()
    wanted = tables_naming_a_member(hq)
    assert len(wanted) >= 15  # cards, sales, ledgers, consents, sessions, keys...
    missing = wanted - set(pkg["tables"])
    assert not missing, f"the data package forgets {sorted(missing)}"
    assert pkg["member"]["name"] == "王五" and "pay_pin_hash" not in pkg["member"]
    assert [s["total_fen"] for s in pkg["tables"]["sales"]] == [2500]
    assert [e["kind"] for e in pkg["events"]][:2] == ["member.registered", "sale.completed"]
    assert {x["purpose"] for x in pkg["tables"]["member_consent_log"]} >= {
        "membership",
        "marketing",
    }
    assert pkg["consents"]["marketing"] is True
    # the request and its completion are audited
    actions = [a["action"] for a in pkg["access"]]
    assert "privacy.export.requested" in actions
    with hq.engine.connect() as conn:
        done = conn.execute(
            text(
                "SELECT action, detail FROM admin_log WHERE subject = :s AND action LIKE "
                "'privacy.export.%' ORDER BY id"
            ),
            {"s": str(mid)},
        ).all()
    assert [d[0] for d in done][:2] == ["privacy.export.requested", "privacy.export.completed"]
    assert done[0][1]["by"] == "desk-li"
    # the PDF reads: the name, the headings, the sale's receipt
    assert pdf.status_code == 200 and pdf.headers["content-type"] == "application/pdf"
    path = tmp_path / "pkg.pdf"
    path.write_bytes(pdf.content)
    words = subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    for needle in ("王五", "会员资料", "同意记录", "消费与退货", f"RP{mid}", "查阅记录"):
        assert needle in words, needle


def test_stored_value_left_is_refused_with_refund_first(hq, token):
    mid = register(hq, token)
    push(hq, token, _recharge(mid, 5000, "2026-11-22"))
    with api(hq) as c:
        r = c.post(f"/api/v1/members/{mid}/close", json={"taken_by": "desk"})
    assert r.status_code == 409
    assert r.json()["code"] == "privacy.refund_first" and "请先退卡" in r.json()["detail"]
    assert one(hq, "SELECT status, name FROM members WHERE id = :m", m=mid) == ("active", "李小红")


def test_a_member_in_overdraft_cannot_be_closed(hq, token):
    mid = register(hq, token, name="钱透支")
    push(hq, token, _recharge(mid, 5000, "2026-11-22"))
    # Spent offline at two tills: 8,000 from a 5,000 balance, 30 yuan below zero.
    for n, fen in ((1, 5000), (2, 3000)):
        push(
            hq,
            token,
            event(
                "sale.completed",
                {
                    "sale_id": str(uuid.uuid4()),
                    "receipt_no": f"RO{mid}-{n}",
                    "business_date": "2026-11-23",
                    "member_id": mid,
                    "total_fen": fen,
                    "tenders": [{"kind": "stored_value", "amount_fen": fen}],
                    "sv_principal_fen": -fen,
                    "offline": True,
                },
                "2026-11-23T03:00:00+00:00",
            ),
        )
    assert one(hq, "SELECT sv_principal_fen + sv_bonus_fen FROM members WHERE id = :m", m=mid) == (
        -3000,
    )
    items = one(
        hq,
        "SELECT count(*) FROM review_items WHERE member_id = :m AND kind = 'overdraft'"
        " AND resolved_at IS NULL",
        m=mid,
    )
    assert items[0] >= 1
    with api(hq) as c:
        r = c.post(f"/api/v1/members/{mid}/close", json={"taken_by": "desk"})
    assert r.status_code == 409, r.text
    body = r.json()
    assert body["code"] == "privacy.overdraft_open"
    assert "请先结清透支" in body["detail"] and "¥30.00" in body["detail"]
    row = one(hq, "SELECT status, name FROM members WHERE id = :m", m=mid)
    assert tuple(row) == ("active", "钱透支")  # nothing closed, nothing erased


def _recharge(mid: int, fen: int, day: str, buyer: bool = False) -> dict[str, Any]:
    payload: dict[str, Any] = {
        "member_id": mid,
        "receipt_no": f"RC{uuid.uuid4().hex[:10]}",
        "business_date": day,
        "amount_fen": fen,
        "bonus_fen": 0,
        "tenders": [{"kind": "cash", "amount_fen": fen}],
    }
    if buyer:
        payload["buyer"] = {
            "name": "赵六",
            "id_type": "resident_id",
            "id_masked": "1101**********1234",
            "id_sealed": SEALED,
            "consent_at": f"{day}T03:00:00+00:00",
        }
    return event("recharge.completed", payload, f"{day}T03:00:00+00:00")


def _feed_state(hq: Any, mid: int) -> dict[str, Any]:
    """The member's state in the change feed, from both readers (they must agree)."""
    with hq.engine.connect() as conn:
        seq = conn.execute(
            text("SELECT seq FROM changes WHERE entity = 'member' AND key = :k"), {"k": str(mid)}
        ).scalar_one()
        cursor = format_cursor(int(seq) - 1)
        a = read_page(conn, cursor, 1, entities=[Entity.MEMBER])
        b = PullPage.model_validate_json(read_page_json(conn, cursor, 1, entities=[Entity.MEMBER]))
    [ca], [cb] = a.changes, b.changes
    assert ca.key == cb.key == str(mid) and ca.data == cb.data
    return ca.data


def test_closing_a_membership_without_a_retention_erases_it(hq, token):
    mid = _with_history(hq, token)
    before = one(hq, "SELECT sum(total_fen) FROM sales WHERE member_id = :m", m=mid)[0]
    with api(hq) as c:
        r = c.post(f"/api/v1/members/{mid}/close", json={"taken_by": "desk-zhang"})
        assert r.status_code == 200, r.text
        assert r.json() == {"member_id": mid, "status": "erased", "retain_until": None}
        again = c.post(f"/api/v1/members/{mid}/close", json={"taken_by": "desk-zhang"})
        assert again.status_code == 409
        view = c.get(f"/api/v1/members/{mid}").json()
    row = one(
        hq,
        "SELECT name, phone, birthday, gender, pay_pin_hash, status, points "
        "FROM members WHERE id = :m",
        m=mid,
    )
    assert tuple(row)[:6] == ("", None, None, None, None, "erased")
    assert row.points == 25  # the ledgers stay under the member id
    assert one(hq, "SELECT sum(total_fen) FROM sales WHERE member_id = :m", m=mid)[0] == before
    assert one(hq, "SELECT sum(delta) FROM points_entries WHERE member_id = :m", m=mid)[0] == 25
    assert view["name"] == "" and view["phone"] is None
    # nothing personal is left in the events kept of it
    with hq.engine.connect() as conn:
        reg = privacy.member_events(conn, mid)[0]
    assert reg.kind == "member.registered"
    p = reg.payload if isinstance(reg.payload, dict) else json.loads(reg.payload)
    assert p["name"] is None and p["phone"] is None and p["birthday"] is None
    assert "王五" not in json.dumps(p, ensure_ascii=False)
    # the tills are told, without personal fields (both feed readers)
    state = _feed_state(hq, mid)
    assert state["status"] == "erased"
    assert (state["name"], state["phone"], state["birthday"], state["gender"]) == (None,) * 4
    assert state["pay_pin_hash"] is None and state["points"] == 25
    # marketing consent went with it, and it can't be given again
    assert consent(hq, mid, "marketing", True).status_code == 409
    with hq.engine.connect() as conn:
        assert not privacy.marketing_allowed(conn, mid, date.today())


def test_an_offline_tills_late_edit_does_not_bring_the_data_back(hq, token):
    mid = _with_history(hq, token)
    with api(hq) as c:
        assert c.post(f"/api/v1/members/{mid}/close", json={"taken_by": "d"}).status_code == 200
    [res] = push(
        hq,
        token,
        event(
            "member.updated",
            {"member_id": mid, "name": "王五", "phone": "13912345678"},
            "2026-11-20T05:00:00+00:00",
        ),
    )
    assert "member_closed" in res["flags"]
    assert one(hq, "SELECT name, phone FROM members WHERE id = :m", m=mid) == ("", None)
    with hq.engine.begin() as conn:
        done = privacy.run_retention(conn, date.today(), datetime.now(UTC))
    assert done["scrubbed"] >= 1
    with hq.engine.connect() as conn:
        blob = json.dumps([e.payload for e in privacy.member_events(conn, mid)], ensure_ascii=False)
    assert "王五" not in blob and "13912345678" not in blob


def test_a_prepaid_member_is_restricted_then_erased_by_the_retention_job(hq, token):
    mid = register(hq, token, name="赵六")
    push(hq, token, _recharge(mid, 5000, "2026-11-22", buyer=True))
    spend = event(
        "sale.completed",
        {
            "sale_id": str(uuid.uuid4()),
            "receipt_no": f"RS{mid}",
            "business_date": "2026-11-23",
            "member_id": mid,
            "total_fen": 5000,
            "tenders": [{"kind": "stored_value", "amount_fen": 5000}],
            "sv_principal_fen": -5000,
        },
        "2026-11-23T03:00:00+00:00",
    )
    push(hq, token, spend)
    assert (
        one(hq, "SELECT sv_principal_fen + sv_bonus_fen FROM members WHERE id = :m", m=mid)[0] == 0
    )
    with api(hq) as c:
        r = c.post(f"/api/v1/members/{mid}/close", json={"taken_by": "desk"})
    assert r.status_code == 200, r.text
    # the buyer's real-name record (2026-11-22) is kept 5 years
    assert r.json() == {"member_id": mid, "status": "restricted", "retain_until": "2031-11-22"}
    row = one(hq, "SELECT name, phone, birthday, status FROM members WHERE id = :m", m=mid)
    assert tuple(row) == ("赵六", None, None, "restricted")  # only what the law needs
    state = _feed_state(hq, mid)
    assert state["status"] == "restricted" and state["name"] is None and state["phone"] is None
    # invisible to search, at the API and at the console's search
    from pos_member.headoffice.members import search_members

    with hq.engine.connect() as conn:
        assert mid not in [x["id"] for x in search_members(conn, "赵六", None)]
        assert mid not in [x["id"] for x in search_members(conn, f"PV{mid}", None)]
        ev = next(e for e in privacy.member_events(conn, mid) if e.kind == "recharge.completed")
        assert ev.payload["buyer"]["name"] == "赵六"  # kept for the law
    with api(hq) as c:
        assert c.get(f"/api/v1/members/{mid}").json()["name"] == ""
        gone = c.get("/api/v1/prepaid/consumers", params={"card": f"PV{mid}"})
        assert gone.status_code == 404  # the consumer lookup does not find it either
    # the retention job: nothing on the last day, erased the day after
    now = datetime.now(UTC)
    with hq.engine.begin() as conn:
        assert privacy.run_retention(conn, date(2031, 11, 22), now)["erased"] == 0
    assert one(hq, "SELECT status FROM members WHERE id = :m", m=mid)[0] == "restricted"
    # the buyer's separate consent to keeping the ID, as the till took it
    with hq.engine.connect() as conn:
        sensitive = [h for h in privacy.consent_history(conn, mid) if h["purpose"] == "sensitive"]
    assert [(h["granted"], h["channel"], h["at"]) for h in sensitive][:1] == [
        (True, "till", "2026-11-22T03:00:00+00:00")
    ]
    with hq.engine.begin() as conn:
        assert privacy.run_retention(conn, date(2031, 11, 23), now)["erased"] >= 1
    assert tuple(one(hq, "SELECT name, status FROM members WHERE id = :m", m=mid)) == ("", "erased")
    with hq.engine.connect() as conn:
        ev = next(e for e in privacy.member_events(conn, mid) if e.kind == "recharge.completed")
        assert ev.payload["buyer"] is None and ev.payload["amount_fen"] == 5000
    assert _feed_state(hq, mid)["status"] == "erased"
    # money stays equal to its ledger
    assert (
        one(
            hq,
            "SELECT coalesce(sum(principal_delta_fen + bonus_delta_fen), 0) "
            "FROM sv_entries WHERE member_id = :m",
            m=mid,
        )[0]
        == 0
    )


def test_retention_by_contract_is_two_years_after_it_ends(hq, token):
    mid = register(hq, token)
    push(hq, token, _recharge(mid, 3000, "2026-11-22"))
    with hq.engine.connect() as conn:
        assert privacy.retention_until(conn, mid, date(2026, 12, 4)) == date(2028, 12, 4)
        assert privacy.retention_until(conn, register(hq, token), date(2026, 12, 4)) is None


def test_the_access_audit_lists_who_viewed_and_exported(hq, token):
    mid = register(hq, token)
    with api(hq) as c:
        c.get(f"/api/v1/members/{mid}")
        c.get(f"/api/v1/members/{mid}/export", params={"by": "auditor-x"})
        r = c.get(f"/api/v1/members/{mid}/access")
    assert r.status_code == 200
    acts = [(a["action"], a["via"]) for a in r.json()]
    assert ("member.view", "api") in acts and ("privacy.export.completed", "api") in acts
    assert "auditor-x" in {a["who"] for a in r.json()}


def test_the_retention_cli_runs(hq):
    from pos_member.headoffice.cli import main

    assert main(["privacy-retention", "--db", hq.db_url, "--today", "2026-12-04"]) == 0
    assert main(["privacy-retention", "--db", hq.db_url, "--today", "12/04"]) == 2


def test_closing_revokes_phone_keys_ends_sessions_and_blanks_queued_messages(hq, token):
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import ec

    from pos_member.headoffice import device_keys

    mid = _with_history(hq, token)
    raw = (
        ec.generate_private_key(ec.SECP256R1())
        .public_key()
        .public_bytes(serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint)
    )
    phone = one(hq, "SELECT phone FROM members WHERE id = :m", m=mid)[0]
    now = datetime.now(UTC).isoformat()
    with hq.engine.begin() as conn:
        key_id = device_keys.register_device_key(conn, mid, raw, "王五的手机")
        conn.execute(
            text(
                "INSERT INTO member_sessions (token_hash, member_id, csrf, created_at, "
                "expires_at) VALUES (:t, :m, 'c', :n, :n)"
            ),
            {"t": uuid.uuid4().hex, "m": mid, "n": now},
        )
        conn.execute(
            text(
                "INSERT INTO member_sms_codes (phone, code_hash, purpose, created_at, "
                "expires_at, attempts, sent) VALUES (:p, 'h', 'login', :n, :n, 0, true)"
            ),
            {"p": phone, "n": now},
        )
        assert notify.queue_marketing(conn, f"z{mid}", mid, "周末", now)
    with api(hq) as c:
        assert c.post(f"/api/v1/members/{mid}/close", json={"taken_by": "d"}).status_code == 200
    with hq.engine.connect() as conn:
        key = device_keys.device_key(conn, key_id)
        assert key is not None and key.revoked
        label = conn.execute(
            text("SELECT label FROM member_device_keys WHERE id = :k"), {"k": key_id}
        ).scalar_one()
        assert label == ""
        assert not conn.execute(
            text("SELECT 1 FROM member_sessions WHERE member_id = :m"), {"m": mid}
        ).all()
        assert not conn.execute(
            text("SELECT 1 FROM member_sms_codes WHERE phone = :p"), {"p": phone}
        ).all()
        rows = conn.execute(
            text("SELECT phone, state FROM notification_outbox WHERE member_id = :m"), {"m": mid}
        ).all()
        assert rows and all(r.phone == "" and r.state == "cancelled" for r in rows)
        # the tills learn the revocation from the feed
        seq = conn.execute(
            text("SELECT seq FROM changes WHERE entity = 'device_key' AND key = :k"),
            {"k": str(key_id)},
        ).scalar_one()
        page = read_page(conn, format_cursor(int(seq) - 1), 5, entities=[Entity.DEVICE_KEY])
    [change] = [ch for ch in page.changes if ch.key == str(key_id)]
    assert change.data["revoked"] is True


def test_closing_scrubs_the_refused_events_kept_for_review(hq, token):
    seeded = one(
        hq,
        "SELECT id FROM members WHERE status = 'active' AND sv_principal_fen + sv_bonus_fen = 0 "
        "AND id < 1000 ORDER BY id LIMIT 1",
    )[0]
    refused = event(
        "member.registered",
        {"member_id": seeded, "name": "冒名者", "phone": "13811112222", "tier_code": "normal",
         "joined_on": "2026-11-20"},
        "2026-11-20T02:00:00+00:00",
    )  # fmt: skip
    with hq.client(token) as c:
        r = c.post("/api/v1/sync/push", json={"events": [refused]})
    assert r.status_code >= 400  # another till's member id: refused, kept for review
    [detail] = hq.refused(refused["id"])
    assert detail["event"]["payload"]["name"] == "冒名者"
    with api(hq) as c:
        assert c.post(f"/api/v1/members/{seeded}/close", json={"taken_by": "d"}).status_code == 200
    [detail] = hq.refused(refused["id"])
    assert detail["event"]["payload"]["name"] is None
    assert detail["event"]["payload"]["phone"] is None


def test_withdrawing_membership_consent_closes_the_membership(hq, token):
    mid = register(hq, token)
    r = consent(hq, mid, "membership", False, channel="console", taken_by="desk-zhao")
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["status"] == "erased" and body["consents"]["membership"] is False
    assert body["history"][-1]["taken_by"] == "desk-zhao"
    rich = register(hq, token)
    push(hq, token, _recharge(rich, 1000, "2026-11-22"))
    refused = consent(hq, rich, "membership", False)
    assert refused.status_code == 409 and "请先退卡" in refused.json()["detail"]
    assert consent(hq, rich, "bogus", True).status_code == 422
