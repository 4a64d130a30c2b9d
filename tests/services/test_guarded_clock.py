"""The guarded clock: head office's time plus a monotonic clock since, on a real store.

The PC's clock (``Clock``) and the monotonic clock (``Mono``) are passed in and
moved by hand; head office's time is what its last answer said (``observe``).
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from pos_member.domain.errors import (
    ClockAhead,
    ClockBehind,
    OfflineLimitReached,
    ShiftBeforeOpening,
)
from pos_member.domain.money import Money
from pos_member.domain.tenders import TenderKind, TenderRequest
from pos_member.services.checkout import LineRequest, checkout
from pos_member.services.clock import (
    GuardedClock,
    anchor_state,
    guarded_clock,
    skew_error,
)
from pos_member.services.context import Context
from pos_member.services.jobs import expire_points
from pos_member.services.shifts import close_shift, open_shift
from pos_member.store import state
from tests.services.conftest import (
    CASHIER,
    GOLD_ID,
    GOLD_PIN,
    NOW,
    RICE,
    TODAY,
    Clock,
    table_counts,
)
from tests.services.helpers import cash, rows, sale, stored_value


class Mono:
    """A monotonic clock the test moves: it never follows the PC's clock."""

    def __init__(self) -> None:
        self.t = 1_000.0

    def __call__(self) -> float:
        return self.t


@pytest.fixture
def mono() -> Mono:
    return Mono()


@pytest.fixture
def guard(clock: Clock, mono: Mono) -> GuardedClock:
    g = GuardedClock(clock, mono, max_skew_s=300)
    g.observe(NOW)  # head office's last answer: the PC's clock was right then
    return g


def _state(path: Path, pairs: dict[str, str]) -> None:
    conn = sqlite3.connect(path)
    with conn:
        for k, v in pairs.items():
            conn.execute(
                "INSERT INTO terminal_state (key, value) VALUES (?, ?) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (k, v),
            )
    conn.close()


def _offline_since(path: Path, contact: datetime, failed: datetime) -> None:
    """Enrolled; head office answered at ``contact`` and a request failed at ``failed``."""
    _state(path, {state.HQ_TOKEN: "token", state.LAST_CONTACT: contact.isoformat(),
                  state.LAST_FAILURE: failed.isoformat()})  # fmt: skip


@pytest.fixture
def guarded(ctx: Context, guard: GuardedClock) -> Context:
    return Context(store=ctx.store, settings=ctx.settings, clock=guard)


def _sv(yuan: str) -> object:
    # Ten bags of rice at the gold discount: 475.00, ``yuan`` of it from stored value.
    sv = Money.yuan(yuan)
    rest = TenderRequest(TenderKind.CASH, Money(47_500 - sv.fen))  # the rest, no change
    return sale(LineRequest(RICE, quantity=10), tenders=(stored_value(sv), rest),
                member_id=GOLD_ID, pay_pin=GOLD_PIN)  # fmt: skip


def test_within_the_setting_the_pcs_clock_is_used_beyond_it_head_offices(
    guard: GuardedClock, clock: Clock, mono: Mono
) -> None:
    clock.advance(seconds=120)
    mono.t += 60
    assert guard() == NOW + timedelta(seconds=120)  # 1 min off: within 5 min
    assert not guard.skewed()
    clock.advance(days=365)
    mono.t += 60
    assert guard() == NOW + timedelta(seconds=120)  # head office's time plus 2 min since
    assert guard.skewed() and guard.skew() == timedelta(days=365)
    clock.at = NOW - timedelta(days=1)
    mono.t += 60
    assert guard() == NOW + timedelta(seconds=180)
    assert guard.skew() == -timedelta(days=1, seconds=180)
    # Never backwards within a process, even when the PC's clock comes back just behind.
    clock.at = NOW + timedelta(seconds=100)
    assert guard() == NOW + timedelta(seconds=180)


def test_the_skew_in_words_for_the_status_bar() -> None:
    ahead = skew_error(timedelta(days=395, hours=2, minutes=5))
    assert isinstance(ahead, ClockAhead)
    assert ahead.message.startswith("The PC's clock is 395 d 2 h 5 min ahead of head office's")
    assert isinstance(skew_error(-timedelta(days=1)), ClockBehind)


def test_the_stored_value_sale_at_minus_one_day_is_refused_over_the_cap(
    guarded: Context, db_path: Path, clock: Clock, mono: Mono
) -> None:
    _state(db_path, {state.HQ_TOKEN: "token", state.LAST_CONTACT: NOW.isoformat()})
    checkout(guarded, _sv("100"))  # online, not pushed yet: unconfirmed
    clock.advance(days=-1)  # the PC's clock set back a day ...
    mono.t += 30
    _offline_since(db_path, NOW, NOW + timedelta(seconds=20))  # ... and no network
    before = rows(db_path, "select count(*) from sales")
    with pytest.raises(OfflineLimitReached, match=r"500\.00.*100\.00"):
        checkout(guarded, _sv("437.67"))
    assert rows(db_path, "select count(*) from sales") == before


