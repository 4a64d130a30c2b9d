"""Review items in event time: overdrafts and blocked cards, whatever the order pushes arrive in.

Real PostgreSQL and uvicorn on loopback; two tills of two stores push over HTTP.
Each case of issue #23 is pushed in both orders of arrival and must leave
exactly the same review items: an ``overdraft`` (``points_overdraft``) on each
event that took the member's balance below zero at that moment of event time,
none on an event that did not. Items a later push shows wrong are withdrawn
(kept, with their history), amounts amended. A property test plays random
interleavings of two tills' spends and recharges, pushed in random orders,
against a plain replay written here.
"""

from __future__ import annotations

import itertools
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import text

from pos_member.domain.money import Money
from pos_member.domain.rules import demo_rules
from pos_member.headoffice.app import create_app
from pos_member.headoffice.db import open_database
from pos_member.headoffice.seed import seed_demo
from pos_member.headoffice.settings import HQSettings
from pos_member.headoffice.testing import ServerThread
from tests.headoffice.conftest import ADMIN, HQ

pytestmark = pytest.mark.integration

RULES = demo_rules()
T0 = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)
_ids = itertools.count(9_000_000)


def at(minutes: float, tz_hours: int = 0) -> str:
    """The event time ``minutes`` after T0, written in a ``tz_hours`` offset (same instant)."""
    moment = T0 + timedelta(minutes=minutes)
    return moment.astimezone(timezone(timedelta(hours=tz_hours))).isoformat()


def new_member(hq: Any, sv_fen: int = 0, points: int = 0) -> int:
    """A member with an opening balance (an ``opening`` entry, as the demo seed writes)."""
    mid = next(_ids)
    with hq.engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO members (id, name, tier_code, joined_on, status, sv_principal_fen,"
                " sv_bonus_fen, points, balance_version, updated_at) VALUES (:id, 'Review',"
                " (SELECT code FROM tiers ORDER BY rank LIMIT 1), '2026-01-01', 'active', :sv,"
                " 0, :pts, 1, '2026-01-01T00:00:00+00:00')"
            ),
            {"id": mid, "sv": sv_fen, "pts": points},
        )
        if sv_fen:
            conn.execute(
                text(
                    "INSERT INTO sv_entries (event_id, member_id, kind, principal_delta_fen,"
                    " bonus_delta_fen, store_id, terminal_id, business_date, created_at)"
                    " VALUES (:e, :m, 'opening', :sv, 0, 'S001', 'HQ', '2026-01-01',"
                    " '2026-01-01T00:00:00+00:00')"
                ),
                {"e": f"opening-{mid}", "m": mid, "sv": sv_fen},
            )
        if points:
            conn.execute(
                text(
                    "INSERT INTO points_entries (event_id, member_id, kind, delta, store_id,"
                    " created_at) VALUES (:e, :m, 'opening', :p, 'S001',"
                    " '2026-01-01T00:00:00+00:00')"
                ),
                {"e": f"opening-{mid}", "m": mid, "p": points},
            )
    return mid


class Till:
    """A till of the chain: builds honest events and pushes them over HTTP."""

    def __init__(self, hq: Any, store: str, terminal: str) -> None:
        self.hq = hq
        self.store = store
        self.terminal = terminal
        self.token = hq.token(store, terminal)

    def _event(self, kind: str, payload: dict[str, Any], when: str) -> dict[str, Any]:
        eid = str(uuid.uuid4())
        if kind == "sale.completed":
            payload = {"sale_id": eid, **payload}
        payload = {"receipt_no": f"{self.terminal}-{eid[:18]}", **payload}
        return {
            "id": eid,
            "kind": kind,
            "store_id": self.store,
            "terminal_id": self.terminal,
            "created_at": when,
            "payload": payload,
        }

    def spend(self, mid: int, fen: int, when: str, **extra: Any) -> dict[str, Any]:
        """A sale paid ``fen`` from stored value."""
        return self._event(
            "sale.completed",
            {
                "business_date": when[:10],
                "member_id": mid,
                "total_fen": fen,
                "tenders": [{"kind": "stored_value", "amount_fen": fen}],
                "sv_principal_fen": -fen,
                "offline": True,
                **extra,
            },
            when,
        )

    def redeem(self, mid: int, points: int, when: str) -> dict[str, Any]:
        """A sale paid with ``points`` points (their value under the demo rules)."""
        worth = RULES.redeem.value_of(points).fen
        return self._event(
            "sale.completed",
            {
                "business_date": when[:10],
                "member_id": mid,
                "total_fen": worth,
                "tenders": [{"kind": "points", "amount_fen": worth, "points": points}],
                "points_redeemed": points,
                "offline": True,
            },
            when,
        )

    def recharge(self, mid: int, fen: int, when: str) -> dict[str, Any]:
        return self._event(
            "recharge.completed",
            {
                "member_id": mid,
                "business_date": when[:10],
                "amount_fen": fen,
                "bonus_fen": RULES.stored_value.bonus_for(Money(fen)).fen,
                "tenders": [{"kind": "cash", "amount_fen": fen}],
                "offline": True,
            },
            when,
        )

    def push(self, events: list[dict[str, Any]]) -> list[dict[str, Any]]:
        with self.hq.client(self.token) as c:
            r = c.post("/api/v1/sync/push", json={"events": events})
        assert r.status_code == 200, r.text
        return list(r.json()["results"])


