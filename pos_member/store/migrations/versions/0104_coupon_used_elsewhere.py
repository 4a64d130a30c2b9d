"""coupons used at another store: ``coupons.used_elsewhere``

Revision ID: 0104
Revises: 0103
Create Date: 2026-11-23

``coupons.used_by_sale`` references this till's ``sales``, so a coupon another
store used could not be marked used here and stayed offerable until head
office flagged the second use. The pull now records head office's sale id in
``used_elsewhere`` (cleared when head office gives the coupon back).
"""

from alembic import op
import sqlalchemy as sa


revision = "0104"
down_revision = "0103"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("coupons", sa.Column("used_elsewhere", sa.String(length=36), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("coupons") as batch:
        batch.drop_column("used_elsewhere")
