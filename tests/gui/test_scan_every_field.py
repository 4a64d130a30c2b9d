"""Issue 15: a scanner burst into any money, quantity or PIN field of a cashier dialog is
refused there (the field keeps what it had, the burst's Enter confirms nothing).

``test_scan_guard`` covers F4's quantity, the payment's fields and the supervisor's PIN;
``test_recharge`` the real-name ID and account fields. These are the others: the
shift's float and cash count, 改价, 整单折扣, the recharge's amounts, the refund's
quantities and the no-receipt refund's quantity. Keys are stamped as a scanner's (8 ms).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import Qt

from tests.gui.helpers import dialog, gone, pay_exact_cash, press, scanner, type_into, wait_idle

pytestmark = pytest.mark.gui

CODE = "6901234567892"


def ring_up(qtbot: Any, window: Any, demo: Any, n: int = 1) -> None:
    for p in demo.products[:n]:
        type_into(qtbot, window.scan_input, p["barcode"])
        wait_idle(qtbot, window.runner)


def shift(qtbot: Any, window: Any, demo: Any) -> tuple[Any, list[Any]]:
    press(qtbot, window, Qt.Key.Key_F9)
    dlg = dialog(qtbot, "shiftDialog")
    wait_idle(qtbot, window.runner)
    return dlg, list(dlg.count_inputs.values())


def price_override(qtbot: Any, window: Any, demo: Any) -> tuple[Any, list[Any]]:
    ring_up(qtbot, window, demo)
    window.cart_table.selectRow(0)
    press(qtbot, window, Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier)
    dlg = dialog(qtbot, "priceOverrideDialog")
    return dlg, [dlg.price_input]


def sale_discount(qtbot: Any, window: Any, demo: Any) -> tuple[Any, list[Any]]:
    ring_up(qtbot, window, demo)
    press(qtbot, window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    dlg = dialog(qtbot, "saleDiscountDialog")
    return dlg, [dlg.rate_input, dlg.amount_input]


def recharge(qtbot: Any, window: Any, demo: Any) -> tuple[Any, list[Any]]:
    type_into(qtbot, window.scan_input, demo.member()["card_number"])
    wait_idle(qtbot, window.runner)
    press(qtbot, window, Qt.Key.Key_F7)
    dlg = dialog(qtbot, "rechargeDialog")
    wait_idle(qtbot, window.runner)
    return dlg, [dlg.amount_input, dlg.external_input, dlg.cash_input]


def refund(qtbot: Any, window: Any, demo: Any) -> tuple[Any, list[Any]]:
    ring_up(qtbot, window, demo, 2)
    pay_exact_cash(qtbot, window)
    receipt = window.last_receipt.receipt_no
    press(qtbot, window, Qt.Key.Key_F6)
    dlg = dialog(qtbot, "refundDialog")
    type_into(qtbot, dlg.receipt_input, receipt)
    wait_idle(qtbot, window.runner)
    return dlg, list(dlg._spins.values())


def no_receipt_refund(qtbot: Any, window: Any, demo: Any) -> tuple[Any, list[Any]]:
    press(qtbot, window, Qt.Key.Key_F6)
    first = dialog(qtbot, "refundDialog")
    qtbot.keyClick(first.receipt_input, Qt.Key.Key_F4)
    dlg = dialog(qtbot, "noReceiptRefundDialog")
    return dlg, [dlg.qty]


def _text(field: Any) -> str:
    return str(field.text()) if hasattr(field, "text") else str(field.value())


@pytest.mark.parametrize(
    "opener",
    [shift, price_override, sale_discount, recharge, refund, no_receipt_refund],
    ids=lambda f: f.__name__,
)
def test_a_scan_into_the_field_is_refused(
    qtbot: Any, window: Any, demo: Any, opener: Callable[..., tuple[Any, list[Any]]]
) -> None:
    dlg, fields = opener(qtbot, window, demo)
    assert fields
    for field in fields:
        field.setFocus()
        before = _text(field)
        scanner(field, CODE)
        qtbot.wait(100)  # the guard's run ends after three gaps
        wait_idle(qtbot, window.runner)
        assert _text(field) == before, (field.objectName(), _text(field))
        assert not gone(dlg), field.objectName()
        assert CODE in dlg.message.text() or "scan" in dlg.message.text().lower(), (
            field.objectName(),
            dlg.message.text(),
        )
    qtbot.keyClick(fields[0], Qt.Key.Key_Escape)  # Esc closes it: nothing was changed
    qtbot.waitUntil(lambda: gone(dlg))
