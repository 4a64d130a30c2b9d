"""The shift dialog's calls: open, X report, cash check, close."""

from __future__ import annotations

from pos_member.domain.money import Money
from pos_member.services import shifts
from pos_member.services.context import Context, StaffSession

current_shift = shifts.current_shift
open_shift = shifts.open_shift
require_shift = shifts.require_open  # the open shift, or ``ShiftNotOpen``


def x_report(ctx: Context) -> shifts.ShiftReport:
    return shifts.x_report(ctx)


def close_shift(
    ctx: Context, staff: StaffSession, counted: Money | dict[int, int]
) -> shifts.ShiftReport:
    """Close with the drawer's total, or its count by denomination (fen -> pieces)."""
    if isinstance(counted, dict):
        return shifts.close_shift(ctx, staff, shifts.count_cash(counted))
    return shifts.close_shift(ctx, staff, counted)


def cash_check(ctx: Context, pieces: dict[int, int]) -> shifts.CashCheck:
    """Expected, counted and difference for the open shift."""
    return shifts.cash_check(ctx, shifts.count_cash(pieces))
