"""The refund dialog's calls: find the receipt, preview the refund, commit it."""

from __future__ import annotations

from pos_member.services import refund as rf
from pos_member.services.context import Approval, Context, StaffSession
from ui.operations.sale import payment_result
from ui.views import PaymentResult, ReceiptForRefund, RefundLineView, RefundPreview


def refund_lookup(ctx: Context, receipt_no: str) -> ReceiptForRefund:
    """The receipt's lines with what is left to refund: here, or at another store
    through head office (refunds elsewhere count)."""
    found = rf.find_receipt(ctx, receipt_no)
    with ctx.store.reading() as s:
        sale, record, lines = rf.sale_and_record(s, ctx.terminal_id, receipt_no, found)
        masked = rf.masked_member_name(s, sale.member_id)
        return ReceiptForRefund(
            sale_id=sale.id,
            receipt_no=sale.receipt_no,
            member_masked=masked,
            lines=tuple(
                RefundLineView(
                    line_no=sl.line_no,
                    name=lines[sl.line_no].name,
                    sold=sl.units,
                    remaining=record.remaining(sl.line_no),
                    net=sl.net,
                    weighed=bool(lines[sl.line_no].grams),
                )
                for sl in record.lines
            ),
        )


def refund_preview(ctx: Context, receipt_no: str, units: dict[int, int]) -> RefundPreview:
    """The refund service's plan for these units, nothing written."""
    plan = rf.preview_refund(ctx, receipt_no, units)
    return RefundPreview(
        goods_value=plan.goods_value,
        cash_back=plan.cash_back,
        other_back=plan.money_back - plan.cash_back,
        sv_principal=plan.sv_principal,
        sv_bonus=plan.sv_bonus,
        points_given_back=plan.points_given_back,
        points_taken_back=plan.points_taken_back,
        shortfall_deducted=plan.shortfall_deducted,
    )


def refund_commit(
    ctx: Context,
    refund_id: str,
    receipt_no: str,
    units: dict[int, int],
    staff: StaffSession,
    approval: Approval | None,
) -> PaymentResult:
    result = rf.refund(ctx, rf.RefundRequest(refund_id, receipt_no, units, staff, approval))
    return payment_result(ctx, result, None, refund=True)
