"""Anonymous prepaid cards (不记名卡) sold at the counter, on real SQLite files (issue 17).

Sold and loaded without a member: the ¥1,000 cap at the fen, an expiry at least three
years on, the buyer's real name only for a purchase of ¥10,000 or more at once, the
payment from the card at a sale, the exchange of an expired card, and the events.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from pos_member.domain.errors import CashNotAllowed, OverCap, RealNameRequired, ValidationError
from pos_member.domain.money import Money
from pos_member.domain.prepaid import BuyerKind
from pos_member.services import anonymous_cards as ac
from pos_member.services.cards import (
    FeePayment,
    FeeTender,
    IssueMode,
    NewCard,
    next_card_number,
    replace_card,
)
from pos_member.services.checkout import LineRequest, checkout, new_sale_id
from pos_member.services.context import Context
from pos_member.services.identify import member_view
from tests.services.conftest import RICE, SUPERVISOR, TODAY, assert_consistent, table_counts
from tests.services.helpers import buyer_names, cash, external, rows, sale, stored_value
from tests.services.test_prepaid import holder, use_rules, wire_event

y = Money.yuan
PIN = "258036"


def sell(ctx: Context, count: int, each: Money, **kw: Any) -> ac.AnonymousSale:
    tenders = kw.pop("tenders", (external(Money(each.fen * count), "alipay"),))
    return ac.sell_anonymous_cards(
        ctx,
        ac.AnonymousSaleRequest(new_sale_id(), count, each, tenders, SUPERVISOR, PIN, **kw),
    )


def outbox(db_path: Path, kind: str) -> list[dict[str, Any]]:
    """The events as the push sends them (names and contacts sealed at rest, opened)."""
    from pos_member.store import pii

    sealer = pii.sealer_at(db_path)
    return [
        pii.open_payload(sealer, json.loads(p))
        for (p,) in rows(db_path, "select payload from outbox where kind=? order by seq", kind)
    ]


def test_one_card_sold_and_loaded_without_a_member(ctx: Context, db_path: Path) -> None:
    done = sell(ctx, 1, y(500), tenders=(cash(500),))
    (card,) = done.cards
    # Three years from the day of sale, on its face (the receipt and the card).
    assert card.expires_on == TODAY.replace(year=TODAY.year + 3).isoformat()
    assert (card.principal, card.bonus) == (y(500), y(25))  # the programme's 充500送25
    assert done.total == y(500) and not done.real_name_recorded
    view = member_view(ctx, card.holder_id)
    assert view.stored_value == y(525)
    ((name, sealed, phone, klass, expires),) = rows(
        db_path,
        "select m.name_masked, m.name_sealed, m.phone_masked, c.card_class, c.expires_on "
        "from members m "
        "join cards c on c.member_id = m.id where m.id = ?",
        card.holder_id,
    )
    assert (name, sealed, phone, klass, expires) == ("", None, None, "anonymous", card.expires_on)
    assert rows(db_path, "select count(*) from real_name_records where purpose = 'recharge'") == [
        (0,)
    ]
    assert_consistent(db_path)


def test_the_anonymous_cap_at_the_fen_below_at_and_above(ctx: Context, db_path: Path) -> None:
    use_rules(ctx, bonus_table=())  # no bonus: the deposit alone meets the cap
    before = table_counts(db_path)
    with pytest.raises(OverCap, match=re.escape("at most ¥1,000.00")):
        sell(ctx, 1, y("1000.01"))
    assert table_counts(db_path) == before
    assert member_view(ctx, sell(ctx, 1, y(1000)).cards[0].holder_id).stored_value == y(1000)
    assert member_view(ctx, sell(ctx, 1, y("999.99")).cards[0].holder_id).stored_value == y(
        "999.99"
    )


def test_the_bonus_counts_against_the_anonymous_cap(
    ctx: Context, unchanged: Callable[[], None]
) -> None:
    # 1,000 deposited earns 60 of bonus: 1,060 would pass ¥1,000; 950 + 25 fits.
    with pytest.raises(OverCap, match=re.escape("¥1,000.00")):
        sell(ctx, 1, y(1000))
    unchanged()
    card = sell(ctx, 1, y(950)).cards[0]
    assert member_view(ctx, card.holder_id).stored_value == y(975)


def test_a_bulk_buy_below_10000_needs_no_name_and_at_10000_does(
    ctx: Context, db_path: Path
) -> None:
    use_rules(ctx, bonus_table=(), enforce_real_name=True)
    # 10 × 999.99 = 9,999.90: no real name.
    done = sell(ctx, 10, y("999.99"))
    assert len(done.cards) == 10 and not done.real_name_recorded
    assert ac.needs(ctx, 10, y("999.99"))[0] is False
    # 10 × 1,000 = 10,000: the buyer's real name, refused without it, nothing written.
    assert ac.needs(ctx, 10, y(1000))[0] is True
    before = table_counts(db_path)
    with pytest.raises(RealNameRequired):
        sell(ctx, 10, y(1000))
    assert table_counts(db_path) == before
    done = sell(ctx, 10, y(1000), buyer=holder("王小明"))
    assert done.real_name_recorded
    ids = rows(
        db_path, "select id_masked, name_masked from real_name_records where purpose = 'recharge'"
    )
    assert len(ids) == 10 and set(ids) == {("1101**********002X", "王**")}
    assert set(buyer_names(db_path, "purpose = 'recharge'")) == {"王小明"}
    (first, *_) = [p for p in outbox(db_path, "recharge.completed") if p.get("buyer")]
    wired = wire_event("recharge.completed", first)
    assert wired.card_class == "anonymous" and wired.buyer.name == "王小明"
    assert wired.cap_fen == 100_000


def test_a_company_buying_5000_of_cards_pays_by_transfer(
    ctx: Context, unchanged: Callable[[], None]
) -> None:
    with pytest.raises(CashNotAllowed, match="bank transfer"):
        sell(ctx, 10, y(500), tenders=(cash(5000),), buyer_kind=BuyerKind.COMPANY)
    unchanged()


def test_cash_is_spread_over_the_cards_with_the_change_on_the_last(
    ctx: Context, db_path: Path
) -> None:
    done = sell(ctx, 3, y(300), tenders=(cash(1000),))
    assert done.change == y(100) and done.total == y(900)
    amounts = rows(
        db_path,
        "select t.amount_fen, t.change_fen from tenders t join sales s on s.id = t.sale_id "
        "where s.kind = 'recharge' order by s.created_at, s.receipt_no",
    )[-3:]
    assert amounts == [(30000, 0), (30000, 0), (30000, 10000)]


def test_a_repeated_request_returns_the_first_sale(ctx: Context, db_path: Path) -> None:
    req = ac.AnonymousSaleRequest(new_sale_id(), 2, y(200), (cash(400),), SUPERVISOR, PIN)
    first = ac.sell_anonymous_cards(ctx, req)
    before = table_counts(db_path)
    again = ac.sell_anonymous_cards(ctx, req)
    assert again.replayed and [c.number for c in again.cards] == [c.number for c in first.cards]
    assert table_counts(db_path) == before


def test_bad_input_writes_nothing(ctx: Context, unchanged: Callable[[], None]) -> None:
    with pytest.raises(ValidationError, match="6 digits"):
        ac.sell_anonymous_cards(
            ctx, ac.AnonymousSaleRequest(new_sale_id(), 1, y(100), (cash(100),), SUPERVISOR, "12")
        )
    with pytest.raises(ValidationError, match="1 to 50 cards"):
        sell(ctx, 0, y(100), tenders=(cash(100),))
    unchanged()


def test_the_card_pays_at_a_sale_with_its_pin(ctx: Context, db_path: Path) -> None:
    card = sell(ctx, 1, y(100), tenders=(cash(100),)).cards[0]
    done = checkout(
        ctx,
        sale(
            LineRequest(RICE),
            member_id=card.holder_id,
            tenders=(stored_value(y("10")), cash(100)),
            pay_pin=PIN,
        ),
    )
    assert done.receipt_no
    assert member_view(ctx, card.holder_id).stored_value == y(90)
    assert_consistent(db_path)


def test_an_expired_card_is_exchanged_with_its_balance_and_a_new_expiry(
    ctx: Context, db_path: Path
) -> None:
    card = sell(ctx, 1, y(100), tenders=(cash(100),)).cards[0]
    conn = sqlite3.connect(db_path)
    conn.execute("UPDATE cards SET expires_on='2020-01-01' WHERE number=?", (card.number,))
    conn.commit()
    conn.close()
    new = NewCard(IssueMode.BARCODE, card_number=next_card_number(ctx))
    done = replace_card(ctx, SUPERVISOR, card.number, new, FeePayment(FeeTender.CASH))
    assert (done.sv_principal, done.sv_bonus) == (y(100), y(0))
    ((klass, expires),) = rows(
        db_path, "select card_class, expires_on from cards where number=?", done.new_card.number
    )
    assert (klass, expires) == ("anonymous", TODAY.replace(year=TODAY.year + 3).isoformat())
    (payload,) = outbox(db_path, "card.replaced")[-1:]
    assert payload["card_class"] == "anonymous" and payload["card_expires_on"] == expires


def test_the_events_go_to_head_office_once_each(ctx: Context, db_path: Path) -> None:
    done = sell(ctx, 2, y(100), tenders=(cash(200),))
    holders = [p for p in outbox(db_path, "member.registered") if p.get("anonymous")]
    assert [p["card_number"] for p in holders] == [c.number for c in done.cards]
    for p in holders:
        wired = wire_event("member.registered", p)
        assert wired.anonymous and wired.name == "" and wired.card_class == "anonymous"
    ids = rows(
        db_path, "select id from outbox where kind in ('member.registered','recharge.completed')"
    )
    assert len(ids) == len({i for (i,) in ids})


def test_an_anonymous_card_is_closed_for_whoever_presents_it_with_their_id(
    ctx: Context, db_path: Path
) -> None:
    """退卡 of an anonymous card: no name on file, so the person presenting it shows their
    ID (recorded, sealed) and is paid to an account in their own name above ¥100."""
    from pos_member.domain.errors import AccountNotHolders
    from pos_member.services import prepaid
    from tests.services.test_prepaid import account, mark_sent

    card = sell(ctx, 1, y(300), tenders=(cash(300),)).cards[0]  # 300 + 0 bonus (under 500)
    mark_sent(ctx)
    req = prepaid.ClosureRequest(
        prepaid.new_action_id(), card.number, holder("王小明"), SUPERVISOR,
        account=account("张三"),
    )  # fmt: skip
    with pytest.raises(AccountNotHolders):
        prepaid.close_card(ctx, req)
    from dataclasses import replace as dc_replace

    done = prepaid.close_card(ctx, dc_replace(req, account=account("王小明")))
    assert done.quote.refund == y(300) and done.tender == "bank_transfer"
    assert member_view(ctx, card.holder_id).stored_value == y(0)
    assert buyer_names(db_path, "purpose = 'closure'") == ["王小明"]
