"""Wire schemas shared by the terminal's sync client and head office.

Everything that crosses the network is one of these pydantic models, so that
both sides refuse the same malformed input and the OpenAPI schema documents
exactly what a terminal sends. Amounts are integer fen, never floats.

Events (``Event``) are what the terminal's outbox holds: a UUID, a kind, the
store and terminal that produced it, and a kind-specific payload
(``SalePayload``, ``RechargePayload``, ``CardPayload``, ``MemberPayload``,
``RechargeReversedPayload``, ``CardClosedPayload``...).
The payload carries the ledger effects the counter applied, so head office
can re-check them with the domain rules and apply exactly the same deltas.
"""

from __future__ import annotations

import enum
import json
import re
import uuid
from datetime import date, datetime
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    Strict,
    StringConstraints,
    model_validator,
)

from pos_member.domain.events import EventKind as EventKind  # noqa: PLC0414 - re-exported
from pos_member.domain.identifiers import IDENTIFY_KINDS
from pos_member.domain.prepaid import BuyerKind as BuyerKind  # noqa: PLC0414 - re-exported
from pos_member.domain.prepaid import IdType as IdType  # noqa: PLC0414 - re-exported
from pos_member.domain.rules import CardClass as CardClass  # noqa: PLC0414 - re-exported

API_PREFIX = "/api/v1"
MAX_BATCH = 500
MAX_PAGE = 5_000
#: The largest event payload head office takes (its JSON, in bytes): a sale of a few
#: hundred lines fits many times over; anything bigger is not a counter's event.
MAX_PAYLOAD_BYTES = 64 * 1024

#: Dates and times a counter can have produced (a clock far off is refused, not stored).
FIRST_DAY = date(2000, 1, 1)
LAST_DAY = date(2099, 12, 31)
#: Birthdays go back further.
FIRST_BIRTHDAY = date(1900, 1, 1)

# Control characters (C0, DEL, C1), direction marks, embeddings, overrides and isolates
# (U+061C, U+200E/F, U+202A..E, U+2066..9), line/paragraph separators, lone surrogates,
# private use, byte-order marks and interlinear annotation: one regular expression, so a
# push of thousands of events checks its text at C speed.
_HIDDEN = re.compile(
    "[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029"
    "\ud800-\udfff\ue000-\uf8ff\ufeff\ufff9-\ufffb\U000f0000-\U0010ffff]"
)


def _refuse_hidden(value: str) -> None:
    if _HIDDEN.search(value) is not None:
        raise ValueError("text holds a control or direction character")


#: A C0 control character as ``json.dumps`` writes it (``\n``, ``\u001b``...), not
#: preceded by an escaping backslash.
_ESCAPED_C0 = re.compile(r"(?<!\\)(?:\\\\)*\\(?:[bfnrt]|u00[01][0-9a-fA-F])")


def refuse_hidden_json(text: str) -> None:
    """Refuse control and direction characters anywhere in JSON text (keys too)."""
    # ASCII text (most events) can only hide DEL; JSON escapes the C0 controls.
    hidden = ("\x7f" in text) if text.isascii() else (_HIDDEN.search(text) is not None)
    if hidden or ("\\" in text and _ESCAPED_C0.search(text) is not None):
        raise ValueError("text holds a control or direction character")


def clean_text(value: str) -> str:
    """Refuse control and direction-override characters, lone surrogates, and blank text.

    A name or reason is shown on screens and printed on receipts: an RTL override or
    an escape sequence there misleads a cashier or drives the printer. Empty text
    stays allowed where the field allows it; text of only spaces does not.
    """
    _refuse_hidden(value)
    if value and not value.strip():
        raise ValueError("text is only spaces")
    return value


def _real_date(first: date) -> Any:
    def check(value: str) -> str:
        try:
            day = date.fromisoformat(value)
        except ValueError:
            raise ValueError("not a calendar date") from None
        if not first <= day <= LAST_DAY:
            raise ValueError(f"a date from {first} to {LAST_DAY} expected")
        return value

    return AfterValidator(check)


def _real_time(value: str) -> str:
    try:
        at = datetime.fromisoformat(value)
    except ValueError:
        raise ValueError("not an ISO 8601 time") from None
    if not FIRST_DAY <= at.date() <= LAST_DAY:
        raise ValueError(f"a time from {FIRST_DAY} to {LAST_DAY} expected")
    return value


