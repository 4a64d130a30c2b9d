"""Taking a 改价 or 整单折扣 off a sale being rung up, written to the audit log.

A price override and a whole-sale discount are approved with a supervisor's PIN
(the approval is audited, and the paid sale names its approver). Taking one off
again puts the catalogue's price back, so it needs no approval; but a discount
that was granted and then withdrawn is something the day's audit should show,
next to the approvals: who took it off, on which sale, and what it was.
"""

from __future__ import annotations

import logging
import uuid

from pos_member.domain.errors import ValidationError
from pos_member.domain.money import Money
from pos_member.services.context import Context, StaffSession

log = logging.getLogger(__name__)

TESTED_IN = "tests/gui/test_tools_remove_override.py"


def _sale(sale_id: str) -> str:
    try:
        return str(uuid.UUID(sale_id))
    except ValueError:
        raise ValidationError(field="sale", problem="the sale id is not a UUID") from None


def record_price_override_removed(
    ctx: Context,
    staff: StaffSession,
    sale_id: str,
    line_no: int,
    code: str,
    price: Money,
    reason: str,
) -> None:
    """Line ``line_no`` (``code``) of the sale is back at its catalogue price: it had
    been changed to ``price`` for ``reason`` (``sale.price_override_removed``)."""
    with ctx.store.unit_of_work(ctx.terminal_id, ctx.now_iso()) as uow:
        uow.audit(
            "sale.price_override_removed",
            staff_id=staff.staff_id,
            subject=_sale(sale_id),
            detail={"line_no": line_no, "code": code, "price_fen": price.fen, "reason": reason},
        )
    log.info("price override of line %s taken off by %s", line_no, staff.staff_id)


def record_sale_discount_removed(
    ctx: Context, staff: StaffSession, sale_id: str, label: str, reason: str
) -> None:
    """The sale's 整单折扣 (``label``: '95%' or '-¥5.00', for ``reason``) is taken off
    (``sale.sale_discount_removed``)."""
    with ctx.store.unit_of_work(ctx.terminal_id, ctx.now_iso()) as uow:
        uow.audit(
            "sale.sale_discount_removed",
            staff_id=staff.staff_id,
            subject=_sale(sale_id),
            detail={"discount": label, "reason": reason},
        )
    log.info("sale discount taken off by %s", staff.staff_id)
