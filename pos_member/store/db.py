"""The terminal's store: engines, session factories and the unit of work.

``Store.open(path)`` creates the file if needed and applies pending Alembic
migrations. ``store.unit_of_work()`` is one user action: a session whose
transaction began with ``BEGIN IMMEDIATE`` and commits on a clean exit or
rolls back on any exception. ``store.reading()`` is a read-only session on a
separate engine whose transactions begin deferred, so reports and lookups
never hold the write lock.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, Table, insert
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from pos_member.domain.errors import StoreNewerSchema
from pos_member.sealing import Sealer
from pos_member.store import chain, migrate, pii
from pos_member.store.engine import DEFAULT_BUSY_TIMEOUT_MS, connect_raw, make_engine
from pos_member.store.files import explain, inspect_file
from pos_member.store.models import AuditEntry, OutboxEvent

TESTED_IN = "tests/store/test_files.py"

AUDIT: Table = AuditEntry.__table__  # type: ignore[assignment]
OUTBOX: Table = OutboxEvent.__table__  # type: ignore[assignment]

log = logging.getLogger(__name__)


class UnitOfWork:
    """One user action's transaction, with helpers for the audit log and outbox."""

    def __init__(
        self, session: Session, terminal_id: str, now: str, sealer: Sealer | None = None
    ) -> None:
        self.session = session
        self.terminal_id = terminal_id
        self.now = now
        self.sealer = sealer

    def audit(
        self,
        action: str,
        *,
        staff_id: str | None,
        approved_by: str | None = None,
        subject: str | None = None,
        event_id: str | None = None,
        detail: dict[str, Any] | None = None,
    ) -> None:
        self.session.execute(
            insert(AUDIT),
            [
                {
                    "at": self.now,
                    "terminal_id": self.terminal_id,
                    "staff_id": staff_id,
                    "approved_by": approved_by,
                    "action": action,
                    "subject": subject,
                    "event_id": event_id,
                    "detail": detail or {},
                }
            ],
        )

    def outbox(self, kind: str, payload: dict[str, Any], event_id: str | None = None) -> str:
        """Queue an event for head office; returns its UUID.

        Its personal fields (names, phones, contacts) are kept sealed in the file until
        the push opens them (``store.pii.seal_payload``)."""
        eid = event_id or str(uuid.uuid4())
        sealer = self.sealer or pii.sealer_of(self.session.connection())
        payload = pii.seal_payload(sealer, payload)
        self.session.execute(
            insert(OUTBOX),
            [
                {
                    "id": eid,
                    "kind": kind,
                    "payload": payload,
                    "created_at": self.now,
                    "sent_at": None,
                    "attempts": 0,
                    "last_error": None,
                }
            ],
        )
        return eid


