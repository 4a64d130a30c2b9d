"""held sales: baskets put aside at the counter (F8), kept across a crash, restart or logout

Revision ID: 0103
Revises: 0102
Create Date: 2026-11-23

Screen state, not a ledger: recalling or discarding a held sale deletes its
row, so ``held_sales`` is not among the append-only tables of 0101.
"""

from alembic import op
import sqlalchemy as sa


revision = "0103"
down_revision = "0102"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "held_sales",
        sa.Column("sale_id", sa.String(length=36), nullable=False),
        sa.Column("terminal_id", sa.String(length=16), nullable=False),
        sa.Column("staff_id", sa.String(length=16), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=True),
        sa.Column("draft", sa.JSON(), nullable=False),
        sa.Column("line_count", sa.Integer(), nullable=False),
        sa.Column("summary", sa.String(length=160), nullable=False),
        sa.Column("created_at", sa.String(length=32), nullable=False),
        sa.CheckConstraint("line_count > 0", name=op.f("ck_held_sales_lines_positive")),
        sa.ForeignKeyConstraint(
            ["member_id"], ["members.id"], name=op.f("fk_held_sales_member_id_members")
        ),
        sa.ForeignKeyConstraint(
            ["staff_id"], ["staff.id"], name=op.f("fk_held_sales_staff_id_staff")
        ),
        sa.PrimaryKeyConstraint("sale_id", name=op.f("pk_held_sales")),
    )
    with op.batch_alter_table("held_sales", schema=None) as batch_op:
        batch_op.create_index(
            "ix_held_sales_terminal_created", ["terminal_id", "created_at"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("held_sales", schema=None) as batch_op:
        batch_op.drop_index("ix_held_sales_terminal_created")
    op.drop_table("held_sales")
