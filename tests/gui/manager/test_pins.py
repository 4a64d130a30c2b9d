"""Manager mode, F12: the member's payment PIN — set at registration, change, reset after
checking the member (a wrong check refused), unlock a locked PIN; each audited."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt

from pos_member.domain.money import Money
from pos_member.domain.tenders import TenderKind, TenderRequest
from pos_member.services import member_pin
from pos_member.services.checkout import CheckoutRequest, LineRequest, checkout, new_sale_id
from pos_member.services.context import Role, StaffSession
from tests.gui.helpers import gone, type_into, wait_idle

from .helpers import child, ime

pytestmark = pytest.mark.gui

NEW_PIN = "582914"
CASHIER = StaffSession("1001", "小王", Role.CASHIER)


def _select(qtbot: Any, w: Any, runner: Any, phone: str) -> None:
    ime(w.search_input, phone)
    qtbot.keyClick(w.search_input, Qt.Key.Key_Return)
    wait_idle(qtbot, runner)
    qtbot.waitUntil(lambda: w.page is not None)


def _open_pin(qtbot: Any, w: Any, runner: Any) -> Any:
    qtbot.keyClick(w, Qt.Key.Key_F12)
    dlg = child(qtbot, w, "payPinDialog")
    wait_idle(qtbot, runner)
    return dlg


def _audit(backend: Any, action: str) -> list[tuple[str, str]]:
    from sqlalchemy import select

    from pos_member.store.models import AuditEntry

    with backend.ctx.store.reading() as s:
        return [
            (r.staff_id or "", r.subject or "")
            for r in s.scalars(select(AuditEntry).where(AuditEntry.action == action))
        ]


def _member(demo: Any) -> dict[str, Any]:
    return demo.members[1]


def _pay(backend: Any, member_id: int, pin: str, product: dict[str, Any]) -> None:
    req = CheckoutRequest(
        sale_id=new_sale_id(), staff=CASHIER, lines=(LineRequest(product["barcode"]),),
        tenders=(TenderRequest(TenderKind.STORED_VALUE, Money.yuan("0.01")),
                 TenderRequest(TenderKind.CASH, Money.yuan(product["price"]))),
        member_id=member_id, pay_pin=pin,
    )  # fmt: skip
    checkout(backend.ctx, req)


def _lock(backend: Any, member_id: int, product: dict[str, Any]) -> None:
    from pos_member.domain.errors import PinLocked, WrongPin

    for _ in range(5):
        with pytest.raises((WrongPin, PinLocked)):
            _pay(backend, member_id, "000000", product)
    assert member_pin.pin_state(backend.ctx, member_id).locked_until is not None


@pytest.fixture
def cash_shift(mbackend: Any, backend: Any) -> None:
    if backend.current_shift() is None:
        backend.open_shift(backend.login("1001", "1111"), Money.yuan(500))


def test_reset_after_checking_the_phone_and_a_wrong_check_refused(
    qtbot: Any, mwindow: Any, runner: Any, mbackend: Any, demo: Any, cash_shift: None
) -> None:
    m = _member(demo)
    _lock(mbackend, m["member_id"], demo.products[1])
    _select(qtbot, mwindow, runner, m["phone"])
    dlg = _open_pin(qtbot, mwindow, runner)
    assert "Locked until" in dlg.state_label.text()
    assert dlg.mode == "unlock"  # a locked PIN: unlocking is offered first
    dlg.mode = "reset"
    assert dlg.check_input.isVisible() and not dlg.old_input.isVisible()
    assert dlg.check_input.hasFocus()
    wrong = m["phone"][:-1] + ("0" if m["phone"][-1] != "0" else "1")
    type_into(qtbot, dlg.check_input, wrong)  # Enter: on to the new PIN
    assert dlg.new_input.hasFocus()
    type_into(qtbot, dlg.new_input, NEW_PIN)
    type_into(qtbot, dlg.repeat_input, NEW_PIN)
    wait_idle(qtbot, runner)
    assert "neither the member's phone nor an ID number" in dlg.message.text()
    assert dlg.isVisible() and _audit(mbackend, "member.pay_pin_reset") == []
    type_into(qtbot, dlg.check_input, m["phone"])
    type_into(qtbot, dlg.new_input, NEW_PIN)
    type_into(qtbot, dlg.repeat_input, "582915")
    wait_idle(qtbot, runner)
    assert "the two entries differ" in dlg.message.text()
    type_into(qtbot, dlg.new_input, NEW_PIN)
    type_into(qtbot, dlg.repeat_input, NEW_PIN)
    wait_idle(qtbot, runner)
    qtbot.waitUntil(lambda: gone(dlg))
    assert "reset" in mwindow.message_label.text()
    assert _audit(mbackend, "member.pay_pin_reset") == [("3001", str(m["member_id"]))]
    state = member_pin.pin_state(mbackend.ctx, m["member_id"])
    assert state.locked_until is None and state.has_pin
    _pay(mbackend, m["member_id"], NEW_PIN, demo.products[1])  # the new PIN pays


def test_unlock_a_locked_pin(
    qtbot: Any, mwindow: Any, runner: Any, mbackend: Any, demo: Any, cash_shift: None
) -> None:
    m = _member(demo)
    _lock(mbackend, m["member_id"], demo.products[1])
    _select(qtbot, mwindow, runner, m["phone"])
    dlg = _open_pin(qtbot, mwindow, runner)
    assert dlg.mode == "unlock" and not dlg.new_input.isVisible()
    qtbot.keyClick(dlg.mode_box, Qt.Key.Key_Return)
    wait_idle(qtbot, runner)
    qtbot.waitUntil(lambda: gone(dlg))
    assert "unlocked" in mwindow.message_label.text()
    assert _audit(mbackend, "member.pay_pin_unlocked") == [("3001", str(m["member_id"]))]
    _pay(mbackend, m["member_id"], m["pay_pin"], demo.products[1])  # the old PIN again


def test_change_with_the_old_pin_and_a_weak_new_one_refused(
    qtbot: Any, mwindow: Any, runner: Any, mbackend: Any, demo: Any, cash_shift: None
) -> None:
    m = _member(demo)
    _select(qtbot, mwindow, runner, m["phone"])
    dlg = _open_pin(qtbot, mwindow, runner)
    assert dlg.mode == "change" and dlg.state_label.text() == "A PIN is set."
    type_into(qtbot, dlg.old_input, m["pay_pin"])
    type_into(qtbot, dlg.new_input, "654321")
    type_into(qtbot, dlg.repeat_input, "654321")
    wait_idle(qtbot, runner)
    assert "digits in a row" in dlg.message.text() and dlg.isVisible()
    type_into(qtbot, dlg.old_input, m["pay_pin"])
    type_into(qtbot, dlg.new_input, NEW_PIN)
    type_into(qtbot, dlg.repeat_input, NEW_PIN)
    wait_idle(qtbot, runner)
    qtbot.waitUntil(lambda: gone(dlg))
    assert _audit(mbackend, "member.pay_pin_changed") == [("3001", str(m["member_id"]))]
    _pay(mbackend, m["member_id"], NEW_PIN, demo.products[1])


def test_registration_goes_on_to_the_first_pin(
    qtbot: Any, mwindow: Any, runner: Any, mbackend: Any
) -> None:
    qtbot.keyClick(mwindow, Qt.Key.Key_F2)
    reg = child(qtbot, mwindow, "registerMemberDialog")
    ime(reg.name_input, "韩梅梅")
    type_into(qtbot, reg.phone_input, "13800138111", enter=False)
    reg.consent_input.setChecked(True)
    qtbot.keyClick(reg.phone_input, Qt.Key.Key_Return)
    dlg = child(qtbot, mwindow, "payPinDialog")
    wait_idle(qtbot, runner)
    assert dlg.mode == "set" and "No PIN yet" in dlg.state_label.text()
    assert dlg.new_input.hasFocus()
    member_id = dlg.member_id
    type_into(qtbot, dlg.new_input, "138111")  # the end of the phone number
    type_into(qtbot, dlg.repeat_input, "138111")
    wait_idle(qtbot, runner)
    assert "end of the member's phone number" in dlg.message.text()
    type_into(qtbot, dlg.new_input, NEW_PIN)
    type_into(qtbot, dlg.repeat_input, NEW_PIN)
    wait_idle(qtbot, runner)
    qtbot.waitUntil(lambda: gone(dlg))
    assert member_pin.pin_state(mbackend.ctx, member_id).has_pin
    assert _audit(mbackend, "member.pay_pin_set") == [("3001", str(member_id))]


def test_a_scan_into_a_pin_field_is_refused(
    qtbot: Any, mwindow: Any, runner: Any, mbackend: Any, demo: Any
) -> None:
    """Issue 15: a scanner burst (8 ms a key, then Enter) never becomes PIN digits."""
    from tests.gui.helpers import scanner

    m = _member(demo)
    _select(qtbot, mwindow, runner, m["phone"])
    dlg = _open_pin(qtbot, mwindow, runner)
    dlg.mode = "change"
    for field in (dlg.old_input, dlg.new_input, dlg.repeat_input):
        field.setFocus()
        scanner(field, "6901234567892")
        qtbot.wait(100)
        wait_idle(qtbot, runner)
        assert field.text() == "", field.objectName()
        assert dlg.isVisible() and "scan" in dlg.message.text()
    assert _audit(mbackend, "member.pay_pin_changed") == []
