"""Coupons and the latest rules as the managers' API gives them (``headoffice.programme``
behind ``programme_api``); publishing rules versions is tested with the tills in
``tests/sync/test_rules_publication.py``."""

from __future__ import annotations

from typing import Any

from sqlalchemy import text

from tests.headoffice.conftest import ADMIN, HQ

COUPON = {
    "code": "HQ-TEST-1",
    "kind": "amount_off",
    "value_fen": 500,
    "min_spend_fen": 3000,
    "valid_from": "2026-01-01",
    "valid_until": "2026-12-31",
}


def _coupons(hq: HQ, code: str) -> list[Any]:
    with hq.engine.connect() as conn:
        return list(
            conn.execute(
                text("SELECT code, value_fen, min_spend_fen FROM coupons WHERE code = :c"),
                {"c": code},
            ).all()
        )


def _changes(hq: HQ) -> int:
    with hq.engine.connect() as conn:
        return int(conn.execute(text("SELECT count(*) FROM changes")).scalar_one())


def test_a_coupon_is_created_once_and_announced_in_the_change_feed(hq: HQ) -> None:
    before = _changes(hq)
    with hq.client(ADMIN) as c:
        made = c.post("/api/v1/coupons", json=COUPON)
        assert made.status_code == 200, made.text
        assert made.json() == {"code": "HQ-TEST-1"}
        again = c.post("/api/v1/coupons", json=COUPON)
    assert again.status_code == 409
    assert again.json()["code"] == "coupon.exists"
    assert [tuple(r) for r in _coupons(hq, "HQ-TEST-1")] == [("HQ-TEST-1", 500, 3000)]
    assert _changes(hq) == before + 1


def test_coupons_head_office_cannot_honour_are_refused_and_nothing_is_written(hq: HQ) -> None:
    before = hq.counts()
    with hq.client(ADMIN) as c:
        backwards = c.post(
            "/api/v1/coupons", json={**COUPON, "code": "HQ-TEST-2", "valid_until": "2025-12-31"}
        )
        nobody = c.post(
            "/api/v1/coupons", json={**COUPON, "code": "HQ-TEST-3", "member_id": 4_000_000_000}
        )
    assert (backwards.status_code, backwards.json()["code"]) == (422, "coupon.dates")
    assert (nobody.status_code, nobody.json()["code"]) == (404, "member.unknown")
    assert hq.counts() == before


def test_the_latest_rules_version_is_read_with_its_window(hq: HQ) -> None:
    with hq.engine.connect() as conn:
        latest = conn.execute(text("SELECT max(version) FROM programme_rules")).scalar_one()
    with hq.client(ADMIN) as c:
        got = c.get("/api/v1/rules")
    assert got.status_code == 200, got.text
    body = got.json()
    assert body["version"] == latest
    assert set(body) == {"version", "effective_from", "effective_until", "document"}
    assert body["document"]["tiers"]
