"""Stored-value recharge (充值) with the programme's bonus table.

A cashier's recharge above the programme's ``stored_value.cashier_recharge_max``
(¥1,000 by default; 0: every one) needs a supervisor's approval (``needs_approval``,
which the recharge enforces and the dialog asks by). It is written as a sale of kind
``recharge`` (its own receipt number, tenders that went into the drawer or
through a payment terminal) with one stored-value entry holding the
principal and the bonus apart. The prepaid-card law's checks
(``services.prepaid.check_recharge``: the card's cap, no cash for large
purchases, real names) run before anything is written; a reversal in
cooling-off and 退卡 are ``services.prepaid``'s.
"""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from pos_member.domain import ledger as dl
from pos_member.domain.errors import (
    InvalidAmount,
    OverpaidNonCash,
    TendersDoNotAddUp,
    UnknownCard,
    ValidationError,
)
from pos_member.domain.events import EventKind
from pos_member.domain.money import Money
from pos_member.domain.prepaid import BuyerKind
from pos_member.domain.rules import ProgrammeRules
from pos_member.domain.tenders import TenderKind, TenderRequest, check_change, tender_name
from pos_member.domain.tiers import evaluate_tier
from pos_member.services import auth, jobs, prepaid
from pos_member.services.checkout import (
    SaleResult,
    load_result,
    next_receipt_no,
    shift_id_or_refuse,
)
from pos_member.services.context import Approval, Context, Role, StaffSession
from pos_member.services.ledgers import append_sv
from pos_member.store.db import UnitOfWork
from pos_member.store.models import Member, Sale, Tender

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class RechargeRequest:
    recharge_id: str
    member_id: int
    amount: Money
    tenders: tuple[TenderRequest, ...]
    staff: StaffSession
    approval: Approval | None = None
    #: Who pays (a company's purchase at or above ¥5,000 is not paid in cash).
    buyer_kind: BuyerKind = BuyerKind.PERSON
    #: The buyer's real-name record, when taken with this recharge.
    buyer: prepaid.RealNameInput | None = None
    #: The bank transfer's record, when a tender is ``external:bank_transfer``.
    bank_transfer: prepaid.BankTransferInput | None = None


def new_recharge_id() -> str:
    return str(uuid.uuid4())


#: The action a supervisor approves (``auth.approve``) for a cashier's recharge.
ACTION = "recharge"


def needs_approval(staff: StaffSession, amount: Money, rules: ProgrammeRules) -> bool:
    """Whether ``staff``'s recharge of ``amount`` waits for a supervisor's approval: a
    cashier's above the programme's ``stored_value.cashier_recharge_max`` (0: every one).
    ``recharge`` enforces it; the recharge dialog asks for the PIN by it, never by its own rule."""
    return staff.role < Role.SUPERVISOR and rules.stored_value.recharge_needs_supervisor(amount)


def approval_needed(ctx: Context, staff: StaffSession, amount: Money) -> bool:
    """``needs_approval`` under the rules in force now (what the dialog asks before it commits)."""
    with ctx.store.reading() as s:
        _, rules = ctx.rules(s)
    return needs_approval(staff, amount, rules)


def approval_limit(ctx: Context, staff: StaffSession) -> Money | None:
    """What ``staff`` recharges alone at most (0: nothing), or None when they never need
    a supervisor (a supervisor or manager): the line the recharge dialog shows."""
    if staff.role >= Role.SUPERVISOR:
        return None
    with ctx.store.reading() as s:
        _, rules = ctx.rules(s)
    return rules.stored_value.cashier_recharge_max


def _approved_by(req: RechargeRequest, rules: ProgrammeRules) -> str | None:
    """Who approved the recharge, for the sale and the audit (refuses a cashier's recharge
    above the limit without a supervisor's approval): the supervisor or manager who did
    it or approved it; None for a cashier's recharge within the limit."""
    if req.approval is None and not needs_approval(req.staff, req.amount, rules):
        return req.staff.staff_id if req.staff.role >= Role.SUPERVISOR else None
    return auth.require(req.staff, ACTION, req.approval)


