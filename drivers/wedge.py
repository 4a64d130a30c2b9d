"""Keyboard-wedge readers: tell a scanner's burst of keys from a person typing, then route it.

USB barcode scanners, 125 kHz ID readers and magnetic-stripe swipers are
keyboards that type a whole code within a few milliseconds per key and end it
with Enter (sometimes Tab). People type at 60-150 ms per key or slower.
``BurstDetector`` is pure: fed ``(character, timestamp)`` pairs it returns
finished ``Burst`` values. ``KeyboardWedgeDriver`` owns a thread that runs the
detector on keys the UI forwards, classifies each burst and calls the
listener: member cards, magnetic stripes and ID cards as ``on_card_present``,
everything else (products, weighed goods, phone numbers, garbage with its
reason) as ``on_scan``.
"""

from __future__ import annotations

import enum
import itertools
import logging
import queue
import threading
import time
from dataclasses import dataclass, field

from drivers.base import (
    CardRead,
    Classification,
    ReaderListener,
    SafeListener,
    ScanKind,
    ScanRead,
)
from drivers.classify import Classifier, ScanClassifier
from pos_member.domain.cards import CardKind

TESTED_IN = "tests/drivers/test_wedge_driver.py"

log = logging.getLogger(__name__)

TERMINATORS = frozenset({"\r", "\n", "\t"})


class BurstKind(enum.StrEnum):
    SCAN = "scan"  # fast keys ending in Enter/Tab: a scanner
    TRUNCATED = "truncated"  # fast keys that stopped without Enter: a scan cut short
    TYPED = "typed"  # a person typed it and pressed Enter
    STRAY = "stray"  # keys without Enter that were abandoned


@dataclass(frozen=True, slots=True)
class Burst:
    kind: BurstKind
    text: str
    started: float
    ended: float
    max_gap_ms: float  # the slowest gap between two keys of the text

    @property
    def from_scanner(self) -> bool:
        return self.kind in (BurstKind.SCAN, BurstKind.TRUNCATED)


@dataclass
class BurstDetector:
    """Splits a stream of timed keys into scanner bursts and typed text.

    A run of keys each closer than ``gap_ms`` to the previous one, at least
    ``min_length`` long and ended by a terminator, is a scan. A fast run that
    stops without a terminator is a truncated scan. Slower keys accumulate as
    typed text, finished by Enter or abandoned after ``idle_s``; a scanner
    burst in the middle of typing is still recognised, and the typed keys
    before it are reported as stray.
    """

    gap_ms: float = 40.0
    min_length: int = 4
    idle_s: float = 3.0
    _run: list[tuple[str, float]] = field(default_factory=list)
    _typed: list[tuple[str, float]] = field(default_factory=list)

    def feed(self, char: str, at: float) -> list[Burst]:
        """Add one key pressed at ``at`` (seconds, monotonic); return bursts it completed."""
        if len(char) != 1:
            raise ValueError("feed one character at a time")
        out: list[Burst] = []
        if self._run and (at - self._run[-1][1]) * 1000 > self.gap_ms:
            out.extend(self._end_run())
        if char in TERMINATORS:
            out.extend(self._terminate(at))
            return out
        self._run.append((char, at))
        return out

    def flush(self, now: float) -> list[Burst]:
        """Call when no key came for a while: ends a fast run, abandons stale typing."""
        out: list[Burst] = []
        if self._run and (now - self._run[-1][1]) * 1000 > self.gap_ms:
            out.extend(self._end_run())
        if self._typed and not self._run and now - self._typed[-1][1] > self.idle_s:
            out.append(self._make(BurstKind.STRAY, self._typed))
            self._typed = []
        return out

    @property
    def pending(self) -> bool:
        return bool(self._run or self._typed)

    def _is_fast_run(self) -> bool:
        return len(self._run) >= self.min_length

    def _end_run(self) -> list[Burst]:
        """The fast run was interrupted by a pause."""
        if self._is_fast_run():
            out = []
            if self._typed:
                out.append(self._make(BurstKind.STRAY, self._typed))
                self._typed = []
            out.append(self._make(BurstKind.TRUNCATED, self._run))
            self._run = []
            return out
        # Too short to be a scanner: these were keys typed by a person.
        self._typed.extend(self._run)
        self._run = []
        return []

    def _terminate(self, at: float) -> list[Burst]:
        out: list[Burst] = []
        if self._is_fast_run():
            if self._typed:
                out.append(self._make(BurstKind.STRAY, self._typed))
                self._typed = []
            out.append(self._make(BurstKind.SCAN, self._run, at))
        else:
            self._typed.extend(self._run)
            if self._typed:
                out.append(self._make(BurstKind.TYPED, self._typed, at))
        self._run, self._typed = [], []
        return out

    @staticmethod
    def _make(kind: BurstKind, keys: list[tuple[str, float]], ended: float | None = None) -> Burst:
        gaps = [(b[1] - a[1]) * 1000 for a, b in itertools.pairwise(keys)]
        return Burst(
            kind=kind,
            text="".join(k for k, _ in keys),
            started=keys[0][1],
            ended=keys[-1][1] if ended is None else ended,
            max_gap_ms=max(gaps, default=0.0),
        )


