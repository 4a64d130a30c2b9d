"""SQLAlchemy 2 models of head office's authoritative database.

PostgreSQL in production, SQLite for a one-machine demo. Balances on
``members`` may go negative: an event that already happened at a counter is
never refused, an overdraft is recorded and listed in ``review_items``.
``applied_events`` holds every event id with its first result, written in the
same transaction as the event's effects: that is what makes a push exactly
once. ``changes`` is the change feed terminals pull, numbered in commit order
by ``change_clock`` (see ``changes.py``).
"""

from __future__ import annotations

from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

# BIGINT in PostgreSQL, but INTEGER (the rowid alias) in SQLite so ids autoincrement.
BigId = BigInteger().with_variant(Integer(), "sqlite")


class HQBase(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map: ClassVar[dict[Any, Any]] = {dict[str, Any]: JSON, list[Any]: JSON}


class StoreRow(HQBase):
    __tablename__ = "stores"
    id: Mapped[str] = mapped_column(String(16), primary_key=True)
    name: Mapped[str] = mapped_column(String(64))


class TerminalRow(HQBase):
    """An enrolled terminal; its secret is kept only as a SHA-256 hash."""

    __tablename__ = "terminals"
    key: Mapped[str] = mapped_column(String(32), primary_key=True)
    store_id: Mapped[str] = mapped_column(ForeignKey("stores.id"))
    terminal_id: Mapped[str] = mapped_column(String(16))
    secret_hash: Mapped[str] = mapped_column(String(64))
    enrolled_at: Mapped[str] = mapped_column(String(32))
    revoked: Mapped[bool] = mapped_column(Boolean, default=False)
    member_id_base: Mapped[int] = mapped_column(BigId)
    last_seen_at: Mapped[str | None] = mapped_column(String(32))
    __table_args__ = (UniqueConstraint("store_id", "terminal_id", name="uq_terminals_store_term"),)


class EnrolCode(HQBase):
    """A one-time enrolment code (hashed) for one terminal id of one store.

    ``replaces``: the code re-enrols the existing terminal ``terminal_id`` (a new
    PC), approved by a manager; otherwise it enrols a new terminal only.
    """

    __tablename__ = "enrol_codes"
    code_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    store_id: Mapped[str] = mapped_column(ForeignKey("stores.id"))
    # NULL only for codes issued before codes named their terminal: those enrol new ids.
    terminal_id: Mapped[str | None] = mapped_column(String(16))
    replaces: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[str] = mapped_column(String(32))
    expires_at: Mapped[str] = mapped_column(String(32))
    used_at: Mapped[str | None] = mapped_column(String(32))
    used_by: Mapped[str | None] = mapped_column(String(32))


class IdBlock(HQBase):
    """The next free block of member ids handed to an enrolling terminal."""

    __tablename__ = "id_blocks"
    name: Mapped[str] = mapped_column(String(32), primary_key=True)
    next_base: Mapped[int] = mapped_column(BigId)


class TierRow(HQBase):
    __tablename__ = "tiers"
    code: Mapped[str] = mapped_column(String(32), primary_key=True)
    name: Mapped[str] = mapped_column(String(64))
    rank: Mapped[int] = mapped_column(Integer, unique=True)


class RulesRow(HQBase):
    __tablename__ = "programme_rules"
    version: Mapped[int] = mapped_column(Integer, primary_key=True)
    effective_from: Mapped[str] = mapped_column(String(10))
    document: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[str] = mapped_column(String(32))
    # The last business date of the version (inclusive); NULL: until a later one starts.
    effective_until: Mapped[str | None] = mapped_column(String(10), nullable=True)


class MemberRow(HQBase):
    __tablename__ = "members"
    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=False)
    name: Mapped[str] = mapped_column(String(64))
    phone: Mapped[str | None] = mapped_column(String(20), unique=True)
    birthday: Mapped[str | None] = mapped_column(String(10))
    tier_code: Mapped[str] = mapped_column(ForeignKey("tiers.code"))
    joined_on: Mapped[str] = mapped_column(String(10))
    status: Mapped[str] = mapped_column(String(16), default="active")
    # The member's payment PIN (argon2 hash from the counter), so it works at every store.
    pay_pin_hash: Mapped[str | None] = mapped_column(String(128))
    # Until when the PIN is locked chain-wide (UTC ISO text), from ``pay_pin_failures``.
    pay_pin_locked_until: Mapped[str | None] = mapped_column(String(40))
    # The last reset or unlock (UTC ISO text): wrong PINs before it no longer count.
    pay_pin_cleared_at: Mapped[str | None] = mapped_column(String(40))
    # From registration at a counter: gender, and consent to data use with its time.
    gender: Mapped[str | None] = mapped_column(String(8))
    consent_at: Mapped[str | None] = mapped_column(String(32))
    consent_version: Mapped[str | None] = mapped_column(String(16))
    # Confirmed balances: the sums of sv_entries / points_entries; may be negative.
    sv_principal_fen: Mapped[int] = mapped_column(BigInteger, default=0)
    sv_bonus_fen: Mapped[int] = mapped_column(BigInteger, default=0)
    points: Mapped[int] = mapped_column(BigInteger, default=0)
    # +1 on every balance change: terminals match acknowledgements against it.
    balance_version: Mapped[int] = mapped_column(BigInteger, default=0)
    updated_at: Mapped[str] = mapped_column(String(32))
    #: The member's stored value closed by a 退卡 (``prepaid``): its event time (UTC key,
    #: ``review.utc_key``) and business date; sent to the tills, which refuse money onto it.
    sv_closed_at: Mapped[str | None] = mapped_column(String(32))
    sv_closed_on: Mapped[str | None] = mapped_column(String(10))
    #: Membership closed (``privacy.close_membership``): personal fields anonymised for good.
    erased_at: Mapped[str | None] = mapped_column(String(32))
    #: Closed while a law keeps its prepaid records: hidden from search and from the tills,
    #: erased by the retention job after ``retain_until`` (a date).
    restricted_at: Mapped[str | None] = mapped_column(String(32))
    retain_until: Mapped[str | None] = mapped_column(String(10), index=True)
    #: When head office first had the member's real-name record (a recharge's buyer or a
    #: 退卡's holder, UTC key): a named card's later recharge needs none (``prepaid``).
    real_name_at: Mapped[str | None] = mapped_column(String(32))


