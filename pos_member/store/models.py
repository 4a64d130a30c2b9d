"""SQLAlchemy 2 typed models of the terminal's local store.

Money columns are INTEGER fen (``*_fen``). Ledgers (stored value, points,
count-card uses) are append-only; the cached balances on ``members`` and
``count_cards`` are updated in the same transaction as the entries and the
tests check them against the sums. Timestamps are UTC ISO text written by the
services (the clock is injected), dates are ISO ``YYYY-MM-DD`` text.
"""

from __future__ import annotations

from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    and_,
    event,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.sql.elements import ColumnElement

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map: ClassVar[dict[Any, Any]] = {dict[str, Any]: JSON, list[Any]: JSON}


class Tier(Base):
    """A member tier (普通/银卡/金卡/白金卡/钻石卡). Benefits live in the rules document."""

    __tablename__ = "tiers"
    code: Mapped[str] = mapped_column(String(32), primary_key=True)
    name: Mapped[str] = mapped_column(String(64))
    rank: Mapped[int] = mapped_column(Integer, unique=True)


class ProgrammeRules(Base):
    """One version of the programme rules, as the domain's JSON document."""

    __tablename__ = "programme_rules"
    version: Mapped[int] = mapped_column(Integer, primary_key=True)
    effective_from: Mapped[str] = mapped_column(String(10))
    document: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[str] = mapped_column(String(32))
    # The last business date of the version (inclusive); NULL: until replaced.
    effective_until: Mapped[str | None] = mapped_column(String(10), nullable=True)


class Member(Base):
    __tablename__ = "members"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # The person, as the counter needs it (``store.pii``; migration 0121): the masked
    # name and phone it shows, the phone's last 4 digits for the pick list, keyed hashes
    # (HMAC-SHA256 under the data key beside the file) of the normalised phone (unique:
    # the exact lookup) and of the full name, and the full values sealed (AES-GCM) for
    # the roles that need them. All empty once head office erased the member.
    name_masked: Mapped[str] = mapped_column(String(64), default="", server_default="")
    name_sealed: Mapped[str | None] = mapped_column(String(256))
    name_index: Mapped[str | None] = mapped_column(String(64), index=True)
    # The first 80 bits (20 hex digits) of the HMAC: unique among a chain's members,
    # and no use without the key. Migration 0121 renamed ``phone`` (with its unique
    # constraint) into this column, hence the constraint's name.
    phone_index: Mapped[str | None] = mapped_column(String(20))
    phone_last4: Mapped[str | None] = mapped_column(String(4), index=True)
    phone_masked: Mapped[str | None] = mapped_column(String(20))
    phone_sealed: Mapped[str | None] = mapped_column(String(256))
    birthday: Mapped[str | None] = mapped_column(String(10))
    tier_code: Mapped[str] = mapped_column(ForeignKey("tiers.code"))
    joined_on: Mapped[str] = mapped_column(String(10))
    status: Mapped[str] = mapped_column(String(16), default="active")
    # Cached balances: always equal to the sums of the ledgers below.
    sv_principal_fen: Mapped[int] = mapped_column(Integer, default=0)
    sv_bonus_fen: Mapped[int] = mapped_column(Integer, default=0)
    points_balance: Mapped[int] = mapped_column(Integer, default=0)
    pay_pin_hash: Mapped[str | None] = mapped_column(String(128))
    pay_pin_failures: Mapped[int] = mapped_column(Integer, default=0)
    pay_pin_locked_until: Mapped[str | None] = mapped_column(String(32))
    # When a manager last reset or unlocked the PIN here or at head office (UTC ISO text).
    pay_pin_cleared_at: Mapped[str | None] = mapped_column(String(40))
    updated_at: Mapped[str] = mapped_column(String(32))
    #: Head office's 退卡 of the member's stored value (its business date), from the feed:
    #: no money goes onto it from then on (``services.prepaid``).
    sv_closed_on: Mapped[str | None] = mapped_column(String(10))
    #: When head office first had a real-name record of the member (taken at any store),
    #: from the feed: on file here too (``services.prepaid.real_name_wanted``).
    real_name_at: Mapped[str | None] = mapped_column(String(32))
    __table_args__ = (
        CheckConstraint("sv_principal_fen >= 0", name="sv_principal_nonneg"),
        CheckConstraint("sv_bonus_fen >= 0", name="sv_bonus_nonneg"),
        CheckConstraint("points_balance >= 0", name="points_nonneg"),
        UniqueConstraint("phone_index", name="uq_members_phone"),
    )

    def __init__(self, *, name: str | None = None, phone: str | None = None, **kw: Any) -> None:
        """``name`` and ``phone`` (normalised) are taken in plain and never stored so: the
        row is given its masked, hashed and sealed forms when it is inserted (the data
        key is the one beside the database file it goes into; ``store.pii``)."""
        super().__init__(**kw)
        if name is not None or phone is not None:
            self._person = (name, phone)


