"""Stored value and points authorised by head office while online (issue 13).

Real head office (PostgreSQL + uvicorn on loopback), real tills (SQLite files
opened by the composition root, ``bootstrap.open_terminal``, so checkout asks
the real ``HeadOfficeAuthoriser`` over HTTP), the real checkout service.
"""

from __future__ import annotations

import threading
from datetime import datetime
from typing import Any

import pytest
from sqlalchemy import text

from pos_member import bootstrap
from pos_member.domain.errors import HoldRefused, ValidationError
from pos_member.domain.money import Money
from pos_member.headoffice.testing import free_port
from pos_member.services.checkout import SaleResult, new_sale_id
from pos_member.store import state
from tests.sync.conftest import HeadOffice, Till

pytestmark = pytest.mark.integration


def hq_holds(hq: HeadOffice, member_id: int) -> list[Any]:
    with hq.engine.connect() as conn:
        return list(
            conn.execute(
                text(
                    "SELECT id, state, settled_by, sale_id, stored_value_fen, settled_at, "
                    "created_at, expires_at FROM holds WHERE member_id = :m ORDER BY created_at"
                ),
                {"m": member_id},
            ).all()
        )


def whole_balance(hq: HeadOffice, member_id: int) -> int:
    p, b, _ = hq.balance(member_id)
    return p + b


def test_two_tills_spending_one_whole_balance_at_once_only_one_succeeds(hq, make_till, member_ids):
    (mid,) = member_ids(1, with_balance=5_000, hq=hq)
    t1, t2 = make_till(), make_till()
    balance = whole_balance(hq, mid)
    assert t1.synced.counter.balance(mid)[:2] == hq.balance(mid)[:2]
    start = threading.Barrier(2)
    outcome: dict[str, Any] = {}

    def spend(name: str, till: Till) -> None:
        start.wait()
        try:
            outcome[name] = till.pay(mid, balance)
        except Exception as exc:
            outcome[name] = exc

    threads = [threading.Thread(target=spend, args=(n, t)) for n, t in (("t1", t1), ("t2", t2))]
    for th in threads:
        th.start()
    for th in threads:
        th.join(30)
    sold = [r for r in outcome.values() if isinstance(r, SaleResult)]
    refused = [r for r in outcome.values() if isinstance(r, HoldRefused)]
    assert len(sold) == 1 and len(refused) == 1, outcome
    # The refused till wrote nothing: no sale, no ledger entry, no outbox event.
    loser = t1 if isinstance(outcome["t1"], HoldRefused) else t2
    assert loser.rows("SELECT count(*) FROM sales WHERE member_id = :m", m=mid)[0][0] == 0
    assert loser.rows("SELECT count(*) FROM outbox WHERE sent_at IS NULL")[0][0] == 0
    assert refused[0].params["available"] == Money(0)
    t1.sync()
    t2.sync()
    p, b, _ = hq.balance(mid)
    assert p + b == 0  # spent once: head office's overdraft is 0
    assert (
        hq.scalar(
            "SELECT count(*) FROM review_items WHERE member_id = :m AND kind = 'overdraft'", m=mid
        )
        == 0
    )
    (hold,) = [h for h in hq_holds(hq, mid) if h.state == "captured"]
    assert hold.settled_by == sold[0].sale_id
    assert hq.scalar("SELECT count(*) FROM holds WHERE member_id = :m", m=mid) == 1


