"""Tables and indexes for the store manager's side (issue 8).

Kept apart from ``models.py`` so that the manager's services can grow
without touching the counter's schema: a member's profile (gender, consent
to data use with its time), tier history, card transfers on replacement,
card fees, the secure-card issuance counter, idempotency keys for programme
jobs, and campaigns. The extra indexes on the counter's tables serve the
manager's lookups (name prefix search, expiring points lots, sales by date
for reports) so that none of them scans all members.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    ForeignKey,
    Index,
    Integer,
    String,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from pos_member.domain.events import EventKind
from pos_member.store.models import AuditEntry, Base, Member, OutboxEvent, PointsLot, Sale

# Outbox kinds that change whether a card or member may be used at a counter.
# The sync client pushes these before money events (each stream keeps its own
# order) so a lost card is blocked chain-wide as soon as the link is back.
LIFECYCLE_EVENT_KINDS = (
    EventKind.MEMBER_REGISTERED,
    EventKind.CARD_ISSUED,
    EventKind.CARD_LOST,
    EventKind.CARD_FOUND,
    EventKind.CARD_REPLACED,
)


class MemberProfile(Base):
    """What registration records beyond the counter's member row (1:1 with members)."""

    __tablename__ = "member_profiles"
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id"), primary_key=True)
    gender: Mapped[str | None] = mapped_column(String(8))
    # Consent to the use of personal data (个人信息使用同意), with when and which text.
    consent_data_use: Mapped[bool] = mapped_column(Boolean, default=False)
    consent_at: Mapped[str | None] = mapped_column(String(32))
    consent_version: Mapped[str | None] = mapped_column(String(16))
    registered_by: Mapped[str | None] = mapped_column(String(16))
    registered_at: Mapped[str] = mapped_column(String(32))
    # Last tier review (NULL: never reviewed; the join date counts).
    tier_reviewed_on: Mapped[str | None] = mapped_column(String(10))
    __table_args__ = (
        CheckConstraint("gender IN ('female','male','other')", name="gender"),
        CheckConstraint("consent_data_use = 0 OR consent_at IS NOT NULL", name="consent_has_time"),
    )


class TierChangeRow(Base):
    """A member's tier history: every change with its reason (append-only)."""

    __tablename__ = "tier_changes"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id"))
    at: Mapped[str] = mapped_column(String(32))
    business_date: Mapped[str] = mapped_column(String(10))
    from_tier: Mapped[str | None] = mapped_column(String(32))
    to_tier: Mapped[str] = mapped_column(String(32))
    # signup / upgrade / downgrade
    reason: Mapped[str] = mapped_column(String(16))
    window_spend_fen: Mapped[int] = mapped_column(Integer, default=0)
    event_id: Mapped[str | None] = mapped_column(String(36))
    staff_id: Mapped[str | None] = mapped_column(String(16))
    __table_args__ = (Index("ix_tier_changes_member", "member_id", "id"),)


