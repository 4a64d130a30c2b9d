"""Stored UTC timestamps as the store's local time, one definition for every screen."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo


def _local(stamp: str, timezone: str) -> datetime:
    return datetime.fromisoformat(stamp).astimezone(ZoneInfo(timezone))


def local_time(stamp: str, timezone: str) -> str:
    """To the second: "2026-11-22 14:32:05" (a stamp that is not one comes back as it is)."""
    try:
        return _local(stamp, timezone).strftime("%Y-%m-%d %H:%M:%S")
    except ValueError:
        return stamp


def short_time(stamp: str, timezone: str, today: date) -> str:
    """ "14:32" today, else "11-22 14:32"."""
    at = _local(stamp, timezone)
    return at.strftime("%H:%M") if at.date() == today else at.strftime("%m-%d %H:%M")


def day_time(stamp: str, timezone: str) -> str:
    """ "11-22 14:32" (the status bar's last sync)."""
    return _local(stamp, timezone).strftime("%m-%d %H:%M")
