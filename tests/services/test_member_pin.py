"""Member payment PINs: a refusal for another reason is not a wrong PIN; set at first
use (typed twice), change, a manager's reset after checking the member, unlock; the
no-PIN allowance (免密额度)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from pos_member.domain.errors import (
    NotAllowed,
    PinLocked,
    PinRequired,
    UserFacingError,
    ValidationError,
    WrongPin,
)
from pos_member.domain.money import Money
from pos_member.services.checkout import LineRequest, checkout
from pos_member.services.context import Context
from pos_member.services.member_pin import (
    change_pay_pin,
    pin_state,
    reset_pay_pin,
    set_first_pay_pin,
    unlock_pay_pin,
)
from tests.services.conftest import (
    CASHIER,
    GOLD_CARD,
    GOLD_ID,
    GOLD_PHONE,
    GOLD_PIN,
    LOST_CARD,
    MANAGER,
    NORMAL_ID,
    RICE,
    Clock,
)
from tests.services.helpers import cash, rows, sale, stored_value

RICE_LINE = LineRequest(RICE)  # 50.00 less the gold tier's discount


def _failures(db: Path, member_id: int = GOLD_ID) -> tuple[int, int]:
    """(this till's count, failure events in the outbox)."""
    (count,) = rows(db, "select pay_pin_failures from members where id=?", member_id)[0]
    (events,) = rows(db, "select count(*) from outbox where kind='member.pay_pin_failed'")[0]
    return count, events


def _card_id(db: Path, number: str) -> int:
    return int(rows(db, "select id from cards where number=?", number)[0][0])


# ------------------------------------------- a refusal for another reason is not a wrong PIN


def test_stored_value_over_the_total_with_a_wrong_pin_is_not_a_wrong_pin(
    ctx: Context, db_path: Path
) -> None:
    req = sale(RICE_LINE, tenders=(stored_value(Money.yuan(80)),), member_id=GOLD_ID,
               pay_pin="000000")  # fmt: skip
    with pytest.raises(UserFacingError) as refused:
        checkout(ctx, req)
    assert not isinstance(refused.value, WrongPin | PinLocked)
    assert _failures(db_path) == (0, 0)


def test_stored_value_over_the_balance_with_a_wrong_pin_is_not_a_wrong_pin(
    ctx: Context, db_path: Path
) -> None:
    lines = (RICE_LINE,) * 30  # 1,425 due, 1,050 held
    req = sale(*lines, tenders=(stored_value(Money.yuan(1100)), cash(400)), member_id=GOLD_ID,
               pay_pin="000000")  # fmt: skip
    with pytest.raises(UserFacingError) as refused:
        checkout(ctx, req)
    assert not isinstance(refused.value, WrongPin | PinLocked)
    assert _failures(db_path) == (0, 0)


def test_a_lost_card_with_a_wrong_pin_is_not_a_wrong_pin(ctx: Context, db_path: Path) -> None:
    req = sale(RICE_LINE, tenders=(stored_value(Money.yuan(10)), cash(100)), member_id=GOLD_ID,
               card_id=_card_id(db_path, LOST_CARD), pay_pin="000000")  # fmt: skip
    with pytest.raises(UserFacingError) as refused:
        checkout(ctx, req)
    assert not isinstance(refused.value, WrongPin | PinLocked)
    assert _failures(db_path) == (0, 0)


def test_tenders_short_of_the_total_with_a_wrong_pin_is_not_a_wrong_pin(
    ctx: Context, db_path: Path
) -> None:
    req = sale(RICE_LINE, tenders=(stored_value(Money.yuan(10)),), member_id=GOLD_ID,
               pay_pin="000000")  # fmt: skip
    with pytest.raises(UserFacingError) as refused:
        checkout(ctx, req)
    assert not isinstance(refused.value, WrongPin | PinLocked)
    assert _failures(db_path) == (0, 0)


def test_a_payment_that_would_go_through_with_a_wrong_pin_is_counted(
    ctx: Context, db_path: Path
) -> None:
    req = sale(RICE_LINE, tenders=(stored_value(Money.yuan(10)), cash(100)), member_id=GOLD_ID,
               card_id=_card_id(db_path, GOLD_CARD), pay_pin="000000")  # fmt: skip
    with pytest.raises(WrongPin, match="4 attempts left"):
        checkout(ctx, req)
    assert _failures(db_path) == (1, 1)


# ------------------------------------------------------------- set at first use, typed twice


def test_first_pin_typed_twice_is_set_and_sent_as_a_hash(ctx: Context, db_path: Path) -> None:
    assert pin_state(ctx, NORMAL_ID).has_pin is False
    set_first_pay_pin(ctx, CASHIER, NORMAL_ID, "582914", "582914")
    assert pin_state(ctx, NORMAL_ID).has_pin is True
    (payload,) = rows(db_path, "select payload from outbox where kind='member.pay_pin_set'")[0]
    assert "582914" not in payload and "$argon2" in payload
    assert rows(db_path, "select action, staff_id from audit_log where subject=? and "
                "action like 'member.pay_pin%'", str(NORMAL_ID)) == [
        ("member.pay_pin_set", "1001")]  # fmt: skip
    req = sale(RICE_LINE, tenders=(stored_value(Money.yuan("0.5")), cash(100)), member_id=NORMAL_ID,
               pay_pin="582914")  # fmt: skip
    with pytest.raises(UserFacingError, match="too low"):
        checkout(ctx, req)  # no balance: refused, and not as a wrong PIN
    assert _failures(db_path, NORMAL_ID) == (0, 0)


def test_first_pin_typed_differently_the_second_time_is_refused(
    ctx: Context, db_path: Path
) -> None:
    with pytest.raises(ValidationError, match="the two entries differ"):
        set_first_pay_pin(ctx, CASHIER, NORMAL_ID, "582914", "582915")
    assert pin_state(ctx, NORMAL_ID).has_pin is False


@pytest.mark.parametrize(
    ("pin", "why"),
    [
        ("777777", "one digit six times"),
        ("123456", "digits in a row"),
        ("654321", "digits in a row"),
        ("000002", "two entries"),  # typed once as 000002, once as 000003 below
        ("900000", "end of the member's phone"),  # 13900000002 ends 000002: see below
        ("850602", "birthday"),  # 1985-06-02
        ("12345", "6 digits"),
        ("12a456", "6 digits"),
    ],
)
def test_weak_or_malformed_first_pins_are_refused_saying_why(
    ctx: Context, pin: str, why: str
) -> None:
    if why == "two entries":
        with pytest.raises(ValidationError, match="differ"):
            set_first_pay_pin(ctx, CASHIER, NORMAL_ID, pin, "000003")
        return
    if why == "end of the member's phone":
        pin = "000002"  # 13900000002
    with pytest.raises(ValidationError, match=why):
        set_first_pay_pin(ctx, CASHIER, NORMAL_ID, pin, pin)
    assert pin_state(ctx, NORMAL_ID).has_pin is False


def test_a_member_with_a_pin_cannot_set_a_first_one(ctx: Context) -> None:
    with pytest.raises(ValidationError, match="has one already"):
        set_first_pay_pin(ctx, CASHIER, GOLD_ID, "582914", "582914")


def test_stored_value_without_a_pin_set_asks_to_set_one(ctx: Context, db_path: Path) -> None:
    from pos_member.services.stored_value import RechargeRequest, new_recharge_id, recharge
    from tests.services.conftest import SUPERVISOR
    from tests.services.helpers import external

    recharge(ctx, RechargeRequest(new_recharge_id(), NORMAL_ID, Money.yuan(100),
                                  (external(Money.yuan(100), "alipay"),), SUPERVISOR))  # fmt: skip
    req = sale(RICE_LINE, tenders=(stored_value(Money.yuan(10)), cash(100)), member_id=NORMAL_ID,
               pay_pin="582914")  # fmt: skip
    from pos_member.domain.errors import PinNotSet

    with pytest.raises(PinNotSet, match="sets one now"):
        checkout(ctx, req)
    assert _failures(db_path, NORMAL_ID) == (0, 0)


# --------------------------------------------------------------------------------- change


def test_change_with_the_old_pin(ctx: Context, db_path: Path) -> None:
    change_pay_pin(ctx, CASHIER, GOLD_ID, GOLD_PIN, "582914", "582914")
    req = sale(RICE_LINE, tenders=(stored_value(Money.yuan(10)), cash(100)), member_id=GOLD_ID,
               pay_pin=GOLD_PIN)  # fmt: skip
    with pytest.raises(WrongPin):
        checkout(ctx, req)
    checkout(ctx, replace(req, pay_pin="582914"))
    assert ("member.pay_pin_changed",) in rows(db_path, "select action from audit_log")


def test_change_with_a_wrong_old_pin_is_refused_and_counted(ctx: Context, db_path: Path) -> None:
    with pytest.raises(WrongPin):
        change_pay_pin(ctx, CASHIER, GOLD_ID, "000000", "582914", "582914")
    assert _failures(db_path) == (1, 1)
    change_pay_pin(ctx, CASHIER, GOLD_ID, GOLD_PIN, "582914", "582914")


def test_change_to_a_weak_pin_is_refused_before_the_old_pin_counts(
    ctx: Context, db_path: Path
) -> None:
    with pytest.raises(ValidationError, match="digits in a row"):
        change_pay_pin(ctx, CASHIER, GOLD_ID, "000000", "123456", "123456")
    assert _failures(db_path) == (0, 0)


# ------------------------------------------------------------ lock, reset by a manager, unlock


def _lock_gold(ctx: Context) -> None:
    req = sale(RICE_LINE, tenders=(stored_value(Money.yuan(10)), cash(100)), member_id=GOLD_ID,
               pay_pin="000000")  # fmt: skip
    for _ in range(4):
        with pytest.raises(WrongPin):
            checkout(ctx, replace(req, sale_id=sale().sale_id))
    with pytest.raises(PinLocked):
        checkout(ctx, replace(req, sale_id=sale().sale_id))


def test_five_wrong_pins_lock_for_thirty_minutes_and_say_so(ctx: Context, clock: Clock) -> None:
    _lock_gold(ctx)
    state = pin_state(ctx, GOLD_ID)
    assert state.locked_until == "10:30"
    req = sale(RICE_LINE, tenders=(stored_value(Money.yuan(10)), cash(100)), member_id=GOLD_ID,
               pay_pin=GOLD_PIN)  # fmt: skip
    with pytest.raises(PinLocked, match="10:30"):
        checkout(ctx, req)  # even the right PIN
    clock.advance(minutes=31)
    checkout(ctx, req)


def test_a_manager_resets_after_checking_the_phone(ctx: Context, db_path: Path) -> None:
    _lock_gold(ctx)
    reset_pay_pin(ctx, MANAGER, GOLD_ID, GOLD_PHONE, "582914", "582914")
    assert pin_state(ctx, GOLD_ID).locked_until is None
    req = sale(RICE_LINE, tenders=(stored_value(Money.yuan(10)), cash(100)), member_id=GOLD_ID,
               pay_pin="582914")  # fmt: skip
    checkout(ctx, req)
    assert rows(db_path, "select staff_id from audit_log where action='member.pay_pin_reset'") == [
        ("3001",)
    ]


@pytest.mark.parametrize("check", ["13900000002", "1390000000", "139 0000 0001x", "", "ABC"])
def test_a_reset_with_a_wrong_member_check_is_refused(ctx: Context, check: str) -> None:
    with pytest.raises(ValidationError, match="neither the member's phone nor an ID"):
        reset_pay_pin(ctx, MANAGER, GOLD_ID, check, "582914", "582914")
    req = sale(RICE_LINE, tenders=(stored_value(Money.yuan(10)), cash(100)), member_id=GOLD_ID,
               pay_pin=GOLD_PIN)  # fmt: skip
    checkout(ctx, req)  # the old PIN still works


def test_a_reset_after_checking_an_id_number_on_record(ctx: Context) -> None:
    from pos_member.domain.prepaid import IdType
    from pos_member.services import prepaid

    rid = "11010519491231002X"
    with ctx.store.unit_of_work(ctx.terminal_id, ctx.now_iso()) as uow:
        with ctx.store.reading() as s:
            rules = ctx.rules(s)[1]
        prepaid.record_real_name(
            ctx, uow, prepaid.RealNameInput("张金卡", IdType.RESIDENT_ID, rid, True),
            member_id=GOLD_ID, purpose="recharge", event_id="e1", staff_id="3001", rules=rules,
        )  # fmt: skip
    with pytest.raises(ValidationError, match="neither"):
        reset_pay_pin(ctx, MANAGER, GOLD_ID, "110105194912310011", "582914", "582914")
    reset_pay_pin(ctx, MANAGER, GOLD_ID, rid.lower(), "582914", "582914")


def test_only_a_manager_resets_or_unlocks(ctx: Context) -> None:
    from tests.services.conftest import SUPERVISOR

    for who in (CASHIER, SUPERVISOR):
        with pytest.raises(NotAllowed, match="manager"):
            reset_pay_pin(ctx, who, GOLD_ID, GOLD_PHONE, "582914", "582914")
        with pytest.raises(NotAllowed, match="manager"):
            unlock_pay_pin(ctx, who, GOLD_ID)


def test_a_manager_unlocks_and_the_old_pin_works_again(ctx: Context, db_path: Path) -> None:
    _lock_gold(ctx)
    unlock_pay_pin(ctx, MANAGER, GOLD_ID)
    assert pin_state(ctx, GOLD_ID) == pin_state(ctx, GOLD_ID).__class__(True, None, 0)
    req = sale(RICE_LINE, tenders=(stored_value(Money.yuan(10)), cash(100)), member_id=GOLD_ID,
               pay_pin=GOLD_PIN)  # fmt: skip
    checkout(ctx, req)
    assert rows(
        db_path, "select staff_id from audit_log where action='member.pay_pin_unlocked'"
    ) == [("3001",)]


# ------------------------------------------------------------------ 免密额度 (no-PIN allowance)


def _allowance(ctx: Context, yuan: int) -> None:
    from pos_member.services.programme import install_rules

    with ctx.store.reading() as s:
        rules = ctx.rules(s)[1]
    sv = replace(rules.stored_value, pin_required_over=Money.yuan(yuan))
    with ctx.store.unit_of_work(ctx.terminal_id, ctx.now_iso()) as uow:
        install_rules(uow, replace(rules, version=rules.version + 1, stored_value=sv), "2026-01-01")


def test_no_allowance_by_default_every_stored_value_payment_needs_the_pin(ctx: Context) -> None:
    req = sale(RICE_LINE, tenders=(stored_value(Money.yuan("0.01")), cash(100)), member_id=GOLD_ID)
    with pytest.raises(PinRequired):
        checkout(ctx, req)


@pytest.mark.parametrize("online", [True, False])
def test_within_the_allowance_no_pin_online_or_offline(
    ctx: Context, online: bool, link: object
) -> None:
    _allowance(ctx, 20)
    link.online = online  # type: ignore[attr-defined]
    at = sale(RICE_LINE, tenders=(stored_value(Money.yuan(20)), cash(100)), member_id=GOLD_ID)
    checkout(ctx, at)
    over = sale(RICE_LINE, tenders=(stored_value(Money.yuan("20.01")), cash(100)),
                member_id=GOLD_ID)  # fmt: skip
    with pytest.raises(PinRequired, match=r"20\.00"):
        checkout(ctx, over)
    checkout(ctx, replace(over, pay_pin=GOLD_PIN))
