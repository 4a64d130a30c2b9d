"""Member cards at the manager's desk: issue, report lost, found, replace.

Three ways to issue a card (发卡):

* **UID mode**: a tapped IC card's UID is linked to a new card number.
* **Secure mode**: the reader driver writes the card number into the card's
  secure sector (``drivers.pcsc.PcscReaderDriver.issue_secure``) and hands
  back its verified read; the service records the card with the issuance
  counter the sector carries (``next_card_number`` and
  ``next_secure_counter`` say what to write). The ``card.issued`` (or
  ``card.replaced``) event carries the counter; head office keeps the
  highest counter of each card and its change feed brings it to every till
  (``sync.apply`` records it in ``secure_issuances``), so an older copy of
  the sector is refused chain-wide (``check_secure_counter``) and no till
  writes a counter another one already used. ``rewrite_secure_card`` writes
  a member's card again with a newer counter, which makes every earlier
  copy stale.
* **Barcode**: a pre-printed stock card is scanned; its check digit is
  verified and it must not belong to anyone yet.

Reporting a card lost (挂失) blocks it at once in this store and queues a
``card.reported_lost`` event; ``store.outbox.push_order`` puts card and member lifecycle
events ahead of sales so head office blocks it chain-wide on the next push.

Replacement (补卡): balances, points lots (each with its own expiry), tier,
coupons, count cards and history belong to the *member* in this store (the
ledgers have no card column), so nothing in the ledgers moves: the old card
becomes ``replaced`` (never usable again: the life cycle has no way out of
it), the new card becomes active for the same member, and a
``card_transfers`` row records exactly what the new card carries. The
statement shows that row, so the member sees the transfer. The card fee is
paid in cash or by an external tender (bank card, QR code) and recorded in
``card_fees`` with the shift, for the drawer.

Every function here is one transaction (business rows, audit, outbox) or
nothing, and checks its inputs before writing.
"""

from __future__ import annotations

import enum
import logging
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pos_member.domain.cards import (
    CardKind,
    CardState,
    card_transition,
    mask_card,
    state_words,
)
from pos_member.domain.errors import (
    NotAllowed,
    UnknownCard,
    ValidationError,
)
from pos_member.domain.events import EventKind
from pos_member.domain.money import Money
from pos_member.domain.prepaid import expiry_for
from pos_member.domain.rules import CardClass, ProgrammeRules
from pos_member.domain.text import person_words, phrase
from pos_member.services import auth
from pos_member.services.card_check import check_counter
from pos_member.services.checkout import open_shift_id
from pos_member.services.context import Approval, Context, Role, StaffSession
from pos_member.services.identify import normalise_uid
from pos_member.services.ledgers import member_lots
from pos_member.store import state
from pos_member.store.db import UnitOfWork
from pos_member.store.models import Card, CountCard, Coupon, Member, TerminalState
from pos_member.store.models_manager import (
    CardFee,
    CardTransfer,
    SecureIssuance,
)

log = logging.getLogger(__name__)


class IssueMode(enum.StrEnum):
    UID = "uid"
    SECURE = "secure"
    BARCODE = "barcode"


class FeeTender(enum.StrEnum):
    CASH = "cash"
    EXTERNAL = "external"  # bank card, WeChat/Alipay QR: ``method`` says which


@dataclass(frozen=True, slots=True)
class NewCard:
    """The card being issued, as the reader or scanner gave it.

    UID mode: ``uid``. Secure mode: ``uid``, ``card_number`` and ``counter``
    from the driver's verified read (``verified`` True). Barcode: ``card_number``.
    """

    mode: IssueMode
    uid: str | None = None
    card_number: str | None = None
    counter: int | None = None
    verified: bool = False


@dataclass(frozen=True, slots=True)
class FeePayment:
    tender: FeeTender
    method: str = ""


@dataclass(frozen=True, slots=True)
class IssuedCard:
    card_id: int
    number: str
    uid: str | None
    kind: str
    member_id: int
    fee: Money
    event_id: str


