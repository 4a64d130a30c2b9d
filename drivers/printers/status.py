"""ESC/POS real-time status (``DLE EOT n``): the queries and how to read the answers.

Every answer is one byte whose bits 1 and 4 are set and bits 0 and 7 clear;
a byte that does not look like that is not a status answer.
n = 1 printer status (bit 3: offline), n = 2 offline cause (bit 2: cover open,
bit 5: stopped for paper end, bit 6: error), n = 4 roll paper sensor (bits 2-3:
near end, bits 5-6: paper end).
"""

from __future__ import annotations

from drivers.printers.base import PaperState, PrinterStatus

TESTED_IN = "tests/printers/test_factory_status.py"

DLE_EOT = b"\x10\x04"
QUERY_PRINTER = DLE_EOT + b"\x01"
QUERY_OFFLINE_CAUSE = DLE_EOT + b"\x02"
QUERY_PAPER = DLE_EOT + b"\x04"
QUERIES = (QUERY_PRINTER, QUERY_OFFLINE_CAUSE, QUERY_PAPER)

# Answers a healthy printer gives, for simulators and tests.
HEALTHY = {1: 0x12, 2: 0x12, 4: 0x12}


def is_status_byte(value: int) -> bool:
    return value & 0x93 == 0x12


def parse(printer: int, offline_cause: int, paper: int) -> PrinterStatus:
    """A ``PrinterStatus`` from the three answers, or ``ValueError`` if one is not a status byte."""
    for value in (printer, offline_cause, paper):
        if not is_status_byte(value):
            raise ValueError(f"0x{value:02x} is not an ESC/POS status byte")
    if paper & 0x60:
        paper_state = PaperState.OUT
    elif paper & 0x0C:
        paper_state = PaperState.NEAR_END
    else:
        paper_state = PaperState.OK
    if offline_cause & 0x20:
        paper_state = PaperState.OUT
    return PrinterStatus(
        reported=True,
        online=not printer & 0x08,
        paper=paper_state,
        cover_open=bool(offline_cause & 0x04),
        error=bool(offline_cause & 0x40),
    )
