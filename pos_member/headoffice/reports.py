"""What the managers read of head office's books: the chain's totals per store, the
stored-value liability and points outstanding, and the open review items."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel
from sqlalchemy import Connection, case, func, select, update
from sqlalchemy import insert as sa_insert

from pos_member.headoffice import models as m
from pos_member.headoffice.auth import utcnow
from pos_member.headoffice.validate import EventRefused


class ReviewView(BaseModel):
    id: int
    kind: str
    member_id: int | None
    event_id: str
    store_id: str
    created_at: str
    detail: dict[str, Any]


class StoreTotals(BaseModel):
    store_id: str
    sales_fen: int
    refunds_fen: int
    recharges_fen: int
    card_fees_fen: int = 0
    events: int


class ChainReport(BaseModel):
    stores: list[StoreTotals]
    members: int
    stored_value_liability_fen: int
    points_outstanding: int
    open_review_items: int


def open_review_items(conn: Connection, limit: int) -> list[ReviewView]:
    """The first ``limit`` review items nobody has resolved yet, oldest first."""
    rows = conn.execute(
        select(m.ReviewItem)
        .where(m.ReviewItem.resolved_at.is_(None))
        .order_by(m.ReviewItem.id)
        .limit(limit)
    ).all()
    return [
        ReviewView(
            id=r.id,
            kind=r.kind,
            member_id=r.member_id,
            event_id=r.event_id,
            store_id=r.store_id,
            created_at=r.created_at,
            detail=r.detail,
        )
        for r in rows
    ]


def liabilities(conn: Connection) -> tuple[int, int, int]:
    """The chain's members, outstanding stored value (fen) and points, as they stand now."""
    members, liability, points = conn.execute(
        select(
            func.count(),
            func.coalesce(func.sum(m.MemberRow.sv_principal_fen + m.MemberRow.sv_bonus_fen), 0),
            func.coalesce(func.sum(m.MemberRow.points), 0),
        )
    ).one()
    return int(members), int(liability), int(points)


def chain_report(conn: Connection, business_date: str | None) -> ChainReport:
    """Totals per store and kind (of one business day, or of all), and the chain's
    liability, points and open review items as they stand now."""
    q = select(
        m.SaleRow.store_id, m.SaleRow.kind, func.sum(m.SaleRow.total_fen), func.count()
    ).group_by(m.SaleRow.store_id, m.SaleRow.kind)
    if business_date:
        q = q.where(m.SaleRow.business_date == business_date)
    per: dict[str, dict[str, int]] = {}
    for store, kind, total, n in conn.execute(q):
        d = per.setdefault(store, {"sale": 0, "refund": 0, "recharge": 0, "card_fee": 0, "n": 0})
        d[kind] = int(total or 0)
        d["n"] += int(n)
    members, liability, points = liabilities(conn)
    open_items = conn.execute(
        select(func.count()).select_from(m.ReviewItem).where(m.ReviewItem.resolved_at.is_(None))
    ).scalar_one()
    return ChainReport(
        stores=[
            StoreTotals(
                store_id=s,
                sales_fen=d["sale"],
                refunds_fen=d["refund"],
                recharges_fen=d["recharge"],
                card_fees_fen=d["card_fee"],
                events=d["n"],
            )
            for s, d in sorted(per.items())
        ],
        members=members,
        stored_value_liability_fen=liability,
        points_outstanding=points,
        open_review_items=int(open_items),
    )


class DayTotals(BaseModel):
    store_id: str
    business_date: str
    sales_fen: int
    member_sales_fen: int
    refunds_fen: int
    recharges_fen: int
    receipts: int
    active_members: int
    reversals_fen: int = 0
    card_fees_fen: int = 0
    refunds: int = 0
    points_earned: int = 0
    points_redeemed: int = 0


class DailyReport(BaseModel):
    days: list[DayTotals]
    #: Members who bought at least once in the whole range.
    active_members: int


def daily_report(
    conn: Connection, date_from: str, date_to: str, stores: list[str] | None
) -> DailyReport:
    """Per store and business day from ``date_from`` to ``date_to`` (inclusive), as
    ``daily_store_totals`` keeps them (``daily_totals``), and the members who bought in
    the whole range (``daily_member_days``). Only ``stores`` when given. The same
    figures as :func:`daily_report_raw`, without reading ``sales``."""
    t = m.DailyStoreTotals
    where = [t.business_date >= date_from, t.business_date <= date_to]
    if stores is not None:
        where.append(t.store_id.in_(stores))
    days = [
        DayTotals.model_validate(dict(r._mapping))
        for r in conn.execute(select(t).where(*where).order_by(t.business_date, t.store_id))
    ]
    if stores is None:
        ml = m.MemberLastDay
        newest = conn.execute(select(func.max(ml.last_day))).scalar()
        if newest is None or newest <= date_to:
            # Nobody bought after the range: who bought in it is who bought last in it.
            active = int(
                conn.execute(
                    select(func.count()).select_from(ml).where(ml.last_day >= date_from)
                ).scalar_one()
            )
            return DailyReport(days=days, active_members=active)
    md = m.DailyMemberDay
    mwhere = [md.business_date >= date_from, md.business_date <= date_to]
    if stores is not None:
        mwhere.append(md.store_id.in_(stores))
    buyers = select(md.member_id).distinct().where(*mwhere).subquery()
    active = int(conn.execute(select(func.count()).select_from(buyers)).scalar_one())
    return DailyReport(days=days, active_members=active)


