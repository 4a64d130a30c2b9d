"""Applying a batch of pushed events exactly once.

One batch is one database transaction. For each event, a row keyed by the
event id goes into ``applied_events`` in that same transaction as the
event's effects (ledger entries, balances, sales, card states, change feed),
with ``INSERT ... ON CONFLICT DO NOTHING``: an id already there is a replay
and gets the first result back, unchanged; two concurrent pushes of one id
queue on the unique index and the second sees the first's row. A replay
whose payload differs from the first is refused (409): an event is immutable.

Everything that could make us refuse (authentication scope, malformed or
inconsistent numbers) is checked before the first write, so a refused batch
writes nothing. Business surprises never refuse: an overdraft or a card used
after it was blocked is applied as it happened and listed in ``review_items``.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, case, select, update
from sqlalchemy import insert as sa_insert

from pos_member.domain.cards import CardState, card_transition
from pos_member.domain.errors import CardStateChangeRefused
from pos_member.domain.ids import job_event_id
from pos_member.domain.rules import ProgrammeRules
from pos_member.headoffice import daily_totals, device_keys, notify, pin_failures, prepaid, privacy
from pos_member.headoffice import models as m
from pos_member.headoffice.books import (
    Books,
    check_approver,
    check_expiry,
    check_refund,
    tender_totals,
)
from pos_member.headoffice.bulk import bulk_insert, bulk_update, dialect_insert
from pos_member.headoffice.chain import check_chain
from pos_member.headoffice.changes import touch_many
from pos_member.headoffice.holds import SaleSpend, settle_sales
from pos_member.headoffice.review import (
    BLOCKED_STATES,
    Pusher,
    blocked_card_used,
    review_members,
    utc_key,
)
from pos_member.headoffice.validate import EventRefused, check_recharge, check_sale
from pos_member.wire.schemas import (
    CardFeePayload,
    CardPayload,
    ConsentChangedPayload,
    CountCardUsedPayload,
    CouponIssuedPayload,
    Entity,
    Event,
    EventKind,
    EventResult,
    MemberCodeUsedPayload,
    MemberPayload,
    MemberUpdatePayload,
    PayPinFailedPayload,
    PayPinPayload,
    PayPinUnlockedPayload,
    PointsAdjustedPayload,
    PointsExpiredPayload,
    RechargePayload,
    SalePayload,
    StoredValueAdjustedPayload,
    TierChangePayload,
)

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class TerminalIdentity:
    key: str
    store_id: str
    terminal_id: str
    member_id_base: int
    member_id_block: int


def payload_hash(ev: Event) -> str:
    """The hash an event id is bound to: every field of the event as the till sent it."""
    body = json.dumps(
        {
            "id": str(ev.id),
            "kind": ev.kind.value,
            "store": ev.store_id,
            "t": ev.terminal_id,
            "created_at": ev.created_at,
            "payload": ev.payload,
        },
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=False,
    )
    return hashlib.sha256(body.encode("utf-8", "surrogatepass")).hexdigest()


def legacy_payload_hash(ev: Event) -> str:
    """The hash of an event applied before ids were bound to the whole event (no time)."""
    body = json.dumps(
        {"kind": ev.kind, "payload": ev.payload, "store": ev.store_id, "t": ev.terminal_id},
        sort_keys=True,
        separators=(",", ":"),
    )
    return hashlib.sha256(body.encode()).hexdigest()


def is_chain_job_event(ev: Event) -> bool:
    """An event of a programme step every till runs, under the step's own id.

    Points expiry (its id derived from the run and the member) and tier changes
    are computed by each till on the same data: the first till's event counts,
    the same id from another till is answered as a replay of it.
    """
    if ev.kind == EventKind.MEMBER_TIER_CHANGED:
        return True
    if ev.kind == EventKind.POINTS_EXPIRED:
        p = ev.typed_payload()
        return str(ev.id) == job_event_id("expire", p.business_date, p.member_id)
    return False


REFUSED_REVIEW = "event_refused"


def record_refusal(
    conn: Connection, who: TerminalIdentity, events: Sequence[Event], exc: EventRefused, now: str
) -> None:
    """List a refused event for review with what the till sent (once per event and code).

    The push that carried it wrote nothing; this is its own transaction. The till
    sets the event aside (``SyncClient``) and its manager sees it there too.
    """
    ev = next((e for e in events if str(e.id) == exc.event_id), None)
    if ev is None:
        return
    listed = conn.execute(
        select(m.ReviewItem.id).where(
            m.ReviewItem.event_id == exc.event_id,
            m.ReviewItem.kind == REFUSED_REVIEW,
            m.ReviewItem.resolved_at.is_(None),
        )
    ).first()
    if listed is not None:
        return
    typed = ev.typed_payload()
    conn.execute(
        sa_insert(m.ReviewItem).values(
            kind=REFUSED_REVIEW,
            member_id=getattr(typed, "member_id", None),
            event_id=exc.event_id,
            store_id=who.store_id,
            detail={
                "terminal": who.terminal_id,
                "kind": ev.kind.value,
                "code": exc.code,
                "reason": exc.detail,
                "event": ev.model_dump(mode="json"),
            },
            created_at=now,
        )
    )


def load_rules(conn: Connection) -> dict[int, ProgrammeRules]:
    rows = conn.execute(select(m.RulesRow.version, m.RulesRow.document)).all()
    return {int(v): ProgrammeRules.from_dict(doc) for v, doc in rows}


def _rules_for(rules: dict[int, ProgrammeRules], version: int | None) -> ProgrammeRules:
    if not rules:
        raise EventRefused(503, "rules.missing", "head office has no programme rules yet")
    if version is None:
        return rules[max(rules)]
    if version not in rules:
        raise EventRefused(422, "rules.unknown", f"rules version {version} is not known")
    return rules[version]


RulesFor = Callable[[int | None], ProgrammeRules]


def _check_sale(kind: str, p: SalePayload, rules: RulesFor) -> None:
    check_sale(kind, p, rules(p.rules_version))


def _check_recharge(_kind: str, p: RechargePayload, rules: RulesFor) -> None:
    check_recharge(p, rules(p.rules_version))


#: The pure consistency check of each kind, run on the whole batch before anything is written.
CHECKS: dict[str, Callable[[str, Any, RulesFor], None]] = {
    EventKind.SALE: _check_sale,
    EventKind.REFUND: _check_sale,
    EventKind.RECHARGE: _check_recharge,
}


def precheck(
    conn: Connection,
    who: TerminalIdentity,
    events: Sequence[Event],
    rules: dict[int, ProgrammeRules],
) -> tuple[dict[str, Any], dict[int, _MemberState]]:
    """Refuse the whole batch (raising EventRefused) before anything is written.

    Returns the typed payloads and the batch's members, locked, with their balances.
    """
    typed: dict[str, Any] = {}
    registered: set[int] = set()
    wanted_members: set[int] = set()
    for ev in events:
        eid = str(ev.id)
        if ev.store_id != who.store_id or ev.terminal_id != who.terminal_id:
            raise EventRefused(
                403,
                "scope",
                f"event {eid} is for store {ev.store_id} terminal {ev.terminal_id}; this "
                f"terminal is {who.store_id}/{who.terminal_id}",
                eid,
            )
        p = ev.typed_payload()
        typed[eid] = p
        check = CHECKS.get(ev.kind)
        try:
            if check is not None:
                check(ev.kind, p, lambda v: _rules_for(rules, v))
        except EventRefused as exc:
            exc.event_id = eid
            exc.detail = f"event {eid}: {exc.detail}"
            raise
        if isinstance(p, MemberPayload):
            lo, hi = who.member_id_base, who.member_id_base + who.member_id_block
            if not lo <= p.member_id < hi:
                raise EventRefused(
                    403,
                    "scope.member_id",
                    f"event {eid}: member id {p.member_id} is outside this terminal's block",
                    eid,
                )
            registered.add(p.member_id)
        elif getattr(p, "member_id", None) is not None and p.member_id not in registered:
            wanted_members.add(p.member_id)
        if getattr(p, "sv_member_id", None) is not None and p.sv_member_id not in registered:
            wanted_members.add(p.sv_member_id)
    locked: dict[int, _MemberState] = {}
    if wanted_members:
        # Locked now, in id order, for the rest of the transaction: no deadlocks, and no
        # other push can move these balances between our read and our write.
        q = (
            select(
                m.MemberRow.id,
                m.MemberRow.sv_principal_fen,
                m.MemberRow.sv_bonus_fen,
                m.MemberRow.points,
                m.MemberRow.balance_version,
                m.MemberRow.sv_closed_at,
            )
            .where(m.MemberRow.id.in_(sorted(wanted_members)))
            .order_by(m.MemberRow.id)
        )
        if conn.dialect.name == "postgresql":
            q = q.with_for_update()
        for mid, bp, bb, pts, v, closed in conn.execute(q):
            locked[mid] = _MemberState(bp, bb, pts, v, closed_at=closed)
        missing = wanted_members - set(locked)
        if missing:
            raise EventRefused(
                422, "member.unknown", f"member id(s) {sorted(missing)[:5]} not known here"
            )
    return typed, locked


@dataclass
class _MemberState:
    principal: int
    bonus: int
    points: int
    version: int
    changed: bool = False
    #: The stored value's 退卡 at head office (UTC key), or None (``prepaid.closed_when``).
    closed_at: str | None = None


@dataclass
class _Batch:
    now: str
    who: TerminalIdentity
    members: dict[int, _MemberState] = field(default_factory=dict)
    sv_rows: list[dict[str, Any]] = field(default_factory=list)
    pt_rows: list[dict[str, Any]] = field(default_factory=list)
    sale_rows: list[dict[str, Any]] = field(default_factory=list)
    review_rows: list[dict[str, Any]] = field(default_factory=list)
    count_card_rows: list[dict[str, Any]] = field(default_factory=list)
    sale_spends: list[SaleSpend] = field(default_factory=list)
    touched_members: set[int] = field(default_factory=set)
    touched_coupons: set[str] = field(default_factory=set)
    sale_line_rows: list[dict[str, Any]] = field(default_factory=list)
    books: Books = field(default_factory=Books)


def apply_batch(
    conn: Connection,
    who: TerminalIdentity,
    events: Sequence[Event],
    now: str,
    rules: dict[int, ProgrammeRules],
) -> list[EventResult]:
    """Apply ``events`` in this transaction; the caller commits. Raises EventRefused."""
    typed, locked = precheck(conn, who, events, rules)
    # Within one batch the same id twice is a replay of the first occurrence.
    first: dict[str, Event] = {}
    hashes: dict[str, str] = {}
    for ev in events:
        eid = str(ev.id)
        h = payload_hash(ev)
        if eid in first:
            if hashes[eid] != h:
                raise EventRefused(
                    409, "event.changed", f"event {eid} sent twice, differently", eid
                )
            continue
        first[eid] = ev
        hashes[eid] = h
    rows = [
        {
            "event_id": eid,
            "terminal_key": who.key,
            "store_id": who.store_id,
            "kind": ev.kind,
            "payload_hash": hashes[eid],
            "payload": ev.payload,
            "received_at": now,
        }
        for eid, ev in first.items()
    ]
    # The exactly-once guard: only the ids this statement inserted are applied below.
    new_ids = set(
        bulk_insert(conn, m.AppliedEvent, rows, returning="event_id", on_conflict="event_id")
    )
    results: dict[str, EventResult] = {}
    old_ids = [eid for eid in first if eid not in new_ids]
    if old_ids:
        stored = conn.execute(
            select(
                m.AppliedEvent.event_id,
                m.AppliedEvent.payload_hash,
                m.AppliedEvent.terminal_key,
                m.AppliedEvent.result,
                m.AppliedEvent.kind,
            ).where(m.AppliedEvent.event_id.in_(old_ids))
        ).all()
        for eid, h, key, res, kind in stored:
            ev = first[eid]
            if key != who.key:
                if kind == ev.kind and is_chain_job_event(ev):
                    results[eid] = EventResult.model_validate({**res, "replayed": True})
                    continue
                raise EventRefused(
                    409,
                    "event.other_terminal",
                    f"event {eid} was pushed before by another terminal",
                    eid,
                )
            if h != hashes[eid] and h != legacy_payload_hash(ev):
                raise EventRefused(
                    409, "event.changed", f"event {eid} was applied before with other content", eid
                )
            results[eid] = EventResult.model_validate({**res, "replayed": True})
    check_chain(conn, who, list(first.values()), now)  # gaps and forks go to review
    todo = [first[eid] for eid in first if eid in new_ids]
    if todo:
        fresh, batch = _apply_new(conn, who, todo, typed, now, locked, rules)
        bulk_update(
            conn,
            "applied_events",
            "event_id",
            [
                {"event_id": eid, "result": r.model_dump(mode="json", exclude={"replayed"})}
                for eid, r in fresh.items()
            ],
        )
        results.update(fresh)
        _queue_notifications(conn, batch, todo, typed)
        # Last: the change clock stays locked from here to the commit (see changes.py).
        touch_many(
            conn, {Entity.MEMBER: batch.touched_members, Entity.COUPON: batch.touched_coupons}
        )
    return [results[str(ev.id)] for ev in events]


def _queue_notifications(
    conn: Connection, batch: _Batch, events: list[Event], typed: dict[str, Any]
) -> None:
    """The members' SMS for what this batch applied, in its transaction (``notify``)."""
    blocked = []
    for ev in events:
        if ev.kind == EventKind.CARD_LOST:
            number = typed[str(ev.id)].card_number
            mid = conn.execute(
                select(m.CardRow.member_id).where(m.CardRow.number == number)
            ).scalar_one_or_none()
            if mid is not None:
                blocked.append((str(ev.id), mid, number))
    final = {mid: (s.principal, s.bonus, s.points) for mid, s in batch.members.items()}
    notify.queue_for_batch(conn, batch.now, batch.sv_rows, batch.pt_rows, final, blocked)


