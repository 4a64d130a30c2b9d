"""The simulated reader: taps by call, and never in production."""

from __future__ import annotations

import pytest
from reader_events import Recorder

from drivers.base import CardRead, ScanKind, ScanRead
from drivers.errors import SimulatedReaderInProduction
from drivers.settings import DeviceSettings
from drivers.simulated import SimulatedReaderDriver
from pos_member.domain.cards import CardKind


def test_refuses_to_start_in_production(recorder: Recorder) -> None:
    driver = SimulatedReaderDriver.from_settings(recorder, DeviceSettings(production=True))
    with pytest.raises(SimulatedReaderInProduction) as info:
        driver.start()
    assert info.value.code == "device.simulated_in_production"
    assert "cannot run in production" in info.value.message
    assert not driver.running and recorder.drain(settle=0.05) == []


def test_production_flag_comes_from_the_environment(
    monkeypatch: pytest.MonkeyPatch, recorder: Recorder
) -> None:
    monkeypatch.setenv("POS_MEMBER_DEVICES_PRODUCTION", "true")
    with pytest.raises(SimulatedReaderInProduction):
        SimulatedReaderDriver.from_settings(recorder, DeviceSettings()).start()


def test_tap_lift_and_scan(recorder: Recorder) -> None:
    driver = SimulatedReaderDriver.from_settings(recorder, DeviceSettings())
    driver.start()
    try:
        driver.tap("deadbeef")
        read = recorder.wait_for("card_present").payload
        assert isinstance(read, CardRead)
        assert (read.uid, read.kind, read.card_number, read.verified) == (
            "DEADBEEF",
            CardKind.MIFARE,
            None,
            False,
        )
        driver.tap("cafebabe")  # a second card without lifting the first: the first leaves
        recorder.wait_for("card_removed")
        recorder.wait_for("card_present")
        driver.lift()
        recorder.wait_for("card_removed")
        driver.scan("96385074")
        scan = recorder.wait_for("scan").payload
        assert isinstance(scan, ScanRead) and scan.classification.kind is ScanKind.EAN8
    finally:
        driver.stop()
    assert recorder.wait_for("reader_removed").payload == "Simulated reader"


def test_verified_needs_a_number(recorder: Recorder) -> None:
    driver = SimulatedReaderDriver(recorder, production=False)
    driver.start()
    try:
        driver.tap("01020304", verified=True)
        read = recorder.wait_for("card_present").payload
        assert isinstance(read, CardRead) and not read.verified
    finally:
        driver.stop()


def test_calls_before_start_are_dropped_not_raised(recorder: Recorder) -> None:
    driver = SimulatedReaderDriver(recorder, production=False)
    driver.tap("01020304")
    driver.start()
    try:
        recorder.wait_for("reader_added")
        assert [e.name for e in recorder.drain(settle=0.05)] == []
    finally:
        driver.stop()
