"""Issue 15: 整单折扣 by keys (Ctrl+K): a rate in 折 or an amount off and a reason, a
supervisor's PIN (a wrong PIN refused, nothing changed); the total, the approver on
the sale, the reason on the lines and on the printed receipt."""

from __future__ import annotations

import sqlite3
from decimal import Decimal
from typing import Any

import pytest
from PySide6.QtCore import Qt

from pos_member.domain.money import Money
from tests.gui.helpers import dialog, gone, pay_exact_cash, press, type_into, wait_idle
from ui.sale_discount import parse_zhe

pytestmark = pytest.mark.gui


def _ring_up(qtbot: Any, window: Any, demo: Any) -> Money:
    for p in demo.products[:3]:
        type_into(qtbot, window.scan_input, p["barcode"])
        wait_idle(qtbot, window.runner)
    return Money(window.sale.net_total.fen)


def _discountable(demo: Any, window: Any) -> int:
    """What the lines that take discounts (the catalogue says) come to now, in fen."""
    conn = sqlite3.connect(demo.path)
    try:
        takes = {code for (code,) in conn.execute("select code from products where discountable")}
    finally:
        conn.close()
    return sum(ln.net.fen for ln in window.sale.lines if ln.code in takes)


def _reason(qtbot: Any, field: Any, text: str) -> None:
    """Chinese comes from the input method as committed text, then Enter."""
    field.setFocus()
    field.setText(text)
    qtbot.keyClick(field, Qt.Key.Key_Return)


def _open(qtbot: Any, window: Any) -> Any:
    press(qtbot, window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    return dialog(qtbot, "saleDiscountDialog")


def test_nine_and_a_half_zhe_with_a_supervisor_pin(
    qtbot: Any, window: Any, demo: Any, printer: Any
) -> None:
    before = _ring_up(qtbot, window, demo)
    eligible = _discountable(demo, window)
    assert 0 < eligible < before.fen  # one of the demo's three lines takes no discount
    dlg = _open(qtbot, window)
    type_into(qtbot, dlg.rate_input, "9.5")
    _reason(qtbot, dlg.reason_input, "老顾客")
    qtbot.waitUntil(lambda: gone(dlg))
    sup = dialog(qtbot, "supervisorDialog")
    sup.staff_input.setText("2001")
    type_into(qtbot, sup.pin_input, "0000")  # wrong: refused, nothing changes
    wait_idle(qtbot, window.runner)
    assert not gone(sup) and sup.message.text()
    assert window.draft.sale_discount is None and window.sale.net_total == before
    type_into(qtbot, sup.pin_input, "8888")
    wait_idle(qtbot, window.runner)
    qtbot.waitUntil(lambda: gone(sup))
    wait_idle(qtbot, window.runner)
    # The lines that take discounts at 95%, half-up to the fen; the other line as it was.
    expected = before - Money(eligible - (eligible * 95 + 50) // 100)
    assert window.sale.net_total == expected
    pay_exact_cash(qtbot, window)
    wait_idle(qtbot, window.runner)
    receipt = window.last_receipt.receipt_no
    conn = sqlite3.connect(demo.path)
    sale_id, approved, total = conn.execute(
        "select id, approved_by, total_fen from sales where receipt_no = ?", (receipt,)
    ).fetchone()
    adj = conn.execute(
        "select line_no, description, amount_fen from sale_adjustments"
        " where sale_id = ? and kind = 'sale_discount'",
        (sale_id,),
    ).fetchall()
    conn.close()
    assert approved == "2001" and total == expected.fen
    assert len(adj) == 2 and {d for _, d, _ in adj} == {"95%：老顾客"}
    assert sum(a for _, _, a in adj) == expected.fen - before.fen
    qtbot.waitUntil(lambda: len(printer.jobs) == 1, timeout=5000)
    assert "整单折扣 9.5折：老顾客".encode("gb18030") in printer.jobs[0][1]


def test_an_amount_off(qtbot: Any, window: Any, demo: Any) -> None:
    before = _ring_up(qtbot, window, demo)
    dlg = _open(qtbot, window)
    type_into(qtbot, dlg.amount_input, "1.00", enter=False)
    _reason(qtbot, dlg.reason_input, "零头")
    qtbot.waitUntil(lambda: gone(dlg))
    sup = dialog(qtbot, "supervisorDialog")
    sup.staff_input.setText("2001")
    type_into(qtbot, sup.pin_input, "8888")
    wait_idle(qtbot, window.runner)
    qtbot.waitUntil(lambda: gone(sup))
    wait_idle(qtbot, window.runner)
    assert window.sale.net_total == before - Money.yuan(1)


@pytest.mark.parametrize(
    ("rate", "amount", "reason", "said"),
    [
        ("", "", "老顾客", "either a rate"),
        ("9.5", "1.00", "老顾客", "either a rate"),
        ("10", "", "老顾客", "not a rate"),
        ("abc", "", "老顾客", "not a rate"),
        ("9.555", "", "老顾客", "not a rate"),
        ("", "-1", "老顾客", "not an amount"),
        ("", "x", "老顾客", "not an amount"),
        ("9", "", "", "reason"),
    ],
)
def test_bad_input_is_refused_in_the_dialog(
    qtbot: Any, window: Any, demo: Any, rate: str, amount: str, reason: str, said: str
) -> None:
    _ring_up(qtbot, window, demo)
    dlg = _open(qtbot, window)
    dlg.rate_input.setText(rate)
    dlg.amount_input.setText(amount)
    _reason(qtbot, dlg.reason_input, reason)
    assert not gone(dlg) and said in dlg.message.text()
    qtbot.keyClick(dlg.reason_input, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: gone(dlg))
    assert window.draft.sale_discount is None


def test_beyond_the_supervisors_limit_changes_nothing(qtbot: Any, window: Any, demo: Any) -> None:
    before = _ring_up(qtbot, window, demo)
    dlg = _open(qtbot, window)
    type_into(qtbot, dlg.rate_input, "4")  # 60% off: a supervisor may take 50%
    _reason(qtbot, dlg.reason_input, "清仓")
    qtbot.waitUntil(lambda: gone(dlg))
    sup = dialog(qtbot, "supervisorDialog")
    sup.staff_input.setText("2001")
    type_into(qtbot, sup.pin_input, "8888")
    wait_idle(qtbot, window.runner)
    qtbot.waitUntil(lambda: gone(sup))
    wait_idle(qtbot, window.runner)
    assert "at most 50%" in window.message_label.text()
    assert window.draft.sale_discount is None and window.sale.net_total == before


def test_an_empty_sale_says_to_scan_first(qtbot: Any, window: Any) -> None:
    press(qtbot, window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert "Scan the goods first" in window.message_label.text()
    assert window.dialog_open() is False


def test_parse_zhe() -> None:
    assert parse_zhe("9.5") == Decimal("0.95") and parse_zhe("8") == Decimal("0.8")
    assert parse_zhe("8.88") == Decimal("0.888") and parse_zhe(" 0 ") == 0
    for bad in ("10", "-1", "nan", "inf", "", "9.555", "9,5"):
        with pytest.raises(ValueError):
            parse_zhe(bad)
