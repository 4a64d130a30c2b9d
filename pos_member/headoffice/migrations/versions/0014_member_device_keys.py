"""member device keys, member code uses, the chain's code

Revision ID: 0014
Revises: 0011
Create Date: 2026-12-03

A member's phone signs its dynamic member code (会员码) with a key only the phone
holds; head office keeps the public half in ``member_device_keys`` (revoked, not
deleted, when a phone is lost) and sends it to the tills through the change feed.
``member_code_uses`` records each code (key, time step) a till pushed with a sale,
so the same code used at two terminals goes to review. ``chain_identity`` is one
row: the chain's short code, which every member code carries (``PM`` until a
manager sets it).
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BigId = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "chain_identity",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("code", sa.String(16), nullable=False),
        sa.Column("updated_at", sa.String(32), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_chain_identity"),
    )
    op.execute(
        "INSERT INTO chain_identity (id, code, updated_at) "
        "VALUES (1, 'PM', '2026-12-03T00:00:00.000+00:00')"
    )
    op.create_table(
        "member_device_keys",
        sa.Column("id", BigId, nullable=False),
        sa.Column("member_id", BigId, nullable=False),
        sa.Column("public_key", sa.LargeBinary(65), nullable=False),
        sa.Column("label", sa.String(64), nullable=False),
        sa.Column("created_at", sa.String(32), nullable=False),
        sa.Column("revoked_at", sa.String(32), nullable=True),
        sa.Column("revoke_reason", sa.String(128), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_member_device_keys"),
        sa.ForeignKeyConstraint(
            ["member_id"], ["members.id"], name="fk_member_device_keys_member_id_members"
        ),
        sa.UniqueConstraint("public_key", name="uq_member_device_keys_public_key"),
    )
    op.create_index(
        "ix_member_device_keys_member_id", "member_device_keys", ["member_id"], unique=False
    )
    op.create_table(
        "member_code_uses",
        sa.Column("id", BigId, nullable=False),
        sa.Column("member_id", sa.BigInteger(), nullable=False),
        sa.Column("key_id", sa.BigInteger(), nullable=False),
        sa.Column("step", sa.BigInteger(), nullable=False),
        sa.Column("store_id", sa.String(16), nullable=False),
        sa.Column("terminal_id", sa.String(16), nullable=False),
        sa.Column("event_id", sa.String(36), nullable=False),
        sa.Column("used_at", sa.String(40), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_member_code_uses"),
        sa.UniqueConstraint("event_id", name="uq_member_code_uses_event_id"),
    )
    op.create_index(
        "ix_member_code_uses_key_step", "member_code_uses", ["key_id", "step"], unique=False
    )


def downgrade() -> None:
    op.drop_table("member_code_uses")
    op.drop_table("member_device_keys")
    op.drop_table("chain_identity")
