"""What the sync client keeps in the terminal's database, next to the store's tables.

- ``sync_balances`` (schema in ``store.models_sync``, created by migration 0102):
  each member's last *confirmed* balances from head office
  (may be negative after an overdraft) and their ``version``.
- ``sync_acks``: for every acknowledged event that moved a member's balance,
  the member's balance version at head office once it was applied. The event
  is part of the confirmed balance as soon as a pulled version reaches it.
- Credentials and "last contact" live in the store's ``terminal_state``;
  the pull cursor in its ``sync_cursors`` (name ``hq.pull``).

The balance the counter shows and enforces, and the overdraft netted off it,
are the services' rule (``services.balances``); ``reconcile`` keeps the
store's cached columns on ``members`` equal to it by append-only ``sync``
ledger entries, so the store's own rule, cached balance = sum of entries,
keeps holding. Head office expires points itself: the terminal keeps
confirmed points in one lot per member (``hq-<member id>``) without an
expiry date; a fall in confirmed points is taken from the member's
lots, soonest expiring first, so the lots hold what head office confirmed
(a refund's take-back then sees the shortfall).
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from sqlalchemy import Connection, Engine, inspect, text

from pos_member.domain.ledger import PointsEntry, PointsLot, PointsReason, plan_correction
from pos_member.services.balances import Effect, pending_effects
from pos_member.store import state
from pos_member.store.models_sync import sync_acks, sync_balances


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
    terminal = state.get_state(conn, state.HQ_TERMINAL) or "SYNC"
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
