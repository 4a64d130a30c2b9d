"""Shifts: open with a cash float, X report mid-shift, close with the Z report.

The cashier opens the till's shift with the opening float (备用金) before the
first sale (``require_open`` is what the counter asks before a sale, refund or
recharge) and closes it by counting the drawer note by note and coin by coin
(``count_cash``): ``cash_check`` says what the drawer should hold, what was
counted and the difference before the Z report is taken.

Report totals come from the rows the services wrote (tenders by kind and
method, refunds, recharges, and the card fees the manager took at this till),
so a report is reproducible from the ledgers. A card fee paid in cash is in
the drawer: it counts in the cash expected.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any, ClassVar
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pos_member.domain.errors import (
    InvalidAmount,
    NotAllowed,
    ShiftBeforeOpening,
    ShiftNotOpen,
    UserFacingError,
    ValidationError,
)
from pos_member.domain.events import EventKind
from pos_member.domain.money import Money
from pos_member.domain.tenders import TenderBucket
from pos_member.services.context import Context, Role, StaffSession
from pos_member.services.prepaid import shift_prepaid
from pos_member.store.models import Sale, Shift, Tender
from pos_member.store.models_manager import CardFee

log = logging.getLogger(__name__)

#: The notes and coins a Chinese till counts at closing, in fen: ¥100 down to 1 jiao.
DENOMINATIONS_FEN: tuple[int, ...] = (10000, 5000, 2000, 1000, 500, 100, 50, 10)


@dataclass(frozen=True, slots=True)
class CashCount:
    """The drawer counted by denomination: (denomination in fen, pieces), and the total."""

    pieces: tuple[tuple[int, int], ...]
    total_fen: int

    def as_dict(self) -> dict[str, int]:
        """``{"10000": 3, ...}`` for the Z report's JSON (denominations without pieces left out)."""
        return {str(d): n for d, n in self.pieces if n}


@dataclass(frozen=True, slots=True)
class CashCheck:
    """What the drawer should hold, what was counted, and the difference (counted - expected)."""

    shift_id: int
    expected_fen: int
    counted_fen: int
    difference_fen: int

    SHORT: ClassVar[str] = "short"
    OVER: ClassVar[str] = "over"
    EVEN: ClassVar[str] = "even"

    @property
    def verdict(self) -> str:
        if self.difference_fen < 0:
            return self.SHORT
        return self.OVER if self.difference_fen > 0 else self.EVEN


def count_cash(pieces: Mapping[int, int]) -> CashCount:
    """The total of ``pieces`` (denomination in fen -> how many); refuses unknown notes."""
    total = 0
    out: list[tuple[int, int]] = []
    for d in DENOMINATIONS_FEN:
        n = int(pieces.get(d, 0))
        if n < 0:
            raise InvalidAmount(what="Number of notes or coins", value=str(n))
        out.append((d, n))
        total += d * n
    unknown = set(pieces) - set(DENOMINATIONS_FEN)
    if unknown:
        raise ValidationError(
            field="cash count", problem="{value} is not a note or coin the till counts",
            value=str(Money(min(unknown))),
        )  # fmt: skip
    return CashCount(tuple(out), total)


_SHOWN = "%Y-%m-%d %H:%M"


