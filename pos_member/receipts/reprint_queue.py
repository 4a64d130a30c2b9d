"""Receipts owed to a customer: not printed yet, or waiting for a reprint after a failure.

A ``ReprintQueue`` remembers, by receipt number, which receipts did not come
out of the printer (yet) and why; the cashier reprints them when the printer
is back. A receipt is owed from the moment its sale commits: checkout, refund
and recharge call ``owe_receipt`` inside their own transaction (``attempts``
0, ``error_code`` ``NOT_PRINTED``), so a till killed mid-print or a failed
queue write after the sale can no longer lose it; the print service removes
the row once the receipt has printed and counts an attempt when it fails.

Two implementations: in memory (tests, demo) and SQLite, the store's
``receipt_reprint_queue`` table (migration 0108), read with plain
``sqlite3`` on short connections of its own.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import Protocol

from pos_member.store.receipts_owed import NOT_PRINTED, owe_receipt

__all__ = ["NOT_PRINTED", "owe_receipt"]  # where the print service and tests read them


@dataclass(frozen=True, slots=True)
class ReprintEntry:
    receipt_no: str
    printer: str  # "" until a printer tried it
    error_code: str  # NOT_PRINTED until a print failed
    reason: str  # the person-readable message the cashier saw ("" while not tried)
    first_failed_at: datetime  # when the receipt became owed (its sale) or first failed
    last_failed_at: datetime
    attempts: int = 1  # failed prints; 0 for a receipt not tried yet


class ReprintQueue(Protocol):
    def add(
        self, receipt_no: str, *, printer: str, error_code: str, reason: str, at: datetime
    ) -> ReprintEntry:
        """Record a failed print; a receipt already waiting has its attempts counted up."""
        ...

    def remove(self, receipt_no: str) -> bool:
        """Forget ``receipt_no`` (it printed); False if it was not waiting."""
        ...

    def get(self, receipt_no: str) -> ReprintEntry | None: ...

    def pending(self) -> list[ReprintEntry]:
        """Waiting receipts, oldest failure first."""
        ...


class InMemoryReprintQueue:
    def __init__(self) -> None:
        self._entries: dict[str, ReprintEntry] = {}
        self._lock = threading.Lock()

    def add(
        self, receipt_no: str, *, printer: str, error_code: str, reason: str, at: datetime
    ) -> ReprintEntry:
        with self._lock:
            old = self._entries.get(receipt_no)
            if old is None:
                entry = ReprintEntry(receipt_no, printer, error_code, reason, at, at)
            else:
                entry = replace(
                    old,
                    printer=printer,
                    error_code=error_code,
                    reason=reason,
                    last_failed_at=at,
                    attempts=old.attempts + 1,
                )
            self._entries[receipt_no] = entry
            return entry

    def remove(self, receipt_no: str) -> bool:
        with self._lock:
            return self._entries.pop(receipt_no, None) is not None

    def get(self, receipt_no: str) -> ReprintEntry | None:
        with self._lock:
            return self._entries.get(receipt_no)

    def pending(self) -> list[ReprintEntry]:
        with self._lock:
            return sorted(self._entries.values(), key=lambda e: (e.first_failed_at, e.receipt_no))


_SCHEMA = """
CREATE TABLE IF NOT EXISTS receipt_reprint_queue (
    receipt_no      VARCHAR(32) NOT NULL,
    printer         VARCHAR(64) NOT NULL,
    error_code      VARCHAR(48) NOT NULL,
    reason          TEXT NOT NULL,
    first_failed_at VARCHAR(40) NOT NULL,
    last_failed_at  VARCHAR(40) NOT NULL,
    attempts        INTEGER NOT NULL,
    CONSTRAINT ck_receipt_reprint_queue_attempts_not_negative CHECK (attempts >= 0),
    CONSTRAINT pk_receipt_reprint_queue PRIMARY KEY (receipt_no)
)
"""


class SqliteReprintQueue:
    """The queue in a SQLite file: the terminal's database (its table is migration 0108's;
    the same schema is created in any other file, for tests).

    One short connection per call: the print worker and the GUI's database
    worker may both use the queue, and sqlite3 connections are not shared
    across threads.
    """

    def __init__(self, path: str | Path, *, busy_timeout_ms: int = 5000) -> None:
        self.path = Path(path)
        self.busy_timeout_ms = busy_timeout_ms
        with self._connect() as db:
            db.execute(_SCHEMA)

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        db = sqlite3.connect(self.path, isolation_level=None)
        try:
            db.execute(f"PRAGMA busy_timeout = {int(self.busy_timeout_ms)}")
            db.execute("PRAGMA journal_mode = WAL")
            db.execute("PRAGMA synchronous = FULL")
            yield db
        finally:
            db.close()

    def add(
        self, receipt_no: str, *, printer: str, error_code: str, reason: str, at: datetime
    ) -> ReprintEntry:
        stamp = at.isoformat()
        with self._connect() as db:
            db.execute("BEGIN IMMEDIATE")
            try:
                db.execute(
                    """
                    INSERT INTO receipt_reprint_queue
                        (receipt_no, printer, error_code, reason, first_failed_at, last_failed_at,
                         attempts)
                    VALUES (?, ?, ?, ?, ?, ?, 1)
                    ON CONFLICT (receipt_no) DO UPDATE SET
                        printer = excluded.printer,
                        error_code = excluded.error_code,
                        reason = excluded.reason,
                        last_failed_at = excluded.last_failed_at,
                        attempts = attempts + 1
                    """,
                    (receipt_no, printer, error_code, reason, stamp, stamp),
                )
                row = db.execute(_SELECT + " WHERE receipt_no = ?", (receipt_no,)).fetchone()
                db.execute("COMMIT")
            except BaseException:
                db.execute("ROLLBACK")
                raise
        return _entry(row)

    def remove(self, receipt_no: str) -> bool:
        with self._connect() as db:
            cur = db.execute(
                "DELETE FROM receipt_reprint_queue WHERE receipt_no = ?", (receipt_no,)
            )
            return cur.rowcount > 0

    def get(self, receipt_no: str) -> ReprintEntry | None:
        with self._connect() as db:
            row = db.execute(_SELECT + " WHERE receipt_no = ?", (receipt_no,)).fetchone()
        return None if row is None else _entry(row)

    def pending(self) -> list[ReprintEntry]:
        with self._connect() as db:
            rows = db.execute(_SELECT + " ORDER BY first_failed_at, receipt_no").fetchall()
        return [_entry(r) for r in rows]


_SELECT = (
    "SELECT receipt_no, printer, error_code, reason, first_failed_at, last_failed_at, attempts "
    "FROM receipt_reprint_queue"
)


def _entry(row: tuple[str, str, str, str, str, str, int]) -> ReprintEntry:
    return ReprintEntry(
        receipt_no=row[0],
        printer=row[1],
        error_code=row[2],
        reason=row[3],
        first_failed_at=datetime.fromisoformat(row[4]),
        last_failed_at=datetime.fromisoformat(row[5]),
        attempts=row[6],
    )
