"""review in event time: entries' UTC event time, withdrawn review items, cards used

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-03

Head office reviews a member's ledgers in the order the events happened, not
the order pushes arrive (``headoffice/review.py``):

- ``sv_entries.event_at`` / ``points_entries.event_at``: the event's time in
  UTC, fixed-width text that sorts as time (``review.utc_key``), indexed with
  the member; ``points_entries.terminal_id`` for the tie-break. Existing rows
  get theirs from ``created_at`` (PostgreSQL; NULL elsewhere: treated as before
  anything the review reads).
- ``review_items.amount`` (how far below zero, fen or points),
  ``review_items.withdrawn_at`` (an item a later push showed wrong: kept, never
  deleted; items indexed by member and by event), and ``review_item_history``
  (each amendment, withdrawal and reinstatement, with the push that caused it).
- ``sales.id_method``: how the member was identified (``IdKind`` values); the
  sale's ``card_number`` was there already.
- ``cards.blocked_at``: when the card was blocked (lost, replaced), in UTC
  event time: a sale with it at or after that moment is ``blocked_card_used``.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_UTC_KEY = (
    "to_char((CASE WHEN created_at ~ '([+-][0-9]{2}(:?[0-9]{2})?|Z)$'"
    " THEN created_at::timestamptz ELSE created_at::timestamp AT TIME ZONE 'UTC' END)"
    " AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"+00:00\"')"
)


def upgrade() -> None:
    for table in ("sv_entries", "points_entries"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column("event_at", sa.String(length=32), nullable=True))
            if table == "points_entries":
                batch_op.add_column(sa.Column("terminal_id", sa.String(length=16), nullable=True))
        op.create_index(f"ix_{table}_member_event_at", table, ["member_id", "event_at"])
        if op.get_bind().dialect.name == "postgresql":
            op.execute(f"UPDATE {table} SET event_at = {_UTC_KEY} WHERE kind <> 'opening'")
    with op.batch_alter_table("review_items", schema=None) as batch_op:
        batch_op.add_column(sa.Column("amount", sa.BigInteger(), nullable=True))
        batch_op.add_column(sa.Column("withdrawn_at", sa.String(length=32), nullable=True))
        batch_op.create_index("ix_review_items_member_id", ["member_id"], unique=False)
        batch_op.create_index("ix_review_items_event_id", ["event_id"], unique=False)
    op.create_table(
        "review_item_history",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("review_item_id", sa.BigInteger(), nullable=False),
        sa.Column("at", sa.String(length=32), nullable=False),
        sa.Column("action", sa.String(length=16), nullable=False),
        sa.Column("amount_before", sa.BigInteger(), nullable=True),
        sa.Column("amount_after", sa.BigInteger(), nullable=True),
        sa.Column("store_id", sa.String(length=16), nullable=False),
        sa.Column("terminal_id", sa.String(length=16), nullable=False),
        sa.ForeignKeyConstraint(
            ["review_item_id"],
            ["review_items.id"],
            name=op.f("fk_review_item_history_review_item_id_review_items"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_review_item_history")),
    )
    op.create_index(
        "ix_review_item_history_review_item_id", "review_item_history", ["review_item_id"]
    )
    with op.batch_alter_table("sales", schema=None) as batch_op:
        batch_op.add_column(sa.Column("id_method", sa.String(length=16), nullable=True))
    with op.batch_alter_table("cards", schema=None) as batch_op:
        batch_op.add_column(sa.Column("blocked_at", sa.String(length=32), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("cards", schema=None) as batch_op:
        batch_op.drop_column("blocked_at")
    with op.batch_alter_table("sales", schema=None) as batch_op:
        batch_op.drop_column("id_method")
    op.drop_index("ix_review_item_history_review_item_id", table_name="review_item_history")
    op.drop_table("review_item_history")
    with op.batch_alter_table("review_items", schema=None) as batch_op:
        batch_op.drop_index("ix_review_items_event_id")
        batch_op.drop_index("ix_review_items_member_id")
        batch_op.drop_column("withdrawn_at")
        batch_op.drop_column("amount")
    for table in ("points_entries", "sv_entries"):
        op.drop_index(f"ix_{table}_member_event_at", table_name=table)
        with op.batch_alter_table(table, schema=None) as batch_op:
            if table == "points_entries":
                batch_op.drop_column("terminal_id")
            batch_op.drop_column("event_at")
