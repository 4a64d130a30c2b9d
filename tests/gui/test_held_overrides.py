"""Issue 15: a held sale (F8) keeps its 改价 and 整单折扣 with their reasons and approver.

Held, recalled and paid by keys on a real seeded SQLite file: the recalled basket
comes to what it came to when it was held, the sale records the supervisor who
approved the overrides, and the printed receipt still gives both reasons.
"""

from __future__ import annotations

import sqlite3
from typing import Any

import pytest
from PySide6.QtCore import Qt

from pos_member.domain.money import Money
from tests.gui.helpers import dialog, gone, pay_exact_cash, press, type_into, wait_idle

pytestmark = pytest.mark.gui


def _supervisor(qtbot: Any, window: Any) -> None:
    sup = dialog(qtbot, "supervisorDialog")
    sup.staff_input.setText("2001")
    type_into(qtbot, sup.pin_input, "8888")
    wait_idle(qtbot, window.runner)
    qtbot.waitUntil(lambda: gone(sup))
    wait_idle(qtbot, window.runner)


def _reason(qtbot: Any, field: Any, text: str) -> None:
    """Chinese comes from the input method as committed text, then Enter."""
    field.setFocus()
    field.setText(text)
    qtbot.keyClick(field, Qt.Key.Key_Return)


def override_and_discount(qtbot: Any, window: Any, demo: Any) -> Money:
    """Three lines; line 1 at ¥1 less (改价 “dented box”), then 9.5折 (“老顾客”)."""
    for p in demo.products[:3]:
        type_into(qtbot, window.scan_input, p["barcode"])
        wait_idle(qtbot, window.runner)
    p = demo.products[0]
    new = Money.yuan(p["price"]) - Money.yuan(1)
    window.cart_table.selectRow(0)
    press(qtbot, window, Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier)
    dlg = dialog(qtbot, "priceOverrideDialog")
    type_into(qtbot, dlg.price_input, str(new).lstrip("¥").replace(",", ""))
    type_into(qtbot, dlg.reason_input, "dented box")
    qtbot.waitUntil(lambda: gone(dlg))
    _supervisor(qtbot, window)
    press(qtbot, window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    dlg = dialog(qtbot, "saleDiscountDialog")
    type_into(qtbot, dlg.rate_input, "9.5")
    _reason(qtbot, dlg.reason_input, "老顾客")
    qtbot.waitUntil(lambda: gone(dlg))
    _supervisor(qtbot, window)
    assert window.draft.lines[0].price_override == new
    assert window.draft.sale_discount is not None
    return new


def test_a_held_sale_keeps_its_overrides_reasons_and_approver(
    qtbot: Any, window: Any, demo: Any, printer: Any
) -> None:
    new = override_and_discount(qtbot, window, demo)
    total = window.sale.net_total
    approver = window.draft.override_approval
    assert approver is not None and approver.staff_id == "2001"

    press(qtbot, window, Qt.Key.Key_F8)
    qtbot.waitUntil(lambda: not window.held_flow.busy and window.runner.pending == 0)
    assert window.draft.empty
    # The recall list prices the held basket with both overrides.
    assert [h.amount for h in window.backend.held_sales()] == [total]
    press(qtbot, window, Qt.Key.Key_F8)  # the only held sale comes back at once
    wait_idle(qtbot, window.runner)
    qtbot.waitUntil(lambda: not window.draft.empty)
    wait_idle(qtbot, window.runner)

    d = window.draft
    assert d.lines[0].price_override == new and d.lines[0].override_reason == "dented box"
    assert d.sale_discount is not None and d.sale_discount.reason == "老顾客"
    assert d.override_approval == approver
    assert window.sale.net_total == total
    # The cart shows each reason with its override, as the receipt prints it.
    assert "dented box" in window.cart_table.item(0, 4).text()
    assert "老顾客" in window.cart_table.item(1, 4).text()

    pay_exact_cash(qtbot, window)
    wait_idle(qtbot, window.runner)
    receipt = window.last_receipt.receipt_no
    conn = sqlite3.connect(demo.path)
    sale_id, approved, paid = conn.execute(
        "select id, approved_by, total_fen from sales where receipt_no = ?", (receipt,)
    ).fetchone()
    kinds = conn.execute(
        "select kind, description from sale_adjustments where sale_id = ?", (sale_id,)
    ).fetchall()
    conn.close()
    assert approved == "2001" and paid == total.fen
    assert ("price_override", "dented box") in kinds
    assert ("sale_discount", "95%：老顾客") in kinds
    qtbot.waitUntil(lambda: len(printer.jobs) == 1, timeout=5000)
    printed = printer.jobs[0][1]
    assert "改价：dented box".encode("gb18030") in printed
    assert "整单折扣 9.5折：老顾客".encode("gb18030") in printed
