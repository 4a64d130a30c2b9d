"""Holds: stored value and points head office reserves for a till's sale while online.

A till about to take a stored-value or points payment asks for a hold
(``place``). Head office locks the member's row (``SELECT ... FOR UPDATE``;
SQLite's ``BEGIN IMMEDIATE`` serialises writers anyway), lets holds past
their time lapse, and grants the hold only if the confirmed balance less the
member's other live holds covers it: two stores asking at once queue on the
row lock and the second sees the first's hold, so one balance cannot be spent
twice while head office is reachable. Push locks the same row first, so a
sale and a hold never interleave.

The pushed sales settle their holds (``settle_sales``, called by push once per
batch, in its transaction): the hold it names is captured, and any other hold of the
same sale id (one asked for again after a timeout, say) is released. Push is
exactly once, so a hold is captured once; a replayed push returns the first
result. A till releases a hold it will not use (``release``: the payment
failed, the sale was voided); a hold nobody settles stops counting at its
``expires_at`` and is marked released by the next hold for that member.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import Connection, bindparam, case, func, select, update
from sqlalchemy import insert as sa_insert

from pos_member.headoffice import models as m
from pos_member.headoffice.validate import EventRefused
from pos_member.wire.holds import HoldRequest, HoldResponse, HoldState

HELD, CAPTURED, RELEASED = "held", "captured", "released"


def _iso(t: datetime) -> str:
    return t.astimezone(UTC).isoformat(timespec="milliseconds")


def _live(member_id: int, at: str) -> Any:
    return (
        (m.HoldRow.member_id == member_id) & (m.HoldRow.state == HELD) & (m.HoldRow.expires_at > at)
    )


def held_for(conn: Connection, member_id: int, at: str) -> tuple[int, int]:
    """(stored value, points) in the member's live holds at ``at``."""
    sv, pts = conn.execute(
        select(
            func.coalesce(func.sum(m.HoldRow.stored_value_fen), 0),
            func.coalesce(func.sum(m.HoldRow.points), 0),
        ).where(_live(member_id, at))
    ).one()
    return int(sv), int(pts)


def place(
    conn: Connection,
    terminal_key: str,
    store_id: str,
    req: HoldRequest,
    now: datetime,
    ttl_s: float,
) -> HoldResponse:
    """Grant or refuse a hold for ``req`` in the caller's transaction.

    Five statements: the member's row locked; its balances with its other live
    holds (a hold of the same sale asked for again is replaced, not added to);
    lapsed and replaced holds marked released; when granted, the new hold
    written (a refused retry still releases the sale's older hold: that sale
    will not use it).
    """
    at = _iso(now)
    mine = (m.HoldRow.terminal_key == terminal_key) & (m.HoldRow.sale_id == req.sale_id)
    others = _live(req.member_id, at) & ~mine

    def held(col: Any) -> Any:
        return select(func.coalesce(func.sum(col), 0)).where(others).scalar_subquery()

    q = select(
        m.MemberRow.sv_principal_fen + m.MemberRow.sv_bonus_fen,
        m.MemberRow.points,
        held(m.HoldRow.stored_value_fen),
        held(m.HoldRow.points),
    ).where(m.MemberRow.id == req.member_id)
    if conn.dialect.name == "postgresql":
        # The lock first, in a statement of its own: under READ COMMITTED a statement
        # that waited for the lock still reads the other holds as of its own start, so
        # locking and summing in one statement let two tills be granted one balance.
        # The sums below, a new statement, see every hold committed before the lock.
        conn.execute(
            select(m.MemberRow.id).where(m.MemberRow.id == req.member_id).with_for_update()
        )
    row = conn.execute(q).first()
    if row is None:
        raise EventRefused(404, "member.unknown", f"no member {req.member_id} at head office")
    available_fen = int(row[0]) - int(row[2])
    available_points = int(row[1]) - int(row[3])
    conn.execute(
        update(m.HoldRow)
        .where(
            m.HoldRow.member_id == req.member_id,
            m.HoldRow.state == HELD,
            (m.HoldRow.expires_at <= at) | mine,
        )
        .values(
            state=RELEASED,
            settled_at=at,
            settled_by=case((mine, "replaced"), else_="timeout"),
        )
    )
    if req.stored_value_fen > available_fen or req.points > available_points:
        return HoldResponse(
            granted=False,
            available_fen=max(available_fen, 0),
            available_points=max(available_points, 0),
        )
    hold_id = str(uuid.uuid4())
    expires = _iso(now + timedelta(seconds=ttl_s))
    conn.execute(
        sa_insert(m.HoldRow).values(
            id=hold_id,
            member_id=req.member_id,
            terminal_key=terminal_key,
            store_id=store_id,
            sale_id=req.sale_id,
            stored_value_fen=req.stored_value_fen,
            points=req.points,
            state=HELD,
            created_at=at,
            expires_at=expires,
        )
    )
    return HoldResponse(
        granted=True,
        hold_id=hold_id,
        expires_at=expires,
        available_fen=available_fen - req.stored_value_fen,
        available_points=available_points - req.points,
    )