@pytest.fixture(scope="module", params=["postgresql", "sqlite"])
def hq(request: Any, hq: HQ, tmp_path_factory: Any) -> Iterator[HQ]:
    """Head office on PostgreSQL, and on the SQLite file of the one-machine demo."""
    if request.param == "postgresql":
        yield hq
        return
    url = f"sqlite:///{tmp_path_factory.mktemp('review') / 'hq.db'}"
    engine = open_database(url)
    seed_demo(engine, members=50, products=5)
    server = ServerThread(create_app(HQSettings(db_url=url, admin_token=ADMIN), engine)).start()
    try:
        yield HQ(server.url, url, engine)
    finally:
        server.stop()
        engine.dispose()


@pytest.fixture(scope="module")
def tills(hq: Any) -> tuple[Till, Till]:
    return Till(hq, "S001", "TR1"), Till(hq, "S002", "TR2")


def rows(hq: Any, sql: str, **params: Any) -> list[Any]:
    """The rows of ``sql`` at head office."""
    with hq.engine.connect() as conn:
        return list(conn.execute(text(sql), params).all())


def _open(hq: Any, mid: int) -> list[tuple[str, str, int | None]]:
    found = rows(
        hq,
        "SELECT kind, event_id, amount FROM review_items WHERE member_id = :m"
        " AND kind IN ('overdraft', 'points_overdraft') AND resolved_at IS NULL",
        m=mid,
    )
    return [(str(k), str(e), a) for k, e, a in found]


def open_items(hq: Any, mid: int) -> set[tuple[str, str]]:
    """(kind, event id) of the member's open overdraft items."""
    return {(k, e) for k, e, _ in _open(hq, mid)}


def amounts(hq: Any, mid: int) -> dict[str, int]:
    """How far below zero each open item's event left the balance (fen or points)."""
    return {e: int(a or 0) for _, e, a in _open(hq, mid)}


# --- the two cases of issue #23, in both orders of arrival ------------------------------


@pytest.mark.parametrize("first", ["TR1", "TR2"])
def test_an_overspend_hidden_by_a_later_recharge_is_flagged_whatever_arrives_first(
    hq: Any, tills: tuple[Till, Till], first: str
) -> None:
    t1, t2 = tills
    mid = new_member(hq, sv_fen=10_000)
    # T02 spends the whole 100.00 at 10:00 (its clock writes +08:00: the same instant),
    # T01 spends 100.00 at 10:05 and takes a 200.00 recharge at 10:10.
    t2_spend = t2.spend(mid, 10_000, at(0, tz_hours=8))
    t1_spend = t1.spend(mid, 10_000, at(5))
    t1_recharge = t1.recharge(mid, 20_000, at(10))
    pushes = [(t1, [t1_spend, t1_recharge]), (t2, [t2_spend])]
    if first == "TR2":
        pushes.reverse()
    results = [till.push(events) for till, events in pushes]
    assert open_items(hq, mid) == {("overdraft", t1_spend["id"])}
    assert amounts(hq, mid) == {t1_spend["id"]: 10_000}
    # The push that showed it says so on the event, when the event is its own.
    mine = {r["id"]: r["flags"] for res in results for r in res}
    if first == "TR2":
        assert "overdraft" in mine[t1_spend["id"]]


@pytest.mark.parametrize("first", ["TR1", "TR2"])
def test_a_balance_that_never_went_below_zero_leaves_no_item_whatever_arrives_first(
    hq: Any, tills: tuple[Till, Till], first: str
) -> None:
    t1, t2 = tills
    mid = new_member(hq, sv_fen=10_000)
    # T02 spends 100.00 then recharges 200.00; T01 spends 100.00 later.
    t2_events = [t2.spend(mid, 10_000, at(0)), t2.recharge(mid, 20_000, at(5))]
    t1_events = [t1.spend(mid, 10_000, at(10))]
    pushes = [(t1, t1_events), (t2, t2_events)]
    if first == "TR2":
        pushes.reverse()
    for till, events in pushes:
        till.push(events)
    assert open_items(hq, mid) == set()
    assert rows(hq, "SELECT sv_principal_fen FROM members WHERE id = :m", m=mid) == [(10_000,)]


