"""members.real_name_at: head office's real-name record on file, from the feed

Revision ID: 0123
Revises: 0121
Create Date: 2026-12-04

A real-name record taken at one store is on file for the member at every store:
head office sends when it first had one (``members.real_name_at``, head-office
migration 0021) with the member, and ``services.prepaid.real_name_wanted`` does not
ask for another one at this till.
"""

import sqlalchemy as sa
from alembic import op

revision = "0123"
down_revision = "0121"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("members", sa.Column("real_name_at", sa.String(length=32), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("members", schema=None) as batch_op:
        batch_op.drop_column("real_name_at")
