"""Supervisor-approved corrections: voiding at the counter and manual adjustments.

A void cancels scanned lines or a whole cart before payment: nothing was
sold, so only the audit trail records it (who, approved by whom, what). A
manual adjustment corrects a member's points or stored value with a reason:
ledger entries like any other, never an edit of a balance.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from pos_member.domain import ledger as dl
from pos_member.domain.approvals import (
    MAX_POINTS_ADJUSTMENT,
    adjustment_limit,
    points_within,
    stored_value_within,
)
from pos_member.domain.errors import BalanceTooLow, UnknownCard, ValidationError
from pos_member.domain.events import EventKind
from pos_member.domain.money import Money
from pos_member.domain.text import person_words, phrase
from pos_member.services import auth, prepaid
from pos_member.services.context import Approval, Context, Role, StaffSession
from pos_member.services.ledgers import append_points, append_sv, member_lots, open_lot
from pos_member.store.models import Member


@dataclass(frozen=True, slots=True)
class VoidedLine:
    code: str
    name: str
    quantity: int
    amount: Money


def record_void(
    ctx: Context,
    staff: StaffSession,
    approval: Approval | None,
    cart_id: str,
    lines: tuple[VoidedLine, ...],
    reason: str,
) -> None:
    """Write who voided what (lines or a whole cart) before payment."""
    if not lines:
        raise ValidationError(field="void", problem="choose the lines to void")
    approved_by = auth.require(staff, "void", approval)
    why = person_words(reason, phrase("reason"), max_len=200, required=False)
    with ctx.store.unit_of_work(ctx.terminal_id, ctx.now_iso()) as uow:
        uow.audit(
            "void",
            staff_id=staff.staff_id,
            approved_by=approved_by,
            subject=cart_id,
            detail={
                "reason": why,
                "lines": [
                    {
                        "code": ln.code,
                        "name": ln.name,
                        "quantity": ln.quantity,
                        "amount_fen": ln.amount.fen,
                    }
                    for ln in lines
                ],
            },
        )


def void_sale(
    ctx: Context, staff: StaffSession, approval: Approval | None, sale_id: str, lines: int
) -> None:
    """Write the void of a whole sale not yet paid (only screen state until then)."""
    approver = auth.require(staff, "void", approval)
    with ctx.store.unit_of_work(ctx.terminal_id, ctx.now_iso()) as uow:
        uow.audit(
            "sale.void",
            staff_id=staff.staff_id,
            approved_by=approver if approver != staff.staff_id else None,
            subject=sale_id,
            detail={"lines": lines},
        )


def _approver_role(staff: StaffSession, approval: Approval | None) -> str:
    """The role whose limits apply: the actor's own, or the approving supervisor's."""
    if staff.role >= Role.SUPERVISOR or approval is None:
        return staff.role.label
    return approval.role.label


def _beyond(role: str, amount: int | Money) -> ValidationError:
    return ValidationError(
        field="amount",
        problem="{amount} is more than this approver may approve",
        amount=amount,
    )


# The most one manual correction may move in each bucket: the default largest recharge.
MAX_SV_ADJUSTMENT = Money(100_000_000)


def _reason(reason: str) -> str:
    if isinstance(reason, str) and not reason.strip():
        raise ValidationError(field="reason", problem="say why the balance is corrected")
    return person_words(reason, phrase("reason"), max_len=120)


def adjust_points(
    ctx: Context,
    staff: StaffSession,
    approval: Approval | None,
    member_id: int,
    delta: int,
    reason: str,
    event_id: str = "",
) -> int:
    """Add (a new lot) or take (soonest-expiring lots first) points; returns the new balance."""
    why = _reason(reason)
    if delta == 0 or abs(delta) > MAX_POINTS_ADJUSTMENT:
        raise ValidationError(
            field="points", problem="{delta} is not a possible adjustment", delta=delta
        )
    approved_by = auth.require(staff, "manual_adjustment", approval)
    role = _approver_role(staff, approval)
    if not points_within(role, delta):
        raise _beyond(role, adjustment_limit(role).points)
    eid = event_id or str(uuid.uuid4())
    today = ctx.today()
    with ctx.store.unit_of_work(ctx.terminal_id, ctx.now_iso()) as uow:
        s = uow.session
        member = s.get(Member, member_id)
        if member is None:
            raise UnknownCard(number=str(member_id))
        _, rules = ctx.rules(s)
        if delta > 0:
            lot, _ = dl.plan_earn(eid, delta, today, rules.expiry.expires_on(today))
            open_lot(uow, member, lot)
            s.flush()
            entries = [dl.PointsEntry(eid, lot.lot_id, delta, dl.PointsReason.ADJUST)]
        else:
            lots, history = member_lots(s, member.id)
            entries = dl.plan_redeem(eid, lots, history, -delta, today, dl.PointsReason.ADJUST)
        append_points(uow, member, entries, None)
        uow.audit(
            "points.adjust",
            staff_id=staff.staff_id,
            approved_by=approved_by,
            subject=str(member_id),
            event_id=eid,
            detail={"delta": delta, "reason": why},
        )
        uow.outbox(
            EventKind.POINTS_ADJUSTED,
            {
                "event_id": eid,
                "store_id": ctx.settings.store_id,
                "terminal_id": uow.terminal_id,
                "member_id": member_id,
                "delta": delta,
                "approved_by": approved_by,
                "reason": why,
                "created_at": uow.now,
                "business_date": today.isoformat(),
            },
            event_id=eid,
        )
        return member.points_balance


def adjust_stored_value(
    ctx: Context,
    staff: StaffSession,
    approval: Approval | None,
    member_id: int,
    principal: Money,
    bonus: Money,
    reason: str,
    event_id: str = "",
) -> Money:
    """Correct stored value by signed principal and bonus deltas; returns the new total."""
    why = _reason(reason)
    if not principal.fen and not bonus.fen:
        raise ValidationError(field="amount", problem="nothing to adjust")
    for part in (principal, bonus):
        if abs(part) > MAX_SV_ADJUSTMENT:
            raise ValidationError(
                field="amount",
                problem="{amount} is more than one adjustment may move ({limit})",
                amount=part,
                limit=MAX_SV_ADJUSTMENT,
            )
    approved_by = auth.require(staff, "manual_adjustment", approval)
    role = _approver_role(staff, approval)
    if not stored_value_within(role, principal.fen, bonus.fen):
        raise _beyond(role, Money(adjustment_limit(role).stored_value_fen))
    eid = event_id or str(uuid.uuid4())
    today = ctx.today()
    with ctx.store.unit_of_work(ctx.terminal_id, ctx.now_iso()) as uow:
        member = uow.session.get(Member, member_id)
        if member is None:
            raise UnknownCard(number=str(member_id))
        _, rules = ctx.rules(uow.session)
        prepaid.check_credit(
            uow.session, member, rules, dl.SVEntry(eid, dl.SVReason.ADJUST, principal, bonus)
        )
        if member.sv_principal_fen + principal.fen < 0 or member.sv_bonus_fen + bonus.fen < 0:
            raise BalanceTooLow(
                balance=Money(member.sv_principal_fen + member.sv_bonus_fen),
                requested=-(principal + bonus),
            )
        append_sv(
            uow,
            member,
            dl.SVEntry(eid, dl.SVReason.ADJUST, principal, bonus),
            business_date=today,
            sale_id=None,
            offline=not ctx.online(),
            note=why,
        )
        uow.audit(
            "stored_value.adjust",
            staff_id=staff.staff_id,
            approved_by=approved_by,
            subject=str(member_id),
            event_id=eid,
            detail={"principal_fen": principal.fen, "bonus_fen": bonus.fen, "reason": why},
        )
        uow.outbox(
            EventKind.SV_ADJUSTED,
            {
                "event_id": eid,
                "store_id": ctx.settings.store_id,
                "terminal_id": uow.terminal_id,
                "member_id": member_id,
                "principal_fen": principal.fen,
                "bonus_fen": bonus.fen,
                "approved_by": approved_by,
                "reason": why,
                "created_at": uow.now,
                "business_date": today.isoformat(),
            },
            event_id=eid,
        )
        return Money(member.sv_principal_fen + member.sv_bonus_fen)
