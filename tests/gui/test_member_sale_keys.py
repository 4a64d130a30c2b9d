"""A member sale in at most six actions beyond the item scans, counted from the keys sent.

An action is one key (F12, F2, Enter), one scan (the card) or one entry typed
in one go (the PIN, the cash handed over). Reported at the counter: eight
actions (scan card, F12, type stored value, Alt+C, type cash, Tab to PIN, PIN,
Enter), Enter before the PIN an error with the focus left in the cash field,
and the change shown only for a moment in the message line.
"""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from pos_member.domain.money import Money
from pos_member.services import identify
from pos_member.store.models import Sale, Tender
from tests.gui.helpers import dialog, gone, person, scanner, type_into, wait_idle

pytestmark = pytest.mark.gui


class Cashier:
    """Sends what the cashier does, and counts it."""

    def __init__(self, qtbot: Any, window: Any) -> None:
        self.qtbot, self.window, self.actions = qtbot, window, 0

    def scan(self, code: str) -> None:
        self.actions += 1
        scanner(QApplication.focusWidget() or self.window.scan_input, code)
        wait_idle(self.qtbot, self.window.runner)

    def key(self, key: Qt.Key) -> None:
        self.actions += 1
        self.qtbot.keyClick(QApplication.focusWidget() or self.window, key)
        wait_idle(self.qtbot, self.window.runner)

    def types(self, text: str) -> None:
        self.actions += 1
        person(QApplication.focusWidget(), text)
        wait_idle(self.qtbot, self.window.runner)


def members_with_pin(demo: Any, backend: Any) -> list[tuple[dict[str, Any], Any]]:
    out = []
    for m in demo.members:
        if m.get("card_number") and m.get("pay_pin"):
            v = identify.member_view(backend.ctx, m["member_id"])
            if v.has_pay_pin and v.stored_value.fen > 0 and not v.sv_owed.fen:
                out.append((m, v))
    return out


def tenders(backend: Any, receipt_no: str) -> dict[str, int]:
    with backend.ctx.store.reading() as s:
        sale_id = s.scalar(select(Sale.id).where(Sale.receipt_no == receipt_no))
        rows = s.execute(select(Tender.kind, Tender.amount_fen).where(Tender.sale_id == sale_id))
        return {k: int(v) for k, v in rows}


def items(qtbot: Any, window: Any, code: str, times: int = 1) -> None:
    for _ in range(times):
        type_into(qtbot, window.scan_input, code)
        wait_idle(qtbot, window.runner)


def test_stored_value_covers_it_in_five_actions(
    qtbot: Any, window: Any, demo: Any, backend: Any
) -> None:
    p = demo.products[1]
    m, before = next(
        (m, v) for m, v in members_with_pin(demo, backend) if v.stored_value >= Money.yuan(500)
    )
    items(qtbot, window, p["barcode"])
    c = Cashier(qtbot, window)
    c.scan(m["card_number"])
    c.key(Qt.Key.Key_F12)
    pay = dialog(qtbot, "paymentDialog")
    wait_idle(qtbot, window.runner)
    c.key(Qt.Key.Key_F2)  # all of it from stored value; the focus goes to the PIN
    assert pay.pin_input.hasFocus()
    c.types(m["pay_pin"])
    c.key(Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: gone(pay))
    print(f"member sale, stored value only: {c.actions} actions")
    assert c.actions == 5
    receipt = window.last_receipt
    assert receipt is not None
    assert tenders(backend, receipt.receipt_no) == {"stored_value": receipt.paid.fen}
    after = identify.member_view(backend.ctx, m["member_id"])
    assert after.stored_value == before.stored_value - receipt.paid


