"""Member analytics against figures worked out by hand on a small fixed store.

The data set (as of 2026-03-31, RFM window 365 days, new 30 / silent 90 /
churn 180 days) and the expected figures are worked out in the comments:
scores use ``1 + 5 * (rank - 1) // n`` with n = 9 scored members.
"""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import text

from pos_member.domain.errors import ValidationError
from pos_member.domain.money import Money
from pos_member.domain.rules import demo_rules
from pos_member.reports import analytics as an
from pos_member.store import pii

from .conftest import Desk

AS_OF = date(2026, 3, 31)
OLD = "2025-01-01"
# member -> joined_on
MEMBERS = {i: OLD for i in range(1, 11)} | {11: "2026-03-20", 12: "2025-12-01", 13: "2024-01-01"}
# (member or None, business date, total yuan, UTC time, kind, tenders [(kind, yuan)])
SALES: list[tuple[int | None, str, int, str, str, list[tuple[str, int]]]] = [
    (1, "2026-03-30", 100, "02:15", "sale", [("cash", 100)]),
    (1, "2026-03-20", 200, "02:40", "sale", [("stored_value", 200)]),
    (1, "2026-02-10", 300, "02:00", "sale", []),
    (1, "2026-01-05", 400, "02:00", "sale", []),
    (2, "2026-03-25", 50, "06:00", "sale", [("cash", 50)]),
    (2, "2026-03-01", 50, "06:30", "sale", [("external", 50)]),
    (2, "2026-02-01", 50, "06:00", "sale", []),
    (2, "2026-01-01", 50, "06:00", "sale", []),
    (2, "2025-12-01", 50, "06:00", "sale", []),
    (3, "2026-03-28", 30, "11:00", "sale", [("cash", 30)]),
    (4, "2025-10-01", 500, "03:00", "sale", []),
    (4, "2025-09-01", 500, "03:00", "sale", []),
    (4, "2025-08-01", 500, "03:00", "sale", []),
    (5, "2025-06-01", 80, "03:00", "sale", []),
    (6, "2026-03-15", 120, "02:05", "sale", [("points", 20), ("cash", 100)]),
    (6, "2026-03-10", 120, "11:59", "sale", [("cash", 120)]),
    (6, "2026-03-16", -20, "03:00", "refund", [("cash", -20)]),
    (7, "2025-12-20", 60, "03:00", "sale", []),
    (7, "2025-11-20", 60, "03:00", "sale", []),
    (8, "2026-01-15", 900, "03:00", "sale", []),
    (9, "2025-04-10", 40, "03:00", "sale", []),
    (9, "2025-05-10", 40, "03:00", "sale", []),
    (9, "2025-06-10", 40, "03:00", "sale", []),
    (10, "2024-12-01", 999, "03:00", "sale", []),  # outside the RFM window
    (None, "2026-03-30", 500, "01:00", "sale", [("external", 500)]),
    (None, "2026-03-05", 250, "06:10", "sale", [("cash", 250)]),
    (1, "2026-03-02", 1000, "04:00", "recharge", [("cash", 1000)]),  # bonus 50
    (2, "2026-02-15", 500, "04:00", "recharge", [("cash", 500)]),
]


