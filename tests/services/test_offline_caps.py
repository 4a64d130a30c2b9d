"""Offline caps in the real checkout: per member per day and per terminal, stored value and points.

The cap is the sync client's rule (``services.offline_caps.check_offline_spend``): what
head office has not confirmed is read from the unacknowledged sale events.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path

import pytest

from pos_member.domain.errors import OfflineLimitReached, OfflineTerminalLimitReached
from pos_member.domain.money import Money
from pos_member.domain.rules import demo_rules
from pos_member.services.checkout import LineRequest, checkout
from pos_member.services.context import Context
from pos_member.services.programme import install_rules
from tests.services.conftest import GOLD_ID, GOLD_PIN, NOW, RICE, Link, assert_consistent
from tests.services.helpers import cash, rows, sale, stored_value


def _terminal_cap(ctx: Context, yuan: int) -> None:
    base = demo_rules()
    rules = dataclasses.replace(
        base,
        version=base.version + 1,
        stored_value=dataclasses.replace(
            base.stored_value, offline_limit_per_terminal=Money.yuan(yuan)
        ),
    )
    with ctx.store.unit_of_work(ctx.terminal_id, NOW.isoformat()) as uow:
        install_rules(uow, rules, "2026-11-01")


def test_the_terminal_cap_counts_stored_value_and_points_and_writes_nothing_when_hit(
    ctx: Context, db_path: Path, link: Link
) -> None:
    _terminal_cap(ctx, 100)
    link.online = False
    rice_sv = Money.yuan("47.50")  # one bag of rice at the gold discount
    for _ in range(2):
        checkout(ctx, sale(LineRequest(RICE), tenders=(stored_value(rice_sv),),
                           member_id=GOLD_ID, pay_pin=GOLD_PIN))  # fmt: skip
    # 95.00 spent offline; 1,000 points are worth 10.00 more: past the terminal's 100.00.
    with_points = sale(LineRequest(RICE), tenders=(cash(50),), member_id=GOLD_ID,
                       points_to_redeem=1000)  # fmt: skip
    before = rows(db_path, "select count(*) from sales")
    with pytest.raises(OfflineTerminalLimitReached, match=r"100\.00.*95\.00") as exc:
        checkout(ctx, with_points)
    assert "Pay another way" in exc.value.message
    assert rows(db_path, "select count(*) from sales") == before
    # Back in touch with head office: no cap.
    link.online = True
    done = checkout(ctx, with_points)
    assert rows(db_path, "select offline from sales where id=?", done.sale_id) == [(0,)]
    assert_consistent(db_path)


def test_points_alone_are_capped_per_member_offline(
    ctx: Context, db_path: Path, link: Link, unchanged: Callable[[], None]
) -> None:
    link.online = False
    ctx.settings = ctx.settings.model_copy(update={"offline_sv_limit_fen": 500})
    # 1,000 points are worth 10.00, over this terminal's 5.00 per-member daily setting.
    req = sale(LineRequest(RICE), tenders=(cash(50),), member_id=GOLD_ID, points_to_redeem=1000)
    with pytest.raises(OfflineLimitReached, match=r"5\.00"):
        checkout(ctx, req)
    unchanged()
