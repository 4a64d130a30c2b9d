"""The keyboard-wedge driver: keys forwarded by the UI become card and scan events."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
from reader_events import Recorder

from drivers.base import CardRead, ScanKind, ScanRead
from drivers.wedge import KeyboardWedgeDriver
from pos_member.domain.cards import CardKind, CardNumberRule

NUMBER = CardNumberRule().make(1234)


@pytest.fixture
def wedge(recorder: Recorder) -> Iterator[KeyboardWedgeDriver]:
    driver = KeyboardWedgeDriver(recorder, gap_ms=40)
    driver.start()
    recorder.wait_for("reader_added")
    yield driver
    driver.stop()


def keys(driver: KeyboardWedgeDriver, text: str, gap_s: float) -> None:
    t = time.monotonic()
    for i, ch in enumerate(text):
        driver.feed_key(ch, t + i * gap_s)


def test_id_card_reader_gives_a_card_with_its_uid(
    wedge: KeyboardWedgeDriver, recorder: Recorder
) -> None:
    keys(wedge, "0012345678\r", 0.006)
    read = recorder.wait_for("card_present").payload
    assert isinstance(read, CardRead)
    assert (read.kind, read.uid, read.card_number) == (CardKind.ID125K, "00BC614E", None)


def test_magstripe_swipe_gives_a_card(wedge: KeyboardWedgeDriver, recorder: Recorder) -> None:
    keys(wedge, f";{NUMBER}=4912?\r", 0.004)
    read = recorder.wait_for("card_present").payload
    assert isinstance(read, CardRead)
    assert (read.kind, read.card_number) == (CardKind.MAGSTRIPE, NUMBER)


def test_product_scan_and_typed_phone(wedge: KeyboardWedgeDriver, recorder: Recorder) -> None:
    keys(wedge, "4006381333931\r", 0.010)
    scan = recorder.wait_for("scan").payload
    assert isinstance(scan, ScanRead)
    assert (scan.classification.kind, scan.typed_by_hand) == (ScanKind.EAN13, False)
    keys(wedge, "13800138000\r", 0.090)  # a cashier typing the member's phone
    typed = recorder.wait_for("scan").payload
    assert isinstance(typed, ScanRead)
    assert (typed.classification.kind, typed.classification.value, typed.typed_by_hand) == (
        ScanKind.PHONE,
        "13800138000",
        True,
    )


def test_card_number_typed_by_hand_is_a_scan_not_a_card(
    wedge: KeyboardWedgeDriver, recorder: Recorder
) -> None:
    keys(wedge, NUMBER + "\r", 0.1)
    scan = recorder.wait_for("scan").payload
    assert isinstance(scan, ScanRead)
    assert scan.typed_by_hand and scan.classification.kind is ScanKind.MEMBER_CARD
    assert not [e for e in recorder.seen if e.name == "card_present"]


def test_bad_check_digit_scan_is_rejected(wedge: KeyboardWedgeDriver, recorder: Recorder) -> None:
    keys(wedge, "4006381333932\r", 0.010)
    scan = recorder.wait_for("scan").payload
    assert isinstance(scan, ScanRead) and scan.classification.rejected
    assert (
        scan.classification.reason == "EAN-13 4006381333932 has a wrong check digit: scan it again."
    )


def test_keys_from_several_threads_at_once_are_not_lost(
    wedge: KeyboardWedgeDriver, recorder: Recorder
) -> None:
    wedge.feed_key("96385074\r", time.monotonic())  # a whole string at once: same timestamp
    scan = recorder.wait_for("scan").payload
    assert isinstance(scan, ScanRead) and scan.classification.kind is ScanKind.EAN8