@dataclass(frozen=True, slots=True)
class ReplacedCard:
    old_card_id: int
    new_card: IssuedCard
    sv_principal: Money
    sv_bonus: Money
    points: int
    lots: int
    coupons: int
    transfer_event_id: str


# --- numbers and counters -------------------------------------------------------------------


def _state_int(s: Session, key: str) -> int | None:
    value = s.scalar(select(TerminalState.value).where(TerminalState.key == key))
    return int(value) if value is not None else None


def _next_number(s: Session, rules: ProgrammeRules) -> str:
    """The next free number of this terminal's block of card serials.

    Enrolment gives each terminal its own block (``hq.card_serial_base`` and
    ``hq.card_serial_block``), so tills issuing offline never collide. A terminal
    never enrolled (a stand-alone demo) numbers after the highest card it has.
    """
    rule = rules.card_rule
    body_len = rule.length - len(rule.prefix) - (1 if rule.check.value == "luhn" else 0)
    widest = 10**body_len - 1
    base = _state_int(s, state.HQ_CARD_SERIAL_BASE)
    block = _state_int(s, state.HQ_CARD_SERIAL_BLOCK)
    if base is None or block is None:
        lo_serial, hi_serial = 0, widest
    else:
        lo_serial, hi_serial = base, min(base + block - 1, widest)
        if lo_serial > widest:
            raise ValidationError(
                field="card number",
                problem=(
                    "this terminal's card numbers start at serial {base}, which does not fit "
                    "the programme's {length}-digit numbers: ask head office"
                ),
                base=base,
                length=rule.length,
            )
    lo, hi = rule.make(lo_serial), rule.make(hi_serial)
    # The highest number in range is one step down the unique index on cards.number.
    top = s.scalar(select(func.max(Card.number)).where(Card.number >= lo, Card.number <= hi))
    serial = (
        lo_serial if top is None else int(top[len(rule.prefix) : len(rule.prefix) + body_len]) + 1
    )
    if serial > hi_serial:
        raise ValidationError(
            field="card number",
            problem="this terminal has used its block of card numbers: sync with head office",
        )
    return rule.make(serial)


def next_card_number(ctx: Context) -> str:
    """The number to give (or write into) the next card issued here."""
    with ctx.store.reading() as s:
        _, rules = ctx.rules(s)
        return _next_number(s, rules)


def next_secure_counter(ctx: Context, uid: str) -> int:
    """The issuance counter to write into the card with ``uid`` (one more than the last).

    The last is the highest written here or, after a pull, anywhere in the chain.
    """
    key = normalise_uid(uid)
    with ctx.store.reading() as s:
        last = s.scalar(select(func.max(SecureIssuance.counter)).where(SecureIssuance.uid == key))
    return int(last or 0) + 1


def check_secure_counter(ctx: Context, card_number: str, counter: int) -> None:
    """Refuse a secure card whose sector is older than the last one written to it.

    The last is this store's own or, after a pull, the chain's (head office keeps
    the highest counter pushed by any till).
    """
    with ctx.store.reading() as s:
        check_counter(s, card_number, counter)


# --- issuing ----------------------------------------------------------------------------------


def _check_new_card(new: NewCard, rules: ProgrammeRules) -> tuple[str | None, str | None, str]:
    """(uid, number or None to allocate, kind) for the card in ``new``; nothing written."""
    if new.mode is IssueMode.UID:
        if not new.uid:
            raise ValidationError(field="card", problem="tap the card on the reader first")
        return normalise_uid(new.uid), None, CardKind.MIFARE.value
    if new.mode is IssueMode.SECURE:
        if not (new.uid and new.card_number and new.counter is not None):
            raise ValidationError(field="card", problem="the secure card was not written")
        if not new.verified:
            raise ValidationError(
                field="card", problem="the card's secure sector did not verify: issue it again"
            )
        return (
            normalise_uid(new.uid),
            rules.card_rule.validate(new.card_number),
            CardKind.MIFARE.value,
        )
    if not new.card_number:
        raise ValidationError(field="card", problem="scan the card's barcode first")
    return None, rules.card_rule.validate(new.card_number), CardKind.BARCODE.value


