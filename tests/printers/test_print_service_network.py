"""The whole path: a sale's receipt to a network printer that fails, the queue, a later reprint."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
from receipts.escpos_decode import decode, printed_lines
from receipts.samples import big_sale, sale

from drivers.printers import NetworkPrinter
from pos_member.receipts.reprint_queue import SqliteReprintQueue
from pos_member.receipts.service import PrintOutcome, PrintService

from .loopback import LoopbackPrinter, Mode

TIMEOUT = 1.0


@pytest.mark.parametrize(
    ("mode", "code", "message"),
    [
        (Mode.DROP_MID_JOB, "printer.disconnected", "dropped the connection while printing"),
        (Mode.SILENT, "printer.timeout", "did not answer within 1 seconds"),
        (Mode.PAPER_OUT, "printer.paper_out", "is out of paper"),
    ],
)
def test_failed_print_waits_in_the_queue_and_a_later_reprint_succeeds(
    tmp_path: Path, mode: Mode, code: str, message: str
) -> None:
    queue = SqliteReprintQueue(tmp_path / "terminal.db")
    told: list[PrintOutcome] = []
    doc = big_sale()

    with LoopbackPrinter(mode) as bad:
        service = PrintService(
            NetworkPrinter("127.0.0.1", bad.port, name="front", timeout=TIMEOUT),
            queue,
            on_failure=told.append,
        )
        started = time.monotonic()
        future = service.print_receipt(doc)
        returned_after = time.monotonic() - started
        outcome = future.result(timeout=TIMEOUT + 5)
        service.close()
    assert returned_after < 0.5  # the caller (the GUI) is never held up by the printer
    assert not outcome.printed and outcome.error_code == code
    assert message in outcome.message
    assert [o.receipt_no for o in told] == [doc.receipt_no]
    (entry,) = queue.pending()
    assert (entry.receipt_no, entry.printer, entry.error_code) == (doc.receipt_no, "front", code)

    # Later (paper loaded, printer rebooted): reprint by number on a good printer.
    with LoopbackPrinter(Mode.GOOD) as good:
        again = PrintService(
            NetworkPrinter("127.0.0.1", good.port, name="front", timeout=TIMEOUT),
            queue,
            loader=lambda no: big_sale(receipt_no=no),
        )
        result = again.reprint(doc.receipt_no).result(timeout=TIMEOUT + 5)
        again.close()
        (received,) = good.connections
    assert result.printed and not result.copy
    assert queue.pending() == []
    lines = printed_lines(decode(bytes(received)))
    assert doc.receipt_no in "\n".join(lines)
    assert "商品049" in "\n".join(lines)


def test_several_sales_in_a_row_print_one_at_a_time_in_order(tmp_path: Path) -> None:
    queue = SqliteReprintQueue(tmp_path / "terminal.db")
    with LoopbackPrinter(Mode.GOOD) as good:
        service = PrintService(
            NetworkPrinter("127.0.0.1", good.port, name="front", timeout=TIMEOUT), queue
        )
        numbers = [f"S01-20261123-{i:04d}" for i in range(5)]
        futures = [service.print_receipt(sale(no)) for no in numbers]
        assert all(f.result(timeout=10).printed for f in futures)
        service.close()
        printed = [
            next(line for line in printed_lines(decode(bytes(c))) if line.startswith("单号"))
            for c in good.connections
        ]
    assert [p.split()[-1] for p in printed] == numbers
    assert threading.active_count() < 50
