"""Records a driver's listener calls, with the thread each came on, for the reader tests."""

from __future__ import annotations

import queue
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from drivers.base import CardRead, ReaderError, ScanRead


@dataclass
class Event:
    name: str
    payload: object
    thread: str


@dataclass
class Recorder:
    """A ReaderListener that queues every call with the name of the thread it came on."""

    events: queue.Queue[Event] = field(default_factory=queue.Queue)
    seen: list[Event] = field(default_factory=list)

    def _put(self, name: str, payload: object) -> None:
        self.events.put(Event(name, payload, threading.current_thread().name))

    def on_card_present(self, read: CardRead) -> None:
        self._put("card_present", read)

    def on_card_removed(self, reader: str) -> None:
        self._put("card_removed", reader)

    def on_reader_added(self, reader: str) -> None:
        self._put("reader_added", reader)

    def on_reader_removed(self, reader: str) -> None:
        self._put("reader_removed", reader)

    def on_scan(self, scan: ScanRead) -> None:
        self._put("scan", scan)

    def on_error(self, error: ReaderError) -> None:
        self._put("error", error)

    def wait_for(
        self, name: str, timeout: float = 10.0, where: Callable[[object], bool] | None = None
    ) -> Event:
        """The next event called ``name`` (matching ``where``); earlier other events are kept."""
        deadline = time.monotonic() + timeout
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                names = [e.name for e in self.seen]
                raise AssertionError(f"no {name} event within {timeout}s; seen so far: {names}")
            try:
                event = self.events.get(timeout=remaining)
            except queue.Empty:
                continue
            self.seen.append(event)
            if event.name == name and (where is None or where(event.payload)):
                return event

    def drain(self, settle: float = 0.0) -> list[Event]:
        if settle:
            time.sleep(settle)
        out = []
        while True:
            try:
                event = self.events.get_nowait()
            except queue.Empty:
                return out
            self.seen.append(event)
            out.append(event)