def _check_fee(fee: Money, payment: FeePayment | None) -> None:
    if fee.fen > 0 and payment is None:
        raise ValidationError(
            field="card fee", problem="the card fee is {fee}: choose how it is paid", fee=fee
        )


def _place_card(
    uow: UnitOfWork,
    rules: ProgrammeRules,
    member: Member,
    new: NewCard,
    uid: str | None,
    number: str | None,
    kind: str,
    today: date,
    expires_on: str | None,
    card_class: CardClass = CardClass.NAMED,
) -> Card:
    """Bring the new card into the active state for ``member`` (in the caller's transaction).

    A member's card is a named prepaid card (记名卡: docs/prepaid.md), whatever the stock
    was; an anonymous card (不记名卡) is sold without a member (``services.anonymous_cards``)
    and keeps its class when exchanged.
    """
    s = uow.session
    if uid is not None:
        holder = s.scalar(select(Card).where(Card.uid == uid))
        if holder is not None and not (
            number is not None and holder.number == number and holder.state == CardState.STOCK
        ):
            raise ValidationError(
                field="card", problem="this card is already registered: use a new card"
            )
    if number is None:
        number = _next_number(s, rules)
    card = s.scalar(select(Card).where(Card.number == number))
    if card is None:
        card = Card(number=number, uid=uid, kind=kind, state=CardState.STOCK.value)
        s.add(card)
    elif card.state != CardState.STOCK.value or card.member_id is not None:
        raise ValidationError(
            field="card",
            problem="card {number} is already {state}",
            number=mask_card(number),
            state=state_words(card.state),
        )
    card.state = card_transition(CardState(card.state), "issue").value
    card.member_id = member.id
    card.card_class = card_class.value
    card.uid = uid
    card.kind = kind
    card.issued_on = today.isoformat()
    card.expires_on = expires_on
    s.flush()
    if new.mode is IssueMode.SECURE:
        assert new.counter is not None and uid is not None
        _record_secure_counter(uow, card, uid, new.counter)
    return card


def _record_secure_counter(uow: UnitOfWork, card: Card, uid: str, counter: int) -> None:
    """Note ``counter`` as the last issuance of ``card``; refuse one not newer than the last.

    The station writes ``next_secure_counter``; a counter at or below the last one
    known for this UID (a pull brought a newer one meanwhile) would leave the card
    looking like a copy of itself, so the manager writes it again.
    """
    s = uow.session
    last = s.scalar(select(func.max(SecureIssuance.counter)).where(SecureIssuance.uid == uid))
    if last is not None and counter <= last:
        raise ValidationError(
            field="card",
            problem="a newer issuance of this card exists already: write the card again",
        )
    row = s.get(SecureIssuance, card.id)
    if row is None:
        s.add(SecureIssuance(card_id=card.id, uid=uid, counter=counter, issued_at=uow.now))
    else:
        row.uid, row.counter, row.issued_at = uid, counter, uow.now


def _secure_fields(new: NewCard) -> dict[str, int]:
    """The counter for a card event's payload when the card is secure-mode."""
    if new.mode is IssueMode.SECURE and new.counter is not None:
        return {"secure_counter": new.counter}
    return {}


