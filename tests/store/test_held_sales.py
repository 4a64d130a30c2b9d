"""Migration 0103 adds ``held_sales`` to a till's database, keeping what it holds."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from alembic import command
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine

from pos_member.store import migrate
from pos_member.store.db import Store


def _at(path: Path, revision: str) -> None:
    engine = create_engine(f"sqlite:///{path}")
    cfg = migrate.alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)
    engine.dispose()


def _tables(path: Path) -> set[str]:
    raw = sqlite3.connect(path)
    try:
        return {r[0] for r in raw.execute("select name from sqlite_master where type='table'")}
    finally:
        raw.close()


def test_0103_follows_0102_in_a_chain_with_one_head() -> None:
    script = ScriptDirectory.from_config(migrate.alembic_config())
    rev = script.get_revision("0103")
    assert rev is not None and rev.down_revision == "0102"
    assert len(script.get_heads()) == 1


def test_an_existing_0102_database_gets_the_table_and_keeps_its_rows(tmp_path: Path) -> None:
    path = tmp_path / "till.db"
    _at(path, "0102")
    assert "held_sales" not in _tables(path)
    raw = sqlite3.connect(path)
    raw.execute(
        "INSERT INTO staff (id, name, role, pin_hash, failed_attempts, active) "
        "VALUES ('1001', '收银员', 'cashier', 'x', 0, 1)"
    )
    raw.execute("INSERT INTO sync_balances VALUES (7, 1000, 50, 300, 4)")
    raw.commit()
    raw.close()

    store = Store.open(path)
    try:
        assert migrate.current_revision(store.write_engine) == migrate.head_revision()
    finally:
        store.close()
    raw = sqlite3.connect(path)
    try:
        raw.execute("PRAGMA foreign_keys = ON")
        assert raw.execute("select id, name from staff").fetchall() == [("1001", "收银员")]
        assert raw.execute("select * from sync_balances").fetchall() == [(7, 1000, 50, 300, 4)]
        cols = [(r[1], r[2], r[3]) for r in raw.execute("pragma table_info(held_sales)")]
        assert cols == [
            ("sale_id", "VARCHAR(36)", 1), ("terminal_id", "VARCHAR(16)", 1),
            ("staff_id", "VARCHAR(16)", 1), ("member_id", "INTEGER", 0),
            ("draft", "JSON", 1), ("line_count", "INTEGER", 1),
            ("summary", "VARCHAR(160)", 1), ("created_at", "VARCHAR(32)", 1),
        ]  # fmt: skip
        plan = " ".join(
            str(r[-1])
            for r in raw.execute(
                "explain query plan select sale_id from held_sales where terminal_id = 'T01' "
                "order by created_at desc"
            )
        )
        assert "ix_held_sales_terminal_created" in plan
        # Screen state: rows go away on recall, no append-only trigger stops them.
        raw.execute("INSERT INTO held_sales VALUES ('s1', 'T01', '1001', NULL, '{}', 1, 'x', 't')")
        raw.execute("DELETE FROM held_sales")
        try:
            raw.execute(
                "INSERT INTO held_sales VALUES ('s2', 'T01', '1001', NULL, '{}', 0, 'x', 't')"
            )
            raise AssertionError("a held sale without lines was accepted")
        except sqlite3.IntegrityError as exc:
            assert "lines_positive" in str(exc)
        try:
            raw.execute(
                "INSERT INTO held_sales VALUES ('s3', 'T01', 'nobody', NULL, '{}', 1, 'x', 't')"
            )
            raise AssertionError("a held sale of unknown staff was accepted")
        except sqlite3.IntegrityError as exc:
            assert "FOREIGN KEY" in str(exc)
    finally:
        raw.close()


def test_0103_downgrades_to_0102(tmp_path: Path) -> None:
    path = tmp_path / "till.db"
    Store.open(path).close()
    assert "held_sales" in _tables(path)
    engine = create_engine(f"sqlite:///{path}")
    cfg = migrate.alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0102")
    engine.dispose()
    assert "held_sales" not in _tables(path)
    assert {"sync_balances", "sync_acks", "sales"} <= _tables(path)
