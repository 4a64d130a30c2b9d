"""A simulated receipt printer for demos and tests of code that prints.

It keeps the jobs it is given, and can be told to be out of paper, to have its
cover open or to fail the next jobs, so the print service's failure handling
can be exercised without hardware. Not a stand-in for checking bytes: tests of
the ESC/POS output decode the bytes themselves.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

from drivers.printers.base import OutputFormat, PaperState, PrinterStatus
from pos_member.domain.errors import PrinterError

TESTED_IN = "tests/printers/test_devices_printers.py"


@dataclass
class SimulatedPrinter:
    name: str = "simulated"
    output: OutputFormat = OutputFormat.ESCPOS
    columns: int = 48
    timeout: float = 1.0
    paper: PaperState = PaperState.OK
    cover_open: bool = False
    fail_next: list[PrinterError] = field(default_factory=list)
    jobs: list[tuple[str, bytes]] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def print_job(self, data: bytes, job_name: str) -> None:
        with self._lock:
            if self.fail_next:
                raise self.fail_next.pop(0)
            problem = self.status().problem(self.name)
            if problem is not None:
                raise problem
            self.jobs.append((job_name, data))

    def status(self) -> PrinterStatus:
        return PrinterStatus(
            reported=True, online=True, paper=self.paper, cover_open=self.cover_open, error=False
        )
