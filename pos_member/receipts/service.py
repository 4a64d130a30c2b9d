"""Printing receipts without ever blocking or losing a sale.

The checkout commits the sale, and with it the receipt's row in the reprint
queue (a receipt is owed from the commit: ``reprint_queue.owe_receipt``), then
hands the receipt to ``PrintService.print_receipt``, which returns at once:
rendering and printing run on the printer's own worker thread. A receipt that
printed is removed from the queue; a print that fails (timeout, refused or
dropped connection, paper out, cover open) counts its attempt and reason in
the queue and calls ``on_failure`` with a message the cashier can act on;
``reprint(receipt_no)`` prints any receipt again at any time. A till killed
mid-print still has the receipt in the queue when it starts again.

The printer is anything with the ``ReceiptPrinter`` shape (drivers/printers);
this module only relies on that shape, so the core does not import drivers.
"""

from __future__ import annotations

import logging
import threading
from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Protocol

from pos_member.domain.errors import PrinterError, UnknownReceipt, UserFacingError
from pos_member.receipts.document import ReceiptDocument
from pos_member.receipts.escpos import EscposOptions, drawer_pulse, render_escpos
from pos_member.receipts.pdf import Paper, render_pdf
from pos_member.receipts.reprint_queue import ReprintQueue

log = logging.getLogger(__name__)

GENERIC_FAILURE = "The printer failed unexpectedly; the receipt waits in the reprint queue."


class PrintFailedUnexpectedly(PrinterError):
    """A bug while printing (logged with its traceback), said calmly."""

    code = "printer.unexpected"
    template = GENERIC_FAILURE


_CACHE_SIZE = 500


class PrinterPort(Protocol):
    """What the service needs of a printer (drivers.printers.ReceiptPrinter has this shape)."""

    name: str
    columns: int

    @property
    def output(self) -> str: ...

    def print_job(self, data: bytes, job_name: str) -> None: ...


@dataclass(frozen=True, slots=True)
class PrintOutcome:
    receipt_no: str
    printed: bool
    message: str = ""  # person-readable (English), empty when printed
    error_code: str = ""
    copy: bool = False
    problem: UserFacingError | None = field(default=None, compare=False)  # shown translated


FailureCallback = Callable[[PrintOutcome], None]

#: The job name of a drawer kick without a receipt (the printer's job list shows it).
DRAWER_JOB = "drawer"
DocumentLoader = Callable[[str], ReceiptDocument]


