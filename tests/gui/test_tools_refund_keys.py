"""Issue 15: refund by keys: Tab walks the lines' "back" fields (not the table's cells),
and the confirmation names the cash to hand back."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.gui.helpers import dialog, pay_exact_cash, press, type_into, wait_idle

pytestmark = pytest.mark.gui


def test_tab_walks_lines_and_the_confirmation_says_the_cash(
    qtbot: Any, window: Any, demo: Any
) -> None:
    for p in demo.products[:3]:
        type_into(qtbot, window.scan_input, p["barcode"])
        wait_idle(qtbot, window.runner)
    pay_exact_cash(qtbot, window)
    receipt = window.last_receipt.receipt_no
    press(qtbot, window, Qt.Key.Key_F6)
    dlg = dialog(qtbot, "refundDialog")
    type_into(qtbot, dlg.receipt_input, receipt)
    wait_idle(qtbot, window.runner)
    spins = list(dlg._spins.values())
    assert len(spins) == 3 and QApplication.focusWidget() is spins[0]
    # Two Tabs: line 3's field (one Tab per line, not per cell).
    qtbot.keyClick(spins[0], Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is spins[1]
    qtbot.keyClick(spins[1], Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is spins[2]
    assert dlg.table.currentRow() == 2 or dlg.table.selectionModel().isRowSelected(2)
    qtbot.keyClick(spins[2], Qt.Key.Key_Up)  # one unit back
    wait_idle(qtbot, window.runner)
    qtbot.waitUntil(dlg.confirm_button.isEnabled, timeout=3000)
    wait_idle(qtbot, window.runner)
    qtbot.keyClick(spins[2], Qt.Key.Key_F12)
    wait_idle(qtbot, window.runner)
    box = dialog(qtbot, "refundConfirm")
    cash = dlg.cash.text()
    assert f"Hand back {cash} in cash." in box.text()
    qtbot.keyClick(box, Qt.Key.Key_Escape)
