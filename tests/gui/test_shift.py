"""Shifts at the counter: asked for at login, no sale outside one, the drawer counted by note.

Reported: nothing asked the cashier to open a shift, so a morning of sales and
cash recharges belonged to no shift and the X/Z report showed 0 sales; no
opening float, no count by denomination, a Z report taken without a question
and its cash difference below a scroll.
"""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from sqlalchemy import select

from pos_member.domain.money import Money
from pos_member.services.shifts import DENOMINATIONS_FEN
from pos_member.store.models import AuditEntry, Sale, Shift
from tests.gui.helpers import dialog, gone, press, type_into, wait_idle

pytestmark = pytest.mark.gui


@pytest.fixture
def no_shift_window(qtbot: Any, english: None, backend: Any, runner: Any) -> Any:
    """The cashier window right after the login, on a till whose shift is not open."""
    from ui.bridge import ReaderBridge
    from ui.main_window import CashierWindow

    cashier = backend.login("1001", "1111")
    assert backend.current_shift() is None
    w = CashierWindow(backend, runner, ReaderBridge(), cashier)
    qtbot.addWidget(w)
    w.resize(1366, 768)
    w.show()
    qtbot.waitExposed(w)
    return w


def cash_sale(qtbot: Any, window: Any, code: str) -> str:
    type_into(qtbot, window.scan_input, code)
    wait_idle(qtbot, window.runner)
    press(qtbot, window, Qt.Key.Key_F12)
    pay = dialog(qtbot, "paymentDialog")
    wait_idle(qtbot, window.runner)
    press(qtbot, pay, Qt.Key.Key_F5)
    wait_idle(qtbot, window.runner)
    qtbot.keyClick(pay.cash_input, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: gone(pay))
    assert window.last_receipt is not None
    return str(window.last_receipt.receipt_no)


def test_login_asks_for_the_shift_and_its_float_before_the_first_sale(
    qtbot: Any, no_shift_window: Any, demo: Any, backend: Any
) -> None:
    w = no_shift_window
    dlg = dialog(qtbot, "shiftDialog")
    wait_idle(qtbot, w.runner)
    assert dlg.amount_input.hasFocus() and dlg.open_box.isVisible()
    assert "No shift is open" in dlg.state_label.text()
    type_into(qtbot, dlg.amount_input, "500")  # the float, Enter: open
    qtbot.waitUntil(lambda: gone(dlg))
    sid = backend.current_shift()
    assert sid is not None
    assert w.message_label.text() == f"Shift {sid} opened with a float of ¥500.00."
    assert w.scan_input.hasFocus()
    receipt = cash_sale(qtbot, w, demo.products[0]["barcode"])
    with backend.ctx.store.reading() as s:
        sale_shift = s.scalar(select(Sale.shift_id).where(Sale.receipt_no == receipt))
        opening = s.scalar(select(Shift.opening_float_fen).where(Shift.id == sid))
    assert (sale_shift, opening) == (sid, 50000)


def test_no_sale_or_recharge_without_an_open_shift(
    qtbot: Any, no_shift_window: Any, demo: Any, backend: Any
) -> None:
    w = no_shift_window
    dlg = dialog(qtbot, "shiftDialog")
    dlg.reject()  # the cashier goes past the question
    qtbot.waitUntil(lambda: gone(dlg))
    type_into(qtbot, w.scan_input, demo.products[0]["barcode"])
    wait_idle(qtbot, w.runner)
    press(qtbot, w, Qt.Key.Key_F12)
    wait_idle(qtbot, w.runner)
    assert w.message_label.text() == (
        "No shift is open on this till: open the shift with its opening float first."
    )
    again = dialog(qtbot, "shiftDialog")  # asked once more, not a payment
    assert w._dialog is again
    again.reject()
    qtbot.waitUntil(lambda: gone(again))
    type_into(qtbot, w.scan_input, demo.member()["card_number"])
    wait_idle(qtbot, w.runner)
    press(qtbot, w, Qt.Key.Key_F7)
    wait_idle(qtbot, w.runner)
    asked = dialog(qtbot, "shiftDialog")
    assert w._dialog is asked  # the shift, not the recharge
    asked.reject()
    qtbot.waitUntil(lambda: gone(asked))
    # A refund (F6) neither: the shift is asked for instead of the refund dialog.
    w.activateWindow()  # the window has the keys again once the question is gone
    qtbot.waitUntil(w.isActiveWindow)
    w.show_message("")
    press(qtbot, w, Qt.Key.Key_F6)
    wait_idle(qtbot, w.runner)
    asked = dialog(qtbot, "shiftDialog")
    assert w._dialog is asked
    assert "No shift is open" in w.message_label.text()
    with backend.ctx.store.reading() as s:
        assert s.scalar(select(Sale.id)) is None