def _charge_fee(
    uow: UnitOfWork,
    ctx: Context,
    kind: str,
    fee: Money,
    payment: FeePayment | None,
    member: Member,
    card: Card,
    staff: StaffSession,
    today: date,
) -> None:
    if fee.fen <= 0:
        return
    assert payment is not None
    event_id = uow.outbox(
        EventKind.CARD_FEE,
        {
            "member_id": member.id,
            "card_number": card.number,
            "kind": kind,
            "amount_fen": fee.fen,
            "tender": payment.tender.value,
            "method": payment.method,
            "business_date": today.isoformat(),
        },
    )
    uow.session.add(
        CardFee(
            event_id=event_id,
            member_id=member.id,
            card_id=card.id,
            kind=kind,
            amount_fen=fee.fen,
            tender_kind=payment.tender.value,
            method=payment.method[:16],
            terminal_id=uow.terminal_id,
            shift_id=open_shift_id(uow.session, uow.terminal_id),
            business_date=today.isoformat(),
            created_at=uow.now,
            staff_id=staff.staff_id,
        )
    )


def issue_card(
    ctx: Context,
    staff: StaffSession,
    member_id: int,
    new: NewCard,
    fee_payment: FeePayment | None = None,
) -> IssuedCard:
    """Issue the card in ``new`` to a member who has no active card; charge the card fee."""
    today = ctx.today()
    with ctx.store.reading() as s:
        _, rules = ctx.rules(s)
    uid, number, kind = _check_new_card(new, rules)
    _check_fee(rules.card_fee, fee_payment)
    with ctx.store.unit_of_work(ctx.terminal_id, ctx.now_iso()) as uow:
        s = uow.session
        _, rules = ctx.rules(s)
        member = s.get(Member, member_id)
        if member is None:
            raise UnknownCard(number=str(member_id))
        active = s.scalar(
            select(Card).where(Card.member_id == member_id, Card.state == CardState.ACTIVE.value)
        )
        if active is not None:
            raise ValidationError(
                field="card",
                problem=(
                    "the member already has card {number}: report it lost and replace it instead"
                ),
                number=mask_card(active.number),
            )
        card = _place_card(uow, rules, member, new, uid, number, kind, today, None)
        event_id = uow.outbox(
            EventKind.CARD_ISSUED,
            {
                "card_number": card.number,
                "member_id": member.id,
                "new_card_uid": card.uid,
                "card_kind": card.kind,
                **_secure_fields(new),
            },
        )
        _charge_fee(uow, ctx, "issue", rules.card_fee, fee_payment, member, card, staff, today)
        uow.audit(
            "card.issue",
            staff_id=staff.staff_id,
            subject=card.number,
            event_id=event_id,
            detail={"member_id": member.id, "mode": new.mode.value, "fee_fen": rules.card_fee.fen},
        )
        return IssuedCard(
            card.id, card.number, card.uid, card.kind, member.id, rules.card_fee, event_id
        )


def rewrite_secure_card(
    ctx: Context, staff: StaffSession, new: NewCard, reason: str = ""
) -> IssuedCard:
    """Record a member's secure card written again with a newer issuance counter.

    When a copy is suspected (a till refused the card with ``CardCounterReplayed``,
    or the card left the member's hands for a while), a supervisor writes the
    genuine card's sector again with ``next_secure_counter``: every earlier dump
    is then older than the chain's last issuance and refused at every till once
    head office has it. The card keeps its number, member and balances; nothing
    is charged. The event is a ``card.issued`` of the same card with the new
    counter (pushed first, like every card event; head office keeps the highest).
    """
    if staff.role < Role.SUPERVISOR:
        raise NotAllowed(action="Rewriting a secure card", role="supervisor")
    if new.mode is not IssueMode.SECURE:
        raise ValidationError(field="card", problem="only a secure-mode card can be rewritten")
    with ctx.store.reading() as s:
        _, rules = ctx.rules(s)
    uid, number, _kind = _check_new_card(new, rules)
    assert uid is not None and number is not None and new.counter is not None
    with ctx.store.unit_of_work(ctx.terminal_id, ctx.now_iso()) as uow:
        s = uow.session
        card = _card_by_number(s, number)
        if card.state != CardState.ACTIVE.value or card.member_id is None:
            raise ValidationError(
                field="card",
                problem="only an active card can be written again",
            )
        if card.uid != uid:
            raise ValidationError(
                field="card",
                problem="this is not the member's card: put the member's own card on the reader",
            )
        _record_secure_counter(uow, card, uid, new.counter)
        event_id = uow.outbox(
            EventKind.CARD_ISSUED,
            {
                "card_number": card.number,
                "member_id": card.member_id,
                "new_card_uid": uid,
                "card_kind": card.kind,
                "reason": _reason(reason),
                **_secure_fields(new),
            },
        )
        uow.audit(
            "card.rewrite",
            staff_id=staff.staff_id,
            subject=card.number,
            event_id=event_id,
            detail={"member_id": card.member_id, "counter": new.counter, "reason": _reason(reason)},
        )
        log.info("card %s: secure sector rewritten (issuance %d)", mask_card(number), new.counter)
        return IssuedCard(
            card.id, card.number, card.uid, card.kind, card.member_id, Money(0), event_id
        )


