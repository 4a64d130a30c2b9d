"""One behavioural test base that every card reader driver must pass.

Each driver's test class provides a ``harness`` fixture that knows how to
build the driver and how to present a member card to it in that driver's
own way (a virtual card on pcscd, keys at scanner speed, bytes on a serial
line, a call); the tests below are the same for all of them.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import Protocol

import pytest
from reader_events import Recorder

from drivers.base import CardRead, CardReaderDriver, ReaderError, ScanRead
from pos_member.domain.cards import CardKind, CardNumberRule

RULE = CardNumberRule()
FIRST, SECOND = RULE.make(1001), RULE.make(2002)


class Harness(Protocol):
    reader: str
    card_kind: CardKind
    verified: bool
    reports_removal: bool

    def make(self, listener: Recorder) -> CardReaderDriver: ...
    def present(self, number: str) -> None: ...
    def lift(self) -> None: ...
    def provoke_bad_read(self) -> None: ...


class ReaderContract:
    """Inherit and provide a ``harness`` fixture."""

    @pytest.fixture
    def running(self, harness: Harness, recorder: Recorder) -> Iterator[CardReaderDriver]:
        driver = harness.make(recorder)
        driver.start()
        recorder.wait_for("reader_added", where=lambda name: name == harness.reader)
        yield driver
        driver.stop()

    def _present(self, harness: Harness, recorder: Recorder, number: str) -> CardRead:
        harness.present(number)
        event = recorder.wait_for("card_present")
        assert event.thread != threading.current_thread().name
        read = event.payload
        assert isinstance(read, CardRead)
        return read

    def _lift(self, harness: Harness, recorder: Recorder) -> None:
        harness.lift()
        if harness.reports_removal:
            assert recorder.wait_for("card_removed").payload == harness.reader

    def test_reader_is_reported_and_listed(
        self, harness: Harness, running: CardReaderDriver, recorder: Recorder
    ) -> None:
        assert isinstance(running, CardReaderDriver)
        assert running.running
        assert harness.reader in running.readers()
        added = [e for e in recorder.seen if e.name == "reader_added"]
        assert added[0].thread.startswith("reader-")

    def test_member_card_reaches_the_listener_on_the_driver_thread(
        self, harness: Harness, running: CardReaderDriver, recorder: Recorder
    ) -> None:
        read = self._present(harness, recorder, FIRST)
        assert (read.reader, read.kind, read.card_number) == (
            harness.reader,
            harness.card_kind,
            FIRST,
        )
        assert read.verified is harness.verified and not read.refused
        self._lift(harness, recorder)

    def test_two_cards_in_a_row(
        self, harness: Harness, running: CardReaderDriver, recorder: Recorder
    ) -> None:
        numbers = []
        for number in (FIRST, SECOND):
            numbers.append(self._present(harness, recorder, number).card_number)
            self._lift(harness, recorder)
        assert numbers == [FIRST, SECOND]

    def test_bad_read_is_reported_not_raised_and_the_next_card_works(
        self, harness: Harness, running: CardReaderDriver, recorder: Recorder
    ) -> None:
        harness.provoke_bad_read()  # must not raise here
        while True:
            event = recorder.events.get(timeout=10)
            recorder.seen.append(event)
            if event.name == "error":
                assert isinstance(event.payload, ReaderError) and event.payload.message
                break
            if event.name == "scan":
                assert isinstance(event.payload, ScanRead)
                assert event.payload.classification.rejected
                assert event.payload.classification.reason
                break
        if harness.reports_removal:
            recorder.wait_for("card_removed")
        assert running.running
        assert self._present(harness, recorder, SECOND).card_number == SECOND
        self._lift(harness, recorder)

    def test_a_listener_that_raises_does_not_stop_the_driver(
        self, harness: Harness, recorder: Recorder
    ) -> None:
        class Raising(Recorder):
            def on_card_present(self, read: CardRead) -> None:
                super().on_card_present(read)
                raise RuntimeError("a bug in a screen")

        listener = Raising()
        driver = harness.make(listener)
        driver.start()
        try:
            listener.wait_for("reader_added")
            for number in (FIRST, SECOND):
                assert self._present(harness, listener, number).card_number == number
                self._lift(harness, listener)
            assert driver.running
        finally:
            driver.stop()

    def test_stop_twice_is_safe(self, harness: Harness, recorder: Recorder) -> None:
        driver = harness.make(recorder)
        driver.start()
        recorder.wait_for("reader_added")
        driver.stop()
        driver.stop()
        assert not driver.running
