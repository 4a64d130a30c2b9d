"""Selling anonymous prepaid cards (不记名卡) at the counter (docs/prepaid.md).

An anonymous card is sold and loaded in one action, without a member: each card
gets a *holder* (a member row with no name, no phone and no personal data,
``members.name`` empty) that owns its balance, because balances belong to members
in this product's ledgers. The card is of class ``anonymous``: its cap is the
programme's ``prepaid.anonymous.cap`` (¥1,000), its expiry at least
``min_valid_years`` (3) from the day of sale (``domain.prepaid.expiry_for``),
printed on the receipt. The buyer's real name is recorded only when the whole
purchase reaches ``real_name_anonymous_bulk`` (¥10,000); a company's purchase from
``no_cash_company`` (¥5,000) is not paid in cash, as for any recharge.

The buyer chooses the cards' payment PIN (one for the purchase): paying from the
card at a sale is then the ordinary stored-value payment of its holder. An expired
card is exchanged with its balance (``services.cards.replace_card``), the new card
anonymous again with a new expiry.

Every card's events go to head office exactly once: ``member.registered`` (the
holder, ``anonymous``, with the card, its class and expiry) and ``recharge.completed``
(``card_class: anonymous``), each with its own id derived from the action's id, so
a repeated request returns the first result and writes nothing.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import select

from pos_member.domain.cards import mask_card
from pos_member.domain.errors import OverCap, UserFacingError, ValidationError
from pos_member.domain.events import EventKind
from pos_member.domain.ledger import SVBalance
from pos_member.domain.money import Money
from pos_member.domain.pin import check_pay_pin
from pos_member.domain.prepaid import (
    BuyerKind,
    check_recharge_room,
    expiry_for,
    max_recharge,
    real_name_needed,
)
from pos_member.domain.rules import CardClass
from pos_member.domain.tenders import TenderKind, TenderRequest
from pos_member.services import auth, prepaid
from pos_member.services.cards import IssueMode, NewCard, _check_new_card, _place_card
from pos_member.services.checkout import load_result, shift_id_or_refuse
from pos_member.services.context import Approval, Context, StaffSession
from pos_member.services.members import next_member_id
from pos_member.services.stored_value import RechargeRequest, _applied_tenders, write_recharge
from pos_member.store.models import Member, Sale, StoredValueEntry
from pos_member.store.models_prepaid import RealNameRecord

#: The most cards one sale takes (a larger order is several sales).
MAX_CARDS = 50


@dataclass(frozen=True, slots=True)
class AnonymousSaleRequest:
    """``count`` anonymous cards, each loaded with ``amount_each``, paid by ``tenders``."""

    sale_id: str
    count: int
    amount_each: Money
    tenders: tuple[TenderRequest, ...]
    staff: StaffSession
    #: The cards' payment PIN, chosen by the buyer (6 digits, not a weak one).
    pay_pin: str
    approval: Approval | None = None
    buyer_kind: BuyerKind = BuyerKind.PERSON
    #: The buyer's real name: needed when the purchase reaches the bulk threshold.
    buyer: prepaid.RealNameInput | None = None
    bank_transfer: prepaid.BankTransferInput | None = None
    #: Pre-printed stock cards scanned (``count`` of them); empty: numbered by the till.
    card_numbers: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class SoldCard:
    number: str
    masked: str
    holder_id: int
    expires_on: str
    recharge_id: str
    receipt_no: str
    principal: Money
    bonus: Money


@dataclass(frozen=True, slots=True)
class AnonymousSale:
    sale_id: str
    cards: tuple[SoldCard, ...]
    total: Money
    change: Money
    real_name_recorded: bool
    replayed: bool = False


def card_ids(sale_id: str, count: int) -> list[str]:
    """The recharge id of each card of the sale: derived, so a replay finds them."""
    base = uuid.UUID(sale_id)
    return [str(uuid.uuid5(base, f"anonymous-card-{i}")) for i in range(count)]


@dataclass(frozen=True, slots=True)
class AnonymousPreview:
    """What the dialog shows before the sale (nothing written)."""

    count: int
    amount_each: Money
    bonus_each: Money
    total: Money
    #: The whole purchase reaches the bulk threshold: the buyer's real name is recorded.
    real_name: bool
    cap: Money
    expires_on: str
    #: The purchase from which the buyer's real name is recorded (¥10,000).
    real_name_from: Money
    #: The most one card takes, its bonus counted (a larger amount is refused).
    max_each: Money
    #: Why the sale would be refused as typed (the amount over the cap), else None.
    problem: UserFacingError | None = None


def preview(ctx: Context, count: int, amount_each: Money) -> AnonymousPreview:
    """Each card's bonus and value, the purchase's total, the real-name question, the
    cap and the expiry a card sold today carries."""
    with ctx.store.reading() as s:
        _, rules = ctx.rules(s)
    bonus = rules.stored_value.bonus_for(amount_each) if amount_each.fen > 0 else Money(0)
    wanted, cap, bulk = needs(ctx, count, amount_each)
    total = Money(amount_each.fen * count)
    empty = SVBalance(Money(0), Money(0))
    most = max_recharge(empty, CardClass.ANONYMOUS, rules.prepaid, rules.stored_value)
    problem: UserFacingError | None = None
    try:
        check_recharge_room(
            empty, amount_each, bonus, CardClass.ANONYMOUS, rules.prepaid, rules.stored_value
        )
    except OverCap as exc:
        problem = exc
    return AnonymousPreview(
        count, amount_each, bonus, total, wanted, cap, expiry_of_sale(ctx), bulk, most, problem
    )


def needs(ctx: Context, count: int, amount_each: Money) -> tuple[bool, Money, Money]:
    """What the dialog asks before the sale: whether the buyer's real name is wanted (the
    whole purchase at or above the bulk threshold), the cap of a card and its expiry."""
    with ctx.store.reading() as s:
        _, rules = ctx.rules(s)
    law = rules.prepaid
    bulk = Money(amount_each.fen * max(0, count))
    wanted = law.enforce_real_name and real_name_needed(
        CardClass.ANONYMOUS, amount_each, law, bulk=bulk
    )
    return wanted, law.anonymous.cap, law.real_name_anonymous_bulk


def expiry_of_sale(ctx: Context) -> str:
    """The expiry a card sold today carries (at least the class's years)."""
    with ctx.store.reading() as s:
        _, rules = ctx.rules(s)
    valid = expiry_for(CardClass.ANONYMOUS, ctx.today(), rules.prepaid)
    assert valid is not None, "anonymous cards always expire (min_valid_years)"
    return valid.isoformat()


def _split(
    applied: list[tuple[TenderRequest, Money, Money]], amount: Money, count: int
) -> list[list[tuple[TenderRequest, Money, Money]]]:
    """The purchase's tenders spread over its cards, each card ``amount``; change on the last."""
    left = [a.fen for _, a, _ in applied]
    out: list[list[tuple[TenderRequest, Money, Money]]] = []
    for i in range(count):
        need = amount.fen
        part: list[tuple[TenderRequest, Money, Money]] = []
        for j, (t, _, change_all) in enumerate(applied):
            take = min(need, left[j])
            if take <= 0:
                continue
            left[j] -= take
            need -= take
            last = i == count - 1 and t.kind is TenderKind.CASH
            change = change_all if last else Money(0)
            part.append(
                (TenderRequest(t.kind, Money(take) + change, t.method), Money(take), change)
            )
        out.append(part)
    return out


def _result(ctx: Context, sale_id: str, ids: list[str], replayed: bool) -> AnonymousSale:
    cards: list[SoldCard] = []
    total = change = 0
    recorded = False
    with ctx.store.reading() as s:
        for rid in ids:
            r = load_result(s, rid, replayed=replayed)
            sale = s.get(Sale, rid)
            assert r is not None and sale is not None and sale.member_id is not None
            card = prepaid.card_of(s, sale.member_id)
            assert card is not None and card.expires_on is not None
            entry = s.scalars(
                select(StoredValueEntry).where(
                    StoredValueEntry.sale_id == rid, StoredValueEntry.kind == "recharge"
                )
            ).one()
            recorded = recorded or (
                s.scalar(select(RealNameRecord.id).where(RealNameRecord.event_id == rid))
                is not None
            )
            total += r.total.fen
            change += r.change.fen
            cards.append(
                SoldCard(
                    card.number,
                    mask_card(card.number),
                    sale.member_id,
                    card.expires_on,
                    rid,
                    r.receipt_no,
                    Money(entry.principal_delta_fen),
                    Money(entry.bonus_delta_fen),
                )
            )
    return AnonymousSale(sale_id, tuple(cards), Money(total), Money(change), recorded, replayed)


def sell_anonymous_cards(ctx: Context, req: AnonymousSaleRequest) -> AnonymousSale:
    """Sell and load ``req.count`` anonymous cards in one transaction, once per id."""
    if not 1 <= req.count <= MAX_CARDS:
        raise ValidationError(field="cards", problem="1 to {n} cards in one sale", n=MAX_CARDS)
    if req.card_numbers and len(req.card_numbers) != req.count:
        raise ValidationError(
            field="cards", problem="scan {n} cards, one for each card sold", n=req.count
        )
    ids = card_ids(req.sale_id, req.count)
    with ctx.store.reading() as s:
        if s.get(Sale, ids[0]) is not None:
            done = True
        else:
            done = False
            shift_id_or_refuse(s, ctx.terminal_id)
            _, rules = ctx.rules(s)
    if done:
        return _result(ctx, req.sale_id, ids, replayed=True)
    if req.amount_each.fen <= 0:
        raise ValidationError(field="amount", problem="the amount on each card must be above 0")
    pin = check_pay_pin(req.pay_pin)
    total = Money(req.amount_each.fen * req.count)
    applied = _applied_tenders(total, req.tenders, Money(ctx.settings.max_change_fen))
    approved_by = auth.require(req.staff, "recharge", req.approval)
    new_cards = [
        _check_new_card(NewCard(IssueMode.BARCODE, card_number=n), rules) for n in req.card_numbers
    ]
    parts = _split(applied, req.amount_each, req.count)
    today = ctx.today()
    pin_hash = auth.hash_pin(pin)
    with ctx.store.unit_of_work(ctx.terminal_id, ctx.now_iso()) as uow:
        s = uow.session
        if s.get(Sale, ids[0]) is not None:
            done = True
        else:
            version, rules = ctx.rules(s)
            valid = expiry_for(CardClass.ANONYMOUS, today, rules.prepaid)
            assert valid is not None
            expires_on = valid.isoformat()
            for i, rid in enumerate(ids):
                member_id = next_member_id(s)
                holder = Member(
                    id=member_id,
                    name="",
                    phone=None,
                    birthday=None,
                    tier_code=rules.base_tier.code,
                    joined_on=today.isoformat(),
                    status="active",
                    sv_principal_fen=0,
                    sv_bonus_fen=0,
                    points_balance=0,
                    pay_pin_hash=pin_hash,
                    pay_pin_failures=0,
                    updated_at=uow.now,
                )
                s.add(holder)
                s.flush()
                if new_cards:
                    uid, number, kind = new_cards[i]
                    new = NewCard(IssueMode.BARCODE, card_number=number)
                else:
                    uid, number, kind = None, None, "barcode"
                    new = NewCard(IssueMode.BARCODE)
                card = _place_card(
                    uow, rules, holder, new, uid, number, kind, today, expires_on,
                    CardClass.ANONYMOUS,
                )  # fmt: skip
                uow.outbox(
                    EventKind.MEMBER_REGISTERED,
                    {
                        "member_id": member_id,
                        "name": "",
                        "anonymous": True,
                        "tier_code": holder.tier_code,
                        "joined_on": today.isoformat(),
                        "card_number": card.number,
                        "card_kind": card.kind,
                        "card_class": CardClass.ANONYMOUS.value,
                        "card_expires_on": expires_on,
                        "pay_pin_hash": pin_hash,
                    },
                    event_id=str(uuid.uuid5(uuid.UUID(rid), "holder")),
                )
                write_recharge(
                    ctx,
                    uow,
                    RechargeRequest(
                        rid,
                        member_id,
                        req.amount_each,
                        tuple(t for t, _, _ in parts[i]),
                        req.staff,
                        req.approval,
                        buyer_kind=req.buyer_kind,
                        buyer=req.buyer,
                        bank_transfer=req.bank_transfer,
                    ),
                    version,
                    rules,
                    parts[i],
                    approved_by,
                    today,
                    bulk=total,
                )
            uow.audit(
                "anonymous_cards.sell",
                staff_id=req.staff.staff_id,
                approved_by=approved_by,
                subject=req.sale_id,
                event_id=req.sale_id,
                detail={
                    "count": req.count,
                    "amount_each_fen": req.amount_each.fen,
                    "expires_on": expires_on,
                    "real_name": req.buyer is not None,
                },
            )
            done = False
    return _result(ctx, req.sale_id, ids, replayed=done)
