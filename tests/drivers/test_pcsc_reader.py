"""The PC/SC driver against the real pcscd, the vpcd reader and a virtual Mifare Classic 1K."""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator

import pytest
from pcscd_support import VPCD_READER, PcscDaemon, wait_reader_empty
from reader_events import Recorder
from virtual_card import (
    ATR_ULTRALIGHT,
    TRANSPORT_ACCESS,
    TRANSPORT_KEY,
    MifareClassic1K,
    VirtualCardLink,
)

from drivers.base import CardRead, ReaderError, Refusal
from drivers.errors import CardUnsupported, IssuanceFailed, NoCardOnReader
from drivers.pcsc import PcscReaderDriver
from drivers.secure_card import SECURED_ACCESS, CardSecrets
from drivers.settings import CardMode
from pos_member.domain.cards import CardKind, CardNumberRule

pytestmark = [pytest.mark.integration]

SECRETS = CardSecrets(bytes(range(32)))
OTHER_SECRETS = CardSecrets(bytes(range(100, 132)))
RULE = CardNumberRule()
NUMBER = RULE.make(1234)
UID = bytes.fromhex("DEADBEEF")


def _driver(
    recorder: Recorder, mode: CardMode, secrets: CardSecrets | None = SECRETS
) -> PcscReaderDriver:
    return PcscReaderDriver(
        recorder, mode=mode, secrets=secrets, rule=RULE, reader_filter=[VPCD_READER], poll_ms=200
    )


@pytest.fixture
def secure(pcscd: PcscDaemon, recorder: Recorder) -> Iterator[PcscReaderDriver]:
    driver = _driver(recorder, CardMode.SECURE)
    driver.start()
    recorder.wait_for("reader_added")
    yield driver
    driver.stop()


@pytest.fixture
def uid_driver(pcscd: PcscDaemon, recorder: Recorder) -> Iterator[PcscReaderDriver]:
    driver = _driver(recorder, CardMode.UID, secrets=None)
    driver.start()
    recorder.wait_for("reader_added")
    yield driver
    driver.stop()


def tap(vcard: VirtualCardLink, recorder: Recorder, card: MifareClassic1K) -> CardRead:
    vcard.insert(card)
    event = recorder.wait_for("card_present")
    assert isinstance(event.payload, CardRead)
    return event.payload


def lift(vcard: VirtualCardLink, recorder: Recorder) -> None:
    vcard.remove()
    assert recorder.wait_for("card_removed").payload == VPCD_READER


def issue_blank(
    driver: PcscReaderDriver, vcard: VirtualCardLink, recorder: Recorder, counter: int = 1
) -> MifareClassic1K:
    card = MifareClassic1K.blank(UID)
    first = tap(vcard, recorder, card)
    assert first.reason is Refusal.NOT_ISSUED_HERE
    issued = driver.issue_secure(VPCD_READER, NUMBER, counter)
    assert issued.verified and issued.card_number == NUMBER and issued.counter == counter
    lift(vcard, recorder)
    return card


def test_uid_mode_reads_the_uid_on_the_driver_thread(
    uid_driver: PcscReaderDriver, vcard: VirtualCardLink, recorder: Recorder
) -> None:
    assert uid_driver.readers() == [VPCD_READER]
    vcard.insert(MifareClassic1K.blank(UID))
    event = recorder.wait_for("card_present")
    read = event.payload
    assert isinstance(read, CardRead)
    assert (read.reader, read.kind, read.uid) == (VPCD_READER, CardKind.MIFARE, "DEADBEEF")
    assert read.card_number is None and not read.verified and not read.refused
    assert event.thread == "reader-pcsc" != threading.current_thread().name
    lift(vcard, recorder)


def test_secure_issuance_then_verified_read(
    secure: PcscReaderDriver, vcard: VirtualCardLink, recorder: Recorder
) -> None:
    card = issue_blank(secure, vcard, recorder)
    keys = SECRETS.sector_keys(UID, 1)
    assert card.read_raw(7) == keys.key_a + SECURED_ACCESS + keys.key_b
    assert card.read_raw(4)[:4] == b"PM\x01\x10"
    read = tap(vcard, recorder, card)
    assert read.verified and read.card_number == NUMBER and read.counter == 1 and not read.refused
    assert read.uid == "DEADBEEF"
    lift(vcard, recorder)