@event.listens_for(Member, "before_insert")
def _seal_person(_mapper: Any, connection: Any, target: Member) -> None:
    person = target.__dict__.pop("_person", None)
    if person is not None:
        from pos_member.store import pii

        for col, value in pii.member_columns(pii.sealer_of(connection), *person).items():
            setattr(target, col, value)


class Card(Base):
    __tablename__ = "cards"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    number: Mapped[str] = mapped_column(String(32), unique=True)
    # Upper-case hex, no spaces; NULL for cards without a chip.
    uid: Mapped[str | None] = mapped_column(String(32), unique=True)
    kind: Mapped[str] = mapped_column(String(16))
    state: Mapped[str] = mapped_column(String(16))
    member_id: Mapped[int | None] = mapped_column(ForeignKey("members.id"), index=True)
    issued_on: Mapped[str | None] = mapped_column(String(10))
    expires_on: Mapped[str | None] = mapped_column(String(10))
    replaced_by: Mapped[int | None] = mapped_column(ForeignKey("cards.id"))
    # The prepaid-card class (``domain.rules.CardClass``): a member's card is named.
    card_class: Mapped[str] = mapped_column(String(16), default="named", server_default="named")
    __table_args__ = (
        CheckConstraint(
            "state IN ('stock','active','lost','replaced','expired')", name="card_state"
        ),
    )


