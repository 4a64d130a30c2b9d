"""sales authorised online: ``sales.hold_id``

Revision ID: 0106
Revises: 0104
Create Date: 2026-12-02

A stored-value or points payment taken while head office answers is
authorised first: head office holds the amount for the sale, and the pushed
sale captures the hold. The sale keeps the hold's id (NULL: not authorised
online), so the offline caps can tell the spends head office confirmed from
those it has not.
"""

from alembic import op
import sqlalchemy as sa


revision = "0106"
down_revision = "0104"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("sales", sa.Column("hold_id", sa.String(length=36), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("sales") as batch:
        batch.drop_column("hold_id")