class PayPinFailureRow(HQBase):
    """A wrong payment PIN at a till (event ``member.pay_pin_failed``), counted chain-wide."""

    __tablename__ = "pay_pin_failures"
    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id"), index=True)
    event_id: Mapped[str] = mapped_column(String(36), unique=True)
    store_id: Mapped[str] = mapped_column(String(16))
    terminal_id: Mapped[str] = mapped_column(String(16))
    failed_at: Mapped[str] = mapped_column(String(40))


class CardRow(HQBase):
    __tablename__ = "cards"
    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    number: Mapped[str] = mapped_column(String(32), unique=True)
    uid: Mapped[str | None] = mapped_column(String(32), unique=True)
    kind: Mapped[str] = mapped_column(String(16))
    state: Mapped[str] = mapped_column(String(16))
    member_id: Mapped[int | None] = mapped_column(ForeignKey("members.id"), index=True)
    issued_on: Mapped[str | None] = mapped_column(String(10))
    expires_on: Mapped[str | None] = mapped_column(String(10))
    replaced_by_number: Mapped[str | None] = mapped_column(String(32))
    #: When the card was blocked (lost, replaced), UTC event time (``review.utc_key``).
    blocked_at: Mapped[str | None] = mapped_column(String(32))
    #: The highest secure-mode issuance counter any till pushed for this card (never lowered).
    secure_counter: Mapped[int | None] = mapped_column(BigInteger)
    #: The prepaid-card class (named / anonymous 不记名卡), sent to every till by the feed.
    card_class: Mapped[str] = mapped_column(String(16), default="named", server_default="named")


