"""Issue 15: 改价 by keys (Ctrl+G): new price and reason, a supervisor's PIN (a wrong PIN
refused, nothing changed), the reason on the sale's line adjustment, the approver on
the sale."""

from __future__ import annotations

import sqlite3
from typing import Any

import pytest
from PySide6.QtCore import Qt

from pos_member.domain.money import Money
from tests.gui.helpers import dialog, gone, pay_exact_cash, press, type_into, wait_idle

pytestmark = pytest.mark.gui


def _override(qtbot: Any, window: Any, price: str, reason: str) -> Any:
    press(qtbot, window, Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier)
    dlg = dialog(qtbot, "priceOverrideDialog")
    type_into(qtbot, dlg.price_input, price)
    type_into(qtbot, dlg.reason_input, reason)
    qtbot.waitUntil(lambda: gone(dlg))
    return dialog(qtbot, "supervisorDialog")


def test_price_override_with_a_supervisor_pin_reaches_the_sale(
    qtbot: Any, window: Any, demo: Any
) -> None:
    p = demo.products[0]
    type_into(qtbot, window.scan_input, p["barcode"])
    wait_idle(qtbot, window.runner)
    window.cart_table.selectRow(0)
    new = Money.yuan(p["price"]) - Money.yuan(1)
    sup = _override(qtbot, window, str(new).lstrip("¥").replace(",", ""), "dented box")
    # A wrong PIN first: refused, the price unchanged.
    sup.staff_input.setText("2001")
    type_into(qtbot, sup.pin_input, "0000")
    wait_idle(qtbot, window.runner)
    assert not gone(sup) and sup.message.text()
    assert window.draft.lines[0].price_override is None
    type_into(qtbot, sup.pin_input, "8888")
    wait_idle(qtbot, window.runner)
    qtbot.waitUntil(lambda: gone(sup))
    wait_idle(qtbot, window.runner)
    assert window.draft.lines[0].price_override == new
    assert window.sale.lines[0].unit_price == new
    pay_exact_cash(qtbot, window)
    wait_idle(qtbot, window.runner)
    receipt = window.last_receipt.receipt_no
    conn = sqlite3.connect(demo.path)
    sale_id, approved = conn.execute(
        "select id, approved_by from sales where receipt_no = ?", (receipt,)
    ).fetchone()
    adj = conn.execute(
        "select kind, description from sale_adjustments where sale_id = ?", (sale_id,)
    ).fetchall()
    conn.close()
    assert approved == "2001"
    assert ("price_override", "dented box") in adj


def test_no_reason_no_override(qtbot: Any, window: Any, demo: Any) -> None:
    p = demo.products[0]
    type_into(qtbot, window.scan_input, p["barcode"])
    wait_idle(qtbot, window.runner)
    window.cart_table.selectRow(0)
    press(qtbot, window, Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier)
    dlg = dialog(qtbot, "priceOverrideDialog")
    type_into(qtbot, dlg.price_input, "1.00")
    type_into(qtbot, dlg.reason_input, "")
    assert not gone(dlg) and "reason" in dlg.message.text()
    qtbot.keyClick(dlg.reason_input, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: gone(dlg))
    assert window.draft.lines[0].price_override is None