def _lock_members(conn: Connection, batch: _Batch, ids: set[int]) -> None:
    need = sorted(i for i in ids if i not in batch.members)
    if not need:
        return
    q = (
        select(
            m.MemberRow.id,
            m.MemberRow.sv_principal_fen,
            m.MemberRow.sv_bonus_fen,
            m.MemberRow.points,
            m.MemberRow.balance_version,
            m.MemberRow.sv_closed_at,
        )
        .where(m.MemberRow.id.in_(need))
        .order_by(m.MemberRow.id)
    )
    if conn.dialect.name == "postgresql":
        q = q.with_for_update()
    for mid, p, b, pts, v, closed in conn.execute(q):
        batch.members[mid] = _MemberState(p, b, pts, v, closed_at=closed)


def _apply_new(
    conn: Connection,
    who: TerminalIdentity,
    events: list[Event],
    typed: dict[str, Any],
    now: str,
    locked: dict[int, _MemberState],
    rules: dict[int, ProgrammeRules],
) -> tuple[dict[str, EventResult], _Batch]:
    batch = _Batch(now=now, who=who, members=dict(locked))
    batch.books.rules = rules[max(rules)] if rules else None
    # Lock every member the batch touches up front, in id order (no deadlocks).
    _lock_members(
        conn,
        batch,
        {
            p.member_id
            for p in typed.values()
            if getattr(p, "member_id", None) is not None and not isinstance(p, MemberPayload)
        }
        | {p.sv_member_id for p in typed.values() if getattr(p, "sv_member_id", None)},
    )
    flags: dict[str, list[str]] = {}
    balances: dict[str, list[dict[str, int]]] = {}
    for ev in events:
        eid = str(ev.id)
        p = typed[eid]
        flags[eid] = []
        try:
            HANDLERS[ev.kind](conn, batch, ev, p, flags[eid])
            privacy.record_real_name_consent(
                conn, p, f"{batch.who.store_id}-{batch.who.terminal_id}"
            )
        except EventRefused as exc:
            exc.event_id = eid
            exc.detail = f"event {eid}: {exc.detail}"
            raise
        mid = getattr(p, "member_id", None)
        balances[eid] = []
        if mid is not None and mid in batch.members:
            balances[eid].append({"member_id": mid, "version": batch.members[mid].version})
        for f in flags[eid]:
            batch.review_rows.append(
                {
                    "kind": f,
                    "member_id": mid,
                    "event_id": eid,
                    "store_id": who.store_id,
                    "detail": {"terminal": who.terminal_id, "kind": ev.kind},
                    "created_at": now,
                }
            )
    _flush(conn, batch)
    # Overdrafts in event time, once the batch's entries are in (review.py).
    for eid, kinds in _review(conn, batch).items():
        if eid in flags:
            flags[eid].extend(kinds)
    out = {
        str(ev.id): EventResult.model_validate(
            {
                "id": ev.id,
                "status": "applied",
                "balances": balances[str(ev.id)],
                "flags": flags[str(ev.id)],
            }
        )
        for ev in events
    }
    return out, batch


