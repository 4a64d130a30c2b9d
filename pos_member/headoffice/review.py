"""Reviewing members' ledgers in event time, whatever order the pushes arrive in.

Tills sell offline and push late, in any order, so head office's running
balance as pushes arrive says little about what happened: a spend hidden by a
recharge pushed with it would pass, a spend pushed after a recharge that came
later would be flagged. After each push, for every member whose stored value
or points it moved, head office replays that ledger **in event time**: in the
order of the events' ``created_at`` (in UTC), then store, terminal and entry
id (a till's own order). An event that takes the balance down and leaves it
below zero at that moment gets an ``overdraft`` (stored value) or
``points_overdraft`` (points) review item whose ``amount`` is how far below
zero it left the balance; no other event gets one.

A later push can only add events, so it changes the moment-by-moment balance
only from its own earliest event on: the replay reads only the member's
entries from that time (``event_at >= since``, indexed), and starts from the
member's confirmed balance (which every entry has already moved) less what
those entries moved: the balance at the checkpoint, with no scan of the
member's history. One query for all the push's members and ledgers, and one
for the items of the events it judged that earlier pushes brought (none when
this push's events are the members' latest). Items the replay no longer
supports are **withdrawn**, never deleted (``withdrawn_at``, and
``resolved_at`` so that no list shows them as open); amounts that changed are
amended; a withdrawn item an even later push supports again is reinstated; each
such step is a row of ``review_item_history`` naming the push's store and
terminal. Items a manager resolved are left alone.

A blocked card is judged in event time too: a sale with a card counts as
``blocked_card_used`` only if it happened at or after the card's block
(``cards.blocked_at``, the block's time at head office or the pushed block
event's), not if it was sold before the block and pushed after it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from itertools import groupby
from typing import Any

from sqlalchemy import Connection, bindparam, select, text, update
from sqlalchemy import insert as sa_insert

from pos_member.domain.cards import CardState
from pos_member.headoffice import models as m
from pos_member.headoffice.bulk import bulk_insert

OVERDRAFT = "overdraft"
POINTS_OVERDRAFT = "points_overdraft"
KINDS = {"sv": OVERDRAFT, "pt": POINTS_OVERDRAFT}
BLOCKED_STATES = frozenset(
    {CardState.LOST.value, CardState.REPLACED.value, CardState.EXPIRED.value}
)


def utc_key(at: str) -> str:
    """``at`` (ISO 8601; no offset: UTC) as fixed-width UTC text that sorts as time."""
    moment = datetime.fromisoformat(at)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def blocked_card_used(state: str | None, blocked_at: str | None, used_at: str) -> bool:
    """A card in ``state`` (blocked since ``blocked_at``) was used at ``used_at`` (UTC key).

    A card blocked before head office kept the time (``blocked_at`` NULL) counts
    as blocked at any time, as before.
    """
    if state not in BLOCKED_STATES:
        return False
    return blocked_at is None or used_at >= blocked_at


@dataclass(frozen=True, slots=True)
class Pusher:
    """The push that is reviewed: its terminal and its time."""

    store_id: str
    terminal_id: str
    now: str


@dataclass(frozen=True, slots=True)
class _Due:
    """A review item the replay says an event deserves."""

    member_id: int
    amount: int
    store_id: str
    terminal_id: str | None
    entry_kind: str


# The member's entries from its checkpoint on, both ledgers, in event time. NULL
# ``event_at`` (opening balances) is before anything and never read. A lateral join:
# one index range scan per member (``ix_*_member_event_at``), never the whole table.
# Text in code-point order ("C"), as the tills' ids and times are compared everywhere.
_ENTRIES_PG = text(
    "SELECT * FROM (SELECT 'sv' AS ledger, c.member_id, e.event_id, e.event_at, e.store_id,"
    " e.terminal_id, e.id, e.delta, e.kind"
    " FROM unnest(CAST(:sv_m AS bigint[]), CAST(:sv_at AS varchar[])) AS c(member_id, since)"
    " CROSS JOIN LATERAL (SELECT event_id, event_at, store_id, terminal_id, id, kind,"
    " principal_delta_fen + bonus_delta_fen AS delta FROM sv_entries"
    " WHERE member_id = c.member_id AND event_at >= c.since) AS e"
    " UNION ALL"
    " SELECT 'pt', c.member_id, e.event_id, e.event_at, e.store_id, e.terminal_id, e.id,"
    " e.delta, e.kind"
    " FROM unnest(CAST(:pt_m AS bigint[]), CAST(:pt_at AS varchar[])) AS c(member_id, since)"
    " CROSS JOIN LATERAL (SELECT event_id, event_at, store_id, terminal_id, id, kind, delta"
    " FROM points_entries WHERE member_id = c.member_id AND event_at >= c.since) AS e) AS u"
    ' ORDER BY ledger, member_id, event_at COLLATE "C", store_id COLLATE "C",'
    ' terminal_id COLLATE "C", id'
)


def _entries_other(since: dict[str, dict[int, str]]) -> Any:
    """The same read for other dialects (the SQLite demo), from the earliest checkpoint."""
    parts = []
    for ledger, table, delta in (
        ("sv", "sv_entries", "principal_delta_fen + bonus_delta_fen"),
        ("pt", "points_entries", "delta"),
    ):
        if since[ledger]:
            parts.append(
                f"SELECT '{ledger}' AS ledger, member_id, event_id, event_at, store_id,"
                f" terminal_id, id, {delta} AS delta, kind FROM {table}"
                f" WHERE member_id IN :{ledger}_m AND event_at >= :{ledger}_since"
            )
    sql = text(" UNION ALL ".join(parts) + " ORDER BY 1, 2, 4, 5, 6, 7")
    for ledger, cut in since.items():
        if cut:
            sql = sql.bindparams(bindparam(f"{ledger}_m", expanding=True))
    return sql


def _read_entries(conn: Connection, since: dict[str, dict[int, str]]) -> list[Any]:
    if not (since["sv"] or since["pt"]):
        return []
    if conn.dialect.name == "postgresql":
        params: dict[str, Any] = {}
        for ledger in ("sv", "pt"):
            ids = sorted(since[ledger])
            params[f"{ledger}_m"] = ids
            params[f"{ledger}_at"] = [since[ledger][i] for i in ids]
        return list(conn.execute(_ENTRIES_PG, params))
    params = {}
    for ledger, cut in since.items():
        if cut:
            params[f"{ledger}_m"] = sorted(cut)
            params[f"{ledger}_since"] = min(cut.values())
    return list(conn.execute(_entries_other(since), params))


def replay(
    rows: Iterable[Any], balances: Mapping[tuple[str, int], int]
) -> tuple[dict[tuple[str, str], _Due], set[tuple[str, str]]]:
    """The items the entries ``rows`` deserve, and every (kind, event id) of a move down
    they judged (the only events that can have an item).

    ``rows`` are one query's entries, ordered by ledger, member and event time;
    ``balances`` the members' confirmed balances per (ledger, member), which
    every row has moved already.
    """
    due: dict[tuple[str, str], _Due] = {}
    judged: set[tuple[str, str]] = set()
    for (ledger, mid), member_rows in groupby(rows, key=lambda r: (r.ledger, r.member_id)):
        entries = list(member_rows)
        balance = balances[(ledger, mid)] - sum(int(r.delta) for r in entries)
        kind = KINDS[ledger]
        for eid, event_rows in groupby(entries, key=lambda r: r.event_id):
            parts = list(event_rows)
            delta = sum(int(r.delta) for r in parts)
            balance += delta
            if delta >= 0:
                continue  # never an item: only a move down can overdraw
            judged.add((kind, eid))
            if balance < 0:
                first = parts[0]
                due[(kind, eid)] = _Due(
                    mid, -balance, first.store_id, first.terminal_id, first.kind
                )
    return due, judged


def review_members(
    conn: Connection,
    pusher: Pusher,
    since: dict[str, dict[int, str]],
    balances: Mapping[tuple[str, int], int],
    new_events: set[str],
) -> dict[str, list[str]]:
    """Replay the ledgers ``since`` names from their checkpoints; bring the items in line.

    ``since`` maps ``"sv"`` and ``"pt"`` to {member id: the earliest ``event_at``
    this push wrote for that member in that ledger}; ``new_events`` are the ids
    of the events this push applied (none of them has an item yet). Returns, per
    event id, the overdraft kinds whose item is open after this push (the push's
    own events answer them to the till as flags).
    """
    due, judged = replay(_read_entries(conn, since), balances)
    # Only events pushed before can have items: in the usual case (this push's
    # events are the members' latest) there are none to read.
    older = sorted({eid for _, eid in judged if eid not in new_events})
    latest: dict[tuple[str, str], Any] = {}
    if older:
        for row in conn.execute(
            select(
                m.ReviewItem.id,
                m.ReviewItem.kind,
                m.ReviewItem.event_id,
                m.ReviewItem.amount,
                m.ReviewItem.resolved_at,
                m.ReviewItem.withdrawn_at,
            )
            .where(
                m.ReviewItem.event_id.in_(older),
                m.ReviewItem.kind.in_((OVERDRAFT, POINTS_OVERDRAFT)),
            )
            .order_by(m.ReviewItem.id)
        ):
            if (row.kind, row.event_id) in judged:
                latest[(row.kind, row.event_id)] = row
    raise_rows: list[dict[str, Any]] = []
    changes: list[dict[str, Any]] = []
    history: list[dict[str, Any]] = []

    def step(item: Any, action: str, after: int | None, **values: Any) -> None:
        # A withdrawn item keeps its last amount; its history says what happened.
        changes.append(
            {"_id": item.id, "amount": item.amount if after is None else after, **values}
        )
        history.append(
            {
                "review_item_id": item.id,
                "at": pusher.now,
                "action": action,
                "amount_before": item.amount,
                "amount_after": after,
                "store_id": pusher.store_id,
                "terminal_id": pusher.terminal_id,
            }
        )

    for key, d in due.items():
        item = latest.get(key)
        if item is None:
            raise_rows.append(
                {
                    "kind": key[0],
                    "member_id": d.member_id,
                    "event_id": key[1],
                    "store_id": d.store_id,
                    "detail": {
                        "terminal": d.terminal_id,
                        "entry": d.entry_kind,
                        "below_zero": d.amount,
                    },
                    "created_at": pusher.now,
                    "amount": d.amount,
                }
            )
        elif item.withdrawn_at is not None:
            step(item, "reinstated", d.amount, withdrawn_at=None, resolved_at=None)
        elif item.resolved_at is None and item.amount != d.amount:
            step(item, "amended", d.amount, withdrawn_at=None, resolved_at=None)
    for key, item in latest.items():
        if key not in due and item.resolved_at is None:
            step(item, "withdrawn", None, withdrawn_at=pusher.now, resolved_at=pusher.now)
    bulk_insert(conn, m.ReviewItem, raise_rows)
    if changes:
        conn.execute(
            update(m.ReviewItem)
            .where(m.ReviewItem.id == bindparam("_id"))
            .values(
                amount=bindparam("amount"),
                withdrawn_at=bindparam("withdrawn_at"),
                resolved_at=bindparam("resolved_at"),
            ),
            changes,
        )
        conn.execute(sa_insert(m.ReviewItemHistory), history)
    flags: dict[str, list[str]] = {}
    for kind, eid in due:
        flags.setdefault(eid, []).append(kind)
    return flags
