"""What a payment or a recharge would do, nothing written: the dialogs' live figures.

The payment dialog shows, as the cashier types, what is left to pay, the
change, whether the member's PIN will be asked and the most stored value can
pay; a payment that cannot go through is said before the member types a PIN.
The recharge dialog shows the bonus the rules give and the balance after. Every
figure comes from the domain's settlement and ledger rules the commit uses.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from pos_member.domain import ledger as dl
from pos_member.domain.errors import (
    BalanceTooLow,
    ChangeTooLarge,
    OverpaidNonCash,
    TendersDoNotAddUp,
    UserFacingError,
)
from pos_member.domain.money import Money, total
from pos_member.domain.tenders import TenderKind, settle
from pos_member.services import checkout, member_pin, prepaid
from pos_member.services import identify as ident
from pos_member.services.context import Context


@dataclass(frozen=True, slots=True)
class PaymentInfo:
    """What the payment dialog needs to know before the cashier types amounts."""

    amount_due: Money
    balance: Money | None
    points_available: int
    points_unit: int  # points are redeemed in steps of this many
    pin_threshold: Money  # stored value above this needs the member's PIN
    pin_set: bool = True  # False: the member sets a PIN (typed twice) before paying with one
    pin_locked_until: str | None = None  # local time: the member pays another way until then


@dataclass(frozen=True, slots=True)
class PaymentPreview:
    amount_due: Money  # after the points typed
    change: Money
    remaining: Money  # still to pay with what is typed
    problem: BaseException | None  # the refusal the commit would meet
    cash_needed: Money  # cash that would settle the rest exactly
    pin_needed: bool = False  # the stored value typed needs the member's PIN
    stored_value_max: Money = Money(0)  # the most stored value can pay of what is left
    #: The field the problem is in (stored_value, external, points, cash), refused as typed.
    problem_field: str | None = None


@dataclass(frozen=True, slots=True)
class RechargePreview:
    amount: Money
    bonus: Money
    balance_after: Money  # after any debt of a confirmed overdraft is paid from it
    #: The buyer's real-name record must come with this recharge (the prepaid-card law).
    real_name: bool = False
    #: At or above these a person's / a company's purchase is not paid in cash.
    no_cash_person: Money | None = None
    no_cash_company: Money | None = None


def payment_info(ctx: Context, req: checkout.CheckoutRequest) -> PaymentInfo:
    """The amount due of the sale ``req`` and the member's balances and steps."""
    priced = checkout.quote(ctx, req)
    with ctx.store.reading() as s:
        _, rules = ctx.rules(s)
    balance = None
    points = 0
    pin = None
    if req.member_id is not None:
        m = ident.member_view(ctx, req.member_id)
        # The gifts on the sale (积分兑换) take their points first.
        balance, points = m.stored_value, max(m.points - priced.gift_points, 0)
        pin = member_pin.pin_state(ctx, req.member_id)
    return PaymentInfo(
        amount_due=priced.amount_due,
        balance=balance,
        points_available=points,
        points_unit=rules.redeem.points_per_unit,
        pin_threshold=checkout.pin_threshold(ctx, rules),
        pin_set=pin.has_pin if pin else True,
        pin_locked_until=pin.locked_until if pin else None,
    )


def _typed(req: checkout.CheckoutRequest, kind: TenderKind) -> Money:
    return total([t.amount for t in req.tenders if t.kind is kind])


def preview_payment(ctx: Context, req: checkout.CheckoutRequest) -> PaymentPreview:
    """What the tenders and points typed (``req.tenders``, ``req.points_to_redeem``)
    leave to pay and the change, as the domain settles them at the commit."""
    unpaid = replace(req, tenders=())
    try:
        priced = checkout.quote(ctx, unpaid)
    except UserFacingError as exc:
        due = checkout.quote(ctx, replace(unpaid, points_to_redeem=0)).amount_due
        return PaymentPreview(due, Money(0), Money(0), exc, Money(0), problem_field="points")
    stored_value = _typed(req, TenderKind.STORED_VALUE)
    external = _typed(req, TenderKind.EXTERNAL)
    cash = _typed(req, TenderKind.CASH)
    due = priced.amount_due
    others = stored_value + external
    cash_needed = due - others if due > others else Money(0)
    with ctx.store.reading() as s:
        _, rules = ctx.rules(s)
    pin_needed = bool(stored_value.fen) and stored_value > checkout.pin_threshold(ctx, rules)
    balance = None
    sv_max = Money(0)
    if req.member_id is not None:
        m = ident.member_view(ctx, req.member_id)
        balance = dl.SVBalance(m.sv_principal, m.sv_bonus)
        left = due - external if due > external else Money(0)
        sv_max = min(m.stored_value, left)
    sv = (pin_needed, sv_max)
    try:
        payment = settle(
            priced, list(req.tenders), balance if stored_value.fen else None,
            rules.stored_value.spend_order,
        )  # fmt: skip
    except TendersDoNotAddUp:
        if balance is not None and stored_value > balance.total:
            # Say it now, before the member types a PIN for a payment that cannot go through.
            low = BalanceTooLow(balance=balance.total, requested=stored_value)
            return PaymentPreview(due, Money(0), Money(0), low, cash_needed, *sv, "stored_value")
        paid = others + cash
        return PaymentPreview(due, Money(0), due - paid, None, cash_needed, *sv)
    except UserFacingError as exc:
        return PaymentPreview(
            due, Money(0), Money(0), exc, cash_needed, *sv, _field(exc, stored_value, due)
        )
    return PaymentPreview(due, payment.change, Money(0), None, cash_needed, *sv)


def _field(exc: UserFacingError, stored_value: Money, due: Money) -> str | None:
    """Which typed amount a settlement refusal is about."""
    if isinstance(exc, BalanceTooLow) or (isinstance(exc, OverpaidNonCash) and stored_value > due):
        return "stored_value"
    if isinstance(exc, OverpaidNonCash):
        return "external"
    if isinstance(exc, ChangeTooLarge):
        return "cash"
    return None


def recharge_preview(ctx: Context, member_id: int, amount: Money) -> RechargePreview:
    """The bonus the rules give for ``amount`` and the balance after (nothing written)."""
    with ctx.store.reading() as s:
        _, rules = ctx.rules(s)
        real_name, person, company = prepaid.recharge_needs(s, member_id, amount, rules)
    entry = dl.plan_recharge("preview", amount, rules.stored_value)
    m = ident.member_view(ctx, member_id)
    after = dl.SVBalance(m.sv_principal, m.sv_bonus).apply(entry)
    # A debt from a confirmed overdraft is paid first out of the recharge.
    return RechargePreview(
        amount=amount,
        bonus=entry.bonus,
        balance_after=after.total - m.sv_owed,
        real_name=real_name,
        no_cash_person=person,
        no_cash_company=company,
    )
