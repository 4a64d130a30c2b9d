"""Online or offline, and the offline caps on stored value and points spending.

*Online* means confirmed online: head office answered recently
(``offline_after_s``), the last contact is not in the future (a clock set
back makes its age negative: unknown, so offline) and no request to head
office has failed since. Anything else is offline, from the first failed
request on.

While the till is not confirmed online another store may be spending the same
balance, so spending (stored value, and points at their cash value) is capped
per member per business day and per terminal per business day (the chain's
``offline_limit_per_terminal`` or the store's own,
``StoredValueRules.terminal_limit``). The caps count the day's spend head
office did not authorise itself: every sale without an online hold head office
placed (``HOLD_ID``), made online or not, acknowledged since or not. A sync does
not give the room back: the cap is what this till may lend on a business day
without asking head office, so that an outage of any length costs at most the
caps of each day of it (docs/headoffice.md, "Sizing the offline caps").
Earning is always allowed; a refund gives no room back (it returns money to the
member, who may spend it again under the same caps).

The spend is kept in two day counters (``offline_spend_member``,
``offline_spend_terminal``), moved by ``count_spend`` in the sale's own
transaction, so ``check_offline_spend`` reads one row each however long the
queue of unsent events (and a crash keeps both or neither). Checkout calls both
inside its transaction.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Connection, text

from pos_member.domain.errors import OfflineLimitReached, OfflineTerminalLimitReached
from pos_member.domain.money import Money
from pos_member.domain.rules import ProgrammeRules
from pos_member.store import state

#: The key of a sale payload naming the hold head office placed for its spend online.
HOLD_ID = "hold_id"

_LINK_STATE = (
    f"SELECT key, value FROM terminal_state WHERE key IN ('{state.HQ_TOKEN}', "
    f"'{state.LAST_CONTACT}', '{state.LAST_FAILURE}')"
)


def in_touch(
    seen: datetime | None,
    now: datetime,
    offline_after_s: float,
    failed: datetime | None = None,
) -> bool:
    """The rule: online only when the last contact is known, not ahead of ``now``,
    at most ``offline_after_s`` old, and no request failed at or after it."""
    if seen is None:
        return False
    age = now - seen
    if age < timedelta(0) or age > timedelta(seconds=offline_after_s):
        return False
    return failed is None or failed < seen


def _time(raw: str | None) -> datetime | None:
    return datetime.fromisoformat(raw) if raw else None


def link_online(
    conn: Connection | sqlite3.Connection, now: datetime, offline_after_s: float
) -> bool | None:
    """Online by the till's record of head office's answers, or None if never enrolled."""
    if isinstance(conn, sqlite3.Connection):
        known = dict(conn.execute(_LINK_STATE).fetchall())
    else:
        known = {k: v for k, v in conn.execute(text(_LINK_STATE)).all()}
    if known.get(state.HQ_TOKEN) is None:
        return None
    return in_touch(
        _time(known.get(state.LAST_CONTACT)),
        now,
        offline_after_s,
        _time(known.get(state.LAST_FAILURE)),
    )


def is_online(conn: Connection, now: datetime, offline_after_s: float) -> bool:
    """``link_online``, a till never enrolled counting as offline."""
    return link_online(conn, now, offline_after_s) is True


_MEMBER_DAY = text(
    "SELECT spent_fen FROM offline_spend_member WHERE member_id = :m AND business_date = :d"
)
_TERMINAL_DAY = text(
    "SELECT spent_fen FROM offline_spend_terminal WHERE terminal_id = :t AND business_date = :d"
)
_COUNT_MEMBER = text(
    "INSERT INTO offline_spend_member (member_id, business_date, spent_fen) VALUES (:m, :d, :f) "
    "ON CONFLICT (member_id, business_date) "
    "DO UPDATE SET spent_fen = spent_fen + excluded.spent_fen"
)
_COUNT_TERMINAL = text(
    "INSERT INTO offline_spend_terminal (terminal_id, business_date, spent_fen) "
    "VALUES (:t, :d, :f) ON CONFLICT (terminal_id, business_date) "
    "DO UPDATE SET spent_fen = spent_fen + excluded.spent_fen"
)


def spend_fen(rules: ProgrammeRules, sv_fen: int, points: int) -> int:
    """Fen of stored value plus the cash value of ``points``: what the caps count."""
    return max(0, sv_fen) + rules.redeem.value_of(max(0, points)).fen


def day_spending(
    conn: Connection, member_id: int | None, terminal_id: str, business_date: str
) -> tuple[int, int]:
    """(spent by the member on ``business_date``, spent at the terminal that day) in fen,
    no online hold covering it: one primary-key read each."""
    member = (
        conn.execute(_MEMBER_DAY, {"m": member_id, "d": business_date}).scalar()
        if member_id is not None
        else 0
    )
    terminal = conn.execute(_TERMINAL_DAY, {"t": terminal_id, "d": business_date}).scalar()
    return int(member or 0), int(terminal or 0)


def count_spend(
    conn: Connection, member_id: int, terminal_id: str, business_date: str, fen: int
) -> None:
    """Add a sale's spend no online hold covers to the day counters (in its transaction)."""
    if fen <= 0:
        return
    conn.execute(_COUNT_MEMBER, {"m": member_id, "d": business_date, "f": fen})
    conn.execute(_COUNT_TERMINAL, {"t": terminal_id, "d": business_date, "f": fen})


