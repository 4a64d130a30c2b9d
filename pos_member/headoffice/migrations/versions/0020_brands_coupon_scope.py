"""brands and limited coupons at head office: ``products.brand``, ``coupons.scope``,
``coupons.cap_fen``

Revision ID: 0020
Revises: 0017
Create Date: 2026-12-04

As the tills have them since their migration 0119: a product names its brand
(empty: none); a coupon may be limited to some products (``scope``: JSON
``{"skus": [...], "categories": [...], "brands": [...]}``, ``{}`` for every line
that takes coupons) and a percent-off coupon capped (``cap_fen``, 0: no cap):
"20% off drinks, at most ¥30". The change feed sends all three to the tills.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0020"
down_revision: str | None = "0018"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column(
        "products", sa.Column("brand", sa.String(length=64), nullable=False, server_default="")
    )
    op.add_column("coupons", sa.Column("scope", sa.JSON(), nullable=False, server_default="{}"))
    op.add_column(
        "coupons", sa.Column("cap_fen", sa.BigInteger(), nullable=False, server_default="0")
    )


def downgrade() -> None:
    with op.batch_alter_table("coupons") as batch:
        batch.drop_column("cap_fen")
        batch.drop_column("scope")
    with op.batch_alter_table("products") as batch:
        batch.drop_column("brand")
