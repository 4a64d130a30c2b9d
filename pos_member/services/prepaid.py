"""The prepaid-card law at the till: caps, real names, cooling-off reversals and 退卡.

The rules are ``domain.prepaid``'s; this module reads what they need from the
store and writes what they decide, one user action in one transaction:

- ``check_recharge`` / ``check_credit``: a recharge, a refund to stored value, a
  correction or a transfer that would pass the card's cap is refused (with the
  room left) before anything is written, online and offline alike (the
  member's cached balance holds this till's unsynced entries).
- ``reversal_quote`` / ``reverse_recharge``: an unused recharge reversed in full
  within the region's cooling-off window (Jiangsu: less costs), with the
  supervisor's PIN; the money goes back by the recharge's own tenders.
- ``closure_preview`` / ``close_card``: 退卡 by 法释〔2025〕4号, cash only for a
  balance of at most ¥100, else a bank transfer to an account in the holder's
  name; the holder's ID checked, recorded sealed (``pos_member.sealing``) and
  shown masked. A second 退卡 of the card returns the first; a card with a
  recharge head office has not received yet waits for the sync.

Both actions go to head office once (outbox ``recharge.reversed`` /
``card.closed``, the event id being the action's id), show on the statement
(stored-value entries of reason ``reversal`` / ``closure``), on the X/Z report
and on their own receipt.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pos_member.domain import ledger as dl
from pos_member.domain import prepaid as pp
from pos_member.domain.cards import mask_card
from pos_member.domain.errors import (
    AccountNotHolders,
    BankTransferMissing,
    CardReplaced,
    ClosureCashNotAllowed,
    ConsentMissing,
    HolderMismatch,
    NotARecharge,
    PendingOfflineRecharge,
    RealNameRequired,
    RechargeUsed,
    RefundCardNotNeeded,
    RefundCardNotSameName,
    StoredValueClosed,
    UnknownCard,
    ValidationError,
)
from pos_member.domain.events import EventKind
from pos_member.domain.money import Money, allocate
from pos_member.domain.rules import CardClass, PrepaidRules, ProgrammeRules
from pos_member.domain.tenders import TenderBucket, TenderKind
from pos_member.domain.text import person_words, phrase
from pos_member.sealing import Sealer, default_key_path
from pos_member.services import auth
from pos_member.services.checkout import next_receipt_no, open_shift_id
from pos_member.services.context import Approval, Context, StaffSession
from pos_member.services.ledgers import append_sv
from pos_member.store import pii
from pos_member.store.db import UnitOfWork
from pos_member.store.models import Card, Member, OutboxEvent, Sale, StoredValueEntry, Tender
from pos_member.store.models_prepaid import PrepaidClosure, PrepaidReversal, RealNameRecord
from pos_member.wire.schemas import PAYLOAD_MODELS, SEAL_BANK_ACCOUNT, SEAL_ID_NUMBER

#: The method of an ``external`` tender paid by bank transfer.
BANK_TRANSFER = "bank_transfer"
NO_COSTS = Money(0)
#: The purpose the ID number's blind index is bound to.
ID_INDEX = "prepaid.id_index"


# --- inputs -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RealNameInput:
    """A person's real-name record as typed at the counter (the number in clear, once)."""

    name: str
    id_type: pp.IdType
    id_number: str
    consent: bool
    contact: str | None = None
    agent: bool = False
    buyer_kind: pp.BuyerKind = pp.BuyerKind.PERSON
    company_name: str = ""


@dataclass(frozen=True, slots=True)
class BankAccountInput:
    name: str
    number: str
    bank: str = ""


@dataclass(frozen=True, slots=True)
class BankTransferInput:
    payer: BankAccountInput | None
    payee: BankAccountInput
    reference: str = ""


# --- sealing ------------------------------------------------------------------------


@cache
def _sealer_at(path: Path) -> Sealer:
    return Sealer.from_file(path)


def sealer(ctx: Context) -> Sealer:
    """The chain's data key for this till (``POS_MEMBER_DATA_KEY_FILE``, else beside the db)."""
    return _sealer_at(default_key_path(Path(ctx.store.path)))


# --- the card and its balance -------------------------------------------------------


def card_of(s: Session, member_id: int) -> Card | None:
    """The member's card in use: the newest active one that has not expired, else the
    newest active one, else the newest of any state."""
    cards = list(s.scalars(select(Card).where(Card.member_id == member_id).order_by(Card.id)))
    active = [c for c in cards if c.state == "active"]
    # ISO dates compare as text; a card without an expiry date does not expire.
    newest_expiry = max((c.expires_on or "9999-12-31" for c in active), default="")
    in_date = [c for c in active if (c.expires_on or "9999-12-31") == newest_expiry]
    pick = in_date or active or cards
    return pick[-1] if pick else None


