"""members.pay_pin_cleared_at: a reset or an unlock ends the payment PIN's lock chain-wide

Revision ID: 0013
Revises: 0011
Create Date: 2026-12-03 18:00:00.000000

A till pushes a manager's PIN reset (``member.pay_pin_set`` with ``clears_lock``)
or unlock (``member.pay_pin_unlocked``): head office clears
``pay_pin_locked_until`` and keeps the time here, so that the wrong PINs before
it no longer count towards a lock (``pin_failures``), and the change feed tells
every till to drop the lock.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("members", sa.Column("pay_pin_cleared_at", sa.String(length=40), nullable=True))


def downgrade() -> None:
    op.drop_column("members", "pay_pin_cleared_at")
