"""The member panel's notes come from the services: tier, coupons, birthday, expiring points."""

from __future__ import annotations

from datetime import date, datetime

from pos_member.services import identify as ident
from pos_member.services.context import Context
from pos_member.services.member_panel import UNKNOWN_TIER_COLOUR, member_panel
from tests.services.conftest import GOLD_ID, NORMAL_ID, TZ, Clock


def test_gold_member_tier_and_no_points_expiring_within_the_window(ctx: Context) -> None:
    panel = member_panel(ctx, ident.member_view(ctx, GOLD_ID), expiring_within_days=60)
    assert panel.tier_name == "金卡会员"
    assert panel.tier_colour != UNKNOWN_TIER_COLOUR
    # The 2,000 points expire on 2027-12-31, more than 60 days after 2026-11-23.
    assert (panel.points_expiring, panel.points_expiring_on) == (0, None)
    assert panel.birthday is False  # born in May, today is in November


def test_points_inside_the_window_are_expiring(ctx: Context) -> None:
    panel = member_panel(ctx, ident.member_view(ctx, GOLD_ID), expiring_within_days=500)
    assert (panel.points_expiring, panel.points_expiring_on) == (2000, date(2027, 12, 31))


def test_birthday_benefit_in_the_birthday_month(ctx: Context, clock: Clock) -> None:
    clock.at = datetime(2027, 5, 10, 10, 0, tzinfo=TZ)  # the gold member's birthday
    panel = member_panel(ctx, ident.member_view(ctx, GOLD_ID), expiring_within_days=60)
    assert panel.birthday is True
    assert member_panel(ctx, ident.member_view(ctx, NORMAL_ID), 60).birthday is False


def test_a_tier_the_rules_no_longer_have_is_shown_by_its_code(ctx: Context) -> None:
    from dataclasses import replace

    view = replace(ident.member_view(ctx, NORMAL_ID), tier_code="retired")
    panel = member_panel(ctx, view, expiring_within_days=60)
    assert (panel.tier_name, panel.tier_colour) == ("retired", UNKNOWN_TIER_COLOUR)