class PrintService:
    """One per printer; owns that printer's worker thread.

    ``on_failure`` and ``on_printed`` are called on the printer's thread: a GUI
    turns them into signals. ``loader`` rebuilds a receipt from the store by
    its number (for reprints after a restart); without it, only receipts this
    service has seen can be reprinted.
    """

    def __init__(
        self,
        printer: PrinterPort,
        queue: ReprintQueue,
        *,
        loader: DocumentLoader | None = None,
        on_failure: FailureCallback | None = None,
        on_printed: FailureCallback | None = None,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        escpos_options: EscposOptions | None = None,
        pdf_paper: Paper | None = None,
        open_drawer_for_cash: bool = True,
    ) -> None:
        self.printer = printer
        self.queue = queue
        self.loader = loader
        self.on_failure = on_failure
        self.on_printed = on_printed
        self.clock = clock
        self.escpos_options = escpos_options or EscposOptions(columns=printer.columns)
        # PDF printers name their paper ("80mm", "58mm", "a4"); otherwise go by the columns.
        named = getattr(printer, "paper", None)
        default_paper = Paper.ROLL_58 if printer.columns <= 32 else Paper.ROLL_80
        self.pdf_paper = pdf_paper or (Paper(named) if named in set(Paper) else default_paper)
        self.open_drawer_for_cash = open_drawer_for_cash
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix=f"printer-{printer.name}")
        self._recent: OrderedDict[str, ReceiptDocument] = OrderedDict()
        self._lock = threading.Lock()

    # public ---------------------------------------------------------------
    def print_receipt(self, doc: ReceiptDocument) -> Future[PrintOutcome]:
        """Queue ``doc`` for printing; returns at once. The future never raises."""
        self._remember(doc)
        drawer = self.open_drawer_for_cash and doc.takes_cash and not doc.copy
        return self._pool.submit(self._job, doc, drawer)

    def reprint(self, receipt_no: str) -> Future[PrintOutcome]:
        """Print ``receipt_no`` again. Marked as a copy unless it is waiting after a failure."""
        return self._pool.submit(self._reprint_job, receipt_no)

    def retry_pending(self) -> list[Future[PrintOutcome]]:
        """Reprint everything in the queue, oldest first (e.g. after loading paper)."""
        return [self.reprint(entry.receipt_no) for entry in self.queue.pending()]

    def kick_drawer(self) -> Future[PrintOutcome]:
        """Pulse the cash drawer (``ESC p``) on the printer's thread, without printing.

        Only an ESC/POS printer drives a drawer: a PDF "printer" answers with a failure
        that says so. The future never raises; callers audit the opening first.
        """
        return self._pool.submit(self._drawer_job)

    def _drawer_job(self) -> PrintOutcome:
        if str(self.printer.output) == "pdf":
            problem = PrinterError(
                printer=self.printer.name, detail="this printer drives no cash drawer"
            )
            return PrintOutcome(DRAWER_JOB, False, problem.message, problem.code, problem=problem)
        try:
            self.printer.print_job(drawer_pulse(self.escpos_options.drawer_pin), DRAWER_JOB)
        except UserFacingError as exc:
            log.warning("drawer kick on %s failed: %s", self.printer.name, exc.code)
            return PrintOutcome(DRAWER_JOB, False, exc.message, exc.code, problem=exc)
        return PrintOutcome(DRAWER_JOB, True)

    def render(self, doc: ReceiptDocument, *, open_drawer: bool = False) -> bytes:
        if str(self.printer.output) == "pdf":
            return render_pdf(doc, self.pdf_paper)
        o = self.escpos_options
        return render_escpos(
            doc,
            EscposOptions(
                columns=o.columns,
                dots=o.dots,
                chinese=o.chinese,
                logo=o.logo,
                cut=o.cut,
                partial_cut=o.partial_cut,
                open_drawer=open_drawer,
                drawer_pin=o.drawer_pin,
            ),
        )

    def close(self, wait: bool = True) -> None:
        self._pool.shutdown(wait=wait)

    # worker ---------------------------------------------------------------
    def _remember(self, doc: ReceiptDocument) -> None:
        with self._lock:
            self._recent[doc.receipt_no] = doc
            self._recent.move_to_end(doc.receipt_no)
            while len(self._recent) > _CACHE_SIZE:
                self._recent.popitem(last=False)

    def _load(self, receipt_no: str) -> ReceiptDocument:
        if self.loader is not None:
            return self.loader(receipt_no)
        with self._lock:
            doc = self._recent.get(receipt_no)
        if doc is None:
            raise UnknownReceipt(receipt_no=receipt_no)
        return doc

    def _reprint_job(self, receipt_no: str) -> PrintOutcome:
        try:
            doc = self._load(receipt_no)
        except UserFacingError as exc:
            outcome = PrintOutcome(receipt_no, False, exc.message, exc.code, problem=exc)
            self._notify(self.on_failure, outcome)
            return outcome
        except Exception:
            log.exception("could not load receipt %s for a reprint", receipt_no)
            outcome = PrintOutcome(
                receipt_no,
                False,
                GENERIC_FAILURE,
                "printer",
                problem=PrintFailedUnexpectedly(printer=self.printer.name),
            )
            self._notify(self.on_failure, outcome)
            return outcome
        # Never printed in full: this is still the original, not a copy.
        waiting = self.queue.get(receipt_no) is not None
        doc = doc if waiting else doc.as_copy()
        return self._job(doc, False)

    def _job(self, doc: ReceiptDocument, open_drawer: bool) -> PrintOutcome:
        try:
            data = self.render(doc, open_drawer=open_drawer)
            self.printer.print_job(data, doc.receipt_no)
        except UserFacingError as exc:
            log.warning("printing %s on %s failed: %s", doc.receipt_no, self.printer.name, exc.code)
            return self._failed(doc, exc.message, exc.code, exc)
        except Exception:
            # A bug, not a printer state: keep the receipt and say so calmly.
            log.exception(
                "printing %s on %s failed unexpectedly", doc.receipt_no, self.printer.name
            )
            return self._failed(
                doc, GENERIC_FAILURE, "printer", PrintFailedUnexpectedly(printer=self.printer.name)
            )
        self.queue.remove(doc.receipt_no)
        outcome = PrintOutcome(doc.receipt_no, True, copy=doc.copy)
        self._notify(self.on_printed, outcome)
        return outcome

    def _failed(
        self, doc: ReceiptDocument, message: str, code: str, problem: UserFacingError
    ) -> PrintOutcome:
        outcome = PrintOutcome(doc.receipt_no, False, message, code, copy=doc.copy, problem=problem)
        if doc.copy:
            # The original came out; a failed copy is retried by hand, not queued.
            self._notify(self.on_failure, outcome)
            return outcome
        try:
            self.queue.add(
                doc.receipt_no,
                printer=self.printer.name,
                error_code=code,
                reason=message,
                at=self.clock(),
            )
        except Exception:
            log.exception("could not record %s in the reprint queue", doc.receipt_no)
        self._notify(self.on_failure, outcome)
        return outcome

    def _notify(self, callback: FailureCallback | None, outcome: PrintOutcome) -> None:
        if callback is None:
            return
        try:
            callback(outcome)
        except Exception:
            log.exception("print callback failed for %s", outcome.receipt_no)
