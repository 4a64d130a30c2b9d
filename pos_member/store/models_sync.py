"""The sync client's own tables in the terminal database (schema owned by the store).

- ``sync_balances``: each member's last *confirmed* balances from head office
  (may be negative after an overdraft) and their ``version``.
- ``sync_acks``: for every acknowledged event that moved a member's balance,
  the member's balance version at head office once it was applied.

- ``offline_spend_member`` and ``offline_spend_terminal``: the stored value and
  points (at their cash value, fen) spent per member and per terminal per
  business day that no online hold of head office covers, kept by the
  checkout in the sale's transaction; the offline caps read one row of each
  (``pos_member.services.offline_caps``, migration 0112).

They are plain tables on the store's metadata so that Alembic (migration
0102) creates them with the rest of the schema; ``pos_member.sync.local``
reads and writes them.
"""

from __future__ import annotations

from sqlalchemy import BigInteger, Column, Integer, String, Table

from pos_member.store.models import Base

TESTED_IN = "tests/store/test_sync_tables.py"

sync_balances = Table(
    "sync_balances",
    Base.metadata,
    Column("member_id", Integer, primary_key=True),
    Column("sv_principal_fen", BigInteger, nullable=False),
    Column("sv_bonus_fen", BigInteger, nullable=False),
    Column("points", BigInteger, nullable=False),
    Column("version", BigInteger, nullable=False),
)

sync_acks = Table(
    "sync_acks",
    Base.metadata,
    Column("event_id", String(36), primary_key=True),
    Column("member_id", Integer, primary_key=True),
    Column("version", BigInteger, nullable=False),
)

offline_spend_member = Table(
    "offline_spend_member",
    Base.metadata,
    Column("member_id", Integer, primary_key=True),
    Column("business_date", String(10), primary_key=True),
    Column("spent_fen", BigInteger, nullable=False),
)

offline_spend_terminal = Table(
    "offline_spend_terminal",
    Base.metadata,
    Column("terminal_id", String(16), primary_key=True),
    Column("business_date", String(10), primary_key=True),
    Column("spent_fen", BigInteger, nullable=False),
)
