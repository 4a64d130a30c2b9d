"""The sale screen driven through its widgets on a real seeded SQLite store."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from pos_member.domain.money import Money
from pos_member.services import identify
from pos_member.store.models import AuditEntry, Sale
from tests.gui.helpers import dialog, gone, pay_exact_cash, press, type_into, wait_idle

pytestmark = pytest.mark.gui


def scan(qtbot: Any, window: Any, text: str) -> None:
    type_into(qtbot, window.scan_input, text)
    wait_idle(qtbot, window.runner)


def test_contract_widgets_exist(window: Any) -> None:
    from PySide6.QtWidgets import QWidget

    for name in (
        "scanInput", "cartTable", "memberPanel", "memberNameLabel", "memberTierLabel",
        "memberBalanceLabel", "memberPointsLabel", "totalLabel", "payButton", "refundButton",
        "rechargeButton", "syncStatusLabel", "messageLabel",
    ):  # fmt: skip
        assert window.findChild(QWidget, name) is not None, name
    assert window.objectName() == "CashierWindow"
    assert window.totals.total_label.text() == "¥0.00"


def test_scanned_barcode_adds_a_priced_row(qtbot: Any, window: Any, demo: Any) -> None:
    p = demo.products[0]
    scan(qtbot, window, p["barcode"])
    table = window.cart_table
    assert table.rowCount() == 1
    assert table.item(0, 1).text() == p["name"]
    assert table.item(0, 5).text() == f"¥{p['price']}"
    assert window.totals.total_label.text() == f"¥{p['price']}"
    scan(qtbot, window, p["barcode"])
    assert table.rowCount() == 2
    assert window.totals.total_label.text() == str(Money.yuan(p["price"]) * 2)


def test_member_by_scanned_card_number_shows_masked_panel(
    qtbot: Any, window: Any, demo: Any, backend: Any
) -> None:
    m = demo.member(tiered=True)
    scan(qtbot, window, m["card_number"])
    name = window.member_panel.member_name.text()
    assert name.startswith(m["name"][0]) and "*" in name and m["name"] not in name
    tier = backend.rules().tier(m["tier"])
    assert window.member_panel.member_tier.text() == tier.name
    db = identify.member_view(backend.ctx, m["member_id"])
    assert window.member_panel.member_balance.text() == str(db.stored_value)
    assert window.member_panel.member_points.text() == f"{db.points:,}"
    assert m["phone"] not in window.member_panel.member_phone.text()
    assert m["phone"][-4:] in window.member_panel.member_phone.text()


def test_member_price_and_tier_discount_come_from_pricing(
    qtbot: Any, window: Any, demo: Any
) -> None:
    p = demo.product(member_price=demo.products[2]["member_price"], code=demo.products[2]["code"])
    assert p["member_price"] is not None
    scan(qtbot, window, p["barcode"])
    assert window.totals.total_label.text() == f"¥{p['price']}"
    m = demo.member()
    scan(qtbot, window, m["card_number"])
    # The member price replaced the normal price, and the cart says why.
    assert window.totals.total_label.text() == f"¥{p['member_price']}"
    assert "Member price" in window.cart_table.item(0, 4).text()
    assert window.totals.savings_label.text().endswith(
        str(Money.yuan(p["price"]) - Money.yuan(p["member_price"]))
    )


def test_member_by_phone(qtbot: Any, window: Any, demo: Any) -> None:
    m = demo.member()
    scan(qtbot, window, m["phone"])
    assert window.member is not None and window.member.member_id == str(m["member_id"])


def test_unknown_code_is_refused_calmly(qtbot: Any, window: Any) -> None:
    scan(qtbot, window, "6901234567892")
    assert window.cart_table.rowCount() == 0
    assert window.message_label.property("level") == "error"
    assert "6901234567892" in window.message_label.text()


def test_wrong_check_digit_card_is_refused(qtbot: Any, window: Any, demo: Any) -> None:
    number = demo.member()["card_number"]
    bad = number[:-1] + str((int(number[-1]) + 1) % 10)
    scan(qtbot, window, bad)
    assert window.member is None
    assert "check digit" in window.message_label.text()


def test_replaced_card_is_refused(qtbot: Any, window: Any, demo: Any) -> None:
    replaced = next(m for m in demo.members if m.get("replaced_card_number"))
    scan(qtbot, window, replaced["replaced_card_number"])
    assert window.member is None
    assert "replaced" in window.message_label.text()


def test_garbage_says_why(qtbot: Any, window: Any) -> None:
    scan(qtbot, window, "12345")
    assert window.cart_table.rowCount() == 0
    assert "digits" in window.message_label.text()


def test_quantity_void_line_hold_recall_void_sale(
    qtbot: Any, window: Any, demo: Any, backend: Any
) -> None:
    a, b = demo.products[0], demo.products[1]
    scan(qtbot, window, a["barcode"])
    scan(qtbot, window, b["barcode"])
    window.cart_table.selectRow(0)
    press(qtbot, window, Qt.Key.Key_F4)
    dlg = dialog(qtbot, "quantityDialog")
    type_into(qtbot, dlg.input, "3")
    wait_idle(qtbot, window.runner)
    assert window.cart_table.item(0, 2).text() == "3"
    total = Money.yuan(a["price"]) * 3 + Money.yuan(b["price"])
    assert window.totals.total_label.text() == str(total)

    window.cart_table.selectRow(1)
    press(qtbot, window, Qt.Key.Key_Delete)
    wait_idle(qtbot, window.runner)
    assert window.cart_table.rowCount() == 1
    assert window.totals.total_label.text() == str(Money.yuan(a["price"]) * 3)

    press(qtbot, window, Qt.Key.Key_F8)  # hold (written to the store)
    assert window.cart_table.rowCount() == 0
    assert window.totals.total_label.text() == "¥0.00"
    wait_idle(qtbot, window.runner)
    assert backend.held_count() == 1
    press(qtbot, window, Qt.Key.Key_F8)  # recall
    wait_idle(qtbot, window.runner)
    assert window.cart_table.rowCount() == 1
    assert window.totals.total_label.text() == str(Money.yuan(a["price"]) * 3)

    # A cashier voids the whole sale only with a supervisor's PIN.
    press(qtbot, window, Qt.Key.Key_Delete, Qt.KeyboardModifier.ControlModifier)
    sup = dialog(qtbot, "supervisorDialog")
    sup.staff_input.setText("2001")
    type_into(qtbot, sup.pin_input, "8888")
    wait_idle(qtbot, window.runner)
    assert window.cart_table.rowCount() == 0
    with backend.ctx.store.reading() as s:
        rows = s.execute(
            select(AuditEntry.staff_id, AuditEntry.approved_by).where(
                AuditEntry.action == "sale.void"
            )
        ).all()
    assert rows == [("1001", "2001")]


def test_supervisor_wrong_pin_is_refused(qtbot: Any, window: Any, demo: Any) -> None:
    scan(qtbot, window, demo.products[0]["barcode"])
    press(qtbot, window, Qt.Key.Key_Delete, Qt.KeyboardModifier.ControlModifier)
    sup = dialog(qtbot, "supervisorDialog")
    sup.staff_input.setText("2001")
    type_into(qtbot, sup.pin_input, "0000")
    wait_idle(qtbot, window.runner)
    assert "Wrong PIN" in sup.message.text()
    assert window.cart_table.rowCount() == 1


def test_pay_with_cash_commits_once(qtbot: Any, window: Any, demo: Any, backend: Any) -> None:
    p = demo.products[0]
    scan(qtbot, window, p["barcode"])
    press(qtbot, window, Qt.Key.Key_F12)
    pay = dialog(qtbot, "paymentDialog")
    wait_idle(qtbot, window.runner)
    type_into(qtbot, pay.cash_input, "100", enter=False)
    qtbot.waitUntil(
        lambda: pay.change_label.text() == str(Money.yuan(100) - Money.yuan(p["price"]))
    )
    # Three presses of Enter: one sale.
    for _ in range(3):
        qtbot.keyClick(pay.cash_input, Qt.Key.Key_Return)
    wait_idle(qtbot, window.runner)
    qtbot.waitUntil(lambda: gone(pay))
    assert window.last_receipt is not None
    assert "Change" in window.message_label.text() or "printer" in window.message_label.text()
    with backend.ctx.store.reading() as s:
        totals = s.scalars(
            select(Sale.total_fen).where(Sale.receipt_no == window.last_receipt.receipt_no)
        ).all()
    assert totals == [Money.yuan(p["price"]).fen]
    # The change stays, large, where the total was, until the next sale starts.
    change = Money.yuan(100) - Money.yuan(p["price"])
    assert window.cart_table.rowCount() == 0 and window.totals.total_label.text() == str(change)
    assert window.totals.due_caption.text() == "Change"


def test_pay_key_on_empty_cart_says_so(qtbot: Any, window: Any) -> None:
    press(qtbot, window, Qt.Key.Key_F12)
    assert window.message_label.text() == "The cart is empty."


def test_member_coupon_applied_with_f5(qtbot: Any, window: Any, demo: Any, backend: Any) -> None:
    chosen = None
    for m in demo.members:
        if m.get("card_number"):
            view = backend.member(m["member_id"])
            if view.coupon_codes:
                chosen = (m, view)
                break
    assert chosen is not None, "the demo seed gives members a sign-up coupon"
    m, view = chosen
    plain = [p for p in demo.products[:6] if p.get("barcode") and not p.get("member_price")]
    expensive = max(plain, key=lambda p: Money.yuan(p["price"]))
    for code in (expensive["barcode"], expensive["barcode"], m["card_number"]):
        scan(qtbot, window, code)
    assert window.member_panel.member_coupons.text().startswith("Coupons:")
    before = window.sale.amount_due
    press(qtbot, window, Qt.Key.Key_F5)
    dlg = dialog(qtbot, "couponDialog")
    assert dlg.input.text() == view.coupon_codes[0]
    qtbot.keyClick(dlg.input, Qt.Key.Key_Return)
    wait_idle(qtbot, window.runner)
    assert window.sale.amount_due < before
    assert f"Coupon {view.coupon_codes[0]}" in window.cart_table.item(0, 4).text()


def test_waiting_count_grows_after_a_sale(qtbot: Any, window: Any, demo: Any) -> None:
    qtbot.waitUntil(lambda: window.status.waiting.text().startswith("Waiting to sync:"))
    before = int(window.status.waiting.text().split(":")[1])
    scan(qtbot, window, demo.products[0]["barcode"])
    pay_exact_cash(qtbot, window)
    qtbot.waitUntil(lambda: window.status.waiting.text() == f"Waiting to sync: {before + 1}")
    assert window.status.online.text() == "● Offline"


def test_points_expiring_soon_are_flagged(qtbot: Any, window: Any, demo: Any, backend: Any) -> None:
    from datetime import UTC, datetime

    from pos_member.services.ledgers import member_lots

    m = next(m for m in demo.members if m.get("card_number") and m.get("points"))
    with backend.ctx.store.reading() as s:
        lots, _ = member_lots(s, m["member_id"])
    last_day = min(lot.expires_on for lot in lots if lot.expires_on)
    # The counter's clock a month before those points lapse.
    backend.ctx.clock = lambda: datetime(last_day.year, last_day.month, 1, 4, tzinfo=UTC)
    scan(qtbot, window, m["card_number"])
    assert window.member is not None
    assert window.member_panel.member_expiring.isVisibleTo(window)
    assert f"expire on {last_day.isoformat()}" in window.member_panel.member_expiring.text()


def test_a_member_overdrawn_at_head_office_shows_the_debt_and_no_spendable_balance(
    qtbot: Any, window: Any, demo: Any, backend: Any, english: None
) -> None:
    from sqlalchemy import text

    m = demo.member()
    # As after a pull: head office confirmed the member 35.00 yuan overdrawn (two stores
    # spent the same balance offline); this till has nothing unsynced for them.
    with backend.ctx.store.session() as s:
        s.execute(
            text("INSERT INTO sync_balances (member_id, sv_principal_fen, sv_bonus_fen, points,"
                 " version) VALUES (:m, -3500, 0, 0, 9)"), {"m": m["member_id"]},
        )  # fmt: skip
    scan(qtbot, window, m["card_number"])
    assert window.member_panel.member_balance.text() == str(Money(0))
    assert window.member_panel.member_owed.isVisible()
    assert window.member_panel.member_owed.text().startswith(f"Owes {Money(3500)} of stored value")
    window.grab().save(str(demo.path.parent / "owed.png"))
    # The next member, not overdrawn, shows no debt.
    other = next(
        o for o in demo.members if o.get("card_number") and o["member_id"] != m["member_id"]
    )
    press(qtbot, window, Qt.Key.Key_Escape)
    scan(qtbot, window, other["card_number"])
    owed = window.member_panel.member_owed
    assert owed.text() == "" and not owed.isVisible()
