"""Issue 15: Alt+F4 (the window manager's close) or F11 with an open sale asks, and
"Hold" keeps the basket as a held sale; the customer display is cleared."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt

from tests.gui.helpers import gone, press, type_into, wait_idle

pytestmark = pytest.mark.gui


def question(qtbot: Any, window: Any) -> Any:
    """This window's open-sale question (never another test's window's, still open)."""
    guard = window.open_sale
    qtbot.waitUntil(lambda: guard.box is not None and guard.box.isVisible(), timeout=10_000)
    assert guard.box.objectName() == "openSaleQuestion"
    return guard.box


def _ring_up(qtbot: Any, window: Any, demo: Any) -> None:
    for p in demo.products[:2]:
        type_into(qtbot, window.scan_input, p["barcode"])
        wait_idle(qtbot, window.runner)
    assert len(window.draft.lines) == 2


def test_alt_f4_with_an_open_sale_asks_and_holds_it(
    qtbot: Any, window: Any, demo: Any, backend: Any
) -> None:
    from ui.customer_display import CustomerDisplay

    display = CustomerDisplay()
    qtbot.addWidget(display)
    display.follow(window)
    _ring_up(qtbot, window, demo)
    window.sale_flow.reprice()
    wait_idle(qtbot, window.runner)
    display.show_sale(window.sale)
    assert display.table.rowCount() == 2
    amount = window.totals.total_label.text()

    window.close()  # what Alt+F4 asks of the window
    box = question(qtbot, window)
    assert window.isVisible()  # not closed: asked first
    assert amount in box.text() and "2 lines" in box.text()
    qtbot.keyClick(box, Qt.Key.Key_Return)  # Enter: hold
    wait_idle(qtbot, window.runner, timeout=15_000)
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=15_000)
    assert backend.held_count() == 1
    held = backend.held_sales()[0]
    assert held.line_count == 2
    assert display.table.rowCount() == 0 or not display.isVisible()


def test_alt_f4_then_esc_keeps_the_sale_and_the_window(
    qtbot: Any, window: Any, demo: Any, backend: Any
) -> None:
    _ring_up(qtbot, window, demo)
    window.close()
    box = question(qtbot, window)
    qtbot.keyClick(box, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: gone(box))
    assert window.isVisible() and len(window.draft.lines) == 2
    assert backend.held_count() == 0
    # Said after the answer (a loaded machine may paint the last scan's line message first).
    qtbot.waitUntil(lambda: "F12" in window.message_label.text(), timeout=5000)


def test_alt_f4_on_an_empty_sale_closes_at_once(qtbot: Any, window: Any) -> None:
    window.close()
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=15_000)


def test_f11_lock_with_an_open_sale_holds_it_first(
    qtbot: Any, window: Any, demo: Any, backend: Any
) -> None:
    _ring_up(qtbot, window, demo)
    locked: list[bool] = []
    window.lock_requested.connect(lambda: locked.append(True))
    press(qtbot, window, Qt.Key.Key_F11)
    box = question(qtbot, window)
    assert not locked
    qtbot.keyClick(box, Qt.Key.Key_Return)
    wait_idle(qtbot, window.runner)
    qtbot.waitUntil(lambda: bool(locked))
    assert window.draft.empty and backend.held_count() == 1