_Clean = AfterValidator(clean_text)
#: Text shown on screens and receipts (see ``clean_text``).
Name = Annotated[str, Strict(), StringConstraints(min_length=1, max_length=64), _Clean]
Text64 = Annotated[str, Strict(), StringConstraints(max_length=64), _Clean]
Text32 = Annotated[str, Strict(), StringConstraints(max_length=32), _Clean]
ShortText = Annotated[str, Strict(), StringConstraints(max_length=128), _Clean]

# Integers are strict ("150", true and 100.0 are refused) and bounded.
Fen = Annotated[int, Strict(), Field(ge=-(10**12), le=10**12)]
PositiveFen = Annotated[int, Strict(), Field(ge=0, le=10**12)]
PointsInt = Annotated[int, Strict(), Field(ge=-(10**10), le=10**10)]
MemberId = Annotated[int, Strict(), Field(ge=1, le=2**53)]
RowId = Annotated[int, Strict(), Field(ge=1, le=2**53)]
RulesVersion = Annotated[int, Strict(), Field(ge=1, le=2**31 - 1)]
Count = Annotated[int, Strict(), Field(ge=0, le=10**9)]
StrictBool = Annotated[bool, Strict()]
TerminalIdStr = Annotated[str, StringConstraints(pattern=r"^[A-Z0-9]{1,8}$")]
StoreIdStr = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_-]{1,16}$")]
#: A business date (a day the chain traded on).
DateStr = Annotated[str, StringConstraints(pattern=r"^\d{4}-\d{2}-\d{2}$"), _real_date(FIRST_DAY)]
#: A date of a person's life (birthday).
BirthdayStr = Annotated[
    str, StringConstraints(pattern=r"^\d{4}-\d{2}-\d{2}$"), _real_date(FIRST_BIRTHDAY)
]
TimeStr = Annotated[
    str, StringConstraints(min_length=10, max_length=40), AfterValidator(_real_time)
]
CardNumber = Annotated[str, StringConstraints(pattern=r"^[0-9A-Za-z]{4,32}$")]


def _identify_kind(value: str) -> str:
    if value not in {k.value for k in IDENTIFY_KINDS}:
        raise ValueError(f"one of {sorted(k.value for k in IDENTIFY_KINDS)} expected")
    return value


#: How the member was identified (``domain.identifiers.IDENTIFY_KINDS``).
IdMethod = Annotated[str, StringConstraints(pattern=r"^[a-z0-9_]{1,16}$"),
                     AfterValidator(_identify_kind)]  # fmt: skip
StaffIdStr = Annotated[str, StringConstraints(pattern=r"^[0-9A-Za-z]{1,16}$")]
SaleIdStr = Annotated[str, StringConstraints(pattern=r"^[0-9A-Za-z_-]{1,36}$")]
ReceiptNo = Annotated[str, StringConstraints(pattern=r"^[0-9A-Za-z_.-]{1,32}$")]
CodeStr = Annotated[str, StringConstraints(pattern=r"^[0-9A-Za-z_.-]{1,32}$")]
UUID_RE = r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"


class _Strict(BaseModel):
    """What head office accepts: anything it does not know is refused."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class _Reply(BaseModel):
    """What head office answers: a till ignores fields added by a newer head office.

    Head office is upgraded before the chain's tills; an older till must keep
    enrolling, pushing and pulling against it.
    """

    model_config = ConfigDict(extra="ignore", frozen=True)


# --- enrolment -----------------------------------------------------------------


class EnrolRequest(_Strict):
    code: Annotated[str, StringConstraints(pattern=r"^[A-Z0-9]{4,32}$")]
    terminal_id: TerminalIdStr


class EnrolResponse(_Reply):
    store_id: str
    terminal_id: str
    #: ``<terminal key>.<secret>``: sent as ``Authorization: Bearer <token>``.
    token: str
    #: Members registered at this terminal get ids from this block (offline too).
    member_id_base: int
    member_id_block: int
    #: Cards issued at this terminal take the serials (the digits between the card
    #: rule's prefix and check digit) ``card_serial_base`` to ``+ card_serial_block - 1``,
    #: so two tills issuing offline never hand out the same number. (Absent from an
    #: older head office: the till then numbers its cards from its member-id block.)
    card_serial_base: int | None = None
    card_serial_block: int | None = None
    #: The chain's code, which its members' codes (会员码) carry (absent from an older
    #: head office; the change feed's device keys carry it too).
    chain_code: str | None = None


# --- events --------------------------------------------------------------------
# Event kinds are the domain's (``pos_member.domain.events``), imported above so
# that ``wire.schemas.EventKind`` stays where head office and the tests read it.


class TenderKindWire(enum.StrEnum):
    CASH = "cash"
    STORED_VALUE = "stored_value"
    POINTS = "points"
    EXTERNAL = "external"


Method = Annotated[str, StringConstraints(pattern=r"^[0-9A-Za-z_-]{0,16}$")]


class TenderLine(_Strict):
    kind: TenderKindWire
    #: What this tender paid of the sale (negative on refunds).
    amount_fen: Fen
    method: Method = ""
    points: PointsInt = 0


class SaleLineWire(_Strict):
    """One line of a sale; of a refund, the original line's number and the units back."""

    line_no: Annotated[int, Strict(), Field(ge=1, le=10_000)]
    product_code: Text32 = ""
    #: Pieces, or grams of a weighed line.
    units: Count
    net_fen: Fen = 0
    points_earned: PointsInt = 0
    points_paid: PointsInt = 0


