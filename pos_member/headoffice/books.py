"""Checking a pushed event against head office's own books, before it is applied.

``validate.py`` checks that an event's numbers hold together; this module checks
that the event *could have happened* given what head office already holds, in
the push's own transaction (the members concerned are locked by then):

- a refund names a sale head office has, of the same member, and gives back no
  more per tender, per stored-value bucket, per line and in points than that
  sale took and earned, less what earlier refunds (here or in this batch) gave;
- an adjustment names an approving staff member head office knows, whose role
  may approve it, within that role's limits (``domain.approvals``);
- an expiry takes only points that exist, from lots that were earned by an event
  head office has for that member, and that have expired.

An event that fails is refused (``EventRefused``, 422) with a code saying what
cannot have happened; the push refuses the batch, writes nothing, and lists the
event for review with what the till sent (``push.record_refusal``).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import Connection, func, select

from pos_member.domain.approvals import adjustment_limit
from pos_member.domain.rules import ProgrammeRules
from pos_member.headoffice import models as m
from pos_member.headoffice.validate import EventRefused
from pos_member.wire.schemas import PointsExpiredPayload, SalePayload

TESTED_IN = "tests/headoffice/test_hostile_till.py"

APPROVER_ROLES = ("supervisor", "manager")


def _refuse(code: str, detail: str) -> EventRefused:
    return EventRefused(422, code, detail)


def tender_totals(p: SalePayload) -> dict[str, int]:
    """Fen per tender kind (a refund's are negative)."""
    out: dict[str, int] = defaultdict(int)
    for t in p.tenders:
        out[t.kind.value] += t.amount_fen
    return dict(out)


@dataclass
class SaleFacts:
    """What a sale took and earned, as head office recorded it."""

    member_id: int | None
    total_fen: int
    #: Fen per tender kind; None for a sale pushed before head office kept them.
    tenders: dict[str, int] | None
    sv_principal_fen: int
    sv_bonus_fen: int
    points_earned: int
    points_redeemed: int
    #: Units per line number; None when head office has no lines for the sale.
    lines: dict[int, int] | None


@dataclass
class Returned:
    """What the refunds of one sale gave back so far (all positive)."""

    total_fen: int = 0
    tenders: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    sv_principal_fen: int = 0
    sv_bonus_fen: int = 0
    points_taken: int = 0
    points_given: int = 0
    lines: dict[int, int] = field(default_factory=lambda: defaultdict(int))

    def add(self, p: SalePayload) -> None:
        self.total_fen -= p.total_fen
        for kind, fen in tender_totals(p).items():
            self.tenders[kind] -= fen
        self.sv_principal_fen += p.sv_principal_fen
        self.sv_bonus_fen += p.sv_bonus_fen
        self.points_taken -= p.points_earned
        self.points_given -= p.points_redeemed
        for ln in p.lines:
            self.lines[ln.line_no] += ln.units


@dataclass
class Books:
    """Head office's books as one push batch reads and extends them."""

    rules: ProgrammeRules | None = None
    sales: dict[str, SaleFacts] = field(default_factory=dict)
    returned: dict[str, Returned] = field(default_factory=dict)
    staff: dict[str, tuple[str, bool] | None] = field(default_factory=dict)
    expired: dict[str, int] = field(default_factory=lambda: defaultdict(int))

    def sale_recorded(self, p: SalePayload) -> None:
        """A sale of this batch: refunds later in the batch are checked against it."""
        self.sales[p.sale_id] = SaleFacts(
            p.member_id,
            p.total_fen,
            tender_totals(p),
            p.sv_principal_fen,
            p.sv_bonus_fen,
            p.points_earned,
            p.points_redeemed,
            {ln.line_no: ln.units for ln in p.lines} if p.lines else None,
        )
        self.returned.setdefault(p.sale_id, Returned())


def load_sale(
    conn: Connection, books: Books, sale_id: str, *, lock: bool = True
) -> SaleFacts | None:
    """What the sale took and earned; what its refunds gave back goes to ``books.returned``."""
    if sale_id in books.sales:
        return books.sales[sale_id]
    q = select(
        m.SaleRow.member_id,
        m.SaleRow.total_fen,
        m.SaleRow.tenders,
        m.SaleRow.sv_principal_fen,
        m.SaleRow.sv_bonus_fen,
        m.SaleRow.points_earned,
        m.SaleRow.points_redeemed,
    ).where(m.SaleRow.id == sale_id, m.SaleRow.kind == "sale")
    if lock and conn.dialect.name == "postgresql":
        # Two refunds of one sale pushed at once (a non-member sale has no member lock).
        q = q.with_for_update()
    row = conn.execute(q).first()
    if row is None:
        return None
    lines = {
        int(n): int(u)
        for n, u in conn.execute(
            select(m.SaleLineRow.line_no, m.SaleLineRow.units).where(
                m.SaleLineRow.sale_id == sale_id
            )
        )
    }
    facts = SaleFacts(
        row.member_id,
        int(row.total_fen),
        {str(k): int(v) for k, v in row.tenders.items()} if row.tenders is not None else None,
        int(row.sv_principal_fen),
        int(row.sv_bonus_fen),
        int(row.points_earned),
        int(row.points_redeemed),
        lines or None,
    )
    books.sales[sale_id] = facts
    back = Returned()
    refunds = conn.execute(
        select(
            m.SaleRow.id,
            m.SaleRow.total_fen,
            m.SaleRow.tenders,
            m.SaleRow.sv_principal_fen,
            m.SaleRow.sv_bonus_fen,
            m.SaleRow.points_earned,
            m.SaleRow.points_redeemed,
        ).where(m.SaleRow.original_sale_id == sale_id, m.SaleRow.kind == "refund")
    ).all()
    for r in refunds:
        back.total_fen -= int(r.total_fen)
        for kind, fen in (r.tenders or {}).items():
            back.tenders[str(kind)] -= int(fen)
        back.sv_principal_fen += int(r.sv_principal_fen)
        back.sv_bonus_fen += int(r.sv_bonus_fen)
        back.points_taken -= int(r.points_earned)
        back.points_given -= int(r.points_redeemed)
    if refunds:
        for n, u in conn.execute(
            select(m.SaleLineRow.line_no, m.SaleLineRow.units).where(
                m.SaleLineRow.sale_id.in_([r.id for r in refunds])
            )
        ):
            back.lines[int(n)] += int(u)
    books.returned[sale_id] = back
    return facts


def check_refund(conn: Connection, books: Books, p: SalePayload) -> None:
    """Refuse a refund that gives back more than its sale took, or names no sale of ours."""
    if p.no_receipt:
        check_no_receipt_refund(p)
        return
    if not p.original_sale_id:
        raise _refuse("refund.no_sale", "a refund must name the sale it refunds")
    sale = load_sale(conn, books, p.original_sale_id)
    if sale is None:
        raise _refuse("refund.no_sale", f"head office has no sale {p.original_sale_id} to refund")
    if sale.member_id != p.member_id:
        raise _refuse(
            "refund.member", f"sale {p.original_sale_id} was not made by this refund's member"
        )
    back = books.returned[p.original_sale_id]

    def over(what: str, asked: int, had: int) -> None:
        if asked > had:
            raise _refuse(
                "refund.too_much",
                f"the refund gives back {asked} {what} but sale {p.original_sale_id} "
                f"has {max(had, 0)} left to give back",
            )

    over("fen in all", -p.total_fen, sale.total_fen - back.total_fen)
    if sale.tenders is not None:
        for kind, fen in sorted(tender_totals(p).items()):
            over(f"fen as {kind}", -fen, sale.tenders.get(kind, 0) - back.tenders.get(kind, 0))
    over(
        "fen of stored-value principal",
        p.sv_principal_fen,
        -sale.sv_principal_fen - back.sv_principal_fen,
    )
    over("fen of stored-value bonus", p.sv_bonus_fen, -sale.sv_bonus_fen - back.sv_bonus_fen)
    over("earned points", -p.points_earned, sale.points_earned - back.points_taken)
    over("spent points", -p.points_redeemed, sale.points_redeemed - back.points_given)
    if sale.lines is not None:
        for ln in p.lines:
            if ln.line_no not in sale.lines:
                raise _refuse("refund.line", f"sale {p.original_sale_id} has no line {ln.line_no}")
            over(
                f"units of line {ln.line_no}",
                ln.units,
                sale.lines[ln.line_no] - back.lines.get(ln.line_no, 0),
            )
    back.add(p)


def check_no_receipt_refund(p: SalePayload) -> None:
    """A refund without a receipt (无单退货): cash back for goods, no sale, member or points."""
    if p.original_sale_id:
        raise _refuse("refund.no_receipt", "a refund without a receipt names no sale")
    if p.member_id is not None or p.coupon_codes:
        raise _refuse("refund.no_receipt", "a refund without a receipt has no member or coupons")
    if any(t.kind.value != "cash" for t in p.tenders):
        raise _refuse("refund.no_receipt", "a refund without a receipt pays back in cash only")
    if not p.lines or any(not ln.product_code for ln in p.lines):
        raise _refuse("refund.no_receipt", "a refund without a receipt names its goods")
    if sum(ln.net_fen for ln in p.lines) != p.total_fen:
        raise _refuse("refund.no_receipt", "the goods do not add up to the refund's total")


def check_approver(
    conn: Connection, books: Books, staff_id: str, *, points: int = 0, sv_fen: int = 0
) -> None:
    """The approver is a staff member head office knows, whose role allows this much."""
    if staff_id not in books.staff:
        row = conn.execute(
            select(m.StaffRow.role, m.StaffRow.active).where(m.StaffRow.id == staff_id)
        ).first()
        books.staff[staff_id] = None if row is None else (str(row.role), bool(row.active))
    known = books.staff[staff_id]
    if known is None or not known[1]:
        raise _refuse("approver.unknown", f"head office knows no active staff member {staff_id}")
    role = known[0]
    if role not in APPROVER_ROLES:
        raise _refuse("approver.role", f"staff member {staff_id} ({role}) may not approve this")
    limit = adjustment_limit(role)
    if abs(points) > limit.points or sv_fen > limit.stored_value_fen:
        raise _refuse(
            "adjustment.limit",
            f"a {role} may adjust at most {limit.points} points and "
            f"{limit.stored_value_fen} fen of stored value at once",
        )


def check_expiry(conn: Connection, books: Books, p: PointsExpiredPayload, balance: int) -> None:
    """Only points that exist, from lots head office has for the member, that have expired."""
    today = date.fromisoformat(p.business_date)
    ids = [lot.lot_id for lot in p.lots]
    if len(set(ids)) != len(ids):
        raise _refuse("expiry.lot", "an expiry names one lot twice")
    if -p.delta > max(balance, 0):
        raise _refuse(
            "expiry.too_much",
            f"the expiry takes {-p.delta} points; the member has {max(balance, 0)}",
        )
    earned: dict[str, tuple[int, str]] = {}
    for sid, pts, day in conn.execute(
        select(m.SaleRow.id, m.SaleRow.points_earned, m.SaleRow.business_date).where(
            m.SaleRow.id.in_(ids), m.SaleRow.member_id == p.member_id, m.SaleRow.kind == "sale"
        )
    ):
        if pts > 0:
            earned[str(sid)] = (int(pts), str(day))
    rest = [i for i in ids if i not in earned]
    if rest:
        # Lots opened by other events (an adjustment, a bonus): what they added.
        for eid, pts, at in conn.execute(
            select(
                m.PointsEntryRow.event_id,
                func.sum(m.PointsEntryRow.delta),
                func.min(m.PointsEntryRow.created_at),
            )
            .where(
                m.PointsEntryRow.event_id.in_(rest),
                m.PointsEntryRow.member_id == p.member_id,
                m.PointsEntryRow.delta > 0,
            )
            .group_by(m.PointsEntryRow.event_id)
        ):
            earned[str(eid)] = (int(pts), str(at)[:10])
    gone = dict(
        conn.execute(
            select(m.PointsEntryRow.lot_id, func.sum(m.PointsEntryRow.delta))
            .where(
                m.PointsEntryRow.lot_id.in_(ids),
                m.PointsEntryRow.member_id == p.member_id,
                m.PointsEntryRow.kind == "expire",
            )
            .group_by(m.PointsEntryRow.lot_id)
        ).all()
    )
    rules = books.rules
    for lot in p.lots:
        if lot.lot_id not in earned:
            raise _refuse(
                "expiry.lot", f"head office knows no points earned by this member in {lot.lot_id}"
            )
        pts, earned_on = earned[lot.lot_id]
        last = rules.expiry.expires_on(date.fromisoformat(earned_on)) if rules else None
        if last is None or not last < today:
            raise _refuse("expiry.not_expired", f"the points of lot {lot.lot_id} have not expired")
        left = pts + int(gone.get(lot.lot_id) or 0) + books.expired[lot.lot_id]
        if -lot.delta > left:
            raise _refuse(
                "expiry.too_much",
                f"lot {lot.lot_id} has {max(left, 0)} points left, not {-lot.delta}",
            )
    for lot in p.lots:
        books.expired[lot.lot_id] += lot.delta