def daily_report_raw(
    conn: Connection, date_from: str, date_to: str, stores: list[str] | None
) -> DailyReport:
    """Per store and business day from ``date_from`` to ``date_to`` (inclusive): sales,
    the part of them by members, refunds, recharges, receipts and members who bought;
    and the members who bought in the whole range. Only ``stores`` when given.

    The members are counted from ``SELECT DISTINCT`` subqueries (which PostgreSQL may
    hash in parallel) rather than a ``count(DISTINCT ...)`` beside the sums: as fast
    at 1,000,000 members (about 0.3 s for 14 days of 2,000,000 sales), faster when
    fewer members buy.
    """
    s = m.SaleRow
    member_sale = case((s.member_id.is_not(None), s.total_fen), else_=0)
    where = [s.business_date >= date_from, s.business_date <= date_to]
    if stores is not None:
        where.append(s.store_id.in_(stores))
    sums = (
        select(
            s.store_id,
            s.business_date,
            func.sum(case((s.kind == "sale", s.total_fen), else_=0)),
            func.sum(case((s.kind == "sale", member_sale), else_=0)),
            func.sum(case((s.kind == "refund", s.total_fen), else_=0)),
            func.sum(case((s.kind == "recharge", s.total_fen), else_=0)),
            func.sum(case((s.kind == "sale", 1), else_=0)),
        )
        .where(*where)
        .group_by(s.store_id, s.business_date)
        .order_by(s.business_date, s.store_id)
    )
    bought = [*where, s.kind == "sale", s.member_id.is_not(None)]
    per_day = select(s.store_id, s.business_date, s.member_id).distinct().where(*bought).subquery()
    buyers = {
        (store, day): int(n)
        for store, day, n in conn.execute(
            select(per_day.c.store_id, per_day.c.business_date, func.count()).group_by(
                per_day.c.store_id, per_day.c.business_date
            )
        )
    }
    in_range = select(s.member_id).distinct().where(*bought).subquery()
    active = int(conn.execute(select(func.count()).select_from(in_range)).scalar_one())
    days = [
        DayTotals(
            store_id=store,
            business_date=day,
            sales_fen=int(sales or 0),
            member_sales_fen=int(msales or 0),
            refunds_fen=int(refunds or 0),
            recharges_fen=int(recharges or 0),
            receipts=int(n or 0),
            active_members=buyers.get((store, day), 0),
        )
        for store, day, sales, msales, refunds, recharges, n in conn.execute(sums)
    ]
    return DailyReport(days=days, active_members=active)


def review_counts(conn: Connection, stores: list[str] | None) -> dict[str, int]:
    """Open review items by kind (only ``stores``' when given)."""
    q = (
        select(m.ReviewItem.kind, func.count())
        .where(m.ReviewItem.resolved_at.is_(None))
        .group_by(m.ReviewItem.kind)
    )
    if stores is not None:
        q = q.where(m.ReviewItem.store_id.in_(stores))
    return {k: int(n) for k, n in conn.execute(q)}


def review_items(
    conn: Connection,
    *,
    kind: str | None,
    store_id: str | None,
    resolved: bool,
    stores: list[str] | None,
    limit: int = 100,
) -> list[Any]:
    """Review items by filter, oldest first (resolved ones newest first)."""
    r = m.ReviewItem
    q = select(r).where(r.resolved_at.is_not(None) if resolved else r.resolved_at.is_(None))
    if kind:
        q = q.where(r.kind == kind)
    if store_id:
        q = q.where(r.store_id == store_id)
    if stores is not None:
        q = q.where(r.store_id.in_(stores))
    q = q.order_by(r.id.desc() if resolved else r.id).limit(limit)
    return list(conn.execute(q).all())


def review_item(conn: Connection, item_id: int) -> tuple[Any, list[Any], list[Any]]:
    """The item, the events behind it (as pushed) and the notes written on it (404)."""
    row = conn.execute(select(m.ReviewItem).where(m.ReviewItem.id == item_id)).first()
    if row is None:
        raise EventRefused(404, "review.unknown", f"no review item {item_id}")
    ids = {row.event_id, *(str(x) for x in (row.detail or {}).get("event_ids", []))}
    events = list(
        conn.execute(select(m.AppliedEvent).where(m.AppliedEvent.event_id.in_(ids))).all()
    )
    notes = list(
        conn.execute(
            select(m.AdminNote)
            .where(m.AdminNote.action == "review.resolve", m.AdminNote.subject == str(item_id))
            .order_by(m.AdminNote.id)
        ).all()
    )
    return row, events, notes


def resolve_review_item(conn: Connection, item_id: int, note: str, by: str) -> None:
    """Mark the item resolved with ``note`` (409 if it was already; 422 without a note)."""
    if not note.strip():
        raise EventRefused(422, "review.note", "say what was done")
    done = conn.execute(
        update(m.ReviewItem)
        .where(m.ReviewItem.id == item_id, m.ReviewItem.resolved_at.is_(None))
        .values(resolved_at=utcnow())
    )
    if done.rowcount != 1:
        exists = conn.execute(select(m.ReviewItem.id).where(m.ReviewItem.id == item_id)).first()
        if exists is None:
            raise EventRefused(404, "review.unknown", f"no review item {item_id}")
        raise EventRefused(409, "review.resolved", f"review item {item_id} is resolved already")
    conn.execute(
        sa_insert(m.AdminNote).values(
            at=utcnow(), action="review.resolve", subject=str(item_id),
            detail={"by": by}, note=note[:2000],
        )
    )  # fmt: skip
