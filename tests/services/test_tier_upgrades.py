"""Immediate tier upgrades: on spend at checkout, and on recharge when the rules say so.

Every upgrade lands in the member's tier history (``members.record_tier_change``)
with the outbox event that tells head office, in the same transaction.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from pos_member.domain.money import Money
from pos_member.domain.rules import demo_rules
from pos_member.services.checkout import LineRequest, checkout
from pos_member.services.context import Context
from pos_member.services.identify import member_view
from pos_member.services.programme import install_rules
from pos_member.services.stored_value import RechargeRequest, new_recharge_id, recharge
from tests.services.conftest import NORMAL_ID, NOW, RICE, SUPERVISOR, assert_consistent
from tests.services.helpers import cash, external, rows, sale

HISTORY = (
    "select from_tier, to_tier, reason, window_spend_fen, event_id from tier_changes"
    " where member_id = ? order by id"
)
# The tier each sale recorded for its receipt: the tier it was priced at (a recharge: the
# member's tier once the recharge counted).
SALE_TIERS = (
    "select kind, json_extract(detail, '$.tier_code') from sales where member_id = ? order by rowid"
)


def _tier_event_ids(db_path: Path) -> list[str]:
    return [r[0] for r in rows(db_path, "select id from outbox where kind='member.tier_changed'")]


def test_a_checkout_upgrade_is_in_the_tier_history_with_its_event(
    ctx: Context, db_path: Path
) -> None:
    checkout(ctx, sale(LineRequest(RICE, quantity=20), tenders=(cash(1000),), member_id=NORMAL_ID))
    assert member_view(ctx, NORMAL_ID).tier_code == "silver"
    (event_id,) = _tier_event_ids(db_path)
    assert rows(db_path, HISTORY, NORMAL_ID) == [("normal", "silver", "upgrade", 100000, event_id)]
    # The sale that earned the upgrade was priced as normal and records that tier for its
    # receipt; the upgrade applies from the next sale (docs/pricing.md).
    assert rows(db_path, SALE_TIERS, NORMAL_ID) == [("sale", "normal")]
    checkout(ctx, sale(LineRequest(RICE), tenders=(cash(100),), member_id=NORMAL_ID))
    assert rows(db_path, SALE_TIERS, NORMAL_ID)[-1] == ("sale", "silver")
    assert_consistent(db_path)


def test_an_upgrading_sale_earns_and_prints_at_the_tier_it_was_priced_at(
    ctx: Context, db_path: Path
) -> None:
    # 100 bags of rice: 5,000.00 in the window lifts a normal member straight to gold.
    big = checkout(
        ctx, sale(LineRequest(RICE, quantity=100), tenders=(cash(5000),), member_id=NORMAL_ID)
    )
    assert member_view(ctx, NORMAL_ID).tier_code == "gold"
    # Priced as normal (no discount) and earned at normal's rate: 1 point per yuan.
    assert big.total == Money.yuan(5000) and big.points_earned == 5000
    assert big.detail["tier_code"] == "normal"
    # The next sale is gold's: 95% of 50.00 = 47.50, at 1.2 points per yuan = 57 points.
    nxt = checkout(ctx, sale(LineRequest(RICE), tenders=(cash(50),), member_id=NORMAL_ID))
    assert nxt.total == Money.yuan("47.50") and nxt.points_earned == 57
    assert rows(db_path, SALE_TIERS, NORMAL_ID) == [("sale", "normal"), ("sale", "gold")]
    assert_consistent(db_path)


def _recharge(ctx: Context, yuan: int) -> None:
    amount = Money.yuan(yuan)
    recharge(ctx, RechargeRequest(new_recharge_id(), NORMAL_ID, amount,
                                  (external(amount, "alipay"),), SUPERVISOR))  # fmt: skip


def test_recharge_upgrades_only_when_the_rules_switch_is_on(ctx: Context, db_path: Path) -> None:
    _recharge(ctx, 1200)  # demo rules: the switch is off
    assert member_view(ctx, NORMAL_ID).tier_code == "normal"
    assert rows(db_path, HISTORY, NORMAL_ID) == [] and _tier_event_ids(db_path) == []
    base = demo_rules()
    with ctx.store.unit_of_work(ctx.terminal_id, NOW.isoformat()) as uow:
        switched = dataclasses.replace(
            base, version=base.version + 1, recharge_qualifies_for_upgrade=True
        )
        install_rules(uow, switched, "2026-11-01")
    _recharge(ctx, 200)
    # 1,400.00 recharged in the window: past silver's 1,000.00, short of gold's 5,000.00.
    assert member_view(ctx, NORMAL_ID).tier_code == "silver"
    (event_id,) = _tier_event_ids(db_path)
    assert rows(db_path, HISTORY, NORMAL_ID) == [("normal", "silver", "upgrade", 140000, event_id)]
    # A further recharge short of gold changes nothing more.
    _recharge(ctx, 100)
    assert len(_tier_event_ids(db_path)) == 1
    # Each recharge recorded the tier as it stood once the recharge counted.
    assert rows(db_path, SALE_TIERS, NORMAL_ID) == [
        ("recharge", "normal"), ("recharge", "silver"), ("recharge", "silver"),
    ]  # fmt: skip
    assert_consistent(db_path)
