"""Selling anonymous cards (不记名卡) at the counter by keys (Shift+F7), on the real seeded
store: no member, the cards' count, amount and the buyer's PIN twice, the preview's
total and expiry, the supervisor's approval, the receipts printed; a purchase of ¥10,000
opens the buyer's real-name section and is refused without it, nothing written."""

from __future__ import annotations

import sqlite3
from typing import Any

import pytest
from PySide6.QtCore import Qt

from tests.gui.helpers import dialog, gone, press, type_into, wait_idle
from tests.gui.test_recharge import counts, submit, use_law

pytestmark = pytest.mark.gui


def open_dialog(qtbot: Any, window: Any) -> Any:
    press(qtbot, window, Qt.Key.Key_F7, Qt.KeyboardModifier.ShiftModifier)
    dlg = dialog(qtbot, "anonymousCardsDialog")
    wait_idle(qtbot, window.runner)
    return dlg


def fill(qtbot: Any, window: Any, dlg: Any, count: int, amount: str) -> None:
    qtbot.keyClick(dlg, Qt.Key.Key_Q, Qt.KeyboardModifier.AltModifier)
    assert dlg.count_input.hasFocus()
    dlg.count_input.setValue(count)
    type_into(qtbot, dlg.pin_input, "258036", enter=False)
    type_into(qtbot, dlg.pin_again_input, "258036", enter=False)
    type_into(qtbot, dlg.amount_input, amount, enter=False)
    qtbot.waitUntil(lambda: "×" in dlg.total_label.text(), timeout=3000)
    wait_idle(qtbot, window.runner)


def test_two_cards_sold_by_keys_without_a_member(
    qtbot: Any, window: Any, demo: Any, backend: Any, printer: Any
) -> None:
    use_law(backend)  # no bonus: the amounts are what is loaded
    dlg = open_dialog(qtbot, window)
    fill(qtbot, window, dlg, 2, "300")
    assert dlg.total_label.text() == "2 × ¥300.00 = ¥600.00"
    expiry = backend.ctx.today().replace(year=backend.ctx.today().year + 3).isoformat()
    assert expiry in dlg.terms_label.text() and "¥1,000.00" in dlg.terms_label.text()
    assert "¥10,000.00" in dlg.bulk_label.text()
    assert dlg.real_name_box.isHidden()
    submit(qtbot, window, dlg, dlg.amount_input)
    qtbot.waitUntil(lambda: gone(dlg), timeout=5000)
    assert "Sold 2 anonymous cards" in window.message_label.text()
    conn = sqlite3.connect(demo.path)
    try:
        rows = conn.execute(
            "select c.card_class, c.expires_on, m.name_masked, m.sv_principal_fen from cards c"
            " join members m on m.id = c.member_id where c.card_class = 'anonymous'"
        ).fetchall()
    finally:
        conn.close()
    assert rows == [("anonymous", expiry, "", 30000)] * 2
    qtbot.waitUntil(lambda: len(printer.jobs) >= 2, timeout=5000)
    printed = [data.decode("gb18030", errors="replace") for _, data in printer.jobs[-2:]]
    assert all(expiry in p and "不记名卡" in p and "不征税" in p for p in printed)


def test_a_purchase_of_10000_asks_the_buyers_real_name(
    qtbot: Any, window: Any, demo: Any, backend: Any
) -> None:
    use_law(backend, enforce_real_name=True)
    dlg = open_dialog(qtbot, window)
    fill(qtbot, window, dlg, 10, "1000")
    qtbot.waitUntil(lambda: not dlg.real_name_box.isHidden(), timeout=3000)
    before = counts(demo.path)
    dlg.external_input.setText("10000")
    submit(qtbot, window, dlg, dlg.amount_input)
    assert not gone(dlg)
    assert "name" in dlg.message.text()
    assert counts(demo.path) == before
