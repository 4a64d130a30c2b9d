"""Wrong payment PINs from every till, counted chain-wide; the lock published in the feed.

A till pushes each wrong payment PIN as ``member.pay_pin_failed``. Head office
keeps them (``pay_pin_failures``, one row per event: a replay adds nothing)
and, when the failures within the policy's window reach its limit
(``domain.pin.PinPolicy``), sets ``members.pay_pin_locked_until`` and touches
the member, so the change feed brings the lock to every till, which refuses
the PIN until then. A lock never shortens one already set, except by a
manager's reset or unlock at a till (``clear_lock``): that ends it, the wrong
PINs before it stop counting, and the feed's ``pay_pin_cleared_at`` tells every
till to drop its own lock too.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, func, insert, or_, select, update

from pos_member.domain.pin import PinPolicy
from pos_member.headoffice import models as m
from pos_member.wire.schemas import Event, PayPinFailedPayload

TESTED_IN = "tests/sync/test_services_e2e.py"

POLICY = PinPolicy()


def utc_text(at: datetime) -> str:
    """The one spelling of a time in this table: UTC, ISO, microseconds (sorts as it reads)."""
    return at.astimezone(UTC).isoformat(timespec="microseconds")


def record_failure(
    conn: Connection,
    batch: Any,
    ev: Event,
    p: PayPinFailedPayload,
    policy: PinPolicy = POLICY,
) -> str | None:
    """Keep the failure; lock the member's PIN chain-wide if the window's count reaches the limit.

    ``batch`` is push's batch (its ``touched_members`` go to the change feed).
    Returns the lock set, if any.
    """
    at = datetime.fromisoformat(p.failed_at)
    if at.tzinfo is None:
        at = at.replace(tzinfo=UTC)
    conn.execute(
        insert(m.PayPinFailureRow).values(
            member_id=p.member_id, event_id=str(ev.id), store_id=ev.store_id,
            terminal_id=ev.terminal_id, failed_at=utc_text(at),
        )
    )  # fmt: skip
    # The window ends at the latest failure known, not at this one: a till that pushes
    # late brings earlier failures, which count with the later ones already here.
    latest_text = conn.execute(
        select(func.max(m.PayPinFailureRow.failed_at)).where(
            m.PayPinFailureRow.member_id == p.member_id
        )
    ).scalar_one()
    latest = datetime.fromisoformat(latest_text)
    cleared = conn.execute(
        select(m.MemberRow.pay_pin_cleared_at).where(m.MemberRow.id == p.member_id)
    ).scalar_one_or_none()
    since = utc_text(latest - policy.window)
    if cleared is not None and cleared > since:
        since = cleared  # the wrong PINs before a reset or an unlock no longer count
    recent = conn.execute(
        select(m.PayPinFailureRow.failed_at).where(
            m.PayPinFailureRow.member_id == p.member_id,
            m.PayPinFailureRow.failed_at > since,
        )
    ).scalars()
    until = policy.locked_until([datetime.fromisoformat(t) for t in recent], latest)
    if until is None:
        return None
    lock = utc_text(until)
    done = conn.execute(
        update(m.MemberRow)
        .where(m.MemberRow.id == p.member_id)
        .where(
            or_(m.MemberRow.pay_pin_locked_until.is_(None), m.MemberRow.pay_pin_locked_until < lock)
        )
        .values(pay_pin_locked_until=lock, updated_at=batch.now)
    )
    if done.rowcount:
        batch.touched_members.add(p.member_id)
        return lock
    return None


def clear_lock(conn: Connection, batch: Any, member_id: int, at_text: str) -> None:
    """End the member's PIN lock as of ``at_text`` (a manager's reset or unlock at a till);
    failures up to then no longer count. A later clear already kept is not moved back."""
    at = datetime.fromisoformat(at_text)
    if at.tzinfo is None:
        at = at.replace(tzinfo=UTC)
    cleared = utc_text(at)
    conn.execute(
        update(m.MemberRow)
        .where(m.MemberRow.id == member_id)
        .where(
            or_(m.MemberRow.pay_pin_cleared_at.is_(None), m.MemberRow.pay_pin_cleared_at < cleared)
        )
        .values(pay_pin_locked_until=None, pay_pin_cleared_at=cleared, updated_at=batch.now)
    )
    batch.touched_members.add(member_id)
