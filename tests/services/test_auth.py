"""Staff login with argon2 PINs, lockout, roles and supervisor approval."""

from __future__ import annotations

from pathlib import Path

import pytest

from pos_member.domain.errors import NotAllowed, PinLocked, UnknownStaff, ValidationError, WrongPin
from pos_member.services import auth
from pos_member.services.context import Context, Role, StaffSession
from pos_member.services.member_pin import set_pay_pin
from tests.services.conftest import CASHIER, MANAGER, NORMAL_ID, SUPERVISOR, Clock
from tests.services.helpers import rows


def test_login_returns_the_role(ctx: Context, db_path: Path) -> None:
    who = auth.login(ctx, "1001", "1111")
    assert who == StaffSession("1001", "小王", Role.CASHIER)
    assert auth.login(ctx, "3001", "9999").role is Role.MANAGER
    hashes = rows(db_path, "select pin_hash from staff")
    assert all(h.startswith("$argon2id$") and "1111" not in h for (h,) in hashes)


def test_unknown_staff_and_wrong_pin_say_the_same(ctx: Context) -> None:
    with pytest.raises(UnknownStaff):
        auth.login(ctx, "4242", "1111")
    with pytest.raises(WrongPin, match="4 attempts left"):
        auth.login(ctx, "1001", "9999")


def test_lockout_after_repeated_failures_then_unlock_in_time(
    ctx: Context, clock: Clock, db_path: Path
) -> None:
    for _ in range(4):
        with pytest.raises(WrongPin):
            auth.login(ctx, "1002", "0000")
    with pytest.raises(PinLocked):
        auth.login(ctx, "1002", "0000")
    with pytest.raises(PinLocked):
        auth.login(ctx, "1002", "2222")  # even the right PIN while locked
    clock.advance(minutes=16)
    assert auth.login(ctx, "1002", "2222").staff_id == "1002"
    failed = rows(db_path, "select count(*) from audit_log where action='login.failed'")
    assert failed == [(5,)]


def test_a_good_login_resets_the_failure_count(ctx: Context) -> None:
    for _ in range(3):
        with pytest.raises(WrongPin):
            auth.login(ctx, "1001", "0000")
    auth.login(ctx, "1001", "1111")
    with pytest.raises(WrongPin, match="4 attempts left"):
        auth.login(ctx, "1001", "0000")


def test_supervisor_actions_need_a_supervisor(ctx: Context) -> None:
    for action in sorted(auth.SUPERVISOR_ACTIONS):
        with pytest.raises(NotAllowed, match="supervisor"):
            auth.require(CASHIER, action, None)
        assert auth.require(SUPERVISOR, action, None) == "2001"
        approval = auth.approve(ctx, "3001", "9999", action)
        assert auth.require(CASHIER, action, approval) == "3001"
    # An approval is for one action only.
    refund_ok = auth.approve(ctx, "2001", "8888", "refund")
    with pytest.raises(NotAllowed):
        auth.require(CASHIER, "recharge", refund_ok)
    with pytest.raises(NotAllowed):
        auth.approve(ctx, "1001", "1111", "refund")
    assert auth.require(CASHIER, "sale", None) is None


def test_only_a_manager_adds_staff(ctx: Context) -> None:
    with pytest.raises(NotAllowed):
        auth.add_staff(ctx, SUPERVISOR, "1003", "新人", Role.CASHIER, "1234")
    auth.add_staff(ctx, MANAGER, "1003", "新人", Role.CASHIER, "1234")
    assert auth.login(ctx, "1003", "1234").role is Role.CASHIER
    with pytest.raises(ValidationError, match="already exists"):
        auth.add_staff(ctx, MANAGER, "1003", "又一个", Role.CASHIER, "1234")
    with pytest.raises(ValidationError, match="4 to 8 digits"):
        auth.add_staff(ctx, MANAGER, "1004", "短", Role.CASHIER, "12")


def test_member_sets_a_payment_pin(ctx: Context, db_path: Path) -> None:
    set_pay_pin(ctx, CASHIER, NORMAL_ID, "135790")
    (h,) = rows(db_path, "select pay_pin_hash from members where id=?", NORMAL_ID)[0]
    assert auth.pin_matches(h, "135790") and not auth.pin_matches(h, "135791")
    assert rows(db_path, "select kind from outbox where kind='member.pay_pin_set'") == [
        ("member.pay_pin_set",)
    ]
    with pytest.raises(ValidationError):
        set_pay_pin(ctx, CASHIER, NORMAL_ID, "12ab")