def _review(conn: Connection, batch: _Batch) -> dict[str, list[str]]:
    """Replay the ledgers this batch moved, each from its earliest event here."""
    since: dict[str, dict[int, str]] = {"sv": {}, "pt": {}}
    for ledger, rows in (("sv", batch.sv_rows), ("pt", batch.pt_rows)):
        cut = since[ledger]
        for r in rows:
            mid, at = r["member_id"], r["event_at"]
            if mid not in cut or at < cut[mid]:
                cut[mid] = at
    balances: dict[tuple[str, int], int] = {}
    for mid in since["sv"]:
        st = batch.members[mid]
        balances[("sv", mid)] = st.principal + st.bonus
    for mid in since["pt"]:
        balances[("pt", mid)] = batch.members[mid].points
    pusher = Pusher(batch.who.store_id, batch.who.terminal_id, batch.now)
    new_events = {r["event_id"] for r in batch.sv_rows} | {r["event_id"] for r in batch.pt_rows}
    return review_members(conn, pusher, since, balances, new_events)


def _move(
    batch: _Batch,
    ev: Event,
    mid: int,
    principal: int,
    bonus: int,
    points: int,
    kind: str,
    business_date: str,
) -> None:
    """Move the member's ledgers; whether that overdrew them is judged later, in event
    time, by ``review.py``."""
    st = batch.members[mid]
    if not (principal or bonus or points):
        return
    eid = str(ev.id)
    event_at = utc_key(ev.created_at)
    if principal or bonus:
        st.principal += principal
        st.bonus += bonus
        batch.sv_rows.append(
            {
                "event_id": eid,
                "member_id": mid,
                "kind": kind,
                "principal_delta_fen": principal,
                "bonus_delta_fen": bonus,
                "store_id": batch.who.store_id,
                "terminal_id": batch.who.terminal_id,
                "business_date": business_date,
                "created_at": ev.created_at,
                "event_at": event_at,
            }
        )
    if points:
        st.points += points
        batch.pt_rows.append(
            {
                "event_id": eid,
                "member_id": mid,
                "kind": kind,
                "delta": points,
                "store_id": batch.who.store_id,
                "terminal_id": batch.who.terminal_id,
                "created_at": ev.created_at,
                "event_at": event_at,
                "lot_id": None,
            }
        )
    st.version += 1
    st.changed = True
    batch.touched_members.add(mid)


