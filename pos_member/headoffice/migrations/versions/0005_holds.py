"""holds; enrolment codes for one terminal id

Holds: stored value and points reserved for a sale while the till is online.

Revision ID: 0005
Revises: 0003
Create Date: 2026-12-02 13:40:00.000000

A till asks head office for a hold before a stored-value or points payment;
head office places it under the member's row lock, so two stores cannot
spend one balance twice while head office is reachable. The pushed sale
captures its hold; a hold not captured is released on void or timeout.

Enrolment codes name the terminal id they enrol, and whether they replace
that (existing) terminal: a fresh code for a store can no longer take over a
running terminal's id and member-id block.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "holds",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column(
            "member_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("terminal_key", sa.String(length=32), nullable=False),
        sa.Column("store_id", sa.String(length=16), nullable=False),
        sa.Column("sale_id", sa.String(length=36), nullable=False),
        sa.Column("stored_value_fen", sa.BigInteger(), nullable=False),
        sa.Column("points", sa.BigInteger(), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("created_at", sa.String(length=32), nullable=False),
        sa.Column("expires_at", sa.String(length=32), nullable=False),
        sa.Column("settled_at", sa.String(length=32), nullable=True),
        sa.Column("settled_by", sa.String(length=36), nullable=True),
        sa.ForeignKeyConstraint(
            ["member_id"], ["members.id"], name=op.f("fk_holds_member_id_members")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_holds")),
    )
    op.create_index("ix_holds_member_state", "holds", ["member_id", "state"], unique=False)
    op.create_index(op.f("ix_holds_sale_id"), "holds", ["sale_id"], unique=False)
    op.add_column("enrol_codes", sa.Column("terminal_id", sa.String(length=16), nullable=True))
    op.add_column(
        "enrol_codes",
        sa.Column("replaces", sa.Boolean(), nullable=False, server_default=sa.false()),
    )


def downgrade() -> None:
    op.drop_column("enrol_codes", "replaces")
    op.drop_column("enrol_codes", "terminal_id")
    op.drop_index(op.f("ix_holds_sale_id"), table_name="holds")
    op.drop_index("ix_holds_member_state", table_name="holds")
    op.drop_table("holds")
