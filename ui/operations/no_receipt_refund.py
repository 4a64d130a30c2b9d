"""The no-receipt refund dialog's calls (无单退货): price the goods, commit the refund."""

from __future__ import annotations

from dataclasses import dataclass

from pos_member.domain.money import Money
from pos_member.services import no_receipt_refund as nr
from pos_member.services.context import Approval, Context, StaffSession
from ui.operations.sale import payment_result
from ui.views import PaymentResult

TESTED_IN = "tests/gui/test_no_receipt_refund_dialog.py"


@dataclass(frozen=True, slots=True)
class NoReceiptLineView:
    code: str
    name: str
    quantity: int
    unit_price: Money
    amount: Money


@dataclass(frozen=True, slots=True)
class NoReceiptQuoteView:
    lines: tuple[NoReceiptLineView, ...]
    total: Money
    limit: Money


def no_receipt_quote(ctx: Context, items: tuple[tuple[str, int], ...]) -> NoReceiptQuoteView:
    """The goods at today's shelf price (``services.no_receipt_refund``); nothing written."""
    q = nr.quote(ctx, items)
    return NoReceiptQuoteView(
        tuple(
            NoReceiptLineView(ln.code, ln.name, ln.quantity, ln.unit_price, ln.amount)
            for ln in q.lines
        ),
        q.total,
        q.limit,
    )


def no_receipt_commit(
    ctx: Context,
    refund_id: str,
    items: tuple[tuple[str, int], ...],
    reason: str,
    staff: StaffSession,
    approval: Approval | None,
) -> PaymentResult:
    result = nr.no_receipt_refund(
        ctx, nr.NoReceiptRefundRequest(refund_id, items, reason, staff, approval)
    )
    return payment_result(ctx, result, None, refund=True)
