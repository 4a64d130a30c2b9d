"""The real counter services at a synced terminal: their outbox reaches head office exactly."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest
from sqlalchemy import text

from pos_member.domain.tenders import TenderKind, TenderRequest
from pos_member.services.auth import hash_pin
from pos_member.services.checkout import (
    CheckoutRequest,
    LineRequest,
    checkout,
    new_sale_id,
    quote,
)
from pos_member.services.context import Context, Role, StaffSession
from pos_member.services.offline_caps import is_online
from pos_member.settings import Settings
from pos_member.store.models import Staff
from tests.till_shift import ensure_shift

pytestmark = pytest.mark.integration

CASHIER = StaffSession("1001", "小王", Role.CASHIER)


def test_services_checkouts_reach_head_office_once_and_the_till_agrees(hq, make_terminal):
    t = make_terminal()
    t.sync()
    with t.store.session() as s:
        s.add(Staff(id="1001", name="小王", role="cashier", pin_hash=hash_pin("1234")))
    settings = Settings(db_path=t.store.path, terminal_id=t.terminal_id, store_id="S001")

    def online() -> bool:
        with t.store.reading() as s:
            return is_online(s.connection(), datetime.now(UTC), 300)

    ctx = Context(store=t.store, settings=settings, clock=lambda: datetime.now(UTC), online=online)
    ensure_shift(ctx)
    mid = 200
    before = hq.balance(mid)
    code = hq.scalar("SELECT code FROM products WHERE weighed = false ORDER BY id LIMIT 1")
    draft = CheckoutRequest(sale_id=new_sale_id(), staff=CASHIER,
                            lines=(LineRequest(code, quantity=3),), member_id=mid)  # fmt: skip
    due = quote(ctx, draft).amount_due
    first = checkout(ctx, replace(draft, tenders=(TenderRequest(TenderKind.CASH, due),)))
    assert first.points_earned > 0
    report = t.sync()
    assert report.pushed >= 1
    after = hq.balance(mid)
    assert after[2] == before[2] + first.points_earned
    assert hq.ledger_sum(mid) == after
    # Head office has the sale with the till's total, once.
    assert hq.scalar("SELECT total_fen FROM sales WHERE id = :i", i=first.sale_id) == (
        first.total.fen
    )
    t.sync()
    assert t.counter.balance(mid) == after
    assert t.ledger_matches_cache(mid)
    with t.store.reading() as s:
        left = (
            s.connection()
            .execute(text("SELECT count(*) FROM outbox WHERE sent_at IS NULL"))
            .scalar_one()
        )
    assert left == 0