class SalePayload(_Strict):
    """A sale or a refund as the counter committed it.

    Ledger deltas are signed as applied to the member: a stored-value payment
    is negative, a refund to stored value positive; ``points_earned`` is
    negative on a refund that takes points back, ``points_redeemed`` negative
    on a refund that gives spent points back.
    """

    sale_id: SaleIdStr
    receipt_no: ReceiptNo
    business_date: DateStr
    member_id: MemberId | None = None
    #: The card the member presented, and how they were identified (absent from
    #: tills before #23, and when nobody was identified): head office flags a
    #: card used at or after its block (``headoffice.review``).
    card_number: CardNumber | None = None
    id_method: IdMethod | None = None
    rules_version: RulesVersion | None = None
    offline: StrictBool = False
    total_fen: Fen
    tenders: Annotated[list[TenderLine], Field(max_length=16)]
    sv_principal_fen: Fen = 0
    sv_bonus_fen: Fen = 0
    points_earned: PointsInt = 0
    points_redeemed: PointsInt = 0
    original_sale_id: SaleIdStr | None = None
    #: A refund without a receipt (无单退货): no original sale, goods by product code.
    no_receipt: StrictBool = False
    coupon_codes: Annotated[list[CodeStr], Field(max_length=8, default_factory=list)]
    #: The sale's lines (a refund's: which original lines, how many units back).
    lines: Annotated[list[SaleLineWire], Field(max_length=1_000, default_factory=list)]
    #: The hold head office granted for this sale while online (``wire.holds``): the
    #: pushed sale captures it.
    hold_id: Annotated[str, StringConstraints(pattern=UUID_RE)] | None = None
    #: A refund's stored value went to another named card in the member's name (that
    #: member row's), the member's own card's cap being passed (the prepaid-card law):
    #: head office moves ``sv_*`` there, the points stay with ``member_id``.
    sv_member_id: MemberId | None = None

    @model_validator(mode="after")
    def _member_for_ledgers(self) -> SalePayload:
        if self.sv_member_id is not None and (
            self.member_id is None or self.sv_member_id == self.member_id
        ):
            raise ValueError("sv_member_id names another member than member_id")
        if self.member_id is None and (
            self.sv_principal_fen or self.sv_bonus_fen or self.points_earned or self.points_redeemed
        ):
            raise ValueError("stored value or points need a member_id")
        return self


# --- prepaid cards (单用途商业预付卡) ----------------------------------------------
# Personal fields travel *sealed* (``pos_member.sealing``: AES-GCM under the chain's
# data key, which head office holds too) beside a masked form for screens and
# reports; the plain value never crosses the wire and never reaches a log.

#: The purposes sealed values are bound to (``Sealer.seal(text, purpose)``).
SEAL_ID_NUMBER = "prepaid.id_number"
SEAL_BANK_ACCOUNT = "prepaid.bank_account"

#: A value sealed by ``pos_member.sealing`` (``s1:`` + url-safe base64).
SealedStr = Annotated[str, StringConstraints(pattern=r"^s1:[A-Za-z0-9_=-]{16,1024}$")]
#: A masked identifier as shown on screens (``1101**********1234``, ``6222 **** 0123``).
MaskedStr = Annotated[str, StringConstraints(pattern=r"^[0-9A-Za-z* -]{1,40}$")]


