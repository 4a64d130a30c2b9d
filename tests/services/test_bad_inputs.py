"""Each bad input at the counter: a clear message, and nothing written."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from pos_member.domain.errors import (
    BadCheckDigit,
    BalanceTooLow,
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
    RefundExceedsSold,
    TendersDoNotAddUp,
    UnknownProduct,
    UnknownReceipt,
    UserFacingError,
    ValidationError,
    WrongPin,
)
from pos_member.domain.money import Money
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
    before = table_counts(db_path)
    req = sale(LineRequest(WATER), tenders=(stored_value(Money.yuan("1.90")),),
               member_id=GOLD_ID, pay_pin="111111")  # fmt: skip
    with pytest.raises(WrongPin):
        checkout(ctx, req)
    after = table_counts(db_path)
    assert after["audit_log"] == before["audit_log"] + 1  # type: ignore[operator]
    assert after["chain_links"] == before["chain_links"] + 1  # type: ignore[operator]
    kept = ("audit_log", "chain_links")
    assert {k: v for k, v in after.items() if k not in kept} == {
        k: v for k, v in before.items() if k not in kept
    }


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
        (Money.yuan(100), (cash(100),), CASHIER, NotAllowed),
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


def test_ids_must_be_uuids(ctx: Context) -> None:
    with pytest.raises(ValueError, match="UUID"):
        checkout(ctx, CheckoutRequest("sale-1", CASHIER, (LineRequest(WATER),), (cash(2),)))
    assert new_sale_id() != new_sale_id()
