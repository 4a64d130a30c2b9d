"""tamper evidence: the terminal's chain key and the hash chain over its books

Revision ID: 0109
Revises: 0104
Create Date: 2026-12-02

``chain_secret`` holds 256 random bits made here, once per terminal database;
``chain_links`` one keyed link per committed sale row, ledger entry, audit
row, outbox event and acknowledgement (see ``pos_member.store.chain``). Both
refuse UPDATE and DELETE. The history already in the database is linked as it
stands: from here on, a change to it shows.
"""

import sqlite3

from alembic import op
import sqlalchemy as sa

from pos_member.store import chain

revision = "0109"
down_revision = "0108"
branch_labels = None
depends_on = None

GUARDED = ("chain_secret", "chain_links")

#: Tables that change, but only in one way (names listed in ``store.checks``).
TRIGGERS = {
    # The outbox: never deleted; only the sent marker (once, NULL to a time), the
    # attempts (upwards) and the last error change.
    "outbox_no_delete": "BEFORE DELETE ON outbox BEGIN "
    "SELECT RAISE(ABORT, 'outbox events are never deleted'); END",
    "outbox_sent_forward": "BEFORE UPDATE ON outbox WHEN NEW.seq IS NOT OLD.seq "
    "OR NEW.id IS NOT OLD.id OR NEW.kind IS NOT OLD.kind OR NEW.payload IS NOT OLD.payload "
    "OR NEW.created_at IS NOT OLD.created_at "
    "OR (OLD.sent_at IS NOT NULL AND NEW.sent_at IS NOT OLD.sent_at) "
    "OR NEW.attempts < OLD.attempts BEGIN "
    "SELECT RAISE(ABORT, 'an outbox event changes only by being sent'); END",
    # Receipt numbers only go forward: a lowered counter would hand out a number again.
    "receipt_counters_no_delete": "BEFORE DELETE ON receipt_counters BEGIN "
    "SELECT RAISE(ABORT, 'receipt counters are never deleted'); END",
    "receipt_counters_forward": "BEFORE UPDATE ON receipt_counters "
    "WHEN NEW.last_no < OLD.last_no OR NEW.terminal_id IS NOT OLD.terminal_id BEGIN "
    "SELECT RAISE(ABORT, 'receipt numbers only go forward'); END",
    # No service changes a role in place (a person is added with theirs, audited).
    "staff_role_fixed": "BEFORE UPDATE OF role ON staff WHEN NEW.role IS NOT OLD.role BEGIN "
    "SELECT RAISE(ABORT, 'a staff role is not changed in place'); END",
}


def upgrade() -> None:
    op.create_table(
        "chain_secret",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.LargeBinary(), nullable=False),
        sa.CheckConstraint("id = 1", name=op.f("ck_chain_secret_one")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_chain_secret")),
    )
    op.create_table(
        "chain_links",
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("chain", sa.String(length=8), nullable=False),
        sa.Column("n", sa.Integer(), nullable=False),
        sa.Column("tbl", sa.String(length=32), nullable=False),
        sa.Column("rid", sa.Integer(), nullable=False),
        sa.Column("label", sa.String(length=64), nullable=False),
        sa.Column("prev", sa.String(length=64), nullable=False),
        sa.Column("digest", sa.String(length=64), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_chain_links")),
        sa.UniqueConstraint("chain", "n", name="uq_chain_links_chain_n"),
    )
    op.create_index("ix_chain_links_row", "chain_links", ["tbl", "rid"])
    op.execute("INSERT INTO chain_secret (id, key) VALUES (1, randomblob(32))")
    for table in GUARDED:
        for verb in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER {table}_no_{verb.lower()} BEFORE {verb} ON {table} "
                f"BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END"
            )
    for name, body in TRIGGERS.items():
        op.execute(f"CREATE TRIGGER {name} {body}")
    dbapi = op.get_bind().connection.dbapi_connection
    assert isinstance(dbapi, sqlite3.Connection)
    chain.adopt(dbapi)


def downgrade() -> None:
    for name in TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    for table in GUARDED:
        for verb in ("UPDATE", "DELETE"):
            op.execute(f"DROP TRIGGER IF EXISTS {table}_no_{verb.lower()}")
    op.drop_index("ix_chain_links_row", table_name="chain_links")
    op.drop_table("chain_links")
    op.drop_table("chain_secret")
