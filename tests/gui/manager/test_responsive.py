"""Manager mode never freezes the screen: a 2 s secure-card write and the reports at once.

A heartbeat ticks every 10 ms on the GUI thread while a blank card is written
by a reader that takes 2 s (the real driver blocks its caller for as long as
the card takes; here the reader is a simulated one that is merely slow) and
the reports are computed. The largest gap between ticks is the longest freeze.
"""

from __future__ import annotations

import itertools
import threading
import time
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer

from drivers.base import CardRead, Refusal
from drivers.simulated import SimulatedReaderDriver
from pos_member.domain.cards import CardKind
from tests.gui.helpers import type_into, wait_idle

from .helpers import child

pytestmark = pytest.mark.gui

MAX_GAP_S = 0.100
WRITE_S = 2.0


class SlowSecureReader(SimulatedReaderDriver):
    """A simulated reader that "writes" a secure card in 2 s and reports who called it."""

    def __init__(self, *a: Any, **kw: Any) -> None:
        super().__init__(*a, **kw)
        self.writer_threads: list[str] = []

    def issue_secure(self, reader: str, card_number: str, counter: int) -> CardRead:
        self.writer_threads.append(threading.current_thread().name)
        time.sleep(WRITE_S)
        return CardRead(reader, CardKind.MIFARE, "0EADBEEF", card_number, True, counter=counter)


def test_secure_write_and_reports_keep_the_screen_alive(
    qtbot: Any, mwindow: Any, runner: Any, mbackend: Any, manager: Any, bridge: Any
) -> None:
    from drivers.base import SafeListener

    slow = SlowSecureReader(SafeListener(bridge), production=False)
    slow.start()
    try:
        mwindow.writers = [slow]
        mbackend.register(
            manager, name="韩梅梅", phone="13700000055", birthday=None, gender=None, consent=True
        )
        type_into(qtbot, mwindow.search_input, "13700000055")
        wait_idle(qtbot, runner)
        qtbot.keyClick(mwindow, Qt.Key.Key_F3)
        dlg = child(qtbot, mwindow, "issueCardDialog")

        ticks: list[float] = []
        beat = QTimer()
        beat.setInterval(10)
        beat.timeout.connect(lambda: ticks.append(time.perf_counter()))
        beat.start()
        blank = CardRead(
            slow.name, CardKind.MIFARE, "0EADBEEF", reason=Refusal.NOT_ISSUED_HERE, message="blank"
        )
        started = time.perf_counter()
        with qtbot.waitSignal(dlg.issued, timeout=10_000) as got:
            bridge.on_card_present(blank)  # as the driver calls it, from its thread
            mwindow.reports_view.refresh()
        beat.stop()
        took = time.perf_counter() - started
        assert took >= WRITE_S
        assert got.args[0].uid == "0EADBEEF" and got.args[0].member_id
        assert slow.writer_threads == ["lane-device"]  # never the GUI thread
        gaps = [b - a for a, b in itertools.pairwise(ticks)]
        assert len(ticks) > WRITE_S / 0.02, "the heartbeat ran through the write"
        assert max(gaps) < MAX_GAP_S, f"the screen froze for {max(gaps) * 1000:.0f} ms"
    finally:
        slow.stop(timeout=2.0)
