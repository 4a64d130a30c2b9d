"""The till's shift for tests that sell: sales, refunds and recharges need one open."""

from __future__ import annotations

from pos_member.domain.errors import ValidationError
from pos_member.domain.money import Money
from pos_member.services import shifts
from pos_member.services.context import Context, Role, StaffSession

CASHIER = StaffSession("1001", "小王", Role.CASHIER)


def ensure_shift(ctx: Context, staff: StaffSession = CASHIER) -> int:
    """The open shift of ``ctx``'s till, opened with no float when there is none.

    Several processes may share one till's file (the concurrency and crash tests):
    one that finds the shift opened meanwhile uses that one.
    """
    sid = shifts.current_shift(ctx)
    if sid is not None:
        return sid
    try:
        return shifts.open_shift(ctx, staff, Money(0))
    except ValidationError:
        again = shifts.current_shift(ctx)
        assert again is not None
        return again
