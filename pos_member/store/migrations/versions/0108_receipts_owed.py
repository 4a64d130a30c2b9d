"""receipts owed: the reprint queue in the store, written with each sale

Revision ID: 0108
Revises: 0104
Create Date: 2026-12-02

A receipt is owed from the moment its sale commits: checkout, refund and
recharge insert the receipt's row in ``receipt_reprint_queue`` in their own
transaction (``attempts = 0``: not tried yet), and the print service deletes
it once the receipt has printed; a failed print counts its attempt. The table
had been created on demand by ``SqliteReprintQueue`` (``attempts >= 1``,
rows only after a failed print); a store that has it keeps its rows.
"""

from alembic import op
import sqlalchemy as sa


revision = "0108"
down_revision = "0106"
branch_labels = None
depends_on = None

_COLUMNS = "receipt_no, printer, error_code, reason, first_failed_at, last_failed_at, attempts"


def upgrade() -> None:
    existed = sa.inspect(op.get_bind()).has_table("receipt_reprint_queue")
    if existed:
        op.rename_table("receipt_reprint_queue", "_receipt_reprint_queue_old")
    op.create_table(
        "receipt_reprint_queue",
        sa.Column("receipt_no", sa.String(length=32), nullable=False),
        sa.Column("printer", sa.String(length=64), nullable=False),
        sa.Column("error_code", sa.String(length=48), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("first_failed_at", sa.String(length=40), nullable=False),
        sa.Column("last_failed_at", sa.String(length=40), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "attempts >= 0", name=op.f("ck_receipt_reprint_queue_attempts_not_negative")
        ),
        sa.PrimaryKeyConstraint("receipt_no", name=op.f("pk_receipt_reprint_queue")),
    )
    if existed:
        op.execute(
            f"INSERT INTO receipt_reprint_queue ({_COLUMNS}) "
            f"SELECT {_COLUMNS} FROM _receipt_reprint_queue_old"
        )
        op.drop_table("_receipt_reprint_queue_old")


def downgrade() -> None:
    op.drop_table("receipt_reprint_queue")