class RealNameWire(_Strict):
    """The buyer's (or their agent's) real-name record: kept ≥ 5 years at head office."""

    name: Name
    id_type: IdType
    id_masked: MaskedStr
    #: The ID number sealed for ``SEAL_ID_NUMBER``.
    id_sealed: SealedStr
    contact: Annotated[str, StringConstraints(pattern=r"^[0-9+ -]{5,20}$")] | None = None
    #: The buyer is an agent of the holder (a company's employee, a relative).
    agent: StrictBool = False
    buyer_kind: BuyerKind = BuyerKind.PERSON
    company_name: Text64 = ""
    #: The separate consent to keeping the ID (sensitive personal information).
    consent_at: TimeStr


class BankAccountWire(_Strict):
    """One side of a bank transfer: the account holder's name and the account."""

    name: Name
    bank: Text64 = ""
    number_masked: MaskedStr
    #: The full number sealed for ``SEAL_BANK_ACCOUNT`` (absent for the shop's own
    #: account, which is not personal data).
    number_sealed: SealedStr | None = None


class BankTransferWire(_Strict):
    """A transfer recorded with a prepaid purchase or a 退卡 refund."""

    payer: BankAccountWire
    payee: BankAccountWire
    amount_fen: PositiveFen
    #: The bank's serial or the transfer slip's number.
    reference: Text64 = ""


class RechargePayload(_Strict):
    member_id: MemberId
    card_number: CardNumber | None = None
    receipt_no: Annotated[str, StringConstraints(pattern=r"^[0-9A-Za-z_.-]{0,32}$")] = ""
    business_date: DateStr
    rules_version: RulesVersion | None = None
    amount_fen: PositiveFen
    bonus_fen: PositiveFen = 0
    tenders: Annotated[list[TenderLine], Field(max_length=16)]
    offline: StrictBool = False
    #: The card's class at the till (absent from tills older than card classes: named).
    card_class: CardClass | None = None
    #: The cap the till enforced (principal + bonus, or principal alone when the
    #: programme says so), so head office can flag an offline recharge that passed it.
    cap_fen: PositiveFen | None = None
    #: The balance the till saw after the recharge (principal + bonus).
    balance_after_fen: PositiveFen | None = None
    #: The real-name record when the law asks for one (named cards, large anonymous buys).
    buyer: RealNameWire | None = None
    #: The transfer when the purchase was paid by bank transfer (an ``external`` tender
    #: of method ``bank_transfer``).
    bank_transfer: BankTransferWire | None = None


class RechargeReversedPayload(_Strict):
    """An unused recharge refunded in full within the cooling-off window.

    ``sv_principal_fen`` / ``sv_bonus_fen`` are the ledger deltas as applied to the
    member (negative: the recharge's principal and bonus taken off again).
    """

    #: The reversal's own id (the outbox event's id is the event's).
    reversal_id: Annotated[str, StringConstraints(pattern=r"^[0-9A-Za-z_-]{1,36}$")]
    #: The recharge reversed: its id (the recharge sale's id and its stored-value
    #: entry's event id) and receipt.
    recharge_id: SaleIdStr
    recharge_receipt_no: Annotated[str, StringConstraints(pattern=r"^[0-9A-Za-z_.-]{0,32}$")] = ""
    member_id: MemberId
    card_number: CardNumber | None = None
    receipt_no: Annotated[str, StringConstraints(pattern=r"^[0-9A-Za-z_.-]{0,32}$")] = ""
    business_date: DateStr
    #: The business date of the recharge and the cooling-off rule that allowed this.
    recharged_on: DateStr
    region: CodeStr
    principal_fen: PositiveFen
    bonus_fen: PositiveFen = 0
    sv_principal_fen: Fen
    sv_bonus_fen: Fen
    #: Reasonable costs kept back (Jiangsu's rule; 0 elsewhere).
    costs_fen: PositiveFen = 0
    #: What goes back to the buyer (cash, or the way it was paid); sums to
    #: ``principal_fen - costs_fen``, amounts positive.
    refund_tenders: Annotated[list[TenderLine], Field(max_length=16)]
    bank_transfer: BankTransferWire | None = None
    approved_by: StaffIdStr
    reason: ShortText = ""
    offline: StrictBool = False

    @model_validator(mode="after")
    def _adds_up(self) -> RechargeReversedPayload:
        if self.sv_principal_fen != -self.principal_fen or self.sv_bonus_fen != -self.bonus_fen:
            raise ValueError("the ledger deltas must take back the recharge's principal and bonus")
        if self.costs_fen > self.principal_fen:
            raise ValueError("the costs kept back exceed the principal")
        if sum(t.amount_fen for t in self.refund_tenders) != self.principal_fen - self.costs_fen:
            raise ValueError("the refund tenders do not add up to the principal less costs")
        return self