def test_clone_with_the_same_uid_and_an_empty_sector_is_refused(
    secure: PcscReaderDriver,
    vcard: VirtualCardLink,
    recorder: Recorder,
    caplog: pytest.LogCaptureFixture,
) -> None:
    card = issue_blank(secure, vcard, recorder)
    caplog.set_level(logging.INFO, logger="drivers.pcsc")
    read = tap(vcard, recorder, card.clone_uid_only())
    assert "card DE****EF refused: card.not_issued_here" in caplog.text
    assert "DEADBEEF" not in caplog.text
    assert read.uid == "DEADBEEF"
    assert read.reason is Refusal.NOT_ISSUED_HERE and read.card_number is None and not read.verified
    assert "not issued by this programme" in read.message


def test_tampered_sector_is_refused(
    secure: PcscReaderDriver, vcard: VirtualCardLink, recorder: Recorder
) -> None:
    card = issue_blank(secure, vcard, recorder)
    # Someone who cracked key B rewrites the number to another member's.
    block = bytearray(card.read_raw(4))
    block[11] ^= 0x11
    card.write_raw(4, bytes(block))
    read = tap(vcard, recorder, card)
    assert read.reason is Refusal.TAMPERED and read.card_number is None
    assert "altered" in read.message
    lift(vcard, recorder)
    # ...or bumps the counter to replay an old card as the newest one.
    block = bytearray(card.read_raw(5))
    block[3] += 1
    card.write_raw(5, bytes(block))
    assert tap(vcard, recorder, card).reason is Refusal.TAMPERED


def test_card_issued_with_other_keys_is_refused_and_not_reissued(
    secure: PcscReaderDriver, vcard: VirtualCardLink, recorder: Recorder, pcscd: PcscDaemon
) -> None:
    # The same card issued by another programme (another master secret).
    other = _driver(Recorder(), CardMode.SECURE, secrets=OTHER_SECRETS)
    other.start()
    try:
        card = MifareClassic1K.blank(UID)
        tap(vcard, recorder, card)
        other.issue_secure(VPCD_READER, NUMBER, 1)
    finally:
        other.stop()
    lift(vcard, recorder)
    before = bytes(card.memory)
    read = tap(vcard, recorder, card)
    assert read.reason is Refusal.NOT_ISSUED_HERE
    with pytest.raises(IssuanceFailed, match="keys of another system"):
        secure.issue_secure(VPCD_READER, NUMBER, 2)
    assert bytes(card.memory) == before


def test_card_removed_mid_read_is_reported_and_the_next_tap_works(
    secure: PcscReaderDriver, vcard: VirtualCardLink, recorder: Recorder
) -> None:
    card = issue_blank(secure, vcard, recorder)
    vcard.drop_when = lambda apdu: apdu[:2] == b"\xff\xb0"  # pulled away while reading
    vcard.insert(card)
    error = recorder.wait_for("error").payload
    assert isinstance(error, ReaderError)
    assert error.code == "device.card_removed" and "tap it again" in error.message
    recorder.wait_for("card_removed")
    assert not [e for e in recorder.seen if e.name == "card_present"][1:]
    read = tap(vcard, recorder, card)
    assert read.verified and read.card_number == NUMBER


def test_card_answering_badly_once_is_read_again(
    secure: PcscReaderDriver, vcard: VirtualCardLink, recorder: Recorder
) -> None:
    card = issue_blank(secure, vcard, recorder)
    vcard.mumble_when = lambda apdu: apdu[:2] == b"\xff\xb0"  # one garbled answer
    read = tap(vcard, recorder, card)
    assert read.verified and read.card_number == NUMBER
    assert vcard.mumble_when is None  # the garbled answer did happen
    assert not [e for e in recorder.seen if e.name == "error"]


def test_two_taps_in_a_row(
    secure: PcscReaderDriver, vcard: VirtualCardLink, recorder: Recorder
) -> None:
    card = issue_blank(secure, vcard, recorder)
    reads = []
    for _ in range(2):
        reads.append(tap(vcard, recorder, card))
        lift(vcard, recorder)
    assert [r.card_number for r in reads] == [NUMBER, NUMBER]
    assert all(r.verified for r in reads)


def test_issued_trailer_can_be_reauthenticated_rewritten_and_erased(
    secure: PcscReaderDriver, vcard: VirtualCardLink, recorder: Recorder
) -> None:
    card = issue_blank(secure, vcard, recorder)
    tap(vcard, recorder, card)
    again = secure.issue_secure(VPCD_READER, NUMBER, 2)  # replacement: same card, new counter
    assert again.counter == 2 and again.verified
    secure.erase_secure(VPCD_READER)
    assert card.read_raw(7) == TRANSPORT_KEY + TRANSPORT_ACCESS + TRANSPORT_KEY
    assert card.read_raw(4) == bytes(16)
    lift(vcard, recorder)
    assert tap(vcard, recorder, card).reason is Refusal.NOT_ISSUED_HERE
    assert secure.issue_secure(VPCD_READER, NUMBER, 3).counter == 3