_CARD_KINDS = {
    ScanKind.MEMBER_CARD: CardKind.BARCODE,
    ScanKind.MAGSTRIPE: CardKind.MAGSTRIPE,
    ScanKind.ID125K: CardKind.ID125K,
}


def scan_events(
    reader: str, text: str, classifier: ScanClassifier, typed: bool
) -> CardRead | ScanRead:
    """The event one finished scan becomes: a card read for card numbers, else a scan."""
    c = classifier.classify(text)
    kind = _CARD_KINDS.get(c.kind)
    if kind is not None and not typed:
        if kind is CardKind.ID125K:
            return CardRead(reader=reader, kind=kind, uid=c.value)
        return CardRead(reader=reader, kind=kind, uid="", card_number=c.value)
    return ScanRead(reader=reader, text=text, classification=c, typed_by_hand=typed)


class KeyboardWedgeDriver:
    """Runs a ``BurstDetector`` on its own thread over keys forwarded by the UI.

    The UI calls ``feed_key(char, timestamp)`` from its event filter (any
    thread, non-blocking). Typed text finished with Enter is reported as an
    ``on_scan`` with ``typed_by_hand=True`` so that, for example, a phone
    number typed at the member prompt is found like a scanned card.
    """

    kind = "keyboard_wedge"

    def __init__(
        self,
        listener: ReaderListener,
        *,
        classifier: ScanClassifier | None = None,
        gap_ms: float = 40.0,
        min_length: int = 4,
        name: str = "keyboard",
    ) -> None:
        self.name = name
        self._listener = SafeListener(listener)
        self._classifier: ScanClassifier = classifier or Classifier()
        self._detector = BurstDetector(gap_ms=gap_ms, min_length=min_length)
        self._keys: queue.Queue[tuple[str, float] | None] = queue.Queue()
        self._thread: threading.Thread | None = None
        self._tick = max(gap_ms / 1000, 0.005)

    def start(self) -> None:
        if self.running:
            return
        self._thread = threading.Thread(target=self._run, name=f"reader-{self.name}", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        if self._thread is not None:
            self._keys.put(None)
            self._thread.join(timeout)
            self._thread = None

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def readers(self) -> list[str]:
        return [self.name] if self.running else []

    def feed_key(self, char: str, at: float | None = None) -> None:
        """Forward one key (from any thread); ``at`` defaults to now.

        ``at`` must be on the ``time.monotonic()`` clock (the thread compares it
        with that clock to end bursts): convert event timestamps such as
        ``QKeyEvent.timestamp()`` or leave ``at`` out.
        """
        for ch in char:
            self._keys.put((ch, time.monotonic() if at is None else at))

    def _run(self) -> None:
        self._listener.on_reader_added(self.name)
        while True:
            try:
                item = self._keys.get(timeout=self._tick if self._detector.pending else None)
            except queue.Empty:
                self._emit(self._detector.flush(time.monotonic()))
                continue
            if item is None:
                break
            try:
                self._emit(self._detector.feed(*item))
            except ValueError:
                log.debug("ignored a key that is not one character")
        self._listener.on_reader_removed(self.name)

    def _emit(self, bursts: list[Burst]) -> None:
        for burst in bursts:
            if burst.kind is BurstKind.STRAY:
                log.debug("stray keys ignored (%d)", len(burst.text))
                continue
            if burst.kind is BurstKind.TRUNCATED:
                reason = "The scan stopped before its end (no Enter): scan again."
                c = Classification(ScanKind.REJECTED, "", burst.text, reason=reason)
                self._listener.on_scan(ScanRead(self.name, burst.text, c))
                continue
            event = scan_events(
                self.name, burst.text, self._classifier, burst.kind is BurstKind.TYPED
            )
            if isinstance(event, CardRead):
                self._listener.on_card_present(event)
            else:
                self._listener.on_scan(event)