def card_class_of(s: Session, member_id: int) -> CardClass:
    """A member's card is named; a card's own class says otherwise only for anonymous stock."""
    card = card_of(s, member_id)
    return CardClass(card.card_class) if card is not None else CardClass.NAMED


def balance_of(member: Member) -> dl.SVBalance:
    return dl.SVBalance(Money(member.sv_principal_fen), Money(member.sv_bonus_fen))


def _closed_on(s: Session, member_id: int) -> str | None:
    return s.scalar(
        select(PrepaidClosure.business_date).where(PrepaidClosure.member_id == member_id).limit(1)
    )


def _refuse_if_closed(s: Session, member_id: int) -> None:
    """Refuse money onto stored value closed by a 退卡 here, or at another store (head
    office's ``members.sv_closed_on``, from the feed)."""
    closed = _closed_on(s, member_id) or s.scalar(
        select(Member.sv_closed_on).where(Member.id == member_id)
    )
    if closed is not None:
        raise StoredValueClosed(closed_on=closed)


def check_credit(s: Session, member: Member, rules: ProgrammeRules, entry: dl.SVEntry) -> None:
    """Refuse money going back onto the card (refund, correction, transfer) past its cap."""
    if entry.principal.fen <= 0 and entry.bonus.fen <= 0:
        return
    _refuse_if_closed(s, member.id)
    pp.check_credit_room(
        balance_of(member),
        Money(max(0, entry.principal.fen)),
        Money(max(0, entry.bonus.fen)),
        card_class_of(s, member.id),
        rules.prepaid,
    )


@dataclass(frozen=True, slots=True)
class SameNameCard:
    """Another named card in the member's name (a member row of its own, with its own
    balance) that can take a refund the member's card cannot, and the room it has left."""

    number: str
    member_id: int
    room: Money


@dataclass(frozen=True, slots=True)
class RefundTarget:
    """Where a refund's stored value goes (the prepaid-card law): the same card when it
    fits (``over_cap`` false), otherwise a card in the same name that fits (``cards``;
    none: nowhere yet). ``cap`` and ``room`` are the member's own card's."""

    amount: Money
    cap: Money
    room: Money
    over_cap: bool
    cards: tuple[SameNameCard, ...] = ()


def _room_of(s: Session, member: Member, law: PrepaidRules) -> Money:
    return pp.room(balance_of(member), card_class_of(s, member.id), law)


def same_name_cards(
    s: Session, member: Member, rules: ProgrammeRules, entry: dl.SVEntry
) -> tuple[SameNameCard, ...]:
    """The member's other named cards in the same name (the same keyed hash of the full
    name, ``members.name_index``) that take ``entry`` within their cap: active, not
    closed by a 退卡, shown or hidden by nothing head office decided. An anonymous card is
    in nobody's name and never offered."""
    if not member.name_index:
        return ()
    law = rules.prepaid
    rows = s.execute(
        select(Member, Card.number)
        .join(Card, Card.member_id == Member.id)
        .where(
            Member.name_index == member.name_index,
            Member.id != member.id,
            Member.status == "active",
            Member.sv_closed_on.is_(None),
            Card.state == "active",
            Card.card_class == CardClass.NAMED.value,
        )
        .order_by(Member.id, Card.id)
    ).all()
    out: list[SameNameCard] = []
    for other, number in rows:
        if _closed_on(s, other.id) is not None or any(c.member_id == other.id for c in out):
            continue
        if pp.fits(balance_of(other), Money(max(0, entry.principal.fen)),
                   Money(max(0, entry.bonus.fen)), CardClass.NAMED, law):  # fmt: skip
            out.append(SameNameCard(number, other.id, _room_of(s, other, law)))
    return tuple(out)


def refund_target(
    s: Session, member: Member, rules: ProgrammeRules, entry: dl.SVEntry
) -> RefundTarget:
    """Where ``entry`` (a refund's stored value) may go: the member's card, or the same-name
    cards that take it when that card's cap would be passed. Nothing is written."""
    law = rules.prepaid
    card_class = card_class_of(s, member.id)
    principal, bonus = Money(max(0, entry.principal.fen)), Money(max(0, entry.bonus.fen))
    amount = principal + bonus
    cap, room = pp.cap_of(card_class, law), _room_of(s, member, law)
    if amount.fen <= 0 or pp.fits(balance_of(member), principal, bonus, card_class, law):
        return RefundTarget(amount, cap, room, over_cap=False)
    return RefundTarget(amount, cap, room, True, same_name_cards(s, member, rules, entry))


