"""Issue 16: 积分兑换 by keys (Ctrl+J): the pick list of the gifts the member's points can
take, Enter adds the gift at its cash part, the sale debits the points with it and the
receipt says 积分兑换; too few points are refused with how many are missing."""

from __future__ import annotations

import json
import sqlite3
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from pos_member.domain.money import Money
from pos_member.services import identify
from tests.gui.helpers import dialog, gone, pay_exact_cash, press, scanner, wait_idle

pytestmark = pytest.mark.gui


POINTS_OR_POINTS_AND_CASH = [{"points": 300, "cash": 0}, {"points": 100, "cash": 200}]


def _offer_gift(
    demo: Any, backend: Any, sku: str, rates: list[dict[str, int]] = POINTS_OR_POINTS_AND_CASH
) -> None:
    """The till's rules as head office would publish them with a gift (300分, or 100分 + ¥2)."""
    conn = sqlite3.connect(demo.path)
    version, doc = conn.execute(
        "select version, document from programme_rules order by version desc limit 1"
    ).fetchone()
    d = json.loads(doc)
    d["gifts"] = [{"sku": sku, "rates": rates, "stock": 5}]
    conn.execute(
        "update programme_rules set document = ? where version = ?", (json.dumps(d), version)
    )
    conn.commit()
    conn.close()
    backend.ctx._rules_cache.clear()


def _member(demo: Any, backend: Any, lo: int, hi: int) -> tuple[dict[str, Any], int]:
    for m in demo.members:
        if m.get("card_number"):
            points = identify.member_view(backend.ctx, m["member_id"]).points
            if lo <= points < hi:
                return m, points
    pytest.skip(f"no demo member with {lo}..{hi} points")


def _identify(qtbot: Any, window: Any, card: str) -> None:
    scanner(QApplication.focusWidget() or window.scan_input, card)
    wait_idle(qtbot, window.runner)
    qtbot.waitUntil(lambda: window.member is not None)


def test_a_points_and_cash_gift_by_keys(
    qtbot: Any, window: Any, demo: Any, backend: Any, printer: Any
) -> None:
    sku = demo.products[0]["code"]
    _offer_gift(demo, backend, sku)
    m, before = _member(demo, backend, 300, 10**9)
    _identify(qtbot, window, m["card_number"])
    press(qtbot, window, Qt.Key.Key_J, Qt.KeyboardModifier.ControlModifier)
    dlg = dialog(qtbot, "giftDialog")
    assert [(o.points, o.cash) for o in dlg.offers] == [(100, Money(200)), (300, Money(0))]
    press(qtbot, dlg, Qt.Key.Key_Return)  # the first: 100分 + ¥2.00
    qtbot.waitUntil(lambda: gone(dlg))
    wait_idle(qtbot, window.runner)
    assert [ln.code for ln in window.sale.lines] == [sku]
    assert window.sale.net_total == Money(200)
    pay_exact_cash(qtbot, window)
    wait_idle(qtbot, window.runner)
    receipt = window.last_receipt.receipt_no
    conn = sqlite3.connect(demo.path)
    try:
        sale_id, redeemed, earned = conn.execute(
            "select id, points_redeemed, points_earned from sales where receipt_no = ?",
            (receipt,),
        ).fetchone()
        tenders = conn.execute(
            "select kind, method, amount_fen, points from tenders where sale_id = ? order by seq",
            (sale_id,),
        ).fetchall()
    finally:
        conn.close()
    assert (redeemed, earned) == (100, 0)
    assert tenders == [("points", "gift", 0, 100), ("cash", "", 200, 0)]
    assert identify.member_view(backend.ctx, m["member_id"]).points == before - 100
    qtbot.waitUntil(lambda: len(printer.jobs) == 1, timeout=5000)
    printed = printer.jobs[0][1]
    assert "积分兑换 -100分".encode("gb18030") in printed  # under the line
    assert "100分".encode("gb18030") in printed and "积分兑换".encode("gb18030") in printed


def test_too_few_points_are_refused_with_what_is_missing(
    qtbot: Any, window: Any, demo: Any, backend: Any
) -> None:
    m, points = _member(demo, backend, 0, 10**9)
    _offer_gift(demo, backend, demo.products[0]["code"], [{"points": points + 120, "cash": 0}])
    _identify(qtbot, window, m["card_number"])
    press(qtbot, window, Qt.Key.Key_J, Qt.KeyboardModifier.ControlModifier)
    wait_idle(qtbot, window.runner)
    qtbot.waitUntil(
        lambda: "Not enough points: 120 more are needed." in window.message_label.text()
    )
    assert window.draft.empty
    assert all(
        w.objectName() != "giftDialog" for w in QApplication.topLevelWidgets() if w.isVisible()
    )
