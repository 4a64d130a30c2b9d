"""ledgers and committed sales are append-only: triggers refuse UPDATE and DELETE

Revision ID: 0101
Revises: 0100
Create Date: 2026-11-23

Balances are sums of ledger entries and a committed sale is a receipt: the
database itself refuses to change or remove them, whatever code runs.
Corrections are new rows (refunds, adjustments), never edits.
"""

from alembic import op

revision = "0101"
down_revision = "0100"
branch_labels = None
depends_on = None

APPEND_ONLY = (
    "stored_value_entries",
    "points_entries",
    "count_card_entries",
    "audit_log",
    "sales",
    "sale_lines",
    "sale_adjustments",
    "tenders",
)


def upgrade() -> None:
    for table in APPEND_ONLY:
        for verb in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER {table}_no_{verb.lower()} BEFORE {verb} ON {table} "
                f"BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END"
            )


def downgrade() -> None:
    for table in APPEND_ONLY:
        for verb in ("UPDATE", "DELETE"):
            op.execute(f"DROP TRIGGER IF EXISTS {table}_no_{verb.lower()}")