class Store:
    """A terminal database file with its writer and reader engines."""

    def __init__(
        self,
        path: Path,
        *,
        busy_timeout_ms: int = DEFAULT_BUSY_TIMEOUT_MS,
        synchronous: str = "FULL",
    ) -> None:
        self.path = Path(path)
        self.write_engine: Engine = make_engine(
            self.path,
            immediate=True,
            busy_timeout_ms=busy_timeout_ms,
            pool_size=1,
            synchronous=synchronous,
        )
        self.read_engine: Engine = make_engine(
            self.path,
            immediate=False,
            busy_timeout_ms=busy_timeout_ms,
            pool_size=2,
            synchronous=synchronous,
        )
        chain.install(self.write_engine)
        self._busy_timeout_ms = busy_timeout_ms
        self._local = threading.local()
        self._raw_lock = threading.Lock()
        self._raw_conns: list[sqlite3.Connection] = []
        self._writer = sessionmaker(self.write_engine, expire_on_commit=False)
        self._reader = sessionmaker(self.read_engine, expire_on_commit=False)

    @classmethod
    def open(
        cls,
        path: Path | str,
        *,
        busy_timeout_ms: int = DEFAULT_BUSY_TIMEOUT_MS,
        synchronous: str = "FULL",
        create: bool = True,
    ) -> Store:
        """Open and migrate the database at ``path``; create it if missing and ``create``.

        A file that is missing (when not ``create``, or with its journal left
        beside it), empty, not a database, damaged, read-only, locked, or
        migrated by a newer version of the app is refused with a ``StoreError``
        that names it (``store.files``).
        """
        p = Path(path)
        inspect_file(p, create=create)
        p.parent.mkdir(parents=True, exist_ok=True)
        store = cls(p, busy_timeout_ms=busy_timeout_ms, synchronous=synchronous)
        try:
            if migrate.is_newer(migrate.current_revision(store.write_engine)):
                raise StoreNewerSchema(path=str(p))
            migrate.upgrade(store.write_engine)
            # Connections opened before the migration lack the chain's TEMP triggers.
            store.write_engine.dispose()
            store._vacuum_if_pending()
        except BaseException as exc:
            store.close()
            problem = explain(exc, p)
            if problem is None or problem is exc:
                raise
            raise problem from exc
        return store

    @property
    def sealer(self) -> Sealer:
        """The data key beside this file (``store.pii``): seals and blind-indexes members'
        names and phones."""
        return pii.sealer_at(self.path)

    def _vacuum_if_pending(self) -> None:
        """Once after migration 0121: rebuild the file and empty the WAL, so the plain
        names and phones it rewrote leave no page behind."""
        conn = connect_raw(self.path, self._busy_timeout_ms)
        try:
            row = conn.execute(
                "SELECT value FROM terminal_state WHERE key = 'pii.vacuum_pending'"
            ).fetchone()
            if row is None:
                return
            conn.execute("DELETE FROM terminal_state WHERE key = 'pii.vacuum_pending'")
            conn.execute("VACUUM")
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            log.info("database rebuilt after sealing members' personal data")
        finally:
            conn.close()

    def empty_wal(self) -> bool:
        """Copy the WAL into the file and truncate it (after an erasure: the old page
        images there still hold the member's sealed data). True when it was emptied; a
        reader holding an old snapshot keeps it for the next time (logged, not raised)."""
        conn = connect_raw(self.path, self._busy_timeout_ms)
        try:
            busy, _frames, _done = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        finally:
            conn.close()
        if busy:
            log.warning("the WAL could not be emptied yet (a reader holds it): next pull")
        return not busy

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A write session in one BEGIN IMMEDIATE transaction: commit or roll back.

        A failure of the file itself (locked, read-only, disk full, damaged)
        comes out as the ``StoreError`` that says so.
        """
        try:
            with self._writer() as session, session.begin():
                yield session
        except (DBAPIError, sqlite3.Error, OSError) as exc:
            self._explain(exc)
            raise

    @contextmanager
    def unit_of_work(self, terminal_id: str, now: str) -> Iterator[UnitOfWork]:
        with self.session() as session:
            yield UnitOfWork(session, terminal_id, now, self.sealer)

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A read-only session; anything written is rolled back."""
        try:
            with self._reader() as session:
                try:
                    yield session
                finally:
                    session.rollback()
        except (DBAPIError, sqlite3.Error, OSError) as exc:
            self._explain(exc)
            raise

    def _explain(self, exc: BaseException) -> None:
        """Raise the ``StoreError`` naming the cause of ``exc``, if it is about the file."""
        problem = explain(exc, self.path)
        if problem is not None and problem is not exc:
            raise problem from exc

    def raw_reader(self) -> sqlite3.Connection:
        """This thread's plain sqlite3 connection for hot exact lookups (read only).

        In autocommit mode each SELECT reads one consistent WAL snapshot; no
        session, no pool, no BEGIN: the member lookup at the counter stays
        within a small factor of a bare indexed SELECT.
        """
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is None:
            conn = connect_raw(self.path, self._busy_timeout_ms)
            conn.execute("PRAGMA query_only = ON")
            self._local.conn = conn
            with self._raw_lock:
                self._raw_conns.append(conn)
        return conn

    def close(self) -> None:
        with self._raw_lock:
            for conn in self._raw_conns:
                conn.close()
            self._raw_conns.clear()
        self._local = threading.local()
        self.write_engine.dispose()
        self.read_engine.dispose()
