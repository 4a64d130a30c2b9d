"""The same tests on both reprint queues (memory and SQLite)."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable
from contextlib import closing
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from pos_member.receipts.reprint_queue import (
    InMemoryReprintQueue,
    ReprintQueue,
    SqliteReprintQueue,
)

T0 = datetime(2026, 11, 23, 14, 0, 0)


@pytest.fixture(params=["memory", "sqlite"])
def make_queue(request: pytest.FixtureRequest, tmp_path: Path) -> Callable[[], ReprintQueue]:
    if request.param == "memory":
        queue = InMemoryReprintQueue()
        return lambda: queue
    return lambda: SqliteReprintQueue(tmp_path / "terminal.db")


def add(q: ReprintQueue, no: str, at: datetime, reason: str = "Printer P is out of paper.") -> None:
    q.add(no, printer="P", error_code="printer.paper_out", reason=reason, at=at)


def test_add_get_remove(make_queue: Callable[[], ReprintQueue]) -> None:
    q = make_queue()
    assert q.get("S1") is None
    add(q, "S1", T0)
    entry = q.get("S1")
    assert entry is not None
    assert (entry.printer, entry.error_code, entry.attempts) == ("P", "printer.paper_out", 1)
    assert entry.first_failed_at == entry.last_failed_at == T0
    assert q.remove("S1") is True
    assert q.remove("S1") is False
    assert q.pending() == []


def test_repeated_failure_counts_attempts_and_keeps_first_time(
    make_queue: Callable[[], ReprintQueue],
) -> None:
    q = make_queue()
    add(q, "S1", T0)
    add(q, "S1", T0 + timedelta(minutes=5), reason="Printer P did not answer within 3 seconds.")
    entry = q.get("S1")
    assert entry is not None
    assert entry.attempts == 2
    assert entry.first_failed_at == T0
    assert entry.last_failed_at == T0 + timedelta(minutes=5)
    assert "did not answer" in entry.reason


def test_pending_is_oldest_first(make_queue: Callable[[], ReprintQueue]) -> None:
    q = make_queue()
    add(q, "S3", T0 + timedelta(seconds=30))
    add(q, "S1", T0)
    add(q, "S2", T0 + timedelta(seconds=10))
    assert [e.receipt_no for e in q.pending()] == ["S1", "S2", "S3"]


def test_concurrent_adds_lose_nothing(make_queue: Callable[[], ReprintQueue]) -> None:
    q = make_queue()

    def worker(k: int) -> None:
        for i in range(10):
            add(make_queue(), f"S{k}-{i}", T0 + timedelta(seconds=i))

    threads = [threading.Thread(target=worker, args=(k,)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(q.pending()) == 40


def test_sqlite_queue_survives_a_restart_and_uses_wal(tmp_path: Path) -> None:
    path = tmp_path / "terminal.db"
    add(SqliteReprintQueue(path), "S9", T0)
    again = SqliteReprintQueue(path)
    assert [e.receipt_no for e in again.pending()] == ["S9"]
    with closing(sqlite3.connect(path)) as db:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        cols = [r[1] for r in db.execute("PRAGMA table_info(receipt_reprint_queue)")]
    assert cols[0] == "receipt_no"
