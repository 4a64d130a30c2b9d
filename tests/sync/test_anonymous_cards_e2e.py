"""Anonymous cards (不记名卡) sold at a real till reach a real head office (PostgreSQL +
uvicorn) exactly once: the holder without personal data, the card with its class and
expiry, the load within the ¥1,000 cap unflagged, a spend at a sale; a second push
changes nothing (issue 17)."""

from __future__ import annotations

import re
from typing import Any

import pytest
from sqlalchemy import text

from pos_member.domain.money import Money
from pos_member.domain.tenders import TenderKind, TenderRequest
from pos_member.services import anonymous_cards as ac
from pos_member.services.auth import hash_pin
from pos_member.services.checkout import CheckoutRequest, LineRequest, checkout, new_sale_id
from pos_member.services.context import Context, Role, StaffSession
from pos_member.settings import Settings
from pos_member.store.models import Staff
from tests.till_shift import ensure_shift

pytestmark = pytest.mark.integration

SUPERVISOR = StaffSession("2001", "陈姐", Role.SUPERVISOR)
CASHIER = StaffSession("1001", "小王", Role.CASHIER)
PIN = "258036"


@pytest.fixture
def till(make_terminal: Any) -> Any:
    t = make_terminal()
    t.sync()
    with t.store.session() as s:
        for who in (CASHIER, SUPERVISOR):
            s.add(Staff(id=who.staff_id, name=who.name, role=who.role.label,
                        pin_hash=hash_pin("2468")))  # fmt: skip
    settings = Settings(db_path=t.store.path, terminal_id=t.terminal_id, store_id="S001")
    t.ctx = Context(store=t.store, settings=settings, clock=t.clock)
    ensure_shift(t.ctx)
    return t


def hq_rows(hq: Any, sql: str, **params: Any) -> list[Any]:
    with hq.engine.connect() as conn:
        return list(conn.execute(text(sql), params).all())


def test_sold_cards_reach_head_office_once_with_class_expiry_and_balance(
    hq: Any, till: Any
) -> None:
    ctx: Context = till.ctx
    done = ac.sell_anonymous_cards(
        ctx,
        ac.AnonymousSaleRequest(
            new_sale_id(), 2, Money.yuan(500),
            (TenderRequest(TenderKind.CASH, Money.yuan(1000)),), SUPERVISOR, PIN,
        ),
    )  # fmt: skip
    till.sync()
    for card in done.cards:
        ((name, phone, number, expires, p, b),) = hq_rows(
            hq,
            "SELECT m.name, m.phone, c.number, c.expires_on, m.sv_principal_fen, m.sv_bonus_fen "
            "FROM members m JOIN cards c ON c.member_id = m.id WHERE m.id = :m",
            m=card.holder_id,
        )
        assert (name, phone, number, expires) == ("", None, card.number, card.expires_on)
        assert (p, b) == (50_000, 2_500)  # 充500送25, within ¥1,000
        assert hq.ledger_sum(card.holder_id)[:2] == (50_000, 2_500)
    holders = [c.holder_id for c in done.cards]
    assert hq_rows(
        hq, "SELECT count(*) FROM review_items WHERE member_id IN (:a, :b)",
        a=holders[0], b=holders[1],
    ) == [(0,)]  # fmt: skip
    with till.store.reading() as s:
        sent = [
            str(i)
            for (i,) in s.connection().execute(
                text("SELECT id FROM outbox WHERE sent_at IS NOT NULL")
            )
        ]
    applied = hq_rows(hq, "SELECT event_id, kind FROM applied_events")
    ours = [k for e, k in applied if e in sent]
    assert sorted(ours).count("member.registered") == 2
    assert ours.count("recharge.completed") == 2
    till.sync()  # nothing left to push; a second round changes nothing
    assert len(hq_rows(hq, "SELECT event_id FROM applied_events")) == len(applied)
    # The card pays at a sale with its PIN; head office follows.
    code = hq_rows(
        hq, "SELECT code FROM products WHERE NOT weighed AND count_card_plan IS NULL "
        "AND price_fen >= 100 ORDER BY id LIMIT 1",
    )[0][0]  # fmt: skip
    base = CheckoutRequest(new_sale_id(), CASHIER, (LineRequest(str(code)),),
                           member_id=holders[0])  # fmt: skip
    from pos_member.services.checkout import quote

    due = quote(ctx, base).amount_due
    checkout(
        ctx,
        CheckoutRequest(
            base.sale_id, CASHIER, base.lines, member_id=holders[0],
            tenders=(TenderRequest(TenderKind.STORED_VALUE, due),), pay_pin=PIN,
        ),
    )  # fmt: skip
    till.sync()
    p, b, _ = hq.balance(holders[0])
    assert p + b == 52_500 - due.fen


def test_another_till_holds_a_card_it_did_not_sell_to_the_anonymous_cap(
    hq: Any, till: Any, make_terminal: Any
) -> None:
    """Head office keeps the card's class and expiry and the feed brings them to every
    till: another store's till refuses a recharge past the ¥1,000 cap of a card sold here."""
    from pos_member.domain.errors import OverCap
    from pos_member.services.stored_value import RechargeRequest, new_recharge_id, recharge

    done = ac.sell_anonymous_cards(
        till.ctx,
        ac.AnonymousSaleRequest(
            new_sale_id(), 1, Money.yuan(500),
            (TenderRequest(TenderKind.CASH, Money.yuan(500)),), SUPERVISOR, PIN,
        ),
    )  # fmt: skip
    (card,) = done.cards
    till.sync()
    assert hq_rows(hq, "SELECT card_class, expires_on FROM cards WHERE number = :n",
                   n=card.number) == [("anonymous", card.expires_on)]  # fmt: skip
    other = make_terminal(store_id="S002")
    other.sync()
    with other.store.reading() as s:
        got = (
            s.connection()
            .execute(
                text("SELECT card_class, expires_on FROM cards WHERE number = :n"),
                {"n": card.number},
            )
            .one()
        )
    assert tuple(got) == ("anonymous", card.expires_on)
    with other.store.session() as s:
        for who in (CASHIER, SUPERVISOR):
            s.add(Staff(id=who.staff_id, name=who.name, role=who.role.label,
                        pin_hash=hash_pin("2468")))  # fmt: skip
    settings = Settings(db_path=other.store.path, terminal_id=other.terminal_id, store_id="S002")
    ctx = Context(store=other.store, settings=settings, clock=other.clock)
    ensure_shift(ctx)
    # 525 on the card: 500 more with its 25 of bonus would be 1,050.
    with pytest.raises(OverCap, match=re.escape("¥1,000.00")):
        recharge(
            ctx,
            RechargeRequest(
                new_recharge_id(), card.holder_id, Money.yuan(500),
                (TenderRequest(TenderKind.CASH, Money.yuan(500)),), SUPERVISOR,
            ),
        )  # fmt: skip
