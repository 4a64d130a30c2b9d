"""real-name records' buyer name and contact sealed (no plain text in the till's file)

Revision ID: 0124
Revises: 0121
Create Date: 2026-12-04

Issue 18 (PIPL): ``real_name_records.name`` and ``.contact`` (the buyer or
holder of a prepaid purchase, recharge or 退卡) give way to new columns
``name_masked``, ``name_sealed`` and ``contact_sealed``: AES-256-GCM under the
till's data key like the members' names (``store.pii.real_name_columns``); the
plain columns are dropped. The table is append-only by trigger: the triggers are
dropped for the rewrite and created again in the same transaction.
``secure_delete`` zeroes the freed cells and the store runs VACUUM once
afterwards (the marker of 0121), so no old page keeps a buyer's name or phone.
"""

from __future__ import annotations

from alembic import op
from sqlalchemy import text

from pos_member.store import pii

revision = "0124"
down_revision = "0123"
branch_labels = None
depends_on = None

TABLE = "real_name_records"
VACUUM_STATE = "pii.vacuum_pending"


def _drop_triggers() -> None:
    for verb in ("update", "delete"):
        op.execute(f"DROP TRIGGER IF EXISTS {TABLE}_no_{verb}")


def _create_triggers() -> None:
    for verb in ("update", "delete"):
        op.execute(
            f"CREATE TRIGGER {TABLE}_no_{verb} BEFORE {verb.upper()} ON {TABLE} BEGIN "
            f"SELECT RAISE(ABORT, '{TABLE} rows are never changed or deleted'); END"
        )


def upgrade() -> None:
    bind = op.get_bind()
    bind.exec_driver_sql("PRAGMA secure_delete = ON")
    _drop_triggers()
    for ddl in (
        "name_masked VARCHAR(64) DEFAULT '' NOT NULL",
        "name_sealed VARCHAR(256) DEFAULT '' NOT NULL",
        "contact_sealed VARCHAR(256)",
    ):
        op.execute(f"ALTER TABLE {TABLE} ADD COLUMN {ddl}")
    rows = bind.execute(text(f"SELECT id, name, contact FROM {TABLE}")).all()
    if rows:
        sealer = pii.sealer_of(bind)
        bind.execute(
            text(
                f"UPDATE {TABLE} SET name_masked = :name_masked, name_sealed = :name_sealed, "
                "contact_sealed = :contact_sealed WHERE id = :id"
            ),
            [{"id": rid, **pii.real_name_columns(sealer, n, c)} for rid, n, c in rows],
        )
        op.execute(
            "INSERT INTO terminal_state (key, value) VALUES ('" + VACUUM_STATE + "', '1') "
            "ON CONFLICT (key) DO UPDATE SET value = '1'"
        )
    op.execute(f"ALTER TABLE {TABLE} DROP COLUMN name")
    op.execute(f"ALTER TABLE {TABLE} DROP COLUMN contact")
    _create_triggers()


def downgrade() -> None:
    """Back to plain columns, opened with the same key: for going back a version only."""
    bind = op.get_bind()
    _drop_triggers()
    op.execute(f"ALTER TABLE {TABLE} ADD COLUMN name VARCHAR(64) DEFAULT '' NOT NULL")
    op.execute(f"ALTER TABLE {TABLE} ADD COLUMN contact VARCHAR(20)")
    rows = bind.execute(text(f"SELECT id, name_sealed, contact_sealed FROM {TABLE}")).all()
    if rows:
        sealer = pii.sealer_of(bind)
        bind.execute(
            text(f"UPDATE {TABLE} SET name = :n, contact = :c WHERE id = :id"),
            [
                {
                    "id": rid,
                    "n": pii.open_or_empty(sealer, n, pii.REAL_NAME),
                    "c": pii.open_or_empty(sealer, c, pii.REAL_CONTACT) or None,
                }
                for rid, n, c in rows
            ],
        )
    for col in ("name_masked", "name_sealed", "contact_sealed"):
        op.execute(f"ALTER TABLE {TABLE} DROP COLUMN {col}")
    _create_triggers()
