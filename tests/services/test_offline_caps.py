"""Offline caps in the real checkout: per member and per terminal per business day, stored
value and points.

The cap is the sync client's rule (``services.offline_caps.check_offline_spend``): the
day's spend no online hold covers is read from the day counters the checkout keeps in
its own transaction (``offline_spend_member``, ``offline_spend_terminal``).
"""

from __future__ import annotations

import dataclasses
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from pos_member.domain.errors import OfflineLimitReached, OfflineTerminalLimitReached
from pos_member.domain.money import Money
from pos_member.domain.rules import ProgrammeRules, StoreOfflineLimit, demo_rules
from pos_member.services.checkout import CheckoutRequest, LineRequest, checkout
from pos_member.services.context import Context
from pos_member.services.offline_caps import offline_room
from pos_member.services.programme import install_rules
from tests.services.conftest import GOLD_ID, GOLD_PIN, NOW, RICE, Clock, Link, assert_consistent
from tests.services.helpers import cash, rows, sale, stored_value


def _terminal_cap(ctx: Context, yuan: int, **by_store: int) -> None:
    base = demo_rules()
    rules = dataclasses.replace(
        base,
        version=base.version + 1,
        stored_value=dataclasses.replace(
            base.stored_value,
            offline_limit_per_terminal=Money.yuan(yuan),
            offline_limit_per_terminal_by_store=tuple(
                StoreOfflineLimit(store, Money.yuan(y)) for store, y in by_store.items()
            ),
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


RICE_SV = Money.yuan("47.50")  # one bag of rice at the gold discount


def _rice_on_sv() -> CheckoutRequest:
    return sale(LineRequest(RICE), tenders=(stored_value(RICE_SV),), member_id=GOLD_ID,
                pay_pin=GOLD_PIN)  # fmt: skip


def _counters(db_path: Path) -> tuple[list[tuple[object, ...]], list[tuple[object, ...]]]:
    member = rows(db_path, "select member_id, business_date, spent_fen from offline_spend_member "
                  "order by 1, 2")  # fmt: skip
    terminal = rows(db_path, "select terminal_id, business_date, spent_fen from "
                    "offline_spend_terminal order by 1, 2")  # fmt: skip
    return member, terminal


def _recount(db_path: Path) -> tuple[list[tuple[object, ...]], list[tuple[object, ...]]]:
    """The counters as the sales show them: stored value and points tenders of sales no
    online hold covers, per member and per terminal per business day."""
    spent = ("from sales s join tenders t on t.sale_id = s.id where s.kind = 'sale' and "
             "s.hold_id is null and s.member_id is not null and t.kind in ('stored_value', "
             "'points')")  # fmt: skip
    member = rows(db_path, "select s.member_id, s.business_date, sum(t.amount_fen) "
                  f"{spent} group by 1, 2 order by 1, 2")  # fmt: skip
    terminal = rows(db_path, "select s.terminal_id, s.business_date, sum(t.amount_fen) "
                    f"{spent} group by 1, 2 order by 1, 2")  # fmt: skip
    return member, terminal


def test_the_terminal_cap_is_per_business_day(
    ctx: Context, db_path: Path, link: Link, clock: Clock
) -> None:
    _terminal_cap(ctx, 100)
    link.online = False
    for _ in range(2):
        checkout(ctx, _rice_on_sv())
    with pytest.raises(OfflineTerminalLimitReached, match=r"100\.00.*95\.00"):
        checkout(ctx, _rice_on_sv())
    # Still offline, nothing pushed: the next business day has the whole cap again.
    clock.advance(days=1)
    for _ in range(2):
        checkout(ctx, _rice_on_sv())
    with pytest.raises(OfflineTerminalLimitReached, match=r"100\.00.*95\.00"):
        checkout(ctx, _rice_on_sv())
    assert _counters(db_path) == _recount(db_path)
    assert _counters(db_path)[1] == [("T01", "2026-11-23", 9_500), ("T01", "2026-11-24", 9_500)]


def test_a_store_has_its_own_terminal_cap(ctx: Context, db_path: Path, link: Link) -> None:
    _terminal_cap(ctx, 100, S001=60, S002=1_000)  # this till is in S001
    link.online = False
    checkout(ctx, _rice_on_sv())
    with pytest.raises(OfflineTerminalLimitReached, match=r"60\.00.*47\.50"):
        checkout(ctx, _rice_on_sv())


def test_the_counters_move_with_the_sale_or_not_at_all(
    ctx: Context, db_path: Path, link: Link
) -> None:
    link.online = False
    checkout(ctx, _rice_on_sv())
    before = _counters(db_path)
    assert before == _recount(db_path) and before[0] == [(GOLD_ID, "2026-11-23", 4_750)]
    # The disk gives out at the sale's last write (its outbox event): nothing is kept,
    # the counters included.
    conn = sqlite3.connect(db_path)
    with conn:
        conn.execute("create trigger full before insert on outbox begin "
                     "select raise(abort, 'database or disk is full'); end")  # fmt: skip
    conn.close()
    with pytest.raises(Exception, match="disk is full"):
        checkout(ctx, _rice_on_sv())
    assert _counters(db_path) == before


def test_the_cap_reads_the_counters_not_the_queue(ctx: Context, db_path: Path, link: Link) -> None:
    """Unsent events are not read: the counter of the day is the spend (constant time)."""
    link.online = False
    checkout(ctx, _rice_on_sv())
    conn = sqlite3.connect(db_path)
    with conn:
        conn.execute("update outbox set sent_at = '2026-11-23T10:05:00+08:00'")
    conn.close()
    # Acknowledged by head office or not, the day's spend stays counted: the cap is what
    # this till may lend a member in a business day while it cannot ask head office.
    assert _counters(db_path)[0] == [(GOLD_ID, "2026-11-23", 4_750)]
    ctx.settings = ctx.settings.model_copy(update={"offline_sv_limit_fen": 9_000})
    with pytest.raises(OfflineLimitReached, match=r"90\.00.*47\.50"):
        checkout(ctx, _rice_on_sv())


def test_the_room_left_for_the_manager(ctx: Context, db_path: Path, link: Link) -> None:
    _terminal_cap(ctx, 100, S001=300)
    link.online = False
    checkout(ctx, _rice_on_sv())
    with ctx.store.reading() as s:
        rules: ProgrammeRules = ctx.rules(s)[1]
        room = offline_room(s.connection(), rules, "S001", "T01", "2026-11-23")
    assert (room.limit, room.spent, room.left) == (Money.yuan(300), RICE_SV, Money.yuan("252.50"))
