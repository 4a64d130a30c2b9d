"""The shift dialog's calls: open, X report, cash check, close."""

from __future__ import annotations

import logging

from pos_member.domain.money import Money
from pos_member.services import shifts, storage
from pos_member.services.context import Context, StaffSession

log = logging.getLogger(__name__)

current_shift = shifts.current_shift
open_shift = shifts.open_shift
require_shift = shifts.require_open  # the open shift, or ``ShiftNotOpen``


def x_report(ctx: Context) -> shifts.ShiftReport:
    return shifts.x_report(ctx)


def close_shift(
    ctx: Context, staff: StaffSession, counted: Money | dict[int, int]
) -> shifts.ShiftReport:
    """Close with the drawer's total, or its count by denomination (fen -> pieces); then
    back the till up (a failed backup never undoes the close: the status bar warns)."""
    if isinstance(counted, dict):
        report = shifts.close_shift(ctx, staff, shifts.count_cash(counted))
    else:
        report = shifts.close_shift(ctx, staff, counted)
    try:
        storage.backup_now(ctx)
    except storage.BackupFailed as exc:
        log.warning("backup at shift close failed: %s", exc.message)
    return report


def cash_check(ctx: Context, pieces: dict[int, int]) -> shifts.CashCheck:
    """Expected, counted and difference for the open shift."""
    return shifts.cash_check(ctx, shifts.count_cash(pieces))