class ProductRow(HQBase):
    __tablename__ = "products"
    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=False)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    barcode: Mapped[str | None] = mapped_column(String(14), unique=True)
    name: Mapped[str] = mapped_column(String(128))
    category: Mapped[str] = mapped_column(String(32), default="")
    price_fen: Mapped[int] = mapped_column(BigInteger)
    member_price_fen: Mapped[int | None] = mapped_column(BigInteger)
    weighed: Mapped[bool] = mapped_column(Boolean, default=False)
    earns_points: Mapped[bool] = mapped_column(Boolean, default=True)
    discountable: Mapped[bool] = mapped_column(Boolean, default=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    count_card_plan: Mapped[str | None] = mapped_column(String(32))
    brand: Mapped[str] = mapped_column(String(64), default="", server_default="")


class CouponRow(HQBase):
    __tablename__ = "coupons"
    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    member_id: Mapped[int | None] = mapped_column(ForeignKey("members.id"), index=True)
    name: Mapped[str] = mapped_column(String(64), default="")
    kind: Mapped[str] = mapped_column(String(16))
    value_fen: Mapped[int] = mapped_column(BigInteger, default=0)
    rate: Mapped[str] = mapped_column(String(16), default="1")
    min_spend_fen: Mapped[int] = mapped_column(BigInteger, default=0)
    valid_from: Mapped[str] = mapped_column(String(10))
    valid_until: Mapped[str] = mapped_column(String(10))
    stackable: Mapped[bool] = mapped_column(Boolean, default=False)
    used_by_sale: Mapped[str | None] = mapped_column(String(36))
    used_at_store: Mapped[str | None] = mapped_column(String(16))
    # Which lines it takes: {"skus": [...], "categories": [...], "brands": [...]}; {}: every
    # line that takes coupons. ``cap_fen``: a percent-off coupon's most off (0: no cap).
    scope: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict, server_default="{}")
    cap_fen: Mapped[int] = mapped_column(BigInteger, default=0, server_default="0")


class AppliedEvent(HQBase):
    """Every event ever applied, with its first result: the exactly-once guard."""

    __tablename__ = "applied_events"
    event_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    terminal_key: Mapped[str] = mapped_column(String(32))
    store_id: Mapped[str] = mapped_column(String(16), index=True)
    kind: Mapped[str] = mapped_column(String(48))
    payload_hash: Mapped[str] = mapped_column(String(64))
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    received_at: Mapped[str] = mapped_column(String(32))
    result: Mapped[dict[str, Any] | None] = mapped_column(JSON)


class SaleRow(HQBase):
    __tablename__ = "sales"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    event_id: Mapped[str] = mapped_column(String(36), unique=True)
    kind: Mapped[str] = mapped_column(String(16))
    store_id: Mapped[str] = mapped_column(String(16), index=True)
    terminal_id: Mapped[str] = mapped_column(String(16))
    receipt_no: Mapped[str] = mapped_column(String(32))
    member_id: Mapped[int | None] = mapped_column(ForeignKey("members.id"), index=True)
    card_number: Mapped[str | None] = mapped_column(String(32))
    #: How the member was identified at the counter (``domain.identifiers.IdKind``).
    id_method: Mapped[str | None] = mapped_column(String(16))
    business_date: Mapped[str] = mapped_column(String(10), index=True)
    total_fen: Mapped[int] = mapped_column(BigInteger)
    offline: Mapped[bool] = mapped_column(Boolean, default=False)
    original_sale_id: Mapped[str | None] = mapped_column(String(36), index=True)
    #: What each tender kind took (a refund: gave back, negative), fen by kind.
    tenders: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    #: The ledger effects as pushed (see ``schemas.SalePayload``): refunds check against them.
    sv_principal_fen: Mapped[int] = mapped_column(BigInteger, default=0, server_default="0")
    sv_bonus_fen: Mapped[int] = mapped_column(BigInteger, default=0, server_default="0")
    points_earned: Mapped[int] = mapped_column(BigInteger, default=0, server_default="0")
    points_redeemed: Mapped[int] = mapped_column(BigInteger, default=0, server_default="0")
    __table_args__ = (
        # One receipt number per terminal: a second sale under it is a conflict, not a row.
        UniqueConstraint("store_id", "terminal_id", "receipt_no", name="uq_sales_receipt"),
    )


