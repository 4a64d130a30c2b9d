"""secure-mode issuance counter per card

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23 16:00:00.000000

A secure-mode card's sector carries an issuance counter under its MAC. The
tills push it with ``card.issued`` / ``card.replaced``; head office keeps the
highest counter of each card and sends it with the member's cards in the
change feed, so every till refuses an older copy of the sector. Existing
cards have none (NULL) until a till pushes one.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("cards", sa.Column("secure_counter", sa.BigInteger(), nullable=True))


def downgrade() -> None:
    op.drop_column("cards", "secure_counter")
