"""Identifying the member: by card number, UID and phone, with the card state checked."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from pos_member.domain.errors import (
    BadCheckDigit,
    CardBlocked,
    CardExpired,
    CardNotIssued,
    CardReplaced,
    UnknownCard,
    ValidationError,
)
from pos_member.domain.identifiers import IdKind
from pos_member.domain.money import Money
from pos_member.services.context import Context
from pos_member.services.identify import identify, normalise_uid
from tests.services.conftest import (
    EXPIRED_CARD,
    GOLD_CARD,
    GOLD_ID,
    GOLD_PHONE,
    GOLD_UID,
    LOST_CARD,
    REPLACED_CARD,
    RULE,
    STOCK_CARD,
)


def test_by_card_number_uid_and_phone_find_the_same_member(ctx: Context) -> None:
    by_number = identify(ctx, GOLD_CARD)
    by_uid = identify(ctx, "04:aa:bb:cc", IdKind.UID)
    by_uid_auto = identify(ctx, GOLD_UID)
    by_phone = identify(ctx, "+86 139-0000-0001")
    assert {v.member_id for v in (by_number, by_uid, by_uid_auto, by_phone)} == {GOLD_ID}
    assert by_number.tier_code == "gold"
    assert by_number.sv_principal == Money.yuan(1000)
    assert by_number.sv_bonus == Money.yuan(60)  # 充1000送60
    assert by_number.points == 2000
    assert by_number.has_pay_pin


def test_view_masks_personal_data(ctx: Context) -> None:
    view = identify(ctx, GOLD_PHONE)
    assert view.phone_masked == "139****0001"
    assert view.name_masked == "张**"
    assert view.card_number_masked is not None and GOLD_CARD not in view.card_number_masked


def test_seeded_members_are_found_by_all_three_keys(ctx: Context) -> None:
    from pos_member.seed.demo import phone_for, uid_for

    number = RULE.make(7)
    assert identify(ctx, number).member_id == 7
    assert identify(ctx, uid_for(6)).member_id == 7
    assert identify(ctx, phone_for(6)).member_id == 7


@pytest.mark.parametrize(
    ("text", "error"),
    [
        (LOST_CARD, CardBlocked),
        (REPLACED_CARD, CardReplaced),
        (STOCK_CARD, CardNotIssued),
        (EXPIRED_CARD, CardExpired),
        (RULE.make(123_456), UnknownCard),
        (GOLD_CARD[:-1] + str((int(GOLD_CARD[-1]) + 1) % 10), BadCheckDigit),
        ("13999999999", UnknownCard),
        ("DEADBEEF", UnknownCard),
        ("   ", ValidationError),
    ],
)
def test_refused_cards_have_clear_messages_and_write_nothing(
    ctx: Context, unchanged: Callable[[], None], text: str, error: type[Exception]
) -> None:
    with pytest.raises(error) as info:
        identify(ctx, text)
    message = str(info.value)
    assert message and "{" not in message
    unchanged()


def test_lost_card_message_tells_the_cashier_what_to_do(ctx: Context) -> None:
    with pytest.raises(CardBlocked, match="lost"):
        identify(ctx, LOST_CARD)


def test_bad_uid_shapes_are_refused() -> None:
    assert normalise_uid("04 a1-b2:c3") == "04A1B2C3"
    with pytest.raises(ValidationError):
        normalise_uid("04A1B2")
