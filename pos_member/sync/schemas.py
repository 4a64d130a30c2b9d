"""Wire schemas shared by the terminal's sync client and head office.

Everything that crosses the network is one of these pydantic models, so that
both sides refuse the same malformed input and the OpenAPI schema documents
exactly what a terminal sends. Amounts are integer fen, never floats.

Events (``Event``) are what the terminal's outbox holds: a UUID, a kind, the
store and terminal that produced it, and a kind-specific payload
(``SalePayload``, ``RechargePayload``, ``CardPayload``, ``MemberPayload``).
The payload carries the ledger effects the counter applied, so head office
can re-check them with the domain rules and apply exactly the same deltas.
"""

from __future__ import annotations

import enum
import uuid
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from pos_member.domain.events import EventKind as EventKind  # noqa: PLC0414 - re-exported

API_PREFIX = "/api/v1"
MAX_BATCH = 500
MAX_PAGE = 5_000

TerminalIdStr = Annotated[str, StringConstraints(pattern=r"^[A-Z0-9]{1,8}$")]
StoreIdStr = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_-]{1,16}$")]
DateStr = Annotated[str, StringConstraints(pattern=r"^\d{4}-\d{2}-\d{2}$")]
Fen = Annotated[int, Field(ge=-(10**12), le=10**12)]
PositiveFen = Annotated[int, Field(ge=0, le=10**12)]
PointsInt = Annotated[int, Field(ge=-(10**10), le=10**10)]
ShortText = Annotated[str, StringConstraints(max_length=128)]
MemberId = Annotated[int, Field(ge=1, le=2**53)]
RulesVersion = Annotated[int, Field(ge=1, le=2**31 - 1)]
CardNumber = Annotated[str, StringConstraints(pattern=r"^[0-9A-Za-z]{4,32}$")]


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


# --- events --------------------------------------------------------------------
# Event kinds are the domain's (``pos_member.domain.events``), imported above so
# that ``sync.schemas.EventKind`` stays where head office and the tests read it.


class TenderKindWire(enum.StrEnum):
    CASH = "cash"
    STORED_VALUE = "stored_value"
    POINTS = "points"
    EXTERNAL = "external"


class TenderLine(_Strict):
    kind: TenderKindWire
    #: What this tender paid of the sale (negative on refunds).
    amount_fen: Fen
    method: Annotated[str, StringConstraints(max_length=16)] = ""
    points: PointsInt = 0


class SalePayload(_Strict):
    """A sale or a refund as the counter committed it.

    Ledger deltas are signed as applied to the member: a stored-value payment
    is negative, a refund to stored value positive; ``points_earned`` is
    negative on a refund that takes points back, ``points_redeemed`` negative
    on a refund that gives spent points back.
    """

    sale_id: Annotated[str, StringConstraints(min_length=1, max_length=36)]
    receipt_no: Annotated[str, StringConstraints(min_length=1, max_length=32)]
    business_date: DateStr
    member_id: MemberId | None = None
    card_number: CardNumber | None = None
    rules_version: RulesVersion | None = None
    offline: bool = False
    total_fen: Fen
    tenders: Annotated[list[TenderLine], Field(max_length=16)]
    sv_principal_fen: Fen = 0
    sv_bonus_fen: Fen = 0
    points_earned: PointsInt = 0
    points_redeemed: PointsInt = 0
    original_sale_id: Annotated[str, StringConstraints(max_length=36)] | None = None
    coupon_codes: Annotated[
        list[Annotated[str, StringConstraints(max_length=32)]], Field(max_length=8)
    ] = []

    @model_validator(mode="after")
    def _member_for_ledgers(self) -> SalePayload:
        if self.member_id is None and (
            self.sv_principal_fen or self.sv_bonus_fen or self.points_earned or self.points_redeemed
        ):
            raise ValueError("stored value or points need a member_id")
        return self


class RechargePayload(_Strict):
    member_id: MemberId
    card_number: CardNumber | None = None
    receipt_no: Annotated[str, StringConstraints(max_length=32)] = ""
    business_date: DateStr
    rules_version: RulesVersion | None = None
    amount_fen: PositiveFen
    bonus_fen: PositiveFen = 0
    tenders: Annotated[list[TenderLine], Field(max_length=16)]
    offline: bool = False


class MemberPayload(_Strict):
    member_id: MemberId
    name: Annotated[str, StringConstraints(min_length=1, max_length=64)]
    phone: Annotated[str, StringConstraints(pattern=r"^1[3-9]\d{9}$")] | None = None
    birthday: DateStr | None = None
    tier_code: Annotated[str, StringConstraints(min_length=1, max_length=32)]
    joined_on: DateStr
    card_number: CardNumber | None = None
    card_uid: Annotated[str, StringConstraints(pattern=r"^[0-9A-F]{8,32}$")] | None = None
    card_kind: Annotated[str, StringConstraints(max_length=16)] = "barcode"
    pay_pin_hash: Annotated[str, StringConstraints(max_length=128)] | None = None
    gender: Annotated[str, StringConstraints(pattern=r"^(female|male|other)$")] | None = None
    #: When the member agreed to the use of their data, and to which wording.
    consent_at: Annotated[str, StringConstraints(min_length=10, max_length=32)] | None = None
    consent_version: Annotated[str, StringConstraints(max_length=16)] | None = None


SecureCounter = Annotated[int, Field(ge=0, le=2**32 - 1)]