@dataclass(frozen=True, slots=True)
class ShiftReport:
    """X (mid-shift) or Z (closing) report data; amounts in fen."""

    kind: str  # "X" or "Z"
    shift_id: int
    terminal_id: str
    staff_id: str
    opened_at: str
    closed_at: str | None
    opening_float_fen: int
    sales_count: int
    sales_total_fen: int
    refunds_count: int
    refunds_total_fen: int
    recharges_count: int
    recharges_total_fen: int
    # Net takings per tender bucket ("cash", "external:wechat", "stored_value", "points"),
    # card fees included.
    by_tender_fen: dict[str, int] = field(default_factory=dict)
    card_fees_count: int = 0
    card_fees_total_fen: int = 0
    # Recharges reversed in cooling-off and cards closed (退卡) in the shift: money paid
    # out (negative), netted into ``by_tender_fen`` as well.
    reversals_count: int = 0
    reversals_total_fen: int = 0
    closures_count: int = 0
    closures_total_fen: int = 0
    cash_expected_fen: int = 0
    counted_cash_fen: int | None = None
    variance_fen: int | None = None
    # The count by denomination ("10000" -> pieces), when the drawer was counted note by note.
    cash_count: dict[str, int] = field(default_factory=dict)
    # Sales, refunds and recharges each by tender bucket: "sale" -> {"cash": 5000, ...}
    # (the 交班单 prints them; reports kept before this field read as empty).
    by_kind_tender_fen: dict[str, dict[str, int]] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def require_open(ctx: Context) -> int:
    """The open shift's id; ``ShiftNotOpen`` when the cashier has not opened one yet."""
    sid = current_shift(ctx)
    if sid is None:
        raise ShiftNotOpen()
    return sid


def cash_check(ctx: Context, count: CashCount) -> CashCheck:
    """Expected against counted for the open shift; nothing is written."""
    report = x_report(ctx)
    return CashCheck(
        report.shift_id,
        report.cash_expected_fen,
        count.total_fen,
        count.total_fen - report.cash_expected_fen,
    )


def current_shift(ctx: Context) -> int | None:
    with ctx.store.reading() as s:
        return s.scalar(
            select(Shift.id).where(Shift.terminal_id == ctx.terminal_id, Shift.closed_at.is_(None))
        )


def open_shift(ctx: Context, staff: StaffSession, opening_float: Money) -> int:
    if opening_float.fen < 0:
        raise InvalidAmount(what="Opening float", value=str(opening_float))
    with ctx.store.unit_of_work(ctx.terminal_id, ctx.now_iso()) as uow:
        s = uow.session
        if s.scalar(
            select(Shift.id).where(Shift.terminal_id == ctx.terminal_id, Shift.closed_at.is_(None))
        ):
            raise ValidationError(field="shift", problem="a shift is already open on this till")
        shift = Shift(
            terminal_id=ctx.terminal_id,
            staff_id=staff.staff_id,
            opened_at=uow.now,
            opening_float_fen=opening_float.fen,
        )
        s.add(shift)
        s.flush()
        uow.audit(
            "shift.open",
            staff_id=staff.staff_id,
            subject=str(shift.id),
            detail={"float_fen": opening_float.fen},
        )
        return shift.id


def _report(s: Session, shift: Shift, kind: str) -> ShiftReport:
    per_kind = {
        k: (int(n), int(total or 0))
        for k, n, total in s.execute(
            select(Sale.kind, func.count(Sale.id), func.sum(Sale.total_fen))
            .where(Sale.shift_id == shift.id)
            .group_by(Sale.kind)
        )
    }
    by_tender: dict[str, int] = {}
    by_kind: dict[str, dict[str, int]] = {}
    for sale_kind, t_kind, method, total in s.execute(
        select(Sale.kind, Tender.kind, Tender.method, func.sum(Tender.amount_fen))
        .join(Sale, Sale.id == Tender.sale_id)
        .where(Sale.shift_id == shift.id)
        .group_by(Sale.kind, Tender.kind, Tender.method)
    ):
        key = TenderBucket.of(t_kind, method).key
        by_tender[key] = by_tender.get(key, 0) + int(total or 0)
        per = by_kind.setdefault(str(sale_kind), {})
        per[key] = per.get(key, 0) + int(total or 0)
    fees_count = fees_total = 0
    for t_kind, method, n, total in s.execute(
        select(
            CardFee.tender_kind,
            CardFee.method,
            func.count(CardFee.id),
            func.sum(CardFee.amount_fen),
        )
        .where(CardFee.shift_id == shift.id)
        .group_by(CardFee.tender_kind, CardFee.method)
    ):
        bucket = TenderBucket.of(t_kind, method).key
        by_tender[bucket] = by_tender.get(bucket, 0) + int(total or 0)
        fees_count += int(n)
        fees_total += int(total or 0)
    paid_out = shift_prepaid(s, shift.id)
    for bucket, amount in paid_out.by_tender_fen.items():
        by_tender[bucket] = by_tender.get(bucket, 0) + amount
    cash = by_tender.get("cash", 0)
    return ShiftReport(
        kind=kind,
        shift_id=shift.id,
        terminal_id=shift.terminal_id,
        staff_id=shift.staff_id,
        opened_at=shift.opened_at,
        closed_at=shift.closed_at,
        opening_float_fen=shift.opening_float_fen,
        sales_count=per_kind.get("sale", (0, 0))[0],
        sales_total_fen=per_kind.get("sale", (0, 0))[1],
        refunds_count=per_kind.get("refund", (0, 0))[0],
        refunds_total_fen=per_kind.get("refund", (0, 0))[1],
        recharges_count=per_kind.get("recharge", (0, 0))[0],
        recharges_total_fen=per_kind.get("recharge", (0, 0))[1],
        by_tender_fen=dict(sorted(by_tender.items())),
        card_fees_count=fees_count,
        card_fees_total_fen=fees_total,
        reversals_count=paid_out.reversals_count,
        reversals_total_fen=paid_out.reversals_total_fen,
        closures_count=paid_out.closures_count,
        closures_total_fen=paid_out.closures_total_fen,
        cash_expected_fen=shift.opening_float_fen + cash,
        by_kind_tender_fen={k: dict(sorted(v.items())) for k, v in sorted(by_kind.items())},
    )