class CardClosedPayload(_Strict):
    """退卡: a card closed and its refundable balance paid to the holder.

    The figures follow 法释〔2025〕4号: what was spent counts against the principal
    at paid ÷ (paid + bonus), so ``principal_refunded_fen`` is ``paid_in_fen`` less
    ``spent_from_principal_fen``; the rest of the balance (``bonus_forfeited_fen``)
    lapses. ``sv_principal_fen`` / ``sv_bonus_fen`` are the ledger deltas that take
    the card's balance to zero (as applied to the member: negative or zero).
    """

    closure_id: Annotated[str, StringConstraints(pattern=r"^[0-9A-Za-z_-]{1,36}$")]
    member_id: MemberId
    card_number: CardNumber
    card_class: CardClass = CardClass.NAMED
    receipt_no: Annotated[str, StringConstraints(pattern=r"^[0-9A-Za-z_.-]{0,32}$")] = ""
    business_date: DateStr
    #: Principal paid in (recharges less reversals) and bonus given, over the card's life.
    paid_in_fen: PositiveFen
    bonus_given_fen: PositiveFen = 0
    #: Spent from the card in all (paid in + bonus − balance), and the principal's share.
    spent_fen: PositiveFen
    spent_from_principal_fen: PositiveFen
    principal_refunded_fen: PositiveFen
    bonus_forfeited_fen: PositiveFen
    sv_principal_fen: Fen
    sv_bonus_fen: Fen
    #: ``cash`` (a balance of at most ¥100) or ``bank_transfer`` to the holder's account.
    tender: Annotated[str, StringConstraints(pattern=r"^(cash|bank_transfer)$")]
    bank_transfer: BankTransferWire | None = None
    #: The holder's ID as checked at the counter.
    holder: RealNameWire
    approved_by: StaffIdStr
    reason: ShortText = ""

    @model_validator(mode="after")
    def _adds_up(self) -> CardClosedPayload:
        balance = -(self.sv_principal_fen + self.sv_bonus_fen)
        if self.sv_principal_fen > 0 or self.sv_bonus_fen > 0:
            raise ValueError("a closure only takes stored value off")
        if self.principal_refunded_fen + self.bonus_forfeited_fen != balance:
            raise ValueError("refunded + forfeited must equal the balance closed")
        if self.paid_in_fen - self.spent_from_principal_fen != self.principal_refunded_fen:
            raise ValueError("refunded must equal paid in less spent from principal")
        if self.spent_fen != self.paid_in_fen + self.bonus_given_fen - balance:
            raise ValueError("spent must equal paid in + bonus − balance")
        if (self.tender == "bank_transfer") != (self.bank_transfer is not None):
            raise ValueError("a bank-transfer refund needs its transfer record, cash none")
        if self.bank_transfer is not None and (
            self.bank_transfer.amount_fen != self.principal_refunded_fen
        ):
            raise ValueError("the transfer must pay exactly the refund")
        return self


CardUid = Annotated[str, StringConstraints(pattern=r"^[0-9A-F]{8,32}$")]
CardKind = Annotated[str, StringConstraints(pattern=r"^[a-z0-9_]{1,16}$")]
PinHash = Annotated[str, StringConstraints(pattern=r"^[\x21-\x7e]{1,128}$")]


class MemberPayload(_Strict):
    member_id: MemberId
    #: Empty only for the holder of an anonymous card (``anonymous``).
    name: Text64
    phone: Annotated[str, StringConstraints(pattern=r"^1[3-9]\d{9}$")] | None = None
    birthday: BirthdayStr | None = None
    tier_code: CodeStr
    joined_on: DateStr
    card_number: CardNumber | None = None
    card_uid: CardUid | None = None
    card_kind: CardKind = "barcode"
    pay_pin_hash: PinHash | None = None
    gender: Annotated[str, StringConstraints(pattern=r"^(female|male|other)$")] | None = None
    #: When the member agreed to the use of their data, and to which wording.
    consent_at: TimeStr | None = None
    consent_version: CodeStr | None = None
    #: The holder of an anonymous prepaid card (不记名卡) sold at the counter: no name,
    #: no phone, no personal data; the card's class and its expiry printed on its face.
    anonymous: StrictBool = False
    card_class: CardClass | None = None
    card_expires_on: DateStr | None = None

    @model_validator(mode="after")
    def _named_or_anonymous(self) -> MemberPayload:
        if self.anonymous:
            if self.name or self.phone or self.birthday:
                raise ValueError("an anonymous card's holder has no name, phone or birthday")
            if self.card_class != CardClass.ANONYMOUS or self.card_expires_on is None:
                raise ValueError("an anonymous card's holder comes with its card and expiry")
        elif not self.name:
            raise ValueError("a member has a name")
        return self


