"""member code: cached phone keys and the codes seen at this till

Revision ID: 0118
Revises: 0113
Create Date: 2026-12-03

``member_device_keys`` (the members' phone keys from head office's change feed,
revoked flag included) and ``member_codes_seen`` (each member code, key and time
step, taken here: a second scan is refused). See ``store.models_member_code``.
"""

from alembic import op
import sqlalchemy as sa


revision = '0118'
down_revision = "0115"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('member_device_keys',
    sa.Column('key_id', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('member_id', sa.Integer(), nullable=False),
    sa.Column('public_key', sa.LargeBinary(), nullable=False),
    sa.Column('revoked', sa.Boolean(), nullable=False),
    sa.Column('updated_at', sa.String(length=32), nullable=False),
    sa.PrimaryKeyConstraint('key_id', name=op.f('pk_member_device_keys'))
    )
    with op.batch_alter_table('member_device_keys', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_member_device_keys_member_id'), ['member_id'], unique=False)

    op.create_table('member_codes_seen',
    sa.Column('key_id', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('step', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('seen_at', sa.String(length=32), nullable=False),
    sa.PrimaryKeyConstraint('key_id', 'step', name=op.f('pk_member_codes_seen'))
    )


def downgrade() -> None:
    op.drop_table('member_codes_seen')
    with op.batch_alter_table('member_device_keys', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_member_device_keys_member_id'))
    op.drop_table('member_device_keys')
