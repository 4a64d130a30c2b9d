"""The managers' view of a member, and the card actions they take (report lost,
replace): each checked against the card's state machine, audited in
``admin_log`` and announced in the change feed so that every till learns it."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel
from sqlalchemy import Connection, or_, select, update
from sqlalchemy import insert as sa_insert

from pos_member.domain.cards import CardState, card_transition
from pos_member.domain.errors import CardStateChangeRefused
from pos_member.headoffice import models as m
from pos_member.headoffice import notify
from pos_member.headoffice.auth import utcnow
from pos_member.headoffice.changes import touch
from pos_member.headoffice.review import utc_key
from pos_member.headoffice.validate import EventRefused
from pos_member.wire.schemas import Entity


class MemberView(BaseModel):
    id: int
    name: str
    phone: str | None
    tier_code: str
    status: str
    sv_principal_fen: int
    sv_bonus_fen: int
    points: int
    balance_version: int
    cards: list[dict[str, Any]]


def member_view(conn: Connection, member_id: int) -> MemberView:
    """The member with its cards, as head office's books have them (404 if unknown)."""
    row = conn.execute(select(m.MemberRow).where(m.MemberRow.id == member_id)).first()
    if row is None:
        raise EventRefused(404, "member.unknown", f"no member {member_id}")
    cards = [
        {
            "number": c.number,
            "state": c.state,
            "kind": c.kind,
            "secure_counter": c.secure_counter,
        }
        for c in conn.execute(
            select(m.CardRow).where(m.CardRow.member_id == member_id).order_by(m.CardRow.id)
        ).all()
    ]
    closed = row.status in ("erased", "restricted")  # privacy.CLOSED: no personal data shown
    return MemberView(
        id=row.id,
        name="" if closed else row.name,
        phone=None if closed else row.phone,
        tier_code=row.tier_code,
        status=row.status,
        sv_principal_fen=row.sv_principal_fen,
        sv_bonus_fen=row.sv_bonus_fen,
        points=row.points,
        balance_version=row.balance_version,
        cards=cards,
    )


def card_action(conn: Connection, number: str, action: str, values: dict[str, Any]) -> MemberView:
    """Move card ``number`` by ``action`` of the card state machine (409 if it may not).

    A block (``report_lost``) is stamped with head office's time, which the event-time
    review compares each pushed sale with (``blocked_card_used``); a card found is
    unstamped. The API and the console both block through here."""
    if action == "report_lost":
        values = {**values, "blocked_at": utc_key(utcnow())}
    elif action == "found":
        values = {**values, "blocked_at": None}
    row = conn.execute(select(m.CardRow).where(m.CardRow.number == number)).first()
    if row is None:
        raise EventRefused(404, "card.unknown", f"no card {number}")
    try:
        new = card_transition(CardState(row.state), action)
    except CardStateChangeRefused as exc:
        raise EventRefused(409, exc.code, exc.message) from None
    conn.execute(update(m.CardRow).where(m.CardRow.id == row.id).values(state=new.value, **values))
    conn.execute(
        sa_insert(m.AdminNote).values(
            at=utcnow(), action=f"card.{action}", subject=number, detail=values
        )
    )
    if row.member_id is None:
        raise EventRefused(409, "card.no_member", f"card {number} has no member")
    if action == "report_lost":
        notify.queue_card_blocked(conn, values["blocked_at"], row.member_id, number, utcnow())
    touch(conn, Entity.MEMBER, [row.member_id])
    return member_view(conn, row.member_id)


def replace_card(
    conn: Connection, number: str, new_number: str, new_uid: str | None, kind: str
) -> MemberView:
    """Card ``number`` becomes replaced by a new active card ``new_number`` of the same
    member (409 if the new number or UID is taken, or the old card may not be replaced)."""
    taken = conn.execute(select(m.CardRow.id).where(m.CardRow.number == new_number)).first()
    if taken is not None:
        raise EventRefused(409, "card.taken", f"card {new_number} already exists")
    row = conn.execute(select(m.CardRow).where(m.CardRow.number == number)).first()
    if row is None:
        raise EventRefused(404, "card.unknown", f"no card {number}")
    try:
        card_transition(CardState(row.state), "replace")
    except CardStateChangeRefused as exc:
        raise EventRefused(409, exc.code, exc.message) from None
    if row.member_id is None:
        raise EventRefused(409, "card.no_member", f"card {number} has no member")
    if new_uid and conn.execute(select(m.CardRow.id).where(m.CardRow.uid == new_uid)).first():
        raise EventRefused(409, "card.uid_taken", "that card UID is already registered")
    conn.execute(
        update(m.CardRow)
        .where(m.CardRow.id == row.id)
        .values(
            state=CardState.REPLACED.value,
            replaced_by_number=new_number,
            blocked_at=utc_key(utcnow()),
        )
    )
    conn.execute(
        sa_insert(m.CardRow).values(
            number=new_number,
            uid=new_uid,
            kind=kind,
            state=CardState.ACTIVE.value,
            member_id=row.member_id,
            issued_on=utcnow()[:10],
        )
    )
    conn.execute(
        sa_insert(m.AdminNote).values(
            at=utcnow(), action="card.replace", subject=number, detail={"new": new_number}
        )
    )
    touch(conn, Entity.MEMBER, [row.member_id])
    return member_view(conn, row.member_id)


