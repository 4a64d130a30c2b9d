"""A receipt is owed from the moment its sale commits: the reprint queue row is written in
the sale's own transaction and goes once the receipt has printed.

Real SQLite files with the production pragmas (the receipts demo store), a real
network printer driver talking to a loopback printer, a child process killed with
SIGKILL mid-print, and a full database (SQLite's own "database or disk is full").

Run as ``python -m tests.receipts.test_receipt_owed child DB PORT`` for the child.
"""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event
from sqlalchemy.exc import OperationalError

from pos_member.domain.errors import DiskFull
from pos_member.domain.money import Money
from pos_member.domain.tenders import TenderKind, TenderRequest
from pos_member.receipts.reprint_queue import NOT_PRINTED, SqliteReprintQueue
from pos_member.receipts.service import PrintService
from pos_member.services import checkout as co
from pos_member.services import shifts
from pos_member.store.checks import problems
from tests.printers.loopback import LoopbackPrinter, Mode

from .store_fixtures import CASHIER, Till

ROOT = Path(__file__).resolve().parents[2]


def _rows(db: Path, sql: str, *params: object) -> list[tuple[Any, ...]]:
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def _owed(db: Path) -> dict[str, tuple[str, int]]:
    return {
        no: (code, attempts)
        for no, code, attempts in _rows(
            db, "select receipt_no, error_code, attempts from receipt_reprint_queue"
        )
    }


def test_a_committed_sale_owes_its_receipt_until_it_prints(till: Till) -> None:
    db = till.path
    assert _owed(db) == {}  # the demo's history printed on its day
    done = till.sell()
    assert _owed(db) == {done.receipt_no: (NOT_PRINTED, 0)}
    queue = SqliteReprintQueue(db)
    (entry,) = queue.pending()
    assert (entry.receipt_no, entry.attempts, entry.printer) == (done.receipt_no, 0, "")

    with LoopbackPrinter(Mode.GOOD) as good:
        from drivers.printers import NetworkPrinter

        service = PrintService(
            NetworkPrinter("127.0.0.1", good.port, name="front", timeout=5.0),
            queue,
            loader=till.builder.build,
        )
        # Not a copy: the original never came out.
        outcome = service.reprint(done.receipt_no).result(timeout=30)
        service.close()
    assert outcome.printed and not outcome.copy
    assert _owed(db) == {}


def test_a_failed_print_counts_its_attempt_on_the_owed_row(till: Till) -> None:
    from drivers.printers import NetworkPrinter
    from tests.printers.loopback import free_port

    done = till.sell()
    queue = SqliteReprintQueue(till.path)
    service = PrintService(
        NetworkPrinter("127.0.0.1", free_port(), name="front", timeout=1.0), queue
    )
    outcome = service.print_receipt(till.builder.build(done.receipt_no)).result(timeout=30)
    service.close()
    assert not outcome.printed
    (entry,) = queue.pending()
    assert (entry.receipt_no, entry.printer, entry.attempts) == (done.receipt_no, "front", 1)
    assert entry.error_code == outcome.error_code != NOT_PRINTED


def _child(db: str, port: int) -> None:
    """Sell once, then print the receipt to the printer at ``port`` as the app does."""
    from datetime import UTC, datetime

    from drivers.printers import NetworkPrinter
    from pos_member.receipts.build import ReceiptBuilder
    from pos_member.services.context import Context
    from pos_member.settings import Settings
    from pos_member.store.db import Store

    from .store_fixtures import SETTINGS

    path = Path(db)
    store = Store.open(path)
    ctx = Context(store, Settings(db_path=path, terminal_id="T01"), lambda: datetime.now(UTC))
    conn = sqlite3.connect(path)
    codes = [r[0] for r in conn.execute(
        "select barcode from products where barcode is not null and weighed = 0"
        " and count_card_plan is null order by id limit 3")]  # fmt: skip
    conn.close()
    shifts.open_shift(ctx, CASHIER, Money(0))
    draft = co.CheckoutRequest(co.new_sale_id(), CASHIER, tuple(co.LineRequest(c) for c in codes))
    due = co.quote(ctx, draft).amount_due
    done = co.checkout(ctx, replace(draft, tenders=(TenderRequest(TenderKind.CASH, due),)))
    builder = ReceiptBuilder(ctx, SETTINGS)
    service = PrintService(
        NetworkPrinter("127.0.0.1", port, name="front", timeout=120.0),
        SqliteReprintQueue(path),
        loader=builder.build,
    )
    print(done.receipt_no, flush=True)
    service.print_receipt(builder.build(done.receipt_no)).result()


