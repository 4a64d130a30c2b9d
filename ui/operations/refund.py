"""The refund dialog's calls: find the receipt, preview the refund, commit it."""

from __future__ import annotations

from pos_member.domain.cards import mask_card
from pos_member.domain.money import Money
from pos_member.services import refund as rf
from pos_member.services.context import Approval, Context, StaffSession
from ui.operations.sale import payment_result
from ui.views import PaymentResult, ReceiptForRefund, RefundLineView, RefundPreview


def refund_lookup(ctx: Context, receipt_no: str) -> ReceiptForRefund:
    """The receipt's lines with what is left to refund (``services.refund``)."""
    r = rf.refundable_receipt(ctx, receipt_no)
    return ReceiptForRefund(
        sale_id=r.sale_id,
        receipt_no=r.receipt_no,
        member_masked=r.member_masked,
        lines=tuple(
            RefundLineView(ln.line_no, ln.name, ln.sold, ln.remaining, ln.net, ln.weighed)
            for ln in r.lines
        ),
    )


def refund_preview(ctx: Context, receipt_no: str, units: dict[int, int]) -> RefundPreview:
    """The refund service's plan for these units, nothing written."""
    plan = rf.preview_refund(ctx, receipt_no, units)
    # Where the stored value goes: the member's card, or a card in the same name (the law).
    has_sv = bool(plan.sv_principal.fen or plan.sv_bonus.fen)
    target = rf.preview_refund_target(ctx, receipt_no, units) if has_sv else None
    over = target is not None and target.over_cap
    return RefundPreview(
        goods_value=plan.goods_value,
        cash_back=plan.cash_back,
        other_back=plan.money_back - plan.cash_back,
        sv_principal=plan.sv_principal,
        sv_bonus=plan.sv_bonus,
        points_given_back=plan.points_given_back,
        points_taken_back=plan.points_taken_back,
        shortfall_deducted=plan.shortfall_deducted,
        sv_over_cap=over,
        sv_cap=target.cap if target is not None else Money.zero(),
        sv_room=target.room if target is not None else Money.zero(),
        sv_cards=tuple((c.number, mask_card(c.number), c.room) for c in target.cards)
        if target is not None
        else (),
    )


def refund_commit(
    ctx: Context,
    refund_id: str,
    receipt_no: str,
    units: dict[int, int],
    staff: StaffSession,
    approval: Approval | None,
    sv_card_number: str | None = None,
) -> PaymentResult:
    result = rf.refund(
        ctx, rf.RefundRequest(refund_id, receipt_no, units, staff, approval, sv_card_number)
    )
    return payment_result(ctx, result, None, refund=True)