def credit_target(
    s: Session, member: Member, rules: ProgrammeRules, entry: dl.SVEntry, card_number: str | None
) -> Member:
    """The member whose stored value takes a refund's ``entry``: the member's own card, or
    the same-name card ``card_number`` when the own card's cap would be passed. Raises
    (nothing written) when the own card is over the cap and no fitting same-name card was
    chosen, when a card is chosen for a refund that fits, or when the card is not one in
    the same name that takes it."""
    if card_number is None:
        check_credit(s, member, rules, entry)
        return member
    target = refund_target(s, member, rules, entry)
    if not target.over_cap:
        raise RefundCardNotNeeded()
    _refuse_if_closed(s, member.id)
    chosen = next((c for c in target.cards if c.number == card_number), None)
    if chosen is None:
        raise RefundCardNotSameName(card=mask_card(card_number))
    other = s.get(Member, chosen.member_id)
    assert other is not None
    check_credit(s, other, rules, entry)  # the target's own cap, again in this transaction
    return other


@dataclass(frozen=True, slots=True)
class RechargeCheck:
    """What the law's check of a recharge found: the card's class, its cap, the balance after."""

    card_class: CardClass
    cap: Money
    balance_after: Money


def real_name_wanted(
    s: Session,
    member_id: int,
    card_class: CardClass,
    amount: Money,
    law: PrepaidRules,
    *,
    bulk: Money | None = None,
) -> bool:
    """Whether a recharge of ``amount`` must bring a real-name record: the rules enforce
    it, the card and amount (or the whole purchase, ``bulk``) need one, and the member
    has none on file yet."""
    if not (law.enforce_real_name and pp.real_name_needed(card_class, amount, law, bulk=bulk)):
        return False
    on_file = s.scalar(
        select(RealNameRecord.id).where(RealNameRecord.member_id == member_id).limit(1)
    )
    # A record another store took is on file at head office, which the feed says.
    at_hq = s.scalar(select(Member.real_name_at).where(Member.id == member_id))
    return on_file is None and at_hq is None


def recharge_needs(
    s: Session, member_id: int, amount: Money, rules: ProgrammeRules
) -> tuple[bool, Money, Money]:
    """What the recharge dialog asks before the cashier confirms: whether a real-name
    record is wanted, and the person's and company's no-cash thresholds."""
    law = rules.prepaid
    wanted = real_name_wanted(s, member_id, card_class_of(s, member_id), amount, law)
    return (
        wanted,
        pp.no_cash_limit(pp.BuyerKind.PERSON, law),
        pp.no_cash_limit(pp.BuyerKind.COMPANY, law),
    )


def check_recharge(
    s: Session,
    member: Member,
    rules: ProgrammeRules,
    entry: dl.SVEntry,
    *,
    cash: Money,
    buyer_kind: pp.BuyerKind,
    buyer: RealNameInput | None,
    transfer: BankTransferInput | None,
    by_transfer: bool,
    bulk: Money | None = None,
) -> RechargeCheck:
    """Every rule a recharge must pass before anything is written (raises the first broken)."""
    _refuse_if_closed(s, member.id)
    card_class = card_class_of(s, member.id)
    balance = balance_of(member)
    law = rules.prepaid
    pp.check_recharge_room(
        balance, entry.principal, entry.bonus, card_class, law, rules.stored_value
    )
    # Several cards bought at once count together (``bulk``), as one purchase.
    pp.check_no_cash(bulk if bulk is not None else entry.principal, cash, buyer_kind, law)
    if by_transfer and transfer is None:
        raise BankTransferMissing()
    if buyer is not None:
        _check_real_name(buyer)
    elif real_name_wanted(s, member.id, card_class, entry.principal, law, bulk=bulk):
        raise RealNameRequired()
    after = balance.total + entry.total
    return RechargeCheck(card_class, pp.cap_of(card_class, law), after)


# --- real names and bank accounts ---------------------------------------------------


def _check_real_name(who: RealNameInput) -> str:
    person_words(who.name, phrase("name"), max_len=64)
    if not who.consent:
        raise ConsentMissing()
    return pp.check_id_number(who.id_type, who.id_number)


