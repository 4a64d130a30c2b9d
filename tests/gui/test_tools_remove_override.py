"""Issue 15: taking a 改价 or 整单折扣 off again by keys (Ctrl+G twice, Ctrl+K twice).

No PIN is asked (the customer pays the shelf price again), the sale is priced
again, and the audit log says who took what off which sale; F1's help names the keys.
"""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from pos_member.domain.money import Money
from pos_member.store.models import AuditEntry
from tests.gui.helpers import dialog, gone, press, type_into, wait_idle
from tests.gui.test_held_overrides import override_and_discount

pytestmark = pytest.mark.gui


def _audit(window: Any, action: str) -> list[tuple[Any, ...]]:
    with window.backend.ctx.store.reading() as s:
        return [
            tuple(r)
            for r in s.execute(
                select(AuditEntry.staff_id, AuditEntry.subject, AuditEntry.detail).where(
                    AuditEntry.action == action
                )
            ).all()
        ]


def test_ctrl_g_twice_takes_the_price_change_off(qtbot: Any, window: Any, demo: Any) -> None:
    new = override_and_discount(qtbot, window, demo)
    shelf = Money.yuan(demo.products[0]["price"])
    sale_id, code = window.draft.sale_id, window.sale.lines[0].code
    window.cart_table.selectRow(0)
    press(qtbot, window, Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier)
    dlg = dialog(qtbot, "priceOverrideDialog")
    assert dlg.remove_button is not None and "Ctrl+G" in dlg.remove_button.text()
    assert "dented box" in dlg.message.text()
    qtbot.keyClick(dlg.price_input, Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: gone(dlg))
    wait_idle(qtbot, window.runner)
    assert not [w for w in qtbot_top(qtbot) if w.objectName() == "supervisorDialog"]
    line = window.draft.lines[0]
    assert line.price_override is None and line.override_reason == ""
    assert window.sale.lines[0].unit_price == shelf
    assert window.draft.sale_discount is not None  # the other override stays
    assert window.draft.override_approval is not None  # still needed for it
    ((staff, subject, detail),) = _audit(window, "sale.price_override_removed")
    assert (staff, subject) == ("1001", sale_id)
    assert detail == {
        "line_no": 1,
        "code": code,
        "price_fen": new.fen,
        "reason": "dented box",
    }


def test_ctrl_k_twice_takes_the_sale_discount_off(qtbot: Any, window: Any, demo: Any) -> None:
    override_and_discount(qtbot, window, demo)
    sale_id = window.draft.sale_id
    with_discount = window.sale.net_total
    press(qtbot, window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    dlg = dialog(qtbot, "saleDiscountDialog")
    assert dlg.remove_button is not None and "老顾客" in dlg.message.text()
    qtbot.keyClick(dlg.rate_input, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: gone(dlg))
    wait_idle(qtbot, window.runner)
    assert window.draft.sale_discount is None
    assert window.sale.net_total > with_discount
    assert window.draft.lines[0].price_override is not None  # the 改价 stays
    assert _audit(window, "sale.sale_discount_removed") == [
        ("1001", sale_id, {"discount": "95%", "reason": "老顾客"})
    ]
    # With neither left, the approval goes too.
    window.cart_table.selectRow(0)
    press(qtbot, window, Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier)
    dlg = dialog(qtbot, "priceOverrideDialog")
    qtbot.keyClick(dlg.price_input, Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: gone(dlg))
    wait_idle(qtbot, window.runner)
    assert not window.draft.overridden and window.draft.override_approval is None


def test_a_line_without_a_change_offers_no_removal(qtbot: Any, window: Any, demo: Any) -> None:
    type_into(qtbot, window.scan_input, demo.products[0]["barcode"])
    wait_idle(qtbot, window.runner)
    window.cart_table.selectRow(0)
    press(qtbot, window, Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier)
    dlg = dialog(qtbot, "priceOverrideDialog")
    assert dlg.remove_button is None
    qtbot.keyClick(dlg.price_input, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: gone(dlg))
    press(qtbot, window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    dlg = dialog(qtbot, "saleDiscountDialog")
    assert dlg.remove_button is None
    qtbot.keyClick(dlg.rate_input, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: gone(dlg))


def test_f1_names_the_keys_that_take_overrides_off(qtbot: Any, window: Any, english: None) -> None:
    press(qtbot, window, Qt.Key.Key_F1)
    box = dialog(qtbot, "helpDialog")
    assert "Ctrl+G twice" in box.text() and "Ctrl+K twice" in box.text()
    qtbot.keyClick(box, Qt.Key.Key_Escape)


def qtbot_top(qtbot: Any) -> list[Any]:
    from PySide6.QtWidgets import QApplication

    return [w for w in QApplication.topLevelWidgets() if w.isVisible()]
