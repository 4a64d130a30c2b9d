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


def test_forged_stored_value_and_a_dropped_trigger_reach_head_office(hq, make_terminal, member_ids):
    t = make_terminal()
    (mid,) = member_ids(1)
    t.sync()
    t.counter.recharge(mid, 10_000)
    t.sync()
    raw = sqlite3.connect(t.store.path)
    raw.execute("DROP TRIGGER stored_value_entries_no_update")
    raw.execute(
        "INSERT INTO stored_value_entries (event_id, member_id, kind, principal_delta_fen, "
        "bonus_delta_fen, terminal_id, offline, business_date, created_at) "
        "VALUES ('forged', ?, 'recharge', 100000, 0, ?, 0, '2026-11-23', '2026-11-23')",
        (mid, t.terminal_id),
    )
    raw.execute(
        "UPDATE members SET sv_principal_fen = sv_principal_fen + 100000 WHERE id = ?", (mid,)
    )
    raw.commit()
    raw.close()
    spent = t.counter.sale(mid, sv_fen=50_000)
    t.sync()
    faults = _reviews(hq, "chain.fault", [spent])
    assert len(faults) == 1 and faults[0]["member_id"] is None, faults
    told = "\n".join(faults[0]["detail"]["faults"])
    assert "stored-value entry" in told and f"of member {mid}" in told and "+100000" in told
    assert "not in the chain" in told
    assert "trigger stored_value_entries_no_update is missing" in told
    # Told once: the next round's events carry nothing more.
    again = t.counter.recharge(mid, 10_000)
    t.sync()
    assert _reviews(hq, "chain.fault", [again]) == []
