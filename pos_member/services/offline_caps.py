"""Online or offline, and the offline caps on stored value and points spending.

*Online* means confirmed online: head office answered recently
(``offline_after_s``), the last contact is not in the future (a clock set
back makes its age negative: unknown, so offline) and no request to head
office has failed since. Anything else is offline, from the first failed
request on.

While the till is not confirmed online another store may be spending the same
balance, so spending (stored value, and points at their cash value) is capped
per member per business day and per terminal in total. The caps count every
spend head office has not confirmed to this till: each sale event not yet
acknowledged, or acknowledged but not yet in the confirmed balance the till
holds (the pull after the push failed), whether it was made online or not,
unless it carries an online hold head office placed (``HOLD_ID``): head office
authorised that one itself. Earning is always allowed.

Checkout calls ``check_offline_spend`` inside its transaction.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Connection, text

from pos_member.domain.errors import OfflineLimitReached, OfflineTerminalLimitReached
from pos_member.domain.money import Money
from pos_member.domain.rules import ProgrammeRules
from pos_member.services.balances import ACKED_NOT_CONFIRMED, payload_of
from pos_member.store import state
from pos_member.wire.outbound import to_wire
from pos_member.wire.schemas import EventKind

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


def spent_fen(payload: dict[str, Any], rules: ProgrammeRules) -> int:
    """Fen of stored value plus the cash value of points one sale (wire form) spent."""
    sv = -(int(payload.get("sv_principal_fen", 0)) + int(payload.get("sv_bonus_fen", 0)))
    pts = int(payload.get("points_redeemed", 0))
    return max(0, sv) + max(0, rules.redeem.value_of(max(0, pts)).fen)


def unconfirmed_spending(
    conn: Connection, rules: ProgrammeRules, member_id: int, business_date: str
) -> tuple[int, int]:
    """(spent by this member on ``business_date``, spent at this terminal) in fen, counting
    every sale head office has not confirmed to this till and that no online hold covers:
    not acknowledged yet, or acknowledged but not in the confirmed balance the till holds
    (head office died between the push and the pull: the till still spends against the
    older balance, so the sale still counts)."""
    member = terminal = 0
    sale = EventKind.SALE.value
    unsent = conn.execute(
        text("SELECT payload FROM outbox WHERE sent_at IS NULL AND kind = :k"), {"k": sale}
    ).all()
    acked = [(raw,) for _m, kind, raw in conn.execute(text(ACKED_NOT_CONFIRMED)) if kind == sale]
    for (raw,) in [*unsent, *acked]:
        local_payload = payload_of(raw)
        if local_payload.get(HOLD_ID):
            continue
        p = to_wire(EventKind.SALE, local_payload)
        spent = spent_fen(p, rules)
        terminal += spent
        if p.get("member_id") == member_id and p.get("business_date") == business_date:
            member += spent
    return member, terminal


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
    online: bool | None = None,
    member_limit: Money | None = None,
) -> bool:
    """Raise if spending ``sv_fen`` and ``points`` would pass an offline cap.

    Returns True when the terminal is not confirmed online (the sale must then
    be marked ``offline`` in its event), False when it is (no cap applies).
    ``online`` is the caller's own answer when it has one (the services'
    ``Context.online``); ``member_limit`` overrides the rules' per-member
    daily limit (a terminal setting).
    """
    if online is None:
        online = is_online(conn, now, offline_after_s)
    if online:
        return False
    want = max(0, sv_fen) + rules.redeem.value_of(max(0, points)).fen
    if want == 0:
        return True
    used_member, used_terminal = unconfirmed_spending(conn, rules, member_id, business_date)
    sv = rules.stored_value
    per_member = member_limit if member_limit is not None else sv.offline_limit_per_member_per_day
    if used_member + want > per_member.fen:
        raise OfflineLimitReached(limit=per_member, used=Money(used_member))
    if used_terminal + want > sv.offline_limit_per_terminal.fen:
        raise OfflineTerminalLimitReached(
            limit=sv.offline_limit_per_terminal, used=Money(used_terminal)
        )
    return True
