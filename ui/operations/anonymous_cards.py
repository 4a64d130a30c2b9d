"""The anonymous-card dialog's calls (不记名卡, ``pos_member.services.anonymous_cards``)."""

from __future__ import annotations

from pos_member.domain.money import Money
from pos_member.domain.pin import check_pin_pair
from pos_member.domain.prepaid import BuyerKind
from pos_member.services import anonymous_cards as ac
from pos_member.services import prepaid
from pos_member.services.context import Approval, Context, StaffSession
from ui.operations.sale import Tenders

__all__ = ["preview", "sell"]


def preview(ctx: Context, count: int, amount_each: Money) -> ac.AnonymousPreview:
    return ac.preview(ctx, count, amount_each)


def sell(
    ctx: Context,
    sale_id: str,
    count: int,
    amount_each: Money,
    t: Tenders,
    staff: StaffSession,
    approval: Approval | None,
    pin: str,
    pin_again: str,
    *,
    buyer_kind: BuyerKind = BuyerKind.PERSON,
    buyer: prepaid.RealNameInput | None = None,
    bank_transfer: prepaid.BankTransferInput | None = None,
) -> ac.AnonymousSale:
    """The sale, the buyer's PIN typed twice the same."""
    check_pin_pair(pin, pin_again)
    return ac.sell_anonymous_cards(
        ctx,
        ac.AnonymousSaleRequest(
            sale_id,
            count,
            amount_each,
            t.requests(),
            staff,
            pin,
            approval,
            buyer_kind=buyer_kind,
            buyer=buyer,
            bank_transfer=bank_transfer,
            card_numbers=(),
        ),
    )