@pytest.mark.integration
def test_a_till_killed_mid_print_still_owes_the_receipt(demo_db: Path) -> None:
    with LoopbackPrinter(Mode.SILENT_AFTER_JOB_STARTS) as stalled:
        child = subprocess.Popen(
            [sys.executable, "-m", "tests.receipts.test_receipt_owed", "child", str(demo_db),
             str(stalled.port)],
            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )  # fmt: skip
        try:
            assert child.stdout is not None
            receipt_no = child.stdout.readline().strip()
            assert receipt_no, child.stderr.read() if child.stderr else "no receipt"
            # Wait until the job is on the wire (ESC @ starts it), then pull the plug.
            deadline = time.monotonic() + 60
            while not any(b"\x1b@" in bytes(c) for c in stalled.connections):
                assert child.poll() is None, child.stderr.read() if child.stderr else ""
                assert time.monotonic() < deadline, "the print job never started"
                time.sleep(0.02)
            child.send_signal(signal.SIGKILL)
            child.wait(timeout=30)
        finally:
            if child.poll() is None:
                child.kill()
                child.wait(timeout=30)
            for stream in (child.stdout, child.stderr):
                if stream is not None:
                    stream.close()
    assert child.returncode == -signal.SIGKILL
    assert _rows(demo_db, "select count(*) from sales where receipt_no = ?", receipt_no) == [(1,)]
    assert _owed(demo_db) == {receipt_no: (NOT_PRINTED, 0)}
    # After the restart the cashier sees it waiting, and it prints as the original.
    (entry,) = SqliteReprintQueue(demo_db).pending()
    assert entry.receipt_no == receipt_no


def test_on_a_full_disk_the_sale_and_its_owed_receipt_commit_together(till: Till) -> None:
    """The database may grow by only a few pages: each sale commits with its queue row or
    neither is there; both outcomes must have happened for the test to prove anything."""
    db = till.path
    engine = till.ctx.store.write_engine
    limit = {"pages": 0}

    @event.listens_for(engine, "connect")
    def _cap(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.execute(f"PRAGMA max_page_count = {limit['pages']}")

    baseline = _rows(db, "select receipt_no from sales")
    refused = committed = 0
    for step in range(120):
        # No page to spare, or one or two: sales fill the pages there are, then need more.
        limit["pages"] = _rows(db, "pragma page_count")[0][0] + step % 3
        engine.dispose()  # new connections carry the new cap
        try:
            till.sell(codes=till.product_codes(6))
            committed += 1
        except (OperationalError, DiskFull) as exc:  # DiskFull: the store names the cause
            assert "full" in str(exc)
            refused += 1
        sales = {r[0] for r in _rows(db, "select receipt_no from sales")} - {r[0] for r in baseline}
        assert set(_owed(db)) == sales
        if refused >= 5 and committed >= 5:
            break
    conn = sqlite3.connect(db)
    try:
        assert problems(conn) == []
    finally:
        conn.close()
    event.remove(engine, "connect", _cap)
    assert refused and committed, (refused, committed)


if __name__ == "__main__" and sys.argv[1:2] == ["child"]:
    _child(sys.argv[2], int(sys.argv[3]))
