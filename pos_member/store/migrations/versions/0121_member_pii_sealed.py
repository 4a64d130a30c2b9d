"""members' names and phones sealed: masked, keyed hashes and AES-GCM, no plain text

Revision ID: 0121
Revises: 0119
Create Date: 2026-12-04

Issue 18 (PIPL), the till's minimum: ``members.name`` and ``members.phone`` give
way to the masked name and phone the counter shows, the phone's last 4 digits,
keyed hashes (HMAC-SHA256) of the phone and the full name for exact lookups, and
the full values sealed with AES-256-GCM under the data key in ``data.key``
beside the database (``POS_MEMBER_DATA_KEY_FILE``; created 0600 here if absent).
See ``store.pii`` and docs/privacy.md.

The table is not rebuilt (the ledgers' foreign keys point at it and foreign keys
stay on inside the migration's transaction): ``phone`` is renamed to
``phone_index`` (its unique index kept) and rewritten with the hash, ``name`` is
dropped in place. ``secure_delete`` zeroes what the rewrite frees; the store
then runs VACUUM and truncates the WAL once (``Store.open``) so no old page
with a plain name or phone stays in the file or its WAL.

Existing outbox rows are left as they are: their payloads are linked into the
events chain (rewriting them would fork it from what head office holds); rows
written from now on keep their personal fields sealed.
"""

from __future__ import annotations

from alembic import op
from sqlalchemy import text

from pos_member.store import pii

revision = "0121"
down_revision = "0119"
branch_labels = None
depends_on = None

#: The marker ``Store.open`` reads to VACUUM once after this migration.
VACUUM_STATE = "pii.vacuum_pending"


def upgrade() -> None:
    bind = op.get_bind()
    bind.exec_driver_sql("PRAGMA secure_delete = ON")
    op.execute("DROP INDEX IF EXISTS ix_members_name")
    op.execute("ALTER TABLE members RENAME COLUMN phone TO phone_index")
    for ddl in (
        "name_masked VARCHAR(64) DEFAULT '' NOT NULL",
        "name_sealed VARCHAR(256)",
        "name_index VARCHAR(64)",
        "phone_last4 VARCHAR(4)",
        "phone_masked VARCHAR(20)",
        "phone_sealed VARCHAR(256)",
    ):
        op.execute(f"ALTER TABLE members ADD COLUMN {ddl}")
    rows = bind.execute(text("SELECT id, name, phone_index FROM members")).all()
    if rows:
        sealer = pii.sealer_of(bind)
        bind.execute(
            text(
                "UPDATE members SET name_masked = :name_masked, name_sealed = :name_sealed, "
                "name_index = :name_index, phone_index = :phone_index, "
                "phone_last4 = :phone_last4, phone_masked = :phone_masked, "
                "phone_sealed = :phone_sealed WHERE id = :id"
            ),
            [{"id": mid, **pii.member_columns(sealer, name, phone)} for mid, name, phone in rows],
        )
    op.execute("ALTER TABLE members DROP COLUMN name")
    op.create_index("ix_members_name_masked", "members", ["name_masked"])
    op.create_index("ix_members_name_index", "members", ["name_index"])
    op.create_index("ix_members_phone_last4", "members", ["phone_last4"])
    op.execute(
        "INSERT INTO terminal_state (key, value) VALUES ('" + VACUUM_STATE + "', '1') "
        "ON CONFLICT (key) DO UPDATE SET value = '1'"
    )


def downgrade() -> None:
    """Back to plain columns, opened with the same key (an older build reads them): for
    going back a version only; the file then holds names and phones in plain again."""
    bind = op.get_bind()
    bind.exec_driver_sql("PRAGMA secure_delete = ON")
    for ix in ("ix_members_name_masked", "ix_members_name_index", "ix_members_phone_last4"):
        op.execute(f"DROP INDEX IF EXISTS {ix}")
    op.execute("ALTER TABLE members ADD COLUMN name VARCHAR(64) DEFAULT '' NOT NULL")
    rows = bind.execute(text("SELECT id, name_sealed, phone_sealed FROM members")).all()
    if rows:
        sealer = pii.sealer_of(bind)
        bind.execute(
            text("UPDATE members SET name = :n, phone_index = :p WHERE id = :id"),
            [
                {
                    "id": mid,
                    "n": pii.full_name(sealer, name),
                    "p": pii.full_phone(sealer, phone) or None,
                }
                for mid, name, phone in rows
            ],
        )
    for col in ("name_masked", "name_sealed", "name_index", "phone_last4", "phone_masked",
                "phone_sealed"):  # fmt: skip
        op.execute(f"ALTER TABLE members DROP COLUMN {col}")
    op.execute("ALTER TABLE members RENAME COLUMN phone_index TO phone")
    op.create_index("ix_members_name", "members", ["name"])
    op.execute("DELETE FROM terminal_state WHERE key = '" + VACUUM_STATE + "'")