class SaleLineRow(HQBase):
    """The lines of a sale (a refund's: the original line numbers and the units back)."""

    __tablename__ = "sale_lines"
    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    sale_id: Mapped[str] = mapped_column(String(36), index=True)
    line_no: Mapped[int] = mapped_column(Integer)
    product_code: Mapped[str] = mapped_column(String(32), default="")
    #: Pieces, or grams of a weighed line.
    units: Mapped[int] = mapped_column(BigInteger)
    net_fen: Mapped[int] = mapped_column(BigInteger, default=0)
    points_earned: Mapped[int] = mapped_column(BigInteger, default=0)
    points_paid: Mapped[int] = mapped_column(BigInteger, default=0)


class StaffRow(HQBase):
    """A staff member head office knows, with the role that bounds what they may approve."""

    __tablename__ = "staff"
    id: Mapped[str] = mapped_column(String(16), primary_key=True)
    name: Mapped[str] = mapped_column(String(64))
    role: Mapped[str] = mapped_column(String(16))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    updated_at: Mapped[str] = mapped_column(String(32))


class CountCardUseRow(HQBase):
    """Append-only log of count-card uses at the counters.

    Count cards are sold and used at the terminal that sold them (their ids
    are that terminal's own); head office does not hold their balances, it
    keeps every use for the chain's reports, keyed by the event.
    """

    __tablename__ = "count_card_uses"
    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    event_id: Mapped[str] = mapped_column(String(36), unique=True)
    store_id: Mapped[str] = mapped_column(String(16), index=True)
    terminal_id: Mapped[str] = mapped_column(String(16))
    count_card_id: Mapped[int] = mapped_column(BigInteger)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id"), index=True)
    uses: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[str] = mapped_column(String(32))


