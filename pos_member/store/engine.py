"""SQLite set-up for the terminal's database.

Production pragmas on every connection (WAL, ``synchronous=FULL``, foreign
keys, busy timeout) and explicit transaction control: the pysqlite driver's
own implicit BEGIN is switched off so that SQLAlchemy's ``begin`` event emits
our BEGIN. Writers start with ``BEGIN IMMEDIATE`` so that two processes queue
on the busy timeout instead of failing with "database is locked" when a
deferred reader tries to upgrade to a writer; readers use a plain BEGIN and,
thanks to WAL, never wait for writers.
"""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.pool import QueuePool

TESTED_IN = "tests/integration/test_concurrency.py"

log = logging.getLogger(__name__)

DEFAULT_BUSY_TIMEOUT_MS = 30_000


def _configure(engine: Engine, *, immediate: bool, busy_timeout_ms: int, synchronous: str) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: sqlite3.Connection, _record: Any) -> None:
        # Hand transaction control to the "begin" listener below.
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        try:
            cur.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
            cur.execute("PRAGMA journal_mode = WAL")
            cur.execute(f"PRAGMA synchronous = {synchronous}")
            cur.execute("PRAGMA foreign_keys = ON")
            cur.execute("PRAGMA temp_store = MEMORY")
            # What an update or delete frees is zeroed: no old name or phone lingers in
            # free pages (issue 18).
            cur.execute("PRAGMA secure_delete = ON")
        finally:
            cur.close()

    begin_sql = "BEGIN IMMEDIATE" if immediate else "BEGIN"

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        conn.exec_driver_sql(begin_sql)


def make_engine(
    path: Path | str,
    *,
    immediate: bool = True,
    busy_timeout_ms: int = DEFAULT_BUSY_TIMEOUT_MS,
    pool_size: int = 2,
    synchronous: str = "FULL",
) -> Engine:
    """An engine on the SQLite file ``path`` with the production pragmas.

    ``immediate=True`` makes every transaction begin with ``BEGIN IMMEDIATE``
    (the writer engine); ``False`` gives deferred read transactions.
    ``synchronous`` stays FULL in production; only the demo seed, which can
    simply be run again after a crash, lowers it for speed.
    """
    if synchronous not in ("FULL", "NORMAL", "OFF"):
        raise ValueError(f"synchronous must be FULL, NORMAL or OFF, not {synchronous!r}")
    filename = str(Path(path))

    def connect() -> sqlite3.Connection:
        # The file is opened by its name as it is: an engine URL would read ``?`` as the
        # start of options, ``#`` as a fragment and ``%20`` as a space.
        # The driver's own lock wait; busy_timeout pragma does the same job
        # but this also covers the connect-time journal_mode switch.
        return sqlite3.connect(filename, timeout=busy_timeout_ms / 1000, check_same_thread=False)

    engine = create_engine(
        "sqlite+pysqlite://",
        creator=connect,
        poolclass=QueuePool,
        pool_size=pool_size,
        max_overflow=4,
    )
    _configure(
        engine, immediate=immediate, busy_timeout_ms=busy_timeout_ms, synchronous=synchronous
    )
    return engine


def connect_raw(
    path: Path | str, busy_timeout_ms: int = DEFAULT_BUSY_TIMEOUT_MS
) -> sqlite3.Connection:
    """A bare sqlite3 connection with the same pragmas, in autocommit mode.

    For bulk loading (the demo seed), the store's hot read path and the
    benchmarks' baselines. Not tied to its creating thread, so that the store
    can close it; each thread still uses its own.
    """
    conn = sqlite3.connect(
        str(path),
        timeout=busy_timeout_ms / 1000,
        isolation_level=None,
        check_same_thread=False,
    )
    conn.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA secure_delete = ON")
    return conn
