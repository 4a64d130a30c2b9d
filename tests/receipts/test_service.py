"""The print service: off the caller's thread, failures queued and told, reprints at any time."""

from __future__ import annotations

import threading
from datetime import datetime
from pathlib import Path

import pytest

from drivers.printers import OutputFormat, PaperState, SimulatedPrinter
from pos_member.domain.errors import PrinterTimeout, UnknownReceipt
from pos_member.receipts.document import ReceiptDocument
from pos_member.receipts.reprint_queue import InMemoryReprintQueue, SqliteReprintQueue
from pos_member.receipts.service import GENERIC_FAILURE, PrintOutcome, PrintService

from .escpos_decode import decode, printed_lines
from .readback import pdf_text
from .samples import refund, sale

NOW = datetime(2026, 11, 23, 14, 30)


class Recorder:
    def __init__(self) -> None:
        self.outcomes: list[tuple[str, PrintOutcome]] = []
        self.threads: list[str] = []

    def __call__(self, outcome: PrintOutcome) -> None:
        self.outcomes.append(("called", outcome))
        self.threads.append(threading.current_thread().name)


def make(printer: SimulatedPrinter, **kw: object) -> tuple[PrintService, Recorder, Recorder]:
    failed, printed = Recorder(), Recorder()
    service = PrintService(
        printer,
        kw.pop("queue", InMemoryReprintQueue()),  # type: ignore[arg-type]
        on_failure=failed,
        on_printed=printed,
        clock=lambda: NOW,
        **kw,  # type: ignore[arg-type]
    )
    return service, failed, printed


def lines_of(job: bytes) -> str:
    return "\n".join(printed_lines(decode(job)))


def test_prints_on_the_printers_thread_not_the_callers() -> None:
    printer = SimulatedPrinter(name="front")
    service, failed, printed = make(printer)
    outcome = service.print_receipt(sale()).result(timeout=10)
    service.close()
    assert outcome == PrintOutcome("S01-20261123-0042", True)
    assert printed.threads and printed.threads[0].startswith("printer-front")
    assert printed.threads[0] != threading.current_thread().name
    assert failed.outcomes == []
    ((name, job),) = printer.jobs
    assert name == "S01-20261123-0042"
    assert "￥83.10" in lines_of(job)


def test_cash_sale_opens_the_drawer_other_tenders_do_not() -> None:
    printer = SimulatedPrinter()
    service, _, _ = make(printer)
    service.print_receipt(sale()).result(timeout=10)
    no_cash = sale()
    from dataclasses import replace

    from pos_member.receipts.document import Tender

    card_only = replace(
        no_cash, tenders=(Tender("储值", no_cash.total + no_cash.change),), change=no_cash.change
    )
    service.print_receipt(card_only).result(timeout=10)
    service.close()
    drawer = [[c for c in decode(job) if c.name == "drawer"] for _, job in printer.jobs]
    assert len(drawer[0]) == 1
    assert drawer[1] == []


def test_paper_out_queues_the_receipt_and_tells_the_cashier() -> None:
    printer = SimulatedPrinter(name="front", paper=PaperState.OUT)
    queue = InMemoryReprintQueue()
    service, failed, printed = make(printer, queue=queue)
    outcome = service.print_receipt(sale()).result(timeout=10)
    assert not outcome.printed
    assert outcome.error_code == "printer.paper_out"
    assert outcome.message == "Printer front is out of paper. Load a new roll, then reprint."
    assert [o.message for _, o in failed.outcomes] == [outcome.message]
    assert printed.outcomes == []
    entry = queue.get("S01-20261123-0042")
    assert entry is not None and entry.reason == outcome.message and entry.first_failed_at == NOW

    printer.paper = PaperState.OK  # the cashier loads a roll
    again = service.reprint("S01-20261123-0042").result(timeout=10)
    service.close()
    assert again.printed and not again.copy  # the original never came out
    assert queue.pending() == []
    ((_, job),) = printer.jobs
    assert "副本" not in lines_of(job)
    # Reprints never kick the drawer: the cash was handled at the sale.
    assert not [c for c in decode(job) if c.name == "drawer"]


def test_reprint_of_a_printed_receipt_is_a_copy() -> None:
    printer = SimulatedPrinter()
    service, _, _ = make(printer)
    service.print_receipt(refund()).result(timeout=10)
    outcome = service.reprint(refund().receipt_no).result(timeout=10)
    service.close()
    assert outcome.printed and outcome.copy
    assert "副本 COPY" in lines_of(printer.jobs[1][1])
    assert "副本" not in lines_of(printer.jobs[0][1])


