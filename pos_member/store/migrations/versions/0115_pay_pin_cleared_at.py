"""members.pay_pin_cleared_at: when a manager last ended the payment PIN's lock

Revision ID: 0115
Revises: 0113
Create Date: 2026-12-03

A reset or an unlock (at this till, or at another one and published by head
office in the change feed) clears the lock and the count of wrong PINs; the
feed's ``pay_pin_cleared_at`` later than this till's own tells the pull to
take head office's lock as it is (none, after an unlock) instead of keeping
the later of the two (``sync.apply``).
"""

from alembic import op
import sqlalchemy as sa


revision = '0115'
down_revision = "0114"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('members', schema=None) as batch_op:
        batch_op.add_column(sa.Column('pay_pin_cleared_at', sa.String(length=40), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('members', schema=None) as batch_op:
        batch_op.drop_column('pay_pin_cleared_at')
