"""programme versions end: ``programme_rules.effective_until``

Revision ID: 0111
Revises: 0104
Create Date: 2026-12-02

A version of the programme rules is in force from ``effective_from`` to
``effective_until`` (inclusive, business dates in the store's time zone;
NULL: open-ended). The till prices by the version in force on the business
date, not by the highest version number.
"""

from alembic import op
import sqlalchemy as sa


revision = "0111"
down_revision = "0109"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column(
        "programme_rules", sa.Column("effective_until", sa.String(length=10), nullable=True)
    )


def downgrade() -> None:
    with op.batch_alter_table("programme_rules") as batch:
        batch.drop_column("effective_until")