class SVEntryRow(HQBase):
    """Append-only stored-value ledger at head office."""

    __tablename__ = "sv_entries"
    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    event_id: Mapped[str] = mapped_column(String(36), index=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    principal_delta_fen: Mapped[int] = mapped_column(BigInteger)
    bonus_delta_fen: Mapped[int] = mapped_column(BigInteger)
    store_id: Mapped[str] = mapped_column(String(16))
    terminal_id: Mapped[str] = mapped_column(String(16))
    business_date: Mapped[str] = mapped_column(String(10), index=True)
    created_at: Mapped[str] = mapped_column(String(32))
    #: The event's time in UTC, sortable text (``review.utc_key``); NULL: an opening entry.
    event_at: Mapped[str | None] = mapped_column(String(32))
    __table_args__ = (Index("ix_sv_entries_member_event_at", "member_id", "event_at"),)


class PointsEntryRow(HQBase):
    """Append-only points ledger at head office."""

    __tablename__ = "points_entries"
    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    event_id: Mapped[str] = mapped_column(String(36), index=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id"), index=True)
    kind: Mapped[str] = mapped_column(String(24))
    delta: Mapped[int] = mapped_column(BigInteger)
    store_id: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[str] = mapped_column(String(32))
    #: The lot an expiry took from (the lot's id is the event that earned it).
    lot_id: Mapped[str | None] = mapped_column(String(64), index=True)
    terminal_id: Mapped[str | None] = mapped_column(String(16))
    #: As ``SVEntryRow.event_at``.
    event_at: Mapped[str | None] = mapped_column(String(32))
    __table_args__ = (Index("ix_points_entries_member_event_at", "member_id", "event_at"),)


class ReviewItem(HQBase):
    """Something a manager must look at: an overdraft, a blocked card used offline..."""

    __tablename__ = "review_items"
    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    kind: Mapped[str] = mapped_column(String(32), index=True)
    member_id: Mapped[int | None] = mapped_column(BigInteger, index=True)
    event_id: Mapped[str] = mapped_column(String(36), index=True)
    store_id: Mapped[str] = mapped_column(String(16))
    detail: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[str] = mapped_column(String(32))
    resolved_at: Mapped[str | None] = mapped_column(String(32))
    #: An overdraft: how far below zero the event left the balance (fen or points).
    amount: Mapped[int | None] = mapped_column(BigInteger)
    #: Set (with ``resolved_at``) when a later push showed the item wrong (``review.py``).
    withdrawn_at: Mapped[str | None] = mapped_column(String(32))


class ReviewItemHistory(HQBase):
    """What happened to a review item after it was raised, and which push did it."""

    __tablename__ = "review_item_history"
    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    review_item_id: Mapped[int] = mapped_column(ForeignKey("review_items.id"), index=True)
    at: Mapped[str] = mapped_column(String(32))
    #: ``amended``, ``withdrawn`` or ``reinstated``.
    action: Mapped[str] = mapped_column(String(16))
    amount_before: Mapped[int | None] = mapped_column(BigInteger)
    amount_after: Mapped[int | None] = mapped_column(BigInteger)
    store_id: Mapped[str] = mapped_column(String(16))
    terminal_id: Mapped[str] = mapped_column(String(16))


class ChangeRow(HQBase):
    """The change feed: the newest position of each changed entity (see ``changes.py``)."""

    __tablename__ = "changes"
    entity: Mapped[str] = mapped_column(String(16), primary_key=True)
    key: Mapped[str] = mapped_column(String(40), primary_key=True)
    seq: Mapped[int] = mapped_column(BigInteger, index=True)


class ChangeClock(HQBase):
    """One row: the last number given to the change feed; writers lock it until commit."""

    __tablename__ = "change_clock"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    seq: Mapped[int] = mapped_column(BigInteger)


class AdminNote(HQBase):
    """Append-only log of manager actions through the API (who, what)."""

    __tablename__ = "admin_log"
    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    at: Mapped[str] = mapped_column(String(32))
    action: Mapped[str] = mapped_column(String(48))
    subject: Mapped[str | None] = mapped_column(String(64))
    detail: Mapped[dict[str, Any]] = mapped_column(JSON)
    note: Mapped[str | None] = mapped_column(Text)


class HoldRow(HQBase):
    """Stored value and points a till reserved for one sale while online (``holds.py``).

    ``state`` is ``held`` until the pushed sale captures it (``captured``) or it
    is released (``released``: by the till on void/abort, by a later sale of the
    same id that names no hold, or on timeout). Only ``held`` rows whose
    ``expires_at`` is ahead reduce what a member can have held next.
    """

    __tablename__ = "holds"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id"))
    terminal_key: Mapped[str] = mapped_column(String(32))
    store_id: Mapped[str] = mapped_column(String(16))
    sale_id: Mapped[str] = mapped_column(String(36), index=True)
    stored_value_fen: Mapped[int] = mapped_column(BigInteger)
    points: Mapped[int] = mapped_column(BigInteger)
    state: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[str] = mapped_column(String(32))
    expires_at: Mapped[str] = mapped_column(String(32))
    settled_at: Mapped[str | None] = mapped_column(String(32))
    #: The sale that captured the hold, or why it was released (``void``, ``timeout``...).
    settled_by: Mapped[str | None] = mapped_column(String(36))
    __table_args__ = (Index("ix_holds_member_state", "member_id", "state"),)


class TerminalChainLink(HQBase):
    """Each terminal's events chain as its pushes showed it (see ``headoffice.chain``)."""

    __tablename__ = "terminal_chain"
    terminal_key: Mapped[str] = mapped_column(String(32), primary_key=True)
    n: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    prev: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))
    event_id: Mapped[str] = mapped_column(String(36))
    received_at: Mapped[str] = mapped_column(String(32))


class PrepaidSettingsRow(HQBase):
    """The chain's standing under the prepaid-card law: one row (``headoffice.prepaid``).

    NULL overrides take the region's default (``prepaid.effective_settings``).
    """

    __tablename__ = "prepaid_settings"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    issuer_type: Mapped[str] = mapped_column(String(8))
    region: Mapped[str] = mapped_column(String(16))
    revenue_ratio_permille: Mapped[int] = mapped_column(Integer)
    registration_threshold_fen: Mapped[int | None] = mapped_column(BigInteger)
    custody_permille: Mapped[int | None] = mapped_column(Integer)
    filing_due_day: Mapped[int | None] = mapped_column(Integer)
    updated_at: Mapped[str] = mapped_column(String(32))


class PrepaidRevenueRow(HQBase):
    """A year's main-business revenue (主营业务收入): bounds the next year's outstanding value."""

    __tablename__ = "prepaid_revenue"
    year: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    revenue_fen: Mapped[int] = mapped_column(BigInteger)
    recorded_at: Mapped[str] = mapped_column(String(32))