# --- lost, found ------------------------------------------------------------------------------


def _card_by_number(s: Session, number: str) -> Card:
    key = number.strip().replace(" ", "")
    if not key:
        raise ValidationError(field="card number", problem="type or scan the card number")
    card = s.scalar(select(Card).where(Card.number == key))
    if card is None:
        raise UnknownCard(number=mask_card(key))
    return card


def _lifecycle(
    ctx: Context,
    staff: StaffSession,
    number: str,
    action: str,
    event_kind: EventKind,
    reason: str,
) -> str:
    with ctx.store.unit_of_work(ctx.terminal_id, ctx.now_iso()) as uow:
        card = _card_by_number(uow.session, number)
        new_state = card_transition(CardState(card.state), action)
        card.state = new_state.value
        event_id = uow.outbox(
            event_kind,
            {
                "card_number": card.number,
                "member_id": card.member_id,
                "card_kind": card.kind,
                "reason": _reason(reason),
            },
        )
        uow.audit(
            f"card.{action}",
            staff_id=staff.staff_id,
            subject=card.number,
            event_id=event_id,
            detail={"member_id": card.member_id, "reason": _reason(reason)},
        )
    log.info("card %s: %s", mask_card(card.number), action)
    return event_id


def report_lost(ctx: Context, staff: StaffSession, card_number: str, reason: str = "") -> str:
    """Block the card at once (any staff may: the member is on the phone). Returns the event id."""
    return _lifecycle(ctx, staff, card_number, "report_lost", EventKind.CARD_LOST, reason)


def report_found(ctx: Context, staff: StaffSession, card_number: str, reason: str = "") -> str:
    """Unblock a card the member found again (a supervisor or manager)."""
    if staff.role < Role.SUPERVISOR:
        raise NotAllowed(action="Unblocking a card", role="supervisor")
    return _lifecycle(ctx, staff, card_number, "found", EventKind.CARD_FOUND, reason)


# --- replacement --------------------------------------------------------------------------------