SecureCounter = Annotated[int, Strict(), Field(ge=0, le=2**32 - 1)]


class CardPayload(_Strict):
    card_number: CardNumber
    member_id: MemberId | None = None
    new_card_number: CardNumber | None = None
    new_card_uid: CardUid | None = None
    card_kind: CardKind = "barcode"
    reason: ShortText = ""
    #: The issuance counter written into a secure-mode card's sector (``card.issued``: the
    #: card ``card_number``; ``card.replaced``: the new card). Head office keeps the
    #: highest counter seen per card and sends it to every till, which refuses older copies.
    secure_counter: SecureCounter | None = None
    #: ``card.replaced``: the new card's class and expiry (an anonymous card exchanged
    #: when it expired gets a new one).
    card_class: CardClass | None = None
    card_expires_on: DateStr | None = None


class _Lenient(BaseModel):
    # The services add context fields (staff, sale...) head office does not need; they
    # are dropped (head office stores the typed payload, not what was sent).
    model_config = ConfigDict(extra="ignore", frozen=True, populate_by_name=True)


class TierChangePayload(_Lenient):
    member_id: MemberId
    to: CodeStr
    from_: CodeStr | None = Field(None, alias="from")


class MemberUpdatePayload(_Lenient):
    member_id: MemberId
    name: Name | None = None
    phone: Annotated[str, StringConstraints(pattern=r"^1[3-9]\d{9}$")] | None = None
    birthday: BirthdayStr | None = None


class CouponIssuedPayload(_Lenient):
    code: Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9-]{3,32}$")]
    member_id: MemberId | None = None
    name: Text64 = ""
    kind: Annotated[str, StringConstraints(pattern=r"^(amount_off|percent_off)$")]
    value_fen: Count = 0
    rate: Annotated[str, StringConstraints(pattern=r"^0?\.\d{1,4}$|^1$")] = "1"
    min_spend_fen: Annotated[int, Strict(), Field(ge=0, le=10**10)] = 0
    valid_from: DateStr
    valid_until: DateStr
    stackable: StrictBool = False


class LotDelta(_Lenient):
    #: The lot's id: the id of the event that earned its points.
    lot_id: Annotated[str, StringConstraints(pattern=r"^[0-9A-Za-z_-]{1,64}$")]
    #: What expiry takes from the lot (never positive).
    delta: Annotated[int, Strict(), Field(ge=-(10**10), le=0)]


class PointsExpiredPayload(_Lenient):
    member_id: MemberId
    business_date: DateStr
    lots: Annotated[list[LotDelta], Field(min_length=1, max_length=10_000)]

    @property
    def delta(self) -> int:
        return sum(x.delta for x in self.lots)


class PointsAdjustedPayload(_Lenient):
    """A supervisor-approved manual correction at a counter (signed)."""

    member_id: MemberId
    delta: PointsInt
    business_date: DateStr
    #: The staff member who approved it (head office knows them and their role's limits).
    approved_by: StaffIdStr
    reason: ShortText = ""


class StoredValueAdjustedPayload(_Lenient):
    member_id: MemberId
    principal_fen: Fen
    bonus_fen: Fen
    business_date: DateStr
    approved_by: StaffIdStr
    reason: ShortText = ""


class PayPinPayload(_Lenient):
    member_id: MemberId
    pay_pin_hash: PinHash
    #: A manager's reset: the new PIN also ends any lock, chain-wide, as of ``created_at``.
    clears_lock: bool = False
    created_at: Annotated[str, StringConstraints(min_length=10, max_length=40)] | None = None


class PayPinUnlockedPayload(_Lenient):
    """A manager ended a member's PIN lock at a till (``services.member_pin.unlock_pay_pin``)."""

    member_id: MemberId
    unlocked_at: Annotated[str, StringConstraints(min_length=10, max_length=40)]