def _sale_facts(p: SalePayload | None) -> dict[str, Any]:
    """The columns every ``sales`` row has (the sale's own facts, or none)."""
    if p is None:
        return {"tenders": None, "sv_principal_fen": 0, "sv_bonus_fen": 0, "points_earned": 0,
                "points_redeemed": 0, "id_method": None}  # fmt: skip
    return {
        "id_method": p.id_method,
        "tenders": tender_totals(p),
        "sv_principal_fen": p.sv_principal_fen,
        "sv_bonus_fen": p.sv_bonus_fen,
        "points_earned": p.points_earned,
        "points_redeemed": p.points_redeemed,
    }


def _sale(conn: Connection, batch: _Batch, ev: Event, p: SalePayload, flags: list[str]) -> None:
    if ev.kind == EventKind.REFUND:
        check_refund(conn, batch.books, p)
    else:
        batch.books.sale_recorded(p)
    batch.sale_line_rows.extend(
        {
            "sale_id": p.sale_id,
            "line_no": ln.line_no,
            "product_code": ln.product_code,
            "units": ln.units,
            "net_fen": ln.net_fen,
            "points_earned": ln.points_earned,
            "points_paid": ln.points_paid,
        }
        for ln in p.lines
    )
    if p.card_number:
        card = conn.execute(
            select(m.CardRow.state, m.CardRow.blocked_at).where(m.CardRow.number == p.card_number)
        ).first()
        if card is not None and blocked_card_used(
            card.state, card.blocked_at, utc_key(ev.created_at)
        ):
            flags.append("blocked_card_used")
    if p.member_id is not None:
        # A refund's stored value to a card in the member's name (its own cap passed).
        sv_mid = p.sv_member_id if p.sv_member_id is not None else p.member_id
        prepaid.review_sale(batch.members[sv_mid], ev, p.sv_principal_fen + p.sv_bonus_fen,
                            flags)  # fmt: skip
        kind = "refund" if ev.kind == EventKind.REFUND else "spend"
        points = p.points_earned - p.points_redeemed
        if sv_mid == p.member_id:
            _move(batch, ev, p.member_id, p.sv_principal_fen, p.sv_bonus_fen, points, kind,
                  p.business_date)  # fmt: skip
        else:
            _move(batch, ev, sv_mid, p.sv_principal_fen, p.sv_bonus_fen, 0, kind,
                  p.business_date)  # fmt: skip
            _move(batch, ev, p.member_id, 0, 0, points, kind, p.business_date)
            prepaid.review_refund_to_card(conn, batch.members[sv_mid], sv_mid, p, flags)
        # Holds exist for sales that name one, and for offline sales whose hold request
        # was placed but not answered in time (released here).
        spent_sv, spent_pts = -(p.sv_principal_fen + p.sv_bonus_fen), p.points_redeemed
        spent = spent_sv > 0 or spent_pts > 0
        if ev.kind == EventKind.SALE and (p.hold_id or (p.offline and spent)):
            batch.sale_spends.append(
                SaleSpend(str(ev.id), p.sale_id, p.member_id, p.hold_id, spent_sv, spent_pts)
            )
    batch.sale_rows.append(
        {
            "id": p.sale_id,
            "event_id": str(ev.id),
            "kind": "refund" if ev.kind == EventKind.REFUND else "sale",
            "store_id": batch.who.store_id,
            "terminal_id": batch.who.terminal_id,
            "receipt_no": p.receipt_no,
            "member_id": p.member_id,
            "card_number": p.card_number,
            "business_date": p.business_date,
            "total_fen": p.total_fen,
            "offline": p.offline,
            "original_sale_id": p.original_sale_id,
            **_sale_facts(p),
        }
    )
    if p.coupon_codes and ev.kind == EventKind.SALE:
        for code, used in conn.execute(
            select(m.CouponRow.code, m.CouponRow.used_by_sale).where(
                m.CouponRow.code.in_(p.coupon_codes)
            )
        ):
            if used is not None and used != p.sale_id:
                flags.append("coupon_reused")
                continue
            conn.execute(
                update(m.CouponRow)
                .where(m.CouponRow.code == code)
                .values(used_by_sale=p.sale_id, used_at_store=batch.who.store_id)
            )
            batch.touched_coupons.add(code)
    if p.coupon_codes and ev.kind == EventKind.REFUND and p.original_sale_id:
        # Given back by a whole refund: free again, unless another sale has used it since.
        done = conn.execute(
            update(m.CouponRow)
            .where(
                m.CouponRow.code.in_(p.coupon_codes),
                m.CouponRow.used_by_sale == p.original_sale_id,
            )
            .values(used_by_sale=None, used_at_store=None)
            .returning(m.CouponRow.code)
        )
        batch.touched_coupons.update(code for (code,) in done)


