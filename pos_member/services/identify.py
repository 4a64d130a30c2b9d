"""Finding the member at the counter: by card number, card UID or phone.

Every lookup is an exact match on a unique index (never a LIKE scan), and
the card's state is checked: stock, lost, replaced and expired cards are
refused with a message the cashier can act on.
"""

from __future__ import annotations

import enum
import logging
import re
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from pos_member.domain.cards import CardState, is_phone, mask_card, mask_name, mask_phone
from pos_member.domain.cards import normalise_phone as _normalise_phone
from pos_member.domain.errors import (
    CardBlocked,
    CardExpired,
    CardNotIssued,
    CardReplaced,
    UnknownCard,
    ValidationError,
)
from pos_member.domain.money import Money
from pos_member.services.context import Context
from pos_member.store.models import Card, CountCard, Member

log = logging.getLogger(__name__)

_HEX_UID = re.compile(r"^(?:[0-9A-F]{8}|[0-9A-F]{14}|[0-9A-F]{20})$")


class LookupKind(enum.StrEnum):
    AUTO = "auto"
    CARD_NUMBER = "card_number"
    UID = "uid"
    PHONE = "phone"


@dataclass(frozen=True, slots=True)
class CountCardView:
    id: int
    name: str
    remaining_uses: int
    expires_on: str | None


@dataclass(frozen=True, slots=True)
class MemberView:
    """The member as the counter may show them: PII masked, balances in Money."""

    member_id: int
    name_masked: str
    phone_masked: str
    tier_code: str
    birthday: date | None
    card_id: int | None
    card_number_masked: str | None
    sv_principal: Money
    sv_bonus: Money
    points: int
    has_pay_pin: bool
    count_cards: tuple[CountCardView, ...] = ()

    @property
    def stored_value(self) -> Money:
        return self.sv_principal + self.sv_bonus


def normalise_uid(text: str) -> str:
    """``04:a1 b2-c3`` -> ``04A1B2C3``; refuses anything that is not a 4/7/10-byte UID."""
    uid = re.sub(r"[\s:\-]", "", text).upper()
    if not _HEX_UID.match(uid):
        raise ValidationError(field="card UID", problem="4, 7 or 10 bytes of hex expected")
    return uid


def check_card_state(card: Card, today: date) -> None:
    state = CardState(card.state)
    if state is CardState.STOCK or card.member_id is None:
        raise CardNotIssued(number=mask_card(card.number))
    if state is CardState.LOST:
        raise CardBlocked(number=mask_card(card.number))
    if state is CardState.REPLACED:
        raise CardReplaced(number=mask_card(card.number))
    if state is CardState.EXPIRED or (card.expires_on and card.expires_on < today.isoformat()):
        raise CardExpired(number=mask_card(card.number), expired_on=card.expires_on or "")


def identify(ctx: Context, text: str, kind: LookupKind = LookupKind.AUTO) -> MemberView:
    """The member for what was scanned, tapped or typed.

    ``AUTO`` routes by shape: the programme's card-number pattern (check digit
    verified before any lookup), a mobile number, a hex UID; anything else is
    tried as the number of a card of another kind (ID or magnetic-stripe cards
    typed by keyboard readers).
    """
    raw = text.strip()
    if not raw:
        raise ValidationError(field="card", problem="nothing was scanned")
    today = ctx.today()
    with ctx.store.reading() as s:
        _, rules = ctx.rules(s)
        card_rule = rules.card_rule
        if kind is LookupKind.AUTO:
            compact = raw.replace(" ", "")
            if card_rule.looks_like(compact):
                kind = LookupKind.CARD_NUMBER
            elif is_phone(raw):
                kind = LookupKind.PHONE
            elif _HEX_UID.match(re.sub(r"[\s:\-]", "", raw).upper()) and not compact.isdigit():
                kind = LookupKind.UID
        card: Card | None
        if kind is LookupKind.CARD_NUMBER:
            number = card_rule.validate(raw)
            card = s.scalar(select(Card).where(Card.number == number))
            if card is None:
                raise UnknownCard(number=mask_card(number))
        elif kind is LookupKind.UID:
            uid = normalise_uid(raw)
            card = s.scalar(select(Card).where(Card.uid == uid))
            if card is None:
                raise UnknownCard(number=uid)
        elif kind is LookupKind.PHONE:
            phone = _normalise_phone(raw)
            member = s.scalar(select(Member).where(Member.phone == phone))
            if member is None:
                raise UnknownCard(number=mask_phone(phone))
            card = s.scalar(
                select(Card)
                .where(Card.member_id == member.id, Card.state == CardState.ACTIVE.value)
                .order_by(Card.id.desc())
            )
            return _view(s, member, card)
        else:
            number = raw.replace(" ", "")
            card = s.scalar(select(Card).where(Card.number == number))
            if card is None:
                raise UnknownCard(number=mask_card(number))
        check_card_state(card, today)
        member = s.get(Member, card.member_id)
        assert member is not None
        return _view(s, member, card)


def member_view(ctx: Context, member_id: int) -> MemberView:
    """Fresh balances of a member already identified (after a sale, say)."""
    with ctx.store.reading() as s:
        member = s.get(Member, member_id)
        if member is None:
            raise UnknownCard(number=str(member_id))
        card = s.scalar(
            select(Card)
            .where(Card.member_id == member.id, Card.state == CardState.ACTIVE.value)
            .order_by(Card.id.desc())
        )
        return _view(s, member, card)


def _view(s: Session, member: Member, card: Card | None) -> MemberView:
    counts = s.scalars(
        select(CountCard).where(CountCard.member_id == member.id, CountCard.remaining_uses > 0)
    ).all()
    return MemberView(
        member_id=member.id,
        name_masked=mask_name(member.name),
        phone_masked=mask_phone(member.phone or ""),
        tier_code=member.tier_code,
        birthday=date.fromisoformat(member.birthday) if member.birthday else None,
        card_id=card.id if card else None,
        card_number_masked=mask_card(card.number) if card else None,
        sv_principal=Money(member.sv_principal_fen),
        sv_bonus=Money(member.sv_bonus_fen),
        points=member.points_balance,
        has_pay_pin=member.pay_pin_hash is not None,
        count_cards=tuple(
            CountCardView(c.id, c.name, c.remaining_uses, c.expires_on) for c in counts
        ),
    )