class PayPinFailedPayload(_Lenient):
    """A wrong payment PIN at a till: head office counts them chain-wide (``pin_failures``)."""

    member_id: MemberId
    failed_at: Annotated[str, StringConstraints(min_length=10, max_length=40)]
    locked_here: bool = False


class CardFeePayload(_Lenient):
    """The fee for issuing or replacing a card, paid in cash or externally (never stored value)."""

    member_id: MemberId
    card_number: CardNumber
    kind: Annotated[str, StringConstraints(pattern=r"^(issue|replace)$")]
    amount_fen: Annotated[int, Strict(), Field(ge=1, le=10**8)]
    tender: Annotated[str, StringConstraints(pattern=r"^(cash|external)$")]
    method: Method = ""
    business_date: DateStr


class CountCardUsedPayload(_Lenient):
    """Uses taken from a count card; its id is the selling terminal's own (cards are local)."""

    count_card_id: RowId
    member_id: MemberId
    uses: Annotated[int, Strict(), Field(ge=1, le=10_000)]


class ShiftClosedPayload(_Lenient):
    """A shift's Z report, kept at head office as it was (no ledger effect)."""

    kind: Annotated[str, StringConstraints(pattern=r"^[XZ]$")] = "Z"
    shift_id: RowId | None = None
    staff_id: StaffIdStr | None = None
    opened_at: TimeStr | None = None
    closed_at: TimeStr | None = None
    sales_count: Count = 0
    sales_total_fen: Fen = 0
    refunds_count: Count = 0
    refunds_total_fen: Fen = 0
    recharges_count: Count = 0
    recharges_total_fen: Fen = 0
    cash_expected_fen: Fen = 0
    counted_cash_fen: Fen | None = None
    variance_fen: Fen | None = None


class MemberCodeUsedPayload(_Strict):
    """A member code (会员码) the till verified and took (``domain.member_code``)."""

    member_id: MemberId
    key_id: RowId
    #: The code's time step (``floor(unix seconds / 30)``).
    step: Annotated[int, Strict(), Field(ge=0, le=10**11)]
    used_at: TimeStr


class ConsentChangedPayload(_Strict):
    """A consent given or withdrawn at a till (PIPL Art. 15: as easy to withdraw as to give)."""

    member_id: MemberId
    purpose: Annotated[str, StringConstraints(pattern=r"^[a-z_]{3,24}$")]
    granted: StrictBool
    channel: Annotated[str, StringConstraints(pattern=r"^[a-z_]{2,16}$")] = "till"
    text_version: CodeStr
    at: TimeStr


PAYLOAD_MODELS: dict[EventKind, type[BaseModel]] = {
    EventKind.SALE: SalePayload,
    EventKind.REFUND: SalePayload,
    EventKind.RECHARGE: RechargePayload,
    EventKind.MEMBER_REGISTERED: MemberPayload,
    EventKind.CARD_ISSUED: CardPayload,
    EventKind.CARD_LOST: CardPayload,
    EventKind.CARD_FOUND: CardPayload,
    EventKind.CARD_REPLACED: CardPayload,
    EventKind.MEMBER_TIER_CHANGED: TierChangePayload,
    EventKind.MEMBER_UPDATED: MemberUpdatePayload,
    EventKind.COUPON_ISSUED: CouponIssuedPayload,
    EventKind.POINTS_EXPIRED: PointsExpiredPayload,
    EventKind.POINTS_ADJUSTED: PointsAdjustedPayload,
    EventKind.SV_ADJUSTED: StoredValueAdjustedPayload,
    EventKind.PAY_PIN_SET: PayPinPayload,
    EventKind.PAY_PIN_FAILED: PayPinFailedPayload,
    EventKind.PAY_PIN_UNLOCKED: PayPinUnlockedPayload,
    EventKind.CARD_FEE: CardFeePayload,
    EventKind.COUNT_CARD_USED: CountCardUsedPayload,
    EventKind.SHIFT_CLOSED: ShiftClosedPayload,
    EventKind.RECHARGE_REVERSED: RechargeReversedPayload,
    EventKind.CARD_CLOSED: CardClosedPayload,
    EventKind.MEMBER_CODE_USED: MemberCodeUsedPayload,
    EventKind.CONSENT_CHANGED: ConsentChangedPayload,
}


