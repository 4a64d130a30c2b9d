"""Change-feed versions: head office upgraded first never sends a till entity kinds it
cannot store; the till, once upgraded, pulls everything again and gets them."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import text

from pos_member.store import state
from pos_member.wire import schemas
from pos_member.wire.schemas import Entity

pytestmark = pytest.mark.integration


def _coupons(t: Any) -> set[str]:
    with t.store.reading() as s:
        return set(s.connection().execute(text("SELECT code FROM coupons")).scalars())


def test_kinds_newer_than_a_tills_feed_wait_until_it_is_upgraded(
    hq: Any, make_terminal: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    # As if coupons were added to the feed in the next version, by a head office
    # upgraded first.
    now = schemas.FEED_VERSION
    monkeypatch.setitem(schemas.ENTITY_FEED_VERSION, Entity.COUPON, now + 1)
    with hq.admin() as c:
        r = c.post("/api/v1/coupons", json={
            "code": "FEED2-A", "name": "新版券", "kind": "amount_off", "value_fen": 500,
            "valid_from": "2026-11-01", "valid_until": "2026-12-31"})  # fmt: skip
        assert r.status_code == 200, r.text
    old = make_terminal()  # a till of the current version
    first = old.sync()
    assert first.pulled > 0 and "FEED2-A" not in _coupons(old)
    assert old.ledger_matches_cache(1)
    # The till upgrades: it pulls the whole feed again, once, and now has the coupons.
    monkeypatch.setattr(schemas, "FEED_VERSION", now + 1)
    again = old.sync()
    assert again.pulled >= first.pulled
    assert "FEED2-A" in _coupons(old)
    with old.store.reading() as s:
        assert state.get_state(s.connection(), state.HQ_FEED_VERSION) == str(now + 1)
    assert old.sync().pulled == 0
    # An older till enrolled now still syncs without ever meeting a coupon.
    monkeypatch.setattr(schemas, "FEED_VERSION", 1)
    older = make_terminal()
    assert older.sync().pulled > 0 and _coupons(older) == set()


def test_head_office_refuses_a_nonsense_feed_version(hq: Any, make_terminal: Any) -> None:
    t = make_terminal()
    with t.store.reading() as s:
        token = state.get_state(s.connection(), state.HQ_TOKEN)
    import httpx

    for bad in ("0", "-1", "x"):
        r = httpx.get(f"{hq.url}/api/v1/sync/pull", params={"feed": bad},
                      headers={"Authorization": f"Bearer {token}"})  # fmt: skip
        assert r.status_code == 422, (bad, r.text)
