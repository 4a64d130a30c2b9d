"""Notifications to members' phones: queued in head office's outbox, sent by a worker.

``queue_for_batch`` runs inside the transaction that applies a push (``push.apply_batch``),
after the events' effects: one message per (event, member) for a stored-value or points
move (recharge, payment, refund, adjustment, expiry) and one per card blocked. The
outbox's unique ``dedupe_key`` makes it exactly once (a replayed push applies nothing
and queues nothing; a second insert of a key does nothing). Balance messages go unless
the member opted out (``member_prefs.balance_sms``); marketing only with the member's
marketing consent (``queue_marketing``, ``queue_campaign``), asked again just before
each message is sent: a withdrawal stops what a campaign queued (``privacy``).

``send_due`` is the worker's step: due rows are taken ``FOR UPDATE SKIP LOCKED`` (two
workers never send one message twice), sent through the gateway, marked sent, or put
back with an exponential backoff; after ``MAX_ATTEMPTS`` a row is ``failed``. The push
never waits for it.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable, Mapping
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import Connection, select, update

from pos_member.headoffice import models as m
from pos_member.headoffice import privacy
from pos_member.headoffice.bulk import dialect_insert
from pos_member.headoffice.sms import Sms, SmsGateway, SmsUnavailable

TESTED_IN = "tests/headoffice/member/test_member_notify.py"

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 12
BACKOFF_S = 15.0
BACKOFF_MAX_S = 3600.0


def _iso(t: datetime) -> str:
    return t.isoformat(timespec="microseconds")


def _yuan(fen: int) -> str:
    sign = "-" if fen < 0 else ""
    return f"{sign}{abs(fen) // 100}.{abs(fen) % 100:02d}"


def _signed_yuan(fen: int) -> str:
    return ("+" if fen > 0 else "") + _yuan(fen)


def _recipients(conn: Connection, ids: Iterable[int]) -> dict[int, str]:
    """Members who have a phone and have not opted out of balance messages."""
    want = sorted(set(ids))
    if not want:
        return {}
    rows = conn.execute(
        select(m.MemberRow.id, m.MemberRow.phone, m.MemberPrefs.balance_sms)
        .outerjoin(m.MemberPrefs, m.MemberPrefs.member_id == m.MemberRow.id)
        .where(m.MemberRow.id.in_(want))
    ).all()
    return {mid: phone for mid, phone, on in rows if phone and on is not False}


def _insert(conn: Connection, rows: list[dict[str, Any]]) -> None:
    if rows:
        stmt = dialect_insert(conn)(m.NotificationRow).values(rows)
        conn.execute(stmt.on_conflict_do_nothing(index_elements=["dedupe_key"]))


def queue_for_batch(
    conn: Connection,
    now: str,
    sv_rows: list[dict[str, Any]],
    pt_rows: list[dict[str, Any]],
    final: Mapping[int, tuple[int, int, int]],
    blocked_cards: list[tuple[str, int, str]],
) -> None:
    """Queue the messages of a batch just applied: ``sv_rows``/``pt_rows`` its ledger
    entries in order, ``final`` each member's (principal, bonus, points) after it,
    ``blocked_cards`` (event id, member id, card number) of cards reported lost."""
    moves: dict[tuple[str, int], dict[str, Any]] = {}
    for r in sv_rows:
        key = (r["event_id"], r["member_id"])
        mv = moves.setdefault(key, {"kind": r["kind"], "sv": 0, "pts": 0})
        mv["sv"] += r["principal_delta_fen"] + r["bonus_delta_fen"]
    for r in pt_rows:
        key = (r["event_id"], r["member_id"])
        mv = moves.setdefault(key, {"kind": r["kind"], "sv": 0, "pts": 0})
        mv["pts"] += r["delta"]
    who = _recipients(conn, [k[1] for k in moves] + [c[1] for c in blocked_cards])
    # Balances after each event: the batch's final balance less the moves after it.
    after: dict[tuple[str, int], tuple[int, int]] = {}
    running = {mid: (p + b, pts) for mid, (p, b, pts) in final.items()}
    for key in reversed(list(moves)):
        mid = key[1]
        sv, pts = running.get(mid, (0, 0))
        after[key] = (sv, pts)
        running[mid] = (sv - moves[key]["sv"], pts - moves[key]["pts"])
    rows = []
    for (eid, mid), mv in moves.items():
        if mid not in who or not (mv["sv"] or mv["pts"]):
            continue
        kind = {"recharge": "recharge", "spend": "payment", "refund": "refund"}.get(
            mv["kind"], "points" if not mv["sv"] else "balance"
        )
        sv_after, pts_after = after[(eid, mid)]
        params = {
            "sv": _signed_yuan(mv["sv"]) if mv["sv"] else "",
            "sv_after": _yuan(sv_after),
            "points": f"{mv['pts']:+d}" if mv["pts"] else "",
            "points_after": str(pts_after),
        }
        rows.append(_row(f"ev:{eid}:{mid}", mid, who[mid], kind, params, now))
    for eid, mid, number in blocked_cards:
        if mid in who:
            tail = number[-4:]
            rows.append(
                _row(f"card:{eid}:{mid}", mid, who[mid], "card_blocked", {"card": tail}, now)
            )
    _insert(conn, rows)


def _row(key: str, mid: int, phone: str, kind: str, params: dict[str, str], now: str
         ) -> dict[str, Any]:  # fmt: skip
    return {"dedupe_key": key[:96], "member_id": mid, "phone": phone, "kind": kind,
            "params": params, "state": "pending", "attempts": 0, "next_at": now,
            "created_at": now, "sent_at": None, "last_error": None}  # fmt: skip


def queue_card_blocked(conn: Connection, key: str, member_id: int, number: str, now: str) -> None:
    """A card blocked at head office (console or API): one message per block."""
    who = _recipients(conn, [member_id])
    if member_id in who:
        _insert(conn, [_row(f"card:{key}:{member_id}", member_id, who[member_id],
                            "card_blocked", {"card": number[-4:]}, now)])  # fmt: skip


def queue_marketing(
    conn: Connection, key: str, member_id: int, text: str, now: str, at: str | None = None
) -> bool:
    """A marketing message, only to a member who may receive it now
    (``privacy.marketing_allowed``: marketing consent, open membership, a guardian's
    consent for a child); whether queued. ``at``: not sent before then (a scheduled
    campaign; consent is asked again when it goes)."""
    if not privacy.marketing_allowed(conn, member_id, date.fromisoformat(now[:10])):
        return False
    phone = conn.execute(select(m.MemberRow.phone).where(m.MemberRow.id == member_id)).scalar_one()
    assert phone is not None  # marketing_allowed saw it
    row = _row(f"mkt:{key}:{member_id}", member_id, phone, "marketing", {"text": text[:300]}, now)
    _insert(conn, [row | {"next_at": at} if at else row])
    return True


def queue_campaign(conn: Connection, key: str, text: str, now: str) -> int:
    """A marketing campaign ``key``: one message to every member who consented to
    marketing (``queue_marketing`` decides each); how many were queued. Queuing the same
    campaign again adds nobody twice."""
    ids = conn.execute(
        select(m.MemberPrefs.member_id).where(m.MemberPrefs.marketing.is_(True))
        .order_by(m.MemberPrefs.member_id)
    ).scalars().all()  # fmt: skip
    return sum(queue_marketing(conn, key, int(mid), text, now) for mid in ids)


TEXT_ZH = {
    "recharge": "【会员】您的储值充值{sv}元，余额{sv_after}元。{pts_part}",
    "payment": "【会员】您使用储值支付{sv}元，余额{sv_after}元。{pts_part}",
    "refund": "【会员】退款已退回储值{sv}元，余额{sv_after}元。{pts_part}",
    "balance": "【会员】您的储值变动{sv}元，余额{sv_after}元。{pts_part}",
    "points": "【会员】{pts_part}",
    "card_blocked": "【会员】您尾号{card}的会员卡已挂失，如非本人操作请联系门店。",
    "marketing": "【会员】{text} 回复TD退订",
}


def message_text(kind: str, params: dict[str, str]) -> str:
    pts = params.get("points", "")
    pts_part = f"积分{pts}，共{params.get('points_after', '')}分。" if pts else ""
    if kind in ("recharge", "payment", "refund", "balance") and not params.get("sv"):
        kind = "points"
    template = TEXT_ZH.get(kind, "【会员】{text}")
    return template.format(pts_part=pts_part, **{k: v.lstrip("+-") if k == "sv" else v
                                                  for k, v in params.items()})  # fmt: skip


def send_due(begin: Callable[[], Any], gateway: SmsGateway, now: datetime | None = None,
             limit: int = 20) -> int:  # fmt: skip
    """Send up to ``limit`` due messages; how many were sent."""
    t = now or datetime.now(UTC)
    sent = 0
    with begin() as conn:
        q = (
            select(m.NotificationRow)
            .where(m.NotificationRow.state == "pending", m.NotificationRow.next_at <= _iso(t))
            .order_by(m.NotificationRow.id)
            .limit(limit)
        )
        if conn.dialect.name == "postgresql":
            q = q.with_for_update(skip_locked=True)
        for row in conn.execute(q).all():
            values: dict[str, Any]
            if row.kind == "marketing" and not privacy.marketing_allowed(
                conn, row.member_id, t.date()
            ):  # consent withdrawn after it was queued: it never goes
                values = {"state": "cancelled", "last_error": "no marketing consent"}
                conn.execute(
                    update(m.NotificationRow).where(m.NotificationRow.id == row.id).values(**values)
                )
                continue
            try:
                gateway.send(
                    Sms(row.phone, row.kind, dict(row.params), message_text(row.kind, row.params))
                )
            except SmsUnavailable as exc:
                tries = row.attempts + 1
                wait = min(BACKOFF_MAX_S, BACKOFF_S * 2 ** (tries - 1))
                values = {"attempts": tries, "last_error": str(exc)[:200],
                          "next_at": _iso(t + timedelta(seconds=wait)),
                          "state": "failed" if tries >= MAX_ATTEMPTS else "pending"}  # fmt: skip
            else:
                values = {"attempts": row.attempts + 1, "state": "sent", "sent_at": _iso(t)}
                sent += 1
            conn.execute(
                update(m.NotificationRow).where(m.NotificationRow.id == row.id).values(**values)
            )
    return sent


class NotificationWorker:
    """``send_due`` every ``interval_s`` on its own thread until ``stop``."""

    def __init__(self, begin: Callable[[], Any], gateway: SmsGateway, interval_s: float = 2.0):
        self.begin, self.gateway, self.interval_s = begin, gateway, interval_s
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="sms-notify", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.wait(self.interval_s):
            try:
                send_due(self.begin, self.gateway)
            except Exception:  # a database hiccup: logged, tried again next round
                log.exception("sending notifications failed")

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=10)
