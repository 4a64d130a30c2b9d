"""The order outbox rows go to head office in: card and member lifecycle first."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from pos_member.store.models import OutboxEvent
from pos_member.store.models_manager import LIFECYCLE_EVENT_KINDS

TESTED_IN = "tests/manager/test_cards.py"


def push_order(session: Session, limit: int) -> list[OutboxEvent]:
    """The next unsent outbox events in the order to push them.

    Card and member lifecycle events first (a lost card must be blocked
    chain-wide before anything else goes out), then the rest; each group in
    the order it was written, so a card is issued before it is reported lost
    and a member is registered before their first sale.
    """
    # Rows the sync client set aside as refused ("refused: ...") wait for a person.
    unsent = OutboxEvent.sent_at.is_(None) & (
        OutboxEvent.last_error.is_(None) | OutboxEvent.last_error.not_like("refused:%")
    )
    lifecycle = OutboxEvent.kind.in_(LIFECYCLE_EVENT_KINDS)
    # Two index range scans (ix_outbox_unsent_lifecycle, ix_outbox_unsent), not a sort.
    first = list(
        session.scalars(
            select(OutboxEvent).where(unsent, lifecycle).order_by(OutboxEvent.seq).limit(limit)
        )
    )
    if len(first) >= limit:
        return first
    rest = session.scalars(
        select(OutboxEvent)
        .where(unsent, ~lifecycle)
        .order_by(OutboxEvent.seq)
        .limit(limit - len(first))
    )
    return first + list(rest)
