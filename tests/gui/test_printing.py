"""Receipts after payment: the printed bytes, a failed print shown calmly, Ctrl+P reprints."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt

from drivers.printers import PaperState
from pos_member.domain.errors import PrinterPaperOut
from tests.gui.helpers import dialog, gone, press, type_into, wait_idle

pytestmark = pytest.mark.gui


def sell(qtbot: Any, window: Any, code: str) -> str:
    type_into(qtbot, window.scan_input, code)
    wait_idle(qtbot, window.runner)
    press(qtbot, window, Qt.Key.Key_F12)
    pay = dialog(qtbot, "paymentDialog")
    wait_idle(qtbot, window.runner)
    # Cash to the next ¥100 note: within the till's most change (¥100).
    due = window.sale.amount_due.fen
    type_into(qtbot, pay.cash_input, str(-(-due // 10_000) * 100))
    wait_idle(qtbot, window.runner)
    qtbot.waitUntil(lambda: gone(pay))
    return str(window.last_receipt.receipt_no)


def test_receipt_bytes_reach_the_printer(qtbot: Any, window: Any, demo: Any, printer: Any) -> None:
    p = demo.products[0]
    receipt = sell(qtbot, window, p["barcode"])
    qtbot.waitUntil(lambda: len(printer.jobs) == 1, timeout=5000)
    name, data = printer.jobs[0]
    assert name == receipt
    assert receipt.encode() in data  # the number (and its Code 128) is on the paper
    assert p["name"].split()[0].encode("gb18030") in data  # Chinese in printer encoding
    assert data.startswith(b"\x1b@")  # ESC @: the printer is initialised first
    qtbot.waitUntil(lambda: window.status.printer.text() == "Printer: ready")


def test_paper_out_keeps_the_sale_and_ctrl_p_reprints(
    qtbot: Any, window: Any, demo: Any, printer: Any
) -> None:
    printer.fail_next.append(PrinterPaperOut(printer=printer.name))
    receipt = sell(qtbot, window, demo.products[0]["barcode"])
    qtbot.waitUntil(lambda: "reprint" in window.message_label.text(), timeout=5000)
    assert "out of paper" in window.message_label.text()
    assert receipt in window.message_label.text()
    assert window.status.printer.property("failed") is True
    assert window.backend.printing.pending() == [receipt]
    assert printer.jobs == []

    press(qtbot, window, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    wait_idle(qtbot, window.runner)
    qtbot.waitUntil(lambda: len(printer.jobs) == 1, timeout=5000)
    assert printer.jobs[0][0] == receipt
    qtbot.waitUntil(lambda: window.status.printer.text() == "Printer: ready")
    assert window.backend.printing.pending() == []


def test_cover_open_says_what_to_do(qtbot: Any, window: Any, demo: Any, printer: Any) -> None:
    printer.paper = PaperState.OK
    printer.cover_open = True
    sell(qtbot, window, demo.products[0]["barcode"])
    qtbot.waitUntil(lambda: "cover is open" in window.message_label.text(), timeout=5000)
