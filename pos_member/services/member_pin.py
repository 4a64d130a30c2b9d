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
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import select

from pos_member.domain.errors import (
    NotAllowed,
    PinLocked,
    PinNotSet,
    PinRequired,
    UnknownCard,
    ValidationError,
    WrongPin,
)
from pos_member.domain.events import EventKind
from pos_member.domain.money import Money
from pos_member.domain.pin import check_pay_pin, check_pin_pair
from pos_member.domain.prepaid import normalise_id
from pos_member.domain.text import phrase
from pos_member.services.auth import _display, hash_pin, locked_until, pin_matches
from pos_member.services.context import Context, Role, StaffSession
from pos_member.store import pii
from pos_member.store.models import Member
from pos_member.store.models_prepaid import RealNameRecord

TESTED_IN = "tests/services/test_member_pin.py"

log = logging.getLogger(__name__)

PAY_PIN_FAILED = "member.pay_pin_failed"


@dataclass(frozen=True, slots=True)
class PinState:
    """What the payment dialog and the manager's PIN dialog show of a member's PIN."""

    has_pin: bool
    locked_until: str | None  # local time (HH:MM) while locked
    failures: int  # wrong PINs in a row at this till


def pin_state(ctx: Context, member_id: int) -> PinState:
    with ctx.store.reading() as s:
        member = s.get(Member, member_id)
        if member is None:
            raise UnknownCard(number=str(member_id))
        lock = locked_until(member.pay_pin_locked_until, ctx.now())
        return PinState(
            has_pin=member.pay_pin_hash is not None,
            locked_until=_display(lock, ctx) if lock else None,
            failures=member.pay_pin_failures,
        )


def set_first_pay_pin(
    ctx: Context, staff: StaffSession, member_id: int, pin: str, repeat: str
) -> None:
    """The member's first PIN, typed twice (at registration or at the first stored-value
    payment). A member who has one already changes it (knowing it) or asks a manager."""
    check_pin_pair(pin, repeat)
    if pin_state(ctx, member_id).has_pin:
        raise ValidationError(
            field="payment PIN",
            problem="this member has one already: type it, change it, or a manager resets it",
        )
    _set(ctx, staff, member_id, pin, "member.pay_pin_set")


def change_pay_pin(
    ctx: Context, staff: StaffSession, member_id: int, old: str, pin: str, repeat: str
) -> None:
    """The member changes the PIN, typing the old one first (a wrong old PIN is counted)."""
    check_pin_pair(pin, repeat)
    _refuse_weak(ctx, member_id, pin)  # said before the old PIN is checked
    verify_pay_pin(ctx, member_id, old, Money(0))
    _set(ctx, staff, member_id, pin, "member.pay_pin_changed")


def check_member(ctx: Context, member_id: int, typed: str) -> None:
    """The manager typed the phone the member says or the ID number on the member's
    document: it must be the member's phone or an ID number of their real-name records."""
    digits = "".join(ch for ch in typed if ch.isdigit())
    number = normalise_id(typed)
    with ctx.store.reading() as s:
        member = s.get(Member, member_id)
        if member is None:
            raise UnknownCard(number=str(member_id))
        if (
            digits
            and len(digits) == len(typed.strip())
            and member.phone_index is not None
            and pii.phone_index(ctx.store.sealer, digits) == member.phone_index
        ):
            return
        indexes = set(
            s.scalars(select(RealNameRecord.id_index).where(RealNameRecord.member_id == member_id))
        )
    if number and indexes:
        from pos_member.services.prepaid import ID_INDEX, sealer

        if sealer(ctx).blind_index(number, ID_INDEX) in indexes:
            return
    raise ValidationError(
        field="member check",
        problem="neither the member's phone nor an ID number on record: check the document",
    )


def reset_pay_pin(
    ctx: Context, staff: StaffSession, member_id: int, check: str, pin: str, repeat: str
) -> None:
    """A manager resets a forgotten PIN after checking the member (phone or ID number);
    the new PIN, typed twice by the member, also ends a lock."""
    _manager_only(staff, phrase("Resetting a payment PIN"))
    check_pin_pair(pin, repeat)
    _refuse_weak(ctx, member_id, pin)
    check_member(ctx, member_id, check)
    _set(ctx, staff, member_id, pin, "member.pay_pin_reset", clears_lock=True)