def test_other_card_types_are_refused_in_secure_mode(
    secure: PcscReaderDriver, vcard: VirtualCardLink, recorder: Recorder
) -> None:
    vcard.atr = ATR_ULTRALIGHT
    read = tap(vcard, recorder, MifareClassic1K.blank(UID))
    assert read.reason is Refusal.UNSUPPORTED and read.uid == "DEADBEEF"
    assert read.message == (
        "This kind of card cannot be used here: secure mode needs Mifare Classic 1K."
    )
    with pytest.raises(CardUnsupported):
        secure.issue_secure(VPCD_READER, NUMBER, 1)


def test_other_card_types_are_identified_by_uid_in_uid_mode(
    uid_driver: PcscReaderDriver, vcard: VirtualCardLink, recorder: Recorder
) -> None:
    vcard.atr = ATR_ULTRALIGHT
    read = tap(vcard, recorder, MifareClassic1K.blank(UID))
    assert (read.uid, read.kind, read.refused) == ("DEADBEEF", CardKind.MIFARE, False)


def test_issuing_without_a_card_says_so(secure: PcscReaderDriver) -> None:
    with pytest.raises(NoCardOnReader, match="no card on reader"):
        secure.issue_secure(VPCD_READER, NUMBER, 1)


def test_a_listener_that_raises_does_not_stop_the_driver(
    pcscd: PcscDaemon, vcard: VirtualCardLink, recorder: Recorder
) -> None:
    class Grumpy(Recorder):
        def on_card_present(self, read: CardRead) -> None:
            super().on_card_present(read)
            raise RuntimeError("handler bug")

    grumpy = Grumpy()
    driver = _driver(grumpy, CardMode.UID, secrets=None)
    driver.start()
    try:
        for _ in range(2):
            tap(vcard, grumpy, MifareClassic1K.blank(UID))
            lift(vcard, grumpy)
        assert driver.running
    finally:
        driver.stop()


def test_pcscd_stopped_and_restarted(
    pcscd: PcscDaemon, vcard: VirtualCardLink, recorder: Recorder
) -> None:
    if not pcscd.owned:
        pytest.skip("a pcscd not started by the tests is running; it is not ours to stop")
    driver = _driver(recorder, CardMode.SECURE)
    driver.start()
    try:
        recorder.wait_for("reader_added")
        card = issue_blank(driver, vcard, recorder)
        vcard.insert(card)
        assert recorder.wait_for("card_present").payload.verified  # type: ignore[attr-defined]
        pcscd.stop()
        recorder.wait_for("card_removed")
        assert recorder.wait_for("reader_removed").payload == VPCD_READER
        error = recorder.wait_for("error").payload
        assert isinstance(error, ReaderError) and error.code == "device.pcsc_down"
        assert driver.readers() == []
        vcard.remove()
        pcscd.start()
        assert recorder.wait_for("reader_added").payload == VPCD_READER
        read = tap(vcard, recorder, card)
        assert read.verified and read.card_number == NUMBER
        lift(vcard, recorder)
    finally:
        driver.stop()


def test_two_readers_each_report_their_own_cards(
    pcscd: PcscDaemon, vcard: VirtualCardLink, recorder: Recorder
) -> None:
    second_reader = "Virtual PCD 00 01"
    second = VirtualCardLink(port=pcscd.vpcd_port + 1)  # vpcd's second slot: the next port
    driver = PcscReaderDriver(recorder, mode=CardMode.UID, poll_ms=200)
    driver.start()
    try:
        recorder.wait_for("reader_added")
        recorder.wait_for("reader_added")
        assert driver.readers() == [VPCD_READER, second_reader]
        vcard.insert(MifareClassic1K.blank(bytes.fromhex("11111111")))
        second.insert(MifareClassic1K.blank(bytes.fromhex("22222222")))
        reads = [recorder.wait_for("card_present").payload for _ in range(2)]
        by_reader = {r.reader: r.uid for r in reads if isinstance(r, CardRead)}
        assert by_reader == {VPCD_READER: "11111111", second_reader: "22222222"}
        second.remove()
        assert recorder.wait_for("card_removed").payload == second_reader
    finally:
        second.remove()
        driver.stop()
        wait_reader_empty(second_reader)
