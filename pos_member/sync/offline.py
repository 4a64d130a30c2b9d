"""Online or offline, and the offline limits on stored value and points spending.

A terminal is *online* when its last successful contact with head office is
more recent than ``offline_after_s``. Offline, another store may be spending
the same member's balance at the same moment, so spending (stored value, and
points at their cash value) is capped per member per business day and per
terminal in total until the next contact; earning is always allowed. What has
been spent offline is read from the unsent outbox events marked ``offline``:
the same rows that will be pushed, so the limit and the queue cannot disagree.

Services call ``check_offline_spend`` inside the checkout transaction.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Connection, text

from pos_member.domain.errors import OfflineLimitReached, OfflineTerminalLimitReached
from pos_member.domain.events import EventKind
from pos_member.domain.money import Money
from pos_member.domain.rules import ProgrammeRules
from pos_member.sync import local
from pos_member.sync.outbound import to_wire


def last_contact(conn: Connection) -> datetime | None:
    raw = local.get_state(conn, local.LAST_CONTACT)
    return datetime.fromisoformat(raw) if raw else None


def in_touch(seen: datetime | None, now: datetime, offline_after_s: float) -> bool:
    """The rule: online when the last contact with head office is recent enough."""
    return seen is not None and now - seen <= timedelta(seconds=offline_after_s)


def is_online(conn: Connection, now: datetime, offline_after_s: float) -> bool:
    return in_touch(last_contact(conn), now, offline_after_s)


def _spent(payload: dict[str, Any], rules: ProgrammeRules) -> int:
    """Fen of stored value plus the cash value of points one sale spent."""
    sv = -(int(payload.get("sv_principal_fen", 0)) + int(payload.get("sv_bonus_fen", 0)))
    pts = int(payload.get("points_redeemed", 0))
    return max(0, sv) + max(0, rules.redeem.value_of(max(0, pts)).fen)


def offline_spending(
    conn: Connection, rules: ProgrammeRules, member_id: int, business_date: str
) -> tuple[int, int]:
    """(spent offline by this member today, spent offline at this terminal) in fen, unsent."""
    member = terminal = 0
    rows = conn.execute(
        text("SELECT payload FROM outbox WHERE sent_at IS NULL AND kind = :k"),
        {"k": EventKind.SALE.value},
    )
    for (raw,) in rows:
        p = to_wire(EventKind.SALE, json.loads(raw) if isinstance(raw, str) else raw)
        if not p.get("offline"):
            continue
        spent = _spent(p, rules)
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
    """Raise if spending ``sv_fen`` and ``points`` would pass an offline limit.

    Returns True when the terminal is offline (the sale must then be marked
    ``offline`` in its event), False when online (no limit applies).
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
    used_member, used_terminal = offline_spending(conn, rules, member_id, business_date)
    sv = rules.stored_value
    per_member = member_limit if member_limit is not None else sv.offline_limit_per_member_per_day
    if used_member + want > per_member.fen:
        raise OfflineLimitReached(limit=per_member, used=Money(used_member))
    if used_terminal + want > sv.offline_limit_per_terminal.fen:
        raise OfflineTerminalLimitReached(
            limit=sv.offline_limit_per_terminal, used=Money(used_terminal)
        )
    return True