class Product(Base):
    __tablename__ = "products"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # In-store code (货号/PLU), always present.
    code: Mapped[str] = mapped_column(String(32), unique=True)
    # EAN-13 / EAN-8 / UPC-A; NULL for goods without a printed barcode.
    barcode: Mapped[str | None] = mapped_column(String(14), unique=True)
    name: Mapped[str] = mapped_column(String(128))
    category: Mapped[str] = mapped_column(String(32), default="")
    brand: Mapped[str] = mapped_column(String(64), default="", server_default="")
    # Price per unit, or per kilogram when ``weighed``.
    price_fen: Mapped[int] = mapped_column(Integer)
    member_price_fen: Mapped[int | None] = mapped_column(Integer)
    weighed: Mapped[bool] = mapped_column(Boolean, default=False)
    earns_points: Mapped[bool] = mapped_column(Boolean, default=True)
    discountable: Mapped[bool] = mapped_column(Boolean, default=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    # Count-card products: selling one creates a count card of this rules plan.
    count_card_plan: Mapped[str | None] = mapped_column(String(32))
    __table_args__ = (CheckConstraint("price_fen >= 0", name="price_nonneg"),)


class Coupon(Base):
    __tablename__ = "coupons"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    member_id: Mapped[int | None] = mapped_column(ForeignKey("members.id"), index=True)
    name: Mapped[str] = mapped_column(String(64), default="")
    kind: Mapped[str] = mapped_column(String(16))
    value_fen: Mapped[int] = mapped_column(Integer, default=0)
    # Decimal text for percent-off coupons: "0.9" = 10% off.
    rate: Mapped[str] = mapped_column(String(16), default="1")
    min_spend_fen: Mapped[int] = mapped_column(Integer, default=0)
    valid_from: Mapped[str] = mapped_column(String(10))
    valid_until: Mapped[str] = mapped_column(String(10))
    stackable: Mapped[bool] = mapped_column(Boolean, default=False)
    # Limited to products: JSON {"skus": [...], "categories": [...], "brands": [...]};
    # "{}": every line that takes coupons. ``cap_fen``: a percent-off's most off (0: none).
    scope: Mapped[str] = mapped_column(Text, default="{}", server_default="{}")
    cap_fen: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    # The sale that used it; cleared when a whole refund gives the coupon back.
    used_by_sale: Mapped[str | None] = mapped_column(ForeignKey("sales.id"))
    # Head office's sale id when another store used it (pulled; cleared when head office
    # gives it back): ``used_by_sale`` can only point at this till's own sales.
    used_elsewhere: Mapped[str | None] = mapped_column(String(36))

    @classmethod
    def unused(cls) -> ColumnElement[bool]:
        """The clause for a coupon no sale has used, here or at another store."""
        return and_(cls.used_by_sale.is_(None), cls.used_elsewhere.is_(None))


class Staff(Base):
    __tablename__ = "staff"
    id: Mapped[str] = mapped_column(String(16), primary_key=True)
    name: Mapped[str] = mapped_column(String(64))
    role: Mapped[str] = mapped_column(String(16))
    pin_hash: Mapped[str] = mapped_column(String(128))
    failed_attempts: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[str | None] = mapped_column(String(32))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    __table_args__ = (
        CheckConstraint("role IN ('cashier','supervisor','manager')", name="staff_role"),
    )


class Shift(Base):
    __tablename__ = "shifts"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    terminal_id: Mapped[str] = mapped_column(String(16))
    staff_id: Mapped[str] = mapped_column(ForeignKey("staff.id"))
    opened_at: Mapped[str] = mapped_column(String(32))
    opening_float_fen: Mapped[int] = mapped_column(Integer)
    closed_at: Mapped[str | None] = mapped_column(String(32))
    closed_by: Mapped[str | None] = mapped_column(ForeignKey("staff.id"))
    counted_cash_fen: Mapped[int | None] = mapped_column(Integer)
    z_report: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    __table_args__ = (
        # At most one open shift per terminal.
        Index(
            "ux_shifts_open_per_terminal",
            "terminal_id",
            unique=True,
            sqlite_where=text("closed_at IS NULL"),
        ),
    )


class ReceiptCounter(Base):
    __tablename__ = "receipt_counters"
    terminal_id: Mapped[str] = mapped_column(String(16), primary_key=True)
    last_no: Mapped[int] = mapped_column(Integer, default=0)


class Sale(Base):
    """A sale or a refund (``kind``). The id is chosen when the cart starts: a
    second commit of the same id is refused by the primary key, so a sale is
    paid at most once."""

    __tablename__ = "sales"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    terminal_id: Mapped[str] = mapped_column(String(16))
    receipt_no: Mapped[str] = mapped_column(String(32))
    original_sale_id: Mapped[str | None] = mapped_column(ForeignKey("sales.id"), index=True)
    member_id: Mapped[int | None] = mapped_column(ForeignKey("members.id"), index=True)
    card_id: Mapped[int | None] = mapped_column(ForeignKey("cards.id"))
    staff_id: Mapped[str] = mapped_column(ForeignKey("staff.id"))
    approved_by: Mapped[str | None] = mapped_column(ForeignKey("staff.id"))
    shift_id: Mapped[int | None] = mapped_column(ForeignKey("shifts.id"), index=True)
    created_at: Mapped[str] = mapped_column(String(32), index=True)
    business_date: Mapped[str] = mapped_column(String(10))
    rules_version: Mapped[int | None] = mapped_column(Integer)
    subtotal_fen: Mapped[int] = mapped_column(Integer)
    discount_fen: Mapped[int] = mapped_column(Integer)
    rounding_fen: Mapped[int] = mapped_column(Integer, default=0)
    total_fen: Mapped[int] = mapped_column(Integer)
    points_earned: Mapped[int] = mapped_column(Integer, default=0)
    points_redeemed: Mapped[int] = mapped_column(Integer, default=0)
    offline: Mapped[bool] = mapped_column(Boolean, default=False)
    detail: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    #: The hold head office granted for this sale's stored value and points (None: the
    #: spend was not authorised online; head office confirms it only once pushed).
    hold_id: Mapped[str | None] = mapped_column(String(36))
    __table_args__ = (
        UniqueConstraint("terminal_id", "receipt_no", name="uq_sales_terminal_receipt"),
        CheckConstraint("kind IN ('sale','refund','recharge')", name="sale_kind"),
    )


class SaleLine(Base):
    __tablename__ = "sale_lines"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    sale_id: Mapped[str] = mapped_column(ForeignKey("sales.id"))
    line_no: Mapped[int] = mapped_column(Integer)
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"))
    product_code: Mapped[str] = mapped_column(String(32))
    name: Mapped[str] = mapped_column(String(128))
    # Either a count of units or a weight in grams (weighed goods).
    quantity: Mapped[int] = mapped_column(Integer, default=0)
    grams: Mapped[int] = mapped_column(Integer, default=0)
    unit_price_fen: Mapped[int] = mapped_column(Integer)
    gross_fen: Mapped[int] = mapped_column(Integer)
    discount_fen: Mapped[int] = mapped_column(Integer)
    net_fen: Mapped[int] = mapped_column(Integer)
    points_earned: Mapped[int] = mapped_column(Integer, default=0)
    points_paid: Mapped[int] = mapped_column(Integer, default=0)
    points_value_fen: Mapped[int] = mapped_column(Integer, default=0)
    # What each tender bucket paid for (or gave back on) this line, in fen.
    buckets: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    # For refund lines: the line of the original sale being returned.
    original_line_id: Mapped[int | None] = mapped_column(ForeignKey("sale_lines.id"), index=True)
    __table_args__ = (UniqueConstraint("sale_id", "line_no", name="uq_sale_lines_sale_line"),)


class SaleAdjustment(Base):
    """Every discount or surcharge with its reason, per line or for the sale."""

    __tablename__ = "sale_adjustments"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    sale_id: Mapped[str] = mapped_column(ForeignKey("sales.id"), index=True)
    line_no: Mapped[int | None] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(32))
    description: Mapped[str] = mapped_column(String(128))
    amount_fen: Mapped[int] = mapped_column(Integer)
    reference: Mapped[str | None] = mapped_column(String(64))