class ChainMark(_Strict):
    """Where an event stands in its terminal's hash chain of events (``store.chain``):
    its position ``n`` (1, 2, 3... without holes), the previous event's hash and its own."""

    n: Annotated[int, Field(ge=1, le=10**12)]
    prev: Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]
    hash: Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]
    #: What the till's own look at its chain found since it last told head office
    #: (a row written outside the till, an edited sale, a trigger dropped...).
    faults: (
        Annotated[list[Annotated[str, StringConstraints(max_length=400)]], Field(max_length=50)]
        | None
    ) = None


class Event(_Strict):
    """One outbox row on the wire."""

    id: uuid.UUID
    #: One of ``EventKind``; any other kind is refused (head office stores nothing it
    #: cannot check).
    kind: EventKind
    store_id: StoreIdStr
    terminal_id: TerminalIdStr
    created_at: TimeStr
    #: The kind's payload (``PAYLOAD_MODELS``), at most ``MAX_PAYLOAD_BYTES`` of JSON.
    payload: dict[str, Any]
    _typed: Any = PrivateAttr()
    #: Absent from tills older than the chain (and from events written before it).
    chain: ChainMark | None = None

    @model_validator(mode="after")
    def _payload_matches_kind(self) -> Event:
        body = json.dumps(self.payload, ensure_ascii=False, separators=(",", ":"))
        refuse_hidden_json(body)
        if len(body.encode()) > MAX_PAYLOAD_BYTES:
            raise ValueError(f"the payload is larger than {MAX_PAYLOAD_BYTES} bytes")
        self._typed = PAYLOAD_MODELS[self.kind].model_validate(self.payload)
        return self

    def typed_payload(self) -> Any:
        """The payload as its kind's model."""
        return self._typed


class PushRequest(_Strict):
    events: Annotated[list[Event], Field(min_length=1, max_length=MAX_BATCH)]


class BalanceVersion(_Reply):
    member_id: MemberId
    #: The member's balance version at head office once this event was applied.
    version: int


class EventResult(_Reply):
    id: uuid.UUID
    status: Literal["applied"]
    #: True when head office had applied this event before: the first result is returned.
    replayed: bool = False
    balances: list[BalanceVersion] = []
    #: Review flags raised by this event (``overdraft``, ``blocked_card_used``...).
    flags: list[str] = []


class PushResponse(_Reply):
    results: list[EventResult]


# --- pull ----------------------------------------------------------------------


class Entity(enum.StrEnum):
    TIER = "tier"
    RULES = "rules"
    MEMBER = "member"
    PRODUCT = "product"
    COUPON = "coupon"
    #: A member's phone key that signs its member code (``headoffice.device_keys``).
    DEVICE_KEY = "device_key"


#: The version of the change feed this build understands; a till sends it with each
#: pull (``feed``) and head office serves only the entity kinds of that version or
#: older. A later build that adds an entity kind maps it to ``FEED_VERSION + 1`` and
#: raises ``FEED_VERSION``: an older till is not sent what it cannot store, and a
#: till upgraded past the version of its cursor pulls everything again once.
#: Version 2 added ``device_key`` (the member code's public keys, #20).
FEED_VERSION = 2
ENTITY_FEED_VERSION: dict[Entity, int] = {
    **{e: 1 for e in Entity if e is not Entity.DEVICE_KEY},
    Entity.DEVICE_KEY: 2,
}


def entities_for(feed: int) -> list[Entity]:
    """The entity kinds a till that understands feed version ``feed`` is served."""
    return [e for e, since in ENTITY_FEED_VERSION.items() if since <= feed]


class Change(_Reply):
    entity: Entity
    key: str
    #: The entity's current state at head office.
    data: dict[str, Any]


class PullPage(_Reply):
    changes: list[Change]
    #: Opaque position to send back as ``cursor`` for the next page.
    cursor: str
    #: True when more changes below the high-water mark wait.
    more: bool
    #: Changes after ``cursor`` that head office could serve now (only when asked for).
    remaining: int | None = None


class ErrorBody(_Reply):
    code: str
    detail: str


def sign_of(value: int) -> int:
    return (value > 0) - (value < 0)


#: The request headers a till reports itself in on push and pull (head office keeps the
#: last report: ``headoffice.terminal_reports``): its app version, its unsent outbox
#: events and its own clock (ISO 8601 with offset).
REPORT_VERSION = "X-POSM-App-Version"
REPORT_BACKLOG = "X-POSM-Backlog"
REPORT_CLOCK = "X-POSM-Clock"
