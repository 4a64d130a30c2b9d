"""Held sales (F8) through the cashier window, on a real seeded SQLite file.

A held basket is written to the till's database: it comes back in a new
window opened on the same file (a restart, a logout), chosen with the keys.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from typing import Any

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from pos_member.domain.money import Money
from pos_member.settings import Settings
from pos_member.store.models import AuditEntry
from tests.gui.helpers import dialog, gone, press, type_into, wait_idle

pytestmark = pytest.mark.gui


def scan(qtbot: Any, window: Any, text: str) -> None:
    type_into(qtbot, window.scan_input, text)
    wait_idle(qtbot, window.runner)


def cart(window: Any) -> list[tuple[str, str, str]]:
    t = window.cart_table
    return [
        (t.item(r, 1).text(), t.item(r, 2).text(), t.item(r, 5).text()) for r in range(t.rowCount())
    ]


@contextmanager
def till(qtbot: Any, settings: Settings) -> Iterator[Any]:
    """The app as a restart opens it: its own store connection, runner and window."""
    from drivers.printers import SimulatedPrinter
    from ui.app import open_backend
    from ui.bridge import ReaderBridge
    from ui.main_window import CashierWindow
    from ui.tasks import TaskRunner

    backend = open_backend(settings, seed_if_new=False, printer=SimulatedPrinter())
    runner = TaskRunner()
    bridge = ReaderBridge()
    staff = backend.login("1001", "1111")
    if backend.current_shift() is None:  # opened at the first login
        from pos_member.domain.money import Money

        backend.open_shift(staff, Money.yuan(500))
    w = CashierWindow(backend, runner, bridge, staff)
    w.bridge_ = bridge
    qtbot.addWidget(w)
    w.resize(1366, 768)
    w.show()
    qtbot.waitExposed(w)
    wait_idle(qtbot, runner)
    try:
        yield w
    finally:
        w.close()
        runner.shutdown()
        backend.close()


def hold(qtbot: Any, window: Any) -> None:
    """F8, and wait until its work is done (it waits for a scan still coming back)."""
    press(qtbot, window, Qt.Key.Key_F8)
    qtbot.waitUntil(lambda: not window.held_flow.busy and window.runner.pending == 0)


def test_held_sales_survive_a_restart_and_come_back_by_keyboard(
    qtbot: Any, english: None, settings: Settings, demo: Any
) -> None:
    a, b, c = demo.products[0], demo.products[1], demo.products[3]
    m = demo.member(tiered=True)
    with till(qtbot, settings) as w:
        scan(qtbot, w, a["barcode"])
        scan(qtbot, w, b["barcode"])
        scan(qtbot, w, m["card_number"])
        w.cart_table.selectRow(0)
        press(qtbot, w, Qt.Key.Key_F4)
        type_into(qtbot, dialog(qtbot, "quantityDialog").input, "3")
        wait_idle(qtbot, w.runner)
        before, total = cart(w), w.totals.total_label.text()
        masked = w.member.masked_name
        assert [qty for _, qty, _ in before] == ["3", "1"]

        hold(qtbot, w)
        assert cart(w) == [] and w.member is None
        assert w.totals.total_label.text() == "¥0.00"
        assert w.status.held.text() == "Held: 1 (F8)"
        assert "Sale held (1 waiting)" in w.message_label.text()
        scan(qtbot, w, c["barcode"])
        hold(qtbot, w)
        assert w.status.held.text() == "Held: 2 (F8)"
    # Closed: nothing of the two baskets is left in memory.

    with till(qtbot, settings) as w2:
        assert w2.status.held.text() == "Held: 2 (F8)"
        assert cart(w2) == []
        press(qtbot, w2, Qt.Key.Key_F8)
        dlg = dialog(qtbot, "heldSalesDialog")
        t = dlg.table
        assert t.rowCount() == 2
        # Newest first: the single line of c, then the member's basket.
        assert t.item(0, 4).text() == c["name"]
        assert t.item(0, 1).text() == "No member"
        assert t.item(0, 3).text() == str(Money.yuan(c["price"]))  # each sale's amount
        assert (t.item(1, 1).text(), t.item(1, 2).text()) == (masked, "2")
        assert t.item(1, 3).text() == total  # the member's basket, as it was on screen
        assert t.item(1, 4).text() == f"{a['name']} ×3、{b['name']}"
        assert len(t.item(1, 0).text()) == 5  # HH:MM, held today
        qtbot.keyClick(t, Qt.Key.Key_Down)
        qtbot.keyClick(t, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: gone(dlg))
        wait_idle(qtbot, w2.runner)
        assert cart(w2) == before
        assert w2.totals.total_label.text() == total
        assert w2.member is not None and w2.member.member_id == str(m["member_id"])
        assert w2.draft.member_id == m["member_id"]
        assert w2.status.held.text() == "Held: 1 (F8)"
        assert "recalled" in w2.message_label.text()
        assert w2.backend.held_count() == 1


def test_esc_closes_the_list_and_keeps_everything(
    qtbot: Any, window: Any, demo: Any, backend: Any
) -> None:
    scan(qtbot, window, demo.products[0]["barcode"])
    hold(qtbot, window)
    scan(qtbot, window, demo.products[1]["barcode"])
    hold(qtbot, window)
    listed = backend.held_sales()
    assert len(listed) == 2

    press(qtbot, window, Qt.Key.Key_F8)
    dlg = dialog(qtbot, "heldSalesDialog")
    qtbot.keyClick(dlg.table, Qt.Key.Key_Down)
    qtbot.keyClick(dlg.table, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: gone(dlg))
    wait_idle(qtbot, window.runner)
    assert cart(window) == [] and window.member is None
    assert backend.held_sales() == listed
    assert window.status.held.text() == "Held: 2 (F8)"
    # The sale screen has the keys again.
    assert window.scan_input.hasFocus() or window._dialog is None


def test_delete_discards_after_confirmation_and_a_supervisor(
    qtbot: Any, window: Any, demo: Any, backend: Any
) -> None:
    scan(qtbot, window, demo.products[0]["barcode"])
    hold(qtbot, window)
    scan(qtbot, window, demo.products[1]["barcode"])
    hold(qtbot, window)
    newest = backend.held_sales()[0]

    press(qtbot, window, Qt.Key.Key_F8)
    dlg = dialog(qtbot, "heldSalesDialog")
    # Del, then Esc on the question: nothing is discarded.
    qtbot.keyClick(dlg.table, Qt.Key.Key_Delete)
    box = dialog(qtbot, "discardHeldConfirm")
    assert demo.products[1]["name"] in box.text()
    qtbot.keyClick(box, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: gone(box))
    assert len(backend.held_sales()) == 2

    qtbot.keyClick(dlg.table, Qt.Key.Key_Delete)
    box = dialog(qtbot, "discardHeldConfirm")
    qtbot.keyClick(box, Qt.Key.Key_Return)
    sup = dialog(qtbot, "supervisorDialog")
    sup.staff_input.setText("2001")
    type_into(qtbot, sup.pin_input, "8888")
    wait_idle(qtbot, window.runner)
    left = backend.held_sales()
    assert len(left) == 1 and left[0].sale_id != newest.sale_id
    assert dlg.table.rowCount() == 1
    assert window.status.held.text() == "Held: 1 (F8)"
    with backend.ctx.store.reading() as s:
        audit = s.execute(
            select(AuditEntry.staff_id, AuditEntry.approved_by, AuditEntry.subject).where(
                AuditEntry.action == "sale.held_discard"
            )
        ).all()
    assert audit == [("1001", "2001", newest.sale_id)]
    qtbot.keyClick(dlg.table, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: gone(dlg))


def test_one_held_sale_comes_back_at_once_without_a_vanished_product(
    qtbot: Any, window: Any, demo: Any, backend: Any
) -> None:
    a, b = demo.products[0], demo.products[1]
    scan(qtbot, window, a["barcode"])
    scan(qtbot, window, b["barcode"])
    hold(qtbot, window)
    conn = sqlite3.connect(demo.path)
    conn.execute("update products set active = 0 where code = ?", (b["code"],))
    conn.commit()
    conn.close()

    hold(qtbot, window)  # F8 on an empty sale, one held: recalled directly
    assert [name for name, _, _ in cart(window)] == [a["name"]]
    text = window.message_label.text()
    assert f"Product {b['barcode']} no longer exists" in text
    assert window.message_label.property("level") == "error"
    assert backend.held_count() == 0 and window.status.held.text() == ""
    hold(qtbot, window)  # nothing more held: F8 holds this one again
    assert backend.held_count() == 1


def test_f8_with_nothing_held_says_so(qtbot: Any, window: Any) -> None:
    hold(qtbot, window)
    assert window.message_label.text() == "No sale is held."
    assert window._dialog is None


def test_recall_takes_off_a_coupon_that_no_longer_applies(
    backend: Any, cashier: Any, demo: Any
) -> None:
    from ui.draft import Draft, DraftLine

    a = demo.products[0]
    d = Draft(lines=(DraftLine(1, a["barcode"], quantity=2),), coupons=("NO-SUCH",))
    assert backend.hold_sale(cashier, d) == 1
    r = backend.recall_held(d.sale_id)
    assert r.coupons_dropped == ("NO-SUCH",) and r.draft.coupons == ()
    assert r.draft.sale_id == d.sale_id and r.draft.lines == d.lines
    assert [(ln.name, ln.quantity_text) for ln in r.sale.lines] == [(a["name"], "2")]
    assert backend.held_count() == 0


def test_a_recall_that_cannot_be_priced_is_held_again(
    backend: Any, cashier: Any, demo: Any
) -> None:
    from pos_member.domain.errors import InvalidQuantity
    from ui.draft import Draft, DraftLine

    a = demo.products[0]
    d = Draft(lines=(DraftLine(1, a["barcode"], quantity=2),))
    backend.hold_sale(cashier, d)
    before = backend.held_sales()
    # Sold by weight since: the held line has no weight to be priced with.
    conn = sqlite3.connect(demo.path)
    conn.execute("update products set weighed = 1 where code = ?", (a["code"],))
    conn.commit()
    conn.close()
    with pytest.raises(InvalidQuantity):
        backend.recall_held(d.sale_id)
    # Held again as it was; it can no longer be priced, so the list shows no amount for it.
    assert backend.held_sales() == [replace(h, amount=None) for h in before]


def test_f8_right_after_a_scan_holds_the_scanned_line_too(
    qtbot: Any, window: Any, demo: Any, backend: Any
) -> None:
    a, b = demo.products[0], demo.products[1]
    scan(qtbot, window, a["barcode"])
    type_into(qtbot, window.scan_input, b["barcode"])  # not waited for
    assert window.runner.pending_on("db") == 1  # the scan is still coming back
    hold(qtbot, window)
    assert cart(window) == []
    (h,) = backend.held_sales()
    assert h.line_count == 2 and h.summary == f"{a['name']}、{b['name']}"
