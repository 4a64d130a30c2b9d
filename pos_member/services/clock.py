"""The guarded clock: the till's time checked against head office's.

The PC's clock can be set back or ahead by a day or a year; every rule that
depends on the date (online state, per-day caps, points expiry, shift times,
business dates, reports) asks this clock instead of the PC's.

- Head office's time comes with every answer (the HTTP ``Date`` header).
  The till keeps it with the monotonic clock's reading at that moment (an
  *anchor*, also kept in ``terminal_state`` so other processes of this PC
  start from it: the monotonic clock counts from the PC's start, not the
  process's). Head office's time now is then the anchor plus the monotonic
  time since, whatever the PC's clock says.
- While the PC's clock is within ``clock_max_skew_s`` of that, the PC's
  clock is used as it is; beyond it, head office's is, and the skew is
  logged and shown on the status bar.
- Without an anchor (never enrolled, or the PC restarted since: the
  monotonic clock is then behind the anchor's reading), the clock never goes
  back before the latest time the store holds (plus the monotonic time since
  it was read): a clock set back cannot reopen yesterday.
- Within one process the time never goes backwards.

``head_office_bound`` is what jobs that act on a date may act up to: head
office's time now when known, else the last one it gave.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from pos_member.domain.errors import ClockAhead, ClockBehind, ClockError

TESTED_IN = "tests/services/test_guarded_clock.py"

log = logging.getLogger(__name__)

# terminal_state keys: head office's time at its last answer, the monotonic clock then,
# and which start of the PC that monotonic reading belongs to.
HQ_TIME = "hq.time"
HQ_TIME_MONO = "hq.time_mono"
HQ_TIME_BOOT = "hq.time_boot"
_BOOT_ID = "/proc/sys/kernel/random/boot_id"

Wall = Callable[[], datetime]
Monotonic = Callable[[], float]


def utc_now() -> datetime:
    return datetime.now(UTC)


def boot_id() -> str | None:
    """This start of the PC (Linux), or None where the system does not say."""
    try:
        with open(_BOOT_ID, encoding="ascii") as f:
            return f.read().strip() or None
    except OSError:
        return None


@dataclass(frozen=True, slots=True)
class Anchor:
    """Head office's time ``at``, read when the monotonic clock said ``mono``."""

    at: datetime
    mono: float
    boot: str | None = None


class GuardedClock:
    """A clock for the services: call it for the guarded time (an aware datetime)."""

    def __init__(
        self,
        wall: Wall = utc_now,
        monotonic: Monotonic = time.monotonic,
        *,
        max_skew_s: float = 300.0,
        anchor: Anchor | None = None,
        floor: datetime | None = None,
        boot: str | None = None,
    ) -> None:
        self._wall = wall
        self._mono = monotonic
        self._boot = boot
        if anchor is not None and anchor.boot and boot and anchor.boot != boot:
            # Kept by an earlier start of the PC: its monotonic reading means nothing now.
            anchor = Anchor(anchor.at, float("inf"), anchor.boot)
        self.max_skew = timedelta(seconds=max_skew_s)
        self._anchor = anchor
        self._floor = (floor, monotonic()) if floor is not None else None
        self._last: datetime | None = None
        self._skewed = False
        self._lock = threading.Lock()

    # -- head office's time --

    def observe(self, hq_time: datetime) -> Anchor:
        """Head office answered, saying it is ``hq_time``."""
        if hq_time.tzinfo is None:
            raise ValueError("head office's time must be aware")
        anchor = Anchor(hq_time, self._mono(), self._boot)
        with self._lock:
            self._anchor = anchor
        return anchor

    @property
    def anchor(self) -> Anchor | None:
        return self._anchor

    def head_office_now(self) -> datetime | None:
        """Head office's time now (its last answer plus the monotonic time since), if known."""
        a = self._anchor
        if a is None:
            return None
        elapsed = self._mono() - a.mono
        if elapsed < 0:  # the PC restarted since: the monotonic clock counts from zero again
            return None
        return a.at + timedelta(seconds=elapsed)

    def head_office_bound(self) -> datetime | None:
        """The latest time a job may act on: head office's now, else its last known time."""
        now = self.head_office_now()
        if now is not None:
            return now
        return self._anchor.at if self._anchor is not None else None

    def skew(self) -> timedelta | None:
        """How far the PC's clock is from head office's (positive: ahead), if known."""
        hq = self.head_office_now()
        return None if hq is None else self._wall() - hq

    def skewed(self) -> bool:
        """The PC's clock is further from head office's than the setting allows."""
        s = self.skew()
        return s is not None and abs(s) > self.max_skew

    # -- the guarded time --

    def __call__(self) -> datetime:
        wall = self._wall()
        if wall.tzinfo is None:
            raise ValueError("the clock must return an aware datetime")
        hq = self.head_office_now()
        with self._lock:
            skewed = hq is not None and abs(wall - hq) > self.max_skew
            if skewed != self._skewed:
                self._skewed = skewed
                if skewed:
                    assert hq is not None
                    log.warning(
                        "the PC's clock is %+.0f s off head office's (more than %.0f s): "
                        "using head office's time",
                        (wall - hq).total_seconds(),
                        self.max_skew.total_seconds(),
                    )
                else:
                    log.info("the PC's clock agrees with head office's again")
            if skewed:
                assert hq is not None
                now = hq
            elif hq is None and self._floor is not None:
                floor, at = self._floor
                now = max(wall, floor + timedelta(seconds=max(0.0, self._mono() - at)))
            else:
                now = wall
            if self._last is not None and now < self._last:
                now = self._last
            self._last = now
            return now