def record_real_name(
    ctx: Context,
    uow: UnitOfWork,
    who: RealNameInput,
    *,
    member_id: int | None,
    purpose: str,
    event_id: str,
    staff_id: str,
    rules: ProgrammeRules,
) -> tuple[RealNameRecord, dict[str, Any]]:
    """Write the real-name record (the number sealed) and return it with its wire form."""
    number = _check_real_name(who)
    seal = sealer(ctx)
    today = ctx.today()
    keep = today.replace(year=today.year + rules.prepaid.retention_years)
    name = person_words(who.name, phrase("name"), max_len=64)
    row = RealNameRecord(
        member_id=member_id,
        purpose=purpose,
        event_id=event_id,
        **pii.real_name_columns(seal, name, who.contact),
        id_type=who.id_type.value,
        id_masked=pp.mask(number),
        id_sealed=seal.seal(number, SEAL_ID_NUMBER),
        id_index=seal.blind_index(number, ID_INDEX),
        agent=who.agent,
        buyer_kind=who.buyer_kind.value,
        company_name=who.company_name,
        consent_at=uow.now,
        created_at=uow.now,
        keep_until=keep.isoformat(),
        staff_id=staff_id,
    )
    uow.session.add(row)
    uow.session.flush()
    # The wire form carries them in full (head office keeps the law's record); the outbox
    # seals ``name`` and ``contact`` at rest (store.pii.seal_payload).
    wire = {
        "name": name,
        "id_type": row.id_type,
        "id_masked": row.id_masked,
        "id_sealed": row.id_sealed,
        "agent": row.agent,
        "buyer_kind": row.buyer_kind,
        "consent_at": row.consent_at,
        **({"contact": who.contact} if who.contact else {}),
        **({"company_name": row.company_name} if row.company_name else {}),
    }
    return row, wire


def _account(ctx: Context, acc: BankAccountInput, *, personal: bool) -> dict[str, Any]:
    name = person_words(acc.name, phrase("account name"), max_len=64)
    number = "".join(acc.number.split())
    if not (number.isdigit() and 8 <= len(number) <= 32):
        raise ValidationError(
            field="account number", problem="8 to 32 digits expected, as on the bank card"
        )
    out: dict[str, Any] = {"name": name, "bank": acc.bank[:64], "number_masked": pp.mask(number)}
    if personal:
        out["number_sealed"] = sealer(ctx).seal(number, SEAL_BANK_ACCOUNT)
    return out


def transfer_record(
    ctx: Context,
    transfer: BankTransferInput,
    amount: Money,
    *,
    personal_payer: bool,
    payer_store: str = "",
) -> dict[str, Any]:
    """A bank transfer as kept and sent: the personal side's account number sealed.

    A 退卡 transfer whose paying account the till was not given (``payer`` None) is
    paid from the chain's settlement account by head office: the payer is the store,
    its number ``-`` until head office records the payment.
    """
    payer = (
        {"name": payer_store, "bank": "", "number_masked": "-"}
        if transfer.payer is None
        else _account(ctx, transfer.payer, personal=personal_payer)
    )
    return {
        "payer": payer,
        "payee": _account(ctx, transfer.payee, personal=not personal_payer),
        "amount_fen": amount.fen,
        "reference": transfer.reference[:64],
    }


def _audit_and_send(
    uow: UnitOfWork,
    kind: EventKind,
    payload: dict[str, Any],
    *,
    action: str,
    staff_id: str,
    approved_by: str,
    subject: str,
    event_id: str,
    detail: dict[str, Any],
) -> None:
    """The audit row and the outbox event of one action, the payload checked as head office
    will check it first (a payload that does not add up is a bug: nothing is written)."""
    PAYLOAD_MODELS[kind].model_validate(payload)
    uow.audit(
        action,
        staff_id=staff_id,
        approved_by=approved_by,
        subject=subject,
        event_id=event_id,
        detail=detail,
    )
    uow.outbox(kind, payload, event_id=event_id)


# --- cooling-off reversal -----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ReversalQuote:
    """What reversing a recharge pays back, before anything is written."""

    recharge_id: str
    recharge_receipt_no: str
    member_id: int
    recharged_on: date
    last_day: date
    region: str
    principal: Money
    bonus: Money
    costs: Money
    refund: Money
    #: (kind, method, amount) the refund goes back by: the recharge's own tenders.
    tenders: tuple[tuple[str, str, Money], ...]


@dataclass(frozen=True, slots=True)
class ReversalRequest:
    reversal_id: str
    recharge_receipt_no: str
    staff: StaffSession
    approval: Approval | None = None
    costs: Money = Money(0)
    reason: str = ""


@dataclass(frozen=True, slots=True)
class ReversalResult:
    reversal_id: str
    receipt_no: str
    quote: ReversalQuote
    replayed: bool = False


def _recharge_sale(s: Session, ctx: Context, receipt_no: str) -> Sale:
    number = receipt_no.strip()
    sale = s.scalar(
        select(Sale).where(
            Sale.receipt_no == number,
            Sale.terminal_id == ctx.terminal_id,
            Sale.kind == "recharge",
        )
    ) or s.scalar(select(Sale).where(Sale.id == number, Sale.kind == "recharge"))
    if sale is None or sale.member_id is None:
        raise NotARecharge(receipt_no=number)
    return sale


