"""The payment PIN's chain-wide lock policy: failures counted within the window."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from pos_member.domain.pin import PinPolicy

T0 = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


def at(*minutes: float) -> list[datetime]:
    return [T0 + timedelta(minutes=m) for m in minutes]


def test_five_failures_within_the_window_lock_from_the_last() -> None:
    times = at(0, 5, 10, 20, 29)
    assert PinPolicy().locked_until(times, times[-1]) == times[-1] + timedelta(minutes=30)


def test_four_failures_or_five_spread_wider_than_the_window_do_not_lock() -> None:
    assert PinPolicy().locked_until(at(0, 1, 2, 3), at(3)[0]) is None
    spread = at(0, 10, 20, 30, 40)  # only four of them within 30 minutes of the last
    assert PinPolicy().locked_until(spread, spread[-1]) is None