class Tender(Base):
    __tablename__ = "tenders"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    sale_id: Mapped[str] = mapped_column(ForeignKey("sales.id"), index=True)
    seq: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(16))
    method: Mapped[str] = mapped_column(String(16), default="")
    # Amount applied to the sale (negative on refunds).
    amount_fen: Mapped[int] = mapped_column(Integer)
    tendered_fen: Mapped[int] = mapped_column(Integer, default=0)
    change_fen: Mapped[int] = mapped_column(Integer, default=0)
    sv_principal_fen: Mapped[int] = mapped_column(Integer, default=0)
    sv_bonus_fen: Mapped[int] = mapped_column(Integer, default=0)
    points: Mapped[int] = mapped_column(Integer, default=0)


class StoredValueEntry(Base):
    """Append-only stored-value ledger; principal and bonus move separately."""

    __tablename__ = "stored_value_entries"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    event_id: Mapped[str] = mapped_column(String(36), index=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    principal_delta_fen: Mapped[int] = mapped_column(Integer)
    bonus_delta_fen: Mapped[int] = mapped_column(Integer)
    sale_id: Mapped[str | None] = mapped_column(ForeignKey("sales.id"), index=True)
    terminal_id: Mapped[str] = mapped_column(String(16))
    offline: Mapped[bool] = mapped_column(Boolean, default=False)
    business_date: Mapped[str] = mapped_column(String(10))
    created_at: Mapped[str] = mapped_column(String(32))
    note: Mapped[str | None] = mapped_column(String(128))


class PointsLot(Base):
    """Points earned together (one sale, one bonus), with their expiry date."""

    __tablename__ = "points_lots"
    id: Mapped[str] = mapped_column(String(48), primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id"), index=True)
    earned_on: Mapped[str] = mapped_column(String(10))
    expires_on: Mapped[str | None] = mapped_column(String(10))
    points: Mapped[int] = mapped_column(Integer)


class PointsEntry(Base):
    """Append-only points ledger; every entry (earning too) names its lot."""

    __tablename__ = "points_entries"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    event_id: Mapped[str] = mapped_column(String(36), index=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id"), index=True)
    lot_id: Mapped[str] = mapped_column(ForeignKey("points_lots.id"), index=True)
    kind: Mapped[str] = mapped_column(String(24))
    delta: Mapped[int] = mapped_column(Integer)
    sale_id: Mapped[str | None] = mapped_column(ForeignKey("sales.id"), index=True)
    created_at: Mapped[str] = mapped_column(String(32))


class CountCard(Base):
    """A prepaid count card (计次卡): N uses of a service, one per visit."""

    __tablename__ = "count_cards"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id"), index=True)
    plan_code: Mapped[str] = mapped_column(String(32))
    name: Mapped[str] = mapped_column(String(128))
    total_uses: Mapped[int] = mapped_column(Integer)
    # Cached; equals the sum of count_card_entries.delta.
    remaining_uses: Mapped[int] = mapped_column(Integer)
    sold_sale_id: Mapped[str] = mapped_column(ForeignKey("sales.id"))
    sold_on: Mapped[str] = mapped_column(String(10))
    expires_on: Mapped[str | None] = mapped_column(String(10))
    __table_args__ = (CheckConstraint("remaining_uses >= 0", name="uses_nonneg"),)


class CountCardEntry(Base):
    __tablename__ = "count_card_entries"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    event_id: Mapped[str] = mapped_column(String(36), index=True)
    count_card_id: Mapped[int] = mapped_column(ForeignKey("count_cards.id"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    delta: Mapped[int] = mapped_column(Integer)
    sale_id: Mapped[str | None] = mapped_column(ForeignKey("sales.id"))
    created_at: Mapped[str] = mapped_column(String(32))


class AuditEntry(Base):
    """Append-only trail of who did what (and who approved it)."""

    __tablename__ = "audit_log"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[str] = mapped_column(String(32), index=True)
    terminal_id: Mapped[str] = mapped_column(String(16))
    staff_id: Mapped[str | None] = mapped_column(String(16))
    approved_by: Mapped[str | None] = mapped_column(String(16))
    action: Mapped[str] = mapped_column(String(48))
    subject: Mapped[str | None] = mapped_column(String(64))
    event_id: Mapped[str | None] = mapped_column(String(36))
    detail: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class OutboxEvent(Base):
    """An event head office must learn about, written with the business rows."""

    __tablename__ = "outbox"
    seq: Mapped[int] = mapped_column(Integer, primary_key=True)
    id: Mapped[str] = mapped_column(String(36), unique=True)
    kind: Mapped[str] = mapped_column(String(48))
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[str] = mapped_column(String(32))
    sent_at: Mapped[str | None] = mapped_column(String(32))
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text)
    __table_args__ = (Index("ix_outbox_unsent", "seq", sqlite_where=text("sent_at IS NULL")),)


class SyncCursor(Base):
    __tablename__ = "sync_cursors"
    name: Mapped[str] = mapped_column(String(48), primary_key=True)
    position: Mapped[str] = mapped_column(String(64))
    updated_at: Mapped[str] = mapped_column(String(32))


class TerminalState(Base):
    """Small key/value facts about this terminal (last contact with head office...)."""

    __tablename__ = "terminal_state"
    key: Mapped[str] = mapped_column(String(48), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class ReceiptOwed(Base):
    """A receipt the customer is owed and has not been printed yet (the reprint queue).

    Written in the transaction of the sale, refund or recharge it belongs to
    (``attempts`` 0), so a till killed mid-print still owes it; deleted once
    it printed; a failed print counts its attempt and says why. Read and
    written after the sale by ``receipts.reprint_queue.SqliteReprintQueue``.
    """

    __tablename__ = "receipt_reprint_queue"
    receipt_no: Mapped[str] = mapped_column(String(32), primary_key=True)
    printer: Mapped[str] = mapped_column(String(64))
    error_code: Mapped[str] = mapped_column(String(48))
    reason: Mapped[str] = mapped_column(Text)
    first_failed_at: Mapped[str] = mapped_column(String(40))
    last_failed_at: Mapped[str] = mapped_column(String(40))
    attempts: Mapped[int] = mapped_column(Integer)
    __table_args__ = (CheckConstraint("attempts >= 0", name="attempts_not_negative"),)


class HeldSale(Base):
    """A sale the cashier put aside (F8) to serve the next customer: screen state, not a ledger.

    The draft is kept as the cashier entered it (codes, quantities, weights,
    coupons, member id; nothing priced) so it survives a crash, a restart or a
    logout. Recalling deletes the row: one held sale comes back once.
    """

    __tablename__ = "held_sales"
    sale_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    terminal_id: Mapped[str] = mapped_column(String(16))
    staff_id: Mapped[str] = mapped_column(ForeignKey("staff.id"))
    member_id: Mapped[int | None] = mapped_column(ForeignKey("members.id"))
    draft: Mapped[dict[str, Any]] = mapped_column(JSON)
    line_count: Mapped[int] = mapped_column(Integer)
    summary: Mapped[str] = mapped_column(String(160))
    created_at: Mapped[str] = mapped_column(String(32))
    __table_args__ = (
        CheckConstraint("line_count > 0", name="lines_positive"),
        Index("ix_held_sales_terminal_created", "terminal_id", "created_at"),
    )


class ChainSecret(Base):
    """This terminal's chain key: one row, made by migration 0109 (see ``store.chain``)."""

    __tablename__ = "chain_secret"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[bytes] = mapped_column(LargeBinary)
    __table_args__ = (CheckConstraint("id = 1", name="one"),)


class ChainLink(Base):
    """One keyed link of the terminal's hash chain (see ``store.chain``)."""

    __tablename__ = "chain_links"
    seq: Mapped[int] = mapped_column(Integer, primary_key=True)
    chain: Mapped[str] = mapped_column(String(8))
    n: Mapped[int] = mapped_column(Integer)
    tbl: Mapped[str] = mapped_column(String(32))
    rid: Mapped[int] = mapped_column(Integer)
    label: Mapped[str] = mapped_column(String(64))
    prev: Mapped[str] = mapped_column(String(64))
    digest: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))
    __table_args__ = (
        UniqueConstraint("chain", "n", name="uq_chain_links_chain_n"),
        Index("ix_chain_links_row", "tbl", "rid"),
    )