class CardTransfer(Base):
    """補卡: what moved from the old card to the new one, as the member saw it.

    Balances are per member in this store (the ledgers have no card column),
    so nothing in the ledgers moves; this row is the explicit record of the
    transfer the member's statement shows.
    """

    __tablename__ = "card_transfers"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    event_id: Mapped[str] = mapped_column(String(36), unique=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id"), index=True)
    old_card_id: Mapped[int] = mapped_column(ForeignKey("cards.id"))
    new_card_id: Mapped[int] = mapped_column(ForeignKey("cards.id"))
    at: Mapped[str] = mapped_column(String(32))
    business_date: Mapped[str] = mapped_column(String(10))
    sv_principal_fen: Mapped[int] = mapped_column(Integer)
    sv_bonus_fen: Mapped[int] = mapped_column(Integer)
    points: Mapped[int] = mapped_column(Integer)
    # [{"lot_id", "points", "expires_on"}] as they stood at the transfer.
    lots: Mapped[list[Any]] = mapped_column(JSON, default=list)
    coupons: Mapped[int] = mapped_column(Integer, default=0)
    count_cards: Mapped[int] = mapped_column(Integer, default=0)
    tier_code: Mapped[str] = mapped_column(String(32))
    fee_fen: Mapped[int] = mapped_column(Integer, default=0)
    staff_id: Mapped[str] = mapped_column(String(16))
    approved_by: Mapped[str | None] = mapped_column(String(16))


class CardFee(Base):
    """A card fee (工本费) taken when a card is issued or replaced."""

    __tablename__ = "card_fees"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    event_id: Mapped[str] = mapped_column(String(36), unique=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id"), index=True)
    card_id: Mapped[int] = mapped_column(ForeignKey("cards.id"))
    kind: Mapped[str] = mapped_column(String(16))
    amount_fen: Mapped[int] = mapped_column(Integer)
    # cash / stored_value / external (bank card, QR code: ``method`` says which)
    tender_kind: Mapped[str] = mapped_column(String(16))
    method: Mapped[str] = mapped_column(String(16), default="")
    terminal_id: Mapped[str] = mapped_column(String(16))
    shift_id: Mapped[int | None] = mapped_column(ForeignKey("shifts.id"))
    business_date: Mapped[str] = mapped_column(String(10), index=True)
    created_at: Mapped[str] = mapped_column(String(32))
    staff_id: Mapped[str] = mapped_column(String(16))
    __table_args__ = (
        CheckConstraint("kind IN ('issue','replace')", name="fee_kind"),
        CheckConstraint("amount_fen > 0", name="fee_positive"),
    )


class SecureIssuance(Base):
    """The last secure-mode issuance counter written to a card (refuses replayed dumps)."""

    __tablename__ = "secure_issuances"
    card_id: Mapped[int] = mapped_column(ForeignKey("cards.id"), primary_key=True)
    uid: Mapped[str] = mapped_column(String(32))
    counter: Mapped[int] = mapped_column(Integer)
    issued_at: Mapped[str] = mapped_column(String(32))


class JobRun(Base):
    """One programme job's run for one key (a date, a month): run once, replay-safe."""

    __tablename__ = "job_runs"
    job: Mapped[str] = mapped_column(String(32), primary_key=True)
    run_key: Mapped[str] = mapped_column(String(32), primary_key=True)
    at: Mapped[str] = mapped_column(String(32))
    result: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class Campaign(Base):
    """A coupon campaign to a segment of members (or a birthday month)."""

    __tablename__ = "campaigns"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(24), unique=True)
    name: Mapped[str] = mapped_column(String(64))
    segment: Mapped[str] = mapped_column(String(32))
    template: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[str] = mapped_column(String(32))
    staff_id: Mapped[str | None] = mapped_column(String(16))
    issued: Mapped[int] = mapped_column(Integer, default=0)


class CampaignCoupon(Base):
    """At most one coupon per member per campaign: re-running a campaign adds nothing."""

    __tablename__ = "campaign_coupons"
    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaigns.id"), primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id"), primary_key=True)
    coupon_id: Mapped[int] = mapped_column(ForeignKey("coupons.id"))


# --- indexes on the counter's tables for the manager's queries ---------------------------

# Surname search on the masked name (张*): a range on this index.
Index("ix_members_name_masked", Member.name_masked)
# Points expiry job: only lots past their last day are visited.
Index("ix_points_lots_expires_on", PointsLot.expires_on)
# Reports by business date (daily sales, RFM windows, lifecycle): a range scan of this
# index that also covers member and total, so the table itself is not read.
Index("ix_sales_business_date", Sale.business_date, Sale.kind, Sale.member_id, Sale.total_fen)
# Tier history also shows upgrades the checkout records in the audit log.
Index("ix_audit_log_action_subject", AuditEntry.action, AuditEntry.subject)
# The sync client's first pick: unsent lifecycle events, in order.
Index(
    "ix_outbox_unsent_lifecycle",
    OutboxEvent.seq,
    sqlite_where=text(
        "sent_at IS NULL AND kind IN (" + ",".join(f"'{k}'" for k in LIFECYCLE_EVENT_KINDS) + ")"
    ),
)