def x_report(ctx: Context, shift_id: int | None = None) -> ShiftReport:
    """The running totals of a shift (the open one by default); nothing is written."""
    with ctx.store.reading() as s:
        sid = shift_id or s.scalar(
            select(Shift.id).where(Shift.terminal_id == ctx.terminal_id, Shift.closed_at.is_(None))
        )
        shift = s.get(Shift, sid) if sid else None
        if shift is None:
            raise ValidationError(field="shift", problem="no shift is open on this till")
        return _report(s, shift, "X")


def close_shift(ctx: Context, staff: StaffSession, counted_cash: Money | CashCount) -> ShiftReport:
    """Close the open shift with the cash counted in the drawer: the Z report.

    ``counted_cash`` is the drawer's total, or its count by denomination (kept in the report).
    """
    count = counted_cash if isinstance(counted_cash, CashCount) else None
    if count is not None:
        counted_cash = Money(count.total_fen)
    assert isinstance(counted_cash, Money)
    if counted_cash.fen < 0:
        raise InvalidAmount(what="Counted cash", value=str(counted_cash))
    with ctx.store.unit_of_work(ctx.terminal_id, ctx.now_iso()) as uow:
        s = uow.session
        shift = s.scalar(
            select(Shift).where(Shift.terminal_id == ctx.terminal_id, Shift.closed_at.is_(None))
        )
        if shift is None:
            raise ValidationError(field="shift", problem="no shift is open on this till")
        if datetime.fromisoformat(uow.now) < datetime.fromisoformat(shift.opened_at):
            tz = ZoneInfo(ctx.settings.timezone)
            raise ShiftBeforeOpening(
                opened=datetime.fromisoformat(shift.opened_at).astimezone(tz).strftime(_SHOWN),
                now=datetime.fromisoformat(uow.now).astimezone(tz).strftime(_SHOWN),
            )
        shift.closed_at = uow.now
        shift.closed_by = staff.staff_id
        shift.counted_cash_fen = counted_cash.fen
        s.flush()
        base = _report(s, shift, "Z")
        report = ShiftReport(
            **{
                **base.as_dict(),
                "counted_cash_fen": counted_cash.fen,
                "variance_fen": counted_cash.fen - base.cash_expected_fen,
                "cash_count": count.as_dict() if count is not None else {},
            }
        )
        shift.z_report = report.as_dict()
        uow.audit(
            "shift.close",
            staff_id=staff.staff_id,
            subject=str(shift.id),
            detail={"variance_fen": report.variance_fen},
        )
        uow.outbox(EventKind.SHIFT_CLOSED, {"store_id": ctx.settings.store_id, **report.as_dict()})
        return report


