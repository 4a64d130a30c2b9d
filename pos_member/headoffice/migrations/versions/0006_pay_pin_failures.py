"""payment PIN failures counted chain-wide, and the lock they set

Revision ID: 0006
Revises: 0003
Create Date: 2026-12-02 14:00:00.000000

Each till pushes a wrong payment PIN as ``member.pay_pin_failed``; head office
keeps them in ``pay_pin_failures`` and, when the failures within the policy's
window reach its limit (``domain.pin.PinPolicy``), sets
``members.pay_pin_locked_until``, which the change feed carries to every till.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("members", sa.Column("pay_pin_locked_until", sa.String(length=40), nullable=True))
    op.create_table(
        "pay_pin_failures",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column(
            "member_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("event_id", sa.String(length=36), nullable=False),
        sa.Column("store_id", sa.String(length=16), nullable=False),
        sa.Column("terminal_id", sa.String(length=16), nullable=False),
        sa.Column("failed_at", sa.String(length=40), nullable=False),
        sa.ForeignKeyConstraint(
            ["member_id"], ["members.id"], name=op.f("fk_pay_pin_failures_member_id_members")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pay_pin_failures")),
        sa.UniqueConstraint("event_id", name=op.f("uq_pay_pin_failures_event_id")),
    )
    op.create_index(
        op.f("ix_pay_pin_failures_member_id"), "pay_pin_failures", ["member_id"], unique=False
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_pay_pin_failures_member_id"), table_name="pay_pin_failures")
    op.drop_table("pay_pin_failures")
    op.drop_column("members", "pay_pin_locked_until")
