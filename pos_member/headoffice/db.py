"""Head office's database: engine per URL, Alembic migrations, transactions.

PostgreSQL (``postgresql+psycopg://``) in production; a SQLite file is the
embedded default for a one-machine demo, opened with the same production
pragmas as a terminal (WAL, ``synchronous=FULL``, foreign keys) and
``BEGIN IMMEDIATE`` writers, which also makes its change sequence commit-ordered.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from alembic.config import Config
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url

from pos_member.alembic_runner import MigrationFolder

TESTED_IN = "tests/headoffice/test_feed_dependencies.py"

MIGRATIONS = Path(__file__).with_name("migrations")


def make_engine(url: str, *, pool_size: int = 10) -> Engine:
    """An engine for ``url``; SQLite gets the terminal's production pragmas."""
    u = make_url(url)
    if u.get_backend_name() == "sqlite":
        engine = create_engine(
            url,
            connect_args={"timeout": 30, "check_same_thread": False},
            pool_size=pool_size,
            max_overflow=4,
        )

        @event.listens_for(engine, "connect")
        def _on_connect(dbapi_conn: sqlite3.Connection, _record: Any) -> None:
            dbapi_conn.isolation_level = None
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA busy_timeout = 30000")
            cur.execute("PRAGMA journal_mode = WAL")
            cur.execute("PRAGMA synchronous = FULL")
            cur.execute("PRAGMA foreign_keys = ON")
            cur.close()

        @event.listens_for(engine, "begin")
        def _on_begin(conn: Any) -> None:
            conn.exec_driver_sql("BEGIN IMMEDIATE")

        return engine
    # JIT compilation pays off for long analytical queries only; for our short statements
    # it added ~50 ms to a pull page whose estimated cost crossed jit_above_cost.
    return create_engine(
        url,
        pool_size=pool_size,
        max_overflow=pool_size,
        pool_pre_ping=True,
        connect_args={"options": "-c jit=off"},
    )


FOLDER = MigrationFolder(MIGRATIONS, "head-office")


def alembic_config() -> Config:
    return FOLDER.config()


def head_revision() -> str:
    return FOLDER.head()


def current_revision(engine: Engine) -> str | None:
    return FOLDER.current(engine)


def migrate(engine: Engine) -> None:
    """Bring the database to the newest schema (no-op when current)."""
    FOLDER.upgrade(engine)


def open_database(url: str, *, pool_size: int = 10) -> Engine:
    engine = make_engine(url, pool_size=pool_size)
    migrate(engine)
    return engine