def replace_card(
    ctx: Context,
    staff: StaffSession,
    old_card_number: str,
    new: NewCard,
    fee_payment: FeePayment | None = None,
    approval: Approval | None = None,
    reason: str = "",
) -> ReplacedCard:
    """Move the member from a lost (or damaged) card to a new one; the old one is dead."""
    approved_by = auth.require(staff, "card_replacement", approval)
    today = ctx.today()
    with ctx.store.reading() as s:
        _, rules = ctx.rules(s)
    uid, number, kind = _check_new_card(new, rules)
    _check_fee(rules.replacement_fee, fee_payment)
    with ctx.store.unit_of_work(ctx.terminal_id, ctx.now_iso()) as uow:
        s = uow.session
        _, rules = ctx.rules(s)
        old = _card_by_number(s, old_card_number)
        if old.member_id is None:
            raise ValidationError(field="card", problem="this card was never issued")
        old_state = card_transition(CardState(old.state), "replace")
        member = s.get(Member, old.member_id)
        assert member is not None
        # An expired card is exchanged with its balance (never forfeited, docs/prepaid.md):
        # the new card's validity starts again, as its class gives it (a named card: none).
        expired = old.state == CardState.EXPIRED.value or (
            old.expires_on is not None and old.expires_on < today.isoformat()
        )
        expires_on = old.expires_on
        card_class = CardClass(old.card_class)
        if expired:
            valid = expiry_for(card_class, today, rules.prepaid)
            expires_on = valid.isoformat() if valid else None
        new_card = _place_card(
            uow, rules, member, new, uid, number, kind, today, expires_on, card_class
        )
        old.state = old_state.value
        old.replaced_by = new_card.id
        lots, entries = member_lots(s, member.id)
        remaining = {e.lot_id: e.delta for e in entries}
        lot_list = [
            {
                "lot_id": lot.lot_id,
                "points": remaining[lot.lot_id],
                "expires_on": lot.expires_on.isoformat() if lot.expires_on else None,
            }
            for lot in sorted(lots, key=lambda x: (x.expires_on or date.max, x.lot_id))
        ]
        coupons = int(
            s.scalar(
                select(func.count(Coupon.id)).where(
                    Coupon.member_id == member.id,
                    Coupon.unused(),
                    Coupon.valid_until >= today.isoformat(),
                )
            )
            or 0
        )
        count_cards = int(
            s.scalar(
                select(func.count(CountCard.id)).where(
                    CountCard.member_id == member.id, CountCard.remaining_uses > 0
                )
            )
            or 0
        )
        fee = rules.replacement_fee
        event_id = uow.outbox(
            EventKind.CARD_REPLACED,
            {
                "card_number": old.number,
                "member_id": member.id,
                "new_card_number": new_card.number,
                "new_card_uid": new_card.uid,
                "card_kind": new_card.kind,
                "reason": _reason(reason),
                **_secure_fields(new),
                **(
                    {"card_class": card_class.value, "card_expires_on": expires_on}
                    if card_class is CardClass.ANONYMOUS and expires_on
                    else {}
                ),
            },
        )
        s.add(
            CardTransfer(
                event_id=event_id,
                member_id=member.id,
                old_card_id=old.id,
                new_card_id=new_card.id,
                at=uow.now,
                business_date=today.isoformat(),
                sv_principal_fen=member.sv_principal_fen,
                sv_bonus_fen=member.sv_bonus_fen,
                points=member.points_balance,
                lots=lot_list,
                coupons=coupons,
                count_cards=count_cards,
                tier_code=member.tier_code,
                fee_fen=fee.fen,
                staff_id=staff.staff_id,
                approved_by=approved_by,
            )
        )
        _charge_fee(uow, ctx, "replace", fee, fee_payment, member, new_card, staff, today)
        uow.audit(
            "card.replace",
            staff_id=staff.staff_id,
            approved_by=approved_by,
            subject=old.number,
            event_id=event_id,
            detail={
                "member_id": member.id,
                "new_card": new_card.number,
                "mode": new.mode.value,
                "fee_fen": fee.fen,
            },
        )
        issued = IssuedCard(
            new_card.id, new_card.number, new_card.uid, new_card.kind, member.id, fee, event_id
        )
        return ReplacedCard(
            old_card_id=old.id,
            new_card=issued,
            sv_principal=Money(member.sv_principal_fen),
            sv_bonus=Money(member.sv_bonus_fen),
            points=member.points_balance,
            lots=len(lot_list),
            coupons=coupons,
            transfer_event_id=event_id,
        )


def _reason(reason: str) -> str:
    """A reason typed by staff: one line of words, no control characters (may be empty)."""
    return person_words(reason, phrase("reason"), max_len=128, required=False)


def card_and_member(session: Session, number: str) -> tuple[Card, Member | None]:
    """The card numbered ``number`` and its member (None for a card not yet issued)."""
    card = session.scalar(select(Card).where(Card.number == number))
    if card is None:
        raise UnknownCard(number=number)
    return card, (session.get(Member, card.member_id) if card.member_id else None)
