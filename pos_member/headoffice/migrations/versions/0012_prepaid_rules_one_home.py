"""prepaid: the counter's rules in one home (the programme); closed stored value

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-03

The caps per card class, the 退卡 cash limit and the cooling-off were kept twice:
in the programme's ``prepaid`` section (which the tills enforce) and in
``prepaid_settings`` (which head office's review read). The programme is the one
home now: head office reads the version in force on each event's business date.
``prepaid_settings`` loses ``named_cap_fen``, ``anonymous_cap_fen``,
``cash_refund_max_fen`` and ``cooling_off_days``. A chain that had saved values
there other than the law's defaults keeps them in ``admin_log`` (action
``prepaid.settings.moved``, with where each now lives), so a manager can publish
them as a rules version; the tills never enforced them.

``members`` gains ``sv_closed_at`` (the 退卡's event time, UTC) and
``sv_closed_on`` (its business date): head office's closed state of a member's
stored value, sent to the tills by the feed. Filled from the 退卡 already kept in
``prepaid_closures`` (the earliest of each member).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

MOVED = {
    "named_cap_fen": ("prepaid.named.cap", 500_000),
    "anonymous_cap_fen": ("prepaid.anonymous.cap", 100_000),
    "cash_refund_max_fen": ("prepaid.closure_cash_max", 10_000),
    "cooling_off_days": ("prepaid.region", None),
}


def _utc_key(at: str) -> str:
    moment = datetime.fromisoformat(at)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def upgrade() -> None:
    conn = op.get_bind()
    row = (
        conn.execute(
            sa.text(
                "SELECT named_cap_fen, anonymous_cap_fen, cash_refund_max_fen, cooling_off_days "
                "FROM prepaid_settings WHERE id = 1"
            )
        )
        .mappings()
        .first()
    )
    if row is not None:
        kept = {
            name: {"value": row[name], "now": where}
            for name, (where, default) in MOVED.items()
            if row[name] != default
        }
        if kept:
            conn.execute(
                sa.text(
                    "INSERT INTO admin_log (at, action, subject, detail, note) "
                    "VALUES (:at, 'prepaid.settings.moved', 'chain', :detail, :note)"
                ).bindparams(sa.bindparam("detail", type_=sa.JSON())),
                {
                    "at": datetime.now(UTC).isoformat(timespec="seconds"),
                    "detail": kept,
                    "note": "head office's copies of the counter's rules, dropped by migration "
                    "0012: publish a rules version with them to have the tills enforce them",
                },
            )
    with op.batch_alter_table("prepaid_settings") as batch:
        for name in MOVED:
            batch.drop_column(name)
    with op.batch_alter_table("members") as batch:
        batch.add_column(sa.Column("sv_closed_at", sa.String(length=32), nullable=True))
        batch.add_column(sa.Column("sv_closed_on", sa.String(length=10), nullable=True))
    first: dict[int, tuple[str, str]] = {}
    for mid, created_at, day in conn.execute(
        sa.text(
            "SELECT member_id, created_at, business_date FROM prepaid_closures "
            "WHERE kind = 'closure'"
        )
    ):
        key = _utc_key(created_at)
        if mid not in first or key < first[mid][0]:
            first[int(mid)] = (key, day)
    for mid, (key, day) in first.items():
        conn.execute(
            sa.text("UPDATE members SET sv_closed_at = :at, sv_closed_on = :day WHERE id = :m"),
            {"at": key, "day": day, "m": mid},
        )


def downgrade() -> None:
    with op.batch_alter_table("members") as batch:
        batch.drop_column("sv_closed_on")
        batch.drop_column("sv_closed_at")
    with op.batch_alter_table("prepaid_settings") as batch:
        batch.add_column(
            sa.Column("named_cap_fen", sa.BigInteger(), nullable=False, server_default="500000")
        )
        batch.add_column(
            sa.Column("anonymous_cap_fen", sa.BigInteger(), nullable=False, server_default="100000")
        )
        batch.add_column(
            sa.Column(
                "cash_refund_max_fen", sa.BigInteger(), nullable=False, server_default="10000"
            )
        )
        batch.add_column(sa.Column("cooling_off_days", sa.Integer(), nullable=True))
