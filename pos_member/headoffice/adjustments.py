"""Adjustments of a member's points or stored value made at head office (the console).

A person asks for one with a reason. Up to the threshold it is posted at once; above
it, it waits in ``console_adjustments`` until a second person with the right to
approve (never the one who asked) approves or refuses it. Posting appends one entry
to the member's ledger (``sv_entries`` or ``points_entries``, kind ``adjust``, store
``HQ``), moves the member's balances and ``balance_version`` as a pushed event does,
and touches the member on the change feed: every till gets the new balances on its
next pull, as it gets any other change head office makes to a member.

One call is one transaction (the caller's ``conn``): the request, the ledger entry,
the member's balances, the feed and the audit row commit together or not at all.
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import Connection, insert, select, update

from pos_member.headoffice import models as m
from pos_member.headoffice.auth import utcnow
from pos_member.headoffice.changes import touch
from pos_member.headoffice.programme import chain_today
from pos_member.headoffice.review import utc_key
from pos_member.headoffice.validate import EventRefused
from pos_member.wire.schemas import Entity

TESTED_IN = "tests/headoffice/console/test_console_adjust.py"

KINDS = ("points", "sv")
#: The ledger entries' store and terminal: head office's console.
HQ_STORE, HQ_TERMINAL = "HQ", "console"
MAX_POINTS = 10_000_000
MAX_FEN = 100_000_000  # ¥1,000,000


def _refuse(status: int, code: str, detail: str) -> EventRefused:
    return EventRefused(status, code, detail)


def request(
    conn: Connection,
    *,
    member_id: int,
    kind: str,
    amount: int,
    reason: str,
    by_id: int,
    by_name: str,
    threshold: int,
) -> dict[str, Any]:
    """Ask for an adjustment of ``amount`` (points, or fen of stored value principal).

    Posted at once when ``abs(amount) <= threshold``; else left pending. Returns the row.
    """
    if kind not in KINDS:
        raise _refuse(422, "adjust.kind", f"unknown kind {kind!r}")
    if not reason.strip():
        raise _refuse(422, "adjust.reason", "say why")
    if amount == 0 or abs(amount) > (MAX_POINTS if kind == "points" else MAX_FEN):
        raise _refuse(422, "adjust.amount", f"amount {amount} out of range")
    member = conn.execute(
        select(m.MemberRow.points, m.MemberRow.sv_principal_fen).where(m.MemberRow.id == member_id)
    ).first()
    if member is None:
        raise _refuse(404, "member.unknown", f"no member {member_id}")
    has = int(member.points if kind == "points" else member.sv_principal_fen)
    if has + amount < 0:  # checked again when it is posted
        raise _refuse(409, "adjust.below_zero", f"the member has {has}")
    now = utcnow()
    direct = abs(amount) <= threshold
    row = {
        "member_id": member_id, "kind": kind, "amount": amount, "reason": reason.strip()[:200],
        "requested_by": by_id, "requested_by_name": by_name, "requested_at": now,
        "state": "pending", "decided_by": None, "decided_by_name": None, "decided_at": None,
        "event_id": None,
    }  # fmt: skip
    new_id = conn.execute(
        insert(m.ConsoleAdjustment).values(row).returning(m.ConsoleAdjustment.id)
    ).scalar_one()
    row["id"] = int(new_id)
    if direct:
        row.update(_post(conn, row, by_id, by_name, now))
    return row


def decide(
    conn: Connection, adj_id: int, *, approve: bool, by_id: int, by_name: str
) -> dict[str, Any]:
    """Approve (posts it) or refuse a pending adjustment; never the requester's own."""
    q = select(m.ConsoleAdjustment).where(m.ConsoleAdjustment.id == adj_id)
    if conn.dialect.name == "postgresql":
        q = q.with_for_update()
    found = conn.execute(q).first()
    if found is None:
        raise _refuse(404, "adjust.unknown", f"no adjustment {adj_id}")
    row = dict(found._mapping)
    if row["state"] != "pending":
        raise _refuse(409, "adjust.decided", f"adjustment {adj_id} is {row['state']} already")
    if row["requested_by"] == by_id:
        raise _refuse(403, "adjust.self", "a second person approves an adjustment")
    now = utcnow()
    if approve:
        row.update(_post(conn, row, by_id, by_name, now))
    else:
        values = {"state": "refused", "decided_by": by_id, "decided_by_name": by_name,
                  "decided_at": now}  # fmt: skip
        conn.execute(
            update(m.ConsoleAdjustment).where(m.ConsoleAdjustment.id == adj_id).values(values)
        )
        row.update(values)
    return row


def _post(
    conn: Connection, row: dict[str, Any], by_id: int, by_name: str, now: str
) -> dict[str, Any]:
    """Append the ledger entry, move the member's balances, touch the feed."""
    mid, kind, amount = int(row["member_id"]), str(row["kind"]), int(row["amount"])
    q = select(m.MemberRow.sv_principal_fen, m.MemberRow.points, m.MemberRow.balance_version)
    q = q.where(m.MemberRow.id == mid)
    if conn.dialect.name == "postgresql":
        q = q.with_for_update()
    principal, points, version = conn.execute(q).one()
    eid = str(uuid.uuid4())
    common = {"event_id": eid, "member_id": mid, "kind": "adjust", "store_id": HQ_STORE,
              "terminal_id": HQ_TERMINAL, "created_at": now, "event_at": utc_key(now)}  # fmt: skip
    if kind == "points":
        if points + amount < 0:
            raise _refuse(409, "adjust.below_zero", f"the member has {points} points")
        conn.execute(insert(m.PointsEntryRow).values(**common, delta=amount, lot_id=None))
        values: dict[str, Any] = {"points": points + amount}
    else:
        if principal + amount < 0:
            raise _refuse(409, "adjust.below_zero", f"the member has {principal} fen")
        conn.execute(
            insert(m.SVEntryRow).values(
                **common, principal_delta_fen=amount, bonus_delta_fen=0,
                business_date=chain_today(),
            )
        )  # fmt: skip
        values = {"sv_principal_fen": principal + amount}
    conn.execute(
        update(m.MemberRow)
        .where(m.MemberRow.id == mid)
        .values(**values, balance_version=version + 1, updated_at=now)
    )
    done = {"state": "applied", "decided_by": by_id, "decided_by_name": by_name,
            "decided_at": now, "event_id": eid}  # fmt: skip
    conn.execute(
        update(m.ConsoleAdjustment).where(m.ConsoleAdjustment.id == row["id"]).values(done)
    )
    touch(conn, Entity.MEMBER, [mid])  # last: it takes the change clock's lock
    return done


def pending(conn: Connection, stores: list[str] | None = None, limit: int = 200) -> list[Any]:
    """Adjustments waiting for a second person, oldest first."""
    a = m.ConsoleAdjustment
    q = select(a).where(a.state == "pending").order_by(a.id).limit(limit)
    return list(conn.execute(q).all())


def recent(conn: Connection, member_id: int | None = None, limit: int = 50) -> list[Any]:
    """The latest adjustments (of one member when given), newest first."""
    a = m.ConsoleAdjustment
    q = select(a).order_by(a.id.desc()).limit(limit)
    if member_id is not None:
        q = q.where(a.member_id == member_id)
    return list(conn.execute(q).all())
