"""Head office keeps each terminal's events chain (issue 14, item 3) on real PostgreSQL + uvicorn.

The events a till pushes carry their place in its keyed hash chain. An event
marked sent at the till behind its back (never pushed) leaves a gap; a till
whose history was rewritten or restored from an older copy forks. Both are
review items; nothing is refused.
"""

from __future__ import annotations

import shutil
import sqlite3

import pytest
from sqlalchemy import text

pytestmark = pytest.mark.integration


def _reviews(hq, kind: str, event_ids: list[str]) -> list[dict]:  # type: ignore[no-untyped-def]
    with hq.engine.connect() as conn:
        return [
            dict(r._mapping)
            for r in conn.execute(
                text("SELECT kind, event_id, member_id, detail FROM review_items "
                     "WHERE kind = :k AND event_id = ANY(:e)"),
                {"k": kind, "e": event_ids},
            )
        ]  # fmt: skip


def test_pushed_events_carry_their_chain_and_head_office_keeps_it(hq, make_terminal, member_ids):
    t = make_terminal()
    (mid,) = member_ids(1)
    t.sync()
    a = t.counter.recharge(mid, 10_000)
    b = t.counter.recharge(mid, 10_000)
    t.sync()
    with hq.engine.connect() as conn:
        got = conn.execute(
            text("SELECT n, prev, hash, event_id FROM terminal_chain WHERE event_id = ANY(:e) "
                 "ORDER BY n"),
            {"e": [a, b]},
        ).all()  # fmt: skip
    assert [r.event_id for r in got] == [a, b]
    assert got[1].n == got[0].n + 1 and got[1].prev == got[0].hash
    assert _reviews(hq, "chain.gap", [a, b]) == [] and _reviews(hq, "chain.fork", [a, b]) == []


def test_an_event_marked_sent_behind_the_tills_back_is_a_gap(hq, make_terminal, member_ids):
    t = make_terminal()
    (mid,) = member_ids(1)
    t.sync()
    t.counter.recharge(mid, 10_000)
    t.sync()
    hidden = t.counter.recharge(mid, 10_000)
    after = t.counter.recharge(mid, 10_000)
    raw = sqlite3.connect(t.store.path)
    raw.execute("UPDATE outbox SET sent_at = '2026-11-23T10:00:00+08:00' WHERE id = ?", (hidden,))
    raw.commit()
    raw.close()
    t.sync()
    gaps = _reviews(hq, "chain.gap", [after])
    assert len(gaps) == 1 and gaps[0]["member_id"] is None
    assert "never reached head office" in gaps[0]["detail"]["why"]
    assert hq.scalar("SELECT count(*) FROM applied_events WHERE event_id = :e", e=hidden) == 0


def test_a_till_restored_from_an_older_copy_forks(hq, make_terminal, member_ids, tmp_path):
    t = make_terminal()
    (mid,) = member_ids(1)
    t.sync()
    t.counter.recharge(mid, 10_000)
    t.sync()
    copy = tmp_path / "older.db"
    raw = sqlite3.connect(t.store.path)
    raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    raw.close()
    shutil.copy(t.store.path, copy)
    first = t.counter.recharge(mid, 10_000)
    t.sync()
    # The older copy comes back and sells again: its next event takes the same place.
    t.client.close()
    t.store.close()
    shutil.copy(copy, t.store.path)
    from pos_member.store.db import Store
    from pos_member.sync.client import SyncClient

    t.store = Store.open(t.store.path)
    t.counter.store = t.store
    t.client = SyncClient(t.store, t.client.settings, clock=t.clock)
    again = t.counter.recharge(mid, 10_000)
    t.sync()
    forks = _reviews(hq, "chain.fork", [again])
    assert len(forks) == 1, forks
    assert first in forks[0]["detail"]["why"]