def test_an_item_a_later_push_disproves_is_withdrawn_and_kept_with_its_history(
    hq: Any, tills: tuple[Till, Till]
) -> None:
    t1, t2 = tills
    mid = new_member(hq, sv_fen=10_000)
    spend = t1.spend(mid, 15_000, at(10))
    assert "overdraft" in t1.push([spend])[0]["flags"]
    assert amounts(hq, mid) == {spend["id"]: 5_000}
    # The other store had taken a small recharge earlier: still overdrawn, by less.
    t2.push([t2.recharge(mid, 2_000, at(1))])
    assert amounts(hq, mid) == {spend["id"]: 3_000}
    # And another, earlier still: the spend never overdrew the balance.
    t2.push([t2.recharge(mid, 5_000, at(2))])
    assert open_items(hq, mid) == set()
    (item,) = rows(
        hq,
        "SELECT id, withdrawn_at, amount FROM review_items"
        " WHERE member_id = :m AND kind = 'overdraft'",
        m=mid,
    )
    history = rows(
        hq,
        "SELECT action, amount_before, amount_after, store_id, terminal_id"
        " FROM review_item_history WHERE review_item_id = :i ORDER BY id",
        i=item.id,
    )
    assert item.withdrawn_at is not None  # kept: review items are audit
    with hq.client(ADMIN) as c:
        listed = c.get("/api/v1/review-items", params={"limit": 1000}).json()
    assert item.id not in {i["id"] for i in listed}  # but no longer listed as open
    assert [tuple(h) for h in history] == [
        ("amended", 5_000, 3_000, "S002", "TR2"),
        ("withdrawn", 3_000, None, "S002", "TR2"),
    ]
    # A spend pushed later, earlier than the recharges' effect, overdraws it again.
    t1.push([t1.spend(mid, 4_000, at(1.5))])
    assert open_items(hq, mid) == {("overdraft", spend["id"])}
    assert amounts(hq, mid) == {spend["id"]: 2_000}
    (again,) = rows(
        hq,
        "SELECT i.id, h.action, h.amount_before, h.amount_after FROM review_items i"
        " JOIN review_item_history h ON h.review_item_id = i.id"
        " WHERE i.member_id = :m ORDER BY h.id DESC LIMIT 1",
        m=mid,
    )
    assert tuple(again) == (item.id, "reinstated", 3_000, 2_000)  # the same item, back


@pytest.mark.parametrize("first", ["TR1", "TR2"])
def test_points_are_reviewed_in_event_time_too(
    hq: Any, tills: tuple[Till, Till], first: str
) -> None:
    t1, t2 = tills
    mid = new_member(hq, points=1_000)
    t2_redeem = t2.redeem(mid, 1_000, at(0))
    t1_redeem = t1.redeem(mid, 500, at(5))
    pushes = [(t1, [t1_redeem]), (t2, [t2_redeem])]
    if first == "TR2":
        pushes.reverse()
    for till, events in pushes:
        till.push(events)
    assert open_items(hq, mid) == {("points_overdraft", t1_redeem["id"])}
    assert amounts(hq, mid) == {t1_redeem["id"]: 500}


# --- random interleavings against a plain replay ----------------------------------------


@dataclass(frozen=True)
class Op:
    till: int
    recharge: bool
    fen: int
    minute: int


def replay(opening: int, pushed: list[tuple[Till, dict[str, Any]]]) -> dict[str, int]:
    """The overdraft items an event-time replay of ``pushed`` gives: event id -> fen short."""
    rows = []
    for seq, (till, ev) in enumerate(pushed):
        p = ev["payload"]
        delta = p["amount_fen"] if ev["kind"] == "recharge.completed" else p["sv_principal_fen"]
        when = datetime.fromisoformat(ev["created_at"]).astimezone(UTC)
        rows.append((when, till.store, till.terminal, seq, ev["id"], delta))
    balance, out = opening, {}
    for *_key, eid, delta in sorted(rows):
        balance += delta
        if delta < 0 and balance < 0:
            out[eid] = -balance
    return out


