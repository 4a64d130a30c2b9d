"""The shared reader behaviour, run on every driver: PC/SC, keyboard wedge, serial, simulated."""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Iterator

import pytest
from pcscd_support import VPCD_READER, PcscDaemon, wait_reader_empty
from reader_contract import ReaderContract
from reader_events import Recorder
from virtual_card import MifareClassic1K, VirtualCardLink

from drivers.base import CardReaderDriver
from drivers.mifare import MifareClassic
from drivers.pcsc import PcscReaderDriver
from drivers.secure_card import CardSecrets, issue
from drivers.serial_scanner import SerialScannerDriver
from drivers.settings import CardMode
from drivers.simulated import SimulatedReaderDriver
from drivers.wedge import KeyboardWedgeDriver
from pos_member.domain.cards import CardKind

SECRETS = CardSecrets(b"contract-test-master-secret-0001")


def issued_card(number: str) -> MifareClassic1K:
    """A virtual card issued in secure mode for ``number`` (written without a reader)."""
    uid = hashlib.sha256(number.encode()).digest()[:4]
    card = MifareClassic1K.blank(uid)

    def transmit(apdu: bytes) -> tuple[bytes, int]:
        answer = card.process(apdu)
        return answer[:-2], int.from_bytes(answer[-2:], "big")

    issue(MifareClassic(transmit), uid, SECRETS, 1, number, 1)
    card.apdu_log.clear()
    return card


class PcscHarness:
    reader = VPCD_READER
    card_kind = CardKind.MIFARE
    verified = True
    reports_removal = True

    def __init__(self, link: VirtualCardLink) -> None:
        self.link = link

    def make(self, listener: Recorder) -> CardReaderDriver:
        return PcscReaderDriver(
            listener,
            mode=CardMode.SECURE,
            secrets=SECRETS,
            reader_filter=[VPCD_READER],
            poll_ms=200,
        )

    def present(self, number: str) -> None:
        self.link.insert(issued_card(number))

    def lift(self) -> None:
        self.link.remove()
        wait_reader_empty(VPCD_READER)

    def provoke_bad_read(self) -> None:
        self.link.drop_when = lambda apdu: apdu[:2] == b"\xff\xb0"
        self.link.insert(issued_card("8800000000000000"))


@pytest.mark.integration
class TestPcscReader(ReaderContract):
    @pytest.fixture
    def harness(self, pcscd: PcscDaemon, vcard: VirtualCardLink) -> PcscHarness:
        return PcscHarness(vcard)


class WedgeHarness:
    reader = "keyboard"
    card_kind = CardKind.BARCODE
    verified = False
    reports_removal = False

    def __init__(self) -> None:
        self.driver: KeyboardWedgeDriver | None = None

    def make(self, listener: Recorder) -> CardReaderDriver:
        self.driver = KeyboardWedgeDriver(listener, gap_ms=40)
        return self.driver

    def _type(self, text: str, gap_s: float) -> None:
        assert self.driver is not None
        t = time.monotonic()
        for i, ch in enumerate(text):
            self.driver.feed_key(ch, t + i * gap_s)

    def present(self, number: str) -> None:
        self._type(number + "\r", 0.012)  # a scanner: 12 ms per key

    def lift(self) -> None:
        pass

    def provoke_bad_read(self) -> None:
        self._type("69012345", 0.008)  # the scan is cut off before its Enter


class TestKeyboardWedge(ReaderContract):
    @pytest.fixture
    def harness(self) -> WedgeHarness:
        return WedgeHarness()


class SerialHarness:
    card_kind = CardKind.BARCODE
    verified = False
    reports_removal = False

    def __init__(self) -> None:
        self.master, self.slave = os.openpty()
        self.port = os.ttyname(self.slave)
        self.reader = f"serial:{self.port}"

    def close(self) -> None:
        os.close(self.master)
        os.close(self.slave)

    def make(self, listener: Recorder) -> CardReaderDriver:
        return SerialScannerDriver(listener, port=self.port, baudrate=9600, terminator="\r")

    def present(self, number: str) -> None:
        os.write(self.master, number.encode() + b"\r\n")

    def lift(self) -> None:
        pass

    def provoke_bad_read(self) -> None:
        os.write(self.master, b"\xff\xfe12\r")


class TestSerialScanner(ReaderContract):
    @pytest.fixture
    def harness(self) -> Iterator[SerialHarness]:
        harness = SerialHarness()
        yield harness
        harness.close()


class SimulatedHarness:
    reader = "Simulated reader"
    card_kind = CardKind.MIFARE
    verified = True
    reports_removal = True

    def __init__(self) -> None:
        self.driver: SimulatedReaderDriver | None = None

    def make(self, listener: Recorder) -> CardReaderDriver:
        self.driver = SimulatedReaderDriver(listener, production=False)
        return self.driver

    def present(self, number: str) -> None:
        assert self.driver is not None
        self.driver.tap(hashlib.sha256(number.encode()).hexdigest()[:8], number, verified=True)

    def lift(self) -> None:
        assert self.driver is not None
        self.driver.lift()

    def provoke_bad_read(self) -> None:
        assert self.driver is not None
        self.driver.tap("0BADCAFE")
        self.driver.fail("device.card_removed", "The card was taken away before it was read.")
        self.driver.lift()


class TestSimulatedReader(ReaderContract):
    @pytest.fixture
    def harness(self) -> SimulatedHarness:
        return SimulatedHarness()
