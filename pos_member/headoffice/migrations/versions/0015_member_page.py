"""member page: SMS sign-in codes, member sessions, consents, notification outbox

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-03

The member page (``member_web_api``): one-time SMS codes kept as keyed hashes
(``member_sms_codes``), members' phone sessions (``member_sessions``), the
member's marketing consent and balance-SMS choice (``member_prefs``) with an
append-only history (``member_consent_log``), and the notification outbox that
push fills in the transaction applying an event (``notification_outbox``, one
row per unique ``dedupe_key``).
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0015"
down_revision: str | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BigId = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def _fk(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["member_id"], ["members.id"], name=f"fk_{table}_member_id_members"
    )


def upgrade() -> None:
    op.create_table(
        "member_sms_codes",
        sa.Column("id", BigId, primary_key=True),
        sa.Column("phone", sa.String(20), nullable=False),
        sa.Column("code_hash", sa.String(64), nullable=False),
        sa.Column("purpose", sa.String(16), nullable=False),
        sa.Column("client", sa.String(64), nullable=True),
        sa.Column("created_at", sa.String(32), nullable=False),
        sa.Column("expires_at", sa.String(32), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("used_at", sa.String(32), nullable=True),
        sa.Column("sent", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_member_sms_codes"),
    )
    for col in ("phone", "client", "created_at"):
        op.create_index(f"ix_member_sms_codes_{col}", "member_sms_codes", [col])
    op.create_table(
        "member_sessions",
        sa.Column("token_hash", sa.String(64), nullable=False),
        sa.Column("member_id", BigId, nullable=False),
        sa.Column("csrf", sa.String(64), nullable=False),
        sa.Column("created_at", sa.String(32), nullable=False),
        sa.Column("expires_at", sa.String(32), nullable=False),
        sa.Column("ended_at", sa.String(32), nullable=True),
        sa.PrimaryKeyConstraint("token_hash", name="pk_member_sessions"),
        _fk("member_sessions"),
    )
    op.create_index("ix_member_sessions_member_id", "member_sessions", ["member_id"])
    op.create_table(
        "member_prefs",
        sa.Column("member_id", BigId, nullable=False),
        sa.Column("marketing", sa.Boolean(), nullable=False),
        sa.Column("balance_sms", sa.Boolean(), nullable=False),
        sa.Column("updated_at", sa.String(32), nullable=False),
        sa.PrimaryKeyConstraint("member_id", name="pk_member_prefs"),
        _fk("member_prefs"),
    )
    op.create_table(
        "member_consent_log",
        sa.Column("id", BigId, primary_key=True),
        sa.Column("member_id", BigId, nullable=False),
        sa.Column("purpose", sa.String(24), nullable=False),
        sa.Column("granted", sa.Boolean(), nullable=False),
        sa.Column("version", sa.String(16), nullable=False),
        sa.Column("at", sa.String(32), nullable=False),
        sa.Column("client", sa.String(64), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_member_consent_log"),
        _fk("member_consent_log"),
    )
    op.create_index("ix_member_consent_log_member_id", "member_consent_log", ["member_id"])
    op.create_table(
        "notification_outbox",
        sa.Column("id", BigId, primary_key=True),
        sa.Column("dedupe_key", sa.String(96), nullable=False),
        sa.Column("member_id", BigId, nullable=False),
        sa.Column("phone", sa.String(20), nullable=False),
        sa.Column("kind", sa.String(24), nullable=False),
        sa.Column("params", sa.JSON(), nullable=False),
        sa.Column("state", sa.String(12), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_at", sa.String(32), nullable=False),
        sa.Column("created_at", sa.String(32), nullable=False),
        sa.Column("sent_at", sa.String(32), nullable=True),
        sa.Column("last_error", sa.String(200), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_notification_outbox"),
        sa.UniqueConstraint("dedupe_key", name="uq_notification_outbox_dedupe_key"),
        _fk("notification_outbox"),
    )
    for col in ("member_id", "state", "next_at"):
        op.create_index(f"ix_notification_outbox_{col}", "notification_outbox", [col])
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            """
            CREATE FUNCTION member_consent_log_append_only() RETURNS trigger AS $$
            BEGIN
                RAISE EXCEPTION 'member_consent_log is append-only';
            END;
            $$ LANGUAGE plpgsql;
            CREATE TRIGGER member_consent_log_append_only
                BEFORE UPDATE OR DELETE ON member_consent_log
                FOR EACH ROW EXECUTE FUNCTION member_consent_log_append_only();
            """
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS member_consent_log_append_only ON member_consent_log")
        op.execute("DROP FUNCTION IF EXISTS member_consent_log_append_only()")
    for table in (
        "notification_outbox", "member_consent_log", "member_prefs", "member_sessions",
        "member_sms_codes",
    ):  # fmt: skip
        op.drop_table(table)