class CardPayload(_Strict):
    card_number: CardNumber
    member_id: MemberId | None = None
    new_card_number: CardNumber | None = None
    new_card_uid: Annotated[str, StringConstraints(pattern=r"^[0-9A-F]{8,32}$")] | None = None
    card_kind: Annotated[str, StringConstraints(max_length=16)] = "barcode"
    reason: ShortText = ""
    #: The issuance counter written into a secure-mode card's sector (``card.issued``: the
    #: card ``card_number``; ``card.replaced``: the new card). Head office keeps the
    #: highest counter seen per card and sends it to every till, which refuses older copies.
    secure_counter: SecureCounter | None = None


class _Lenient(BaseModel):
    # The services add context fields (staff, sale...) head office does not need.
    model_config = ConfigDict(extra="ignore", frozen=True, populate_by_name=True)


class TierChangePayload(_Lenient):
    member_id: MemberId
    to: Annotated[str, StringConstraints(min_length=1, max_length=32)]
    from_: Annotated[str, StringConstraints(max_length=32)] | None = Field(None, alias="from")


class MemberUpdatePayload(_Lenient):
    member_id: MemberId
    name: Annotated[str, StringConstraints(min_length=1, max_length=64)] | None = None
    phone: Annotated[str, StringConstraints(pattern=r"^1[3-9]\d{9}$")] | None = None
    birthday: DateStr | None = None


class CouponIssuedPayload(_Lenient):
    code: Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9-]{3,32}$")]
    member_id: MemberId | None = None
    name: Annotated[str, StringConstraints(max_length=64)] = ""
    kind: Annotated[str, StringConstraints(pattern=r"^(amount_off|percent_off)$")]
    value_fen: Annotated[int, Field(ge=0, le=10**9)] = 0
    rate: Annotated[str, StringConstraints(pattern=r"^0?\.\d{1,4}$|^1$")] = "1"
    min_spend_fen: Annotated[int, Field(ge=0, le=10**10)] = 0
    valid_from: DateStr
    valid_until: DateStr
    stackable: bool = False


class LotDelta(_Lenient):
    lot_id: Annotated[str, StringConstraints(max_length=64)] = ""
    delta: PointsInt


class PointsExpiredPayload(_Lenient):
    member_id: MemberId
    business_date: DateStr
    lots: Annotated[list[LotDelta], Field(max_length=10_000)]

    @property
    def delta(self) -> int:
        return sum(x.delta for x in self.lots)


class PointsAdjustedPayload(_Lenient):
    """A supervisor-approved manual correction at a counter (signed)."""

    member_id: MemberId
    delta: PointsInt
    business_date: DateStr


class StoredValueAdjustedPayload(_Lenient):
    member_id: MemberId
    principal_fen: Fen
    bonus_fen: Fen
    business_date: DateStr


class PayPinPayload(_Lenient):
    member_id: MemberId
    pay_pin_hash: Annotated[str, StringConstraints(min_length=1, max_length=128)]


class CardFeePayload(_Lenient):
    """The fee for issuing or replacing a card, paid in cash or externally (never stored value)."""

    member_id: MemberId
    card_number: CardNumber
    kind: Annotated[str, StringConstraints(pattern=r"^(issue|replace)$")]
    amount_fen: Annotated[int, Field(ge=1, le=10**8)]
    tender: Annotated[str, StringConstraints(pattern=r"^(cash|external)$")]
    method: Annotated[str, StringConstraints(max_length=16)] = ""
    business_date: DateStr


class CountCardUsedPayload(_Lenient):
    """Uses taken from a count card; its id is the selling terminal's own (cards are local)."""

    count_card_id: Annotated[int, Field(ge=1, le=2**53)]
    member_id: MemberId
    uses: Annotated[int, Field(ge=1, le=10_000)]


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
    EventKind.CARD_FEE: CardFeePayload,
    EventKind.COUNT_CARD_USED: CountCardUsedPayload,
}


class Event(_Strict):
    """One outbox row on the wire."""

    id: uuid.UUID
    #: One of ``EventKind`` (validated and applied) or any other ``area.what`` kind, which
    #: head office records without ledger effects (shift closed, member updated...).
    kind: Annotated[str, StringConstraints(pattern=r"^[a-z_]{1,24}(\.[a-z_]{1,24}){1,3}$")]
    store_id: StoreIdStr
    terminal_id: TerminalIdStr
    created_at: Annotated[str, StringConstraints(min_length=10, max_length=32)]
    payload: dict[str, Any]

    @model_validator(mode="after")
    def _payload_matches_kind(self) -> Event:
        self.typed_payload()
        return self

    def typed_payload(self) -> Any:
        """The payload as its kind's model, or None for a kind recorded without effects."""
        model = PAYLOAD_MODELS.get(self.kind)  # type: ignore[call-overload]
        return None if model is None else model.model_validate(self.payload)


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


#: The version of the change feed this build understands; a till sends it with each
#: pull (``feed``) and head office serves only the entity kinds of that version or
#: older. A later build that adds an entity kind maps it to ``FEED_VERSION + 1`` and
#: raises ``FEED_VERSION``: an older till is not sent what it cannot store, and a
#: till upgraded past the version of its cursor pulls everything again once.
FEED_VERSION = 1
ENTITY_FEED_VERSION: dict[Entity, int] = {e: 1 for e in Entity}


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
