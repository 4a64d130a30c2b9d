"""members.real_name_at (the real-name record on file) and cards.card_class

``cards.card_class``: an anonymous card (不记名卡) sold at a till is anonymous at head
office too and in the feed, so every till holds it to the anonymous cap (every card
before this is a member's named card).

Revision ID: 0021
Revises: 0017
Create Date: 2026-12-04

The prepaid-card law records the buyer's real name at every purchase or recharge of a
named card (docs/prepaid.md). A till sends the record with the first recharge (or the
退卡) it takes for a member; head office notes when it first had one
(``prepaid.review_recharge``) and flags a named card's recharge that brings none while
it has none on file (``real_name_missing``). Existing members: none on file yet.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0021"
down_revision: str | None = "0020"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("members") as batch_op:
        batch_op.add_column(sa.Column("real_name_at", sa.String(32), nullable=True))
    with op.batch_alter_table("cards") as batch_op:
        batch_op.add_column(
            sa.Column("card_class", sa.String(16), nullable=False, server_default="named")
        )


def downgrade() -> None:
    with op.batch_alter_table("cards") as batch_op:
        batch_op.drop_column("card_class")
    with op.batch_alter_table("members") as batch_op:
        batch_op.drop_column("real_name_at")
