"""Refusals with a clear status and nothing written: auth, scope, tampering, size, shape."""

from __future__ import annotations

import uuid
from typing import Any

import pytest

pytestmark = pytest.mark.integration


def push(hq: Any, token: str | None, events: list[dict[str, Any]]) -> Any:
    with hq.client(token) as c:
        return c.post("/api/v1/sync/push", json={"events": events})


def test_a_good_push_is_accepted_so_the_refusals_below_mean_something(hq, make_event):
    token = hq.token("S001", "TGOOD")
    eid = str(uuid.uuid4())
    ev = make_event(eid, terminal_id="TGOOD")
    before = hq.counts()
    r = push(hq, token, [ev])
    assert r.status_code == 200, r.text
    assert r.json()["results"][0]["status"] == "applied"
    after = hq.counts()
    assert after["applied_events"] == before["applied_events"] + 1
    assert after["sv_entries"] == before["sv_entries"] + 1


@pytest.mark.parametrize(
    ("header", "code"),
    [
        (None, "auth.missing"),
        ("Bearer S001-T01.not-the-secret", "auth.invalid"),
        ("Bearer S009-T99.whatever", "auth.invalid"),
        ("Bearer no-dot-here", "auth.malformed"),
        ("Basic dXNlcjpwYXNz", "auth.missing"),
    ],
)
def test_no_or_wrong_token_is_401_and_writes_nothing(hq, make_event, header, code):
    hq.token("S001", "T01")
    before = hq.counts()
    with hq.client() as c:
        headers = {"Authorization": header} if header else {}
        r = c.post(
            "/api/v1/sync/push", json={"events": [make_event(str(uuid.uuid4()))]}, headers=headers
        )
        assert r.status_code == 401
        assert r.json()["code"] == code
        p = c.get("/api/v1/sync/pull", headers=headers)
        assert p.status_code == 401
    assert hq.counts() == before


def test_a_terminal_pushing_for_another_store_is_403_and_nothing_is_written(hq, make_event):
    token = hq.token("S001", "T02")
    good = make_event(str(uuid.uuid4()), terminal_id="T02")
    foreign = make_event(str(uuid.uuid4()), store_id="S002", terminal_id="T02")
    before = hq.counts()
    r = push(hq, token, [good, foreign])
    assert r.status_code == 403
    assert r.json()["code"] == "scope"
    assert "S002" in r.json()["detail"]
    other_till = make_event(str(uuid.uuid4()), terminal_id="T77")
    assert push(hq, token, [other_till]).status_code == 403
    assert hq.counts() == before


@pytest.mark.parametrize(
    ("payload", "code"),
    [
        # the ledger takes more stored value than the tender says was paid
        ({"sv_principal_fen": -100_000}, "stored_value.mismatch"),
        # tenders do not add up to the total
        ({"total_fen": 500}, "tenders.sum"),
        # more points than any tier could earn on 10 yuan
        ({"points_earned": 5_000}, "points.earn"),
        # points paying more than the rules say they are worth
        (
            {
                "total_fen": 2000,
                "tenders": [
                    {"kind": "stored_value", "amount_fen": 1000},
                    {"kind": "points", "amount_fen": 1000, "points": 100},
                ],
                "points_redeemed": 100,
            },
            "points.value",
        ),
        # a sale that adds stored value
        (
            {
                "sv_principal_fen": 1000,
                "tenders": [{"kind": "stored_value", "amount_fen": -1000}],
                "total_fen": -1000,
            },
            "total.sign",
        ),
    ],
)
def test_a_tampered_sale_is_422_and_nothing_is_written(hq, make_event, payload, code):
    token = hq.token("S001", "T03")
    ev = make_event(str(uuid.uuid4()), terminal_id="T03", payload=payload)
    before = hq.counts()
    r = push(hq, token, [make_event(str(uuid.uuid4()), terminal_id="T03"), ev])
    assert r.status_code == 422, r.text
    assert r.json()["code"] == code
    assert hq.counts() == before


def test_a_recharge_with_an_inflated_bonus_is_422(hq):
    token = hq.token("S001", "T04")
    ev = {
        "id": str(uuid.uuid4()),
        "kind": "recharge.completed",
        "store_id": "S001",
        "terminal_id": "T04",
        "created_at": "2026-11-23T10:00:00+00:00",
        "payload": {
            "member_id": 2,
            "business_date": "2026-11-23",
            "amount_fen": 100_000,  # 1000 yuan earns 60 yuan of bonus in the demo rules
            "bonus_fen": 50_000,
            "tenders": [{"kind": "cash", "amount_fen": 100_000}],
        },
    }
    before = hq.counts()
    r = push(hq, token, [ev])
    assert r.status_code == 422
    assert r.json()["code"] == "recharge.bonus"
    assert "60.00" in r.json()["detail"]
    assert hq.counts() == before
    ev["payload"]["bonus_fen"] = 6_000
    assert push(hq, token, [ev]).status_code == 200


