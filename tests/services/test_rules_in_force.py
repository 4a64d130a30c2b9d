"""Programme versions take effect on their own dates, at the till's clock as it stands.

``Context.rules`` takes the version in force on the business date (store time
zone): the highest of the versions whose window [effective_from,
effective_until] holds that date. Rules
published for next month change nothing until then; a bounded version (a
member week) lies over the open-ended one and gives way again when it ends.
"""

from __future__ import annotations

import dataclasses
from datetime import datetime
from decimal import Decimal

import pytest

from pos_member.domain.errors import ValidationError
from pos_member.domain.money import Money
from pos_member.domain.rules import ProgrammeRules, demo_rules
from pos_member.services.checkout import LineRequest, checkout, quote
from pos_member.services.context import Context
from pos_member.services.programme import install_rules
from tests.services.conftest import GOLD_ID, RICE, TZ, Clock
from tests.services.helpers import cash, sale


def _gold_at(rate: str, version: int) -> ProgrammeRules:
    base = demo_rules()
    tiers = tuple(
        dataclasses.replace(t, discount_rate=Decimal(rate)) if t.code == "gold" else t
        for t in base.tiers
    )
    return dataclasses.replace(base, version=version, tiers=tiers)


def _install(ctx: Context, rules: ProgrammeRules, since: str, until: str | None = None) -> None:
    with ctx.store.unit_of_work(ctx.terminal_id, ctx.now_iso()) as uow:
        install_rules(uow, rules, since, until)


def _rice_for_gold(ctx: Context) -> Money:
    return quote(ctx, sale(LineRequest(RICE), member_id=GOLD_ID)).net_total


def test_rules_published_for_next_month_change_nothing_until_then(
    ctx: Context, clock: Clock
) -> None:
    # Today (2026-11-23) gold pays 95% of the 50.00 rice; next month's version says 90%.
    _install(ctx, _gold_at("0.90", 2), "2026-12-01")
    with ctx.store.reading() as s:
        version, rules = ctx.rules(s)
    assert version == 1 and rules.tier("gold").discount_rate == Decimal("0.95")
    assert _rice_for_gold(ctx) == Money.yuan("47.50")
    done = checkout(ctx, sale(LineRequest(RICE), tenders=(cash(50),), member_id=GOLD_ID))
    assert done.total == Money.yuan("47.50")

    # The last minute of November in Shanghai still prices by version 1...
    clock.at = datetime(2026, 11, 30, 23, 59, tzinfo=TZ)
    assert _rice_for_gold(ctx) == Money.yuan("47.50")
    # ...and midnight in the store's time zone brings version 2 in.
    clock.at = datetime(2026, 12, 1, 0, 0, tzinfo=TZ)
    assert _rice_for_gold(ctx) == Money.yuan("45.00")
    with ctx.store.reading() as s:
        assert ctx.rules(s)[0] == 2
    assert ctx.rules_raw(ctx.store.raw_reader())[0] == 2
    done = checkout(ctx, sale(LineRequest(RICE), tenders=(cash(50),), member_id=GOLD_ID))
    assert done.total == Money.yuan("45.00")


def test_a_bounded_version_lies_over_the_open_one_and_ends(ctx: Context, clock: Clock) -> None:
    _install(ctx, _gold_at("0.90", 2), "2026-12-01")
    _install(ctx, _gold_at("0.80", 3), "2026-12-08", "2026-12-14")  # 会员周
    for day, expected in ((7, "45.00"), (8, "40.00"), (14, "40.00"), (15, "45.00")):
        clock.at = datetime(2026, 12, day, 12, 0, tzinfo=TZ)
        assert _rice_for_gold(ctx) == Money.yuan(expected), day
    with ctx.store.reading() as s:
        assert ctx.rules(s)[0] == 2


def test_the_raw_lookup_agrees_before_the_new_version(ctx: Context) -> None:
    _install(ctx, _gold_at("0.90", 2), "2026-12-01")
    assert ctx.rules_raw(ctx.store.raw_reader())[0] == 1


def test_no_version_in_force_is_a_clear_message(ctx: Context, clock: Clock) -> None:
    clock.at = datetime(2026, 1, 1, 9, 0, tzinfo=TZ)  # before the seed's version 1 starts
    with ctx.store.reading() as s, pytest.raises(ValidationError) as err:
        ctx.rules(s)
    assert "in force" in str(err.value)


def test_a_window_that_ends_before_it_starts_is_refused(ctx: Context) -> None:
    with pytest.raises(ValidationError) as err:
        _install(ctx, _gold_at("0.90", 2), "2026-12-08", "2026-12-01")
    assert "ends before it starts" in str(err.value)