def build_store(desk: Desk) -> None:
    with desk.ctx.store.session() as s:
        for mid, joined in MEMBERS.items():
            principal, bonus, points = {1: (100_000, 5_000, 700), 2: (20_000, 0, 80),
                                        3: (0, 0, 50)}.get(mid, (0, 0, 0))  # fmt: skip
            s.execute(
                text(
                    "INSERT INTO members (id, name_masked, name_sealed, name_index, phone_index,"
                    " phone_last4, phone_masked, phone_sealed, birthday, tier_code, joined_on,"
                    " status, sv_principal_fen, sv_bonus_fen, points_balance, pay_pin_failures,"
                    " updated_at) VALUES (:id, :name_masked, :name_sealed, :name_index,"
                    " :phone_index, :phone_last4, :phone_masked, :phone_sealed, NULL, 'normal',"
                    " :joined, 'active', :p, :b, :pts, 0, '2026-01-01T00:00:00+00:00')"
                ),
                {"id": mid, "joined": joined, "p": principal, "b": bonus, "pts": points,
                 **pii.member_columns(desk.ctx.store.sealer, f"会员{mid}", f"1390000{mid:04d}")},
            )  # fmt: skip
        for n, (mid, day, yuan, hhmm, kind, tenders) in enumerate(SALES, start=1):
            sid = f"sale-{n:04d}"
            s.execute(
                text(
                    "INSERT INTO sales (id, kind, terminal_id, receipt_no, member_id, staff_id,"
                    " created_at, business_date, subtotal_fen, discount_fen, rounding_fen,"
                    " total_fen, points_earned, points_redeemed, offline, detail) VALUES"
                    " (:id, :kind, 'T01', :no, :mid, '1001', :at, :day, :t, 0, 0, :t, 0, 0, 0,"
                    " :detail)"
                ),
                {"id": sid, "kind": kind, "no": f"T01-{n:08d}", "mid": mid,
                 "at": f"{day}T{hhmm}:00.000000+00:00", "day": day, "t": yuan * 100,
                 "detail": '{"bonus_fen": 5000}' if (kind, mid) == ("recharge", 1) else
                           '{"bonus_fen": 2500}' if kind == "recharge" else "{}"},
            )  # fmt: skip
            for seq, (tkind, tyuan) in enumerate(tenders, start=1):
                s.execute(
                    text(
                        "INSERT INTO tenders (sale_id, seq, kind, method, amount_fen,"
                        " tendered_fen, change_fen, sv_principal_fen, sv_bonus_fen, points)"
                        " VALUES (:sid, :seq, :kind, '', :a, :a, 0, 0, 0, 0)"
                    ),
                    {"sid": sid, "seq": seq, "kind": tkind, "a": tyuan * 100},
                )
        # Points lots: (lot, member, expires_on, entries)
        for lot, mid, expires, deltas in (
            ("A", 1, "2026-04-15", (300, -100)),  # 200 left, expires within 30 days
            ("B", 1, "2027-12-31", (500,)),
            ("C", 2, "2026-03-31", (80,)),  # expires on the day: still usable, counted
            ("D", 3, "2026-03-30", (50,)),  # already past its last day: not "expiring"
        ):
            s.execute(
                text("INSERT INTO points_lots (id, member_id, earned_on, expires_on, points)"
                     " VALUES (:lot, :mid, '2025-01-01', :exp, :pts)"),
                {"lot": lot, "mid": mid, "exp": expires, "pts": deltas[0]},
            )  # fmt: skip
            for d in deltas:
                s.execute(
                    text("INSERT INTO points_entries (event_id, member_id, lot_id, kind, delta,"
                         " sale_id, created_at) VALUES ('e', :mid, :lot, 'earn', :d, NULL,"
                         " '2025-01-01T00:00:00+00:00')"),
                    {"mid": mid, "lot": lot, "d": d},
                )  # fmt: skip
        s.execute(text("INSERT INTO cards (id, number, kind, state, member_id) VALUES"
                       " (1, '8800000000000013', 'barcode', 'active', 1)"))  # fmt: skip
        s.execute(
            text("INSERT INTO card_fees (event_id, member_id, card_id, kind, amount_fen,"
                 " tender_kind, method, terminal_id, business_date, created_at, staff_id)"
                 " VALUES ('fee-1', 1, 1, 'issue', 500, 'cash', '', 'T01', '2026-03-10',"
                 " '2026-03-10T02:00:00+00:00', '1001')")
        )  # fmt: skip


PARAMS = an.Params(as_of=AS_OF)

# Worked by hand (see the module docstring for the score formula):
#   recency order (oldest first): m5, m9, m4, m7, m8, m6, m2, m3, m1 -> R 1,1,2,2,3,3,4,4,5
#   frequency: m3,m5,m8 = 1 (rank 1); m6,m7 = 2 (rank 4); m4,m9 = 3 (rank 6); m1 = 4; m2 = 5
#   monetary: m3 30, m5 80, m7/m9 120, m6 220 (120 + 120 - 20), m2 250, m8 900,
#             m1 1000, m4 1500
EXPECTED_RFM = {
    # member: (recency days, F, M yuan, R, F score, M score, segment)
    1: (1, 4, 1000, 5, 4, 4, "champions"),
    2: (6, 5, 250, 4, 5, 3, "loyal"),
    3: (3, 1, 30, 4, 1, 1, "new_customers"),
    4: (181, 3, 1500, 2, 3, 5, "at_risk"),
    5: (303, 1, 80, 1, 1, 1, "lost"),
    6: (16, 2, 220, 3, 2, 3, "need_attention"),
    7: (101, 2, 120, 2, 2, 2, "hibernating"),
    8: (75, 1, 900, 3, 1, 4, "need_attention"),
    9: (294, 3, 120, 1, 3, 2, "at_risk"),
}


def test_rfm_scores_and_segments_match_the_hand_worked_figures(desk: Desk) -> None:
    build_store(desk)
    with desk.ctx.store.reading() as s:
        rows = an.rfm_scores(s, PARAMS)
        counts = an.segment_counts(s, PARAMS)
        at_risk = an.segment_members(s, "at_risk", PARAMS)
        grid = an.score_grid(s, PARAMS)
    got = {r.member_id: (r.recency_days, r.frequency, r.monetary.fen // 100, r.r, r.f, r.m,
                         r.segment) for r in rows}  # fmt: skip
    assert got == EXPECTED_RFM
    assert counts == {"champions": 1, "loyal": 1, "new_customers": 1, "potential_loyalists": 0,
                      "at_risk": 2, "hibernating": 1, "lost": 1, "need_attention": 2}  # fmt: skip
    assert at_risk == [4, 9]
    assert sum(grid.values()) == 9 and grid[(1, 1)] == 1 and grid[(2, 3)] == 1