def check_offline_spend(
    conn: Connection,
    rules: ProgrammeRules,
    member_id: int,
    sv_fen: int,
    points: int,
    business_date: str,
    now: datetime,
    offline_after_s: float,
    *,
    terminal_id: str,
    store_id: str | None = None,
    online: bool | None = None,
    member_limit: Money | None = None,
) -> bool:
    """Raise if spending ``sv_fen`` and ``points`` would pass an offline cap of the day.

    Returns True when the terminal is not confirmed online (the sale must then
    be marked ``offline`` in its event), False when it is (no cap applies).
    ``online`` is the caller's own answer when it has one (the services'
    ``Context.online``); ``member_limit`` overrides the rules' per-member
    daily limit (a terminal setting); ``store_id`` picks the store's own
    terminal cap (``StoredValueRules.terminal_limit``). Counting the spend is
    the caller's (``count_spend``), once the sale is sure to be written.
    """
    if online is None:
        online = is_online(conn, now, offline_after_s)
    if online:
        return False
    want = spend_fen(rules, sv_fen, points)
    if want == 0:
        return True
    used_member, used_terminal = day_spending(conn, member_id, terminal_id, business_date)
    sv = rules.stored_value
    per_member = member_limit if member_limit is not None else sv.offline_limit_per_member_per_day
    if used_member + want > per_member.fen:
        raise OfflineLimitReached(limit=per_member, used=Money(used_member))
    per_terminal = (
        sv.terminal_limit(store_id) if store_id is not None else (sv.offline_limit_per_terminal)
    )
    if used_terminal + want > per_terminal.fen:
        raise OfflineTerminalLimitReached(limit=per_terminal, used=Money(used_terminal))
    return True


@dataclass(frozen=True, slots=True)
class OfflineRoom:
    """A terminal's offline cap on a business day, what was spent against it, what is left."""

    business_date: str
    limit: Money
    spent: Money

    @property
    def left(self) -> Money:
        return Money(max(0, self.limit.fen - self.spent.fen))


def offline_room(
    conn: Connection, rules: ProgrammeRules, store_id: str, terminal_id: str, business_date: str
) -> OfflineRoom:
    """The room left under the terminal's offline cap on ``business_date`` (the manager's)."""
    _member, spent = day_spending(conn, None, terminal_id, business_date)
    return OfflineRoom(business_date, rules.stored_value.terminal_limit(store_id), Money(spent))