def skew_error(skew: timedelta) -> ClockError:
    """The status bar's words for a PC clock ``skew`` off head office's (positive: ahead)."""
    minutes = int(abs(skew).total_seconds()) // 60
    days, rest = divmod(minutes, 24 * 60)
    cls = ClockAhead if skew > timedelta(0) else ClockBehind
    return cls(days=days, hours=rest // 60, minutes=rest % 60)


def _parse(raw: Any) -> datetime | None:
    if not raw:
        return None
    try:
        t = datetime.fromisoformat(str(raw))
    except ValueError:
        return None
    return t if t.tzinfo is not None else t.replace(tzinfo=UTC)


_FLOOR_SQL = (
    "SELECT max(created_at) FROM outbox",
    "SELECT max(created_at) FROM sales",
    "SELECT max(opened_at) FROM shifts",
    "SELECT max(closed_at) FROM shifts",
)


def read_anchor(conn: sqlite3.Connection) -> tuple[Anchor | None, datetime | None]:
    """Head office's last time kept in the store, and the latest time the store holds."""
    state = dict(
        conn.execute(
            "SELECT key, value FROM terminal_state WHERE key IN (?, ?, ?)",
            (HQ_TIME, HQ_TIME_MONO, HQ_TIME_BOOT),
        ).fetchall()
    )
    at, mono = _parse(state.get(HQ_TIME)), state.get(HQ_TIME_MONO)
    anchor = None
    if at is not None and mono is not None:
        anchor = Anchor(at, float(mono), state.get(HQ_TIME_BOOT) or None)
    times = [_parse(conn.execute(sql).fetchone()[0]) for sql in _FLOOR_SQL]
    if at is not None:
        times.append(at)
    known = [t for t in times if t is not None]
    return anchor, (max(known) if known else None)


def guarded_clock(
    conn: sqlite3.Connection,
    *,
    max_skew_s: float,
    wall: Wall = utc_now,
    monotonic: Monotonic = time.monotonic,
    boot: str | None = None,
) -> GuardedClock:
    """The guarded clock of the store ``conn`` reads: its anchor and floor loaded.

    ``boot`` defaults to this PC's start (``boot_id``) when the monotonic clock is the
    system's; tests pass their own.
    """
    anchor, floor = read_anchor(conn)
    if boot is None and monotonic is time.monotonic:
        boot = boot_id()
    return GuardedClock(
        wall, monotonic, max_skew_s=max_skew_s, anchor=anchor, floor=floor, boot=boot
    )


def anchor_state(anchor: Anchor) -> dict[str, str]:
    """The ``terminal_state`` rows that keep ``anchor`` for the next process."""
    return {
        HQ_TIME: anchor.at.astimezone(UTC).isoformat(),
        HQ_TIME_MONO: repr(anchor.mono),
        HQ_TIME_BOOT: anchor.boot or "",
    }
