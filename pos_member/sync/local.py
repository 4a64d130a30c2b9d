"""What the sync client keeps in the terminal's database, next to the store's tables.

- ``sync_balances`` (schema in ``store.models_sync``, created by migration 0102):
  each member's last *confirmed* balances from head office
  (may be negative after an overdraft) and their ``version``.
- ``sync_acks``: for every acknowledged event that moved a member's balance,
  the member's balance version at head office once it was applied. The event
  is part of the confirmed balance as soon as a pulled version reaches it.
- Credentials and "last contact" live in the store's ``terminal_state``;
  the pull cursor in its ``sync_cursors`` (name ``hq.pull``).

The balance the counter shows and enforces is::

    confirmed + effects of (unsent outbox events + acknowledged events not yet confirmed)

and the store's cached columns on ``members`` are kept equal to it by
append-only ``sync`` ledger entries (``reconcile``), so the store's own rule,
cached balance = sum of entries, keeps holding. Two caveats: the store's
columns cannot go negative, so after a confirmed overdraft they hold zero
(the true figure stays in ``sync_balances``): ``overdrawn`` gives what the
counter then shows and enforces, the debt netted off; and head office expires
points itself, the terminal keeps confirmed points it has no lot for in one
lot per member (``hq-<member id>``) without an expiry date; a fall in
confirmed points is taken from the member's lots, soonest expiring first, so
the lots hold what head office confirmed (a refund's take-back then sees the
shortfall).
"""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Connection, Engine, inspect, text

from pos_member.domain.errors import ValidationError
from pos_member.domain.events import EventKind
from pos_member.domain.ledger import (
    PointsEntry,
    PointsLot,
    PointsReason,
    Spendable,
    SVBalance,
    net_overdraft,
    plan_correction,
)
from pos_member.domain.money import Money
from pos_member.store.models_sync import sync_acks, sync_balances
from pos_member.sync.outbound import to_wire

# terminal_state keys
HQ_URL = "hq.url"
HQ_TOKEN = "hq.token"
HQ_STORE = "hq.store_id"
HQ_TERMINAL = "hq.terminal_id"
HQ_MEMBER_BASE = "hq.member_id_base"
HQ_MEMBER_BLOCK = "hq.member_id_block"
HQ_MEMBER_NEXT = "hq.member_id_next"
HQ_CARD_SERIAL_BASE = "hq.card_serial_base"
HQ_CARD_SERIAL_BLOCK = "hq.card_serial_block"
HQ_FEED_VERSION = "hq.feed_version"
LAST_CONTACT = "hq.last_contact"
LAST_SUCCESS = "hq.last_success"


def executemany_raw(conn: Connection, sql: str, rows: list[dict[str, Any]]) -> None:
    """executemany straight on the sqlite3 connection, inside the current transaction.

    SQLAlchemy's per-row parameter processing costs more than SQLite's insert
    itself; a million-member snapshot would spend minutes in it.
    """
    if rows:
        dbapi = conn.connection.dbapi_connection
        assert dbapi is not None
        dbapi.executemany(sql, rows)


def ensure_tables(engine: Engine) -> None:
    """Check that the sync client's tables exist (the store's migration 0102 creates them).

    ``Store.open`` migrates every database it opens, so a missing table means
    the database was opened some other way: say so rather than create tables
    outside the migration chain.
    """
    with engine.connect() as conn:
        names = set(inspect(conn).get_table_names())
    missing = {sync_balances.name, sync_acks.name} - names
    if missing:
        raise RuntimeError(
            f"terminal database lacks {sorted(missing)}: open it with Store.open (it migrates)"
        )


def get_state(conn: Connection, key: str) -> str | None:
    return conn.execute(
        text("SELECT value FROM terminal_state WHERE key = :k"), {"k": key}
    ).scalar_one_or_none()


def set_state(conn: Connection, key: str, value: str) -> None:
    conn.execute(
        text(
            "INSERT INTO terminal_state (key, value) VALUES (:k, :v) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value"
        ),
        {"k": key, "v": value},
    )