class PrepaidClosureRow(HQBase):
    """A recharge reversal or 退卡 as a till pushed it, beside head office's own computation."""

    __tablename__ = "prepaid_closures"
    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    event_id: Mapped[str] = mapped_column(String(36), unique=True)
    #: ``reversal`` (a recharge undone in the cooling-off window) or ``closure`` (退卡).
    kind: Mapped[str] = mapped_column(String(16))
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id"), index=True)
    card_number: Mapped[str | None] = mapped_column(String(32))
    recharge_event_id: Mapped[str | None] = mapped_column(String(36), index=True)
    store_id: Mapped[str] = mapped_column(String(16))
    terminal_id: Mapped[str] = mapped_column(String(16))
    business_date: Mapped[str] = mapped_column(String(10))
    created_at: Mapped[str] = mapped_column(String(32))
    #: What the till took off the card (negative deltas, as its ledger entries say).
    principal_fen: Mapped[int] = mapped_column(BigInteger)
    bonus_fen: Mapped[int] = mapped_column(BigInteger)
    #: What the till paid back, and what head office's books say it should have.
    refund_fen: Mapped[int] = mapped_column(BigInteger)
    expected_refund_fen: Mapped[int] = mapped_column(BigInteger)
    refund_method: Mapped[str | None] = mapped_column(String(16))
    flags: Mapped[list[Any]] = mapped_column(JSON)


class ConsoleAccount(HQBase):
    """A person who signs in to the head-office console (``headoffice/console``).

    ``role`` bounds what they see and do (``console.roles``); a store manager's
    ``stores`` are the only stores they see. The password is kept as an argon2 hash;
    ``failed_logins`` in a row lock the account until ``locked_until``.
    """

    __tablename__ = "console_accounts"
    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    username: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(64))
    role: Mapped[str] = mapped_column(String(24))
    stores: Mapped[list[Any]] = mapped_column(JSON, default=list)
    password_hash: Mapped[str] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[str | None] = mapped_column(String(40))
    created_at: Mapped[str] = mapped_column(String(32))
    password_changed_at: Mapped[str] = mapped_column(String(32))


class ConsoleSession(HQBase):
    """A signed-in browser: the cookie holds a random token, kept here as its SHA-256.

    A session ends at ``expires_at``, after ``idle`` without use, or when ``ended_at``
    is set (logout, password change): an ended session's cookie opens nothing.
    """

    __tablename__ = "console_sessions"
    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("console_accounts.id"), index=True)
    csrf: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[str] = mapped_column(String(32))
    expires_at: Mapped[str] = mapped_column(String(32))
    last_seen_at: Mapped[str] = mapped_column(String(32))
    ended_at: Mapped[str | None] = mapped_column(String(32))


class ConsoleAudit(HQBase):
    """Append-only: every change made in the console and every view of a member's
    personal data, with who and from where (PostgreSQL refuses UPDATE and DELETE)."""

    __tablename__ = "console_audit"
    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    at: Mapped[str] = mapped_column(String(32))
    account_id: Mapped[int | None] = mapped_column(BigInteger, index=True)
    username: Mapped[str] = mapped_column(String(32))
    action: Mapped[str] = mapped_column(String(48), index=True)
    subject: Mapped[str | None] = mapped_column(String(64))
    detail: Mapped[dict[str, Any]] = mapped_column(JSON)
    client: Mapped[str | None] = mapped_column(String(64))


class MemberSmsCode(HQBase):
    """A one-time sign-in code sent by SMS to a phone (member page): kept as a keyed
    hash, single use, expiring; the rows also count the sends per phone and per address."""

    __tablename__ = "member_sms_codes"
    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    phone: Mapped[str] = mapped_column(String(20), index=True)
    code_hash: Mapped[str] = mapped_column(String(64))
    purpose: Mapped[str] = mapped_column(String(16))
    client: Mapped[str | None] = mapped_column(String(64), index=True)
    created_at: Mapped[str] = mapped_column(String(32), index=True)
    expires_at: Mapped[str] = mapped_column(String(32))
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    used_at: Mapped[str | None] = mapped_column(String(32))
    sent: Mapped[bool] = mapped_column(Boolean, default=False)


