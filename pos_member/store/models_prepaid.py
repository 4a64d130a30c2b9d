"""Tables of the prepaid-card law (issue 17, docs/prepaid.md): 退卡, reversals, real names.

Kept apart from ``models.py`` so the counter's schema does not grow with it.
All three are append-only (migration 0113's triggers refuse UPDATE and DELETE):

- ``prepaid_closures``: one row per closed card (退卡) with 法释〔2025〕4号's figures,
  the tender (cash or bank transfer, the holder's account sealed), the holder's
  ID (type, masked and sealed number), the supervisor. The primary key is the
  card, so a second 退卡 of the same card finds the first.
- ``prepaid_reversals``: one row per recharge reversed in cooling-off; the
  recharge's id is unique, so a recharge is reversed once.
- ``real_name_records``: the buyer's (or holder's) real-name record, kept at
  least the programme's ``retention_years``; the ID number sealed, never plain.

The card class lives on ``cards.card_class`` (``named`` / ``anonymous``).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import JSON, Boolean, CheckConstraint, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from pos_member.store.models import Base

TESTED_IN = "tests/services/test_prepaid.py"


class PrepaidClosure(Base):
    __tablename__ = "prepaid_closures"
    card_id: Mapped[int] = mapped_column(ForeignKey("cards.id"), primary_key=True)
    closure_id: Mapped[str] = mapped_column(String(36), unique=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id"), index=True)
    card_number: Mapped[str] = mapped_column(String(32))
    card_class: Mapped[str] = mapped_column(String(16))
    receipt_no: Mapped[str] = mapped_column(String(32))
    terminal_id: Mapped[str] = mapped_column(String(16))
    shift_id: Mapped[int | None] = mapped_column(ForeignKey("shifts.id"), index=True)
    business_date: Mapped[str] = mapped_column(String(10), index=True)
    created_at: Mapped[str] = mapped_column(String(32))
    staff_id: Mapped[str] = mapped_column(String(16))
    approved_by: Mapped[str] = mapped_column(String(16))
    paid_in_fen: Mapped[int] = mapped_column(Integer)
    bonus_given_fen: Mapped[int] = mapped_column(Integer)
    principal_balance_fen: Mapped[int] = mapped_column(Integer)
    bonus_balance_fen: Mapped[int] = mapped_column(Integer)
    spent_fen: Mapped[int] = mapped_column(Integer)
    spent_from_principal_fen: Mapped[int] = mapped_column(Integer)
    refund_fen: Mapped[int] = mapped_column(Integer)
    forfeited_fen: Mapped[int] = mapped_column(Integer)
    # cash / bank_transfer
    tender: Mapped[str] = mapped_column(String(16))
    # The bank transfer's record (payer, payee, reference), account numbers sealed.
    transfer: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    real_name_id: Mapped[int] = mapped_column(ForeignKey("real_name_records.id"))
    reason: Mapped[str] = mapped_column(String(128), default="")
    __table_args__ = (
        CheckConstraint("tender IN ('cash','bank_transfer')", name="closure_tender"),
        CheckConstraint("refund_fen >= 0 AND forfeited_fen >= 0", name="closure_nonneg"),
    )


class PrepaidReversal(Base):
    __tablename__ = "prepaid_reversals"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    recharge_id: Mapped[str] = mapped_column(ForeignKey("sales.id"), unique=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id"), index=True)
    receipt_no: Mapped[str] = mapped_column(String(32))
    terminal_id: Mapped[str] = mapped_column(String(16))
    shift_id: Mapped[int | None] = mapped_column(ForeignKey("shifts.id"), index=True)
    business_date: Mapped[str] = mapped_column(String(10), index=True)
    created_at: Mapped[str] = mapped_column(String(32))
    staff_id: Mapped[str] = mapped_column(String(16))
    approved_by: Mapped[str] = mapped_column(String(16))
    region: Mapped[str] = mapped_column(String(16))
    principal_fen: Mapped[int] = mapped_column(Integer)
    bonus_fen: Mapped[int] = mapped_column(Integer)
    costs_fen: Mapped[int] = mapped_column(Integer, default=0)
    # [{"kind", "method", "amount_fen"}]: what went back, by the recharge's own tenders.
    tenders: Mapped[list[Any]] = mapped_column(JSON, default=list)
    offline: Mapped[bool] = mapped_column(Boolean, default=False)
    reason: Mapped[str] = mapped_column(String(128), default="")


class RealNameRecord(Base):
    __tablename__ = "real_name_records"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    member_id: Mapped[int | None] = mapped_column(ForeignKey("members.id"), index=True)
    # recharge / closure / purchase: what the record was taken for, and its event.
    purpose: Mapped[str] = mapped_column(String(16))
    event_id: Mapped[str] = mapped_column(String(36), index=True)
    # The buyer's name masked (张*) and sealed, their contact sealed (store.pii, 0124):
    # the till's file holds neither in plain text.
    name_masked: Mapped[str] = mapped_column(String(64), default="")
    name_sealed: Mapped[str] = mapped_column(String(256), default="")
    id_type: Mapped[str] = mapped_column(String(24))
    id_masked: Mapped[str] = mapped_column(String(40))
    # AES-GCM under the chain's data key (pos_member.sealing), never the number itself.
    id_sealed: Mapped[str] = mapped_column(String(256))
    # Blind index of the number (equality lookups without the number).
    id_index: Mapped[str] = mapped_column(String(64), index=True)
    contact_sealed: Mapped[str | None] = mapped_column(String(256))
    agent: Mapped[bool] = mapped_column(Boolean, default=False)
    buyer_kind: Mapped[str] = mapped_column(String(16), default="person")
    company_name: Mapped[str] = mapped_column(String(64), default="")
    consent_at: Mapped[str] = mapped_column(String(32))
    created_at: Mapped[str] = mapped_column(String(32))
    keep_until: Mapped[str] = mapped_column(String(10))
    staff_id: Mapped[str] = mapped_column(String(16))
    __table_args__ = (
        CheckConstraint("purpose IN ('recharge','closure','purchase')", name="real_name_purpose"),
    )
