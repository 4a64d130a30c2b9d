"""Per store and business day totals, kept as the events are applied.

The console's dashboard reads the chain's sales by store and day. Summing ``sales``
for it on each page load costs a scan of every sale in the range (about 0.2 s for
14 days of 2,000,000 sales); instead ``push`` calls :func:`record` in the same
transaction that inserts the batch's ``sales`` and ``sv_entries`` rows, and these
tables hold the sums:

- ``daily_store_totals``: one row per (store, business date): sales, the part of them
  by members, refunds, recharges, recharge reversals, card fees, receipts, refunds
  counted, points earned and redeemed (as the sales say: a refund's are negative), and
  the members who bought there that day;
- ``daily_member_days``: one row per (business date, store, member) who bought: the
  day's active members are counted once each, whatever order their sales arrive in,
  and a range's distinct members are read from it;
- ``member_last_days``: each member's last day of buying, so that the members active
  from a day up to the newest day are a count of an index range, not a DISTINCT.

Every sum is an addition keyed by the event's own business date, so late events
and events out of order land where a recomputation from ``sales`` would put them.
:func:`recompute` is that recomputation (the tests compare the two); :func:`rebuild`
writes it over the tables (the migration's backfill does the same in SQL).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, fields
from typing import Any

from sqlalchemy import Connection, case, delete, func, insert, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from pos_member.headoffice import models as m

TESTED_IN = "tests/headoffice/test_daily_totals.py"

#: The ``sv_entries`` kind of a recharge reversal (``prepaid.REVERSAL``).
REVERSAL = "reversal"


@dataclass
class Totals:
    sales_fen: int = 0
    member_sales_fen: int = 0
    refunds_fen: int = 0
    recharges_fen: int = 0
    reversals_fen: int = 0
    card_fees_fen: int = 0
    receipts: int = 0
    refunds: int = 0
    points_earned: int = 0
    points_redeemed: int = 0
    active_members: int = 0

    def add(self, other: Totals) -> None:
        for f in fields(self):
            setattr(self, f.name, getattr(self, f.name) + getattr(other, f.name))


COLUMNS = [f.name for f in fields(Totals)]
Key = tuple[str, str]  # (store_id, business_date)


def _sale_totals(row: dict[str, Any]) -> Totals:
    kind, total = row["kind"], int(row["total_fen"])
    t = Totals()
    if kind == "sale":
        t.sales_fen = total
        t.receipts = 1
        if row.get("member_id") is not None:
            t.member_sales_fen = total
    elif kind == "refund":
        t.refunds_fen = total
        t.refunds = 1
    elif kind == "recharge":
        t.recharges_fen = total
    elif kind == "card_fee":
        t.card_fees_fen = total
    if kind in ("sale", "refund"):
        t.points_earned = int(row.get("points_earned") or 0)
        t.points_redeemed = int(row.get("points_redeemed") or 0)
    return t


def _insert(conn: Connection) -> Any:
    return pg_insert if conn.dialect.name == "postgresql" else sqlite_insert


def record(
    conn: Connection, sale_rows: Iterable[dict[str, Any]], sv_rows: Iterable[dict[str, Any]]
) -> None:
    """Add a pushed batch's ``sales`` and ``sv_entries`` rows (as inserted) to the totals."""
    deltas: dict[Key, Totals] = {}
    bought: set[tuple[str, str, int]] = set()
    for r in sale_rows:
        key = (r["store_id"], r["business_date"])
        deltas.setdefault(key, Totals()).add(_sale_totals(r))
        if r["kind"] == "sale" and r.get("member_id") is not None:
            bought.add((r["business_date"], r["store_id"], int(r["member_id"])))
    for r in sv_rows:
        if r["kind"] == REVERSAL:
            key = (r["store_id"], r["business_date"])
            back = -(int(r["principal_delta_fen"]) + int(r["bonus_delta_fen"]))
            deltas.setdefault(key, Totals()).reversals_fen += back
    if not deltas:
        return
    ins = _insert(conn)
    if bought:
        md = m.DailyMemberDay.__table__
        stmt = (
            ins(md)
            .values(
                [
                    {"business_date": d, "store_id": s, "member_id": mid}
                    for d, s, mid in sorted(bought)
                ]
            )
            .on_conflict_do_nothing(index_elements=["business_date", "store_id", "member_id"])
            .returning(md.c.store_id, md.c.business_date)
        )
        for store, day in conn.execute(stmt):
            deltas[(store, day)].active_members += 1
    if bought:
        last: dict[int, str] = {}
        for d, _s, mid in bought:
            last[mid] = max(d, last.get(mid, d))
        ml = m.MemberLastDay.__table__
        stmt = ins(ml).values([{"member_id": k, "last_day": v} for k, v in sorted(last.items())])
        later = func.greatest if conn.dialect.name == "postgresql" else func.max
        conn.execute(
            stmt.on_conflict_do_update(
                index_elements=["member_id"],
                set_={"last_day": later(ml.c.last_day, stmt.excluded.last_day)},
            )
        )
    dt = m.DailyStoreTotals.__table__
    # In key order: two pushes of one store take the rows' locks in the same order.
    for (store, day), t in sorted(deltas.items()):
        values = {"store_id": store, "business_date": day, **{c: getattr(t, c) for c in COLUMNS}}
        stmt = ins(dt).values(values)
        stmt = stmt.on_conflict_do_update(
            index_elements=["store_id", "business_date"],
            set_={c: dt.c[c] + stmt.excluded[c] for c in COLUMNS},
        )
        conn.execute(stmt)


