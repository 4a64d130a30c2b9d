"""daily store totals for the console's dashboard

Revision ID: 0017
Revises: 0011
Create Date: 2026-12-03

``daily_store_totals`` (per store and business day: sales, member sales, refunds,
recharges, recharge reversals, card fees, receipts, refunds counted, points earned
and redeemed, members who bought) and ``daily_member_days`` (who bought where and
when, once each), kept by ``push`` as it applies events (``daily_totals.record``).
The backfill sums what ``sales`` and ``sv_entries`` hold already, as
``daily_totals.recompute`` does. ``member_last_days``: each member's last day of
buying (the dashboard's active members up to the newest day, without a DISTINCT).
``terminal_reports``: each till's last report of its version, backlog and clock.

``console_adjustments``: points and stored-value adjustments asked for in the
console, pending a second person's approval above the threshold (``adjustments``).
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0017"
down_revision: str | None = "0015"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BigId = sa.BigInteger().with_variant(sa.Integer(), "sqlite")

SUMS = (
    "sales_fen", "member_sales_fen", "refunds_fen", "recharges_fen", "reversals_fen",
    "card_fees_fen", "receipts", "refunds", "points_earned", "points_redeemed",
    "active_members",
)  # fmt: skip

BACKFILL = """
INSERT INTO daily_store_totals (store_id, business_date, sales_fen, member_sales_fen,
    refunds_fen, recharges_fen, reversals_fen, card_fees_fen, receipts, refunds,
    points_earned, points_redeemed, active_members)
SELECT k.store_id, k.business_date,
    COALESCE(s.sales_fen, 0), COALESCE(s.member_sales_fen, 0), COALESCE(s.refunds_fen, 0),
    COALESCE(s.recharges_fen, 0), COALESCE(r.reversals_fen, 0), COALESCE(s.card_fees_fen, 0),
    COALESCE(s.receipts, 0), COALESCE(s.refunds, 0), COALESCE(s.points_earned, 0),
    COALESCE(s.points_redeemed, 0), COALESCE(a.active_members, 0)
