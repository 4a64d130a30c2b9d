"""members' personal information (PIPL): consent records, erasure, restriction, audit

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-04

``member_consent_log`` becomes the one consent record of every purpose (membership,
marketing, sensitive ID data, guardian consent of a child under 14, balance SMS):
it gains the channel the consent came by (``till``, ``console``, ``member_page``:
the only channel before, so the rows already there take it as default), who took it
and a detail (the guardian's relation). Registration consent that tills sent with
the member (``members.consent_at`` / ``consent_version``) is copied in as
``membership`` rows, once.

``members`` gains ``erased_at`` (membership closed, personal fields anonymised),
``restricted_at`` and ``retain_until`` (a law keeps the prepaid records until that
day: hidden from search, then erased by ``pos-member-headoffice privacy-retention``).

``admin_log`` refuses UPDATE and DELETE in PostgreSQL (it is the API's access audit
now, as ``console_audit`` is the console's). ``applied_events`` gets an index on the
payload's ``member_id``: a member's data package and erasure find their events by it.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0018"
down_revision: str | None = "0017"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BACKFILL = """
INSERT INTO member_consent_log (member_id, purpose, granted, version, at, client, channel)
SELECT m.id, 'membership', {true}, COALESCE(m.consent_version, 'unknown'), m.consent_at,
    NULL, 'till'
FROM members m
WHERE m.consent_at IS NOT NULL AND NOT EXISTS (
    SELECT 1 FROM member_consent_log c
    WHERE c.member_id = m.id AND c.purpose = 'membership')
"""


def upgrade() -> None:
    pg = op.get_bind().dialect.name == "postgresql"
    op.add_column(
        "member_consent_log",
        sa.Column("channel", sa.String(16), nullable=False, server_default="member_page"),
    )
    op.add_column("member_consent_log", sa.Column("taken_by", sa.String(64), nullable=True))
    op.add_column("member_consent_log", sa.Column("detail", sa.JSON(), nullable=True))
    op.create_index(
        "ix_member_consent_log_member_purpose", "member_consent_log", ["member_id", "purpose"]
    )
    op.execute(BACKFILL.format(true="true" if pg else "1"))
    op.add_column("members", sa.Column("erased_at", sa.String(32), nullable=True))
    op.add_column("members", sa.Column("restricted_at", sa.String(32), nullable=True))
    op.add_column("members", sa.Column("retain_until", sa.String(10), nullable=True))
    op.create_index("ix_members_retain_until", "members", ["retain_until"])
    if pg:
        op.execute(
            "CREATE INDEX ix_applied_events_member ON applied_events (((payload ->> 'member_id')))"
        )
        op.execute(
            """
            CREATE FUNCTION admin_log_append_only() RETURNS trigger AS $$
            BEGIN
                RAISE EXCEPTION 'admin_log is append-only';
            END;
            $$ LANGUAGE plpgsql;
            CREATE TRIGGER admin_log_append_only BEFORE UPDATE OR DELETE ON admin_log
                FOR EACH ROW EXECUTE FUNCTION admin_log_append_only();
            """
        )
    else:
        op.execute(
            "CREATE INDEX ix_applied_events_member ON applied_events "
            "(json_extract(payload, '$.member_id'))"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS admin_log_append_only ON admin_log")
        op.execute("DROP FUNCTION IF EXISTS admin_log_append_only()")
    op.execute("DROP INDEX IF EXISTS ix_applied_events_member")
    op.drop_index("ix_members_retain_until", "members")
    op.drop_index("ix_member_consent_log_member_purpose", "member_consent_log")
    with op.batch_alter_table("members") as b:
        for col in ("retain_until", "restricted_at", "erased_at"):
            b.drop_column(col)
    with op.batch_alter_table("member_consent_log") as b:
        for col in ("detail", "taken_by", "channel"):
            b.drop_column(col)