def _recharge(batch: _Batch, ev: Event, p: RechargePayload) -> None:
    _move(batch, ev, p.member_id, p.amount_fen, p.bonus_fen, 0, "recharge", p.business_date)
    batch.sale_rows.append(
        {
            "id": str(ev.id),
            "event_id": str(ev.id),
            "kind": "recharge",
            "store_id": batch.who.store_id,
            "terminal_id": batch.who.terminal_id,
            "receipt_no": p.receipt_no or ev.id.hex,
            "member_id": p.member_id,
            "card_number": p.card_number,
            "business_date": p.business_date,
            "total_fen": p.amount_fen,
            "offline": p.offline,
            "original_sale_id": None,
            **_sale_facts(None),
        }
    )


def _card_fee(batch: _Batch, ev: Event, p: CardFeePayload) -> None:
    """A card fee is takings of the store (cash or external), never a member ledger move."""
    batch.sale_rows.append(
        {
            "id": str(ev.id),
            "event_id": str(ev.id),
            "kind": "card_fee",
            "store_id": batch.who.store_id,
            "terminal_id": batch.who.terminal_id,
            "receipt_no": ev.id.hex,
            "member_id": p.member_id,
            "card_number": p.card_number,
            "business_date": p.business_date,
            "total_fen": p.amount_fen,
            "offline": False,
            "original_sale_id": None,
            **_sale_facts(None),
        }
    )


def _count_card_used(batch: _Batch, ev: Event, p: CountCardUsedPayload) -> None:
    batch.count_card_rows.append(
        {
            "event_id": str(ev.id),
            "store_id": batch.who.store_id,
            "terminal_id": batch.who.terminal_id,
            "count_card_id": p.count_card_id,
            "member_id": p.member_id,
            "uses": p.uses,
            "created_at": ev.created_at,
        }
    )


def _member_registered(
    conn: Connection, batch: _Batch, ev: Event, p: MemberPayload, flags: list[str]
) -> None:
    phone = p.phone
    if phone is not None:
        other = conn.execute(
            select(m.MemberRow.id).where(m.MemberRow.phone == phone)
        ).scalar_one_or_none()
        if other is not None and other != p.member_id:
            # Registered at two stores offline: keep both, let a manager merge them.
            flags.append("phone_conflict")
            phone = None
    exists = conn.execute(
        select(m.MemberRow.id).where(m.MemberRow.id == p.member_id)
    ).scalar_one_or_none()
    if exists is None:
        tier = conn.execute(
            select(m.TierRow.code).where(m.TierRow.code == p.tier_code)
        ).scalar_one_or_none()
        if tier is None:
            flags.append("unknown_tier")
            tier = conn.execute(
                select(m.TierRow.code).order_by(m.TierRow.rank).limit(1)
            ).scalar_one()
        conn.execute(
            dialect_insert(conn)(m.MemberRow).values(
                id=p.member_id,
                name=p.name,
                phone=phone,
                birthday=p.birthday,
                pay_pin_hash=p.pay_pin_hash,
                gender=p.gender,
                consent_at=p.consent_at,
                consent_version=p.consent_version,
                tier_code=tier,
                joined_on=p.joined_on,
                status="active",
                sv_principal_fen=0,
                sv_bonus_fen=0,
                points=0,
                balance_version=0,
                updated_at=batch.now,
            )
        )
        if p.consent_at:  # the registration's consent: the member's 'membership' record
            conn.execute(
                sa_insert(m.MemberConsentLog).values(
                    member_id=p.member_id, purpose="membership", granted=True,
                    version=p.consent_version or "unknown", at=p.consent_at, channel="till",
                    taken_by=f"{batch.who.store_id}-{batch.who.terminal_id}",
                )
            )  # fmt: skip
    else:
        flags.append("member_conflict")
    batch.members.setdefault(p.member_id, _MemberState(0, 0, 0, 0))
    batch.touched_members.add(p.member_id)
    if p.card_number:
        _ensure_card(
            conn,
            batch,
            p.card_number,
            p.card_uid,
            p.card_kind,
            p.member_id,
            p.joined_on,
            flags,
            expires_on=p.card_expires_on,
            card_class=p.card_class,
        )


