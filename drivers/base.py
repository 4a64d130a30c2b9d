"""What every card reader and scanner driver promises: values, listener and driver protocols.

A driver owns one thread. Everything it tells the application goes through a
``ReaderListener`` and is **called on the driver's own thread**: the UI's
bridge object turns the calls into Qt signals, tests collect them in a queue.
A driver never raises a device problem into the caller's thread: a reader
unplugged, a card pulled away mid-read, a failed authentication or an
unsupported card become an ``on_error`` call (or a refused ``CardRead``) and
the driver carries on with the next tap. A listener that raises is logged and
ignored, so one bad handler cannot stop the device thread.
"""

from __future__ import annotations

import enum
import logging
from dataclasses import dataclass, field
from typing import Protocol, runtime_checkable

from pos_member.domain.cards import CardKind
from pos_member.domain.errors import UserFacingError
from pos_member.domain.identifiers import IdKind

TESTED_IN = "tests/drivers/test_reader_contract.py"

log = logging.getLogger(__name__)


class Refusal(enum.StrEnum):
    """Why a card that was read cannot be accepted (secure mode, or a bad number)."""

    NOT_ISSUED_HERE = "card.not_issued_here"  # blank card, foreign card, UID-only clone
    TAMPERED = "card.tampered"  # the sector's MAC does not match
    BAD_FORMAT = "card.bad_format"  # sector present but not a layout we know
    BAD_NUMBER = "card.bad_number"  # number on the card/barcode breaks the card rule
    UNSUPPORTED = "card.unsupported"  # not a Mifare Classic 1K / no UID


@dataclass(frozen=True, slots=True)
class CardRead:
    """One card presented to a reader.

    ``uid`` is the card's identifier in upper-case hex (Mifare UID, or the
    125 kHz ID as 8 hex digits); empty for printed barcodes. ``card_number``
    is the member-card number read from the card (secure sector, barcode,
    magnetic stripe), else None. ``verified`` is True only when the card
    proved itself (secure-mode sector MAC checked). ``reason``/``message``
    say why a card was refused (``problem``: the same as an error, for the
    screen to show in the cashier's language); a refused read never carries
    a number.
    """

    reader: str
    kind: CardKind
    uid: str
    card_number: str | None = None
    verified: bool = False
    reason: Refusal | None = None
    message: str = ""
    counter: int | None = None  # issuance counter from the secure sector
    problem: UserFacingError | None = field(default=None, compare=False)

    @property
    def refused(self) -> bool:
        return self.reason is not None

    def as_dict(self) -> dict[str, object]:
        return {
            "reader": self.reader,
            "kind": self.kind.value,
            "uid": self.uid,
            "card_number": self.card_number,
            "verified": self.verified,
            "reason": self.reason.value if self.reason else None,
            "message": self.message,
            "counter": self.counter,
        }


# What a scanned or typed string turned out to be: the domain's one vocabulary.
ScanKind = IdKind


@dataclass(frozen=True, slots=True)
class Classification:
    """The meaning of one scan. ``value`` is the normalised code (number, EAN, phone)."""

    kind: ScanKind
    value: str
    raw: str
    item_code: str | None = None  # weighed goods: the store's item code
    weight_g: int | None = None
    price_fen: int | None = None
    reason: str = ""  # why REJECTED, person-readable (English)
    problem: UserFacingError | None = field(default=None, compare=False)  # the same, to translate

    @property
    def rejected(self) -> bool:
        return self.kind is ScanKind.REJECTED


@dataclass(frozen=True, slots=True)
class ScanRead:
    """A keyboard-wedge burst or serial line, with its classification."""

    reader: str
    text: str
    classification: Classification
    typed_by_hand: bool = False

    def as_dict(self) -> dict[str, object]:
        c = self.classification
        return {
            "reader": self.reader,
            "text": self.text,
            "kind": c.kind.value,
            "value": c.value,
            "item_code": c.item_code,
            "weight_g": c.weight_g,
            "price_fen": c.price_fen,
            "reason": c.reason,
            "typed_by_hand": self.typed_by_hand,
        }


@dataclass(frozen=True, slots=True)
class ReaderError:
    """A device problem reported to the listener; ``message`` is for a person.

    ``problem`` is the error itself when the driver had one: the screen shows
    it in the cashier's language (``message`` is its English).
    """

    reader: str | None
    code: str
    message: str
    details: dict[str, str] = field(default_factory=dict)
    problem: UserFacingError | None = field(default=None, compare=False)

    def as_dict(self) -> dict[str, object]:
        return {"reader": self.reader, "code": self.code, "message": self.message}


@runtime_checkable
class ReaderListener(Protocol):
    """Receives a driver's events. Every method is called on the driver's own thread."""

    def on_card_present(self, read: CardRead) -> None: ...
    def on_card_removed(self, reader: str) -> None: ...
    def on_reader_added(self, reader: str) -> None: ...
    def on_reader_removed(self, reader: str) -> None: ...
    def on_scan(self, scan: ScanRead) -> None: ...
    def on_error(self, error: ReaderError) -> None: ...


class NullListener:
    """A listener that ignores everything; subclass it to handle only some events."""

    def on_card_present(self, read: CardRead) -> None:
        pass

    def on_card_removed(self, reader: str) -> None:
        pass

    def on_reader_added(self, reader: str) -> None:
        pass

    def on_reader_removed(self, reader: str) -> None:
        pass

    def on_scan(self, scan: ScanRead) -> None:
        pass

    def on_error(self, error: ReaderError) -> None:
        pass


@runtime_checkable
class CardReaderDriver(Protocol):
    """A driver of one or more readers, running on its own thread between start and stop."""

    name: str

    def start(self) -> None:
        """Start the driver thread; events flow to the listener given at construction."""

    def stop(self, timeout: float = 5.0) -> None:
        """Stop the thread and release the device; safe to call twice."""

    @property
    def running(self) -> bool: ...

    def readers(self) -> list[str]:
        """Names of the readers the driver currently sees."""


class SafeListener:
    """Wraps a listener so that a handler raising does not kill the device thread."""

    def __init__(self, inner: ReaderListener) -> None:
        self._inner = inner

    def _call(self, method: str, *args: object) -> None:
        try:
            getattr(self._inner, method)(*args)
        except Exception:
            log.exception("reader listener %s failed", method)

    def on_card_present(self, read: CardRead) -> None:
        self._call("on_card_present", read)

    def on_card_removed(self, reader: str) -> None:
        self._call("on_card_removed", reader)

    def on_reader_added(self, reader: str) -> None:
        self._call("on_reader_added", reader)

    def on_reader_removed(self, reader: str) -> None:
        self._call("on_reader_removed", reader)

    def on_scan(self, scan: ScanRead) -> None:
        self._call("on_scan", scan)

    def on_error(self, error: ReaderError) -> None:
        self._call("on_error", error)