class MemberSession(HQBase):
    """A member signed in on a phone: the cookie's random token kept as its SHA-256."""

    __tablename__ = "member_sessions"
    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id"), index=True)
    csrf: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[str] = mapped_column(String(32))
    expires_at: Mapped[str] = mapped_column(String(32))
    ended_at: Mapped[str | None] = mapped_column(String(32))


class MemberPrefs(HQBase):
    """A member's consents beyond membership (marketing, separate) and whether balance
    changes are sent by SMS (on unless the member opts out)."""

    __tablename__ = "member_prefs"
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id"), primary_key=True)
    marketing: Mapped[bool] = mapped_column(Boolean, default=False)
    balance_sms: Mapped[bool] = mapped_column(Boolean, default=True)
    updated_at: Mapped[str] = mapped_column(String(32))


class MemberConsentLog(HQBase):
    """Append-only: each consent given or withdrawn, per purpose (``privacy.PURPOSES``),
    with its wording's version, the channel (till, console, member page) and who took it."""

    __tablename__ = "member_consent_log"
    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id"), index=True)
    purpose: Mapped[str] = mapped_column(String(24))
    granted: Mapped[bool] = mapped_column(Boolean)
    version: Mapped[str] = mapped_column(String(16))
    at: Mapped[str] = mapped_column(String(32))
    client: Mapped[str | None] = mapped_column(String(64))
    channel: Mapped[str] = mapped_column(String(16), server_default="member_page")
    #: The staff member or console account that took it (a till: ``STORE-TERMINAL``).
    taken_by: Mapped[str | None] = mapped_column(String(64))
    #: E.g. a guardian's relation to the child.
    detail: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    __table_args__ = (Index("ix_member_consent_log_member_purpose", "member_id", "purpose"),)


