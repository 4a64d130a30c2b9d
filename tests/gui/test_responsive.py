"""The GUI thread never blocks: slow reader, hung printer and unreachable head office at once.

A heartbeat timer ticks every 10 ms on the GUI thread while the cashier
identifies a member on a reader that takes 2 s to answer, rings up and pays
a sale whose receipt goes to a printer that never returns, and the sync
thread talks to a head office that accepts the connection and never
answers. The largest gap between ticks is the longest the screen froze.

A second heartbeat on a plain thread of the same process tells a frozen GUI
thread from a starved machine: when another program takes both cores, both
heartbeats stop together; when the GUI thread waits on a device, only its own
stops. The test charges the GUI thread with each of its gaps less the longest
time the control heartbeat stalled inside that gap.
"""

from __future__ import annotations

import itertools
import socket
import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer

from drivers.base import CardRead
from drivers.printers import SimulatedPrinter
from pos_member.domain.cards import CardKind
from pos_member.settings import SyncSettings
from pos_member.store import state
from pos_member.sync import local
from tests.gui.helpers import dialog, gone, press, type_into, wait_idle

pytestmark = pytest.mark.gui

MAX_GAP_S = 0.100


class HungPrinter(SimulatedPrinter):
    """A printer whose every job blocks until the test ends (a jammed USB write)."""

    release: threading.Event

    def print_job(self, data: bytes, job_name: str) -> None:
        self.started.set()
        self.release.wait()
        super().print_job(data, job_name)


@pytest.fixture
def printer() -> Iterator[HungPrinter]:
    p = HungPrinter()
    p.release = threading.Event()
    p.started = threading.Event()  # type: ignore[attr-defined]
    yield p
    p.release.set()


@pytest.fixture
def silent_head_office() -> Iterator[str]:
    """A TCP port that takes connections (kernel backlog) and never says a word."""
    srv = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    srv.bind(("127.0.0.1", 0))
    srv.listen(16)
    yield f"http://127.0.0.1:{srv.getsockname()[1]}"
    srv.close()


class Heartbeat:
    def __init__(self) -> None:
        self.ticks: list[float] = []
        self.timer = QTimer()
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.setInterval(10)
        self.timer.timeout.connect(lambda: self.ticks.append(time.perf_counter()))

    def start(self) -> None:
        self.ticks = [time.perf_counter()]
        self.timer.start()

    def stop(self) -> float:
        self.timer.stop()
        self.ticks.append(time.perf_counter())
        return max(b - a for a, b in zip(self.ticks, self.ticks[1:], strict=False))


class ControlBeat:
    """Ticks every 10 ms on its own thread: the process's share of the machine."""

    def __init__(self) -> None:
        self.ticks: list[float] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            self.ticks.append(time.perf_counter())
            time.sleep(0.010)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()

    def stall_within(self, a: float, b: float) -> float:
        """The longest stretch of (a, b) in which this heartbeat did not tick."""
        inside = [a] + [t for t in self.ticks if a < t < b] + [b]
        return max(y - x for x, y in itertools.pairwise(inside))


def charged_gap(gui: list[float], control: ControlBeat) -> float:
    """The GUI thread's worst gap, less what the whole process lost meanwhile."""
    worst = 0.0
    for a, b in itertools.pairwise(gui):
        if b - a > MAX_GAP_S / 2:
            worst = max(worst, (b - a) - control.stall_within(a, b) + 0.010)
        else:
            worst = max(worst, b - a)
    return worst


def test_charged_gap_tells_a_frozen_gui_from_a_starved_machine() -> None:
    control = ControlBeat()
    control.ticks = [i * 0.010 for i in range(101)]  # ticked all along: 0 .. 1 s
    assert charged_gap([0.0, 0.5, 0.51], control) > MAX_GAP_S  # the GUI alone froze
    control.ticks = [0.0, 0.01, 0.49, 0.5]  # the whole process stalled 0.01 .. 0.49
    assert charged_gap([0.0, 0.5, 0.51], control) < MAX_GAP_S


def test_no_event_loop_gap_with_slow_reader_hung_printer_and_silent_head_office(
    qtbot: Any,
    window: Any,
    demo: Any,
    backend: Any,
    printer: HungPrinter,
    silent_head_office: str,
) -> None:
    with backend.ctx.store.session() as s:
        local.ensure_tables(backend.ctx.store.write_engine)
        conn = s.connection()
        for key, value in (
            (state.HQ_URL, silent_head_office),
            (state.HQ_TOKEN, "t"),
            (state.HQ_STORE, "S001"),
            (state.HQ_TERMINAL, "T01"),
        ):
            state.set_state(conn, key, value)
    states: list[Any] = []
    assert backend.start_sync(states.append, SyncSettings(timeout_s=30, interval_s=0.1))

    from ui.app import settle_heap

    settle_heap()  # as the app does once the cashier is logged in
    m = demo.member(uid=True)
    beat = Heartbeat()
    control = ControlBeat()
    control.start()
    beat.start()

    def slow_reader() -> None:  # the reader's own thread: 2 s to read the card
        time.sleep(2.0)
        window.bridge.on_card_present(CardRead("Slow reader", CardKind.MIFARE, m["card_uid"]))

    threading.Thread(target=slow_reader, daemon=True).start()
    for p in demo.products[:3]:
        type_into(qtbot, window.scan_input, p["barcode"])
        wait_idle(qtbot, window.runner)
    qtbot.waitUntil(lambda: window.member is not None, timeout=5000)
    press(qtbot, window, Qt.Key.Key_F12)
    pay = dialog(qtbot, "paymentDialog")
    wait_idle(qtbot, window.runner)
    pay.exact_cash()
    wait_idle(qtbot, window.runner)
    qtbot.keyClick(pay.cash_input, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: gone(pay), timeout=5000)
    assert printer.started.wait(5)  # the receipt is stuck in the printer now
    type_into(qtbot, window.scan_input, demo.products[0]["barcode"])
    wait_idle(qtbot, window.runner)
    qtbot.wait(500)  # the sync round is still waiting on head office
    raw = beat.stop()
    control.stop()
    worst = charged_gap(beat.ticks, control)
    print(f"worst gap {raw * 1000:.1f} ms, charged to the GUI {worst * 1000:.1f} ms")

    assert window.cart_table.rowCount() == 1  # the next sale started meanwhile
    assert window.status.printer.text() == "Printer: printing…"
    assert not states or not states[-1].online  # no answer from head office yet
    assert worst < MAX_GAP_S, f"the GUI thread froze for {worst * 1000:.0f} ms"