def release(conn: Connection, terminal_key: str, hold_id: str, now: datetime) -> HoldState:
    """Release this terminal's hold ``hold_id`` (a captured hold stays captured)."""
    row = conn.execute(
        select(m.HoldRow.state, m.HoldRow.terminal_key).where(m.HoldRow.id == hold_id)
    ).first()
    if row is None or row.terminal_key != terminal_key:
        raise EventRefused(404, "hold.unknown", f"no hold {hold_id} of this terminal")
    state = str(row.state)
    if state == HELD:
        conn.execute(
            update(m.HoldRow)
            .where(m.HoldRow.id == hold_id, m.HoldRow.state == HELD)
            .values(state=RELEASED, settled_at=_iso(now), settled_by="void")
        )
        state = RELEASED
    return HoldState(hold_id=hold_id, state=state)  # type: ignore[arg-type]


@dataclass(frozen=True, slots=True)
class SaleSpend:
    """A pushed sale's spend, as the holds see it."""

    event_id: str
    sale_id: str
    member_id: int
    hold_id: str | None
    stored_value_fen: int
    points: int


def settle_sales(
    conn: Connection, terminal_key: str, sales: list[SaleSpend], now: str
) -> list[tuple[SaleSpend, str]]:
    """Capture the holds a push's sales name and release their other holds.

    Called by push once per batch, in its transaction, after the members' rows
    are locked: two statements for the whole batch (three when holds are named).
    Returns the review flags raised, per sale: a hold that is not this
    terminal's sale's (``hold_unknown``), one captured by another sale
    (``hold_reused``), one smaller than what the sale took (``hold_exceeded``);
    the sale, which happened at a counter, is applied all the same.
    """
    if not sales:
        return []
    flags: list[tuple[SaleSpend, str]] = []
    named = sorted({x.hold_id for x in sales if x.hold_id is not None})
    rows = (
        {
            r.id: r
            for r in conn.execute(
                select(
                    m.HoldRow.id,
                    m.HoldRow.terminal_key,
                    m.HoldRow.sale_id,
                    m.HoldRow.state,
                    m.HoldRow.settled_by,
                    m.HoldRow.stored_value_fen,
                    m.HoldRow.points,
                ).where(m.HoldRow.id.in_(named))
            )
        }
        if named
        else {}
    )
    captures: list[dict[str, str]] = []
    for x in sales:
        if x.hold_id is None:
            continue
        row = rows.get(x.hold_id)
        if row is None or row.terminal_key != terminal_key or row.sale_id != x.sale_id:
            flags.append((x, "hold_unknown"))
            continue
        if row.state == CAPTURED and row.settled_by != x.sale_id:
            flags.append((x, "hold_reused"))
            continue
        captures.append({"h": x.hold_id, "s": x.sale_id})
        if x.stored_value_fen > row.stored_value_fen or x.points > row.points:
            flags.append((x, "hold_exceeded"))
    if captures:
        conn.execute(
            update(m.HoldRow)
            .where(m.HoldRow.id == bindparam("h"))
            .values(state=CAPTURED, settled_at=now, settled_by=bindparam("s")),
            captures,
        )
    conn.execute(
        update(m.HoldRow)
        .where(
            m.HoldRow.terminal_key == terminal_key,
            m.HoldRow.sale_id.in_(sorted({x.sale_id for x in sales})),
            m.HoldRow.state == HELD,
        )
        .values(state=RELEASED, settled_at=now, settled_by="sale")
    )
    return flags