def test_unknown_member_and_member_ids_outside_the_block_are_refused(hq, make_event):
    token = hq.token("S001", "T05")
    before = hq.counts()
    r = push(hq, token, [make_event(str(uuid.uuid4()), terminal_id="T05",
                                    payload={"member_id": 999_999})])  # fmt: skip
    assert r.status_code == 422
    assert r.json()["code"] == "member.unknown"
    reg = {
        "id": str(uuid.uuid4()),
        "kind": "member.registered",
        "store_id": "S001",
        "terminal_id": "T05",
        "created_at": "2026-11-23T10:00:00+00:00",
        "payload": {
            "member_id": 7,
            "name": "王五",
            "tier_code": "normal",
            "joined_on": "2026-11-23",
        },
    }
    r = push(hq, token, [reg])
    assert r.status_code == 403
    assert r.json()["code"] == "scope.member_id"
    assert hq.counts() == before


def test_oversized_bodies_are_413_and_nothing_is_written(hq, make_event):
    token = hq.token("S001", "T06")
    before = hq.counts()
    huge = make_event(str(uuid.uuid4()), terminal_id="T06", payload={"receipt_no": "x" * 32})
    huge["payload"]["padding"] = "x" * 100_000
    with hq.client(token) as c:
        r = c.post("/api/v1/sync/push", json={"events": [huge]})
        assert r.status_code == 413
        assert r.json()["code"] == "body.too_large"

        def chunks() -> Any:  # no Content-Length: the limit counts the stream
            yield b'{"events": ['
            for _ in range(200):
                yield b" " * 1024
            yield b"]}"

        r = c.post(
            "/api/v1/sync/push", content=chunks(), headers={"Content-Type": "application/json"}
        )
        assert r.status_code == 413
    assert hq.counts() == before


@pytest.mark.parametrize(
    "body",
    [
        b"{not json",
        b'{"events": []}',
        b'{"events": [{"id": "not-a-uuid", "kind": "sale.completed"}]}',
        b'{"events": "all of them"}',
        b"[]",
    ],
)
def test_malformed_bodies_are_422_and_nothing_is_written(hq, body):
    token = hq.token("S001", "T07")
    before = hq.counts()
    with hq.client(token) as c:
        r = c.post("/api/v1/sync/push", content=body, headers={"Content-Type": "application/json"})
    assert r.status_code == 422
    assert hq.counts() == before


def test_a_sale_with_a_malformed_payload_for_its_kind_is_422(hq, make_event):
    token = hq.token("S001", "T08")
    ev = make_event(str(uuid.uuid4()), terminal_id="T08")
    ev["payload"]["total_fen"] = "ten yuan"
    before = hq.counts()
    assert push(hq, token, [ev]).status_code == 422
    ev["payload"]["total_fen"] = 10.5  # money is never a float
    assert push(hq, token, [ev]).status_code == 422
    assert hq.counts() == before


def test_enrolment_codes_are_one_time_and_unknown_codes_fail(hq):
    with hq.engine.begin() as conn:
        from pos_member.headoffice.auth import new_enrol_code

        code = new_enrol_code(conn, "S002", 1, "T09")
    with hq.client() as c:
        ok = c.post("/api/v1/enrol", json={"code": code, "terminal_id": "T09"})
        assert ok.status_code == 200
        assert ok.json()["store_id"] == "S002"
        again = c.post("/api/v1/enrol", json={"code": code, "terminal_id": "T10"})
        assert again.status_code == 401
        assert again.json()["code"] == "enrol.code"
        assert (
            c.post("/api/v1/enrol", json={"code": "NOPE1234", "terminal_id": "T10"}).status_code
            == 401
        )
        assert (
            c.post("/api/v1/enrol", json={"code": "bad code!", "terminal_id": "T10"}).status_code
            == 422
        )


def test_the_managers_api_needs_the_managers_token(hq):
    before = hq.counts()
    with hq.client() as c:
        assert c.get("/api/v1/members/1").status_code == 401
        assert c.post("/api/v1/cards/8800000000000013/block", json={}).status_code == 401
    with hq.client(hq.token("S001", "T11")) as c:  # a terminal's token is not a manager's
        assert c.get("/api/v1/members/1").status_code == 401
        assert c.get("/api/v1/reports/chain").status_code == 401
    assert hq.counts() == before


def test_a_bad_cursor_is_422(hq):
    with hq.client(hq.token("S001", "T12")) as c:
        r = c.get("/api/v1/sync/pull", params={"cursor": "12;drop table members"})
        assert r.status_code == 422
        assert r.json()["code"] == "cursor"
