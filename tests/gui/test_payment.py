"""Split payment with stored value, points, cash and the member's PIN, and its refusals."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from pos_member.domain.money import Money
from pos_member.services import identify
from pos_member.store.models import Sale, Tender
from tests.gui.helpers import dialog, gone, press, type_into, wait_idle

pytestmark = pytest.mark.gui


def rich_member(demo: Any, backend: Any, at_least: Money) -> tuple[dict[str, Any], Any]:
    for m in demo.members:
        if not m.get("card_number") or not m.get("pay_pin"):
            continue
        v = identify.member_view(backend.ctx, m["member_id"])
        if v.stored_value >= at_least and v.has_pay_pin:
            return m, v
    raise LookupError("no demo member with that much stored value")


def ring_up(qtbot: Any, window: Any, codes: list[str], card: str) -> None:
    for code in [*codes, card]:
        type_into(qtbot, window.scan_input, code)
        wait_idle(qtbot, window.runner)


def open_payment(qtbot: Any, window: Any) -> Any:
    press(qtbot, window, Qt.Key.Key_F12)
    pay = dialog(qtbot, "paymentDialog")
    wait_idle(qtbot, window.runner)
    return pay


def test_split_stored_value_with_pin_and_cash(
    qtbot: Any, window: Any, demo: Any, backend: Any
) -> None:
    p = demo.products[1]
    m, before = rich_member(demo, backend, Money.yuan(10))
    ring_up(qtbot, window, [p["barcode"]], m["card_number"])
    due = window.sale.amount_due
    pay = open_payment(qtbot, window)
    assert pay.due_label.text() == str(due)
    sv = Money.yuan(5)
    type_into(qtbot, pay.sv_input, sv.plain(), enter=False)
    handed = due - sv + Money.yuan(50)  # within the till's most change
    type_into(qtbot, pay.cash_input, handed.plain(), enter=False)
    wait_idle(qtbot, window.runner)
    qtbot.waitUntil(lambda: pay.change_label.text() == str(Money.yuan(50)))
    type_into(qtbot, pay.pin_input, m["pay_pin"])
    wait_idle(qtbot, window.runner)
    qtbot.waitUntil(lambda: gone(pay))
    receipt = window.last_receipt
    assert receipt is not None and receipt.member_balance == before.stored_value - sv
    after = identify.member_view(backend.ctx, m["member_id"])
    assert after.stored_value == before.stored_value - sv
    assert after.points == before.points + receipt.points_earned
    with backend.ctx.store.reading() as s:
        sale_id = s.scalar(select(Sale.id).where(Sale.receipt_no == receipt.receipt_no))
        tenders = dict(
            s.execute(select(Tender.kind, Tender.amount_fen).where(Tender.sale_id == sale_id)).all()
        )
    assert tenders == {"stored_value": sv.fen, "cash": (due - sv).fen}


def test_wrong_pin_is_refused_and_nothing_is_written(
    qtbot: Any, window: Any, demo: Any, backend: Any
) -> None:
    p = demo.products[1]
    m, before = rich_member(demo, backend, Money.yuan(10))
    ring_up(qtbot, window, [p["barcode"]], m["card_number"])
    pay = open_payment(qtbot, window)
    type_into(qtbot, pay.sv_input, window.sale.amount_due.plain(), enter=False)
    wrong = "000000" if m["pay_pin"] != "000000" else "111111"
    type_into(qtbot, pay.pin_input, wrong)
    wait_idle(qtbot, window.runner)
    assert "Wrong PIN" in pay.message.text()
    assert pay.isVisible() and pay.confirm_button.isEnabled()
    assert window.message_label.property("level") == "error"
    after = identify.member_view(backend.ctx, m["member_id"])
    assert after.stored_value == before.stored_value
    with backend.ctx.store.reading() as s:
        assert s.get(Sale, window.draft.sale_id) is None


def test_stored_value_without_pin_asks_for_it(
    qtbot: Any, window: Any, demo: Any, backend: Any
) -> None:
    m, _ = rich_member(demo, backend, Money.yuan(10))
    ring_up(qtbot, window, [demo.products[1]["barcode"]], m["card_number"])
    pay = open_payment(qtbot, window)
    type_into(qtbot, pay.sv_input, window.sale.amount_due.plain())
    wait_idle(qtbot, window.runner)
    assert "PIN" in pay.message.text()


def test_balance_too_low_is_refused(qtbot: Any, window: Any, demo: Any, backend: Any) -> None:
    m, before = rich_member(demo, backend, Money.yuan(0))
    ring_up(qtbot, window, [demo.products[1]["barcode"]] * 2, m["card_number"])
    pay = open_payment(qtbot, window)
    too_much = before.stored_value + Money(1)
    type_into(qtbot, pay.sv_input, too_much.plain(), enter=False)
    type_into(qtbot, pay.pin_input, m["pay_pin"])
    wait_idle(qtbot, window.runner)
    text = pay.message.text()
    assert ("too low" in text) or ("Only cash" in text)


def test_not_enough_paid_says_how_much_is_left(qtbot: Any, window: Any, demo: Any) -> None:
    p = demo.products[1]
    type_into(qtbot, window.scan_input, p["barcode"])
    wait_idle(qtbot, window.runner)
    pay = open_payment(qtbot, window)
    type_into(qtbot, pay.cash_input, "1", enter=False)
    left = str(Money.yuan(p["price"]) - Money.yuan(1))
    qtbot.waitUntil(lambda: pay.remaining_label.text() == f"Still to pay: {left}")
    qtbot.keyClick(pay.cash_input, Qt.Key.Key_Return)
    wait_idle(qtbot, window.runner)
    # Enter on a payment that is short is no error: it goes to the cash and says how much.
    assert pay.message.text() == (
        f"Still to pay {left}: type the cash received (F5: exact), then Enter."
    )
    assert pay.cash_input.hasFocus() and pay.isVisible()


def test_bad_amount_text_is_explained(qtbot: Any, window: Any, demo: Any) -> None:
    ring_up(qtbot, window, [demo.products[1]["barcode"]], demo.member()["card_number"])
    pay = open_payment(qtbot, window)
    type_into(qtbot, pay.cash_input, "12.345")
    assert "two decimals" in pay.message.text()
    pay.cash_input.clear()
    type_into(qtbot, pay.points_input, "abc")
    assert "whole number" in pay.message.text()


def test_points_pay_part_of_the_sale(qtbot: Any, window: Any, demo: Any, backend: Any) -> None:
    rules = backend.rules()
    unit = rules.redeem.points_per_unit
    chosen = None
    for m in demo.members:
        if m.get("card_number"):
            v = identify.member_view(backend.ctx, m["member_id"])
            if v.points >= unit:
                chosen = (m, v)
                break
    assert chosen is not None
    m, before = chosen
    expensive = max(demo.products[:6], key=lambda p: Money.yuan(p["price"]))
    ring_up(qtbot, window, [expensive["barcode"]], m["card_number"])
    pay = open_payment(qtbot, window)
    due_before = window.sale.amount_due
    type_into(qtbot, pay.points_input, str(unit), enter=False)
    value = rules.redeem.value_of(unit)
    qtbot.waitUntil(lambda: pay.due_label.text() == str(due_before - value))
    pay.exact_cash()
    qtbot.waitUntil(lambda: pay.cash_input.text() == (due_before - value).plain())
    qtbot.keyClick(pay.cash_input, Qt.Key.Key_Return)
    wait_idle(qtbot, window.runner)
    qtbot.waitUntil(lambda: gone(pay))
    after = identify.member_view(backend.ctx, m["member_id"])
    assert after.points == before.points - unit + window.last_receipt.points_earned


def test_wechat_and_cash_split(qtbot: Any, window: Any, demo: Any, backend: Any) -> None:
    p = demo.products[1]
    type_into(qtbot, window.scan_input, p["barcode"])
    wait_idle(qtbot, window.runner)
    pay = open_payment(qtbot, window)
    pay.method_box.setCurrentIndex(pay.method_box.findData("wechat"))
    type_into(qtbot, pay.external_input, "10", enter=False)
    pay.exact_cash()
    wait_idle(qtbot, window.runner)
    qtbot.keyClick(pay.cash_input, Qt.Key.Key_Return)
    wait_idle(qtbot, window.runner)
    qtbot.waitUntil(lambda: gone(pay))
    with backend.ctx.store.reading() as s:
        sale_id = s.scalar(select(Sale.id).where(Sale.receipt_no == window.last_receipt.receipt_no))
        rows = s.execute(
            select(Tender.kind, Tender.method, Tender.amount_fen).where(Tender.sale_id == sale_id)
        ).all()
    due = Money.yuan(p["price"])
    assert sorted(rows) == sorted(
        [("external", "wechat", 1000), ("cash", "", (due - Money.yuan(10)).fen)]
    )


class _HeadOfficeSaysTooLow:
    """A ``domain.authorise.SpendAuthoriser`` fake: head office has less than the till."""

    def __init__(self) -> None:
        self.threads: list[str] = []

    def hold(self, member_id: int, sale_id: str, stored_value_fen: int, points: int) -> Any:
        import threading

        from pos_member.domain.errors import HoldRefused

        self.threads.append(threading.current_thread().name)
        raise HoldRefused(
            available=Money(100), points=0, requested=Money(stored_value_fen),
            requested_points=points,
        )  # fmt: skip

    def release(self, hold_id: str) -> None:
        raise AssertionError("nothing was held")


def test_a_hold_head_office_refuses_is_said_clearly_off_the_gui_thread_and_nothing_is_written(
    qtbot: Any, window: Any, demo: Any, backend: Any
) -> None:
    fake = _HeadOfficeSaysTooLow()
    backend.ctx.authoriser = fake
    backend.set_online(True)
    m, before = rich_member(demo, backend, Money.yuan(10))
    ring_up(qtbot, window, [demo.products[1]["barcode"]], m["card_number"])
    pay = open_payment(qtbot, window)
    type_into(qtbot, pay.sv_input, window.sale.amount_due.plain(), enter=False)
    type_into(qtbot, pay.pin_input, m["pay_pin"])
    wait_idle(qtbot, window.runner)
    assert "Head office says this member has only ¥1.00" in pay.message.text()
    assert pay.isVisible() and pay.confirm_button.isEnabled()
    assert fake.threads and all(name.startswith("lane-") for name in fake.threads)
    after = identify.member_view(backend.ctx, m["member_id"])
    assert after.stored_value == before.stored_value
    with backend.ctx.store.reading() as s:
        assert s.get(Sale, window.draft.sale_id) is None
