"""What the managers read of head office's books: the chain's totals per store, the
stored-value liability and points outstanding, and the open review items."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel
from sqlalchemy import Connection, func, select

from pos_member.headoffice import models as m


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
    members, liability, points = conn.execute(
        select(
            func.count(),
            func.coalesce(func.sum(m.MemberRow.sv_principal_fen + m.MemberRow.sv_bonus_fen), 0),
            func.coalesce(func.sum(m.MemberRow.points), 0),
        )
    ).one()
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
        members=int(members),
        stored_value_liability_fen=int(liability),
        points_outstanding=int(points),
        open_review_items=int(open_items),
    )
