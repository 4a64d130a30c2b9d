"""each terminal's events chain, as its pushes showed it

Revision ID: 0007
Revises: 0003
Create Date: 2026-12-02 14:00:00.000000

A till links every outbox event into a keyed hash chain and pushes each
event with its place in it (n, the previous hash, its hash). Head office
keeps what it saw per terminal and lists a gap (an event the till says came
before, never received: marked sent behind the till's back, or erased) or a
fork (a different event at a place already seen: the till's history was
rewritten or restored from an older copy) in ``review_items``.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "terminal_chain",
        sa.Column("terminal_key", sa.String(length=32), nullable=False),
        sa.Column("n", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("prev", sa.String(length=64), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.Column("event_id", sa.String(length=36), nullable=False),
        sa.Column("received_at", sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint("terminal_key", "n", name=op.f("pk_terminal_chain")),
    )


def downgrade() -> None:
    op.drop_table("terminal_chain")
