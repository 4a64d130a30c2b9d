"""member gender and consent, count card uses

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23 14:38:27.460297

Registration at a counter now reaches head office with the member's gender
and consent (time and wording); count-card uses pushed by the counters are
kept in an append-only table for the chain's reports.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "count_card_uses",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("event_id", sa.String(length=36), nullable=False),
        sa.Column("store_id", sa.String(length=16), nullable=False),
        sa.Column("terminal_id", sa.String(length=16), nullable=False),
        sa.Column("count_card_id", sa.BigInteger(), nullable=False),
        sa.Column(
            "member_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("uses", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(
            ["member_id"], ["members.id"], name=op.f("fk_count_card_uses_member_id_members")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_count_card_uses")),
        sa.UniqueConstraint("event_id", name=op.f("uq_count_card_uses_event_id")),
    )
    op.create_index(
        op.f("ix_count_card_uses_member_id"), "count_card_uses", ["member_id"], unique=False
    )
    op.create_index(
        op.f("ix_count_card_uses_store_id"), "count_card_uses", ["store_id"], unique=False
    )
    op.add_column("members", sa.Column("gender", sa.String(length=8), nullable=True))
    op.add_column("members", sa.Column("consent_at", sa.String(length=32), nullable=True))
    op.add_column("members", sa.Column("consent_version", sa.String(length=16), nullable=True))


def downgrade() -> None:
    op.drop_column("members", "consent_version")
    op.drop_column("members", "consent_at")
    op.drop_column("members", "gender")
    op.drop_index(op.f("ix_count_card_uses_store_id"), table_name="count_card_uses")
    op.drop_index(op.f("ix_count_card_uses_member_id"), table_name="count_card_uses")
    op.drop_table("count_card_uses")
