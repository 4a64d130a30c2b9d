"""The serial scanner driver through a pseudo-terminal pair (os.openpty)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from reader_events import Recorder

from drivers.base import CardRead, ReaderError, ScanKind, ScanRead
from drivers.serial_scanner import SerialScannerDriver
from pos_member.domain.cards import CardKind, CardNumberRule
from tests.drivers.serial_pty import Pty, pty_fixture  # noqa: F401 - the fixture


@pytest.fixture
def scanner(pty: Pty, recorder: Recorder) -> Iterator[SerialScannerDriver]:
    driver = SerialScannerDriver(recorder, port=str(pty.path), baudrate=115200, terminator="\r")
    driver.start()
    recorder.wait_for("reader_added")
    yield driver
    driver.stop()


def next_scan(recorder: Recorder) -> ScanRead:
    payload = recorder.wait_for("scan").payload
    assert isinstance(payload, ScanRead)
    return payload


def test_product_codes_arrive_as_scans(
    pty: Pty, scanner: SerialScannerDriver, recorder: Recorder
) -> None:
    pty.send(b"4006381333931\r96385074\r")
    first, second = next_scan(recorder), next_scan(recorder)
    assert (first.classification.kind, first.text) == (ScanKind.EAN13, "4006381333931")
    assert (second.classification.kind, second.text) == (ScanKind.EAN8, "96385074")
    assert first.reader == f"serial:{pty.path}"


def test_member_card_arrives_as_a_card_in_pieces(
    pty: Pty, scanner: SerialScannerDriver, recorder: Recorder
) -> None:
    number = CardNumberRule().make(42)
    pty.send(number[:5].encode())
    pty.send(number[5:].encode() + b"\r\n")  # CR LF: the LF is dropped
    read = recorder.wait_for("card_present").payload
    assert isinstance(read, CardRead)
    assert (read.kind, read.card_number, read.uid) == (CardKind.BARCODE, number, "")
    pty.send(b"96385074\r")
    assert next_scan(recorder).text == "96385074"  # no empty scan from the LF


def test_line_without_terminator_is_rejected_after_a_pause(
    pty: Pty, scanner: SerialScannerDriver, recorder: Recorder
) -> None:
    pty.send(b"690123")
    scan = next_scan(recorder)
    assert scan.classification.rejected and "no terminator" in scan.classification.reason


def test_noise_is_rejected_with_a_reason(
    pty: Pty, scanner: SerialScannerDriver, recorder: Recorder
) -> None:
    pty.send(b"\xff\x00AB\r")
    scan = next_scan(recorder)
    assert scan.classification.rejected and "characters no barcode" in scan.classification.reason


def test_unplugged_and_plugged_back(
    pty: Pty, scanner: SerialScannerDriver, recorder: Recorder
) -> None:
    pty.unplug()
    assert recorder.wait_for("reader_removed").payload == scanner.name
    error = recorder.wait_for("error").payload
    assert isinstance(error, ReaderError) and error.code == "device.serial"
    assert "unplugged" in error.message
    assert scanner.readers() == []
    pty.plug()
    recorder.wait_for("reader_added")
    pty.send(b"96385074\r")
    assert next_scan(recorder).classification.kind is ScanKind.EAN8


def test_missing_port_is_reported_once_and_retried(tmp_path: Path, recorder: Recorder) -> None:
    path = tmp_path / "ttyACM9"
    driver = SerialScannerDriver(recorder, port=str(path), reopen_seconds=0.05)
    driver.start()
    try:
        error = recorder.wait_for("error").payload
        assert isinstance(error, ReaderError)
        assert error.message == (
            f"The serial scanner on {path} cannot be used: "
            "the port cannot be opened (is the scanner plugged in?)."
        )
        p = Pty(path)
        recorder.wait_for("reader_added")
        assert [e.name for e in recorder.seen].count("error") == 1
        p.unplug()
    finally:
        driver.stop()


def test_terminator_is_required() -> None:
    with pytest.raises(ValueError, match="terminator"):
        SerialScannerDriver(Recorder(), port="/dev/null", terminator="")