def _ensure_card(
    conn: Connection,
    batch: _Batch,
    number: str,
    uid: str | None,
    kind: str,
    member_id: int,
    issued_on: str,
    flags: list[str],
    secure_counter: int | None = None,
    *,
    expires_on: str | None = None,
    card_class: str | None = None,
) -> None:
    """The member's card ``number`` active at head office (a card of another member is flagged).

    ``expires_on``: an anonymous card's expiry (printed on its face), kept on a new card.

    ``secure_counter`` (a secure-mode card's issuance counter) raises the card's
    highest counter, never lowers it: a counter pushed late by another till is no error.
    """
    row = conn.execute(
        select(m.CardRow.id, m.CardRow.state, m.CardRow.member_id).where(m.CardRow.number == number)
    ).first()
    if row is None:
        if (
            uid is not None
            and conn.execute(select(m.CardRow.id).where(m.CardRow.uid == uid)).first()
        ):
            flags.append("card_uid_conflict")
            uid = None
        conn.execute(
            dialect_insert(conn)(m.CardRow).values(
                number=number,
                uid=uid,
                kind=kind,
                state=CardState.ACTIVE.value,
                member_id=member_id,
                issued_on=issued_on,
                expires_on=expires_on,
                secure_counter=secure_counter,
                card_class=str(card_class or "named"),
            )
        )
    elif row.state == CardState.STOCK.value:
        conn.execute(
            update(m.CardRow)
            .where(m.CardRow.id == row.id)
            .values(state=CardState.ACTIVE.value, member_id=member_id, issued_on=issued_on)
        )
        _raise_secure_counter(conn, row.id, secure_counter)
    elif row.member_id != member_id:
        flags.append("card_conflict")
    else:
        _raise_secure_counter(conn, row.id, secure_counter)
    batch.touched_members.add(member_id)


def _raise_secure_counter(conn: Connection, card_id: int, counter: int | None) -> None:
    """Keep the highest issuance counter of the card (one statement: the row lock orders it)."""
    if counter is None:
        return
    col = m.CardRow.secure_counter
    conn.execute(
        update(m.CardRow)
        .where(m.CardRow.id == card_id)
        .values(secure_counter=case((col.is_(None) | (col < counter), counter), else_=col))
    )


def _card_issued(
    conn: Connection, batch: _Batch, ev: Event, p: CardPayload, flags: list[str]
) -> None:
    if p.member_id is None:
        flags.append("card_without_member")
        return
    _ensure_card(
        conn,
        batch,
        p.card_number,
        p.new_card_uid,
        p.card_kind,
        p.member_id,
        ev.created_at[:10],
        flags,
        p.secure_counter,
    )


def _card(conn: Connection, batch: _Batch, ev: Event, p: CardPayload, flags: list[str]) -> None:
    """A card reported lost, found or replaced at a counter."""
    row = conn.execute(
        select(m.CardRow.id, m.CardRow.state, m.CardRow.member_id).where(
            m.CardRow.number == p.card_number
        )
    ).first()
    if row is None:
        flags.append("card_unknown")
        return
    action = {
        EventKind.CARD_LOST: "report_lost",
        EventKind.CARD_FOUND: "found",
        EventKind.CARD_REPLACED: "replace",
    }[EventKind(ev.kind)]
    try:
        new_state = card_transition(CardState(row.state), action)
    except CardStateChangeRefused:
        # Already done elsewhere (lost at head office and at the counter): keep the newer state.
        flags.append("card_state_conflict")
        return
    # When it was blocked, in event time (None again once found): sales after it are flagged.
    blocked = new_state.value in BLOCKED_STATES
    values: dict[str, Any] = {
        "state": new_state.value,
        "blocked_at": utc_key(ev.created_at) if blocked else None,
    }
    if ev.kind == EventKind.CARD_REPLACED and p.new_card_number:
        values["replaced_by_number"] = p.new_card_number
    conn.execute(update(m.CardRow).where(m.CardRow.id == row.id).values(**values))
    if row.member_id is not None:
        batch.touched_members.add(row.member_id)
        if ev.kind == EventKind.CARD_REPLACED and p.new_card_number:
            _ensure_card(
                conn,
                batch,
                p.new_card_number,
                p.new_card_uid,
                p.card_kind,
                row.member_id,
                ev.created_at[:10],
                flags,
                p.secure_counter,
                expires_on=p.card_expires_on,
                card_class=p.card_class,
            )