def test_stored_value_and_cash_with_change_in_six_actions(
    qtbot: Any, window: Any, demo: Any, backend: Any
) -> None:
    priced = [x for x in demo.products if x.get("price") and not x.get("weighed")]
    p = max(priced, key=lambda x: Money.yuan(x["price"]).fen)
    m, before = min(members_with_pin(demo, backend), key=lambda mv: mv[1].stored_value.fen)
    price = Money.yuan(p["price"])
    n = before.stored_value.fen // price.fen + 1  # enough that the balance does not cover it
    items(qtbot, window, p["barcode"], n)
    c = Cashier(qtbot, window)
    c.scan(m["card_number"])
    due = window.sale.amount_due
    assert due > before.stored_value
    c.key(Qt.Key.Key_F12)
    pay = dialog(qtbot, "paymentDialog")
    wait_idle(qtbot, window.runner)
    c.key(Qt.Key.Key_F2)
    assert pay.sv_input.text() == before.stored_value.plain()
    assert pay.pin_input.hasFocus()
    c.types(m["pay_pin"])  # six digits: on to the cash, which is still due
    qtbot.waitUntil(pay.cash_input.hasFocus)
    rest = due - before.stored_value
    handed = Money.yuan(((rest.fen // 10000) + 1) * 100)  # the next ¥100 note up
    c.types(handed.plain())
    c.key(Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: gone(pay))
    print(f"member sale, stored value + cash: {c.actions} actions")
    assert c.actions == 6
    receipt = window.last_receipt
    assert receipt is not None
    change = handed - rest
    assert receipt.change == change
    assert tenders(backend, receipt.receipt_no) == {
        "stored_value": before.stored_value.fen,
        "cash": rest.fen,
    }
    # The change stays, large, where the total was, until the next sale starts.
    assert window.totals.due_caption.text() == "Change"
    assert window.totals.total_label.text() == str(change)
    qtbot.wait(300)
    window.refresh_sync_state()
    wait_idle(qtbot, window.runner)
    assert window.totals.total_label.text() == str(change)
    items(qtbot, window, p["barcode"])
    assert window.totals.due_caption.text() == "To pay"
    assert window.totals.total_label.text() == str(price)


def test_enter_before_the_pin_goes_to_the_pin(
    qtbot: Any, window: Any, demo: Any, backend: Any
) -> None:
    p = demo.products[1]
    m, _ = next(
        (m, v) for m, v in members_with_pin(demo, backend) if v.stored_value >= Money.yuan(500)
    )
    items(qtbot, window, p["barcode"])
    c = Cashier(qtbot, window)
    c.scan(m["card_number"])
    c.key(Qt.Key.Key_F12)
    pay = dialog(qtbot, "paymentDialog")
    wait_idle(qtbot, window.runner)
    assert pay.sv_input.hasFocus()
    c.types(window.sale.amount_due.plain())
    c.key(Qt.Key.Key_Return)
    assert pay.isVisible()
    assert pay.pin_input.hasFocus()
    assert pay.message.text() == "The member types the payment PIN, then Enter."
    assert pay.message.property("level") == "info"
    c.types(m["pay_pin"])
    c.key(Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: gone(pay))
    assert c.actions == 6
    assert window.last_receipt is not None


def test_every_payment_field_has_its_key(qtbot: Any, window: Any, demo: Any) -> None:
    items(qtbot, window, demo.products[1]["barcode"])
    items(qtbot, window, demo.member()["card_number"])
    qtbot.keyClick(window.scan_input, Qt.Key.Key_F12)
    pay = dialog(qtbot, "paymentDialog")
    wait_idle(qtbot, window.runner)
    qtbot.waitUntil(pay.sv_input.hasFocus)
    for letter, field in (
        (Qt.Key.Key_M, pay.pin_input),
        (Qt.Key.Key_C, pay.cash_input),
        (Qt.Key.Key_S, pay.sv_input),
        (Qt.Key.Key_P, pay.points_input),
        (Qt.Key.Key_B, pay.external_input),
    ):
        qtbot.keyClick(QApplication.focusWidget(), letter, Qt.KeyboardModifier.AltModifier)
        assert field.hasFocus(), field.objectName()


def test_stored_value_over_the_balance_is_refused_before_the_pin(
    qtbot: Any, window: Any, demo: Any, backend: Any
) -> None:
    m, before = min(members_with_pin(demo, backend), key=lambda mv: mv[1].stored_value.fen)
    priced = [x for x in demo.products if x.get("price") and not x.get("weighed")]
    p = max(priced, key=lambda x: Money.yuan(x["price"]).fen)
    items(qtbot, window, p["barcode"], before.stored_value.fen // Money.yuan(p["price"]).fen + 1)
    items(qtbot, window, m["card_number"])
    qtbot.keyClick(window.scan_input, Qt.Key.Key_F12)
    pay = dialog(qtbot, "paymentDialog")
    wait_idle(qtbot, window.runner)
    type_into(qtbot, pay.sv_input, (before.stored_value + Money(1)).plain())
    wait_idle(qtbot, window.runner)
    # Said at once, the PIN not asked for: the member is not made to type it for nothing.
    assert "too low" in pay.message.text() or "Only" in pay.message.text()
    assert pay.message.property("level") == "error"
    assert pay.sv_input.hasFocus() and not pay.pin_input.text()
    after = identify.member_view(backend.ctx, m["member_id"])
    assert after.stored_value == before.stored_value