def pieces_for(fen: int) -> dict[int, int]:
    out = {}
    for d in DENOMINATIONS_FEN:
        out[d], fen = divmod(fen, d)
    assert fen == 0
    return out


def test_close_counts_the_drawer_by_note_and_asks_before_the_z_report(
    qtbot: Any, styled: None, window: Any, demo: Any, backend: Any, printer: Any
) -> None:
    code = demo.products[0]["barcode"]
    cash_sale(qtbot, window, code)
    price = window.last_receipt.paid
    expected = Money.yuan(500) + price
    counted = expected - Money.yuan("0.30")  # 3 jiao short

    press(qtbot, window, Qt.Key.Key_F9)
    dlg = dialog(qtbot, "shiftDialog")
    wait_idle(qtbot, window.runner)
    assert dlg.count_box.isVisible() and not dlg.open_box.isVisible()
    assert dlg.count_inputs[10000].hasFocus()
    for fen, n in pieces_for(counted.fen).items():  # each count, Enter: the next note
        assert dlg.count_inputs[fen].hasFocus()
        if fen == DENOMINATIONS_FEN[-1]:
            type_into(qtbot, dlg.count_inputs[fen], str(n), enter=False)
        else:
            type_into(qtbot, dlg.count_inputs[fen], str(n))
    wait_idle(qtbot, window.runner)
    qtbot.waitUntil(lambda: dlg.counted_label.text() == str(counted))
    assert dlg.expected_label.text() == str(expected)
    assert dlg.difference_label.text() == "-¥0.30 short"
    assert dlg.difference_label.property("verdict") == "short"

    # F7 asks first, with the three figures; Esc goes back and nothing is closed.
    press(qtbot, dlg, Qt.Key.Key_F7)
    box = dialog(qtbot, "confirmCloseShiftDialog")
    assert f"Expected in the drawer: {expected}" in box.text()
    assert "Difference: -¥0.30" in box.text()
    qtbot.keyClick(box, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: gone(box))
    wait_idle(qtbot, window.runner)
    assert backend.current_shift() is not None
    qtbot.waitUntil(dlg.count_inputs[DENOMINATIONS_FEN[-1]].hasFocus)  # back to the count
    press(qtbot, dlg, Qt.Key.Key_F7)
    box = dialog(qtbot, "confirmCloseShiftDialog")
    qtbot.keyClick(box, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dlg.report is not None and dlg.report.kind == "Z")
    wait_idle(qtbot, window.runner)
    assert dlg.report_text.toPlainText().startswith("Z report")
    assert dlg.difference_label.text() == "-¥0.30 short"
    with backend.ctx.store.reading() as s:
        closed = s.execute(select(Shift.closed_by, Shift.counted_cash_fen)).all()[-1]
        audit = s.scalar(select(AuditEntry.action).where(AuditEntry.action == "shift.close"))
    assert closed == ("1001", counted.fen) and audit == "shift.close"
    assert dlg.report.cash_count == {str(d): n for d, n in pieces_for(counted.fen).items() if n}
    shift_id = dlg.report.shift_id
    qtbot.waitUntil(lambda: any(name == f"Z-{shift_id}" for name, _ in printer.jobs), timeout=5000)

    # At 1366×768 the dialog fits, and the difference is on screen without scrolling.
    assert dlg.height() <= 768 - 40 and dlg.width() <= 1366
    top = dlg.difference_label.mapTo(dlg, QPoint(0, 0))
    assert dlg.rect().contains(QRect(top, dlg.difference_label.size()))
    assert dlg.difference_label.isVisible()


def test_x_report_mid_shift(qtbot: Any, window: Any, demo: Any) -> None:
    cash_sale(qtbot, window, demo.products[0]["barcode"])
    press(qtbot, window, Qt.Key.Key_F9)
    dlg = dialog(qtbot, "shiftDialog")
    wait_idle(qtbot, window.runner)
    press(qtbot, dlg, Qt.Key.Key_F6)
    wait_idle(qtbot, window.runner)
    text = dlg.report_text.toPlainText()
    assert text.startswith("X report")
    assert str(Money.yuan(500) + window.last_receipt.paid) in text  # cash expected