def _quote_reversal(
    s: Session, ctx: Context, sale: Sale, rules: ProgrammeRules, costs: Money
) -> ReversalQuote:
    entry = s.scalar(
        select(StoredValueEntry).where(
            StoredValueEntry.sale_id == sale.id,
            StoredValueEntry.kind == dl.SVReason.RECHARGE.value,
        )
    )
    member = s.get(Member, sale.member_id)
    if entry is None or member is None:
        raise NotARecharge(receipt_no=sale.receipt_no)
    principal, bonus = Money(entry.principal_delta_fen), Money(entry.bonus_delta_fen)
    recharged_on = date.fromisoformat(sale.business_date)
    pp.check_reversal(recharged_on, ctx.today(), principal, costs, rules.prepaid)
    spent_since = s.scalar(
        select(func.count(StoredValueEntry.id)).where(
            StoredValueEntry.member_id == member.id,
            StoredValueEntry.kind.in_(
                (dl.SVReason.SPEND.value, dl.SVReason.CLOSURE.value, dl.SVReason.TRANSFER_OUT.value)
            ),
            StoredValueEntry.id > entry.id,
        )
    )
    if spent_since or member.sv_principal_fen < principal.fen or member.sv_bonus_fen < bonus.fen:
        raise RechargeUsed(recharged_on=recharged_on.isoformat())
    refund = principal - costs
    rows = list(s.scalars(select(Tender).where(Tender.sale_id == sale.id).order_by(Tender.seq)))
    shares = allocate(refund.fen, [t.amount_fen for t in rows]) if rows else []
    last = pp.cooling_off_until(recharged_on, rules.prepaid)
    assert last is not None  # check_reversal refused a region without a window
    return ReversalQuote(
        recharge_id=sale.id,
        recharge_receipt_no=sale.receipt_no,
        member_id=member.id,
        recharged_on=recharged_on,
        last_day=last,
        region=rules.prepaid.region,
        principal=principal,
        bonus=bonus,
        costs=costs,
        refund=refund,
        tenders=tuple(
            (t.kind, t.method, Money(share)) for t, share in zip(rows, shares, strict=True) if share
        ),
    )


def reversal_quote(
    ctx: Context, recharge_receipt_no: str, costs: Money = NO_COSTS
) -> ReversalQuote:
    """The preview of a reversal: what goes back and how; nothing is written."""
    with ctx.store.reading() as s:
        _, rules = ctx.rules(s)
        sale = _recharge_sale(s, ctx, recharge_receipt_no)
        done = s.scalar(select(PrepaidReversal).where(PrepaidReversal.recharge_id == sale.id))
        if done is not None:
            return _done_reversal(s, done).quote
        return _quote_reversal(s, ctx, sale, rules, costs)


def _done_reversal(s: Session, row: PrepaidReversal) -> ReversalResult:
    sale = s.get(Sale, row.recharge_id)
    assert sale is not None
    recharged_on = date.fromisoformat(sale.business_date)
    quote = ReversalQuote(
        recharge_id=row.recharge_id,
        recharge_receipt_no=sale.receipt_no,
        member_id=row.member_id,
        recharged_on=recharged_on,
        last_day=date.fromisoformat(row.business_date),
        region=row.region,
        principal=Money(row.principal_fen),
        bonus=Money(row.bonus_fen),
        costs=Money(row.costs_fen),
        refund=Money(row.principal_fen - row.costs_fen),
        tenders=tuple((t["kind"], t["method"], Money(t["amount_fen"])) for t in row.tenders),
    )
    return ReversalResult(row.id, row.receipt_no, quote, replayed=True)


