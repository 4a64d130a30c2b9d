"""Lost cards at a counter reach head office first and are refused at every other counter.

Two terminal SQLite files, one head office on the real PostgreSQL, a real
uvicorn on loopback, and the manager's real ``services.cards.report_lost``.
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from sqlalchemy import text

from pos_member.domain.errors import CardBlocked
from pos_member.domain.identifiers import IdKind
from pos_member.domain.tenders import TenderKind, TenderRequest
from pos_member.services.cards import report_lost
from pos_member.services.checkout import CheckoutRequest, LineRequest, new_sale_id
from pos_member.services.context import Context, Role, StaffSession
from pos_member.services.identify import identify
from pos_member.settings import Settings, SyncSettings
from pos_member.sync.client import SyncClient
from pos_member.wire.schemas import EventKind

pytestmark = pytest.mark.integration

SUPERVISOR = StaffSession("2001", "陈姐", Role.SUPERVISOR)


class RecordingTransport(httpx.HTTPTransport):
    """The real HTTP transport, noting the event kinds of every push it carries."""

    def __init__(self) -> None:
        super().__init__()
        self.batches: list[list[str]] = []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/sync/push"):
            body = json.loads(request.read())
            self.batches.append([e["kind"] for e in body["events"]])
        return super().handle_request(request)


def _ctx(t: Any) -> Context:
    settings = Settings(db_path=t.store.path, terminal_id=t.terminal_id, store_id="S001")
    return Context(store=t.store, settings=settings, clock=t.clock)


def _active_card(t: Any, member_id: int) -> str:
    with t.store.reading() as s:
        return str(
            s.connection()
            .execute(
                text("SELECT number FROM cards WHERE member_id = :m AND state = 'active'"),
                {"m": member_id},
            )
            .scalar_one()
        )


def test_a_lost_card_is_pushed_before_the_sales_queued_before_it(hq, make_terminal, member_ids):
    t = make_terminal()
    t.sync()
    buyer, loser = member_ids(2)
    number = _active_card(t, loser)
    sales = [t.counter.sale(buyer, cash_fen=1000 + i, points_earned=10) for i in range(5)]
    report_lost(_ctx(t), SUPERVISOR, number, "member phoned: wallet stolen")
    recorder = RecordingTransport()
    client = SyncClient(
        t.store, SyncSettings(offline_after_s=300, batch_size=2), clock=t.clock,
        transport=recorder,
    )  # fmt: skip
    try:
        pushed, refused = client.push_pending()
    finally:
        client.close()
    assert (pushed, refused) == (6, 0)
    # Written last, sent first; the sales keep their own order behind it.
    sale = EventKind.SALE.value
    assert recorder.batches == [["card.reported_lost", sale], [sale, sale], [sale, sale]]
    assert hq.scalar("SELECT state FROM cards WHERE number = :n", n=number) == "lost"
    with hq.engine.connect() as conn:
        applied = [
            r[0]
            for r in conn.execute(text("SELECT id FROM sales WHERE id = ANY(:ids)"), {"ids": sales})
        ]
    assert sorted(applied) == sorted(sales)


def test_a_card_reported_lost_at_a_is_refused_at_b_after_b_pulls(hq, make_terminal, member_ids):
    a, b = make_terminal(), make_terminal()
    a.sync()
    b.sync()
    (mid,) = member_ids(1)
    number = _active_card(a, mid)
    ctx_b = _ctx(b)
    assert identify(ctx_b, number, IdKind.MEMBER_CARD).member_id == mid
    report_lost(_ctx(a), SUPERVISOR, number, "lost at the market")
    with pytest.raises(CardBlocked):
        identify(_ctx(a), number, IdKind.MEMBER_CARD)  # blocked at A at once
    # B has not heard yet: the card still works there until its next pull.
    assert identify(ctx_b, number, IdKind.MEMBER_CARD).member_id == mid
    a.sync()
    b.sync()
    with pytest.raises(CardBlocked) as refused:
        identify(ctx_b, number, IdKind.MEMBER_CARD)
    assert number not in refused.value.message  # masked, but says what happened
    assert "reported lost and is blocked" in refused.value.message
    assert b.card_state(number) == "lost"


def test_a_card_head_office_blocked_used_at_a_till_before_its_pull_is_flagged(
    hq: Any, make_till: Any, member_ids: Any
) -> None:
    """The sale event carries the card and how the member was identified (#23 item 2)."""
    till = make_till()
    (mid,) = member_ids(1)
    number = _active_card(till.synced, mid)
    code, _ = till.product()

    def sale_with_card() -> str:
        view = identify(till.services.ctx, number, IdKind.MEMBER_CARD)
        base = CheckoutRequest(
            sale_id=new_sale_id(), staff=SUPERVISOR, lines=(LineRequest(code),),
            member_id=view.member_id, card_id=view.card_id, id_method=view.id_method,
        )  # fmt: skip
        due = till.services.quote(base).amount_due
        tenders = (TenderRequest(TenderKind.CASH, due),)
        return str(till.services.checkout(replace(base, tenders=tenders)).sale_id)

    # Head office's block is stamped with its own (real) clock: the till's is set around it.
    till.synced.clock.now = datetime.now(UTC) - timedelta(minutes=2)
    before = sale_with_card()
    with hq.admin() as c:
        assert c.post(f"/api/v1/cards/{number}/block", json={}).status_code == 200
    till.synced.clock.now = datetime.now(UTC) + timedelta(minutes=2)
    after = sale_with_card()  # the till has not pulled the block: it still takes the card
    till.sync()
    with hq.engine.connect() as conn:
        flagged = conn.execute(
            text("SELECT event_id FROM review_items WHERE kind = 'blocked_card_used'"
                 " AND member_id = :m"), {"m": mid},
        ).scalars().all()  # fmt: skip
        rows = conn.execute(
            text("SELECT id, card_number, id_method FROM sales WHERE id IN (:a, :b)"),
            {"a": before, "b": after},
        ).all()
    assert flagged == [after]
    assert {tuple(r) for r in rows} == {
        (before, number, "member_card"),
        (after, number, "member_card"),
    }
    assert till.synced.card_state(number) == "lost"  # and the pull brought the block