def _update_member(conn: Connection, batch: _Batch, member_id: int, values: dict[str, Any]) -> None:
    """A change made at a counter to the member's row (the newest edit wins)."""
    if values:
        conn.execute(
            update(m.MemberRow)
            .where(m.MemberRow.id == member_id)
            .values(**values, updated_at=batch.now)
        )
        batch.touched_members.add(member_id)


def _coupon_issued(
    conn: Connection, batch: _Batch, p: CouponIssuedPayload, flags: list[str]
) -> None:
    existing = conn.execute(select(m.CouponRow.member_id).where(m.CouponRow.code == p.code)).first()
    if existing is not None:
        if existing.member_id != p.member_id:
            flags.append("coupon_conflict")
        return
    conn.execute(sa_insert(m.CouponRow).values(**p.model_dump()))
    batch.touched_coupons.add(p.code)


# --- the handler of each event kind -----------------------------------------------------

Handler = Callable[[Connection, _Batch, Event, Any, list[str]], None]


def _h_points_expired(
    conn: Connection, batch: _Batch, ev: Event, p: PointsExpiredPayload, flags: list[str]
) -> None:
    st = batch.members[p.member_id]
    check_expiry(conn, batch.books, p, st.points)
    _move(batch, ev, p.member_id, 0, 0, p.delta, "expire", p.business_date)
    if batch.pt_rows and batch.pt_rows[-1]["event_id"] == str(ev.id):
        # One entry per lot, each naming its lot (a later expiry is checked against them).
        row = batch.pt_rows.pop()
        batch.pt_rows.extend(
            {**row, "delta": lot.delta, "lot_id": lot.lot_id} for lot in p.lots if lot.delta
        )


def _h_points_adjusted(
    conn: Connection, batch: _Batch, ev: Event, p: PointsAdjustedPayload, flags: list[str]
) -> None:
    check_approver(conn, batch.books, p.approved_by, points=p.delta)
    _move(batch, ev, p.member_id, 0, 0, p.delta, "adjust", p.business_date)


def _h_sv_adjusted(
    conn: Connection, batch: _Batch, ev: Event, p: StoredValueAdjustedPayload, flags: list[str]
) -> None:
    check_approver(conn, batch.books, p.approved_by, sv_fen=abs(p.principal_fen) + abs(p.bonus_fen))
    _move(batch, ev, p.member_id, p.principal_fen, p.bonus_fen, 0, "adjust", p.business_date)


def _h_pay_pin(
    conn: Connection, batch: _Batch, ev: Event, p: PayPinPayload, _flags: list[str]
) -> None:
    if privacy.is_closed(conn, p.member_id):
        _flags.append("member_closed")
        return
    conn.execute(
        update(m.MemberRow)
        .where(m.MemberRow.id == p.member_id)
        .values(pay_pin_hash=p.pay_pin_hash, updated_at=batch.now)
    )
    if p.clears_lock:  # a manager's reset: the new PIN ends the lock everywhere
        pin_failures.clear_lock(conn, batch, p.member_id, p.created_at or batch.now)
    batch.touched_members.add(p.member_id)


def _h_pay_pin_unlocked(
    conn: Connection, batch: _Batch, _ev: Event, p: PayPinUnlockedPayload, _flags: list[str]
) -> None:
    pin_failures.clear_lock(conn, batch, p.member_id, p.unlocked_at)


def _h_pay_pin_failed(
    conn: Connection, batch: _Batch, ev: Event, p: PayPinFailedPayload, _flags: list[str]
) -> None:
    pin_failures.record_failure(conn, batch, ev, p)


def _h_recharge(
    conn: Connection, batch: _Batch, ev: Event, p: RechargePayload, flags: list[str]
) -> None:
    _recharge(batch, ev, p)
    prepaid.review_recharge(conn, batch.members[p.member_id], ev, p, flags)


def _h_card_fee(
    _conn: Connection, batch: _Batch, ev: Event, p: CardFeePayload, _flags: list[str]
) -> None:
    _card_fee(batch, ev, p)


def _h_count_card_used(
    _conn: Connection, batch: _Batch, ev: Event, p: CountCardUsedPayload, _flags: list[str]
) -> None:
    _count_card_used(batch, ev, p)


def _h_tier_changed(
    conn: Connection, batch: _Batch, _ev: Event, p: TierChangePayload, flags: list[str]
) -> None:
    known = conn.execute(select(m.TierRow.code).where(m.TierRow.code == p.to)).first()
    if known is None:
        flags.append("unknown_tier")
        return
    _update_member(conn, batch, p.member_id, {"tier_code": p.to})


def _h_member_updated(
    conn: Connection, batch: _Batch, _ev: Event, p: MemberUpdatePayload, flags: list[str]
) -> None:
    if privacy.is_closed(conn, p.member_id):  # an offline till's edit after the closure
        flags.append("member_closed")
        return
    values: dict[str, Any] = {
        key: getattr(p, key) for key in ("name", "birthday") if getattr(p, key) is not None
    }
    if p.phone is not None:
        other = conn.execute(
            select(m.MemberRow.id).where(m.MemberRow.phone == p.phone)
        ).scalar_one_or_none()
        if other is not None and other != p.member_id:
            flags.append("phone_conflict")
        else:
            values["phone"] = p.phone
    _update_member(conn, batch, p.member_id, values)


def _h_coupon_issued(
    conn: Connection, batch: _Batch, _ev: Event, p: CouponIssuedPayload, flags: list[str]
) -> None:
    _coupon_issued(conn, batch, p, flags)


