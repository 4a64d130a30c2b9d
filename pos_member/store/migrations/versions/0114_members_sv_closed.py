"""members.sv_closed_on: head office's 退卡 of a member's stored value, from the feed

Revision ID: 0114
Revises: 0113
Create Date: 2026-12-03

A 退卡 at one store closes the member's stored value at every store: head office
sends the business date of the first 退卡 with the member (``sv_closed_on``), and
``services.prepaid`` refuses money onto it (a recharge, a refund or correction to
stored value) as it does after a 退卡 at this till (``prepaid_closures``).
"""

import sqlalchemy as sa
from alembic import op

revision = "0114"
down_revision = "0113"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("members", sa.Column("sv_closed_on", sa.String(length=10), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("members", schema=None) as batch_op:
        batch_op.drop_column("sv_closed_on")
