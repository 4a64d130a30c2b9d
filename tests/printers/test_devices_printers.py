"""``pos-member devices`` lists the configured receipt printers with their state.

Loopback ESC/POS network printers play a good printer, one out of paper, one
with its cover open and one that never answers; a free port plays a printer
that is switched off. Asking never takes much longer than the short timeout,
whatever timeout the printer's URL gives for printing.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from drivers.printers.probe import PrinterProbe, PrinterState, probe_printers

from .loopback import LoopbackPrinter, Mode, free_port

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def printers() -> Iterator[dict[Mode, LoopbackPrinter]]:
    made = {mode: LoopbackPrinter(mode) for mode in (Mode.GOOD, Mode.PAPER_OUT,
                                                     Mode.COVER_OPEN, Mode.SILENT)}  # fmt: skip
    yield made
    for printer in made.values():
        printer.close()


def url(printer: LoopbackPrinter, extra: str = "") -> str:
    return f"tcp://{printer.host}:{printer.port}{extra}"


def by_name(probes: list[PrinterProbe]) -> dict[str, PrinterProbe]:
    return {p.name: p for p in probes}


def test_each_printer_state_within_the_timeout(
    printers: dict[Mode, LoopbackPrinter], tmp_path: Path
) -> None:
    targets = [
        ("good", url(printers[Mode.GOOD])),
        ("paper", url(printers[Mode.PAPER_OUT])),
        ("cover", url(printers[Mode.COVER_OPEN])),
        # The URL allows 30 s for printing; the listing waits its own short time.
        ("silent", url(printers[Mode.SILENT], "?timeout=30")),
        ("off", f"tcp://127.0.0.1:{free_port()}"),
        ("unplugged", f"serial://{tmp_path}/ttyUSB9"),
        ("pdf", f"pdf://{tmp_path}"),
        ("typo", "lpt://1"),
        ("empty", ""),
    ]
    started = time.monotonic()
    found = by_name(probe_printers(targets, timeout=1.0))
    took = time.monotonic() - started
    assert took < 1.0 + 0.5 + 0.5, f"the listing waited {took:.1f} s"
    assert [p.name for p in probe_printers(targets[:1], 1.0)] == ["good"]
    assert found["good"].state is PrinterState.ONLINE and found["good"].describe() == "online"
    assert found["paper"].state is PrinterState.PAPER_OUT
    assert found["cover"].state is PrinterState.COVER_OPEN
    assert found["silent"].state is PrinterState.NOT_ANSWERING
    assert found["silent"].detail == "no answer within 1 s"
    assert found["off"].state is PrinterState.NOT_ANSWERING
    assert found["off"].detail == "cannot be reached: connection refused"
    assert found["unplugged"].state is PrinterState.NOT_ANSWERING
    assert found["unplugged"].detail == f"cannot be reached: cannot open {tmp_path}/ttyUSB9"
    assert found["pdf"].state is PrinterState.NO_STATUS
    assert found["typo"].state is PrinterState.BAD_SETTING
    assert "unknown kind of printer" in found["typo"].detail
    assert found["empty"].state is PrinterState.NOT_CONFIGURED
    # The good printer was asked its status, and nothing was printed on it.
    received = b"".join(printers[Mode.GOOD].connections)
    assert received.count(b"\x10\x04") == 3 * 2  # three queries, asked twice above


def test_a_printer_stuck_in_its_driver_is_cut_off_at_the_deadline(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from drivers.printers.simulated import SimulatedPrinter

    release = threading.Event()

    def hang(self: SimulatedPrinter) -> None:
        release.wait(30)  # a driver call that ignores every timeout

    monkeypatch.setattr(SimulatedPrinter, "status", hang)
    try:
        started = time.monotonic()
        (probe,) = probe_printers([("", "sim://")], timeout=0.5)
        assert time.monotonic() - started < 0.5 + 0.5 + 0.5
        assert probe.state is PrinterState.NOT_ANSWERING
        assert probe.describe() == "not answering (no answer within 0.5 s)"
    finally:
        release.set()


def test_the_timeout_must_be_positive() -> None:
    with pytest.raises(ValueError, match="positive"):
        probe_printers([("", "sim://")], timeout=0)


def devices(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("POS_MEMBER_RECEIPT_")}
    return subprocess.run(
        [sys.executable, "-m", "pos_member_cli.main", "devices", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        env={**clean, **env},
        check=False,
    )


def printer_section(out: str) -> list[str]:
    lines = out.splitlines()
    start = lines.index("Receipt printers:")
    return [line.strip() for line in lines[start + 1 :]]


def test_devices_command_lists_the_configured_printers(
    printers: dict[Mode, LoopbackPrinter],
) -> None:
    good, paper = url(printers[Mode.GOOD]), url(printers[Mode.PAPER_OUT])
    silent = url(printers[Mode.SILENT])
    named = f'{{"back": "{paper}", "bar": "{silent}"}}'
    done = devices(
        {"POS_MEMBER_RECEIPT_PRINTER": good, "POS_MEMBER_RECEIPT_PRINTERS": named},
        "--printer-timeout", "1",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert printer_section(done.stdout) == [
        f"receipt printer: {good} - online",
        f"back: {paper} - paper out (load a new roll)",
        f"bar: {silent} - not answering (no answer within 1 s)",
    ]
    assert "PC/SC card readers:" in done.stdout  # the readers are still listed first


def test_devices_command_says_when_no_printer_is_configured() -> None:
    done = devices({})
    assert done.returncode == 0, done.stderr
    (line,) = printer_section(done.stdout)
    assert line.startswith("receipt printer: not configured (set POS_MEMBER_RECEIPT_PRINTER;")


def test_devices_command_refuses_a_timeout_that_is_not_positive() -> None:
    done = devices({}, "--printer-timeout", "0")
    assert done.returncode == 2
    assert "--printer-timeout must be more than 0 seconds" in done.stderr