def recompute(conn: Connection) -> dict[Key, Totals]:
    """The totals as ``sales`` and ``sv_entries`` say, from scratch (checks :func:`record`)."""
    s = m.SaleRow
    is_sale, is_refund = s.kind == "sale", s.kind == "refund"
    goods = s.kind.in_(("sale", "refund"))

    def total(cond: Any, value: Any = s.total_fen) -> Any:
        return func.coalesce(func.sum(case((cond, value), else_=0)), 0)

    out: dict[Key, Totals] = {}
    q = select(
        s.store_id,
        s.business_date,
        total(is_sale),
        total(is_sale & s.member_id.is_not(None)),
        total(is_refund),
        total(s.kind == "recharge"),
        total(s.kind == "card_fee"),
        total(is_sale, 1),
        total(is_refund, 1),
        total(goods, s.points_earned),
        total(goods, s.points_redeemed),
    ).group_by(s.store_id, s.business_date)
    for store, day, *nums in conn.execute(q):
        sales, msales, refunds, recharges, fees, receipts, n_ref, earned, redeemed = map(int, nums)
        out[(store, day)] = Totals(
            sales_fen=sales, member_sales_fen=msales, refunds_fen=refunds,
            recharges_fen=recharges, card_fees_fen=fees, receipts=receipts, refunds=n_ref,
            points_earned=earned, points_redeemed=redeemed,
        )  # fmt: skip
    sv = m.SVEntryRow
    for store, day, back in conn.execute(
        select(
            sv.store_id,
            sv.business_date,
            -func.sum(sv.principal_delta_fen + sv.bonus_delta_fen),
        )
        .where(sv.kind == REVERSAL)
        .group_by(sv.store_id, sv.business_date)
    ):
        out.setdefault((store, day), Totals()).reversals_fen = int(back)
    buyers = (
        select(s.store_id, s.business_date, s.member_id)
        .distinct()
        .where(is_sale, s.member_id.is_not(None))
        .subquery()
    )
    for store, day, n in conn.execute(
        select(buyers.c.store_id, buyers.c.business_date, func.count()).group_by(
            buyers.c.store_id, buyers.c.business_date
        )
    ):
        out[(store, day)].active_members = int(n)
    return out


def stored(conn: Connection) -> dict[Key, Totals]:
    """What ``daily_store_totals`` holds, keyed like :func:`recompute`."""
    dt = m.DailyStoreTotals
    cols = [getattr(dt, c) for c in COLUMNS]
    return {
        (store, day): Totals(*(int(v) for v in nums))
        for store, day, *nums in conn.execute(select(dt.store_id, dt.business_date, *cols))
    }


def rebuild(conn: Connection) -> None:
    """Write the recomputation over both tables (after sales were loaded around ``push``)."""
    conn.execute(delete(m.DailyStoreTotals))
    conn.execute(delete(m.DailyMemberDay))
    conn.execute(delete(m.MemberLastDay))
    conn.execute(BACKFILL_MEMBER_DAYS)
    conn.execute(BACKFILL_LAST_DAYS)
    rows = [
        {"store_id": s, "business_date": d, **{c: getattr(t, c) for c in COLUMNS}}
        for (s, d), t in sorted(recompute(conn).items())
    ]
    if rows:
        conn.execute(insert(m.DailyStoreTotals), rows)


BACKFILL_MEMBER_DAYS = insert(m.DailyMemberDay).from_select(
    ["business_date", "store_id", "member_id"],
    select(m.SaleRow.business_date, m.SaleRow.store_id, m.SaleRow.member_id)
    .distinct()
    .where(m.SaleRow.kind == "sale", m.SaleRow.member_id.is_not(None)),
)


BACKFILL_LAST_DAYS = insert(m.MemberLastDay).from_select(
    ["member_id", "last_day"],
    select(m.SaleRow.member_id, func.max(m.SaleRow.business_date))
    .where(m.SaleRow.kind == "sale", m.SaleRow.member_id.is_not(None))
    .group_by(m.SaleRow.member_id),
)


def last_days(conn: Connection) -> dict[int, str]:
    """What ``member_last_days`` holds (the tests compare it with ``sales``)."""
    ml = m.MemberLastDay
    return {int(k): str(v) for k, v in conn.execute(select(ml.member_id, ml.last_day))}


def recompute_last_days(conn: Connection) -> dict[int, str]:
    s = m.SaleRow
    q = (
        select(s.member_id, func.max(s.business_date))
        .where(s.kind == "sale", s.member_id.is_not(None))
        .group_by(s.member_id)
    )
    return {int(k): str(v) for k, v in conn.execute(q) if k is not None}
