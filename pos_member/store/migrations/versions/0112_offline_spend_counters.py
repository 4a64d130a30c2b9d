"""offline caps in constant time: ``offline_spend_member``, ``offline_spend_terminal``

Revision ID: 0112
Revises: 0111
Create Date: 2026-12-03

The stored value and points (at their cash value, fen) spent per member and
per terminal per business day that no online hold covers, kept by the
checkout in the sale's own transaction, so the offline caps read one row
each instead of every unsent sale. Filled here from the sales already in the
store: their stored-value and points tenders, sales without a hold.
"""

import sqlalchemy as sa
from alembic import op

revision = "0112"
down_revision = "0111"
branch_labels = None
depends_on = None

_SPENT = (
    "FROM sales s JOIN tenders t ON t.sale_id = s.id "
    "WHERE s.kind = 'sale' AND s.hold_id IS NULL AND s.member_id IS NOT NULL "
    "AND t.kind IN ('stored_value', 'points')"
)


def upgrade() -> None:
    op.create_table(
        "offline_spend_member",
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("business_date", sa.String(length=10), nullable=False),
        sa.Column("spent_fen", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("member_id", "business_date"),
    )
    op.create_table(
        "offline_spend_terminal",
        sa.Column("terminal_id", sa.String(length=16), nullable=False),
        sa.Column("business_date", sa.String(length=10), nullable=False),
        sa.Column("spent_fen", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("terminal_id", "business_date"),
    )
    op.execute(
        "INSERT INTO offline_spend_member (member_id, business_date, spent_fen) "
        f"SELECT s.member_id, s.business_date, SUM(t.amount_fen) {_SPENT} "
        "GROUP BY s.member_id, s.business_date"
    )
    op.execute(
        "INSERT INTO offline_spend_terminal (terminal_id, business_date, spent_fen) "
        f"SELECT s.terminal_id, s.business_date, SUM(t.amount_fen) {_SPENT} "
        "GROUP BY s.terminal_id, s.business_date"
    )


def downgrade() -> None:
    op.drop_table("offline_spend_terminal")
    op.drop_table("offline_spend_member")