def next_member_id(conn: Connection) -> int:
    """The next member id of this terminal's enrolment block, in the caller's transaction.

    The one allocator of member ids at a terminal (``members.register_member``
    and the sync client both use it). Enrolment records the block head office
    gave this terminal (``hq.member_id_base``, ``hq.member_id_block``) and the
    next free id (``hq.member_id_next``); this takes that id, skipping any id
    already present (a member pulled from head office, say), and moves the
    counter on. A terminal never enrolled (a stand-alone demo) numbers after
    its highest member id: there is no chain whose ids it could collide with.
    """
    base, block = get_state(conn, HQ_MEMBER_BASE), get_state(conn, HQ_MEMBER_BLOCK)
    if base is None or block is None:
        top = conn.execute(text("SELECT max(id) FROM members")).scalar_one_or_none()
        return int(top or 0) + 1
    end = int(base) + int(block)
    nxt = get_state(conn, HQ_MEMBER_NEXT)
    value = int(nxt) if nxt is not None else int(base)
    taken = text("SELECT 1 FROM members WHERE id = :i")
    while value < end and conn.execute(taken, {"i": value}).first() is not None:
        value += 1
    if value >= end:
        raise ValidationError(
            field="member id",
            problem="this terminal has used its block of member ids: sync with head office",
        )
    set_state(conn, HQ_MEMBER_NEXT, str(value + 1))
    return value


@dataclass(frozen=True, slots=True)
class Effect:
    principal: int = 0
    bonus: int = 0
    points: int = 0

    def __add__(self, other: Effect) -> Effect:
        return Effect(
            self.principal + other.principal, self.bonus + other.bonus, self.points + other.points
        )


def effects_of(kind: str, payload: dict[str, Any]) -> dict[int, Effect]:
    """The member balance changes an outbox event carries (what head office will apply)."""
    payload = to_wire(kind, payload)
    mid = payload.get("member_id")
    if mid is None:
        return {}
    if kind in (EventKind.SALE.value, EventKind.REFUND.value):
        e = Effect(
            int(payload.get("sv_principal_fen", 0)),
            int(payload.get("sv_bonus_fen", 0)),
            int(payload.get("points_earned", 0)) - int(payload.get("points_redeemed", 0)),
        )
    elif kind == EventKind.RECHARGE.value:
        e = Effect(int(payload.get("amount_fen", 0)), int(payload.get("bonus_fen", 0)), 0)
    elif kind == EventKind.SV_ADJUSTED.value:
        e = Effect(int(payload.get("principal_fen", 0)), int(payload.get("bonus_fen", 0)), 0)
    elif kind == EventKind.POINTS_ADJUSTED.value:
        e = Effect(0, 0, int(payload.get("delta", 0)))
    elif kind == EventKind.POINTS_EXPIRED.value:
        e = Effect(0, 0, sum(int(x.get("delta", 0)) for x in payload.get("lots", [])))
    else:
        return {}
    return {int(mid): e} if (e.principal or e.bonus or e.points) else {}


def _payload(raw: Any) -> dict[str, Any]:
    return json.loads(raw) if isinstance(raw, str) else dict(raw)


def _query(conn: Connection | sqlite3.Connection, sql: str, params: dict[str, Any]) -> Any:
    """Rows of ``sql`` on a SQLAlchemy connection or the store's plain sqlite3 reader."""
    if isinstance(conn, sqlite3.Connection):
        return conn.execute(sql, params)
    return conn.execute(text(sql), params)