FROM (
    SELECT store_id, business_date FROM sales
    UNION
    SELECT store_id, business_date FROM sv_entries WHERE kind = 'reversal'
) AS k
LEFT JOIN (
    SELECT store_id, business_date,
        SUM(CASE WHEN kind = 'sale' THEN total_fen ELSE 0 END) AS sales_fen,
        SUM(CASE WHEN kind = 'sale' AND member_id IS NOT NULL THEN total_fen ELSE 0 END)
            AS member_sales_fen,
        SUM(CASE WHEN kind = 'refund' THEN total_fen ELSE 0 END) AS refunds_fen,
        SUM(CASE WHEN kind = 'recharge' THEN total_fen ELSE 0 END) AS recharges_fen,
        SUM(CASE WHEN kind = 'card_fee' THEN total_fen ELSE 0 END) AS card_fees_fen,
        SUM(CASE WHEN kind = 'sale' THEN 1 ELSE 0 END) AS receipts,
        SUM(CASE WHEN kind = 'refund' THEN 1 ELSE 0 END) AS refunds,
        SUM(CASE WHEN kind IN ('sale', 'refund') THEN points_earned ELSE 0 END)
            AS points_earned,
        SUM(CASE WHEN kind IN ('sale', 'refund') THEN points_redeemed ELSE 0 END)
            AS points_redeemed
    FROM sales GROUP BY store_id, business_date
) AS s ON s.store_id = k.store_id AND s.business_date = k.business_date
LEFT JOIN (
    SELECT store_id, business_date, -SUM(principal_delta_fen + bonus_delta_fen) AS reversals_fen
    FROM sv_entries WHERE kind = 'reversal' GROUP BY store_id, business_date
) AS r ON r.store_id = k.store_id AND r.business_date = k.business_date
LEFT JOIN (
    SELECT store_id, business_date, COUNT(*) AS active_members
    FROM daily_member_days GROUP BY store_id, business_date
) AS a ON a.store_id = k.store_id AND a.business_date = k.business_date
"""


def upgrade() -> None:
    op.create_table(
        "daily_store_totals",
        sa.Column("store_id", sa.String(16), nullable=False),
        sa.Column("business_date", sa.String(10), nullable=False),
        *(sa.Column(c, sa.BigInteger(), nullable=False) for c in SUMS),
        sa.PrimaryKeyConstraint("store_id", "business_date", name="pk_daily_store_totals"),
    )
    op.create_index(
        "ix_daily_store_totals_date", "daily_store_totals", ["business_date", "store_id"]
    )
    op.create_table(
        "daily_member_days",
        sa.Column("business_date", sa.String(10), nullable=False),
        sa.Column("store_id", sa.String(16), nullable=False),
        sa.Column("member_id", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint(
            "business_date", "store_id", "member_id", name="pk_daily_member_days"
        ),
    )
    op.execute(
        "INSERT INTO daily_member_days (business_date, store_id, member_id) "
        "SELECT DISTINCT business_date, store_id, member_id FROM sales "
        "WHERE kind = 'sale' AND member_id IS NOT NULL"
    )
    op.execute(BACKFILL)
    op.create_table(
        "member_last_days",
        sa.Column("member_id", sa.BigInteger(), nullable=False),
        sa.Column("last_day", sa.String(10), nullable=False),
        sa.PrimaryKeyConstraint("member_id", name="pk_member_last_days"),
    )
    op.create_table(
        "terminal_reports",
        sa.Column("terminal_key", sa.String(32), nullable=False),
        sa.Column("app_version", sa.String(32), nullable=True),
        sa.Column("backlog", sa.BigInteger(), nullable=True),
        sa.Column("till_clock", sa.String(40), nullable=True),
        sa.Column("skew_ms", sa.BigInteger(), nullable=True),
        sa.Column("reported_at", sa.String(32), nullable=False),
        sa.PrimaryKeyConstraint("terminal_key", name="pk_terminal_reports"),
    )
    op.create_index("ix_member_last_days_last_day", "member_last_days", ["last_day"])
    op.execute(
        "INSERT INTO member_last_days (member_id, last_day) "
        "SELECT member_id, MAX(business_date) FROM sales "
        "WHERE kind = 'sale' AND member_id IS NOT NULL GROUP BY member_id"
    )
    op.create_table(
        "console_adjustments",
        sa.Column("id", BigId, primary_key=True),
        sa.Column("member_id", BigId, nullable=False),
        sa.Column("kind", sa.String(8), nullable=False),
        sa.Column("amount", sa.BigInteger(), nullable=False),
        sa.Column("reason", sa.String(200), nullable=False),
        sa.Column("requested_by", sa.BigInteger(), nullable=False),
        sa.Column("requested_by_name", sa.String(32), nullable=False),
        sa.Column("requested_at", sa.String(32), nullable=False),
        sa.Column("state", sa.String(12), nullable=False),
        sa.Column("decided_by", sa.BigInteger(), nullable=True),
        sa.Column("decided_by_name", sa.String(32), nullable=True),
        sa.Column("decided_at", sa.String(32), nullable=True),
        sa.Column("event_id", sa.String(36), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_console_adjustments"),
        sa.ForeignKeyConstraint(
            ["member_id"], ["members.id"], name="fk_console_adjustments_member_id_members"
        ),
    )
    op.create_index("ix_console_adjustments_member_id", "console_adjustments", ["member_id"])
    op.create_index("ix_console_adjustments_state", "console_adjustments", ["state"])


def downgrade() -> None:
    op.drop_table("console_adjustments")
    op.drop_table("member_last_days")
    op.drop_table("terminal_reports")
    op.drop_table("daily_member_days")
    op.drop_index("ix_daily_store_totals_date", table_name="daily_store_totals")
    op.drop_table("daily_store_totals")