class NotificationRow(HQBase):
    """The notification outbox: one message per (event, member, purpose), queued in the
    transaction that applied the event; a worker sends it with retries and backoff."""

    __tablename__ = "notification_outbox"
    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    dedupe_key: Mapped[str] = mapped_column(String(96), unique=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id"), index=True)
    phone: Mapped[str] = mapped_column(String(20))
    kind: Mapped[str] = mapped_column(String(24))
    params: Mapped[dict[str, Any]] = mapped_column(JSON)
    state: Mapped[str] = mapped_column(String(12), index=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_at: Mapped[str] = mapped_column(String(32), index=True)
    created_at: Mapped[str] = mapped_column(String(32))
    sent_at: Mapped[str | None] = mapped_column(String(32))
    last_error: Mapped[str | None] = mapped_column(String(200))


class ChainIdentityRow(HQBase):
    """One row: the chain's short code, which its member codes carry (``device_keys``)."""

    __tablename__ = "chain_identity"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    code: Mapped[str] = mapped_column(String(16))
    updated_at: Mapped[str] = mapped_column(String(32))


class MemberDeviceKey(HQBase):
    """A member's phone: the public half of the key that signs its member code (会员码).

    ``public_key`` is the 65-byte uncompressed P-256 point (WebCrypto ``raw``); the
    private half never leaves the phone. A revoked key (a lost phone) stays, with when
    and why: the tills learn the revocation from the change feed."""

    __tablename__ = "member_device_keys"
    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id"), index=True)
    public_key: Mapped[bytes] = mapped_column(LargeBinary(65), unique=True)
    label: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[str] = mapped_column(String(32))
    revoked_at: Mapped[str | None] = mapped_column(String(32))
    revoke_reason: Mapped[str | None] = mapped_column(String(128))


class MemberCodeUse(HQBase):
    """A member code (key, time step) a till pushed with a sale: the same code at two
    terminals is a copied code (``review.member_code_reused``)."""

    __tablename__ = "member_code_uses"
    __table_args__ = (Index("ix_member_code_uses_key_step", "key_id", "step"),)
    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    member_id: Mapped[int] = mapped_column(BigInteger)
    key_id: Mapped[int] = mapped_column(BigInteger)
    step: Mapped[int] = mapped_column(BigInteger)
    store_id: Mapped[str] = mapped_column(String(16))
    terminal_id: Mapped[str] = mapped_column(String(16))
    event_id: Mapped[str] = mapped_column(String(36), unique=True)
    used_at: Mapped[str] = mapped_column(String(40))


class DailyStoreTotals(HQBase):
    """A store's business day summed as its events are applied (``daily_totals.record``):
    what the dashboard reads instead of summing ``sales``."""

    __tablename__ = "daily_store_totals"
    store_id: Mapped[str] = mapped_column(String(16), primary_key=True)
    business_date: Mapped[str] = mapped_column(String(10), primary_key=True)
    sales_fen: Mapped[int] = mapped_column(BigInteger, default=0)
    member_sales_fen: Mapped[int] = mapped_column(BigInteger, default=0)
    refunds_fen: Mapped[int] = mapped_column(BigInteger, default=0)
    recharges_fen: Mapped[int] = mapped_column(BigInteger, default=0)
    reversals_fen: Mapped[int] = mapped_column(BigInteger, default=0)
    card_fees_fen: Mapped[int] = mapped_column(BigInteger, default=0)
    receipts: Mapped[int] = mapped_column(BigInteger, default=0)
    refunds: Mapped[int] = mapped_column(BigInteger, default=0)
    points_earned: Mapped[int] = mapped_column(BigInteger, default=0)
    points_redeemed: Mapped[int] = mapped_column(BigInteger, default=0)
    active_members: Mapped[int] = mapped_column(BigInteger, default=0)
    __table_args__ = (Index("ix_daily_store_totals_date", "business_date", "store_id"),)


class DailyMemberDay(HQBase):
    """A member who bought at a store on a business day (once, however many sales)."""

    __tablename__ = "daily_member_days"
    business_date: Mapped[str] = mapped_column(String(10), primary_key=True)
    store_id: Mapped[str] = mapped_column(String(16), primary_key=True)
    member_id: Mapped[int] = mapped_column(BigInteger, primary_key=True)


class ConsoleAdjustment(HQBase):
    """An adjustment of a member's points or stored value asked for in the console
    (``adjustments``): ``pending`` above the threshold until a second person approves
    (``applied``, naming the ledger entries' ``event_id``) or refuses it (``refused``)."""

    __tablename__ = "console_adjustments"
    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id"), index=True)
    kind: Mapped[str] = mapped_column(String(8))  # points | sv
    #: Points, or fen of stored value principal (signed).
    amount: Mapped[int] = mapped_column(BigInteger)
    reason: Mapped[str] = mapped_column(String(200))
    requested_by: Mapped[int] = mapped_column(BigInteger)
    requested_by_name: Mapped[str] = mapped_column(String(32))
    requested_at: Mapped[str] = mapped_column(String(32))
    state: Mapped[str] = mapped_column(String(12), index=True)
    decided_by: Mapped[int | None] = mapped_column(BigInteger)
    decided_by_name: Mapped[str | None] = mapped_column(String(32))
    decided_at: Mapped[str | None] = mapped_column(String(32))
    event_id: Mapped[str | None] = mapped_column(String(36))


class MemberLastDay(HQBase):
    """The last business day a member bought (``daily_totals``): the members active from
    a day up to the newest day are counted from it without a DISTINCT over the range."""

    __tablename__ = "member_last_days"
    member_id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    last_day: Mapped[str] = mapped_column(String(10), index=True)


class TerminalReport(HQBase):
    """A till's last report of itself (``terminal_reports``): version, backlog, clock."""

    __tablename__ = "terminal_reports"
    terminal_key: Mapped[str] = mapped_column(String(32), primary_key=True)
    app_version: Mapped[str | None] = mapped_column(String(32))
    #: Outbox events the till had not sent when it asked.
    backlog: Mapped[int | None] = mapped_column(BigInteger)
    till_clock: Mapped[str | None] = mapped_column(String(40))
    #: The till's clock minus head office's when the request arrived (ms).
    skew_ms: Mapped[int | None] = mapped_column(BigInteger)
    reported_at: Mapped[str] = mapped_column(String(32))
