"""prepaid-card duties: ``prepaid_settings``, ``prepaid_revenue``, ``prepaid_closures``

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-03

The chain's standing under the prepaid-card law (issuer type, region, caps per
card class and the regional overrides) is one row of ``prepaid_settings``; last
year's main-business revenue, which bounds the outstanding balance, is one row
per year of ``prepaid_revenue``. Each recharge reversal and 退卡 a till pushes is
kept in ``prepaid_closures`` with head office's own computation beside the
till's, once per event. ``sv_entries`` gains an index on the business date: the
outstanding-balance reports read the ledger in event time.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BIG_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "prepaid_settings",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("issuer_type", sa.String(length=8), nullable=False),
        sa.Column("region", sa.String(length=16), nullable=False),
        sa.Column("named_cap_fen", sa.BigInteger(), nullable=False),
        sa.Column("anonymous_cap_fen", sa.BigInteger(), nullable=False),
        sa.Column("cash_refund_max_fen", sa.BigInteger(), nullable=False),
        sa.Column("revenue_ratio_permille", sa.Integer(), nullable=False),
        sa.Column("registration_threshold_fen", sa.BigInteger(), nullable=True),
        sa.Column("custody_permille", sa.Integer(), nullable=True),
        sa.Column("cooling_off_days", sa.Integer(), nullable=True),
        sa.Column("filing_due_day", sa.Integer(), nullable=True),
        sa.Column("updated_at", sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_prepaid_settings")),
    )
    op.create_table(
        "prepaid_revenue",
        sa.Column("year", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("revenue_fen", sa.BigInteger(), nullable=False),
        sa.Column("recorded_at", sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint("year", name=op.f("pk_prepaid_revenue")),
    )
    op.create_table(
        "prepaid_closures",
        sa.Column("id", BIG_ID, nullable=False),
        sa.Column("event_id", sa.String(length=36), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("member_id", BIG_ID, nullable=False),
        sa.Column("card_number", sa.String(length=32), nullable=True),
        sa.Column("recharge_event_id", sa.String(length=36), nullable=True),
        sa.Column("store_id", sa.String(length=16), nullable=False),
        sa.Column("terminal_id", sa.String(length=16), nullable=False),
        sa.Column("business_date", sa.String(length=10), nullable=False),
        sa.Column("created_at", sa.String(length=32), nullable=False),
        sa.Column("principal_fen", sa.BigInteger(), nullable=False),
        sa.Column("bonus_fen", sa.BigInteger(), nullable=False),
        sa.Column("refund_fen", sa.BigInteger(), nullable=False),
        sa.Column("expected_refund_fen", sa.BigInteger(), nullable=False),
        sa.Column("refund_method", sa.String(length=16), nullable=True),
        sa.Column("flags", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["member_id"], ["members.id"], name=op.f("fk_prepaid_closures_member_id_members")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_prepaid_closures")),
        sa.UniqueConstraint("event_id", name=op.f("uq_prepaid_closures_event_id")),
    )
    op.create_index(
        op.f("ix_prepaid_closures_member_id"), "prepaid_closures", ["member_id"], unique=False
    )
    op.create_index(
        op.f("ix_prepaid_closures_recharge_event_id"),
        "prepaid_closures",
        ["recharge_event_id"],
        unique=False,
    )
    op.create_index(
        op.f("ix_sv_entries_business_date"), "sv_entries", ["business_date"], unique=False
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_sv_entries_business_date"), table_name="sv_entries")
    op.drop_index(op.f("ix_prepaid_closures_recharge_event_id"), table_name="prepaid_closures")
    op.drop_index(op.f("ix_prepaid_closures_member_id"), table_name="prepaid_closures")
    op.drop_table("prepaid_closures")
    op.drop_table("prepaid_revenue")
    op.drop_table("prepaid_settings")
