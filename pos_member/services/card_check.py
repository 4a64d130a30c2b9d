"""Whether a presented card may be used: the one check at the tap and again at payment.

``identify`` runs it when a card is tapped or scanned; ``checkout`` runs it
again inside the sale's transaction (``check_presented_card``), so a card
reported lost or replaced between the tap and the payment, one that expired
meanwhile, an older copy of a secure card, or a card of another member is
refused with the same message, and nothing is written.
"""

from __future__ import annotations

from datetime import date
from typing import Protocol

from sqlalchemy import select
from sqlalchemy.orm import Session

from pos_member.domain.cards import CardState, mask_card
from pos_member.domain.errors import (
    CardBlocked,
    CardError,
    CardExpired,
    CardNotIssued,
    CardReplaced,
    UnknownCard,
)
from pos_member.store.models import Card
from pos_member.store.models_manager import SecureIssuance


class CardCounterReplayed(CardError):
    code = "card.counter_replayed"
    template = (
        "Card {number} carries an older issuance than the one this store wrote: "
        "it may be a copy. Keep the card and call the manager."
    )


class CardOfAnotherMember(CardError):
    code = "card.other_member"
    template = (
        "Card {number} belongs to another member, not to the member of this sale: "
        "identify the member again with their own card."
    )


class CardRow(Protocol):
    """What the state check reads of a card (a ``Card`` row or a plain lookup row)."""

    @property
    def number(self) -> str: ...
    @property
    def state(self) -> str: ...
    @property
    def member_id(self) -> int | None: ...
    @property
    def expires_on(self) -> str | None: ...


def check_card_state(card: CardRow, today: date) -> None:
    """Refuse a card that is not issued, lost, replaced or expired on ``today``."""
    state = CardState(card.state)
    if state is CardState.STOCK or card.member_id is None:
        raise CardNotIssued(number=mask_card(card.number))
    if state is CardState.LOST:
        raise CardBlocked(number=mask_card(card.number))
    if state is CardState.REPLACED:
        raise CardReplaced(number=mask_card(card.number))
    if state is CardState.EXPIRED or (card.expires_on and card.expires_on < today.isoformat()):
        raise CardExpired(number=mask_card(card.number), expired_on=card.expires_on or "")


def check_counter(session: Session, card_number: str, counter: int) -> None:
    """Refuse a secure card whose sector is older than the last one written to it.

    The last is this store's own or, after a pull, the chain's (head office keeps
    the highest counter pushed by any till).
    """
    last = session.scalar(
        select(SecureIssuance.counter)
        .join(Card, Card.id == SecureIssuance.card_id)
        .where(Card.number == card_number)
    )
    if last is not None and counter < last:
        raise CardCounterReplayed(number=mask_card(card_number))


def presented_card_number(session: Session, card_id: int | None) -> str | None:
    """The number of the card presented for the sale (None: no card, by phone say).

    The sale event carries it, so head office can tell a card used after it
    blocked it there, before this till pulled the block.
    """
    if card_id is None:
        return None
    card = session.get(Card, card_id)
    return card.number if card is not None else None


def check_presented_card(
    session: Session, card_id: int, member_id: int | None, counter: int | None, today: date
) -> None:
    """The card presented for ``member_id``, checked as at the tap, in ``session``'s transaction.

    ``counter`` is the issuance counter of a verified secure read, else None.
    """
    card = session.get(Card, card_id)
    if card is None:
        raise UnknownCard(number=str(card_id))
    check_card_state(card, today)
    if card.member_id != member_id:
        raise CardOfAnotherMember(number=mask_card(card.number))
    if counter is not None:
        check_counter(session, card.number, counter)
