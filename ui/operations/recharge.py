"""The recharge dialog's calls: the bonus and balance after, and the recharge itself."""

from __future__ import annotations

from pos_member.domain.money import Money
from pos_member.domain.prepaid import BuyerKind
from pos_member.services import prepaid
from pos_member.services import stored_value as sv
from pos_member.services.context import Approval, Context, StaffSession
from pos_member.services.payment_preview import RechargePreview
from pos_member.services.payment_preview import recharge_preview as _recharge_preview
from ui.operations.sale import Tenders, payment_result
from ui.views import PaymentResult

__all__ = [
    "RechargePreview",
    "approval_limit",
    "approval_needed",
    "recharge",
    "recharge_preview",
]

#: The service's own rule (``services.stored_value.needs_approval``), never one of the dialog's.
approval_needed = sv.approval_needed
approval_limit = sv.approval_limit


def recharge_preview(ctx: Context, member_id: int, amount: Money) -> RechargePreview:
    """The bonus the rules give for ``amount`` and the balance after (nothing written)."""
    return _recharge_preview(ctx, member_id, amount)


def recharge(
    ctx: Context,
    recharge_id: str,
    member_id: int,
    amount: Money,
    t: Tenders,
    staff: StaffSession,
    approval: Approval | None,
    *,
    buyer_kind: BuyerKind = BuyerKind.PERSON,
    buyer: prepaid.RealNameInput | None = None,
    bank_transfer: prepaid.BankTransferInput | None = None,
) -> PaymentResult:
    """The recharge, with the buyer's real-name record and the bank transfer's record
    when the dialog took them (``services.prepaid.check_recharge`` says when they must)."""
    req = sv.RechargeRequest(
        recharge_id,
        member_id,
        amount,
        t.requests(),
        staff,
        approval,
        buyer_kind=buyer_kind,
        buyer=buyer,
        bank_transfer=bank_transfer,
    )
    result = sv.recharge(ctx, req)
    return payment_result(ctx, result, member_id)  # a recharge earns no points
