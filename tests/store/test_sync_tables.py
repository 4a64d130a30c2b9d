"""The sync client's tables come from the store's migration chain (0102), with one head."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from alembic import command
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine

from pos_member.store import migrate
from pos_member.store.db import Store
from pos_member.sync import local


def _columns(path: Path, table: str) -> list[tuple[str, str, int]]:
    raw = sqlite3.connect(path)
    try:
        return [(r[1], r[2], r[5]) for r in raw.execute(f"pragma table_info({table})")]
    finally:
        raw.close()


def test_the_chain_has_one_head_and_it_creates_the_sync_tables(tmp_path: Path) -> None:
    heads = ScriptDirectory.from_config(migrate.alembic_config()).get_heads()
    assert heads == [migrate.head_revision()]
    path = tmp_path / "fresh.db"
    Store.open(path).close()
    assert _columns(path, "sync_balances") == [
        ("member_id", "INTEGER", 1), ("sv_principal_fen", "BIGINT", 0),
        ("sv_bonus_fen", "BIGINT", 0), ("points", "BIGINT", 0), ("version", "BIGINT", 0),
    ]  # fmt: skip
    assert _columns(path, "sync_acks") == [
        ("event_id", "VARCHAR(36)", 1), ("member_id", "INTEGER", 2), ("version", "BIGINT", 0),
    ]  # fmt: skip


def test_a_database_whose_client_made_the_tables_keeps_its_rows(tmp_path: Path) -> None:
    """A terminal that synced under the old build: tables made outside the chain, at 0101."""
    path = tmp_path / "old.db"
    engine = create_engine(f"sqlite:///{path}")
    cfg = migrate.alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0101")
    with engine.begin() as conn:
        conn.exec_driver_sql(
            "CREATE TABLE sync_balances (member_id INTEGER PRIMARY KEY, sv_principal_fen BIGINT "
            "NOT NULL, sv_bonus_fen BIGINT NOT NULL, points BIGINT NOT NULL, version BIGINT "
            "NOT NULL)"
        )
        conn.exec_driver_sql("INSERT INTO sync_balances VALUES (7, 1000, 50, 300, 4)")
    engine.dispose()
    store = Store.open(path)
    try:
        assert migrate.current_revision(store.write_engine) == migrate.head_revision()
        local.ensure_tables(store.write_engine)  # both there now: no complaint
        with store.reading() as s:
            row = s.connection().exec_driver_sql("SELECT * FROM sync_balances").all()
            acks = s.connection().exec_driver_sql("SELECT count(*) FROM sync_acks").scalar()
        assert [tuple(r) for r in row] == [(7, 1000, 50, 300, 4)]
        assert acks == 0
    finally:
        store.close()


def test_a_database_not_opened_by_the_store_is_named_not_patched(tmp_path: Path) -> None:
    engine = create_engine(f"sqlite:///{tmp_path / 'bare.db'}")
    try:
        with pytest.raises(RuntimeError, match=r"sync_acks.*Store\.open"):
            local.ensure_tables(engine)
    finally:
        engine.dispose()