def reverse_recharge(ctx: Context, req: ReversalRequest) -> ReversalResult:
    """Reverse an unused recharge in cooling-off: once per recharge (a second call returns
    the first reversal)."""
    uuid.UUID(req.reversal_id)
    reason = person_words(req.reason, phrase("reason"), max_len=128) if req.reason else ""
    approved_by = auth.require(req.staff, "recharge_reversal", req.approval)
    assert approved_by is not None
    with ctx.store.unit_of_work(ctx.terminal_id, ctx.now_iso()) as uow:
        s = uow.session
        _, rules = ctx.rules(s)
        sale = _recharge_sale(s, ctx, req.recharge_receipt_no)
        done = s.scalar(select(PrepaidReversal).where(PrepaidReversal.recharge_id == sale.id))
        if done is not None:
            return _done_reversal(s, done)
        quote = _quote_reversal(s, ctx, sale, rules, req.costs)
        member = s.get(Member, quote.member_id)
        assert member is not None
        receipt_no = next_receipt_no(uow)
        today = ctx.today()
        offline = not ctx.online()
        tenders = [{"kind": k, "method": m, "amount_fen": a.fen} for k, m, a in quote.tenders]
        s.add(
            PrepaidReversal(
                id=req.reversal_id,
                recharge_id=sale.id,
                member_id=member.id,
                receipt_no=receipt_no,
                terminal_id=uow.terminal_id,
                shift_id=open_shift_id(s, uow.terminal_id),
                business_date=today.isoformat(),
                created_at=uow.now,
                staff_id=req.staff.staff_id,
                approved_by=approved_by,
                region=quote.region,
                principal_fen=quote.principal.fen,
                bonus_fen=quote.bonus.fen,
                costs_fen=quote.costs.fen,
                tenders=tenders,
                offline=offline,
                reason=reason,
            )
        )
        append_sv(
            uow,
            member,
            dl.SVEntry(req.reversal_id, dl.SVReason.REVERSAL, -quote.principal, -quote.bonus),
            business_date=today,
            sale_id=None,
            offline=offline,
            note=f"{sale.receipt_no} → {receipt_no}",
        )
        card = card_of(s, member.id)
        payload = {
            "reversal_id": req.reversal_id,
            "recharge_id": sale.id,
            "recharge_receipt_no": sale.receipt_no,
            "member_id": member.id,
            "receipt_no": receipt_no,
            "business_date": today.isoformat(),
            "recharged_on": quote.recharged_on.isoformat(),
            "region": quote.region,
            "principal_fen": quote.principal.fen,
            "bonus_fen": quote.bonus.fen,
            "sv_principal_fen": -quote.principal.fen,
            "sv_bonus_fen": -quote.bonus.fen,
            "costs_fen": quote.costs.fen,
            "refund_tenders": tenders,
            "approved_by": approved_by,
            "reason": reason,
            "offline": offline,
            **({"card_number": card.number} if card is not None else {}),
        }
        _audit_and_send(
            uow,
            EventKind.RECHARGE_REVERSED,
            payload,
            action="recharge.reverse",
            staff_id=req.staff.staff_id,
            approved_by=approved_by,
            subject=receipt_no,
            event_id=req.reversal_id,
            detail={
                "recharge": sale.receipt_no,
                "principal_fen": quote.principal.fen,
                "bonus_fen": quote.bonus.fen,
                "costs_fen": quote.costs.fen,
            },
        )
    return ReversalResult(req.reversal_id, receipt_no, quote)


# --- 退卡 -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ClosurePreview:
    """What 退卡 would pay, shown to the cashier and the member before anything is written."""

    member_id: int
    member_name_masked: str
    card_number: str
    card_masked: str
    card_class: CardClass
    quote: pp.ClosureQuote
    #: A recharge head office has not received yet: 退卡 waits for the sync.
    pending_recharge: bool = False
    #: The card was closed already: the first closure's figures.
    closed: ClosureResult | None = None


@dataclass(frozen=True, slots=True)
class ClosureRequest:
    closure_id: str
    card_number: str
    holder: RealNameInput
    staff: StaffSession
    approval: Approval | None = None
    #: The holder's account for a bank transfer (needed above the cash limit).
    account: BankAccountInput | None = None
    #: The shop's account the transfer is paid from, and the bank's reference.
    shop_account: BankAccountInput | None = None
    reference: str = ""
    reason: str = ""


@dataclass(frozen=True, slots=True)
class ClosureResult:
    closure_id: str
    receipt_no: str
    card_number: str
    member_id: int
    quote: pp.ClosureQuote
    tender: str
    id_masked: str
    account_masked: str = ""
    replayed: bool = False
    business_date: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


def _card(s: Session, number: str) -> Card:
    card = s.scalar(select(Card).where(Card.number == number.strip()))
    if card is None or card.member_id is None:
        raise UnknownCard(number=number.strip())
    if card.state == "replaced":
        raise CardReplaced(number=card.number)
    return card


def _paid_in(s: Session, member_id: int) -> tuple[Money, Money]:
    """Principal paid in (recharges less reversals) and bonus given, over the member's life."""
    p, b = s.execute(
        select(
            func.coalesce(func.sum(StoredValueEntry.principal_delta_fen), 0),
            func.coalesce(func.sum(StoredValueEntry.bonus_delta_fen), 0),
        ).where(
            StoredValueEntry.member_id == member_id,
            StoredValueEntry.kind.in_((dl.SVReason.RECHARGE.value, dl.SVReason.REVERSAL.value)),
        )
    ).one()
    return Money(int(p)), Money(int(b))