def test_lifecycle_stages(desk: Desk) -> None:
    build_store(desk)
    with desk.ctx.store.reading() as s:
        counts = an.lifecycle_counts(s, PARAMS)
        silent = an.segment_members(s, "silent", PARAMS)
        churned = an.segment_members(s, "churned", PARAMS)
    # new: m11 (joined 03-20). active (a sale after 2025-12-31): m1 m2 m3 m6 m8.
    # silent: m7 (last sale 12-20), m12 (joined 12-01, no sale). churned: m4 m5 m9 m10 m13.
    assert counts == {"new": 1, "active": 5, "silent": 2, "churned": 5}
    assert silent == [7, 12]
    assert churned == [4, 5, 9, 10, 13]


def test_programme_metrics_for_march(desk: Desk) -> None:
    build_store(desk)
    with desk.ctx.store.reading() as s:
        m = an.metrics(s, date(2026, 3, 1), AS_OF, PARAMS, demo_rules().redeem)
    assert (m.members, m.new_members, m.churned_members) == (13, 1, 5)
    assert m.activation_rate == pytest.approx(1 / 13)
    assert m.churn_rate == pytest.approx(5 / 13)
    # members in March: m1 100+200, m2 50+50, m3 30, m6 120+120-20 = 650; others 500+250
    assert (m.member_sales, m.all_sales) == (Money.yuan(650), Money.yuan(1400))
    assert m.member_sales_share == pytest.approx(650 / 1400)
    # m1, m2, m6 bought twice in March, m3 once
    assert (m.purchasers, m.repeat_purchasers, m.repurchase_rate) == (4, 3, 0.75)
    assert (m.recharge_principal, m.recharge_bonus) == (Money.yuan(1000), Money.yuan(50))
    assert (m.sv_principal_liability, m.sv_bonus_liability, m.sv_liability) == (
        Money.yuan(1200),
        Money.yuan(50),
        Money.yuan(1250),
    )
    # 830 points; 100 points = 1 yuan -> 8 yuan; expiring by 04-30: lot A 200 + lot C 80
    assert (m.points_liability, m.points_liability_value, m.points_expiring_30d) == (
        830,
        Money.yuan(8),
        280,
    )


def test_daily_sales_by_tender_and_local_hour(desk: Desk) -> None:
    build_store(desk)
    with desk.ctx.store.reading() as s:
        d = an.daily_sales(s, date(2026, 3, 1), AS_OF, "Asia/Shanghai")
    assert d.tender_totals() == {"cash": Money.yuan(630), "stored_value": Money.yuan(200),
                                 "external": Money.yuan(550), "points": Money.yuan(20)}  # fmt: skip
    assert d.by_day_tender[("2026-03-16", "cash")] == Money.yuan(-20)
    assert d.by_day_tender[("2026-03-15", "points")] == Money.yuan(20)
    assert len(d.days()) == 9
    # UTC + 8: 01:00 -> 9, 02:xx -> 10, 03:00 -> 11 (the refund), 06:xx -> 14, 11:xx -> 19
    assert d.by_hour == {9: (1, Money.yuan(500)), 10: (3, Money.yuan(420)),
                         11: (0, Money.yuan(-20)), 14: (3, Money.yuan(350)),
                         19: (2, Money.yuan(150))}  # fmt: skip
    assert (d.receipts, d.refunds, d.net_sales) == (9, 1, Money.yuan(1400))
    assert (d.recharges, d.card_fees) == (Money.yuan(1000), Money.yuan(5))


def test_bad_analytics_input(desk: Desk) -> None:
    with pytest.raises(ValidationError):
        an.Params(as_of=AS_OF, silent_days=200, churn_days=180)
    with pytest.raises(ValidationError):
        an.Params(as_of=AS_OF, window_days=0)
    with desk.ctx.store.reading() as s:
        with pytest.raises(ValidationError, match="segment"):
            an.segment_members(s, "vips", PARAMS)
        with pytest.raises(ValidationError, match="period"):
            an.metrics(s, AS_OF, date(2026, 3, 1))
        with pytest.raises(ValidationError, match="period"):
            an.daily_sales(s, AS_OF, date(2026, 3, 1), "Asia/Shanghai")


def test_report_queries_use_the_date_index(desk: Desk) -> None:
    with desk.ctx.store.reading() as s:
        plan = s.execute(
            text("EXPLAIN QUERY PLAN " + an.RFM_AGG_SELECT),
            {"since": "2025-03-31", "as_of": "2026-03-31"},
        ).all()
    detail = " ".join(str(r[-1]) for r in plan)
    assert "USING COVERING INDEX ix_sales_business_date" in detail


def test_no_sales_no_scores(desk: Desk) -> None:
    with desk.ctx.store.reading() as s:
        assert an.rfm_scores(s, PARAMS) == []
        assert an.segment_counts(s, PARAMS) == {name: 0 for name in an.SEGMENTS}
        assert an.segment_members(s, "at_risk", PARAMS) == []
        assert an.score_grid(s, PARAMS) == {}