def _h_member_code_used(
    conn: Connection, batch: _Batch, ev: Event, p: MemberCodeUsedPayload, _flags: list[str]
) -> None:
    batch.review_rows.extend(
        device_keys.record_code_use(
            conn, batch.who.store_id, batch.who.terminal_id, str(ev.id), p, batch.now
        )
    )


def _h_consent_changed(
    conn: Connection, batch: _Batch, _ev: Event, p: ConsentChangedPayload, _flags: list[str]
) -> None:
    """A consent given or withdrawn at a till: head office's consent log takes it as the
    console's or the member page's would (a marketing withdrawal stops queued campaigns)."""
    privacy.record_consent(
        conn,
        p.member_id,
        p.purpose,
        p.granted,
        version=p.text_version,
        channel=p.channel if p.channel in privacy.CHANNELS else "till",
        taken_by=f"{batch.who.store_id}/{batch.who.terminal_id}",
        now=datetime.fromisoformat(p.at),
    )


#: What applying each event kind does (cosmicpython's handler table): one entry per kind.
HANDLERS: dict[EventKind, Handler] = {
    EventKind.SALE: _sale,
    EventKind.REFUND: _sale,
    EventKind.RECHARGE: _h_recharge,
    EventKind.MEMBER_REGISTERED: _member_registered,
    EventKind.CARD_ISSUED: _card_issued,
    EventKind.CARD_LOST: _card,
    EventKind.CARD_FOUND: _card,
    EventKind.CARD_REPLACED: _card,
    EventKind.MEMBER_TIER_CHANGED: _h_tier_changed,
    EventKind.MEMBER_UPDATED: _h_member_updated,
    EventKind.COUPON_ISSUED: _h_coupon_issued,
    EventKind.POINTS_EXPIRED: _h_points_expired,
    EventKind.POINTS_ADJUSTED: _h_points_adjusted,
    EventKind.SV_ADJUSTED: _h_sv_adjusted,
    EventKind.PAY_PIN_SET: _h_pay_pin,
    EventKind.PAY_PIN_FAILED: _h_pay_pin_failed,
    EventKind.PAY_PIN_UNLOCKED: _h_pay_pin_unlocked,
    EventKind.CARD_FEE: _h_card_fee,
    EventKind.COUNT_CARD_USED: _h_count_card_used,
    EventKind.MEMBER_CODE_USED: _h_member_code_used,
    **prepaid.handlers(_move),  # recharge.reversed, card.closed
    # Kept as it was (its payload in applied_events), no effect on the books.
    EventKind.SHIFT_CLOSED: lambda *_args: None,
    EventKind.CONSENT_CHANGED: _h_consent_changed,
}


def _check_sales_unique(conn: Connection, batch: _Batch) -> None:
    """A sale id is the chain's, a receipt number its terminal's: a second one is a conflict.

    Never a dropped row: the event that reuses one is refused (409) and listed for review.
    """
    if not batch.sale_rows:
        return
    ids: dict[str, str] = {}
    receipts: dict[str, str] = {}
    for r in batch.sale_rows:
        if r["id"] in ids:
            raise EventRefused(409, "sale.id_taken", f"sale id {r['id']} is used twice",
                               r["event_id"])  # fmt: skip
        ids[r["id"]] = r["event_id"]
        if r["receipt_no"] in receipts:
            raise EventRefused(
                409, "receipt.taken", f"receipt {r['receipt_no']} is used twice", r["event_id"]
            )
        receipts[r["receipt_no"]] = r["event_id"]
    taken = conn.execute(select(m.SaleRow.id).where(m.SaleRow.id.in_(list(ids)))).first()
    if taken is not None:
        raise EventRefused(
            409, "sale.id_taken", f"head office has a sale {taken[0]} already", ids[taken[0]]
        )
    dup = conn.execute(
        select(m.SaleRow.receipt_no).where(
            m.SaleRow.store_id == batch.who.store_id,
            m.SaleRow.terminal_id == batch.who.terminal_id,
            m.SaleRow.receipt_no.in_(list(receipts)),
        )
    ).first()
    if dup is not None:
        raise EventRefused(
            409,
            "receipt.taken",
            f"this terminal's receipt {dup[0]} is at head office already",
            receipts[dup[0]],
        )


def _flush(conn: Connection, batch: _Batch) -> None:
    _check_sales_unique(conn, batch)
    for spend, flag in settle_sales(conn, batch.who.key, batch.sale_spends, batch.now):
        batch.review_rows.append(
            {
                "kind": flag,
                "member_id": spend.member_id,
                "event_id": spend.event_id,
                "store_id": batch.who.store_id,
                "detail": {"terminal": batch.who.terminal_id, "hold_id": spend.hold_id},
                "created_at": batch.now,
            }
        )
    bulk_insert(conn, m.SaleRow, batch.sale_rows)
    bulk_insert(conn, m.SaleLineRow, batch.sale_line_rows)
    bulk_insert(conn, m.SVEntryRow, batch.sv_rows)
    bulk_insert(conn, m.PointsEntryRow, batch.pt_rows)
    daily_totals.record(conn, batch.sale_rows, batch.sv_rows)  # the dashboard's sums
    bulk_insert(conn, m.ReviewItem, batch.review_rows)
    bulk_insert(conn, m.CountCardUseRow, batch.count_card_rows)
    bulk_update(
        conn,
        "members",
        "id",
        [
            {
                "id": mid,
                "sv_principal_fen": s.principal,
                "sv_bonus_fen": s.bonus,
                "points": s.points,
                "balance_version": s.version,
                "updated_at": batch.now,
            }
            for mid, s in sorted(batch.members.items())
            if s.changed
        ],
    )
