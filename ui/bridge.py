"""Driver callbacks as Qt signals.

Drivers call a ``ReaderListener`` on their own thread. ``ReaderBridge`` is
that listener: each method only emits a signal, and because the bridge lives
on the GUI thread Qt queues the signal there. Widgets connect to the signals
and never see a driver thread.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from drivers.base import CardRead, ReaderError, ScanRead
from ui.qtcompat import emit


class ReaderBridge(QObject):
    card_present = Signal(object)  # CardRead
    card_removed = Signal(str)
    reader_added = Signal(str)
    reader_removed = Signal(str)
    scanned = Signal(object)  # ScanRead
    error = Signal(object)  # ReaderError

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("readerBridge")

    # ReaderListener: called on the driver's thread.
    def on_card_present(self, read: CardRead) -> None:
        emit(self.card_present, read)

    def on_card_removed(self, reader: str) -> None:
        emit(self.card_removed, reader)

    def on_reader_added(self, reader: str) -> None:
        emit(self.reader_added, reader)

    def on_reader_removed(self, reader: str) -> None:
        emit(self.reader_removed, reader)

    def on_scan(self, scan: ScanRead) -> None:
        emit(self.scanned, scan)

    def on_error(self, error: ReaderError) -> None:
        emit(self.error, error)
