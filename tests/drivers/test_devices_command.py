"""``pos-member devices``: the listing and the JSON event stream, run as the real command."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from pcscd_support import VPCD_READER, PcscDaemon
from virtual_card import MifareClassic1K, VirtualCardLink

ROOT = Path(__file__).resolve().parents[2]
_started: list[subprocess.Popen[str]] = []


@pytest.fixture(autouse=True)
def _reap() -> Iterator[None]:
    """A failing test must not leave a watching command (or its pipes) behind."""
    yield
    while _started:
        proc = _started.pop()
        if proc.poll() is None:
            proc.kill()
        proc.communicate()


def command(*args: str, env: dict[str, str] | None = None) -> subprocess.Popen[str]:
    proc = subprocess.Popen(
        [sys.executable, "-m", "pos_member_cli.main", "devices", *args],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, **(env or {})},
    )
    _started.append(proc)
    return proc


def json_line(proc: subprocess.Popen[str]) -> dict[str, object]:
    assert proc.stdout is not None
    line = proc.stdout.readline()
    assert line, f"the command ended early: {proc.stderr.read() if proc.stderr else ''}"
    event = json.loads(line)
    assert isinstance(event, dict)
    return event


def finish(proc: subprocess.Popen[str]) -> None:
    """Wait for the command to end by itself (its --count) and close its pipes."""
    try:
        _, err = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    assert proc.returncode == 0, err


@pytest.mark.integration
def test_lists_the_pcsc_readers(pcscd: PcscDaemon) -> None:
    out, err = command().communicate(timeout=60)
    assert "PC/SC card readers:" in out and f"  {VPCD_READER}" in out
    assert "Card mode: uid" in out and err == ""


@pytest.mark.integration
def test_watch_prints_one_json_line_per_event(pcscd: PcscDaemon, vcard: VirtualCardLink) -> None:
    proc = command("--watch", "--count", "3", "--timeout", "30", "--reader", VPCD_READER)
    assert json_line(proc) == {"event": "reader_added", "reader": VPCD_READER}
    vcard.insert(MifareClassic1K.blank(bytes.fromhex("04A1B2C3")))
    present = json_line(proc)
    assert present["event"] == "card_present"
    assert (present["uid"], present["kind"], present["verified"]) == ("04A1B2C3", "mifare", False)
    vcard.remove()
    assert json_line(proc) == {"event": "card_removed", "reader": VPCD_READER}
    finish(proc)


@pytest.mark.integration
def test_watch_includes_a_serial_scanner(pcscd: PcscDaemon) -> None:
    master, slave = os.openpty()
    port = os.ttyname(slave)
    try:
        proc = command(
            "--watch", "--count", "3", "--timeout", "30", "--reader", VPCD_READER, "--serial", port
        )
        added = {json_line(proc)["reader"], json_line(proc)["reader"]}
        assert added == {VPCD_READER, f"serial:{port}"}
        os.write(master, b"96385074\r")
        scan = json_line(proc)
        assert (scan["event"], scan["kind"], scan["value"]) == ("scan", "ean8", "96385074")
        finish(proc)
    finally:
        os.close(master)
        os.close(slave)


@pytest.mark.integration
def test_watch_timeout_before_count_exits_1(pcscd: PcscDaemon) -> None:
    proc = command("--watch", "--count", "5", "--timeout", "1", "--reader", VPCD_READER)
    out, _ = proc.communicate(timeout=30)
    assert proc.returncode == 1
    assert [json.loads(line)["event"] for line in out.splitlines()] == ["reader_added"]


def test_bad_master_secret_is_explained() -> None:
    proc = command(env={"POS_MEMBER_DEVICES_MASTER_SECRET": "not-hex"})
    _out, err = proc.communicate(timeout=60)
    assert proc.returncode == 2 and "master_secret must be hexadecimal" in err


def test_secure_mode_without_secret_is_explained() -> None:
    proc = command("--watch", "--mode", "secure", "--timeout", "1")
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 2
    assert "secure mode needs the card master secret" in err and out == ""


@pytest.mark.integration
def test_watch_keyboard_tells_a_scanner_from_typing(pcscd: PcscDaemon) -> None:
    master, slave = os.openpty()
    try:
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "pos_member_cli.main",
                "devices",
                "--watch",
                "--keyboard",
                "--count",
                "4",
                "--timeout",
                "30",
                "--reader",
                VPCD_READER,
            ],
            cwd=ROOT,
            stdin=slave,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        _started.append(proc)
        readers = {json_line(proc)["reader"], json_line(proc)["reader"]}
        assert readers == {VPCD_READER, "keyboard"}
        os.write(master, b"96385074\r")  # a scanner: the whole code at once
        scan = json_line(proc)
        assert (scan["kind"], scan["value"], scan["typed_by_hand"]) == ("ean8", "96385074", False)
        for ch in "13800138000\r":  # a person: 80 ms a key
            os.write(master, ch.encode())
            time.sleep(0.08)
        typed = json_line(proc)
        assert (typed["kind"], typed["value"], typed["typed_by_hand"]) == (
            "phone",
            "13800138000",
            True,
        )
        finish(proc)
    finally:
        os.close(master)
        os.close(slave)


@pytest.mark.integration
def test_listing_says_when_pcscd_is_not_running(pcscd: PcscDaemon) -> None:
    if not pcscd.owned:
        pytest.skip("a pcscd not started by the tests is running; it is not ours to stop")
    pcscd.stop()
    try:
        proc = command()
        out, _ = proc.communicate(timeout=60)
        assert proc.returncode == 0
        assert "  ! pcscd is not running (start it: systemctl start pcscd)" in out
    finally:
        pcscd.start()
