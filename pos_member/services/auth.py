"""Staff login, roles, supervisor approval, and PIN hashing with lockout.

PINs are hashed with argon2id. Verification (tens of milliseconds of CPU) is
done outside the write transaction; only the outcome (failure count, lock) is
written, in a short transaction of its own. Staff ids that do not exist and
wrong PINs get the same message, so the counter does not reveal staff ids.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select

from pos_member.domain.errors import (
    NotAllowed,
    PinLocked,
    UnknownStaff,
    ValidationError,
    WrongPin,
)
from pos_member.domain.text import person_words, phrase
from pos_member.services.context import Approval, Context, Role, StaffSession
from pos_member.store.models import Staff

log = logging.getLogger(__name__)

# OWASP's minimum argon2id profile: ~20-40 ms here. PINs are short, so the
# lockout, not the hash cost, is what stops guessing at the counter.
_HASHER = PasswordHasher(time_cost=2, memory_cost=19_456, parallelism=1)

# Actions a cashier may only do with a supervisor's approval.
SUPERVISOR_ACTIONS = frozenset(
    {
        "refund",
        "void",
        "recharge",
        "price_override",
        "manual_adjustment",
        "card_replacement",
        "recharge_reversal",
        "card_closure",
        "no_receipt_refund",
    }
)


def hash_pin(pin: str) -> str:
    check_pin_format(pin)
    return _HASHER.hash(pin)


def check_pin_format(pin: str) -> None:
    if not (pin.isdigit() and 4 <= len(pin) <= 8):
        raise ValidationError(field="PIN", problem="4 to 8 digits expected")


def pin_matches(pin_hash: str | None, pin: str) -> bool:
    if not pin_hash:
        return False
    try:
        return _HASHER.verify(pin_hash, pin)
    except (VerificationError, InvalidHashError):
        return False


def locked_until(locked: str | None, now: datetime) -> str | None:
    """The lock's end when it is still running at ``now``."""
    if locked and datetime.fromisoformat(locked) > now:
        return locked
    return None


def _display(ts: str, ctx: Context) -> str:
    return datetime.fromisoformat(ts).astimezone(ZoneInfo(ctx.settings.timezone)).strftime("%H:%M")


def login(ctx: Context, staff_id: str, pin: str) -> StaffSession:
    """Check a staff id and PIN; counts failures and locks the id after too many."""
    return _authenticate(ctx, staff_id.strip(), pin, "login")


def approve(ctx: Context, staff_id: str, pin: str, action: str) -> Approval:
    """A supervisor's (or manager's) approval of ``action`` at the counter."""
    who = _authenticate(ctx, staff_id.strip(), pin, f"approve:{action}")
    if who.role < Role.SUPERVISOR:
        raise NotAllowed(action=_action_label(action), role="supervisor")
    return Approval(staff_id=who.staff_id, role=who.role, action=action)


def require(actor: StaffSession, action: str, approval: Approval | None) -> str | None:
    """Check that ``actor`` may do ``action``; returns the approver's id (if any)."""
    if action not in SUPERVISOR_ACTIONS or actor.role >= Role.SUPERVISOR:
        return actor.staff_id if action in SUPERVISOR_ACTIONS else None
    if approval is None or approval.action != action or approval.role < Role.SUPERVISOR:
        raise NotAllowed(action=_action_label(action), role="supervisor")
    return approval.staff_id


# Each action as "... needs a supervisor's approval" names it (translated on screen).
ACTION_NAMES = {
    "refund": phrase("Refund"),
    "void": phrase("Void"),
    "recharge": phrase("Recharge"),
    "price_override": phrase("Price override"),
    "manual_adjustment": phrase("Manual adjustment"),
    "card_replacement": phrase("Card replacement"),
    "recharge_reversal": phrase("Recharge reversal"),
    "card_closure": phrase("Card closure (退卡)"),
    "no_receipt_refund": phrase("Refund without a receipt"),
}


def _action_label(action: str) -> str:
    return ACTION_NAMES.get(action) or action.replace("_", " ").capitalize()


def _authenticate(ctx: Context, staff_id: str, pin: str, purpose: str) -> StaffSession:
    now = ctx.now()
    with ctx.store.reading() as s:
        row = s.get(Staff, staff_id)
        if row is None or not row.active:
            raise UnknownStaff()
        pin_hash, role, name = row.pin_hash, row.role, row.name
        still_locked = locked_until(row.locked_until, now)
    if still_locked:
        raise PinLocked(until=_display(still_locked, ctx))
    ok = pin_matches(pin_hash, pin)
    s_max = ctx.settings.staff_pin_max_failures
    with ctx.store.unit_of_work(ctx.terminal_id, ctx.now_iso()) as uow:
        row = uow.session.get(Staff, staff_id)
        assert row is not None
        if ok:
            row.failed_attempts = 0
            row.locked_until = None
            uow.audit(purpose, staff_id=staff_id)
        else:
            row.failed_attempts += 1
            left = s_max - row.failed_attempts
            if left <= 0:
                row.failed_attempts = 0
                row.locked_until = (
                    now + timedelta(minutes=ctx.settings.staff_pin_lock_minutes)
                ).isoformat()
            uow.audit(f"{purpose}.failed", staff_id=staff_id, detail={"locked": left <= 0})
            lock = row.locked_until
    if not ok:
        log.info("wrong PIN for a staff id (%s)", purpose)
        if left <= 0:
            assert lock is not None
            raise PinLocked(until=_display(lock, ctx))
        raise WrongPin(attempts_left=left)
    return StaffSession(staff_id=staff_id, name=name, role=Role.parse(role))


def add_staff(
    ctx: Context, actor: StaffSession | None, staff_id: str, name: str, role: Role, pin: str
) -> None:
    """Create a staff member (a manager's job; ``actor`` None only when seeding)."""
    if actor is not None and actor.role < Role.MANAGER:
        raise NotAllowed(action="Adding staff", role="manager")
    if not (staff_id.isalnum() and len(staff_id) <= 16):
        raise ValidationError(field="staff id", problem="letters and digits, at most 16")
    name = person_words(name, phrase("name"), max_len=64)
    pin_hash = hash_pin(pin)
    with ctx.store.unit_of_work(ctx.terminal_id, ctx.now_iso()) as uow:
        if uow.session.scalar(select(Staff.id).where(Staff.id == staff_id)):
            raise ValidationError(
                field="staff id", problem="{staff_id} already exists", staff_id=staff_id
            )
        uow.session.add(
            Staff(id=staff_id, name=name, role=role.label, pin_hash=pin_hash, failed_attempts=0)
        )
        uow.audit(
            "staff.add",
            staff_id=actor.staff_id if actor else None,
            subject=staff_id,
            detail={"role": role.label},
        )