def _applied_tenders(
    amount: Money, tenders: tuple[TenderRequest, ...], max_change: Money | None = None
) -> list[tuple[TenderRequest, Money, Money]]:
    """(request, amount applied, change) per tender; cash alone may overpay."""
    for t in tenders:
        if t.amount.fen < 0:
            raise InvalidAmount(what=tender_name(t.kind), value=str(t.amount))
        if t.kind in (TenderKind.STORED_VALUE, TenderKind.POINTS):
            raise ValidationError(
                field="recharge", problem="pay a recharge with cash, card or QR code"
            )
    non_cash = [t for t in tenders if t.kind is not TenderKind.CASH and t.amount.fen]
    cash = Money(sum(t.amount.fen for t in tenders if t.kind is TenderKind.CASH))
    nc_total = Money(sum(t.amount.fen for t in non_cash))
    if nc_total > amount:
        big = max(non_cash, key=lambda t: t.amount)
        raise OverpaidNonCash(kind=tender_name(big.kind), amount=big.amount, due=amount)
    if nc_total + cash < amount:
        raise TendersDoNotAddUp(paid=nc_total + cash, due=amount)
    check_change(cash, amount - nc_total, max_change)
    out = [(t, t.amount, Money(0)) for t in non_cash]
    cash_applied = amount - nc_total
    if cash_applied.fen:
        out.append((TenderRequest(TenderKind.CASH, cash), cash_applied, cash - cash_applied))
    return out


def recharge(ctx: Context, req: RechargeRequest) -> SaleResult:
    """Add ``req.amount`` (plus any bonus) to the member's stored value, once per id."""
    uuid.UUID(req.recharge_id)
    with ctx.store.reading() as s:
        done = load_result(s, req.recharge_id, replayed=True)
        if done is not None:
            return done
        shift_id_or_refuse(s, ctx.terminal_id)
        _, rules = ctx.rules(s)
    dl.plan_recharge(req.recharge_id, req.amount, rules.stored_value)  # a bad amount: refused
    applied = _applied_tenders(req.amount, req.tenders, Money(ctx.settings.max_change_fen))
    approved_by = _approved_by(req, rules)
    today = ctx.today()
    with ctx.store.unit_of_work(ctx.terminal_id, ctx.now_iso()) as uow:
        replay = uow.session.get(Sale, req.recharge_id) is not None
        if not replay:
            version, rules = ctx.rules(uow.session)
            approved_by = _approved_by(req, rules)  # the version in force may have changed
            write_recharge(ctx, uow, req, version, rules, applied, approved_by, today)
    with ctx.store.reading() as s:
        result = load_result(s, req.recharge_id, replayed=replay)
    assert result is not None
    return result


