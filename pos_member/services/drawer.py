"""Opening the cash drawer without a sale (钱箱): every opening is written to the audit log.

A drawer opened with no sale (change for the float, a cheque, a wrong coin) is a
moment cash can leave unseen, so the till writes who opened it, when, in which
shift and why, before the printer pulses the drawer; the day's audit can be
compared with the cash counted at the shift's close.
"""

from __future__ import annotations

import logging

from pos_member.domain.errors import ShiftNotOpen
from pos_member.domain.text import person_words, phrase
from pos_member.services.checkout import open_shift_id
from pos_member.services.context import Context, StaffSession

log = logging.getLogger(__name__)

REASON_MAX = 64


def record_drawer_open(ctx: Context, staff: StaffSession, reason: str) -> int:
    """Write the opening (``drawer.open``) with its reason; returns the shift's id.

    The drawer belongs to the open shift: with none open, it is refused (``ShiftNotOpen``).
    """
    why = person_words(reason, phrase("reason"), max_len=REASON_MAX)
    with ctx.store.unit_of_work(ctx.terminal_id, ctx.now_iso()) as uow:
        shift_id = open_shift_id(uow.session, ctx.terminal_id)
        if shift_id is None:
            raise ShiftNotOpen()
        uow.audit(
            "drawer.open",
            staff_id=staff.staff_id,
            subject=str(shift_id),
            detail={"reason": why, "shift_id": shift_id},
        )
    log.info("cash drawer opened without a sale by %s", staff.staff_id)
    return shift_id
