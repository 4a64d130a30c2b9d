"""sync client tables: confirmed balances from head office and acknowledged events

Revision ID: 0102
Revises: 0101
Create Date: 2026-11-23

``sync_balances`` and ``sync_acks`` used to be created by the sync client
with ``create_all`` outside the migration chain. A database that already has
them (a terminal that synced under that build) keeps its rows: each table is
created only where it is missing.
"""

from alembic import op
import sqlalchemy as sa


revision = "0102"
down_revision = "0101"
branch_labels = None
depends_on = None


def upgrade() -> None:
    existing = set(sa.inspect(op.get_bind()).get_table_names())
    if "sync_balances" not in existing:
        op.create_table(
            "sync_balances",
            sa.Column("member_id", sa.Integer(), nullable=False),
            sa.Column("sv_principal_fen", sa.BigInteger(), nullable=False),
            sa.Column("sv_bonus_fen", sa.BigInteger(), nullable=False),
            sa.Column("points", sa.BigInteger(), nullable=False),
            sa.Column("version", sa.BigInteger(), nullable=False),
            sa.PrimaryKeyConstraint("member_id"),
        )
    if "sync_acks" not in existing:
        op.create_table(
            "sync_acks",
            sa.Column("event_id", sa.String(length=36), nullable=False),
            sa.Column("member_id", sa.Integer(), nullable=False),
            sa.Column("version", sa.BigInteger(), nullable=False),
            sa.PrimaryKeyConstraint("event_id", "member_id"),
        )


def downgrade() -> None:
    op.drop_table("sync_acks")
    op.drop_table("sync_balances")
