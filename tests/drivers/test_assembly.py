"""One assembly of a counter's devices (``drivers.assembly``): the app's and the command's."""

from __future__ import annotations

import time

from reader_events import Recorder

from drivers.assembly import assemble
from drivers.base import CardRead, ScanRead
from drivers.settings import DeviceSettings
from pos_member.domain.cards import CardNumberRule, CheckDigit


def test_the_settings_decide_which_drivers_there_are(recorder: Recorder) -> None:
    settings = DeviceSettings(serial_port="/dev/null-scanner")
    devices = assemble(recorder, settings, pcsc=False, simulated=True)
    assert devices.simulated is not None and devices.wedge is not None
    assert {d.name for d in devices.drivers} == {
        devices.simulated.name,
        devices.wedge.name,
        "serial:/dev/null-scanner",
    }
    production = assemble(recorder, settings.model_copy(update={"production": True}), pcsc=False)
    assert production.simulated is None  # never in a real store


def test_the_programmes_card_rule_reaches_every_driver(recorder: Recorder) -> None:
    devices = assemble(recorder, DeviceSettings(), pcsc=False)
    wedge = devices.wedge
    assert wedge is not None
    devices.start()
    try:
        recorder.wait_for("reader_added")

        def scan(text: str) -> None:
            t = time.monotonic()
            for i, ch in enumerate(text + "\r"):
                wedge.feed_key(ch, t + i * 0.005)

        scan("6600001234")  # not a card by the devices' default rule
        assert isinstance(recorder.wait_for("scan").payload, ScanRead)
        devices.use_card_rule(CardNumberRule(prefix="66", length=10, check=CheckDigit.NONE))
        scan("6600001234")
        read = recorder.wait_for("card_present").payload
        assert isinstance(read, CardRead) and read.card_number == "6600001234"
    finally:
        devices.stop()
