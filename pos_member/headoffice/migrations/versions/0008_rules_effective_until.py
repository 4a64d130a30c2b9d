"""programme versions end: ``programme_rules.effective_until``

Revision ID: 0008
Revises: 0003
Create Date: 2026-12-02

A published version is in force from ``effective_from`` to ``effective_until``
(inclusive business dates; NULL: until a later version starts). The change
feed carries both dates; tills price by the version in force on their date.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column(
        "programme_rules", sa.Column("effective_until", sa.String(length=10), nullable=True)
    )


def downgrade() -> None:
    op.drop_column("programme_rules", "effective_until")