def unlock_pay_pin(ctx: Context, staff: StaffSession, member_id: int) -> None:
    """A manager ends the lock of a member's PIN (the member then types it again)."""
    _manager_only(staff, phrase("Unlocking a payment PIN"))
    with ctx.store.unit_of_work(ctx.terminal_id, ctx.now_iso()) as uow:
        member = uow.session.get(Member, member_id)
        if member is None:
            raise UnknownCard(number=str(member_id))
        was = member.pay_pin_locked_until
        cleared = _utc_now(ctx)
        member.pay_pin_failures = 0
        member.pay_pin_locked_until = None
        member.pay_pin_cleared_at = cleared
        member.updated_at = uow.now
        uow.audit(
            "member.pay_pin_unlocked",
            staff_id=staff.staff_id,
            subject=str(member_id),
            detail={"was_locked_until": was},
        )
        # Head office ends a lock it published too, and tells the other tills.
        uow.outbox(
            EventKind.PAY_PIN_UNLOCKED,
            {
                "member_id": member_id,
                "unlocked_at": cleared,
                "store_id": ctx.settings.store_id,
                "terminal_id": uow.terminal_id,
                "created_at": uow.now,
            },
        )


def _utc_now(ctx: Context) -> str:
    """Head office's spelling of a time (``pin_failures.utc_text``): UTC, microseconds."""
    return ctx.now().astimezone(UTC).isoformat(timespec="microseconds")


def _manager_only(staff: StaffSession, action: str) -> None:
    if staff.role < Role.MANAGER:
        raise NotAllowed(action=action, role="manager")


def _refuse_weak(ctx: Context, member_id: int, pin: str) -> None:
    with ctx.store.reading() as s:
        member = s.get(Member, member_id)
        if member is None:
            raise UnknownCard(number=str(member_id))
        birthday = date.fromisoformat(member.birthday) if member.birthday else None
        phone = pii.full_phone(ctx.store.sealer, member.phone_sealed) or None
    check_pay_pin(pin, birthday=birthday, phone=phone)


def set_pay_pin(ctx: Context, staff: StaffSession, member_id: int, pin: str) -> None:
    """Set or change the member's payment PIN (the member types it on the PIN pad)."""
    _set(ctx, staff, member_id, pin, "member.pay_pin_set")


def _set(
    ctx: Context,
    staff: StaffSession,
    member_id: int,
    pin: str,
    audit: str,
    *,
    clears_lock: bool = False,
) -> None:
    with ctx.store.reading() as s:
        member = s.get(Member, member_id)
        if member is None:
            raise UnknownCard(number=str(member_id))
        birthday = date.fromisoformat(member.birthday) if member.birthday else None
        phone = pii.full_phone(ctx.store.sealer, member.phone_sealed) or None
    pin_hash = hash_pin(check_pay_pin(pin, birthday=birthday, phone=phone))
    with ctx.store.unit_of_work(ctx.terminal_id, ctx.now_iso()) as uow:
        member = uow.session.get(Member, member_id)
        if member is None:
            raise UnknownCard(number=str(member_id))
        member.pay_pin_hash = pin_hash
        member.pay_pin_failures = 0
        member.pay_pin_locked_until = None
        member.updated_at = uow.now
        extra: dict[str, object] = {}
        if clears_lock:  # a reset ends the lock chain-wide as of now
            member.pay_pin_cleared_at = extra["created_at"] = _utc_now(ctx)
            extra["clears_lock"] = True
        uow.audit(audit, staff_id=staff.staff_id, subject=str(member_id))
        # Other stores check the same PIN: head office keeps the member's hash (never
        # the PIN) and its change feed brings it to every till.
        uow.outbox(
            EventKind.PAY_PIN_SET,
            {
                "member_id": member_id,
                "pay_pin_hash": pin_hash,
                "store_id": ctx.settings.store_id,
                "terminal_id": uow.terminal_id,
                "created_at": uow.now,
                **extra,
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
        raise PinNotSet()
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