def write_recharge(
    ctx: Context,
    uow: UnitOfWork,
    req: RechargeRequest,
    version: int,
    rules: ProgrammeRules,
    applied: list[tuple[TenderRequest, Money, Money]],
    approved_by: str | None,
    today: date,
    *,
    bulk: Money | None = None,
) -> None:
    """Write one recharge in the caller's transaction (the law's checks first).

    ``bulk``: what the buyer takes at once when several cards are bought together
    (the anonymous cards' real-name threshold counts the whole purchase).
    """
    s = uow.session
    entry = dl.plan_recharge(req.recharge_id, req.amount, rules.stored_value)
    member = s.get(Member, req.member_id)
    if member is None:
        raise UnknownCard(number=str(req.member_id))
    # The prepaid-card law (cap, no cash for large buys, real names): before any write.
    law = prepaid.check_recharge(
        s,
        member,
        rules,
        entry,
        cash=Money(sum(a.fen for t, a, _ in applied if t.kind is TenderKind.CASH)),
        buyer_kind=req.buyer_kind,
        buyer=req.buyer,
        transfer=req.bank_transfer,
        by_transfer=any(t.method == prepaid.BANK_TRANSFER for t, _, _ in applied),
        bulk=bulk,
    )
    transfer = (
        prepaid.transfer_record(
            ctx,
            req.bank_transfer,
            req.amount,
            personal_payer=req.buyer_kind is BuyerKind.PERSON,
        )
        if req.bank_transfer is not None
        else None
    )
    buyer = (
        prepaid.record_real_name(
            ctx,
            uow,
            req.buyer,
            member_id=member.id,
            purpose="recharge",
            event_id=req.recharge_id,
            staff_id=req.staff.staff_id,
            rules=rules,
        )[1]
        if req.buyer is not None
        else None
    )
    receipt_no = next_receipt_no(uow)
    s.add(
        Sale(
            id=req.recharge_id,
            kind="recharge",
            terminal_id=uow.terminal_id,
            receipt_no=receipt_no,
            member_id=member.id,
            staff_id=req.staff.staff_id,
            approved_by=approved_by,
            shift_id=shift_id_or_refuse(s, uow.terminal_id),
            created_at=uow.now,
            business_date=today.isoformat(),
            rules_version=version,
            subtotal_fen=req.amount.fen,
            discount_fen=0,
            rounding_fen=0,
            total_fen=req.amount.fen,
            offline=not ctx.online(),
            detail={
                "bonus_fen": entry.bonus.fen,
                "tier_code": _tier_with_recharge(s, member, rules, entry, today),
            },
        )
    )
    s.flush()
    for i, (t, amount, change) in enumerate(applied, start=1):
        s.add(
            Tender(
                sale_id=req.recharge_id,
                seq=i,
                kind=t.kind.value,
                method=t.method,
                amount_fen=amount.fen,
                tendered_fen=t.amount.fen,
                change_fen=change.fen,
            )
        )
    append_sv(
        uow,
        member,
        entry,
        business_date=today,
        sale_id=req.recharge_id,
        offline=not ctx.online(),
    )
    uow.audit(
        "recharge",
        staff_id=req.staff.staff_id,
        approved_by=approved_by,
        subject=receipt_no,
        event_id=req.recharge_id,
        detail={"amount_fen": req.amount.fen, "bonus_fen": entry.bonus.fen},
    )
    uow.outbox(
        EventKind.RECHARGE,
        {
            "recharge_id": req.recharge_id,
            "store_id": ctx.settings.store_id,
            "terminal_id": uow.terminal_id,
            "receipt_no": receipt_no,
            "member_id": member.id,
            "created_at": uow.now,
            "business_date": today.isoformat(),
            "offline": not ctx.online(),
            "principal_fen": entry.principal.fen,
            "bonus_fen": entry.bonus.fen,
            "tenders": [
                {"kind": t.kind.value, "method": t.method, "amount_fen": a.fen}
                for t, a, _ in applied
            ],
            "card_class": law.card_class.value,
            "cap_fen": law.cap.fen,
            "balance_after_fen": law.balance_after.fen,
            **({"buyer": buyer} if buyer is not None else {}),
            **({"bank_transfer": transfer} if transfer is not None else {}),
        },
        event_id=req.recharge_id,
    )
    if rules.recharge_qualifies_for_upgrade:
        # The programme counts prepaying towards the tier: upgrade now, in this
        # same transaction (jobs.upgrade_now's rule, recharges included).
        jobs.upgrade_in(uow, rules, member.id, today, include_recharges=True, cause=req.recharge_id)


def _tier_with_recharge(
    s: Session, member: Member, rules: ProgrammeRules, entry: dl.SVEntry, today: date
) -> str:
    """The member's tier once this recharge counts, for its receipt (sales are append-only).

    Where a recharge qualifies for a tier, the upgrade ``jobs.upgrade_in``
    applies after the recharge is written: the recharge is added to the
    qualifying amount read before it, which is the sum read after it.
    """
    if not rules.recharge_qualifies_for_upgrade:
        return member.tier_code
    spend = jobs.qualifying_amounts(s, [member.id], rules, today, include_recharges=True)
    total = spend[member.id]
    if rules.tier_policy.window_days > 0:  # the window (since, today] holds today
        total = total + entry.principal
    return evaluate_tier(rules, member.tier_code, total, at_review=False).new