def _pending_recharge(s: Session, member_id: int) -> bool:
    """Whether a recharge of the member taken offline waits in the outbox (head office has
    not got it). A recharge taken online (or at a till never enrolled) does not hold 退卡 up."""
    for payload in s.scalars(
        select(OutboxEvent.payload).where(
            OutboxEvent.kind == EventKind.RECHARGE.value, OutboxEvent.sent_at.is_(None)
        )
    ):
        p = dict(payload)
        if p.get("offline") and int(p.get("member_id") or 0) == member_id:
            return True
    return False


def _done_closure(s: Session, row: PrepaidClosure) -> ClosureResult:
    rn = s.get(RealNameRecord, row.real_name_id)
    quote = pp.ClosureQuote(
        paid_in=Money(row.paid_in_fen),
        bonus_given=Money(row.bonus_given_fen),
        balance=dl.SVBalance(Money(row.principal_balance_fen), Money(row.bonus_balance_fen)),
        spent=Money(row.spent_fen),
        spent_from_principal=Money(row.spent_from_principal_fen),
        refund=Money(row.refund_fen),
        forfeited=Money(row.forfeited_fen),
        cash_allowed=row.tender == "cash",
        cash_limit=Money(0),
    )
    payee = (row.transfer or {}).get("payee", {})
    return ClosureResult(
        closure_id=row.closure_id,
        receipt_no=row.receipt_no,
        card_number=row.card_number,
        member_id=row.member_id,
        quote=quote,
        tender=row.tender,
        id_masked=rn.id_masked if rn else "",
        account_masked=str(payee.get("number_masked", "")),
        replayed=True,
        business_date=row.business_date,
    )


def closure_preview(ctx: Context, card_number: str) -> ClosurePreview:
    """The 退卡 quote with its calculation (``quote.explain()``); nothing is written."""
    with ctx.store.reading() as s:
        _, rules = ctx.rules(s)
        card = _card(s, card_number)
        member = s.get(Member, card.member_id)
        assert member is not None
        done = s.get(PrepaidClosure, card.id)
        closed = _done_closure(s, done) if done is not None else None
        if closed is not None:
            quote = closed.quote
        else:
            _refuse_if_closed(s, member.id)
            paid, bonus = _paid_in(s, member.id)
            quote = pp.closure_quote(paid, bonus, balance_of(member), rules.prepaid)
        return ClosurePreview(
            member_id=member.id,
            member_name_masked=member.name_masked,
            card_number=card.number,
            card_masked=mask_card(card.number),
            card_class=CardClass(card.card_class),
            quote=quote,
            pending_recharge=closed is None and _pending_recharge(s, member.id),
            closed=closed,
        )


def _same_name(a: str, b: str) -> bool:
    return "".join(a.split()).casefold() == "".join(b.split()).casefold()


