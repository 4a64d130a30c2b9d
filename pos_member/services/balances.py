"""A member's balance as the counter sees and enforces it, and the overdraft netted off.

Head office's *confirmed* balances (``sync_balances``, written by the sync
client) plus the effects of what this till did that head office has not
confirmed yet (unsent outbox events, and acknowledged events whose balance
version the confirmed figure has not reached: ``sync_acks``). The store's
cached columns cannot go negative, so after a confirmed overdraft the
counter shows and enforces the netted figure (``overdrawn``, ``spendable``).

The rules live here, in the services; the sync client only transports
(``sync.local.reconcile`` writes the ledger entries that keep the cached
columns equal to this).
"""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, text

from pos_member.domain.ledger import Spendable, SVBalance, net_overdraft
from pos_member.domain.money import Money
from pos_member.wire.outbound import to_wire
from pos_member.wire.schemas import EventKind

TESTED_IN = "tests/sync/test_wire.py, tests/sync/test_holds_under_kills.py"


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
    elif kind in (EventKind.RECHARGE_REVERSED.value, EventKind.CARD_CLOSED.value):
        e = Effect(int(payload.get("sv_principal_fen", 0)), int(payload.get("sv_bonus_fen", 0)), 0)
    elif kind == EventKind.SV_ADJUSTED.value:
        e = Effect(int(payload.get("principal_fen", 0)), int(payload.get("bonus_fen", 0)), 0)
    elif kind == EventKind.POINTS_ADJUSTED.value:
        e = Effect(0, 0, int(payload.get("delta", 0)))
    elif kind == EventKind.POINTS_EXPIRED.value:
        e = Effect(0, 0, sum(int(x.get("delta", 0)) for x in payload.get("lots", [])))
    else:
        return {}
    return {int(mid): e} if (e.principal or e.bonus or e.points) else {}


def payload_of(raw: Any) -> dict[str, Any]:
    return json.loads(raw) if isinstance(raw, str) else dict(raw)


def _query(conn: Connection | sqlite3.Connection, sql: str, params: dict[str, Any]) -> Any:
    """Rows of ``sql`` on a SQLAlchemy connection or the store's plain sqlite3 reader."""
    if isinstance(conn, sqlite3.Connection):
        return conn.execute(sql, params)
    return conn.execute(text(sql), params)


#: (member, kind, payload) of events head office acknowledged whose effect the confirmed
#: balance this till holds does not include yet (its version is older than the ack's).
ACKED_NOT_CONFIRMED = (
    "SELECT a.member_id, o.kind, o.payload FROM sync_acks a "
    "JOIN outbox o ON o.id = a.event_id "
    "LEFT JOIN sync_balances b ON b.member_id = a.member_id "
    "WHERE a.version > coalesce(b.version, 0)"
)


def pending_effects(
    conn: Connection | sqlite3.Connection, member_ids: Iterable[int] | None = None
) -> dict[int, Effect]:
    """Local effects head office's confirmed balances do not include yet, per member."""
    wanted = None if member_ids is None else set(member_ids)
    out: dict[int, Effect] = defaultdict(Effect)
    unsent = _query(conn, "SELECT kind, payload FROM outbox WHERE sent_at IS NULL", {})
    for kind, raw in unsent:
        for mid, e in effects_of(kind, payload_of(raw)).items():
            if wanted is None or mid in wanted:
                out[mid] = out[mid] + e
    for mid, kind, raw in _query(conn, ACKED_NOT_CONFIRMED, {}):
        if wanted is None or mid in wanted:
            got = effects_of(kind, payload_of(raw)).get(mid)
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