def test_failed_copy_is_reported_but_not_queued() -> None:
    printer = SimulatedPrinter()
    queue = InMemoryReprintQueue()
    service, failed, _ = make(printer, queue=queue)
    service.print_receipt(sale()).result(timeout=10)
    printer.fail_next.append(PrinterTimeout(printer="front", seconds="3"))
    outcome = service.reprint(sale().receipt_no).result(timeout=10)
    service.close()
    assert not outcome.printed and outcome.copy
    assert queue.pending() == []
    assert failed.outcomes[-1][1].message == "Printer front did not answer within 3 seconds."


def test_unknown_receipt_reprint_says_so() -> None:
    service, failed, _ = make(SimulatedPrinter())
    outcome = service.reprint("NOPE-1").result(timeout=10)
    service.close()
    assert not outcome.printed
    assert outcome.message == UnknownReceipt(receipt_no="NOPE-1").message
    assert failed.outcomes[0][1].error_code == "receipt.unknown"


def test_loader_rebuilds_receipts_after_a_restart(tmp_path: Path) -> None:
    queue = SqliteReprintQueue(tmp_path / "t.db")
    broken = SimulatedPrinter(paper=PaperState.OUT)
    first, _, _ = make(broken, queue=queue)
    first.print_receipt(sale()).result(timeout=10)
    first.close()

    # A new service (the terminal restarted) knows receipts only through the loader.
    loaded: list[str] = []

    def loader(no: str) -> ReceiptDocument:
        loaded.append(no)
        return sale(no)

    good = SimulatedPrinter()
    second, _, _ = make(good, queue=queue, loader=loader)
    outcomes = [f.result(timeout=10) for f in second.retry_pending()]
    second.close()
    assert [o.printed for o in outcomes] == [True]
    assert loaded == ["S01-20261123-0042"]
    assert queue.pending() == []
    assert len(good.jobs) == 1


def test_a_bug_in_the_printer_is_kept_calm_and_the_receipt_queued(
    caplog: pytest.LogCaptureFixture,
) -> None:
    class Exploding(SimulatedPrinter):
        def print_job(self, data: bytes, job_name: str) -> None:
            raise RuntimeError("driver bug")

    queue = InMemoryReprintQueue()
    service, failed, _ = make(Exploding(), queue=queue)
    outcome = service.print_receipt(sale()).result(timeout=10)
    service.close()
    assert outcome.message == GENERIC_FAILURE
    assert queue.get(sale().receipt_no) is not None
    assert "driver bug" in caplog.text  # logged with its traceback, not shown to the cashier
    assert failed.outcomes


def test_a_failing_callback_does_not_break_printing(caplog: pytest.LogCaptureFixture) -> None:
    def bad(_: PrintOutcome) -> None:
        raise RuntimeError("slot bug")

    printer = SimulatedPrinter()
    service = PrintService(printer, InMemoryReprintQueue(), on_printed=bad)
    assert service.print_receipt(sale()).result(timeout=10).printed
    assert service.print_receipt(refund()).result(timeout=10).printed
    service.close()
    assert len(printer.jobs) == 2
    assert "slot bug" in caplog.text


@pytest.mark.integration
def test_pdf_printers_get_pdf(tmp_path: Path) -> None:
    printer = SimulatedPrinter(output=OutputFormat.PDF, columns=32)
    service, _, _ = make(printer)
    service.print_receipt(sale()).result(timeout=10)
    service.close()
    ((_, job),) = printer.jobs
    assert job.startswith(b"%PDF")
    pdf = tmp_path / "r.pdf"
    pdf.write_bytes(job)
    assert "83.10" in pdf_text(pdf)


@pytest.mark.integration
def test_a4_pdf_printer_gets_an_a4_pdf(tmp_path: Path) -> None:
    from drivers.printers import PdfPrinter

    from .readback import pdf_pages

    printer = PdfPrinter(tmp_path, paper="a4")
    service = PrintService(printer, InMemoryReprintQueue())
    assert service.print_receipt(sale()).result(timeout=10).printed
    service.close()
    ((w, h),) = pdf_pages(printer.path_for(sale().receipt_no))
    assert (round(w), round(h)) == (595, 842)