def close_card(ctx: Context, req: ClosureRequest) -> ClosureResult:
    """退卡: refund the card's refundable balance to the holder, once per card."""
    uuid.UUID(req.closure_id)
    reason = person_words(req.reason, phrase("reason"), max_len=128) if req.reason else ""
    approved_by = auth.require(req.staff, "card_closure", req.approval)
    assert approved_by is not None
    with ctx.store.unit_of_work(ctx.terminal_id, ctx.now_iso()) as uow:
        s = uow.session
        _, rules = ctx.rules(s)
        card = _card(s, req.card_number)
        done = s.get(PrepaidClosure, card.id)
        if done is not None:
            return _done_closure(s, done)
        member = s.get(Member, card.member_id)
        assert member is not None
        if _pending_recharge(s, member.id):
            raise PendingOfflineRecharge()
        paid, bonus = _paid_in(s, member.id)
        quote = pp.closure_quote(paid, bonus, balance_of(member), rules.prepaid)
        _check_real_name(req.holder)
        # An anonymous card (不记名卡) has no name on file: its holder is who presents it
        # with their ID, recorded here; the account must then be in that person's name.
        holder_name = pii.full_name(ctx.store.sealer, member.name_sealed) or req.holder.name.strip()
        if not _same_name(req.holder.name, holder_name):
            raise HolderMismatch(name=req.holder.name.strip(), holder=holder_name)
        transfer: dict[str, Any] | None = None
        if req.account is None:
            if not quote.cash_allowed:
                raise ClosureCashNotAllowed(balance=quote.balance.total, limit=quote.cash_limit)
            tender = "cash"
        else:
            if not _same_name(req.account.name, holder_name):
                raise AccountNotHolders(holder=holder_name, name=req.account.name.strip())
            transfer = transfer_record(
                ctx,
                BankTransferInput(req.shop_account, req.account, req.reference),
                quote.refund,
                personal_payer=False,
                payer_store=ctx.settings.store_id,
            )
            tender = "bank_transfer"
        today = ctx.today()
        rn_row, rn_wire = record_real_name(
            ctx,
            uow,
            req.holder,
            member_id=member.id,
            purpose="closure",
            event_id=req.closure_id,
            staff_id=req.staff.staff_id,
            rules=rules,
        )
        receipt_no = next_receipt_no(uow)
        card_class = CardClass(card.card_class)
        s.add(
            PrepaidClosure(
                card_id=card.id,
                closure_id=req.closure_id,
                member_id=member.id,
                card_number=card.number,
                card_class=card_class.value,
                receipt_no=receipt_no,
                terminal_id=uow.terminal_id,
                shift_id=open_shift_id(s, uow.terminal_id),
                business_date=today.isoformat(),
                created_at=uow.now,
                staff_id=req.staff.staff_id,
                approved_by=approved_by,
                paid_in_fen=quote.paid_in.fen,
                bonus_given_fen=quote.bonus_given.fen,
                principal_balance_fen=quote.balance.principal.fen,
                bonus_balance_fen=quote.balance.bonus.fen,
                spent_fen=quote.spent.fen,
                spent_from_principal_fen=quote.spent_from_principal.fen,
                refund_fen=quote.refund.fen,
                forfeited_fen=quote.forfeited.fen,
                tender=tender,
                transfer=transfer,
                real_name_id=rn_row.id,
                reason=reason,
            )
        )
        append_sv(
            uow,
            member,
            dl.SVEntry(
                req.closure_id, dl.SVReason.CLOSURE, -quote.balance.principal, -quote.balance.bonus
            ),
            business_date=today,
            sale_id=None,
            offline=not ctx.online(),
            note=receipt_no,
        )
        payload = {
            "closure_id": req.closure_id,
            "member_id": member.id,
            "card_number": card.number,
            "card_class": card_class.value,
            "receipt_no": receipt_no,
            "business_date": today.isoformat(),
            "paid_in_fen": quote.paid_in.fen,
            "bonus_given_fen": quote.bonus_given.fen,
            "spent_fen": quote.spent.fen,
            "spent_from_principal_fen": quote.spent_from_principal.fen,
            "principal_refunded_fen": quote.refund.fen,
            "bonus_forfeited_fen": quote.forfeited.fen,
            "sv_principal_fen": -quote.balance.principal.fen,
            "sv_bonus_fen": -quote.balance.bonus.fen,
            "tender": tender,
            "holder": rn_wire,
            "approved_by": approved_by,
            "reason": reason,
            **({"bank_transfer": transfer} if transfer is not None else {}),
        }
        _audit_and_send(
            uow,
            EventKind.CARD_CLOSED,
            payload,
            action="card.close",
            staff_id=req.staff.staff_id,
            approved_by=approved_by,
            subject=receipt_no,
            event_id=req.closure_id,
            detail={
                "card": mask_card(card.number),
                "refund_fen": quote.refund.fen,
                "forfeited_fen": quote.forfeited.fen,
                "tender": tender,
            },
        )
    return ClosureResult(
        closure_id=req.closure_id,
        receipt_no=receipt_no,
        card_number=card.number,
        member_id=member.id,
        quote=quote,
        tender=tender,
        id_masked=rn_row.id_masked,
        account_masked=str((transfer or {}).get("payee", {}).get("number_masked", "")),
        business_date=today.isoformat(),
    )


def new_action_id() -> str:
    return str(uuid.uuid4())


# --- shift reports ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ShiftPrepaid:
    """Reversals and closures of a shift: counts, money paid out, per tender bucket."""

    reversals_count: int = 0
    reversals_total_fen: int = 0
    closures_count: int = 0
    closures_total_fen: int = 0
    #: Money paid out per tender bucket (negative), to net into the report's takings.
    by_tender_fen: dict[str, int] = field(default_factory=dict)


def shift_prepaid(s: Session, shift_id: int) -> ShiftPrepaid:
    by: dict[str, int] = {}
    rev_n = rev_total = 0
    for row in s.scalars(select(PrepaidReversal).where(PrepaidReversal.shift_id == shift_id)):
        rev_n += 1
        for t in row.tenders:
            key = TenderBucket.of(t["kind"], t.get("method")).key
            by[key] = by.get(key, 0) - int(t["amount_fen"])
            rev_total -= int(t["amount_fen"])
    clo_n = clo_total = 0
    for c in s.scalars(select(PrepaidClosure).where(PrepaidClosure.shift_id == shift_id)):
        clo_n += 1
        clo_total -= c.refund_fen
        key = TenderBucket.of(
            TenderKind.CASH if c.tender == "cash" else TenderKind.EXTERNAL,
            None if c.tender == "cash" else BANK_TRANSFER,
        ).key
        by[key] = by.get(key, 0) - c.refund_fen
    return ShiftPrepaid(rev_n, rev_total, clo_n, clo_total, by)
