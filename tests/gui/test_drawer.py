"""Issue 15: Ctrl+D opens the cash drawer without a sale: audited with a reason, then the
printer's ESC/POS drawer kick (``ESC p``, checked in the fake printer's bytes)."""

from __future__ import annotations

import sqlite3
from typing import Any

import pytest
from PySide6.QtCore import Qt

from pos_member.receipts.escpos import drawer_pulse
from tests.gui.helpers import dialog, gone, press, type_into, wait_idle

pytestmark = pytest.mark.gui


def _audit(demo: Any) -> list[tuple[str, str, str]]:
    conn = sqlite3.connect(demo.path)
    rows = conn.execute(
        "select staff_id, subject, detail from audit_log where action = 'drawer.open'"
    ).fetchall()
    conn.close()
    return rows


def test_ctrl_d_records_the_opening_then_kicks_the_drawer(
    qtbot: Any, window: Any, demo: Any, printer: Any
) -> None:
    before = len(printer.jobs)
    press(qtbot, window, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    dlg = dialog(qtbot, "drawerDialog")
    type_into(qtbot, dlg.reason_input, "coins for the float")
    wait_idle(qtbot, window.runner)
    qtbot.waitUntil(lambda: gone(dlg))
    qtbot.waitUntil(lambda: len(printer.jobs) > before, timeout=3000)
    name, data = printer.jobs[-1]
    assert name == "drawer"
    assert data == drawer_pulse(2) and data.startswith(b"\x1bp")  # ESC p: the kick only
    rows = _audit(demo)
    assert len(rows) == 1
    staff_id, shift, detail = rows[0]
    assert staff_id == "1001" and shift == str(window.state.shift_id or shift)
    assert "coins for the float" in detail
    qtbot.waitUntil(lambda: "drawer opened" in window.message_label.text())
    assert window.message_label.level == "ok"


def test_an_empty_reason_is_refused_and_nothing_opens(
    qtbot: Any, window: Any, demo: Any, printer: Any
) -> None:
    before = len(printer.jobs)
    press(qtbot, window, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    dlg = dialog(qtbot, "drawerDialog")
    type_into(qtbot, dlg.reason_input, "   ")
    wait_idle(qtbot, window.runner)
    assert not gone(dlg) and "why" in dlg.message.text()
    assert _audit(demo) == [] and len(printer.jobs) == before
    qtbot.keyClick(dlg.reason_input, Qt.Key.Key_Escape)  # Esc: closed, nothing opened
    qtbot.waitUntil(lambda: gone(dlg))
    assert _audit(demo) == [] and len(printer.jobs) == before


def test_a_printer_out_of_paper_says_so_and_the_opening_stays_recorded(
    qtbot: Any, window: Any, demo: Any, printer: Any
) -> None:
    from drivers.printers.base import PaperState

    printer.paper = PaperState.OUT
    press(qtbot, window, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    dlg = dialog(qtbot, "drawerDialog")
    type_into(qtbot, dlg.reason_input, "change")
    wait_idle(qtbot, window.runner)
    qtbot.waitUntil(lambda: "its key" in window.message_label.text(), timeout=3000)
    assert window.message_label.level == "error"
    assert len(_audit(demo)) == 1


def test_no_shift_no_drawer(backend: Any, cashier: Any) -> None:
    from pos_member.domain.errors import ShiftNotOpen
    from pos_member.domain.money import Money

    backend.close_shift(cashier, Money(0))
    with pytest.raises(ShiftNotOpen):
        backend.record_drawer_open(cashier, "change")
