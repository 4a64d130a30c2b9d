"""Programme jobs (tiers, points expiry, birthdays) and coupon campaigns, run twice."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import func, select

from pos_member.domain.errors import NotAllowed, UserFacingError, ValidationError
from pos_member.domain.money import Money
from pos_member.domain.rules import CouponKind, CouponTemplate
from pos_member.reports import analytics as an
from pos_member.services import campaigns as cp
from pos_member.services import jobs, privacy
from pos_member.services import members as mb
from pos_member.store.checks import check_file
from pos_member.store.models import Coupon, Member, OutboxEvent, PointsEntry
from pos_member.store.models_manager import CampaignCoupon, TierChangeRow

from .conftest import Desk
from .helpers import add_product, buy, recharge, register
from .test_analytics import build_store

BDAY = CouponTemplate("生日礼券 20元", CouponKind.AMOUNT_OFF, 30, value=Money.yuan(20))
WINBACK = CouponTemplate("回归礼券 15元", CouponKind.AMOUNT_OFF, 14, value=Money.yuan(15),
                         minimum_spend=Money.yuan(60))  # fmt: skip


def _tier(desk: Desk, mid: int) -> str:
    with desk.ctx.store.reading() as s:
        m = s.get(Member, mid)
        assert m is not None
        return m.tier_code


def test_upgrade_at_once_on_recharge_when_recharges_qualify(desk: Desk) -> None:
    mid = register(desk.ctx, desk.cashier, "13800000001").member_id
    recharge(desk.ctx, desk.supervisor, mid, 1000)
    assert jobs.upgrade_now(desk.ctx, mid).change.value == "keep"  # spend only: nothing spent
    d = jobs.upgrade_now(desk.ctx, mid, include_recharges=True, cause="recharge")
    assert (d.old, d.new, d.change.value, d.window_spend) == ("normal", "silver", "upgrade",
                                                              Money.yuan(1000))  # fmt: skip
    assert _tier(desk, mid) == "silver"
    again = jobs.upgrade_now(desk.ctx, mid, include_recharges=True, cause="recharge")
    assert again.change.value == "keep"
    hist = mb.tier_history(desk.ctx, mid)
    assert [(h.from_tier, h.to_tier, h.reason) for h in hist][-1] == ("normal", "silver", "upgrade")
    with pytest.raises(UserFacingError):
        jobs.upgrade_now(desk.ctx, 999)


def test_tier_review_downgrades_at_the_review_date_once(desk: Desk) -> None:
    add_product(desk.ctx, "BIG", 600_000)
    add_product(desk.ctx, "MID", 150_000)
    a = register(desk.ctx, desk.cashier, "13800000002", name="甲").member_id
    b = register(desk.ctx, desk.cashier, "13800000003", name="乙").member_id
    c = register(desk.ctx, desk.cashier, "13800000004", name="丙").member_id
    buy(desk.ctx, desk.cashier, a, code="BIG")  # 6,000 yuan: gold at once
    assert _tier(desk, a) == "gold"
    # Not due yet: nobody has been a member for a year.
    early = jobs.review_tiers(desk.ctx, date(2026, 6, 1))
    assert (early.examined, early.changed) == (0, 0)
    desk.clock.at = datetime(2027, 4, 15, 2, 0, tzinfo=UTC)
    buy(desk.ctx, desk.cashier, b, code="MID")  # 1,500 yuan in the window: silver at once
    report = jobs.review_tiers(desk.ctx)
    assert (report.examined, report.changed, report.detail) == (
        3,
        1,
        {"upgrade": 0, "downgrade": 1, "keep": 2},
    )
    assert [_tier(desk, m) for m in (a, b, c)] == ["normal", "silver", "normal"]
    assert [(h.from_tier, h.to_tier, h.reason) for h in mb.tier_history(desk.ctx, a)] == [
        (None, "normal", "signup"),
        ("normal", "gold", "upgrade"),
        ("gold", "normal", "downgrade"),
    ]
    before = desk.counts()
    replay = jobs.review_tiers(desk.ctx)
    assert replay.replayed and replay.detail == report.detail
    assert desk.counts() == before
    # The next day nobody is due any more: everyone was reviewed.
    assert jobs.review_tiers(desk.ctx, date(2027, 4, 16)).examined == 0
    with desk.ctx.store.reading() as s:
        ev = s.scalar(select(OutboxEvent).where(OutboxEvent.kind == "member.tier_changed",
                                                 OutboxEvent.payload["change"].as_string()
                                                 == "downgrade"))  # fmt: skip
        assert ev is not None
        assert ev.id == jobs.job_event_id("review", "2027-04-15", a)


def test_points_expiry_takes_only_what_is_left_in_past_lots_once(desk: Desk) -> None:
    add_product(desk.ctx, "P1", 10_000)
    mid = register(desk.ctx, desk.cashier, "13800000005").member_id
    buy(desk.ctx, desk.cashier, mid, quantity=3)  # 300 points, last day 2027-12-31
    desk.clock.at = datetime(2027, 6, 1, 2, 0, tzinfo=UTC)
    buy(desk.ctx, desk.cashier, mid, quantity=1)  # 100 points, last day 2028-12-31
    desk.clock.at = datetime(2027, 12, 31, 2, 0, tzinfo=UTC)
    assert jobs.expire_points(desk.ctx).examined == 0  # still usable on its last day
    desk.clock.at = datetime(2028, 1, 1, 2, 0, tzinfo=UTC)
    report = jobs.expire_points(desk.ctx)
    assert (report.examined, report.detail) == (1, {"points": 300})
    st = mb.member_statement(desk.ctx, mid)
    assert [(ln.reason, ln.points, ln.points_after) for ln in st.lines] == [
        ("earn", 300, 300),
        ("earn", 100, 400),
        ("expire", -300, 100),
    ]
    before = desk.counts()
    assert jobs.expire_points(desk.ctx).replayed
    assert desk.counts() == before
    assert jobs.expire_points(desk.ctx, date(2028, 1, 2)).examined == 0
    with desk.ctx.store.reading() as s:
        total = s.scalar(select(func.sum(PointsEntry.delta)).where(PointsEntry.member_id == mid))
        m = s.get(Member, mid)
        assert m is not None and m.points_balance == total == 100
        ev = s.scalar(select(OutboxEvent).where(OutboxEvent.kind == "points.expired"))
        assert ev is not None and ev.payload["points"] == 300
    assert check_file(desk.ctx.store.path) == []


def test_birthday_coupons_once_per_member_per_month(desk: Desk) -> None:
    a = register(desk.ctx, desk.cashier, "13800000006", birthday=date(1990, 3, 25)).member_id
    register(desk.ctx, desk.cashier, "13800000007", birthday=date(1991, 4, 1))
    first = jobs.birthday_benefits(desk.ctx, BDAY)
    assert (first.run_key, first.examined, first.changed) == ("BDAY-2026-03", 1, 1)
    assert jobs.birthday_benefits(desk.ctx, BDAY).changed == 0
    desk.clock.advance(days=1)
    c = register(desk.ctx, desk.cashier, "13800000008", birthday=date(2000, 3, 3)).member_id
    assert jobs.birthday_benefits(desk.ctx, BDAY).changed == 1
    with desk.ctx.store.reading() as s:
        codes = sorted(s.scalars(select(Coupon.code).where(Coupon.code.like("BDAY-%"))))
    assert codes == [f"BDAY-2026-03-{a}", f"BDAY-2026-03-{c}"]


def test_campaign_to_the_at_risk_segment(desk: Desk) -> None:
    build_store(desk)
    desk.clock.at = datetime(2026, 3, 31, 2, 0, tzinfo=UTC)
    before = desk.counts()
    with pytest.raises(NotAllowed):
        cp.run_campaign(desk.ctx, desk.supervisor, "WINBACK-2603", "回归", "at_risk", WINBACK)
    with pytest.raises(ValidationError, match="segment"):
        cp.run_campaign(desk.ctx, desk.manager, "WINBACK-2603", "回归", "vips", WINBACK)
    with pytest.raises(ValidationError, match="campaign code"):
        cp.run_campaign(desk.ctx, desk.manager, "win back!", "回归", "at_risk", WINBACK)
    bad = CouponTemplate("x", CouponKind.AMOUNT_OFF, 0, value=Money.yuan(1))
    with pytest.raises(ValidationError, match="at least one day"):
        cp.run_campaign(desk.ctx, desk.manager, "WINBACK-2603", "回归", "at_risk", bad)
    assert desk.counts() == before
    r = cp.run_campaign(desk.ctx, desk.manager, "winback-2603", "回归", "at_risk", WINBACK)
    assert (r.code, r.members, r.issued) == ("WINBACK-2603", 2, 2)
    again = cp.run_campaign(desk.ctx, desk.manager, "WINBACK-2603", "回归", "at_risk", WINBACK)
    assert (again.members, again.issued) == (2, 0)
    with desk.ctx.store.reading() as s:
        rows = s.execute(
            select(Coupon.code, Coupon.member_id, Coupon.valid_until, Coupon.min_spend_fen)
            .join(CampaignCoupon, CampaignCoupon.coupon_id == Coupon.id)
            .order_by(Coupon.member_id)
        ).all()
        sent = s.scalar(select(func.count()).where(OutboxEvent.kind == "coupon.issued"))
    assert [tuple(x) for x in rows] == [
        ("WINBACK-2603-4", 4, "2026-04-14", 6000),
        ("WINBACK-2603-9", 9, "2026-04-14", 6000),
    ]
    assert sent == 2
    with desk.ctx.store.reading() as s:
        assert an.segment_members(s, "at_risk", an.Params(as_of=date(2026, 3, 31))) == [4, 9]


def test_a_campaign_skips_a_member_who_withdrew_marketing_consent(desk: Desk) -> None:
    build_store(desk)
    desk.clock.at = datetime(2026, 3, 31, 2, 0, tzinfo=UTC)
    with desk.ctx.store.reading() as s:
        assert an.segment_members(s, "at_risk", an.Params(as_of=date(2026, 3, 31))) == [4, 9]
    # Member 9 says no more offers at the manager window (Ctrl+Shift+M).
    privacy.withdraw_consent(desk.ctx, desk.manager, 9, "marketing")
    r = cp.run_campaign(desk.ctx, desk.manager, "WINBACK-2604", "回归", "at_risk", WINBACK)
    assert (r.members, r.issued) == (1, 1)
    with desk.ctx.store.reading() as s:
        got = s.execute(
            select(Coupon.member_id).join(CampaignCoupon, CampaignCoupon.coupon_id == Coupon.id)
        ).scalars()
        assert list(got) == [4]
        sent = s.scalars(select(OutboxEvent.payload).where(OutboxEvent.kind == "coupon.issued"))
        assert [p["member_id"] for p in sent] == [4]
    # Given the list directly (a campaign finished later), member 9 is still skipped.
    assert cp.issue_to_members(
        desk.ctx, "WINBACK-2604", "回归", "at_risk", WINBACK, [4, 9],
        staff_id=desk.manager.staff_id, today=date(2026, 3, 31),
    ) == 0  # fmt: skip
    # Withdrawing balance messages only does not stop a campaign.
    privacy.withdraw_consent(desk.ctx, desk.manager, 4, "balance_sms")
    again = cp.run_campaign(desk.ctx, desk.manager, "SPRING-2604", "春", "at_risk", WINBACK)
    assert (again.members, again.issued) == (1, 1)


def test_issue_one_coupon(desk: Desk) -> None:
    mid = register(desk.ctx, desk.cashier, "13800000009").member_id
    before = desk.counts()
    with pytest.raises(NotAllowed):
        cp.issue_coupon(desk.ctx, desk.cashier, mid, WINBACK, "SORRY-1")
    with pytest.raises(UserFacingError):
        cp.issue_coupon(desk.ctx, desk.supervisor, 999, WINBACK, "SORRY-1")
    with pytest.raises(ValidationError, match="already used"):
        cp.issue_coupon(desk.ctx, desk.supervisor, mid, WINBACK, f"SU{mid}")
    assert desk.counts() == before
    assert cp.issue_coupon(desk.ctx, desk.supervisor, mid, WINBACK, "sorry-1", "late") == "SORRY-1"
    with desk.ctx.store.reading() as s:
        c = s.scalar(select(Coupon).where(Coupon.code == "SORRY-1"))
        assert c is not None and (c.member_id, c.value_fen) == (mid, 1500)
        assert s.scalar(select(func.count(TierChangeRow.id))) == 1