ops = st.lists(
    st.builds(
        Op,
        till=st.integers(0, 1),
        recharge=st.booleans(),
        fen=st.sampled_from([1_000, 2_500, 5_000, 10_000, 20_000]),
        minute=st.integers(0, 6),  # few minutes: ties in event time happen
    ),
    min_size=1,
    max_size=10,
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    opening=st.sampled_from([0, 5_000, 10_000]),
    plan=ops,
    cuts=st.lists(st.booleans(), min_size=10, max_size=10),
    order=st.randoms(use_true_random=False),
)
def test_review_items_equal_an_event_time_replay_of_what_has_arrived(
    hq: Any, tills: tuple[Till, Till], opening: int, plan: list[Op], cuts: list[bool], order: Any
) -> None:
    mid = new_member(hq, sv_fen=opening)
    # Each till's events in its own time order, cut into batches it pushes in order.
    queues: list[list[list[dict[str, Any]]]] = [[], []]
    for i, till in enumerate(tills):
        mine = sorted((op for op in plan if op.till == i), key=lambda op: op.minute)
        batch: list[dict[str, Any]] = []
        for n, op in enumerate(mine):
            when = at(op.minute)
            batch.append(till.recharge(mid, op.fen, when) if op.recharge else
                         till.spend(mid, op.fen, when))  # fmt: skip
            if cuts[n % len(cuts)]:
                queues[i].append(batch)
                batch = []
        if batch:
            queues[i].append(batch)
    pushed: list[tuple[Till, dict[str, Any]]] = []
    while queues[0] or queues[1]:
        i = order.choice([j for j in (0, 1) if queues[j]])
        events = queues[i].pop(0)
        tills[i].push(events)
        pushed.extend((tills[i], ev) for ev in events)
        # As known when each push arrives: the items equal the replay of what is in.
        assert amounts(hq, mid) == replay(opening, pushed)


# --- a card blocked at head office, used at a till before it pulled the block -----------


def _cash_sale(till: Till, mid: int, when: str, **card: Any) -> dict[str, Any]:
    return till._event(
        "sale.completed",
        {
            "business_date": when[:10],
            "member_id": mid,
            "total_fen": 1_500,
            "tenders": [{"kind": "cash", "amount_fen": 1_500}],
            "offline": True,
            **card,
        },
        when,
    )


def test_a_card_used_after_head_office_blocked_it_is_flagged_and_one_used_before_is_not(
    hq: Any, tills: tuple[Till, Till]
) -> None:
    t1, _ = tills
    mid = 40
    ((number,),) = rows(
        hq, "SELECT number FROM cards WHERE member_id = :m AND state = 'active'", m=mid
    )
    with hq.client(ADMIN) as c:
        r = c.post(f"/api/v1/cards/{number}/block", json={"reason": "wallet stolen"})
    assert r.status_code == 200, r.text
    ((blocked_at,),) = rows(hq, "SELECT blocked_at FROM cards WHERE number = :n", n=number)
    block = datetime.fromisoformat(blocked_at)
    # The till has not pulled yet: it sold with the card a minute before and a minute after
    # the block (its clock in +08:00), and pushes both together, the later one first.
    card = {"card_number": number, "id_method": "member_card"}
    before = _cash_sale(t1, mid, (block - timedelta(minutes=1)).astimezone(
        timezone(timedelta(hours=8))).isoformat(), **card)  # fmt: skip
    after = _cash_sale(t1, mid, (block + timedelta(minutes=1)).isoformat(), **card)
    by_phone = _cash_sale(t1, mid, (block + timedelta(minutes=2)).isoformat(),
                          id_method="phone")  # fmt: skip
    results = {r["id"]: r["flags"] for r in t1.push([after, before, by_phone])}
    assert results == {after["id"]: ["blocked_card_used"], before["id"]: [], by_phone["id"]: []}
    items = rows(
        hq,
        "SELECT event_id FROM review_items WHERE kind = 'blocked_card_used' AND member_id = :m",
        m=mid,
    )
    assert items == [(after["id"],)]
    # Head office's sale rows record the card and how the member was identified.
    sales = rows(
        hq,
        "SELECT id, card_number, id_method FROM sales WHERE id IN (:a, :b, :c)",
        a=after["id"], b=before["id"], c=by_phone["id"],
    )  # fmt: skip
    assert {tuple(r) for r in sales} == {
        (after["id"], number, "member_card"),
        (before["id"], number, "member_card"),
        (by_phone["id"], None, "phone"),
    }


def test_a_sale_from_an_older_till_without_card_or_method_still_applies(
    hq: Any, tills: tuple[Till, Till]
) -> None:
    t1, _ = tills
    old = _cash_sale(t1, 41, at(30))
    assert t1.push([old])[0]["status"] == "applied"
    sql = "SELECT card_number, id_method FROM sales WHERE id = :s"
    assert rows(hq, sql, s=old["id"]) == [(None, None)]
    # A method head office does not know is refused as malformed, nothing written.
    bad = _cash_sale(t1, 41, at(31), id_method="telepathy")
    with hq.client(t1.token) as c:
        r = c.post("/api/v1/sync/push", json={"events": [bad]})
    assert r.status_code == 422, r.text
    assert rows(hq, sql, s=bad["id"]) == []
