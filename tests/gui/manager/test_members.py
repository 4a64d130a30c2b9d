"""Manager mode: login, register (with every refusal), search, statement, coupons."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt

from pos_member.services import members as ms
from tests.gui.helpers import dialog, gone, type_into, wait_idle

from .conftest import MANAGER
from .helpers import child, ime

pytestmark = pytest.mark.gui


def _counts(backend: Any) -> tuple[int, int]:
    from sqlalchemy import func, select

    from pos_member.store.models import AuditEntry, Member

    with backend.ctx.store.reading() as s:
        return (
            int(s.scalar(select(func.count(Member.id))) or 0),
            int(s.scalar(select(func.count(AuditEntry.id))) or 0),
        )


def test_manager_mode_needs_a_managers_pin(
    qtbot: Any, english: None, backend: Any, runner: Any, bridge: Any
) -> None:
    from ui.manager import open_manager

    entry = open_manager(None, backend, runner=runner, bridge=bridge)
    login = dialog(qtbot, "loginDialog")
    assert login is entry.login
    type_into(qtbot, login.staff_input, "1001")
    type_into(qtbot, login.pin_input, "1111")
    qtbot.waitUntil(lambda: "manager" in login.message.text())
    assert login.message.text() == "Manager mode needs a manager's approval."
    assert entry.manager_window is None
    type_into(qtbot, login.staff_input, MANAGER[0])
    type_into(qtbot, login.pin_input, "0000")
    qtbot.waitUntil(lambda: login.pin_input.text() == "" and login.button.isEnabled())
    assert entry.manager_window is None
    type_into(qtbot, login.staff_input, MANAGER[0])
    with qtbot.waitSignal(entry.window_opened, timeout=5000):
        type_into(qtbot, login.pin_input, MANAGER[1])
    window = dialog(qtbot, "managerWindow")
    assert window is entry.manager_window
    assert window.staff.staff_id == MANAGER[0]
    qtbot.addWidget(window)


def _register(qtbot: Any, w: Any, name: str, phone: str, birthday: str, consent: bool) -> Any:
    qtbot.keyClick(w, Qt.Key.Key_F2)
    dlg = child(qtbot, w, "registerMemberDialog")
    ime(dlg.name_input, name)
    type_into(qtbot, dlg.phone_input, phone, enter=False)
    type_into(qtbot, dlg.birthday_input, birthday, enter=False)
    dlg.gender_input.setCurrentIndex(dlg.gender_input.findData("female"))
    dlg.consent_input.setChecked(consent)
    return dlg


@pytest.mark.parametrize(
    ("name", "phone", "birthday", "consent", "message"),
    [
        ("王小明", "1380013", "", True, "phone"),
        ("王小明", "13800138000", "1990-13-01", True, "Birthday: type the date as YYYY-MM-DD"),
        ("王小明", "13800138000", "2999-01-01", True, "birthday: cannot be in the future"),
        ("王小明", "13800138000", "", False, "consent: the member must agree"),
        ("", "13800138000", "", True, "name: the member's name is needed"),
        ("王小明", "13012345678", "", True, "already belongs to a member"),  # demo member 1
    ],
)
def test_register_refuses_bad_input_and_keeps_it(
    qtbot: Any,
    mwindow: Any,
    runner: Any,
    mbackend: Any,
    name: str,
    phone: str,
    birthday: str,
    consent: bool,
    message: str,
) -> None:
    before = _counts(mbackend)
    dlg = _register(qtbot, mwindow, name, phone, birthday, consent)
    qtbot.mouseClick(dlg.button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, runner)
    assert message in dlg.message.text()
    assert dlg.isVisible() and dlg.name_input.text() == name and dlg.phone_input.text() == phone
    assert _counts(mbackend) == before


def test_register_then_found_with_signup_coupon_and_consent(
    qtbot: Any, mwindow: Any, runner: Any, mbackend: Any, manager: Any
) -> None:
    dlg = _register(qtbot, mwindow, "王小明", "138 0013 8000", "1990-05-17", True)
    qtbot.keyClick(dlg.birthday_input, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: gone(dlg))
    wait_idle(qtbot, runner)
    assert mwindow.message_label.text().startswith("Member ")
    assert "Sign-up coupon SU" in mwindow.message_label.text()
    table = mwindow.member_table
    assert table.rowCount() == 1
    assert table.item(0, 1).text() == "王小明"
    assert table.item(0, 2).text() == "13800138000"  # a manager sees the full phone
    member_id = int(table.item(0, 0).text())
    details = ms.member_details(mbackend.ctx, manager, member_id)
    assert (details.name, details.phone, details.birthday, details.gender) == (
        "王小明", "13800138000", "1990-05-17", "female",
    )  # fmt: skip
    assert details.consent_at is not None
    assert "Consent 20" in mwindow.detail_label.text()
    assert "No card yet" in mwindow.detail_label.text()
    # Tier history starts with the sign-up.
    assert mwindow.tier_table.rowCount() == 1
    assert mwindow.tier_table.item(0, 3).text() == "Sign-up"


def test_search_by_phone_card_and_name_full_for_the_manager_and_audited(
    qtbot: Any, mwindow: Any, runner: Any, mbackend: Any, demo: Any
) -> None:
    from sqlalchemy import func, select

    from pos_member.store.models import AuditEntry

    first = demo.members[0]
    for query in (first["phone"], first["card_number"], first["name"][:2]):
        ime(mwindow.search_input, query)
        qtbot.keyClick(mwindow.search_input, Qt.Key.Key_Return)
        wait_idle(qtbot, runner)
        names = [
            mwindow.member_table.item(r, 1).text() for r in range(mwindow.member_table.rowCount())
        ]
        assert first["name"] in names, query
    assert mwindow.page is not None and mwindow.page.details.full
    with mbackend.ctx.store.reading() as s:
        views = s.scalar(
            select(func.count(AuditEntry.id)).where(AuditEntry.action == "member.view_full")
        )
    assert views and views >= 3
    type_into(qtbot, mwindow.search_input, "13999999999")
    wait_idle(qtbot, runner)
    assert mwindow.member_table.rowCount() == 0
    assert mwindow.message_label.text() == "No member found."
    type_into(qtbot, mwindow.search_input, "8800000000000014")  # check digit wrong
    wait_idle(qtbot, runner)
    assert mwindow.message_label.property("level") == "error"


def test_statement_lists_every_ledger_entry_with_reason_and_running_balance(
    qtbot: Any, mwindow: Any, runner: Any, mbackend: Any, demo: Any
) -> None:
    m = demo.members[0]
    type_into(qtbot, mwindow.search_input, m["phone"])
    wait_idle(qtbot, runner)
    statement = ms.member_statement(mbackend.ctx, m["member_id"])
    table = mwindow.statement_table
    assert table.rowCount() == len(statement.lines) > 0
    last = statement.lines[-1]
    row = table.rowCount() - 1
    assert table.item(row, 6).text() == str(last.sv_after)
    assert table.item(row, 7).text() == f"{last.points_after:,}"
    assert last.sv_after == statement.sv_principal + statement.sv_bonus
    reasons = {table.item(r, 2).data(Qt.ItemDataRole.UserRole) for r in range(table.rowCount())}
    assert reasons == {ln.reason for ln in statement.lines}
    texts = {table.item(r, 2).text() for r in range(table.rowCount())}
    assert not texts & {"recharge", "earn"}  # shown in words, not codes
    assert str(statement.sv_principal + statement.sv_bonus) in mwindow.balance_label.text()


def test_coupon_to_a_member(
    qtbot: Any, mwindow: Any, runner: Any, demo: Any, mbackend: Any
) -> None:
    from sqlalchemy import select

    from pos_member.store.models import Coupon

    m = demo.members[3]
    type_into(qtbot, mwindow.search_input, m["phone"])
    wait_idle(qtbot, runner)
    qtbot.keyClick(mwindow, Qt.Key.Key_F8)
    dlg = child(qtbot, mwindow, "couponDialog")
    type_into(qtbot, dlg.coupon.value_input, "abc", enter=False)
    qtbot.mouseClick(dlg.button, Qt.MouseButton.LeftButton)
    assert "type an amount" in dlg.message.text()
    type_into(qtbot, dlg.coupon.value_input, "15", enter=False)
    type_into(qtbot, dlg.coupon.min_input, "100", enter=False)
    type_into(qtbot, dlg.code_input, "GOODWILL-1", enter=False)
    type_into(qtbot, dlg.reason_input, "complaint")
    qtbot.waitUntil(lambda: gone(dlg))
    wait_idle(qtbot, runner)
    assert mwindow.message_label.text() == "Coupon GOODWILL-1 given."
    with mbackend.ctx.store.reading() as s:
        row = s.scalar(select(Coupon).where(Coupon.code == "GOODWILL-1"))
        assert row is not None
        assert (row.member_id, row.value_fen, row.min_spend_fen) == (m["member_id"], 1500, 10000)


def test_edit_a_member_and_refuse_a_phone_already_taken(
    qtbot: Any, mwindow: Any, runner: Any, mbackend: Any, manager: Any, demo: Any
) -> None:
    m, other = demo.members[4], demo.members[2]
    type_into(qtbot, mwindow.search_input, m["phone"])
    wait_idle(qtbot, runner)
    qtbot.keyClick(mwindow, Qt.Key.Key_F9)
    dlg = child(qtbot, mwindow, "editMemberDialog")
    assert dlg.phone_input.text() == m["phone"]
    type_into(qtbot, dlg.phone_input, other["phone"], enter=False)
    qtbot.keyClick(dlg.birthday_input, Qt.Key.Key_Return)
    wait_idle(qtbot, runner)
    assert "already belongs to a member" in dlg.message.text()
    type_into(qtbot, dlg.phone_input, "13911112222", enter=False)
    type_into(qtbot, dlg.birthday_input, "1985-02-29", enter=False)  # no such day
    qtbot.mouseClick(dlg.button, Qt.MouseButton.LeftButton)
    assert dlg.message.text() == "Birthday: type the date as YYYY-MM-DD"
    type_into(qtbot, dlg.birthday_input, "1985-02-28")
    qtbot.waitUntil(lambda: gone(dlg))
    wait_idle(qtbot, runner)
    assert mwindow.message_label.text() == f"Member {m['member_id']}: phone, birthday changed."
    details = ms.member_details(mbackend.ctx, manager, m["member_id"])
    assert (details.phone, details.birthday) == ("13911112222", "1985-02-28")
    assert mwindow.member_table.item(0, 2).text() == "13911112222"


def test_arrow_keys_in_the_search_field_walk_the_members_found(
    qtbot: Any, mwindow: Any, runner: Any, mbackend: Any, manager: Any
) -> None:
    surname = next(
        s for s in "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
        if len(ms.search_members(mbackend.ctx, manager, s).members) >= 2
    )  # fmt: skip
    ime(mwindow.search_input, surname)
    qtbot.keyClick(mwindow.search_input, Qt.Key.Key_Return)
    wait_idle(qtbot, runner)
    assert mwindow.member_table.rowCount() >= 2
    first = mwindow.page.details.member_id
    qtbot.keyClick(mwindow.search_input, Qt.Key.Key_Down)
    wait_idle(qtbot, runner)
    assert mwindow.page.details.member_id != first
    assert mwindow.page.details.member_id == int(mwindow.member_table.item(1, 0).text())
    qtbot.keyClick(mwindow.search_input, Qt.Key.Key_Up)
    wait_idle(qtbot, runner)
    assert mwindow.page.details.member_id == first


def test_a_coupon_code_already_used_is_refused(
    qtbot: Any, mwindow: Any, runner: Any, demo: Any, mbackend: Any, manager: Any
) -> None:
    m = demo.members[3]
    reg = mbackend.register(
        manager, name="李雷", phone="13700000077", birthday=None, gender=None, consent=True
    )
    assert reg.signup_coupon
    type_into(qtbot, mwindow.search_input, m["phone"])
    wait_idle(qtbot, runner)
    qtbot.keyClick(mwindow, Qt.Key.Key_F8)
    dlg = child(qtbot, mwindow, "couponDialog")
    type_into(qtbot, dlg.code_input, reg.signup_coupon, enter=False)
    before = _counts(mbackend)
    qtbot.mouseClick(dlg.button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, runner)
    assert dlg.message.text() == f"coupon code: {reg.signup_coupon} is already used"
    assert dlg.isVisible() and _counts(mbackend) == before
