"""head office's own books to check events against: sale facts and lines, staff, lots

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02 14:00:00.000000

A refund is checked against the sale it names (its tenders, ledger effects and
lines, less earlier refunds), an adjustment against its approver's role, and an
expiry against the lots it names. Receipt numbers become unique per terminal.
Sales pushed before this revision have no tenders or lines: refunds of them are
checked on what is known (totals), which is every older sale's case.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("sales", schema=None) as batch_op:
        batch_op.add_column(sa.Column("tenders", sa.JSON(), nullable=True))
        for name in ("sv_principal_fen", "sv_bonus_fen", "points_earned", "points_redeemed"):
            batch_op.add_column(
                sa.Column(name, sa.BigInteger(), nullable=False, server_default="0")
            )
        batch_op.create_index("ix_sales_original_sale_id", ["original_sale_id"], unique=False)
        batch_op.create_unique_constraint(
            "uq_sales_receipt", ["store_id", "terminal_id", "receipt_no"]
        )
    op.create_table(
        "sale_lines",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("sale_id", sa.String(length=36), nullable=False),
        sa.Column("line_no", sa.Integer(), nullable=False),
        sa.Column("product_code", sa.String(length=32), nullable=False),
        sa.Column("units", sa.BigInteger(), nullable=False),
        sa.Column("net_fen", sa.BigInteger(), nullable=False),
        sa.Column("points_earned", sa.BigInteger(), nullable=False),
        sa.Column("points_paid", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sale_lines")),
    )
    op.create_index("ix_sale_lines_sale_id", "sale_lines", ["sale_id"], unique=False)
    op.create_table(
        "staff",
        sa.Column("id", sa.String(length=16), nullable=False),
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("updated_at", sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_staff")),
    )
    with op.batch_alter_table("points_entries", schema=None) as batch_op:
        batch_op.add_column(sa.Column("lot_id", sa.String(length=64), nullable=True))
        batch_op.create_index("ix_points_entries_lot_id", ["lot_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("points_entries", schema=None) as batch_op:
        batch_op.drop_index("ix_points_entries_lot_id")
        batch_op.drop_column("lot_id")
    op.drop_table("staff")
    op.drop_index("ix_sale_lines_sale_id", table_name="sale_lines")
    op.drop_table("sale_lines")
    with op.batch_alter_table("sales", schema=None) as batch_op:
        batch_op.drop_constraint("uq_sales_receipt", type_="unique")
        batch_op.drop_index("ix_sales_original_sale_id")
        for name in ("points_redeemed", "points_earned", "sv_bonus_fen", "sv_principal_fen"):
            batch_op.drop_column(name)
        batch_op.drop_column("tenders")
