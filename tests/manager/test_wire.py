"""Every manager event the sync schemas know passes head office's wire validation."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import select

from pos_member.domain.events import APPLIED
from pos_member.domain.money import Money
from pos_member.domain.rules import CouponKind, CouponTemplate
from pos_member.services import campaigns as cp
from pos_member.services import cards as cs
from pos_member.services import jobs
from pos_member.services import members as mb
from pos_member.services.context import Approval, Role
from pos_member.store import pii
from pos_member.store.models import OutboxEvent
from pos_member.wire.outbound import to_wire
from pos_member.wire.schemas import Event

from .conftest import Desk
from .helpers import recharge, register


def test_manager_events_validate_on_the_wire(desk: Desk) -> None:
    mid = register(desk.ctx, desk.cashier, "13700000201", birthday=date(1990, 3, 9)).member_id
    card = cs.issue_card(desk.ctx, desk.cashier, mid, cs.NewCard(cs.IssueMode.UID, uid="04AABBCC"))
    cs.report_lost(desk.ctx, desk.cashier, card.number, "lost")
    cs.report_found(desk.ctx, desk.supervisor, card.number)
    approval = Approval("2001", Role.SUPERVISOR, "card_replacement")
    cs.replace_card(
        desk.ctx,
        desk.cashier,
        card.number,
        cs.NewCard(cs.IssueMode.UID, uid="04DDEEFF"),
        cs.FeePayment(cs.FeeTender.CASH),
        approval,
    )
    mb.edit_member(desk.ctx, desk.manager, mid, name="新名字", birthday=date(1991, 3, 9))
    recharge(desk.ctx, desk.supervisor, mid, 1000)
    jobs.upgrade_now(desk.ctx, mid, include_recharges=True)
    jobs.birthday_benefits(
        desk.ctx, CouponTemplate("生日", CouponKind.PERCENT_OFF, 30, rate=Decimal("0.9"))
    )
    cp.issue_coupon(
        desk.ctx,
        desk.supervisor,
        mid,
        CouponTemplate("补偿", CouponKind.AMOUNT_OFF, 7, value=Money.yuan(5)),
        "SORRY-9",
    )
    with desk.ctx.store.reading() as s:
        rows = [
            (r.id, r.kind, pii.open_payload(desk.ctx.store.sealer, dict(r.payload)), r.created_at)
            for r in s.scalars(select(OutboxEvent).order_by(OutboxEvent.seq))
        ]
    kinds = {k for _, k, _, _ in rows}
    assert kinds >= {
        "member.registered",
        "card.issued",
        "card.reported_lost",
        "card.found",
        "card.replaced",
        "member.updated",
        "member.tier_changed",
        "coupon.issued",
        "card.fee",
    }
    applied = {k.value for k in APPLIED}
    # Head office applies every one of them (none is merely recorded).
    assert kinds <= applied
    for eid, kind, payload, at in rows:
        ev = Event.model_validate(
            {
                "id": eid,
                "kind": kind,
                "store_id": "S001",
                "terminal_id": "T01",
                "created_at": at,
                "payload": to_wire(kind, payload),
            }
        )
        assert ev.typed_payload() is not None