# --- the day's close (日结) ----------------------------------------------------------


class ShiftStillOpen(UserFacingError):
    """The manager asked for the day's close while a cashier's shift is still open."""

    code = "shift.still_open"
    template = (
        "Shift {shift} of cashier {cashier} is still open: the cashier closes it (handover) "
        "first, then close the day."
    )


class NoShiftsThatDay(UserFacingError):
    code = "shift.none_that_day"
    template = "No shift was closed on this till on {day}: there is nothing to close."


@dataclass(frozen=True, slots=True)
class DayReport:
    """The day's close (日结) of one till: every shift closed that day, and their sums."""

    business_date: str
    terminal_id: str
    shifts: tuple[ShiftReport, ...]

    def _sum(self, name: str) -> int:
        return sum(int(getattr(r, name) or 0) for r in self.shifts)

    @property
    def sales_count(self) -> int:
        return self._sum("sales_count")

    @property
    def sales_total_fen(self) -> int:
        return self._sum("sales_total_fen")

    @property
    def refunds_count(self) -> int:
        return self._sum("refunds_count")

    @property
    def refunds_total_fen(self) -> int:
        return self._sum("refunds_total_fen")

    @property
    def recharges_count(self) -> int:
        return self._sum("recharges_count")

    @property
    def recharges_total_fen(self) -> int:
        return self._sum("recharges_total_fen")

    @property
    def opening_float_fen(self) -> int:
        return self._sum("opening_float_fen")

    @property
    def cash_expected_fen(self) -> int:
        return self._sum("cash_expected_fen")

    @property
    def counted_cash_fen(self) -> int:
        return self._sum("counted_cash_fen")

    @property
    def variance_fen(self) -> int:
        return self._sum("variance_fen")

    @property
    def by_tender_fen(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for r in self.shifts:
            for k, v in r.by_tender_fen.items():
                out[k] = out.get(k, 0) + v
        return dict(sorted(out.items()))


def _local_date(stamp: str, tz: ZoneInfo) -> str:
    return datetime.fromisoformat(stamp).astimezone(tz).date().isoformat()


def day_report(ctx: Context, day: str | None = None) -> DayReport:
    """The Z reports of the shifts of ``day`` (local date, ISO; today by default) on this till."""
    tz = ZoneInfo(ctx.settings.timezone)
    wanted = day or ctx.today().isoformat()
    with ctx.store.reading() as s:
        closed = s.scalars(
            select(Shift)
            .where(Shift.terminal_id == ctx.terminal_id, Shift.closed_at.is_not(None))
            .order_by(Shift.id)
        )
        reports = tuple(
            ShiftReport(**sh.z_report)
            for sh in closed
            if sh.z_report is not None and _local_date(sh.opened_at, tz) == wanted
        )
    return DayReport(wanted, ctx.terminal_id, reports)


def day_close(ctx: Context, staff: StaffSession, day: str | None = None) -> DayReport:
    """The manager's day close (日结): refused while a shift is open or without a manager."""
    if staff.role < Role.MANAGER:
        raise NotAllowed(action="Closing the day", role="manager")
    with ctx.store.unit_of_work(ctx.terminal_id, ctx.now_iso()) as uow:
        s = uow.session
        still = s.scalar(
            select(Shift).where(Shift.terminal_id == ctx.terminal_id, Shift.closed_at.is_(None))
        )
        if still is not None:
            raise ShiftStillOpen(shift=still.id, cashier=still.staff_id)
        report = day_report(ctx, day)
        if not report.shifts:
            raise NoShiftsThatDay(day=report.business_date)
        uow.audit(
            "day.close",
            staff_id=staff.staff_id,
            subject=report.business_date,
            detail={
                "shifts": [r.shift_id for r in report.shifts],
                "sales_total_fen": report.sales_total_fen,
                "variance_fen": report.variance_fen,
            },
        )
    return report
