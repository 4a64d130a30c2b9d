"""The database opens with production pragmas, migrates itself, and matches the models."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import text

from pos_member.store import migrate
from pos_member.store.db import Store
from pos_member.store.models import Base


def test_open_creates_and_migrates_to_head(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "t.db"
    store = Store.open(path)
    try:
        assert migrate.current_revision(store.write_engine) == migrate.head_revision()
    finally:
        store.close()
    # Reopening an up-to-date database changes nothing.
    store = Store.open(path)
    store.close()
    raw = sqlite3.connect(path)
    assert raw.execute("select version_num from alembic_version").fetchall() == [
        (migrate.head_revision(),)
    ]
    raw.close()


def test_migrations_match_models(store: Store) -> None:
    with store.write_engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert diff == []


def test_production_pragmas_on_both_engines(store: Store) -> None:
    for engine in (store.write_engine, store.read_engine):
        with engine.connect() as conn:
            assert conn.execute(text("pragma journal_mode")).scalar() == "wal"
            assert conn.execute(text("pragma synchronous")).scalar() == 2  # FULL
            assert conn.execute(text("pragma foreign_keys")).scalar() == 1
            assert conn.execute(text("pragma busy_timeout")).scalar() == 5_000


def test_writer_holds_the_reserved_lock_from_begin(store: Store) -> None:
    # BEGIN IMMEDIATE takes the write lock at once: a second writer cannot
    # begin until the first ends, even before the first has written anything.
    other = sqlite3.connect(store.path, timeout=0, isolation_level=None)
    with store.session() as session:
        session.execute(text("select 1"))
        try:
            other.execute("BEGIN IMMEDIATE")
            raise AssertionError("second writer began while the first held the lock")
        except sqlite3.OperationalError as exc:
            assert "locked" in str(exc)
    other.execute("BEGIN IMMEDIATE")
    other.execute("ROLLBACK")
    other.close()


def test_phone_card_number_and_uid_lookups_use_indexes(store: Store) -> None:
    with store.reading() as session:
        for sql in (
            "select id from members where phone_index = 'a1b2c3d4e5f6a7b8c9d0'",
            "select id from members where phone_last4 = '8000'",
            "select member_id from cards where number = '8800000000000018'",
            "select member_id from cards where uid = '04A1B2C3'",
            "select id from products where barcode = '6901234567892'",
        ):
            plan = " ".join(
                str(row[-1]) for row in session.execute(text("explain query plan " + sql))
            )
            assert "USING" in plan and "INDEX" in plan, (sql, plan)


def test_ledgers_and_sales_refuse_update_and_delete(store: Store) -> None:
    raw = sqlite3.connect(store.path, isolation_level=None)
    try:
        raw.execute("PRAGMA foreign_keys = ON")
        raw.execute(
            "INSERT INTO audit_log (at, terminal_id, action, detail) VALUES ('t', 'T01', 'x', '{}')"
        )
        for sql in ("UPDATE audit_log SET action = 'y'", "DELETE FROM audit_log"):
            try:
                raw.execute(sql)
                raise AssertionError(f"{sql} was allowed")
            except sqlite3.IntegrityError as exc:
                assert "append-only" in str(exc)
        assert raw.execute("SELECT action FROM audit_log").fetchall() == [("x",)]
        names = {r[0] for r in raw.execute("SELECT name FROM sqlite_master WHERE type='trigger'")}
        for table in ("stored_value_entries", "points_entries", "sales", "tenders"):
            assert {f"{table}_no_update", f"{table}_no_delete"} <= names
    finally:
        raw.close()
