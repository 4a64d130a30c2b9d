"""brands and limited coupons: ``products.brand``, ``coupons.scope`` and ``coupons.cap_fen``

Revision ID: 0119
Revises: 0113
Create Date: 2026-12-03

Promotions and coupons may be limited to brands: a product names its brand
(empty: none). A coupon may be limited to some products (``scope``: JSON
``{"skus": [...], "categories": [...], "brands": [...]}``, ``{}`` for every
line that takes coupons) and a percent-off coupon capped (``cap_fen``, 0: no
cap): "20% off drinks, at most ¥30".
"""

from alembic import op
import sqlalchemy as sa


revision = "0119"
down_revision = "0118"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column(
        "products", sa.Column("brand", sa.String(length=64), nullable=False, server_default="")
    )
    op.add_column("coupons", sa.Column("scope", sa.Text(), nullable=False, server_default="{}"))
    op.add_column("coupons", sa.Column("cap_fen", sa.Integer(), nullable=False, server_default="0"))


def downgrade() -> None:
    with op.batch_alter_table("coupons") as batch:
        batch.drop_column("cap_fen")
        batch.drop_column("scope")
    with op.batch_alter_table("products") as batch:
        batch.drop_column("brand")
