"""Which programme version is in force on a date, and which windows head office refuses."""

from __future__ import annotations

from datetime import date

import pytest

from pos_member.domain.rules import VersionWindow, in_force

BASE = VersionWindow(1, date(2026, 1, 1))
NEXT_MONTH = VersionWindow(2, date(2026, 12, 1))
MEMBER_WEEK = VersionWindow(3, date(2026, 12, 8), date(2026, 12, 14))


@pytest.mark.parametrize(
    ("day", "version"),
    [
        (date(2025, 12, 31), None),
        (date(2026, 11, 30), 1),
        (date(2026, 12, 1), 2),
        (date(2026, 12, 8), 3),
        (date(2026, 12, 14), 3),
        (date(2026, 12, 15), 2),
    ],
)
def test_the_highest_version_whose_window_holds_the_day(day: date, version: int | None) -> None:
    assert in_force([BASE, NEXT_MONTH, MEMBER_WEEK], day) == version


def test_a_window_that_ends_before_it_starts_cannot_be_made() -> None:
    with pytest.raises(ValueError, match="ends before it starts"):
        VersionWindow(4, date(2026, 12, 8), date(2026, 12, 1))


def test_an_open_version_may_not_hide_a_bounded_one_still_to_come() -> None:
    published = [BASE, NEXT_MONTH, MEMBER_WEEK]
    problem = VersionWindow(4, date(2026, 12, 10)).conflict(published)
    assert problem is not None and "version 3" in problem and "2026-12-14" in problem
    assert VersionWindow(4, date(2026, 12, 15)).conflict(published) is None
    assert VersionWindow(4, date(2026, 12, 10), date(2026, 12, 11)).conflict(published) is None