def test_a_hold_lapses_after_its_time_and_the_balance_can_be_held_again(hq, make_till, member_ids):
    (mid,) = member_ids(1, with_balance=5_000, hq=hq)
    t1, t2 = make_till(), make_till()
    balance = whole_balance(hq, mid)
    # T1 holds the whole balance for a sale it never finishes (the till died, say).
    held = t1.services.ctx.authoriser.hold(mid, new_sale_id(), balance, 0)  # type: ignore[union-attr]
    assert held is not None and hasattr(held, "hold_id")
    with pytest.raises(HoldRefused):
        t2.pay(mid, balance)
    assert t2.rows("SELECT count(*) FROM sales")[0][0] == 0
    (row,) = hq_holds(hq, mid)
    assert row.state == "held"
    # Head office's hold time (the setting, 120 s by default) passes.
    lasted = datetime.fromisoformat(row.expires_at) - datetime.fromisoformat(row.created_at)
    assert lasted.total_seconds() == 120
    with hq.engine.begin() as conn:
        conn.execute(
            text("UPDATE holds SET expires_at = '2000-01-01T00:00:00.000+00:00' WHERE id = :h"),
            {"h": row.id},
        )
    done = t2.pay(mid, balance)
    states = {h.id: (h.state, h.settled_by) for h in hq_holds(hq, mid)}
    assert states[row.id] == ("released", "timeout")
    assert ("held", None) in states.values()
    t2.sync()
    assert whole_balance(hq, mid) == 0
    assert {h.settled_by for h in hq_holds(hq, mid)} == {"timeout", done.sale_id}


def test_a_payment_that_fails_after_its_hold_releases_it_and_writes_nothing(
    hq, make_till, member_ids
):
    (mid,) = member_ids(1, with_balance=5_000, hq=hq)
    t1 = make_till()
    balance = whole_balance(hq, mid)
    with pytest.raises(ValidationError):
        t1.pay(mid, balance, coupons=("NO-SUCH-COUPON",))  # refused inside the transaction
    (row,) = hq_holds(hq, mid)
    assert (row.state, row.settled_by) == ("released", "void")
    assert t1.rows("SELECT count(*) FROM sales")[0][0] == 0
    # The balance is free again for the next attempt.
    t1.pay(mid, balance)


def test_a_hold_is_captured_once_by_its_pushed_sale_and_a_replay_changes_nothing(
    hq, make_till, member_ids
):
    (mid,) = member_ids(1, with_balance=5_000, hq=hq)
    t1 = make_till()
    before = whole_balance(hq, mid)
    done = t1.pay(mid, 1_000)
    (hold_id,) = t1.rows("SELECT hold_id FROM sales WHERE id = :s", s=done.sale_id)[0]
    assert hold_id is not None
    (payload,) = t1.rows("SELECT payload FROM outbox WHERE id = :s", s=done.sale_id)[0]
    assert '"hold_id"' in payload
    # The sale as the till pushes it, kept to push again (an answer lost on the way:
    # the till's outbox only ever moves forward, so the replay is sent by hand).
    client = t1.synced.client
    http, creds = client._client()
    (unsent,) = [r for r in client._unsent(100) if r[0] == done.sale_id]
    event = client._to_event(creds, unsent)
    t1.sync()
    (row,) = hq_holds(hq, mid)
    assert (row.id, row.state, row.settled_by) == (hold_id, "captured", done.sale_id)
    assert whole_balance(hq, mid) == before - 1_000
    # The same sale pushed again: a replay, nothing moves.
    replay = http.push([event])
    assert [str(r.id) for r in replay.results] == [done.sale_id]
    (again,) = hq_holds(hq, mid)
    assert again == row
    assert whole_balance(hq, mid) == before - 1_000
    assert hq.scalar("SELECT count(*) FROM review_items WHERE member_id = :m", m=mid) == 0


def test_head_office_unreachable_the_sale_goes_ahead_under_the_offline_rules(
    hq, make_till, member_ids
):
    (mid,) = member_ids(1, with_balance=5_000, hq=hq)
    t1 = make_till()
    with t1.synced.store.session() as s:
        state.set_state(s.connection(), state.HQ_URL, f"http://127.0.0.1:{free_port()}")
    t1.services.close()
    t1.services = bootstrap.open_terminal(t1.services.settings, clock=t1.synced.clock)
    assert t1.services.online  # the last contact is recent: only the hold finds out
    done = t1.pay(mid, 500)
    (offline, hold_id) = t1.rows(
        "SELECT offline, hold_id FROM sales WHERE id = :s", s=done.sale_id
    )[0]
    assert (bool(offline), hold_id) == (True, None)
    assert hq_holds(hq, mid) == []
    t1.services.close()
