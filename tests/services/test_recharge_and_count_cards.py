"""Recharge with the bonus table; count cards sold, used and used up."""

from __future__ import annotations

from pathlib import Path

import pytest

from pos_member.domain.errors import CountCardUsedUp, ValidationError
from pos_member.domain.money import Money
from pos_member.domain.rules import demo_rules
from pos_member.services.checkout import LineRequest, checkout
from pos_member.services.context import Context
from pos_member.services.count_cards import use_count_card
from pos_member.services.identify import member_view
from pos_member.services.stored_value import RechargeRequest, new_recharge_id, recharge
from tests.services.conftest import (
    CASHIER,
    GOLD_ID,
    NORMAL_ID,
    SUPERVISOR,
    Clock,
    assert_consistent,
)
from tests.services.helpers import cash, external, rows, sale


@pytest.mark.parametrize("yuan", [100, 1000, 3000])
def test_recharge_adds_principal_and_the_tables_bonus(
    ctx: Context, db_path: Path, yuan: int
) -> None:
    amount = Money.yuan(yuan)
    expected_bonus = demo_rules().stored_value.bonus_for(amount)
    done = recharge(ctx, RechargeRequest(new_recharge_id(), NORMAL_ID, amount,
                                         (external(amount, "alipay"),), SUPERVISOR))  # fmt: skip
    view = member_view(ctx, NORMAL_ID)
    assert view.sv_principal == amount and view.sv_bonus == expected_bonus
    assert done.kind == "recharge" and done.receipt_no.startswith("T01-")
    assert rows(db_path, "select kind from outbox where id=?", done.sale_id) == [
        ("recharge.completed",)
    ]
    assert_consistent(db_path)


def test_recharge_in_cash_gives_change_and_is_committed_once(ctx: Context, db_path: Path) -> None:
    req = RechargeRequest(new_recharge_id(), GOLD_ID, Money.yuan(1000), (cash(1100),), SUPERVISOR)
    one = recharge(ctx, req)
    two = recharge(ctx, req)
    assert one.change == Money.yuan(100) and two.replayed
    assert member_view(ctx, GOLD_ID).sv_principal == Money.yuan(2000)
    assert rows(db_path, "select count(*) from stored_value_entries where sale_id=?",
                req.recharge_id) == [(1,)]  # fmt: skip


def test_count_card_sold_then_used_to_the_end(ctx: Context, db_path: Path, clock: Clock) -> None:
    sold = checkout(ctx, sale(LineRequest("COFFEE10"), tenders=(cash(250),), member_id=GOLD_ID))
    card_id = rows(db_path, "select id from count_cards where sold_sale_id=?", sold.sale_id)[0][0]
    assert member_view(ctx, GOLD_ID).count_cards[0].remaining_uses == 10
    for left in range(9, 0, -1):
        assert use_count_card(ctx, CASHIER, card_id).remaining_uses == left
    last = use_count_card(ctx, CASHIER, card_id, event_id="visit-10")
    assert last.remaining_uses == 0 and not last.replayed
    with pytest.raises(CountCardUsedUp, match="0 uses left"):
        use_count_card(ctx, CASHIER, card_id)
    # The same visit sent twice (a double tap) takes one use only.
    replay = use_count_card(ctx, CASHIER, card_id, event_id="visit-10")
    assert replay.replayed and replay.remaining_uses == 0
    assert_consistent(db_path)


def test_count_card_needs_a_member_and_expires(ctx: Context, db_path: Path, clock: Clock) -> None:
    from pos_member.domain.errors import MemberRequired

    with pytest.raises(MemberRequired):
        checkout(ctx, sale(LineRequest("WASH10"), tenders=(cash(300),)))
    sold = checkout(ctx, sale(LineRequest("COFFEE10"), tenders=(cash(250),), member_id=GOLD_ID))
    card_id = rows(db_path, "select id from count_cards where sold_sale_id=?", sold.sale_id)[0][0]
    clock.advance(days=181)
    with pytest.raises(ValidationError, match="expired"):
        use_count_card(ctx, CASHIER, card_id)