@pytest.mark.parametrize("jump", [timedelta(days=-1), timedelta(days=365)], ids=["-1d", "+1y"])
def test_the_member_daily_cap_holds_when_the_clock_jumps(
    guarded: Context, db_path: Path, clock: Clock, mono: Mono, jump: timedelta
) -> None:
    _offline_since(db_path, NOW - timedelta(seconds=10), NOW)
    checkout(guarded, _sv("440"))
    clock.advance(seconds=jump.total_seconds())
    mono.t += 60
    with pytest.raises(OfflineLimitReached, match=r"500\.00.*440\.00"):
        checkout(guarded, _sv("440"))
    clock.advance(seconds=jump.total_seconds())
    mono.t += 60
    with pytest.raises(OfflineLimitReached):
        checkout(guarded, _sv("440"))
    booked = (
        "select count(*), min(business_date) from sales where member_id = ? and created_at >= ?"
    )
    since = NOW.astimezone(UTC).isoformat()
    assert rows(db_path, booked, GOLD_ID, since) == [(1, TODAY.isoformat())]


def _lot_expiring(path: Path, lot_id: str, expires_on: str, points: int) -> None:
    conn = sqlite3.connect(path)
    with conn:
        conn.execute(
            "INSERT INTO points_lots (id, member_id, earned_on, expires_on, points) "
            "VALUES (?, ?, '2026-01-01', ?, ?)",
            (lot_id, GOLD_ID, expires_on, points),
        )
        conn.execute(
            "INSERT INTO points_entries (event_id, member_id, lot_id, kind, delta, "
            "created_at) VALUES (?, ?, ?, 'earn', ?, ?)",
            (lot_id, GOLD_ID, lot_id, points, NOW.isoformat()),
        )
        conn.execute(
            "UPDATE members SET points_balance = points_balance + ? WHERE id = ?", (points, GOLD_ID)
        )
    conn.close()  # fmt: skip


def test_the_expiry_job_at_plus_395_days_expires_nothing_beyond_head_offices_time(
    guarded: Context, db_path: Path, clock: Clock, mono: Mono
) -> None:
    _lot_expiring(db_path, "lot-jun-2027", "2027-06-30", 700)  # due next summer, not now
    _lot_expiring(db_path, "lot-past", "2026-10-31", 300)  # already past its last day
    clock.advance(days=395)
    mono.t += 3_600
    report = expire_points(guarded)
    assert report.run_key == TODAY.isoformat()
    assert report.detail == {"points": 300}
    # The job named by date (the command's --date) is held to head office's date too.
    again = expire_points(guarded, TODAY + timedelta(days=395))
    assert again.run_key == TODAY.isoformat() and again.replayed
    left = rows(db_path, "select coalesce(sum(delta), 0) from points_entries "
                "where lot_id = 'lot-jun-2027'")  # fmt: skip
    assert left == [(700,)]
    events = rows(db_path, "select created_at, json_extract(payload, '$.business_date') "
                  "from outbox where kind = 'points.expired'")  # fmt: skip
    assert events
    hq_now = NOW + timedelta(seconds=3_600)
    for created_at, business_date in events:
        assert datetime.fromisoformat(created_at) <= hq_now
        assert business_date == TODAY.isoformat()


def test_another_process_starts_from_head_offices_time_kept_in_the_store(
    ctx: Context, db_path: Path, guard: GuardedClock, clock: Clock, mono: Mono
) -> None:
    assert guard.anchor is not None
    _state(db_path, anchor_state(guard.anchor))
    clock.advance(days=395)
    mono.t += 120
    # The jobs command, a new process on the same PC: the same monotonic clock.
    fresh = guarded_clock(ctx.store.raw_reader(), max_skew_s=300, wall=clock, monotonic=mono)
    assert fresh() == NOW + timedelta(seconds=120)
    # After the PC restarted the monotonic reading is behind the kept one: head office's
    # last time is all a job may act on, and the store's latest time keeps the date.
    mono.t = 5.0
    restarted = guarded_clock(ctx.store.raw_reader(), max_skew_s=300, wall=clock, monotonic=mono)
    assert restarted.head_office_now() is None
    assert restarted.head_office_bound() == NOW
    jobs_ctx = Context(store=ctx.store, settings=ctx.settings, clock=restarted)
    assert jobs_ctx.job_date() == TODAY


@pytest.mark.no_shift
def test_a_shift_cannot_close_before_it_opened(ctx: Context, db_path: Path, clock: Clock) -> None:
    open_shift(ctx, CASHIER, Money.yuan(200))
    before = table_counts(db_path)
    clock.advance(hours=-3)
    with pytest.raises(ShiftBeforeOpening, match=r"10:00.*07:00"):
        close_shift(ctx, CASHIER, Money.yuan(200))
    assert table_counts(db_path) == before


def test_yesterdays_figures_do_not_change_when_the_clock_goes_back(
    ctx: Context, db_path: Path, clock: Clock, mono: Mono
) -> None:
    """A till never enrolled (no head office time): the store's latest time is the floor."""
    yesterday = (TODAY - timedelta(days=1)).isoformat()
    figures = "select count(*), coalesce(sum(total_fen), 0) from sales where business_date = ?"
    checkout(ctx, sale(LineRequest(RICE), tenders=(cash(50),)))
    before = rows(db_path, figures, yesterday)
    clock.advance(days=-1)  # the PC's clock set back, then the app started again
    restarted = guarded_clock(ctx.store.raw_reader(), max_skew_s=300, wall=clock, monotonic=mono)
    again = Context(store=ctx.store, settings=ctx.settings, clock=restarted,
                    online=lambda: True)  # fmt: skip
    done = checkout(again, sale(LineRequest(RICE), tenders=(cash(50),)))
    assert rows(db_path, figures, yesterday) == before
    assert rows(db_path, "select business_date from sales where id = ?", done.sale_id) == [
        (TODAY.isoformat(),)
    ]
