"""The other cashier flows through real widgets: card tap, refund, recharge, count card, shift."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from drivers.base import SafeListener
from drivers.simulated import SimulatedReaderDriver
from pos_member.domain.money import Money
from pos_member.services import identify
from pos_member.store.models import Sale
from tests.gui.helpers import dialog, gone, pay_exact_cash, press, type_into, wait_idle

pytestmark = pytest.mark.gui


@pytest.fixture
def reader(window: Any) -> Any:
    r = SimulatedReaderDriver(SafeListener(window.bridge), production=False)
    r.start()
    yield r
    r.stop()


def test_card_tap_on_the_simulated_reader_shows_the_member(
    qtbot: Any, window: Any, demo: Any, reader: Any, backend: Any
) -> None:
    m = demo.member(uid=True)
    with qtbot.waitSignal(window.member_changed, timeout=3000):
        reader.tap(m["card_uid"])
    wait_idle(qtbot, window.runner)
    assert window.member is not None and window.member.member_id == str(m["member_id"])
    assert window.status.readers.text() == "Readers: 1"
    db = identify.member_view(backend.ctx, m["member_id"])
    assert window.member_panel.member_balance.text() == str(db.stored_value)


def test_unknown_card_tap_is_refused(qtbot: Any, window: Any, reader: Any) -> None:
    with qtbot.waitSignal(window.message_shown, timeout=3000):
        reader.tap("DEADBEEF")
    wait_idle(qtbot, window.runner)
    assert window.member is None
    assert "DEADBEEF" in window.message_label.text()


def test_reader_error_is_shown(qtbot: Any, window: Any, reader: Any) -> None:
    with qtbot.waitSignal(window.message_shown, timeout=3000):
        reader.fail("reader.lost", "The card was taken away too early: tap again.")
    assert window.message_label.text() == "The card was taken away too early: tap again."


def test_scanner_burst_from_the_reader_adds_the_product(
    qtbot: Any, window: Any, demo: Any, reader: Any
) -> None:
    p = demo.products[0]
    reader.scan(p["barcode"])
    qtbot.waitUntil(lambda: window.cart_table.rowCount() == 1, timeout=3000)
    assert window.cart_table.item(0, 1).text() == p["name"]


def pay_cash(qtbot: Any, window: Any) -> str:
    pay = pay_exact_cash(qtbot, window)
    qtbot.waitUntil(lambda: gone(pay))
    assert window.last_receipt is not None
    return str(window.last_receipt.receipt_no)


def test_refund_with_supervisor(qtbot: Any, window: Any, demo: Any, backend: Any) -> None:
    m = demo.member()
    a, b = demo.products[0], demo.products[1]
    for code in (a["barcode"], a["barcode"], b["barcode"], m["card_number"]):
        type_into(qtbot, window.scan_input, code)
        wait_idle(qtbot, window.runner)
    before = identify.member_view(backend.ctx, m["member_id"])
    receipt = pay_cash(qtbot, window)
    earned = window.last_receipt.points_earned
    assert earned > 0

    press(qtbot, window, Qt.Key.Key_F6)
    dlg = dialog(qtbot, "refundDialog")
    type_into(qtbot, dlg.receipt_input, receipt)
    wait_idle(qtbot, window.runner)
    assert dlg.table.rowCount() == 3
    dlg.select_all()
    qtbot.waitUntil(dlg.confirm_button.isEnabled, timeout=3000)
    wait_idle(qtbot, window.runner)
    sale_total = Money.yuan(a["price"]) * 2 + Money.yuan(b["price"])
    assert dlg.goods.text() != "—"
    assert dlg.points_taken.text() == f"{earned:,}"
    press(qtbot, dlg, Qt.Key.Key_F12)
    confirm = dialog(qtbot, "refundConfirm")  # names the cash to hand back (issue 15)
    assert "Hand back" in confirm.text()
    press(qtbot, confirm, Qt.Key.Key_Return)
    sup = dialog(qtbot, "supervisorDialog")
    sup.staff_input.setText("2001")
    type_into(qtbot, sup.pin_input, "8888")
    wait_idle(qtbot, window.runner)
    qtbot.waitUntil(lambda: gone(dlg))
    assert "Refund" in window.message_label.text()
    after = identify.member_view(backend.ctx, m["member_id"])
    assert after.points == before.points  # what the sale earned went back
    with backend.ctx.store.reading() as s:
        rows = s.execute(
            select(Sale.total_fen, Sale.approved_by, Sale.staff_id).where(Sale.kind == "refund")
        ).all()
    assert len(rows) == 1
    total_fen, approved_by, staff_id = rows[0]
    assert total_fen <= 0 and -total_fen <= sale_total.fen
    assert (approved_by, staff_id) == ("2001", "1001")


def test_refund_of_unknown_receipt_says_so(qtbot: Any, window: Any) -> None:
    press(qtbot, window, Qt.Key.Key_F6)
    dlg = dialog(qtbot, "refundDialog")
    type_into(qtbot, dlg.receipt_input, "T01-99999999")
    wait_idle(qtbot, window.runner)
    assert "T01-99999999" in dlg.message.text()
    assert dlg.table.rowCount() == 0


def test_recharge_shows_bonus_and_writes_the_ledger(
    qtbot: Any, window: Any, demo: Any, backend: Any
) -> None:
    m = demo.member()
    type_into(qtbot, window.scan_input, m["card_number"])
    wait_idle(qtbot, window.runner)
    before = identify.member_view(backend.ctx, m["member_id"])
    rules = backend.rules()
    amount = Money.yuan(1000)
    bonus = rules.stored_value.bonus_for(amount)
    assert bonus.fen > 0
    press(qtbot, window, Qt.Key.Key_F7)
    dlg = dialog(qtbot, "rechargeDialog")
    type_into(qtbot, dlg.amount_input, "1000", enter=False)
    qtbot.waitUntil(lambda: dlg.bonus_label.text() == str(bonus), timeout=3000)
    assert dlg.after_label.text() == str(before.stored_value + amount + bonus)
    # ¥1,000 is what a cashier recharges alone (stored_value.cashier_recharge_max): no PIN.
    # The law records the buyer's real name at a named card's (first) recharge here.
    qtbot.waitUntil(lambda: not dlg.real_name_box.isHidden(), timeout=3000)
    dlg.name_input.setText(m["name"])
    dlg.id_input.setText("11010519491231002X")
    dlg.consent_input.setChecked(True)
    qtbot.keyClick(dlg.amount_input, Qt.Key.Key_Return)
    wait_idle(qtbot, window.runner)
    qtbot.waitUntil(lambda: gone(dlg))
    wait_idle(qtbot, window.runner)
    after = identify.member_view(backend.ctx, m["member_id"])
    assert after.stored_value == before.stored_value + amount + bonus
    assert after.sv_bonus == before.sv_bonus + bonus
    assert window.member_panel.member_balance.text() == str(after.stored_value)


def test_recharge_without_member_is_refused(qtbot: Any, window: Any) -> None:
    press(qtbot, window, Qt.Key.Key_F7)
    assert "member" in window.message_label.text()


def test_count_card_sale_and_use(qtbot: Any, window: Any, demo: Any, backend: Any) -> None:
    plan = next(p for p in demo.products if p.get("count_card_uses"))
    m = demo.member()
    for code in (plan["barcode"], m["card_number"]):
        type_into(qtbot, window.scan_input, code)
        wait_idle(qtbot, window.runner)
    pay_cash(qtbot, window)
    type_into(qtbot, window.scan_input, m["card_number"])
    wait_idle(qtbot, window.runner)
    press(qtbot, window, Qt.Key.Key_F10)
    dlg = dialog(qtbot, "countCardDialog")
    wait_idle(qtbot, window.runner)
    names = [dlg.list.item(i).text() for i in range(dlg.list.count())]
    assert any(plan["name"] in n and f"{plan['count_card_uses']} left" in n for n in names)
    row = next(i for i, n in enumerate(names) if plan["name"] in n)
    dlg.list.setCurrentRow(row)
    qtbot.keyClick(dlg.list, Qt.Key.Key_Return)
    dlg.use()
    wait_idle(qtbot, window.runner)
    qtbot.waitUntil(lambda: gone(dlg))
    assert f"{plan['count_card_uses'] - 1} left" in window.message_label.text()


def test_tap_during_payment_does_not_change_the_sale(
    qtbot: Any, window: Any, demo: Any, reader: Any
) -> None:
    type_into(qtbot, window.scan_input, demo.products[0]["barcode"])
    wait_idle(qtbot, window.runner)
    press(qtbot, window, Qt.Key.Key_F12)
    pay = dialog(qtbot, "paymentDialog")
    with qtbot.waitSignal(window.message_shown, timeout=3000):
        reader.tap(demo.member(uid=True)["card_uid"])
    wait_idle(qtbot, window.runner)
    assert window.member is None
    assert "Finish or close" in window.message_label.text()
    assert pay.isVisible()


def test_scanner_burst_with_focus_on_the_cart_still_scans(
    qtbot: Any, window: Any, demo: Any
) -> None:
    from drivers.wedge import KeyboardWedgeDriver

    wedge = KeyboardWedgeDriver(SafeListener(window.bridge))
    wedge.start()
    try:
        window.enable_wedge(wedge)
        type_into(qtbot, window.scan_input, demo.products[0]["barcode"])
        wait_idle(qtbot, window.runner)
        window.cart_table.setFocus()
        qtbot.waitUntil(window.cart_table.hasFocus)
        p = demo.products[1]
        qtbot.keyClicks(window.cart_table, p["barcode"])  # a scanner: keys within ms
        qtbot.keyClick(window.cart_table, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: window.cart_table.rowCount() == 2, timeout=5000)
        assert window.cart_table.item(1, 1).text() == p["name"]
    finally:
        wedge.stop()
