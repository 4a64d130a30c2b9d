"""Each bad input at the counter: a clear message, and nothing written."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from pos_member.domain.errors import (
    BadCheckDigit,
    BalanceTooLow,
    ChangeTooLarge,
    EmptyCart,
    InvalidAmount,
    InvalidQuantity,
    MemberRequired,
    NotAllowed,
    NothingToRefund,
    OverpaidNonCash,
    PinLocked,
    PinRequired,
    PointsNotInUnits,
    PointsTooLow,
    PriceOverrideBeyondRole,
    PriceOverrideTooHigh,
    RechargeOutOfRange,
    RefundExceedsSold,
    TendersDoNotAddUp,
    UnknownProduct,
    UnknownReceipt,
    UserFacingError,
    ValidationError,
    WeightNotWhole,
    WrongPin,
)
from pos_member.domain.money import Money
from pos_member.domain.tenders import TenderKind, TenderRequest
from pos_member.seed.demo import ean13
from pos_member.services.checkout import CheckoutRequest, LineRequest, checkout, new_sale_id
from pos_member.services.context import Context
from pos_member.services.refund import RefundRequest, new_refund_id, refund
from pos_member.services.stored_value import RechargeRequest, new_recharge_id, recharge
from tests.services.conftest import (
    APPLE_PLU,
    CASHIER,
    GOLD_ID,
    GOLD_PIN,
    MANAGER,
    RICE,
    SUPERVISOR,
    WATER,
    table_counts,
)
from tests.services.helpers import cash, external, sale, stored_value

BAD_SALES: list[tuple[str, Callable[[], CheckoutRequest], type[UserFacingError]]] = [
    ("unknown barcode", lambda: sale(LineRequest(ean13("690000099999")), tenders=(cash(5),)),
     UnknownProduct),
    ("unknown in-store code", lambda: sale(LineRequest("NOPE-1"), tenders=(cash(5),)),
     UnknownProduct),
    ("EAN-13 with a wrong check digit", lambda: sale(LineRequest(WATER[:-1] + "0"
     if WATER[-1] != "0" else WATER[:-1] + "1"), tenders=(cash(5),)), BadCheckDigit),
    ("quantity zero", lambda: sale(LineRequest(WATER, quantity=0), tenders=(cash(5),)),
     InvalidQuantity),
    ("quantity negative", lambda: sale(LineRequest(WATER, quantity=-2), tenders=(cash(5),)),
     InvalidQuantity),
    ("quantity absurd", lambda: sale(LineRequest(WATER, quantity=100_000),
     tenders=(cash(5),)), InvalidQuantity),
    ("weighed without a weight", lambda: sale(LineRequest(APPLE_PLU), tenders=(cash(5),)),
     InvalidQuantity),
    ("weighed absurd weight", lambda: sale(LineRequest(APPLE_PLU, grams=500_000),
     tenders=(cash(5),)), InvalidQuantity),
    ("empty cart", lambda: sale(tenders=(cash(5),)), EmptyCart),
    ("tenders short", lambda: sale(LineRequest(RICE), tenders=(cash(40),)), TendersDoNotAddUp),
    ("no tenders", lambda: sale(LineRequest(RICE)), TendersDoNotAddUp),
    ("card pays more than due", lambda: sale(LineRequest(WATER),
     tenders=(external(Money.yuan(5)),)), OverpaidNonCash),
    ("negative tender", lambda: sale(LineRequest(WATER), tenders=(cash(-2),)), InvalidAmount),
    ("stored value without a member", lambda: sale(LineRequest(WATER),
     tenders=(stored_value(Money.yuan(2)),)), MemberRequired),
    ("stored value without the PIN", lambda: sale(LineRequest(WATER),
     tenders=(stored_value(Money.yuan("1.90")),), member_id=GOLD_ID), PinRequired),
    ("stored value over the balance", lambda: sale(LineRequest(RICE, quantity=30),
     tenders=(stored_value(Money.yuan(1425)),), member_id=GOLD_ID, pay_pin=GOLD_PIN),
     BalanceTooLow),
    ("points not in units of 100", lambda: sale(LineRequest(RICE), tenders=(cash(50),),
     member_id=GOLD_ID, points_to_redeem=150), PointsNotInUnits),
    ("more points than held", lambda: sale(LineRequest(RICE, quantity=20),
     tenders=(cash(1000),), member_id=GOLD_ID, points_to_redeem=5000), PointsTooLow),
    ("points without a member", lambda: sale(LineRequest(RICE), tenders=(cash(50),),
     points_to_redeem=100), MemberRequired),
    ("unknown coupon", lambda: sale(LineRequest(RICE), tenders=(cash(50),), member_id=GOLD_ID,
     coupons=("NOSUCH",)), ValidationError),
    ("cashier price override", lambda: sale(LineRequest(RICE, price_override=Money(1)),
     tenders=(cash(1),)), NotAllowed),
    # Strict types: a bool is not a quantity, the scale gives whole grams.
    ("quantity True", lambda: sale(LineRequest(WATER, quantity=True), tenders=(cash(5),)),
     InvalidQuantity),
    ("quantity as text", lambda: sale(LineRequest(WATER, quantity="2"),  # type: ignore[arg-type]
     tenders=(cash(5),)), InvalidQuantity),
    ("grams as a float", lambda: sale(LineRequest(APPLE_PLU, grams=512.5),  # type: ignore[arg-type]
     tenders=(cash(10),)), WeightNotWhole),
    ("grams True", lambda: sale(LineRequest(APPLE_PLU, grams=True), tenders=(cash(10),)),
     WeightNotWhole),
    # Cash: at most what is due plus the most change the till gives.
    ("a billion yuan in cash", lambda: sale(LineRequest(WATER),
     tenders=(cash(1_000_000_000),)), ChangeTooLarge),
    ("cash past int64", lambda: sale(LineRequest(WATER),
     tenders=(TenderRequest(TenderKind.CASH, Money(2**70)),)), ChangeTooLarge),
    ("cash over the change limit", lambda: sale(LineRequest(WATER),
     tenders=(cash("102.01"),)), ChangeTooLarge),
    # Price overrides: never above the catalogue price, within the approver's limit.
    ("override above the price", lambda: sale(LineRequest(RICE, price_override=Money.yuan(60)),
     tenders=(cash(60),), staff=SUPERVISOR), PriceOverrideTooHigh),
    ("override of a billion", lambda: sale(LineRequest(RICE,
     price_override=Money.yuan(1_000_000_000)), tenders=(cash(60),), staff=SUPERVISOR),
     PriceOverrideTooHigh),
    ("override past int64", lambda: sale(LineRequest(RICE, price_override=Money(2**70)),
     tenders=(cash(60),), staff=SUPERVISOR), PriceOverrideTooHigh),
    ("override negative", lambda: sale(LineRequest(RICE, price_override=Money(-1)),
     tenders=(cash(60),), staff=SUPERVISOR), InvalidAmount),
    ("override beyond a supervisor's cut", lambda: sale(LineRequest(RICE,
     price_override=Money.yuan(10)), tenders=(cash(60),), staff=SUPERVISOR),
     PriceOverrideBeyondRole),
]  # fmt: skip


@pytest.mark.parametrize(("case", "make", "error"), BAD_SALES, ids=[c[0] for c in BAD_SALES])
def test_bad_sale_is_refused_and_nothing_written(
    ctx: Context,
    unchanged: Callable[[], None],
    case: str,
    make: Callable[[], CheckoutRequest],
    error: type[UserFacingError],
) -> None:
    with pytest.raises(error) as info:
        checkout(ctx, make())
    assert info.value.message and "{" not in info.value.message, case
    unchanged()


def test_wrong_pin_records_only_the_failure(ctx: Context, db_path: Path) -> None:
    """The failure is audited and pushed to head office (which counts them chain-wide)."""
    before = table_counts(db_path)
    req = sale(LineRequest(WATER), tenders=(stored_value(Money.yuan("1.90")),),
               member_id=GOLD_ID, pay_pin="111111")  # fmt: skip
    with pytest.raises(WrongPin):
        checkout(ctx, req)
    after = table_counts(db_path)
    counted = ("audit_log", "outbox")
    for table in counted:
        assert after[table] == before[table] + 1, table  # type: ignore[operator]
    # The audit row and the outbox row are each one link of the chain.
    assert after["chain_links"] == before["chain_links"] + 2  # type: ignore[operator]
    kept = (*counted, "chain_links")
    assert {k: v for k, v in after.items() if k not in kept} == {
        k: v for k, v in before.items() if k not in kept
    }
    from tests.services.helpers import rows

    ((payload,),) = rows(db_path, "select payload from outbox where kind = 'member.pay_pin_failed'")
    assert '"member_id": 900001' in payload or '"member_id":900001' in payload


def test_payment_pin_locks_after_repeated_failures(ctx: Context) -> None:
    req = sale(LineRequest(WATER), tenders=(stored_value(Money.yuan("1.90")),),
               member_id=GOLD_ID, pay_pin="111111")  # fmt: skip
    for left in (4, 3, 2, 1):
        with pytest.raises(WrongPin, match=f"{left} attempts"):
            checkout(ctx, req)
    with pytest.raises(PinLocked):
        checkout(ctx, req)
    # Even the right PIN is refused while locked.
    with pytest.raises(PinLocked):
        checkout(ctx, sale(LineRequest(WATER), tenders=(stored_value(Money.yuan("1.90")),),
                           member_id=GOLD_ID, pay_pin=GOLD_PIN))  # fmt: skip


def _sold(ctx: Context) -> str:
    return checkout(
        ctx, sale(LineRequest(WATER, quantity=2), LineRequest(RICE), tenders=(cash(60),))
    ).receipt_no


BAD_REFUNDS: list[tuple[str, dict[str, Any], type[UserFacingError]]] = [
    ("unknown receipt", {"receipt_no": "T01-99999999", "lines": {1: 1}}, UnknownReceipt),
    ("beyond what was sold", {"lines": {1: 3}}, RefundExceedsSold),
    ("nothing chosen", {"lines": {1: 0}}, NothingToRefund),
    ("negative quantity", {"lines": {1: -1}}, InvalidQuantity),
    ("quantity True", {"lines": {1: True}}, InvalidQuantity),
    ("quantity a float", {"lines": {1: 1.0}}, InvalidQuantity),
    ("line not on the receipt", {"lines": {7: 1}}, ValidationError),
    ("cashier without approval", {"lines": {1: 1}, "staff": CASHIER}, NotAllowed),
]


@pytest.mark.parametrize(("case", "change", "error"), BAD_REFUNDS, ids=[c[0] for c in BAD_REFUNDS])
def test_bad_refund_is_refused_and_nothing_written(
    ctx: Context,
    db_path: Path,
    case: str,
    change: dict[str, Any],
    error: type[UserFacingError],
) -> None:
    receipt_no = _sold(ctx)
    before = table_counts(db_path)
    args: dict[str, Any] = {"receipt_no": receipt_no, "staff": SUPERVISOR, **change}
    with pytest.raises(error) as info:
        refund(ctx, RefundRequest(refund_id=new_refund_id(), **args))
    assert info.value.message and "{" not in info.value.message, case
    assert table_counts(db_path) == before


@pytest.mark.parametrize(
    ("amount", "tenders", "staff", "error"),
    [
        (Money(0), (cash(0),), SUPERVISOR, InvalidAmount),
        (Money.yuan(100), (cash(50),), SUPERVISOR, TendersDoNotAddUp),
        (Money.yuan(100), (external(Money.yuan(200)),), SUPERVISOR, OverpaidNonCash),
        (Money.yuan(100), (stored_value(Money.yuan(100)),), SUPERVISOR, ValidationError),
        # A cashier alone up to ¥1,000 (stored_value.cashier_recharge_max); above it, not.
        (Money.yuan(1500), (cash(1500),), CASHIER, NotAllowed),
    ],
)
def test_bad_recharge_is_refused_and_nothing_written(
    ctx: Context,
    unchanged: Callable[[], None],
    amount: Money,
    tenders: tuple[Any, ...],
    staff: Any,
    error: type[UserFacingError],
) -> None:
    with pytest.raises(error):
        recharge(ctx, RechargeRequest(new_recharge_id(), GOLD_ID, amount, tenders, staff))
    unchanged()


@pytest.mark.parametrize(
    ("amount", "words"),
    [
        (Money.yuan(1_000_001), "at most ¥1,000,000.00"),
        (Money(2**70), "at most ¥1,000,000.00"),
        (Money(50), "at least ¥1.00"),
    ],
)
def test_recharge_out_of_range_says_the_limit(
    ctx: Context, unchanged: Callable[[], None], amount: Money, words: str
) -> None:
    with pytest.raises(RechargeOutOfRange) as info:
        recharge(
            ctx,
            RechargeRequest(
                new_recharge_id(), GOLD_ID, amount, (TenderRequest(TenderKind.CASH, amount),),
                SUPERVISOR,
            ),
        )  # fmt: skip
    assert words in info.value.message
    assert "positive" not in info.value.message
    unchanged()


def test_recharge_cash_over_the_change_limit(ctx: Context, unchanged: Callable[[], None]) -> None:
    with pytest.raises(ChangeTooLarge) as info:
        recharge(
            ctx,
            RechargeRequest(new_recharge_id(), GOLD_ID, Money.yuan(100), (cash(1_000_000),),
                            SUPERVISOR),
        )  # fmt: skip
    assert "¥100.00" in info.value.message
    unchanged()


def test_bounds_at_the_edge_are_accepted(ctx: Context) -> None:
    """The limits are limits, not walls before them: exactly at each one the sale goes through."""
    # ¥2.00 due, ¥100.00 most change: ¥102.00 in cash is fine.
    done = checkout(ctx, sale(LineRequest(WATER), tenders=(cash(102),)))
    assert done.change == Money.yuan(100)
    # A supervisor may cut a price by half; a manager to nothing.
    half = checkout(ctx, sale(LineRequest(RICE, price_override=Money.yuan(25)),
                              tenders=(cash(25),), staff=SUPERVISOR))  # fmt: skip
    assert half.total == Money.yuan(25)
    free = checkout(ctx, sale(LineRequest(RICE, price_override=Money(0)), staff=MANAGER))
    assert free.total == Money(0)


def test_ids_must_be_uuids(ctx: Context) -> None:
    with pytest.raises(ValueError, match="UUID"):
        checkout(ctx, CheckoutRequest("sale-1", CASHIER, (LineRequest(WATER),), (cash(2),)))
    assert new_sale_id() != new_sale_id()


# --- a person's words: no control or direction characters, not only spaces ---------------

UNSAFE_WORDS = [
    ("right-to-left override", "张\u202e三"),
    ("NUL", "张\x00三"),
    ("ESC bit image", "张\x1b*\x00\x10三"),
    ("DLE", "张\x10\x04三"),
    ("GS", "张\x1dV\x00"),
    ("newline", "张\n三"),
    ("left-to-right isolate", "\u2066张三"),
]
BLANK_WORDS = [("spaces", "   "), ("ideographic space and tab", "\u3000 ")]


def _register(ctx: Context, name: str) -> object:
    from pos_member.services.members import RegisterRequest, register_member

    return register_member(ctx, RegisterRequest(MANAGER, name, "13900009999", consent=True))


def _edit(ctx: Context, name: str) -> object:
    from pos_member.services.members import edit_member

    return edit_member(ctx, MANAGER, GOLD_ID, name=name)


def _staff(ctx: Context, name: str) -> object:
    from pos_member.services.auth import add_staff
    from pos_member.services.context import Role

    return add_staff(ctx, MANAGER, "4001", name, Role.CASHIER, "135792")


def _adjust(ctx: Context, reason: str) -> object:
    from pos_member.services.adjustments import adjust_points

    return adjust_points(ctx, MANAGER, None, GOLD_ID, 10, reason)


def _override(ctx: Context, reason: str) -> object:
    return checkout(ctx, sale(LineRequest(RICE, price_override=Money.yuan(40),
                                          override_reason=reason),
                              tenders=(cash(40),), staff=SUPERVISOR))  # fmt: skip


def _lost(ctx: Context, reason: str) -> object:
    from pos_member.services.cards import report_lost
    from tests.services.conftest import NORMAL_CARD

    return report_lost(ctx, SUPERVISOR, NORMAL_CARD, reason)


WORD_FIELDS: list[tuple[str, Callable[[Context, str], object], bool]] = [
    ("member name at registration", _register, True),
    ("member name edited", _edit, True),
    ("staff name", _staff, True),
    ("adjustment reason", _adjust, True),
    ("override reason", _override, False),
    ("lost-card reason", _lost, False),
]


@pytest.mark.parametrize(
    ("field", "call", "required"), WORD_FIELDS, ids=[f[0] for f in WORD_FIELDS]
)
@pytest.mark.parametrize(("kind", "words"), UNSAFE_WORDS, ids=[u[0] for u in UNSAFE_WORDS])
def test_control_and_bidi_characters_are_refused(
    ctx: Context,
    unchanged: Callable[[], None],
    field: str,
    call: Callable[[Context, str], object],
    required: bool,
    kind: str,
    words: str,
) -> None:
    with pytest.raises(ValidationError) as info:
        call(ctx, words)
    assert "U+" in info.value.message and "{" not in info.value.message, (field, kind)
    unchanged()


NEEDED = [(f, c) for f, c, required in WORD_FIELDS if required]


@pytest.mark.parametrize(("field", "call"), NEEDED, ids=[f[0] for f in NEEDED])
@pytest.mark.parametrize(("kind", "words"), BLANK_WORDS, ids=[b[0] for b in BLANK_WORDS])
def test_whitespace_only_is_refused_where_words_are_needed(
    ctx: Context,
    unchanged: Callable[[], None],
    field: str,
    call: Callable[[Context, str], object],
    kind: str,
    words: str,
) -> None:
    with pytest.raises(ValidationError) as info:
        call(ctx, words)
    assert info.value.message and "{" not in info.value.message, (field, kind)
    unchanged()


def test_an_ordinary_name_with_inner_spaces_is_kept(ctx: Context) -> None:
    from pos_member.services.members import edit_member

    assert edit_member(ctx, MANAGER, GOLD_ID, name="  Anna   Li ") == ["name"]
    from tests.services.helpers import rows

    ((sealed, masked),) = rows(
        ctx.settings.db_path, "select name_sealed, name_masked from members where id = ?", GOLD_ID
    )
    from pos_member.store import pii

    assert (pii.full_name(ctx.store.sealer, sealed), masked) == ("Anna Li", "A******")


# --- the payment PIN: 6 digits, not a weak one ------------------------------------------

WEAK_PINS = [
    ("four digits", "2468", "6 digits"),
    ("eight digits", "24681357", "6 digits"),
    ("letters", "12ab56", "6 digits"),
    ("full-width digits", "１３５７９０", "6 digits"),
    ("one digit six times", "777777", "one digit six times"),
    ("ascending run", "123456", "digits in a row"),
    ("ascending run from 3", "345678", "digits in a row"),
    ("descending run", "654321", "digits in a row"),
    ("birthday YYMMDD", "850602", "birthday"),
    ("birthday MMDDYY", "060285", "birthday"),
    ("birthday DDMMYY", "020685", "birthday"),
    ("birthday YYYYMM", "198506", "birthday"),
    ("phone tail", "000002", "phone number"),
]


@pytest.mark.parametrize(("case", "pin", "words"), WEAK_PINS, ids=[w[0] for w in WEAK_PINS])
def test_a_weak_payment_pin_is_refused_and_nothing_written(
    ctx: Context, unchanged: Callable[[], None], case: str, pin: str, words: str
) -> None:
    from pos_member.services.member_pin import set_pay_pin
    from tests.services.conftest import NORMAL_ID  # born 1985-06-02, phone 13900000002

    with pytest.raises(ValidationError) as info:
        set_pay_pin(ctx, MANAGER, NORMAL_ID, pin)
    assert words in info.value.message and "{" not in info.value.message, case
    unchanged()


def test_a_strong_payment_pin_is_kept(ctx: Context) -> None:
    from pos_member.services.member_pin import set_pay_pin
    from tests.services.conftest import NORMAL_ID

    set_pay_pin(ctx, MANAGER, NORMAL_ID, "730415")
    from tests.services.helpers import rows

    ((h,),) = rows(ctx.settings.db_path, "select pay_pin_hash from members where id=?", NORMAL_ID)
    from pos_member.services.auth import pin_matches

    assert pin_matches(h, "730415")


@pytest.mark.parametrize("amount", [Money.yuan(1_000_001), Money(2**70), Money(-(2**70))])
def test_a_stored_value_adjustment_past_the_limit_says_so(
    ctx: Context, unchanged: Callable[[], None], amount: Money
) -> None:
    from pos_member.services.adjustments import adjust_stored_value

    with pytest.raises(ValidationError) as info:
        adjust_stored_value(ctx, MANAGER, None, GOLD_ID, amount, Money(0), "盘点更正")
    assert "¥1,000,000.00" in info.value.message
    unchanged()
