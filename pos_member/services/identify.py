"""Finding the member at the counter: by card number, card UID, phone or member code.

Every lookup is an exact match on a unique index (never a LIKE scan), and
the card's state is checked: stock, lost, replaced and expired cards are
refused with a message the cashier can act on.
"""

from __future__ import annotations

import logging
import sqlite3
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from pos_member.domain.cards import mask_card
from pos_member.domain.errors import (
    MemberErased,
    UnknownCard,
    UnknownPhone,
    ValidationError,
)
from pos_member.domain.identifiers import (
    BY_CARD_NUMBER,
    BY_UID,
    LOOKUP_KINDS,
    IdKind,
    Reading,
    ScanRejected,
    identify_text,
    parse_as,
)
from pos_member.domain.ledger import SVBalance
from pos_member.domain.member_code import MemberCodeUnknownKey
from pos_member.domain.money import Money
from pos_member.services import balances, member_code
from pos_member.services.card_check import check_card_state, check_counter
from pos_member.services.context import Context
from pos_member.store.pii import HIDDEN_STATUSES, phone_index

log = logging.getLogger(__name__)


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
    #: What the member owes after a confirmed overdraft (two stores spent one balance
    #: offline); the balances above are then what is left to spend, the debt netted off.
    sv_owed: Money = Money(0)
    points_owed: int = 0
    #: How the member was identified (an ``IdKind`` value; None: looked up by id).
    id_method: str | None = None

    @property
    def stored_value(self) -> Money:
        return self.sv_principal + self.sv_bonus


def normalise_uid(text: str) -> str:
    """``04:a1 b2-c3`` -> ``04A1B2C3``; refuses anything that is not a 4/7/10-byte UID."""
    return parse_as(IdKind.UID, text or "", Reading())


@dataclass(frozen=True, slots=True)
class _CardRow:
    id: int
    number: str
    state: str
    member_id: int | None
    expires_on: str | None


# One indexed statement per lookup, on the store's plain read connection.
# The person's columns are the masked forms (``store.pii``); ``m.status`` comes last so
# an erased or restricted member is told apart (``MemberErased``).
_MEMBER_COLS = (
    "m.id, m.name_masked, m.phone_masked, m.birthday, m.tier_code, m.sv_principal_fen,"
    " m.sv_bonus_fen, m.points_balance, m.pay_pin_hash IS NOT NULL, m.status"
)
_VISIBLE = "m.status NOT IN ('erased', 'restricted')"
_BY_CARD = (
    f"SELECT c.id, c.number, c.state, c.member_id, c.expires_on, {_MEMBER_COLS}"
    " FROM cards c LEFT JOIN members m ON m.id = c.member_id WHERE c.{col} = ?"
)
_BY_NUMBER = _BY_CARD.replace("{col}", "number")
_BY_UID = _BY_CARD.replace("{col}", "uid")
_ACTIVE_CARD = (
    "SELECT id, number FROM cards WHERE member_id = ? AND state = 'active' ORDER BY id DESC LIMIT 1"
)
# The keyed hash of the typed phone, on its unique index (``pii.phone_index``).
_BY_PHONE = f"SELECT {_MEMBER_COLS} FROM members m WHERE m.phone_index = ? AND {_VISIBLE}"
_BY_ID = f"SELECT {_MEMBER_COLS} FROM members m WHERE m.id = ?"
_COUNT_CARDS = (
    "SELECT id, name, remaining_uses, expires_on FROM count_cards"
    " WHERE member_id = ? AND remaining_uses > 0"
)


def identify(
    ctx: Context,
    text: str,
    kind: IdKind | None = None,
    *,
    secure_counter: int | None = None,
) -> MemberView:
    """The member for what was scanned, tapped or typed.

    With no ``kind`` the string is read by the identifier registry
    (``pos_member.domain.identifiers``, the ``LOOKUP_KINDS``): the programme's
    card number (check digit verified before any lookup), a mobile number, a
    hex UID; other digits are tried as the number of a card of another kind
    (ID or magnetic-stripe cards typed by keyboard readers). A ``kind`` says
    what ``text`` is (its identifier normalises it or says why it cannot).

    ``secure_counter`` is the issuance counter of a verified secure-mode read
    (its sector's MAC checked by the driver; ``text`` is the card number it
    carries). A sector older than the last one written to the card, here or
    (after a pull) at any store of the chain, is a copy of an earlier issue
    and is refused (``CardCounterReplayed``).
    """
    raw = text.strip()
    if not raw:
        raise ValidationError(field="card", problem="nothing was scanned")
    conn = ctx.store.raw_reader()
    _, rules = ctx.rules_raw(conn)
    reading = Reading(card_rule=rules.card_rule)
    if kind is None:
        found = identify_text(raw, reading, LOOKUP_KINDS)
        if found.rejected:
            if found.problem is not None and not isinstance(found.problem, ScanRejected):
                raise found.problem  # a card number of the programme's shape, but wrong
            raise UnknownCard(number=mask_card(raw.replace(" ", "")))
        kind, key = found.kind, found.value
    else:
        key = parse_as(kind, raw, reading)
    return identify_key(ctx, kind, key, secure_counter=secure_counter)


def identify_key(
    ctx: Context, kind: IdKind, key: str, *, secure_counter: int | None = None
) -> MemberView:
    """The member for ``key``, already read as ``kind`` by the identifier registry.

    A member code (``IdKind.MEMBER_CODE``: ``key`` is the whole payload) is verified
    offline and used up at this till (``services.member_code.take_code``); its
    member is shown like a card's, by the member's own active card if any
    (``id_method`` says it came by code: the panel shows 电子会员卡)."""
    return replace(_lookup(ctx, kind, key, secure_counter), id_method=kind.value)


