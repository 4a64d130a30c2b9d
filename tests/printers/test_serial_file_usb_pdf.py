"""Serial (over a real pseudo-terminal), file/device path, USB and PDF/CUPS printers."""

from __future__ import annotations

import os
import stat
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from receipts.escpos_decode import decode, printed_lines
from receipts.readback import pdf_text
from receipts.samples import sale

from drivers.printers import FilePrinter, PaperState, PdfPrinter, SerialPrinter, UsbPrinter
from pos_member.domain.errors import PrinterError, PrinterNotFound, PrinterTimeout
from pos_member.receipts.escpos import render_escpos
from pos_member.receipts.pdf import render_pdf

from .devices import FakeUsbEscpos, PtyPrinter


@pytest.fixture
def pty_printer() -> Iterator[PtyPrinter]:
    p = PtyPrinter()
    yield p
    p.close()


def test_serial_printer_prints_and_reports_status(pty_printer: PtyPrinter) -> None:
    printer = SerialPrinter(pty_printer.path, 19200, timeout=2)
    status = printer.status()
    assert status.reported and status.online and status.paper is PaperState.OK
    job = render_escpos(sale())
    printer.print_job(job, "S1")
    deadline = threading.Event()
    for _ in range(40):
        if len(pty_printer.received) >= 9 + len(job) + 9 + 9:
            break
        deadline.wait(0.05)
    cmds = decode(bytes(pty_printer.received))
    assert "￥83.10" in "\n".join(printed_lines(cmds))
    assert [c.name for c in cmds].count("cut") == 1


def test_serial_printer_that_does_not_answer_times_out() -> None:
    silent = PtyPrinter(answer=False)
    try:
        with pytest.raises(PrinterTimeout):
            SerialPrinter(silent.path, timeout=0.5).print_job(b"x", "S1")
    finally:
        silent.close()


def test_missing_serial_port_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(PrinterNotFound, match="cannot open"):
        SerialPrinter(str(tmp_path / "ttyUSB9"), timeout=0.5).print_job(b"x", "S1")


def test_file_printer_writes_the_job_and_cannot_report_status(tmp_path: Path) -> None:
    target = tmp_path / "lp0"
    printer = FilePrinter(target)
    job = render_escpos(sale())
    printer.print_job(job, "S1")
    assert target.read_bytes() == job
    assert printer.status().reported is False


def test_file_printer_on_a_named_pipe(tmp_path: Path) -> None:
    fifo = tmp_path / "printer.fifo"
    os.mkfifo(fifo)
    got = bytearray()

    def drain() -> None:
        with open(fifo, "rb") as fh:
            got.extend(fh.read())

    reader = threading.Thread(target=drain)
    reader.start()
    FilePrinter(fifo).print_job(b"\x1b@hello\n", "S1")
    reader.join(timeout=5)
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    assert decode(bytes(got))[1].text == "hello"


def test_file_printer_on_a_pipe_nobody_reads_times_out(tmp_path: Path) -> None:
    fifo = tmp_path / "stuck.fifo"
    os.mkfifo(fifo)
    with pytest.raises(PrinterTimeout, match=r"did not answer within 0\.3 seconds"):
        FilePrinter(fifo, timeout=0.3).print_job(b"\x1b@hello\n", "S1")
    # Give the pipe a reader: the helper thread's open() returns, it finds the
    # deadline passed and drops the job rather than print it late (it is already
    # reported failed and waiting for a reprint, so a late print would be a duplicate).
    fd = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
    try:
        for _ in range(200):
            if not any(t.name.startswith("file-printer") for t in threading.enumerate()):
                break
            time.sleep(0.01)
        assert not any(t.name.startswith("file-printer") for t in threading.enumerate())
        assert os.read(fd, 4096) == b""
    finally:
        os.close(fd)


def test_file_printer_in_a_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(PrinterNotFound, match="does not exist"):
        FilePrinter(tmp_path / "nope" / "lp0").print_job(b"x", "S1")


def test_usb_printer_not_plugged_in_is_a_clear_error() -> None:
    printer = UsbPrinter(0x0416, 0x5011, timeout=1)
    with pytest.raises(PrinterNotFound) as info:
        printer.print_job(b"x", "S1")
    assert info.value.message.startswith("Printer usb 0416:5011 cannot be reached")


def test_usb_printer_sends_the_job_to_the_out_endpoint() -> None:
    fake = FakeUsbEscpos()

    class Plugged(UsbPrinter):
        def _make(self, deadline: Any) -> Any:
            return fake

    job = render_escpos(sale())
    Plugged(0x0416, 0x5011).print_job(job, "S1")
    sent = b"".join(data for ep, data in fake.device.writes if ep == 0x01)
    assert sent[9:-9] == job
    assert fake.closed
    assert "￥83.10" in "\n".join(printed_lines(decode(sent)))


@pytest.mark.integration
def test_pdf_printer_saves_the_receipt(tmp_path: Path) -> None:
    printer = PdfPrinter(tmp_path / "receipts")
    printer.print_job(render_pdf(sale()), "S01-20261123-0042")
    saved = tmp_path / "receipts" / "S01-20261123-0042.pdf"
    assert "83.10" in pdf_text(saved)
    assert list((tmp_path / "receipts").glob("*.part")) == []
    assert printer.status().reported is False


def test_pdf_printer_names_files_safely(tmp_path: Path) -> None:
    printer = PdfPrinter(tmp_path)
    assert printer.path_for("../../etc/passwd").parent == tmp_path


def _fake_lp(tmp_path: Path, body: str) -> str:
    # No CUPS server on a test machine: a stand-in lp that records its arguments.
    script = tmp_path / "lp"
    script.write_text("#!/bin/sh\n" + body)
    script.chmod(0o755)
    return str(script)


def test_pdf_printer_sends_to_cups_with_lp(tmp_path: Path) -> None:
    log = tmp_path / "lp.args"
    lp = _fake_lp(tmp_path, f'echo "$@" > {log}\necho "request id is Receipts-7 (1 file(s))"\n')
    printer = PdfPrinter(tmp_path / "out", cups_queue="Receipts", lp_command=lp)
    printer.print_job(render_pdf(sale()), "S01-20261123-0042")
    args = log.read_text().split()
    assert args[:4] == ["-d", "Receipts", "-t", "S01-20261123-0042"]
    assert Path(args[4]).read_bytes().startswith(b"%PDF")


def test_cups_refusing_the_job_is_reported_and_the_pdf_kept(tmp_path: Path) -> None:
    lp = _fake_lp(tmp_path, 'echo "lp: The printer or class does not exist." >&2\nexit 1\n')
    printer = PdfPrinter(tmp_path / "out", cups_queue="Nope", lp_command=lp)
    with pytest.raises(PrinterError, match="does not exist"):
        printer.print_job(render_pdf(sale()), "S1")
    assert (tmp_path / "out" / "S1.pdf").exists()


def test_missing_lp_names_the_package(tmp_path: Path) -> None:
    printer = PdfPrinter(tmp_path, cups_queue="Q", lp_command=str(tmp_path / "no-lp"))
    with pytest.raises(PrinterNotFound, match="cups-client"):
        printer.print_job(b"%PDF-1.4", "S1")


def test_unwritable_folder_is_a_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    with pytest.raises(PrinterNotFound, match="cannot write"):
        PdfPrinter(blocker / "sub").print_job(b"%PDF", "S1")
