"""A till refused by head office is told in words a cashier can act on, and keeps its data."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import text

pytestmark = pytest.mark.integration


def test_a_till_whose_credentials_head_office_revoked_is_told_what_to_do(
    hq: Any, make_terminal: Any
) -> None:
    """Re-enrolling a till's id (a new PC) revokes the old secret: the old till's next round
    is refused with words a cashier can act on, and nothing it holds is lost."""
    from pos_member.domain.errors import SyncRefused
    from pos_member.sync.client import HQ_REASONS, SyncClient, enrol_terminal

    t = make_terminal()
    t.sync()
    t.counter.recharge(1, 10_000)
    # The same till id enrolled again elsewhere (a replacement a manager approved):
    # head office revokes the first secret.
    other = type(t.store).open(t.store.path.with_name("new-pc.db"))
    enrol_terminal(other, hq.url, hq.code("S001", t.terminal_id, replaces=True), t.terminal_id)
    SyncClient(other).close()
    with pytest.raises(SyncRefused) as got:
        t.sync()
    assert got.value.params["status"] == 401
    assert got.value.params["detail"] == HQ_REASONS["auth.invalid"]
    with t.store.reading() as s:
        waiting = (
            s.connection()
            .execute(text("SELECT count(*) FROM outbox WHERE sent_at IS NULL"))
            .scalar_one()
        )
    assert waiting >= 1  # the recharge waits, nothing lost


def test_an_event_that_cannot_have_happened_is_set_aside_at_the_till_and_listed_at_head_office(
    hq: Any, make_terminal: Any, member_ids: Any
) -> None:
    """A refund naming a sale head office does not have (a tampered outbox row) is refused:
    the till keeps it set aside with the reason, pushes the rest, and does not send it again;
    head office applies nothing of it and lists it for review with what the till sent."""
    import uuid

    from pos_member.sync.client import HQ_REASONS, REFUSED_PREFIX, refused_events
    from pos_member.wire.schemas import EventKind

    t = make_terminal()
    t.sync()
    (mid,) = member_ids(1)
    before = hq.balance(mid)
    forged = str(uuid.uuid4())
    with t.store.unit_of_work(t.terminal_id, t.clock().isoformat()) as uow:
        uow.outbox(
            EventKind.REFUND.value,
            {
                "sale_id": forged, "original_sale_id": "no-such-sale",
                "receipt_no": f"{t.terminal_id}-X1", "business_date": "2026-11-23",
                "member_id": mid, "total_fen": -(10**12),
                "tenders": [{"kind": "stored_value", "amount_fen": -(10**12)}],
                "sv_principal_fen": 10**12, "sv_bonus_fen": 0,
            },
            forged,
        )  # fmt: skip
    honest = t.counter.recharge(mid, 10_000)
    report = t.sync()
    assert (report.pushed, report.refused) == (1, 1)
    with t.store.reading() as s:
        rows = {
            r[0]: r[1]
            for r in s.connection().execute(
                text("SELECT id, coalesce(last_error, '') FROM outbox WHERE sent_at IS NULL")
            )
        }
    assert list(rows) == [forged]
    assert rows[forged].startswith(REFUSED_PREFIX)
    assert HQ_REASONS["refund.no_sale"] in rows[forged]
    assert t.client.state(online=True).events_refused == 1
    # What the manager is shown: the event, its kind and head office's reason in words.
    [shown] = refused_events(t.store)
    assert (shown.event_id, shown.kind, shown.code) == (
        forged,
        "refund.completed",
        "refund.no_sale",
    )
    assert shown.payload["original_sale_id"] == "no-such-sale"
    assert HQ_REASONS["refund.no_sale"] in shown.reason
    assert hq.balance(mid) == (before[0] + 10_000, before[1], before[2])  # only the recharge
    assert hq.scalar("SELECT count(*) FROM applied_events WHERE event_id = :e", e=forged) == 0
    assert hq.scalar("SELECT count(*) FROM applied_events WHERE event_id = :e", e=honest) == 1
    detail = hq.scalar(
        "SELECT detail FROM review_items WHERE kind = 'event_refused' AND event_id = :e", e=forged
    )
    assert detail["code"] == "refund.no_sale"
    assert detail["event"]["payload"]["original_sale_id"] == "no-such-sale"
    # The next round does not send it again: it waits for a person.
    assert t.sync().refused == 0
    assert hq.scalar("SELECT count(*) FROM review_items WHERE event_id = :e", e=forged) == 1