def pending_effects(
    conn: Connection | sqlite3.Connection, member_ids: Iterable[int] | None = None
) -> dict[int, Effect]:
    """Local effects head office's confirmed balances do not include yet, per member."""
    wanted = None if member_ids is None else set(member_ids)
    out: dict[int, Effect] = defaultdict(Effect)
    unsent = _query(conn, "SELECT kind, payload FROM outbox WHERE sent_at IS NULL", {})
    for kind, raw in unsent:
        for mid, e in effects_of(kind, _payload(raw)).items():
            if wanted is None or mid in wanted:
                out[mid] = out[mid] + e
    # Sent and acknowledged, but the confirmed balance we hold is older than the ack.
    q = (
        "SELECT a.member_id, o.kind, o.payload FROM sync_acks a "
        "JOIN outbox o ON o.id = a.event_id "
        "LEFT JOIN sync_balances b ON b.member_id = a.member_id "
        "WHERE a.version > coalesce(b.version, 0)"
    )
    for mid, kind, raw in _query(conn, q, {}):
        if wanted is None or mid in wanted:
            got = effects_of(kind, _payload(raw)).get(mid)
            if got is not None:
                out[mid] = out[mid] + got
    return dict(out)


def overdrawn(conn: Connection | sqlite3.Connection, member_id: int) -> Spendable | None:
    """What the member may spend when head office confirmed an overdraft; else None.

    The store's balance columns cannot go negative, so after a confirmed
    overdraft they show zero and, after a recharge, more than the member has.
    The true balance is ``counter_balance`` (confirmed + this till's unsynced
    entries); the counter shows and enforces its netted form. One primary-key
    lookup when the member is not overdrawn (the usual case).
    """
    negative = _query(
        conn,
        "SELECT 1 FROM sync_balances WHERE member_id = :m "
        "AND (sv_principal_fen < 0 OR sv_bonus_fen < 0 OR points < 0)",
        {"m": member_id},
    ).fetchone()
    if negative is None:
        return None
    cb = counter_balance(conn, member_id)
    true = SVBalance(
        Money(cb.confirmed_principal + cb.pending.principal),
        Money(cb.confirmed_bonus + cb.pending.bonus),
    )
    return net_overdraft(true, cb.points)


def reconcile(conn: Connection, member_ids: list[int], now: str, today: str) -> None:
    """Make the store's cached balances equal confirmed + pending, by ledger entries."""
    if not member_ids:
        return
    pend = pending_effects(conn, member_ids)
    rows = conn.execute(
        text(
            "SELECT m.id, m.sv_principal_fen, m.sv_bonus_fen, m.points_balance, "
            "coalesce(b.sv_principal_fen, 0), coalesce(b.sv_bonus_fen, 0), coalesce(b.points, 0), "
            "coalesce(b.version, 0) FROM members m LEFT JOIN sync_balances b ON b.member_id = m.id "
            "WHERE m.id IN (SELECT value FROM json_each(:ids))"
        ),
        {"ids": json.dumps(member_ids)},
    ).all()
    sv_entries: list[dict[str, Any]] = []
    lots: list[dict[str, Any]] = []
    pt_entries: list[dict[str, Any]] = []
    updates: list[dict[str, Any]] = []
    for mid, cur_p, cur_b, cur_pts, conf_p, conf_b, conf_pts, version in rows:
        e = pend.get(mid, Effect())
        tp = max(0, conf_p + e.principal)
        tb = max(0, conf_b + e.bonus)
        tpts = max(0, conf_pts + e.points)
        if (tp, tb, tpts) == (cur_p, cur_b, cur_pts):
            continue
        ref = f"sync-{mid}-{version}"[:36]
        if tp != cur_p or tb != cur_b:
            sv_entries.append(
                {
                    "event_id": ref,
                    "member_id": mid,
                    "kind": "sync",
                    "p": tp - cur_p,
                    "b": tb - cur_b,
                    "now": now,
                    "today": today,
                }
            )
        if tpts != cur_pts:
            lots.append({"id": f"hq-{mid}", "member_id": mid, "today": today})
            pt_entries.extend(
                {"event_id": ref, "member_id": mid, "lot": e.lot_id, "d": e.delta, "now": now}
                for e in _points_correction(conn, mid, ref, tpts - cur_pts)
            )
        updates.append({"mid": mid, "p": tp, "b": tb, "pts": tpts, "now": now})
    terminal = get_state(conn, HQ_TERMINAL) or "SYNC"
    if sv_entries:
        executemany_raw(
            conn,
            (
                "INSERT INTO stored_value_entries (event_id, member_id, kind, principal_delta_fen, "
                "bonus_delta_fen, terminal_id, offline, business_date, created_at, note) "
                "VALUES (:event_id, :member_id, :kind, :p, :b, :t, 0, :today, :now, "
                "'confirmed balance from head office')"
            ),
            [{**r, "t": terminal} for r in sv_entries],
        )
    if lots:
        executemany_raw(
            conn,
            (
                "INSERT INTO points_lots (id, member_id, earned_on, expires_on, points) "
                "VALUES (:id, :member_id, :today, NULL, 0) ON CONFLICT (id) DO NOTHING"
            ),
            lots,
        )
        executemany_raw(
            conn,
            (
                "INSERT INTO points_entries (event_id, member_id, lot_id, kind, delta, created_at) "
                "VALUES (:event_id, :member_id, :lot, 'sync', :d, :now)"
            ),
            pt_entries,
        )
    if updates:
        executemany_raw(
            conn,
            (
                "UPDATE members SET sv_principal_fen = :p, sv_bonus_fen = :b, "
                "points_balance = :pts WHERE id = :mid"
            ),
            updates,
        )


