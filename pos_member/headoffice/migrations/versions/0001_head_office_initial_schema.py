"""head office initial schema

Revision ID: 0001
Revises:
Create Date: 2026-11-23 13:11:59.507001
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "admin_log",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("at", sa.String(length=32), nullable=False),
        sa.Column("action", sa.String(length=48), nullable=False),
        sa.Column("subject", sa.String(length=64), nullable=True),
        sa.Column("detail", sa.JSON(), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_admin_log")),
    )
    op.create_table(
        "applied_events",
        sa.Column("event_id", sa.String(length=36), nullable=False),
        sa.Column("terminal_key", sa.String(length=32), nullable=False),
        sa.Column("store_id", sa.String(length=16), nullable=False),
        sa.Column("kind", sa.String(length=48), nullable=False),
        sa.Column("payload_hash", sa.String(length=64), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("received_at", sa.String(length=32), nullable=False),
        sa.Column("result", sa.JSON(), nullable=True),
        sa.PrimaryKeyConstraint("event_id", name=op.f("pk_applied_events")),
    )
    with op.batch_alter_table("applied_events", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_applied_events_store_id"), ["store_id"], unique=False)

    op.create_table(
        "changes",
        sa.Column("entity", sa.String(length=16), nullable=False),
        sa.Column("key", sa.String(length=40), nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("entity", "key", name=op.f("pk_changes")),
    )
    with op.batch_alter_table("changes", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_changes_seq"), ["seq"], unique=False)
    op.create_table(
        "change_clock",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_change_clock")),
    )
    op.execute("INSERT INTO change_clock (id, seq) VALUES (1, 0)")

    op.create_table(
        "id_blocks",
        sa.Column("name", sa.String(length=32), nullable=False),
        sa.Column(
            "next_base", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_id_blocks")),
    )
    op.create_table(
        "products",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=False,
            nullable=False,
        ),
        sa.Column("code", sa.String(length=32), nullable=False),
        sa.Column("barcode", sa.String(length=14), nullable=True),
        sa.Column("name", sa.String(length=128), nullable=False),
        sa.Column("category", sa.String(length=32), nullable=False),
        sa.Column("price_fen", sa.BigInteger(), nullable=False),
        sa.Column("member_price_fen", sa.BigInteger(), nullable=True),
        sa.Column("weighed", sa.Boolean(), nullable=False),
        sa.Column("earns_points", sa.Boolean(), nullable=False),
        sa.Column("discountable", sa.Boolean(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("count_card_plan", sa.String(length=32), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_products")),
        sa.UniqueConstraint("barcode", name=op.f("uq_products_barcode")),
        sa.UniqueConstraint("code", name=op.f("uq_products_code")),
    )
    op.create_table(
        "programme_rules",
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("effective_from", sa.String(length=10), nullable=False),
        sa.Column("document", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint("version", name=op.f("pk_programme_rules")),
    )
    op.create_table(
        "review_items",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("member_id", sa.BigInteger(), nullable=True),
        sa.Column("event_id", sa.String(length=36), nullable=False),
        sa.Column("store_id", sa.String(length=16), nullable=False),
        sa.Column("detail", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.String(length=32), nullable=False),
        sa.Column("resolved_at", sa.String(length=32), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_review_items")),
    )
    with op.batch_alter_table("review_items", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_review_items_kind"), ["kind"], unique=False)

    op.create_table(
        "stores",
        sa.Column("id", sa.String(length=16), nullable=False),
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_stores")),
    )
    op.create_table(
        "tiers",
        sa.Column("code", sa.String(length=32), nullable=False),
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("rank", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_tiers")),
        sa.UniqueConstraint("rank", name=op.f("uq_tiers_rank")),
    )
    op.create_table(
        "enrol_codes",
        sa.Column("code_hash", sa.String(length=64), nullable=False),
        sa.Column("store_id", sa.String(length=16), nullable=False),
        sa.Column("created_at", sa.String(length=32), nullable=False),
        sa.Column("expires_at", sa.String(length=32), nullable=False),
        sa.Column("used_at", sa.String(length=32), nullable=True),
        sa.Column("used_by", sa.String(length=32), nullable=True),
        sa.ForeignKeyConstraint(
            ["store_id"], ["stores.id"], name=op.f("fk_enrol_codes_store_id_stores")
        ),
        sa.PrimaryKeyConstraint("code_hash", name=op.f("pk_enrol_codes")),
    )
    op.create_table(
        "members",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=False,
            nullable=False,
        ),
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("phone", sa.String(length=20), nullable=True),
        sa.Column("birthday", sa.String(length=10), nullable=True),
        sa.Column("tier_code", sa.String(length=32), nullable=False),
        sa.Column("joined_on", sa.String(length=10), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("pay_pin_hash", sa.String(length=128), nullable=True),
        sa.Column("sv_principal_fen", sa.BigInteger(), nullable=False),
        sa.Column("sv_bonus_fen", sa.BigInteger(), nullable=False),
        sa.Column("points", sa.BigInteger(), nullable=False),
        sa.Column("balance_version", sa.BigInteger(), nullable=False),
        sa.Column("updated_at", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(
            ["tier_code"], ["tiers.code"], name=op.f("fk_members_tier_code_tiers")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_members")),
        sa.UniqueConstraint("phone", name=op.f("uq_members_phone")),
    )
    op.create_table(
        "terminals",
        sa.Column("key", sa.String(length=32), nullable=False),
        sa.Column("store_id", sa.String(length=16), nullable=False),
        sa.Column("terminal_id", sa.String(length=16), nullable=False),
        sa.Column("secret_hash", sa.String(length=64), nullable=False),
        sa.Column("enrolled_at", sa.String(length=32), nullable=False),
        sa.Column("revoked", sa.Boolean(), nullable=False),
        sa.Column(
            "member_id_base", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("last_seen_at", sa.String(length=32), nullable=True),
        sa.ForeignKeyConstraint(
            ["store_id"], ["stores.id"], name=op.f("fk_terminals_store_id_stores")
        ),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_terminals")),
        sa.UniqueConstraint("store_id", "terminal_id", name="uq_terminals_store_term"),
    )
    op.create_table(
        "cards",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("number", sa.String(length=32), nullable=False),
        sa.Column("uid", sa.String(length=32), nullable=True),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("member_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True),
        sa.Column("issued_on", sa.String(length=10), nullable=True),
        sa.Column("expires_on", sa.String(length=10), nullable=True),
        sa.Column("replaced_by_number", sa.String(length=32), nullable=True),
        sa.ForeignKeyConstraint(
            ["member_id"], ["members.id"], name=op.f("fk_cards_member_id_members")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cards")),
        sa.UniqueConstraint("number", name=op.f("uq_cards_number")),
        sa.UniqueConstraint("uid", name=op.f("uq_cards_uid")),
    )
    with op.batch_alter_table("cards", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_cards_member_id"), ["member_id"], unique=False)

    op.create_table(
        "coupons",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("code", sa.String(length=32), nullable=False),
        sa.Column("member_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True),
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("value_fen", sa.BigInteger(), nullable=False),
        sa.Column("rate", sa.String(length=16), nullable=False),
        sa.Column("min_spend_fen", sa.BigInteger(), nullable=False),
        sa.Column("valid_from", sa.String(length=10), nullable=False),
        sa.Column("valid_until", sa.String(length=10), nullable=False),
        sa.Column("stackable", sa.Boolean(), nullable=False),
        sa.Column("used_by_sale", sa.String(length=36), nullable=True),
        sa.Column("used_at_store", sa.String(length=16), nullable=True),
        sa.ForeignKeyConstraint(
            ["member_id"], ["members.id"], name=op.f("fk_coupons_member_id_members")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_coupons")),
        sa.UniqueConstraint("code", name=op.f("uq_coupons_code")),
    )
    with op.batch_alter_table("coupons", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_coupons_member_id"), ["member_id"], unique=False)

    op.create_table(
        "points_entries",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("event_id", sa.String(length=36), nullable=False),
        sa.Column(
            "member_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("kind", sa.String(length=24), nullable=False),
        sa.Column("delta", sa.BigInteger(), nullable=False),
        sa.Column("store_id", sa.String(length=16), nullable=False),
        sa.Column("created_at", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(
            ["member_id"], ["members.id"], name=op.f("fk_points_entries_member_id_members")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_points_entries")),
    )
    with op.batch_alter_table("points_entries", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_points_entries_event_id"), ["event_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_points_entries_member_id"), ["member_id"], unique=False
        )

    op.create_table(
        "sales",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("event_id", sa.String(length=36), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("store_id", sa.String(length=16), nullable=False),
        sa.Column("terminal_id", sa.String(length=16), nullable=False),
        sa.Column("receipt_no", sa.String(length=32), nullable=False),
        sa.Column("member_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True),
        sa.Column("card_number", sa.String(length=32), nullable=True),
        sa.Column("business_date", sa.String(length=10), nullable=False),
        sa.Column("total_fen", sa.BigInteger(), nullable=False),
        sa.Column("offline", sa.Boolean(), nullable=False),
        sa.Column("original_sale_id", sa.String(length=36), nullable=True),
        sa.ForeignKeyConstraint(
            ["member_id"], ["members.id"], name=op.f("fk_sales_member_id_members")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sales")),
        sa.UniqueConstraint("event_id", name=op.f("uq_sales_event_id")),
    )
    with op.batch_alter_table("sales", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_sales_business_date"), ["business_date"], unique=False)
        batch_op.create_index(batch_op.f("ix_sales_member_id"), ["member_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_sales_store_id"), ["store_id"], unique=False)

    op.create_table(
        "sv_entries",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("event_id", sa.String(length=36), nullable=False),
        sa.Column(
            "member_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("principal_delta_fen", sa.BigInteger(), nullable=False),
        sa.Column("bonus_delta_fen", sa.BigInteger(), nullable=False),
        sa.Column("store_id", sa.String(length=16), nullable=False),
        sa.Column("terminal_id", sa.String(length=16), nullable=False),
        sa.Column("business_date", sa.String(length=10), nullable=False),
        sa.Column("created_at", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(
            ["member_id"], ["members.id"], name=op.f("fk_sv_entries_member_id_members")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sv_entries")),
    )
    with op.batch_alter_table("sv_entries", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_sv_entries_event_id"), ["event_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_sv_entries_member_id"), ["member_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("sv_entries", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_sv_entries_member_id"))
        batch_op.drop_index(batch_op.f("ix_sv_entries_event_id"))

    op.drop_table("sv_entries")
    with op.batch_alter_table("sales", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_sales_store_id"))
        batch_op.drop_index(batch_op.f("ix_sales_member_id"))
        batch_op.drop_index(batch_op.f("ix_sales_business_date"))

    op.drop_table("sales")
    with op.batch_alter_table("points_entries", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_points_entries_member_id"))
        batch_op.drop_index(batch_op.f("ix_points_entries_event_id"))

    op.drop_table("points_entries")
    with op.batch_alter_table("coupons", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_coupons_member_id"))

    op.drop_table("coupons")
    with op.batch_alter_table("cards", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_cards_member_id"))

    op.drop_table("cards")
    op.drop_table("terminals")
    op.drop_table("members")
    op.drop_table("enrol_codes")
    op.drop_table("tiers")
    op.drop_table("stores")
    with op.batch_alter_table("review_items", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_review_items_kind"))

    op.drop_table("review_items")
    op.drop_table("programme_rules")
    op.drop_table("products")
    op.drop_table("id_blocks")
    with op.batch_alter_table("changes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_changes_seq"))

    op.drop_table("changes")
    op.drop_table("change_clock")
    with op.batch_alter_table("applied_events", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_applied_events_store_id"))

    op.drop_table("applied_events")
    op.drop_table("admin_log")