def _lookup(ctx: Context, kind: IdKind, key: str, secure_counter: int | None) -> MemberView:
    if secure_counter is not None and kind is not IdKind.MEMBER_CARD:
        raise ValidationError(
            field="card", problem="a secure card read must carry a member-card number"
        )
    conn = ctx.store.raw_reader()
    if kind is IdKind.MEMBER_CODE:
        # The member is looked up first: a code for a member this till has not pulled
        # yet is refused before it is used up.
        code = member_code.check_code(ctx, key)
        row = conn.execute(_BY_ID, (code.member_id,)).fetchone()
        if row is None or row[-1] in HIDDEN_STATUSES:
            raise MemberCodeUnknownKey()
        member_code.use_code(ctx, code)
        card = conn.execute(_ACTIVE_CARD, (row[0],)).fetchone()
        return _view(conn, row, card)
    if kind is IdKind.PHONE:
        row = conn.execute(_BY_PHONE, (phone_index(ctx.store.sealer, key),)).fetchone()
        if row is None:
            raise UnknownPhone(phone=key)  # what the cashier typed, as typed
        card = conn.execute(_ACTIVE_CARD, (row[0],)).fetchone()
        return _view(conn, row, card)
    if kind in BY_UID:
        sql, shown = _BY_UID, key
    elif kind in BY_CARD_NUMBER:
        sql, shown = _BY_NUMBER, mask_card(key)
    else:
        raise ScanRejected()  # a product code, say: it names no member
    row = conn.execute(sql, (key,)).fetchone()
    if row is None:
        raise UnknownCard(number=shown)
    if row[3] is not None and row[-1] in HIDDEN_STATUSES:
        raise MemberErased(number=shown)
    check_card_state(_CardRow(*row[:5]), ctx.today())
    if secure_counter is not None:
        with ctx.store.reading() as s:
            check_counter(s, row[1], secure_counter)
    return _view(conn, row[5:], (row[0], row[1]))


def member_view(ctx: Context, member_id: int) -> MemberView:
    """Fresh balances of a member already identified (after a sale, say)."""
    conn = ctx.store.raw_reader()
    row = conn.execute(_BY_ID, (member_id,)).fetchone()
    if row is None:
        raise UnknownCard(number=str(member_id))
    if row[-1] in HIDDEN_STATUSES:
        raise MemberErased(number=str(member_id))
    return _view(conn, row, conn.execute(_ACTIVE_CARD, (member_id,)).fetchone())


def _view(conn: sqlite3.Connection, m: tuple[Any, ...], card: tuple[Any, ...] | None) -> MemberView:
    mid, name, phone, birthday, tier, principal, bonus, points, has_pin, _status = m
    counts = conn.execute(_COUNT_CARDS, (mid,)).fetchall()
    spend = balances.spendable(conn, mid, SVBalance(Money(principal), Money(bonus)), points)
    return MemberView(
        member_id=mid,
        name_masked=name or "",
        phone_masked=phone or "",
        tier_code=tier,
        birthday=date.fromisoformat(birthday) if birthday else None,
        card_id=card[0] if card else None,
        card_number_masked=mask_card(card[1]) if card else None,
        sv_principal=spend.sv.principal,
        sv_bonus=spend.sv.bonus,
        points=spend.points,
        has_pay_pin=bool(has_pin),
        count_cards=tuple(CountCardView(*c) for c in counts),
        sv_owed=spend.sv_owed,
        points_owed=spend.points_owed,
    )


# --- the last four digits of the phone (the customer forgot the card) -------------------

#: At most this many members are offered for one four-digit ending (the counter asks for
#: the whole number when more share it).
PHONE_TAIL_LIMIT = 20
_BY_PHONE_TAIL = (
    "SELECT id, name_masked, phone_masked, tier_code FROM members"
    " WHERE phone_last4 = ? AND status = 'active' ORDER BY id LIMIT ?"
)


@dataclass(frozen=True, slots=True)
class PhoneMatch:
    """One member whose phone ends in the digits typed, masked as the counter shows it."""

    member_id: int
    name_masked: str
    phone_masked: str
    tier_code: str


@dataclass(frozen=True, slots=True)
class PhoneTailMatches:
    tail: str
    matches: tuple[PhoneMatch, ...]
    more: bool  # more members share the ending than are listed


def members_by_phone_tail(ctx: Context, tail: str) -> PhoneTailMatches:
    """Members whose phone ends in ``tail`` (exactly 4 digits), first registered first."""
    t = tail.strip()
    if not (len(t) == 4 and t.isascii() and t.isdigit()):
        raise ValidationError(
            field="phone", problem="type the last 4 digits of the phone, e.g. 5678"
        )
    conn = ctx.store.raw_reader()
    rows = conn.execute(_BY_PHONE_TAIL, (t, PHONE_TAIL_LIMIT + 1)).fetchall()
    found = tuple(
        PhoneMatch(int(mid), name or "", phone or "", str(tier))
        for mid, name, phone, tier in rows[:PHONE_TAIL_LIMIT]
    )
    return PhoneTailMatches(t, found, len(rows) > PHONE_TAIL_LIMIT)


def picked_by_phone(ctx: Context, member_id: int) -> MemberView:
    """The member the cashier picked from the phone-ending list (identified by phone)."""
    return replace(member_view(ctx, member_id), id_method=IdKind.PHONE.value)
