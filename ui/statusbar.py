"""The sale screen's status bar: one small widget per item (qutebrowser's status bar shape).

Each item is a one-line label that keeps itself up to date: the link, the
events waiting, the last sync and the warnings (clock, disk), the held sales and
the printer repaint from ``ui.state.ScreenState``'s broadcast; the busy mark
follows the task runner, the readers the reader bridge. The bar only lays them out.
"""

from __future__ import annotations

from PySide6.QtWidgets import QStatusBar, QWidget

from ui.bridge import ReaderBridge
from ui.state import OpChanges, PrinterState, ScreenState
from ui.tasks import DB, TaskRunner
from ui.views import SyncView
from ui.widgets import ElidedLabel, restyle


class StatusItem(ElidedLabel):
    """One item of the bar; a long text is cut with "…": the bar never widens the window."""

    def __init__(self, name: str, state: ScreenState, parent: QWidget | None = None) -> None:
        super().__init__("", parent)
        self.setObjectName(name)
        self._state = state
        state.changed.connect(self._changed)

    def _changed(self, changes: OpChanges) -> None:
        if self.wants(changes):
            self.repaint_item()

    def wants(self, changes: OpChanges) -> bool:
        return False

    def repaint_item(self) -> None:
        """Paint from the state (overridden by each item)."""


class _SyncPart(StatusItem):
    def wants(self, changes: OpChanges) -> bool:
        return changes.sync

    def repaint_item(self) -> None:
        if self._state.sync is not None:
            self.paint_sync(self._state.sync)

    def paint_sync(self, sync: SyncView) -> None:
        raise NotImplementedError


class OnlineItem(_SyncPart):
    """● Online / ● Offline; head office's last answer in words as the tooltip."""

    def paint_sync(self, sync: SyncView) -> None:
        self.setText(self.tr("● Online") if sync.online else self.tr("● Offline"))
        self.setProperty("online", sync.online)
        restyle(self)
        self.setToolTip(sync.detail)


class WaitingItem(_SyncPart):
    """Events not yet at head office."""

    def paint_sync(self, sync: SyncView) -> None:
        self.setText(
            self.tr("Waiting to sync: {n}").format(n=sync.waiting) if sync.waiting >= 0 else ""
        )


class LastSyncItem(_SyncPart):
    def paint_sync(self, sync: SyncView) -> None:
        self.setText(
            self.tr("Last sync: {t}").format(t=sync.last_sync)
            if sync.last_sync
            else self.tr("Last sync: never")
        )


class WarningsItem(_SyncPart):
    """The PC's clock off head office's; the disk nearly full. Hidden when all is well."""

    def __init__(self, name: str, state: ScreenState, parent: QWidget | None = None) -> None:
        super().__init__(name, state, parent)
        self.setVisible(False)

    def paint_sync(self, sync: SyncView) -> None:
        warning = "  ".join(w for w in (sync.clock, sync.disk) if w)
        self.setText(warning)
        self.setVisible(bool(warning))


class HeldItem(StatusItem):
    """Held sales waiting at this till (F8 recalls them)."""

    def wants(self, changes: OpChanges) -> bool:
        return changes.held

    def repaint_item(self) -> None:
        n = self._state.held_waiting
        self.setText(self.tr("Held: {n} (F8)").format(n=n) if n else "")


class ShiftItem(StatusItem):
    """The till's open shift, or that none is open (F9 opens one)."""

    def wants(self, changes: OpChanges) -> bool:
        return changes.shift

    def repaint_item(self) -> None:
        sid = self._state.shift_id
        self.setText(
            self.tr("Shift {n}").format(n=sid) if sid is not None else self.tr("No open shift (F9)")
        )


class PrinterItem(StatusItem):
    """The receipt printer: none, ready, printing, or failed (Ctrl+P reprints)."""

    def __init__(self, name: str, state: ScreenState, parent: QWidget | None = None) -> None:
        super().__init__(name, state, parent)
        self.setText(self.tr("Printer: ready"))

    def wants(self, changes: OpChanges) -> bool:
        return changes.printer

    def repaint_item(self) -> None:
        printer = self._state.printer
        texts = {
            PrinterState.NONE: self.tr("Printer: none"),
            PrinterState.READY: self.tr("Printer: ready"),
            PrinterState.PRINTING: self.tr("Printer: printing…"),
            PrinterState.FAILED: self.tr("Printer: failed — Ctrl+P reprints"),
        }
        self.setText(texts[printer])
        failed = printer is PrinterState.FAILED
        if printer is not PrinterState.PRINTING and bool(self.property("failed")) != failed:
            self.setProperty("failed", failed)
            restyle(self)


class BusyItem(StatusItem):
    """ "Working…" while the database lane has work."""

    def __init__(self, name: str, state: ScreenState, runner: TaskRunner) -> None:
        super().__init__(name, state)
        self._runner = runner
        runner.busy_changed.connect(self._busy)

    def _busy(self, _pending: int) -> None:
        self.setText(self.tr("Working…") if self._runner.pending_on(DB) else "")


class ReadersItem(StatusItem):
    """How many card readers are plugged in."""

    def __init__(self, name: str, state: ScreenState, bridge: ReaderBridge) -> None:
        super().__init__(name, state)
        self.setText(self.tr("Reader: —"))
        self.readers: set[str] = set()
        bridge.reader_added.connect(self._added)
        bridge.reader_removed.connect(self._removed)

    def _added(self, reader: str) -> None:
        self.readers.add(reader)
        self._paint()

    def _removed(self, reader: str) -> None:
        self.readers.discard(reader)
        self._paint()

    def _paint(self) -> None:
        if self.readers:
            self.setText(self.tr("Readers: {n}").format(n=len(self.readers)))
        else:
            self.setText(self.tr("Reader: none"))


class StatusBar(QStatusBar):
    """Lays the items out: the link and the sale's on the left, the devices on the right."""

    def __init__(self, state: ScreenState, runner: TaskRunner, bridge: ReaderBridge) -> None:
        super().__init__()
        self.setObjectName("statusBar")
        self.setSizeGripEnabled(False)
        self.online = OnlineItem("syncStatusLabel", state)
        self.waiting = WaitingItem("waitingLabel", state)
        self.last_sync = LastSyncItem("lastSyncLabel", state)
        self.warnings = WarningsItem("clockSkewLabel", state)
        self.held = HeldItem("heldStatusLabel", state)
        self.shift = ShiftItem("shiftStatusLabel", state)
        self.busy = BusyItem("busyLabel", state, runner)
        self.readers = ReadersItem("readerStatusLabel", state, bridge)
        self.printer = PrinterItem("printerStatusLabel", state)
        left: tuple[StatusItem, ...] = (
            self.online, self.waiting, self.last_sync, self.warnings, self.held, self.shift,
        )  # fmt: skip
        for item in left:
            self.addWidget(item)
        for item in (self.busy, self.readers, self.printer):
            self.addPermanentWidget(item)
