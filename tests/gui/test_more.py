"""Weighed goods, the offline stored-value limit, help, and the last-resort error hooks."""

from __future__ import annotations

import logging
import threading
from typing import Any

import pytest
from PySide6.QtCore import Qt

from pos_member.domain.money import Money
from pos_member.services import identify
from tests.gui.helpers import dialog, press, type_into, wait_idle

pytestmark = pytest.mark.gui


def scan(qtbot: Any, window: Any, text: str) -> None:
    type_into(qtbot, window.scan_input, text)
    wait_idle(qtbot, window.runner)


def test_scale_label_carries_the_weight(qtbot: Any, window: Any, demo: Any) -> None:
    item = next(p for p in demo.products if p.get("scale_label_example"))
    scan(qtbot, window, item["scale_label_example"])
    assert window.cart_table.rowCount() == 1
    assert window.cart_table.item(0, 1).text() == item["name"]
    assert window.cart_table.item(0, 2).text().endswith(" kg")


def test_weighed_plu_asks_for_the_weight(qtbot: Any, window: Any, demo: Any) -> None:
    item = next(p for p in demo.products if p.get("price_per_kg"))
    scan(qtbot, window, item["code"])
    dlg = dialog(qtbot, "weightDialog")
    type_into(qtbot, dlg.input, "500")
    wait_idle(qtbot, window.runner)
    assert window.cart_table.item(0, 2).text() == "0.500 kg"
    half = Money.yuan(item["price_per_kg"]).fen // 2
    assert window.sale.amount_due.fen in (half, half + 1)  # the domain rounds half up


def test_bad_weight_is_refused(qtbot: Any, window: Any, demo: Any) -> None:
    item = next(p for p in demo.products if p.get("price_per_kg"))
    scan(qtbot, window, item["code"])
    dlg = dialog(qtbot, "weightDialog")
    type_into(qtbot, dlg.input, "abc")
    assert "whole number" in window.message_label.text()
    assert window.cart_table.rowCount() == 0


def test_offline_stored_value_limit_is_refused(
    qtbot: Any, window: Any, demo: Any, backend: Any
) -> None:
    limit = backend.rules().stored_value.offline_limit_per_member_per_day
    chosen = None
    for m in demo.members:
        if m.get("card_number") and m.get("pay_pin"):
            v = identify.member_view(backend.ctx, m["member_id"])
            if v.stored_value > limit and v.has_pay_pin:
                chosen = m
                break
    assert chosen is not None, "the demo seed has members with more than the offline limit"
    backend.set_online(False)
    dear = max(demo.products[:6], key=lambda p: Money.yuan(p["price"]))
    n = limit.fen // Money.yuan(dear["price"]).fen + 2
    for _ in range(n):
        scan(qtbot, window, dear["barcode"])
    scan(qtbot, window, chosen["card_number"])
    assert window.sale.amount_due > limit
    press(qtbot, window, Qt.Key.Key_F12)
    pay = dialog(qtbot, "paymentDialog")
    wait_idle(qtbot, window.runner)
    type_into(qtbot, pay.sv_input, (limit + Money(100)).plain(), enter=False)
    pay.exact_cash()
    wait_idle(qtbot, window.runner)
    type_into(qtbot, pay.pin_input, chosen["pay_pin"])
    wait_idle(qtbot, window.runner)
    assert pay.message.text().startswith("Offline:")
    assert str(limit) in pay.message.text()


def test_f1_lists_every_key(qtbot: Any, window: Any) -> None:
    from ui.main_window import SHORTCUTS

    press(qtbot, window, Qt.Key.Key_F1)
    box = dialog(qtbot, "helpDialog")
    for action in SHORTCUTS:
        assert f"<b>{action.key}</b>" in box.text()
    box.close()


def test_uncaught_errors_are_logged_and_shown_calmly(
    qapp: Any, caplog: pytest.LogCaptureFixture
) -> None:
    import sys

    from pos_member.domain.errors import EmptyCart
    from ui.errors import install_excepthooks

    shown: list[str] = []
    saved = sys.excepthook, threading.excepthook
    try:
        install_excepthooks(shown.append)

        def boom() -> None:
            raise RuntimeError("bug in a worker")

        with caplog.at_level(logging.ERROR):
            t = threading.Thread(target=boom)
            t.start()
            t.join()
            try:
                raise EmptyCart()
            except EmptyCart as exc:
                sys.excepthook(type(exc), exc, exc.__traceback__)
    finally:
        sys.excepthook, threading.excepthook = saved
    assert shown[0].startswith("Something unexpected went wrong")
    assert shown[1] == "The cart is empty."
    assert "bug in a worker" in caplog.text
