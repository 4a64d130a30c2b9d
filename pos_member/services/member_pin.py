"""The member's payment PIN (支付密码): setting it, and checking it with a lockout.

A PIN is 6 digits and not a weak one (``domain.pin.check_pay_pin``). Wrong
PINs are counted twice: here, per till (``Settings.pay_pin_max_failures`` in a
row lock the PIN for ``pay_pin_lock_minutes``), and chain-wide: each failure
is an outbox event (``member.pay_pin_failed``) written with the count, so
head office counts the failures of every till within its window and
publishes the lock in its change feed (``headoffice.pin_failures``); the
pull stores it in ``members.pay_pin_locked_until`` and every till refuses
the PIN until then. Locks are kept as UTC ISO text, so the later of two is
the larger string.
"""

from __future__ import annotations

import logging
from datetime import UTC, date, datetime, timedelta

from pos_member.domain.errors import PinLocked, PinRequired, UnknownCard, ValidationError, WrongPin
from pos_member.domain.events import EventKind
from pos_member.domain.money import Money
from pos_member.domain.pin import check_pay_pin
from pos_member.services.auth import _display, hash_pin, locked_until, pin_matches
from pos_member.services.context import Context, StaffSession
from pos_member.store.models import Member

TESTED_IN = "tests/services/test_auth.py"

log = logging.getLogger(__name__)

PAY_PIN_FAILED = "member.pay_pin_failed"


def set_pay_pin(ctx: Context, staff: StaffSession, member_id: int, pin: str) -> None:
    """Set or change the member's payment PIN (the member types it on the PIN pad)."""
    with ctx.store.reading() as s:
        member = s.get(Member, member_id)
        if member is None:
            raise UnknownCard(number=str(member_id))
        birthday = date.fromisoformat(member.birthday) if member.birthday else None
        phone = member.phone
    pin_hash = hash_pin(check_pay_pin(pin, birthday=birthday, phone=phone))
    with ctx.store.unit_of_work(ctx.terminal_id, ctx.now_iso()) as uow:
        member = uow.session.get(Member, member_id)
        if member is None:
            raise UnknownCard(number=str(member_id))
        member.pay_pin_hash = pin_hash
        member.pay_pin_failures = 0
        member.pay_pin_locked_until = None
        member.updated_at = uow.now
        uow.audit("member.pay_pin_set", staff_id=staff.staff_id, subject=str(member_id))
        # Other stores check the same PIN: head office keeps the member's hash.
        uow.outbox(
            EventKind.PAY_PIN_SET,
            {
                "member_id": member_id,
                "pay_pin_hash": pin_hash,
                "store_id": ctx.settings.store_id,
                "terminal_id": uow.terminal_id,
                "created_at": uow.now,
            },
        )


def verify_pay_pin(ctx: Context, member_id: int, pin: str | None, threshold: Money) -> None:
    """Check the payment PIN; a wrong one is counted (in its own transaction) and refused.

    Called before the sale's transaction so that the hash check holds no lock.
    A lock head office published (another till's failures) refuses like this
    till's own.
    """
    now = ctx.now()
    with ctx.store.reading() as s:
        member = s.get(Member, member_id)
        if member is None:
            raise UnknownCard(number=str(member_id))
        pin_hash = member.pay_pin_hash
        failures = member.pay_pin_failures
        lock = locked_until(member.pay_pin_locked_until, now)
    if lock:
        raise PinLocked(until=_display(lock, ctx))
    if not pin:
        raise PinRequired(threshold=threshold)
    if pin_hash is None:
        raise ValidationError(
            field="payment PIN",
            problem="this member has not set one yet: set it first or pay another way",
        )
    if pin_matches(pin_hash, pin):
        if not failures:
            return
        with ctx.store.unit_of_work(ctx.terminal_id, ctx.now_iso()) as uow:
            member = uow.session.get(Member, member_id)
            assert member is not None
            if member.pay_pin_failures:
                member.pay_pin_failures = 0
        return
    lock_text, left = _count_failure(ctx, member_id, now)
    log.info("wrong payment PIN for a member")
    if left <= 0:
        assert lock_text is not None
        raise PinLocked(until=_display(lock_text, ctx))
    raise WrongPin(attempts_left=left)


def _count_failure(ctx: Context, member_id: int, now: datetime) -> tuple[str | None, int]:
    """Count a wrong PIN here and push it to head office, in one transaction.

    Returns this till's lock (if the count reached the limit) and the tries left here.
    """
    max_failures = ctx.settings.pay_pin_max_failures
    with ctx.store.unit_of_work(ctx.terminal_id, ctx.now_iso()) as uow:
        member = uow.session.get(Member, member_id)
        assert member is not None
        member.pay_pin_failures += 1
        left = max_failures - member.pay_pin_failures
        if left <= 0:
            member.pay_pin_failures = 0
            mine = (now + timedelta(minutes=ctx.settings.pay_pin_lock_minutes)).astimezone(UTC)
            # Head office's spelling (``pin_failures.utc_text``): the later lock is the larger.
            mine_text = mine.isoformat(timespec="microseconds")
            member.pay_pin_locked_until = max(mine_text, member.pay_pin_locked_until or "")
        uow.audit(
            "member.pay_pin_failed",
            staff_id=None,
            subject=str(member_id),
            detail={"locked": left <= 0},
        )
        uow.outbox(
            PAY_PIN_FAILED,
            {
                "member_id": member_id,
                "store_id": ctx.settings.store_id,
                "terminal_id": uow.terminal_id,
                "failed_at": uow.now,
                "locked_here": left <= 0,
            },
        )
        return member.pay_pin_locked_until, left