#: The member-id block of each till (``HQSettings.member_id_block``'s default).
ID_BLOCK = 1_000_000


def _in_stores(conn: Connection, stores: list[str], block: int = ID_BLOCK) -> Any:
    """Members of ``stores``: registered at one of their tills (the member id lies in a
    till's id block) or who bought there."""
    bases = [
        b
        for (b,) in conn.execute(
            select(m.TerminalRow.member_id_base).where(m.TerminalRow.store_id.in_(stores))
        )
    ]
    bought = (
        select(m.SaleRow.id)
        .where(m.SaleRow.member_id == m.MemberRow.id, m.SaleRow.store_id.in_(stores))
        .exists()
    )
    registered = [m.MemberRow.id.between(b, b + block - 1) for b in bases]
    return or_(bought, *registered)


def search_members(
    conn: Connection, query: str, stores: list[str] | None, limit: int = 50
) -> list[dict[str, Any]]:
    """Members whose phone, card number or name matches ``query`` (a phone or card: its
    start; a name: its start), at most ``limit``; only members of ``stores`` when given.
    A closed membership (erased, or restricted while a law keeps its records) is never found."""
    q = query.strip()
    if not q:
        return []
    by_card = select(m.CardRow.member_id).where(
        m.CardRow.number.like(f"{q}%") if q.isdigit() else m.CardRow.number == q
    )
    by_own = m.MemberRow.phone.like(f"{q}%") if q.isdigit() else m.MemberRow.name.like(f"{q}%")
    # Each way of matching on its own (an OR of the two would not use their indexes).
    open_ = m.MemberRow.status.not_in(("erased", "restricted"))
    ways = [
        select(m.MemberRow.id).where(by_own, open_),
        select(m.MemberRow.id).where(m.MemberRow.id.in_(by_card), open_),
    ]
    ids: set[int] = set()
    for way in ways:
        scoped = way if stores is None else way.where(_in_stores(conn, stores))
        ids.update(conn.execute(scoped.order_by(m.MemberRow.id).limit(limit)).scalars())
    rows = conn.execute(
        select(m.MemberRow).where(m.MemberRow.id.in_(sorted(ids)[:limit])).order_by(m.MemberRow.id)
    ).all()
    return [
        {
            "id": r.id,
            "name": r.name,
            "phone": r.phone,
            "tier_code": r.tier_code,
            "status": r.status,
            "stored_value_fen": r.sv_principal_fen + r.sv_bonus_fen,
            "points": r.points,
        }
        for r in rows
    ]


def member_in_stores(conn: Connection, member_id: int, stores: list[str] | None) -> bool:
    """Whether the member is one of ``stores``' (always, when ``stores`` is None)."""
    if stores is None:
        return True
    hit = conn.execute(
        select(m.MemberRow.id).where(m.MemberRow.id == member_id, _in_stores(conn, stores))
    ).first()
    return hit is not None


def card_member(conn: Connection, number: str) -> int | None:
    return conn.execute(
        select(m.CardRow.member_id).where(m.CardRow.number == number)
    ).scalar_one_or_none()


def member_statement(conn: Connection, member_id: int, limit: int = 100) -> list[dict[str, Any]]:
    """The member's ledger lines, newest first: stored value and points entries merged."""
    sv = conn.execute(
        select(m.SVEntryRow)
        .where(m.SVEntryRow.member_id == member_id)
        .order_by(m.SVEntryRow.id.desc())
        .limit(limit)
    ).all()
    pts = conn.execute(
        select(m.PointsEntryRow)
        .where(m.PointsEntryRow.member_id == member_id)
        .order_by(m.PointsEntryRow.id.desc())
        .limit(limit)
    ).all()
    lines = [
        {
            "at": r.created_at,
            "kind": r.kind,
            "store_id": r.store_id,
            "sv_fen": r.principal_delta_fen + r.bonus_delta_fen,
            "points": 0,
            "event_id": r.event_id,
        }
        for r in sv
    ] + [
        {
            "at": r.created_at,
            "kind": r.kind,
            "store_id": r.store_id,
            "sv_fen": 0,
            "points": r.delta,
            "event_id": r.event_id,
        }
        for r in pts
    ]
    lines.sort(key=lambda x: x["at"], reverse=True)
    return lines[:limit]