def _points_correction(conn: Connection, member_id: int, ref: str, delta: int) -> list[PointsEntry]:
    """The entries that bring the member's lots to head office's confirmed points.

    A fall is taken from the member's lots (``ledger.plan_correction``), so they
    model what head office confirmed; a rise needs no lot read.
    """
    hq_lot = f"hq-{member_id}"
    if delta >= 0:
        return plan_correction(ref, [], [], delta, hq_lot)
    rows = conn.execute(
        text(
            "SELECT l.id, l.earned_on, l.expires_on, l.points, sum(e.delta) FROM points_lots l "
            "JOIN points_entries e ON e.lot_id = l.id WHERE l.member_id = :m "
            "GROUP BY l.id HAVING sum(e.delta) > 0"
        ),
        {"m": member_id},
    ).all()
    lots = [
        PointsLot(
            str(lot_id),
            date.fromisoformat(earned),
            date.fromisoformat(expires) if expires else None,
            int(points),
        )
        for lot_id, earned, expires, points, _ in rows
    ]
    entries = [PointsEntry("", str(r[0]), int(r[4]), PointsReason.SYNC) for r in rows]
    return plan_correction(ref, lots, entries, delta, hq_lot)


@dataclass(frozen=True, slots=True)
class CounterBalance:
    """A member's balance as the counter sees it, with where it comes from."""

    member_id: int
    confirmed_principal: int
    confirmed_bonus: int
    confirmed_points: int
    pending: Effect

    @property
    def stored_value_fen(self) -> int:
        return (
            self.confirmed_principal
            + self.confirmed_bonus
            + self.pending.principal
            + self.pending.bonus
        )

    @property
    def points(self) -> int:
        return self.confirmed_points + self.pending.points


def spendable(
    conn: Connection | sqlite3.Connection, member_id: int, cached: SVBalance, points: int
) -> Spendable:
    """What the member may spend here: the cached balances (``points``: those usable
    today), less any overdraft head office confirmed; with what is owed, if anything."""
    netted = overdrawn(conn, member_id)
    if netted is None:
        return Spendable(cached, points)
    return Spendable(
        SVBalance(min(cached.principal, netted.sv.principal), min(cached.bonus, netted.sv.bonus)),
        min(points, netted.points),
        netted.sv_owed,
        netted.points_owed,
    )


def counter_balance(conn: Connection | sqlite3.Connection, member_id: int) -> CounterBalance:
    row = _query(
        conn,
        "SELECT sv_principal_fen, sv_bonus_fen, points FROM sync_balances WHERE member_id = :m",
        {"m": member_id},
    ).fetchone()
    p, b, pts = row if row is not None else (0, 0, 0)
    return CounterBalance(
        member_id, p, b, pts, pending_effects(conn, [member_id]).get(member_id, Effect())
    )
