"""A scanner burst never lands in a money, quantity or PIN field.

Keys are real ``QKeyEvent``s stamped as the platform stamps them: a scanner's
8 ms apart ending in Enter, a person's 150 ms apart. Reported at the counter:
a product scanned while the payment dialog was open went into the stored-value
field as ¥6,900,000,000,000,069.00; a scan during F4 set quantity 6900000000052.
"""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import func, select

from pos_member.store.models import Sale
from tests.gui.helpers import dialog, gone, person, press, scanner, timed_keys, type_into, wait_idle

pytestmark = pytest.mark.gui


def ring_up(qtbot: Any, window: Any, codes: list[str]) -> None:
    for code in codes:
        type_into(qtbot, window.scan_input, code)
        wait_idle(qtbot, window.runner)


def sales(backend: Any) -> int:
    with backend.ctx.store.reading() as s:
        return int(s.scalar(select(func.count(Sale.id))) or 0)


def test_qtest_typing_has_no_timestamps(qtbot: Any, window: Any) -> None:
    """The guard treats keys without a timestamp as typing, so qtbot's keys type as ever."""
    from PySide6.QtCore import QEvent, QObject

    stamps: list[int] = []

    class Spy(QObject):
        def eventFilter(self, obj: QObject, ev: QEvent) -> bool:  # noqa: N802
            if ev.type() == QEvent.Type.KeyPress:
                stamps.append(ev.timestamp())  # type: ignore[attr-defined]
            return False

    spy = Spy()
    window.scan_input.installEventFilter(spy)
    qtbot.keyClicks(window.scan_input, "12")
    window.scan_input.removeEventFilter(spy)
    assert stamps == [0, 0]


def test_scan_during_f4_does_not_set_the_quantity(qtbot: Any, window: Any, demo: Any) -> None:
    first, second = demo.products[0]["barcode"], demo.products[1]["barcode"]
    ring_up(qtbot, window, [first])
    press(qtbot, window, Qt.Key.Key_F4)
    dlg = dialog(qtbot, "quantityDialog")
    scanner(dlg.input, second)
    assert dlg.isVisible(), "the scan's Enter must not confirm the dialog"
    assert dlg.input.text() == "1"
    assert second in dlg.message.text() and "scan" in dlg.message.text()
    assert window.draft.lines[0].quantity == 1
    # The cashier then types the quantity as usual; the selection was kept, so it replaces it.
    person(dlg.input, "3", enter=True)
    qtbot.waitUntil(lambda: gone(dlg))
    wait_idle(qtbot, window.runner)
    assert [ln.quantity for ln in window.draft.lines] == [3]
    assert window.sale.item_count == 3


def test_scan_into_payment_fields_is_refused(
    qtbot: Any, window: Any, demo: Any, backend: Any
) -> None:
    m = demo.member()
    ring_up(qtbot, window, [demo.products[0]["barcode"], m["card_number"]])
    press(qtbot, window, Qt.Key.Key_F12)
    pay = dialog(qtbot, "paymentDialog")
    wait_idle(qtbot, window.runner)
    before = sales(backend)
    code = demo.products[1]["barcode"]
    for field in (pay.sv_input, pay.cash_input, pay.points_input, pay.pin_input):
        field.setFocus()
        scanner(field, code)
        assert field.text() == "", field.objectName()
        assert pay.isVisible()
        assert code in pay.message.text()
    wait_idle(qtbot, window.runner)
    assert sales(backend) == before
    assert len(window.draft.lines) == 1  # the sale behind did not change either
    # Typed by a person, the same field takes the amount.
    person(pay.cash_input, "100")
    assert pay.cash_input.text() == "100"


def test_two_keys_pressed_together_are_kept(qtbot: Any, window: Any, demo: Any) -> None:
    ring_up(qtbot, window, [demo.products[0]["barcode"], demo.member()["card_number"]])
    press(qtbot, window, Qt.Key.Key_F12)
    pay = dialog(qtbot, "paymentDialog")
    pay.cash_input.setFocus()
    timed_keys(pay.cash_input, "50", 10, enter=False)  # a fast hand, not a scanner
    qtbot.waitUntil(lambda: pay.cash_input.text() == "50")


def test_scan_into_the_supervisor_pin_is_refused(qtbot: Any, window: Any, demo: Any) -> None:
    ring_up(qtbot, window, [demo.products[0]["barcode"]])
    press(qtbot, window, Qt.Key.Key_Delete, Qt.KeyboardModifier.ControlModifier)  # void: approval
    sup = dialog(qtbot, "supervisorDialog")
    sup.staff_input.setText("2001")
    sup.pin_input.setFocus()
    scanner(sup.pin_input, demo.products[1]["barcode"])
    wait_idle(qtbot, window.runner)
    assert sup.isVisible() and sup.pin_input.text() == ""
    assert sup.message.text() == "That was a scan, not a PIN: the supervisor types the PIN."
    assert window.cart_table.rowCount() == 1


def test_esc_puts_an_old_error_away(qtbot: Any, window: Any) -> None:
    type_into(qtbot, window.scan_input, "6901234567892")  # no such product
    wait_idle(qtbot, window.runner)
    assert window.message_label.property("level") == "error"
    press(qtbot, window, Qt.Key.Key_Escape)
    assert window.message_label.text() == "Ready. Scan a product or tap a member card."
    assert window.message_label.property("level") == "info"


def test_scan_on_the_payment_method_box_does_not_pay(
    qtbot: Any, window: Any, demo: Any, backend: Any
) -> None:
    ring_up(qtbot, window, [demo.products[0]["barcode"]])
    press(qtbot, window, Qt.Key.Key_F12)
    pay = dialog(qtbot, "paymentDialog")
    wait_idle(qtbot, window.runner)
    press(qtbot, pay, Qt.Key.Key_F5)  # exact cash: Enter would pay
    wait_idle(qtbot, window.runner)
    before = sales(backend)
    pay.method_box.setFocus()
    scanner(pay.method_box, demo.products[1]["barcode"])
    wait_idle(qtbot, window.runner)
    assert pay.isVisible() and sales(backend) == before
    assert demo.products[1]["barcode"] in pay.message.text()
    assert pay.method_box.currentData() == "bank_card"
