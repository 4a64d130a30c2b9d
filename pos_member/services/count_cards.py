"""Using a count card (计次卡): one visit takes one use. Selling one is a checkout
of the plan's product; refunding an unused one is a refund of that line."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import select

from pos_member.domain import ledger as dl
from pos_member.domain.errors import BalanceTooLow, CountCardUsedUp, ValidationError
from pos_member.domain.events import EventKind
from pos_member.services.context import Context, StaffSession
from pos_member.services.ledgers import append_count
from pos_member.store.models import CountCard, CountCardEntry

TESTED_IN = "tests/services/test_recharge_and_count_cards.py"


@dataclass(frozen=True, slots=True)
class CountCardUse:
    event_id: str
    count_card_id: int
    remaining_uses: int
    replayed: bool = False


def use_count_card(
    ctx: Context, staff: StaffSession, count_card_id: int, uses: int = 1, event_id: str = ""
) -> CountCardUse:
    """Take ``uses`` from the card; once per ``event_id`` (a new one when empty)."""
    eid = event_id or str(uuid.uuid4())
    today = ctx.today()
    with ctx.store.unit_of_work(ctx.terminal_id, ctx.now_iso()) as uow:
        s = uow.session
        card = s.get(CountCard, count_card_id)
        if card is None:
            raise ValidationError(
                field="count card", problem="there is no count card {id}", id=count_card_id
            )
        if s.scalar(select(CountCardEntry.id).where(CountCardEntry.event_id == eid)):
            return CountCardUse(eid, card.id, card.remaining_uses, replayed=True)
        if card.expires_on and card.expires_on < today.isoformat():
            raise ValidationError(
                field="count card",
                problem="{name} expired on {date}",
                name=card.name,
                date=card.expires_on,
            )
        history = [
            dl.CountCardEntry(e.event_id, str(card.id), e.delta, e.kind)
            for e in s.scalars(
                select(CountCardEntry).where(CountCardEntry.count_card_id == card.id)
            )
        ]
        try:
            use = dl.plan_count_card_use(eid, str(card.id), history, uses)
        except BalanceTooLow:
            raise CountCardUsedUp(name=card.name, left=card.remaining_uses, asked=uses) from None
        append_count(uow, card, eid, use.delta, "use", None)
        uow.audit(
            "count_card.use",
            staff_id=staff.staff_id,
            subject=str(card.id),
            event_id=eid,
            detail={"uses": uses},
        )
        uow.outbox(
            EventKind.COUNT_CARD_USED,
            {
                "event_id": eid,
                "store_id": ctx.settings.store_id,
                "terminal_id": uow.terminal_id,
                "count_card_id": card.id,
                "member_id": card.member_id,
                "uses": uses,
                "created_at": uow.now,
            },
            event_id=eid,
        )
        remaining = card.remaining_uses
    return CountCardUse(eid, count_card_id, remaining)
