"""The sale screen's one broadcast of what changed (ui.state); widgets repaint from it."""

from __future__ import annotations

from typing import Any

import pytest

from tests.gui.helpers import dialog, pay_exact_cash, type_into, wait_idle
from ui.state import OpChanges, PrinterState, ScreenState
from ui.views import SyncView

pytestmark = pytest.mark.gui


def _collect(state: ScreenState, *, everything: bool = False) -> list[OpChanges]:
    """The broadcasts; without ``everything``, not those of the sync and print lanes alone
    (the link's timer and the printer's thread answer whenever they do)."""
    got: list[OpChanges] = []

    def keep(c: OpChanges) -> None:
        if everything or c.cart or c.member or c.held or c.shift or c.change:
            got.append(c)

    state.changed.connect(keep)
    return got


def test_apply_broadcasts_once_what_was_given(qapp: Any) -> None:
    state = ScreenState()
    got = _collect(state, everything=True)
    assert not state.apply()  # nothing given: nothing said
    state.apply(held=2, sync=SyncView(True, 0, ""))
    assert got == [OpChanges(held=True, sync=True)]
    assert state.held_waiting == 2 and state.sync is not None and state.sync.online


def test_one_operation_one_broadcast(qtbot: Any, window: Any, demo: Any) -> None:
    wait_idle(qtbot, window.runner)  # the window's own start-up questions (shift, held)
    got = _collect(window.state)
    type_into(qtbot, window.scan_input, demo.products[0]["barcode"])
    wait_idle(qtbot, window.runner)
    assert got == [OpChanges(cart=True)]  # the scan's line: cart and totals repaint

    got.clear()
    m = demo.member(tiered=True)
    type_into(qtbot, window.scan_input, m["card_number"])
    wait_idle(qtbot, window.runner)
    # Identified (the member panel), then the sale priced again for the member (the cart).
    assert got == [OpChanges(member=True), OpChanges(cart=True)]


def test_the_change_shows_until_the_next_sale_starts(qtbot: Any, window: Any, demo: Any) -> None:
    wait_idle(qtbot, window.runner)
    type_into(qtbot, window.scan_input, demo.products[0]["barcode"])
    wait_idle(qtbot, window.runner)
    got = _collect(window.state)
    pay_exact_cash(qtbot, window)
    assert OpChanges(cart=True, member=True, change=True) in got
    assert window.state.paid is not None
    assert window.totals.due_caption.text() == "Change"
    got.clear()
    type_into(qtbot, window.scan_input, demo.products[0]["barcode"])
    wait_idle(qtbot, window.runner)
    assert got == [OpChanges(cart=True, change=True)] and window.state.paid is None
    assert window.totals.due_caption.text() == "To pay"


def test_status_items_repaint_from_the_state(qtbot: Any, window: Any) -> None:
    status = window.status
    window.state.apply(held=3, printer=PrinterState.FAILED)
    assert status.held.text() == "Held: 3 (F8)"
    assert status.printer.text() == "Printer: failed — Ctrl+P reprints"
    assert status.printer.property("failed") is True
    window.state.apply(sync=SyncView(False, 4, "", clock="clock off", disk=""))
    assert status.online.text() == "● Offline" and status.waiting.text() == "Waiting to sync: 4"
    assert status.warnings.text() == "clock off"
    wait_idle(qtbot, window.runner)
    assert status.shift.text().startswith("Shift ")  # the cashier fixture opened the shift


def test_opening_the_shift_shows_on_the_status_bar(
    qtbot: Any, english: None, backend: Any, runner: Any
) -> None:
    from ui.bridge import ReaderBridge
    from ui.main_window import CashierWindow

    w = CashierWindow(backend, runner, ReaderBridge(), backend.login("1001", "1111"))
    qtbot.addWidget(w)
    w.show()
    dlg = dialog(qtbot, "shiftDialog")  # no shift open on this till yet
    wait_idle(qtbot, runner)
    assert w.status.shift.text() == "No open shift (F9)"
    type_into(qtbot, dlg.amount_input, "500")
    qtbot.waitUntil(lambda: w.status.shift.text() != "No open shift (F9)")
    assert w.status.shift.text() == f"Shift {backend.current_shift()}"
