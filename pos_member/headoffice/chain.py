"""Each terminal's events chain as head office sees it: gaps and forks go to review.

A till links every outbox event into a keyed hash chain (``store.chain``) and
pushes it with its mark: its place ``n``, the previous event's hash and its
own. Head office cannot check the keyed hashes (the key never leaves the
till) but it can check that the marks fit together. It keeps every mark per
terminal and, for each event pushed:

- **fork**: head office already has a different event at that place, or the
  neighbours it has do not name this one: the till's history was rewritten,
  or the till was restored from an older copy and sold again;
- **fault**: the till itself found, before pushing, a row written behind its
  back (a forged stored-value entry), an edited or erased sale, a dropped
  trigger: the event carries the sentences;
- **gap**: the event before it never arrived, though the till pushes its
  money events in order: it was marked sent behind the till's back, erased,
  or refused. Lifecycle events (pushed first) are not held to that, and the
  first mark head office sees of a terminal anchors its chain (events from
  before the chain carry none).

Both become ``review_items`` for a person; nothing is refused and no member
is billed for them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, func, insert, select

from pos_member.headoffice import models as m
from pos_member.store.models_manager import LIFECYCLE_EVENT_KINDS
from pos_member.wire.schemas import Event

if TYPE_CHECKING:  # push.py calls this module: no import cycle at run time
    from pos_member.headoffice.push import TerminalIdentity


def check_chain(conn: Connection, who: TerminalIdentity, events: Sequence[Event], now: str) -> None:
    """Record the chain marks of ``events`` for terminal ``who``; list gaps and forks."""
    marked = sorted((ev for ev in events if ev.chain is not None), key=lambda e: e.chain.n)  # type: ignore[union-attr]
    if not marked:
        return
    places = {p for ev in marked for p in (ev.chain.n - 1, ev.chain.n, ev.chain.n + 1)}  # type: ignore[union-attr]
    t = m.TerminalChainLink
    known: dict[int, tuple[str, str, str]] = {
        int(n): (prev, h, eid)
        for n, prev, h, eid in conn.execute(
            select(t.n, t.prev, t.hash, t.event_id).where(
                t.terminal_key == who.key, t.n.in_(sorted(places))
            )
        )
    }
    lowest = conn.execute(select(func.min(t.n)).where(t.terminal_key == who.key)).scalar()
    rows: list[dict[str, Any]] = []
    reviews: list[dict[str, Any]] = []

    def review(kind: str, ev: Event, n: int, why: str) -> None:
        reviews.append(
            {
                "kind": kind,
                "member_id": None,
                "event_id": str(ev.id),
                "store_id": who.store_id,
                "detail": {"terminal": who.key, "n": n, "why": why},
                "created_at": now,
            }
        )

    for ev in marked:
        mark = ev.chain
        assert mark is not None
        eid = str(ev.id)
        if mark.faults and (mark.n not in known or known[mark.n][1] != mark.hash):
            reviews.append(
                {"kind": "chain.fault", "member_id": None, "event_id": eid,
                 "store_id": who.store_id, "created_at": now,
                 "detail": {"terminal": who.key, "n": mark.n, "faults": mark.faults,
                            "why": f"terminal {who.key} found its own books tampered with"}}
            )  # fmt: skip
        seen = known.get(mark.n)
        if seen is not None:
            if seen[1] != mark.hash:
                review("chain.fork", ev, mark.n,
                       f"event {eid} is number {mark.n} of terminal {who.key}'s chain, but "
                       f"head office had event {seen[2]} there: the till's history was "
                       "rewritten or restored from an older copy")  # fmt: skip
            continue
        before, after = known.get(mark.n - 1), known.get(mark.n + 1)
        if before is not None and before[1] != mark.prev:
            review("chain.fork", ev, mark.n,
                   f"event {eid} does not follow event {before[2]} in terminal {who.key}'s "
                   "chain: the till's history was rewritten")  # fmt: skip
        elif after is not None and after[0] != mark.hash:
            review("chain.fork", ev, mark.n,
                   f"event {after[2]} does not follow event {eid} in terminal {who.key}'s "
                   "chain: the till's history was rewritten")  # fmt: skip
        elif (
            before is None
            and lowest is not None
            and lowest < mark.n
            and ev.kind not in LIFECYCLE_EVENT_KINDS
        ):
            review("chain.gap", ev, mark.n,
                   f"event number {mark.n - 1} of terminal {who.key}'s chain, before event "
                   f"{eid}, never reached head office: it was marked sent at the till without "
                   "being pushed, erased, or refused")  # fmt: skip
        known[mark.n] = (mark.prev, mark.hash, eid)
        lowest = mark.n if lowest is None else min(lowest, mark.n)
        rows.append(
            {"terminal_key": who.key, "n": mark.n, "prev": mark.prev, "hash": mark.hash,
             "event_id": eid, "received_at": now}
        )  # fmt: skip
    if rows:
        conn.execute(insert(t), rows)
    if reviews:
        conn.execute(insert(m.ReviewItem), reviews)
