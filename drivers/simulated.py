"""A simulated card reader for demos and tests: cards are "tapped" by a call.

It behaves like a real driver (its own thread, the same listener calls) so
the cashier app can be demonstrated without hardware. It refuses to start
when the settings say production, so a misconfigured store never accepts a
card nobody tapped.
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable

from drivers.base import CardRead, ReaderError, ReaderListener, SafeListener
from drivers.classify import Classifier, ScanClassifier
from drivers.errors import SimulatedReaderInProduction
from drivers.settings import DeviceSettings
from drivers.wedge import scan_events
from pos_member.domain.cards import CardKind

TESTED_IN = "tests/drivers/test_simulated_reader.py"

log = logging.getLogger(__name__)


class SimulatedReaderDriver:
    """Turns ``tap``/``lift``/``scan``/``fail`` calls into listener calls on its own thread."""

    kind = "simulated"

    def __init__(
        self,
        listener: ReaderListener,
        *,
        production: bool,
        classifier: ScanClassifier | None = None,
        name: str = "Simulated reader",
    ) -> None:
        self.name = name
        self._production = production
        self._listener = SafeListener(listener)
        self._classifier: ScanClassifier = classifier or Classifier()
        self._events: queue.Queue[Callable[[], None] | None] = queue.Queue()
        self._thread: threading.Thread | None = None
        self._card_on: bool = False

    @classmethod
    def from_settings(
        cls, listener: ReaderListener, settings: DeviceSettings
    ) -> SimulatedReaderDriver:
        return cls(
            listener,
            production=settings.production,
            classifier=Classifier.from_settings(settings),
        )

    def start(self) -> None:
        if self._production:
            raise SimulatedReaderInProduction()
        if self.running:
            return
        self._thread = threading.Thread(target=self._run, name=f"reader-{self.name}", daemon=True)
        self._thread.start()
        self._events.put(lambda: self._listener.on_reader_added(self.name))

    def stop(self, timeout: float = 5.0) -> None:
        if self._thread is not None:
            self._events.put(lambda: self._listener.on_reader_removed(self.name))
            self._events.put(None)
            self._thread.join(timeout)
            self._thread = None

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def readers(self) -> list[str]:
        return [self.name] if self.running else []

    # --- what a demo or a test does ------------------------------------------------------------

    def tap(
        self,
        uid: str,
        card_number: str | None = None,
        *,
        verified: bool = False,
        kind: CardKind = CardKind.MIFARE,
    ) -> None:
        """Put a card on the reader (it stays there until ``lift``)."""
        read = CardRead(
            reader=self.name,
            kind=kind,
            uid=uid.upper(),
            card_number=card_number,
            verified=verified and card_number is not None,
        )
        self._post(lambda: self._present(read))

    def lift(self) -> None:
        self._post(self._remove)

    def scan(self, text: str) -> None:
        """A scanner read ``text`` (classified like a keyboard-wedge scan)."""

        def emit() -> None:
            event = scan_events(self.name, text, self._classifier, typed=False)
            if isinstance(event, CardRead):
                self._listener.on_card_present(event)
            else:
                self._listener.on_scan(event)

        self._post(emit)

    def fail(self, code: str, message: str) -> None:
        """Report a device problem, as a real reader would."""
        self._post(lambda: self._listener.on_error(ReaderError(self.name, code, message)))

    def _post(self, action: Callable[[], None]) -> None:
        if not self.running:
            log.debug("simulated reader not running: event dropped")
            return
        self._events.put(action)

    def _present(self, read: CardRead) -> None:
        if self._card_on:
            self._remove()
        self._card_on = True
        self._listener.on_card_present(read)

    def _remove(self) -> None:
        if self._card_on:
            self._card_on = False
            self._listener.on_card_removed(self.name)

    def _run(self) -> None:
        while True:
            action = self._events.get()
            if action is None:
                return
            action()
