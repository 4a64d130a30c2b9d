"""ESC/POS over TCP 9100 against loopback printers: good, paper out, dropped, silent, refused."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
from receipts.escpos_decode import decode, printed_lines
from receipts.samples import big_sale, sale

from drivers.printers import NetworkPrinter, PaperState
from pos_member.domain.errors import (
    PrinterCoverOpen,
    PrinterDisconnected,
    PrinterNotFound,
    PrinterPaperOut,
    PrinterTimeout,
)
from pos_member.receipts.escpos import render_escpos

from .loopback import LoopbackPrinter, Mode, free_port

TIMEOUT = 1.0


@pytest.fixture
def server(request: pytest.FixtureRequest) -> Iterator[LoopbackPrinter]:
    mode = getattr(request, "param", Mode.GOOD)
    with LoopbackPrinter(mode) as srv:
        yield srv


def printer_for(srv: LoopbackPrinter) -> NetworkPrinter:
    return NetworkPrinter("127.0.0.1", srv.port, name="counter-1", timeout=TIMEOUT)


def job_commands(received: bytes) -> list[str]:
    return [c.name for c in decode(received)]


def test_good_printer_receives_the_whole_job_between_status_queries(
    server: LoopbackPrinter,
) -> None:
    job = render_escpos(sale())
    printer_for(server).print_job(job, "S01-20261123-0042")
    (received,) = server.connections
    cmds = decode(bytes(received))
    names = [c.name for c in cmds]
    # three queries before (refuse to print into trouble), three after (acknowledgement)
    assert names[:3] == ["status_query"] * 3
    assert names[-3:] == ["status_query"] * 3
    assert bytes(received)[9:-9] == job
    assert "￥83.10" in "\n".join(printed_lines(cmds))


def test_status_of_a_good_printer(server: LoopbackPrinter) -> None:
    status = printer_for(server).status()
    assert status.reported and status.online and status.paper is PaperState.OK
    assert status.problem("x") is None


@pytest.mark.parametrize("server", [Mode.PAPER_OUT], indirect=True)
def test_paper_out_is_refused_before_sending(server: LoopbackPrinter) -> None:
    printer = printer_for(server)
    assert printer.status().paper is PaperState.OUT
    with pytest.raises(PrinterPaperOut) as info:
        printer.print_job(render_escpos(sale()), "S1")
    assert info.value.message == "Printer counter-1 is out of paper. Load a new roll, then reprint."
    assert all(len(c) == 9 for c in server.connections)  # queries only, no job bytes


@pytest.mark.parametrize("server", [Mode.COVER_OPEN], indirect=True)
def test_cover_open_is_reported(server: LoopbackPrinter) -> None:
    assert printer_for(server).status().cover_open is True
    with pytest.raises(PrinterCoverOpen, match="cover is open"):
        printer_for(server).print_job(b"x\n", "S1")


@pytest.mark.parametrize("server", [Mode.DROP_MID_JOB], indirect=True)
def test_connection_dropped_mid_receipt_fails_cleanly(server: LoopbackPrinter) -> None:
    start = time.monotonic()
    with pytest.raises(PrinterDisconnected, match="dropped the connection"):
        printer_for(server).print_job(render_escpos(big_sale()), "S1")
    assert time.monotonic() - start < TIMEOUT + 2
    assert 200 <= len(server.connections[0]) < len(render_escpos(big_sale()))


@pytest.mark.parametrize("server", [Mode.SILENT], indirect=True)
def test_printer_that_never_answers_times_out(server: LoopbackPrinter) -> None:
    start = time.monotonic()
    with pytest.raises(PrinterTimeout, match="did not answer within 1 seconds"):
        printer_for(server).print_job(render_escpos(sale()), "S1")
    assert time.monotonic() - start < TIMEOUT + 2


@pytest.mark.parametrize("server", [Mode.SILENT_AFTER_JOB_STARTS], indirect=True)
def test_printer_that_goes_silent_during_the_job_is_not_taken_as_printed(
    server: LoopbackPrinter,
) -> None:
    with pytest.raises(PrinterTimeout):
        printer_for(server).print_job(render_escpos(sale()), "S1")


def test_nothing_listening_is_a_clear_error() -> None:
    printer = NetworkPrinter("127.0.0.1", free_port(), name="counter-1", timeout=TIMEOUT)
    with pytest.raises(PrinterNotFound) as info:
        printer.print_job(b"x", "S1")
    assert "counter-1 cannot be reached: connection refused" in info.value.message
