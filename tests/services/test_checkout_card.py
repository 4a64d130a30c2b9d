"""Checkout checks the presented card again inside its transaction (``recheck_card``).

Between the tap and the payment the card may be reported lost, replaced,
expire, have its secure sector rewritten, or the request may carry another
member's card: each is refused with the message the tap gives, and nothing is
written (no sale, no ledger entry, no receipt number, no outbox row).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import update

from pos_member.domain.errors import CardBlocked, CardExpired, CardReplaced, UserFacingError
from pos_member.domain.money import Money
from pos_member.services.card_check import CardCounterReplayed, CardOfAnotherMember
from pos_member.services.cards import report_lost
from pos_member.services.checkout import CheckoutRequest, LineRequest, checkout
from pos_member.services.context import Context
from pos_member.services.identify import identify
from pos_member.store.models import Card
from pos_member.store.models_manager import SecureIssuance
from tests.services.conftest import (
    CASHIER,
    GOLD_CARD,
    GOLD_ID,
    GOLD_PIN,
    NORMAL_CARD,
    RICE,
    TODAY,
    table_counts,
)
from tests.services.helpers import sale, stored_value


def _pay_with_card(card_id: int | None, counter: int | None = None) -> CheckoutRequest:
    return sale(
        LineRequest(RICE),
        tenders=(stored_value(Money.yuan("47.50")),),  # 50.00 at gold's 95%
        member_id=GOLD_ID,
        card_id=card_id,
        card_counter=counter,
        pay_pin=GOLD_PIN,
    )


def _refused_and_nothing_written(
    ctx: Context, db_path: Path, req: CheckoutRequest, error: type[UserFacingError]
) -> UserFacingError:
    before = table_counts(db_path)
    with pytest.raises(error) as refused:
        checkout(ctx, req)
    assert table_counts(db_path) == before
    return refused.value


def _set_card(ctx: Context, number: str, **values: object) -> None:
    """A card's row as a pull from head office (another store's action) leaves it."""
    with ctx.store.session() as s:
        s.execute(update(Card).where(Card.number == number).values(**values))


def test_the_card_tapped_pays_when_nothing_changed(ctx: Context) -> None:
    tapped = identify(ctx, GOLD_CARD)
    result = checkout(ctx, _pay_with_card(tapped.card_id))
    assert result.total == Money.yuan("47.50")


def _report_lost(ctx: Context) -> None:
    report_lost(ctx, CASHIER, GOLD_CARD, "member phoned")


def _replaced_elsewhere(ctx: Context) -> None:
    _set_card(ctx, GOLD_CARD, state="replaced")  # replaced at another store, pulled


@pytest.mark.parametrize(
    ("meanwhile", "error"), [(_report_lost, CardBlocked), (_replaced_elsewhere, CardReplaced)]
)
def test_a_card_lost_or_replaced_after_the_tap_is_refused_as_at_the_tap(
    ctx: Context,
    db_path: Path,
    meanwhile: Callable[[Context], None],
    error: type[UserFacingError],
) -> None:
    tapped = identify(ctx, GOLD_CARD)
    meanwhile(ctx)
    refused = _refused_and_nothing_written(ctx, db_path, _pay_with_card(tapped.card_id), error)
    with pytest.raises(error) as at_tap:
        identify(ctx, GOLD_CARD)
    assert refused.message == at_tap.value.message


def test_a_card_that_expired_since_the_tap_is_refused(ctx: Context, db_path: Path) -> None:
    tapped = identify(ctx, GOLD_CARD)
    _set_card(ctx, GOLD_CARD, expires_on=(TODAY - timedelta(days=1)).isoformat())
    _refused_and_nothing_written(ctx, db_path, _pay_with_card(tapped.card_id), CardExpired)


def test_another_members_card_is_refused(ctx: Context, db_path: Path) -> None:
    other = identify(ctx, NORMAL_CARD)
    refused = _refused_and_nothing_written(
        ctx, db_path, _pay_with_card(other.card_id), CardOfAnotherMember
    )
    assert NORMAL_CARD not in refused.message  # masked, as on every screen


def test_an_older_secure_sector_than_the_one_written_since_is_refused(
    ctx: Context, db_path: Path
) -> None:
    tapped = identify(ctx, GOLD_CARD)
    assert tapped.card_id is not None
    with ctx.store.session() as s:  # the card was rewritten (counter 3), as a pull brings it
        s.add(SecureIssuance(card_id=tapped.card_id, uid="04AABBCC", counter=3,
                             issued_at="2026-11-23T10:00:00+08:00"))  # fmt: skip
    _refused_and_nothing_written(
        ctx, db_path, _pay_with_card(tapped.card_id, counter=2), CardCounterReplayed
    )
    assert checkout(ctx, _pay_with_card(tapped.card_id, counter=3)).total.fen == 4750


def test_a_sale_identified_by_phone_carries_no_card_to_check(ctx: Context) -> None:
    # No card was presented: losing the member's card does not stop a phone sale.
    report_lost(ctx, CASHIER, GOLD_CARD, "member phoned")
    assert checkout(ctx, _pay_with_card(None)).total == Money.yuan("47.50")
