"""Issue 15: refund without a receipt (无单退货) by keys: F6, F4, scan the goods with a
quantity, the reason, F12, a supervisor's PIN (a wrong one refused, nothing written),
cash back at today's shelf price; over the limit refused, naming it."""

from __future__ import annotations

import sqlite3
from typing import Any

import pytest
from PySide6.QtCore import Qt

from pos_member.domain.money import Money
from tests.gui.helpers import dialog, gone, press, type_into, wait_idle

pytestmark = pytest.mark.gui


def _open(qtbot: Any, window: Any) -> Any:
    press(qtbot, window, Qt.Key.Key_F6)
    refund = dialog(qtbot, "refundDialog")
    qtbot.keyClick(refund.receipt_input, Qt.Key.Key_F4)
    qtbot.waitUntil(lambda: gone(refund))
    return dialog(qtbot, "noReceiptRefundDialog")


def _refunds(path: Any) -> list[tuple[Any, ...]]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(
            "select total_fen, original_sale_id, approved_by, json_extract(detail, '$.reason')"
            " from sales where kind = 'refund'"
        ).fetchall()
    finally:
        conn.close()


def test_no_receipt_refund_by_keys_with_a_supervisor_pin(
    qtbot: Any, window: Any, demo: Any
) -> None:
    p = min(
        (p for p in demo.products if p.get("barcode") and not p.get("weighed")),
        key=lambda p: Money.yuan(p["price"]).fen,
    )
    price = Money.yuan(p["price"])
    dlg = _open(qtbot, window)
    dlg.qty.setFocus()
    dlg.qty.selectAll()
    qtbot.keyClicks(dlg.qty, "2")
    type_into(qtbot, dlg.code_input, p["barcode"])
    wait_idle(qtbot, window.runner)
    assert dlg.table.rowCount() == 1
    assert dlg.total.text() == str(Money(price.fen * 2))
    # F12 without a reason: asked for it.
    qtbot.keyClick(dlg.code_input, Qt.Key.Key_F12)
    assert "reason" in dlg.message.text() and not gone(dlg)
    type_into(qtbot, dlg.reason_input, "lost the receipt")
    sup = dialog(qtbot, "supervisorDialog")
    sup.staff_input.setText("2001")
    type_into(qtbot, sup.pin_input, "0000")
    wait_idle(qtbot, window.runner)
    assert not gone(sup) and sup.message.text()
    assert _refunds(demo.path) == []
    type_into(qtbot, sup.pin_input, "8888")
    wait_idle(qtbot, window.runner)
    qtbot.waitUntil(lambda: gone(sup))
    wait_idle(qtbot, window.runner)
    qtbot.waitUntil(lambda: gone(dlg))
    assert _refunds(demo.path) == [(-2 * price.fen, None, "2001", "lost the receipt")]
    assert "in cash" in window.message_label.text()
    conn = sqlite3.connect(demo.path)
    (receipt_no,) = conn.execute("select receipt_no from sales where kind = 'refund'").fetchone()
    conn.close()
    assert receipt_no in window.message_label.text()


def test_over_the_limit_is_refused_naming_it(qtbot: Any, window: Any, demo: Any) -> None:
    p = max(
        (p for p in demo.products if p.get("barcode") and not p.get("weighed")),
        key=lambda p: Money.yuan(p["price"]).fen,
    )
    dlg = _open(qtbot, window)
    dlg.qty.setValue(999)
    type_into(qtbot, dlg.code_input, p["barcode"])
    wait_idle(qtbot, window.runner)
    assert "¥200.00" in dlg.message.text()
    assert dlg.table.rowCount() == 0 and dlg.items == ()
    qtbot.keyClick(dlg.code_input, Qt.Key.Key_F12)
    assert "Scan the goods" in dlg.message.text()
    assert _refunds(demo.path) == []


def test_the_dialog_in_chinese(qtbot: Any, qapp: Any, window: Any, demo: Any) -> None:
    from ui.i18n import install_translations

    p = max(
        (p for p in demo.products if p.get("barcode") and not p.get("weighed")),
        key=lambda p: Money.yuan(p["price"]).fen,
    )
    install_translations(qapp, "zh_CN")
    try:
        dlg = _open(qtbot, window)
        assert dlg.windowTitle() == "无单退货"
        assert dlg.confirm_button.text() == "现金退款（需主管）  F12"
        dlg.qty.setValue(999)
        type_into(qtbot, dlg.code_input, p["barcode"])
        wait_idle(qtbot, window.runner)
        assert "无单退货最多退 ¥200.00" in dlg.message.text()
    finally:
        install_translations(qapp, "en")
