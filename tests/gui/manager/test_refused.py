"""The manager sees the events head office refused (Ctrl+3), in English and in Chinese.

Two real events (a recharge and a stored-value adjustment, through the services)
are set aside by the sync client's own ``_set_aside`` with the message head
office's refusal becomes at the till; the page lists each with its time, kind,
member (phone masked), amount, head office's reason and what to do next. A
store with nothing refused says so.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import Qt

from pos_member.domain.cards import mask_name
from pos_member.domain.money import Money
from pos_member.seed.history import demo_buyer
from tests.gui.helpers import wait_idle

pytestmark = pytest.mark.gui


@pytest.fixture(params=["en", "zh_CN"])
def language(request: pytest.FixtureRequest, qapp: Any) -> Iterator[str]:
    from ui.i18n import install_translations
    from ui.manager import i18n

    assert install_translations(qapp, request.param)
    assert i18n.install(qapp, request.param), "run `make translations`"
    yield str(request.param)
    install_translations(qapp, "en")
    i18n.install(qapp, "en")


def _window(qtbot: Any, mbackend: Any, runner: Any, manager: Any) -> Any:
    from ui.manager.window import ManagerWindow

    w = ManagerWindow(mbackend, runner, manager)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow)
    wait_idle(qtbot, runner)
    return w


def _refuse(store: Any, event_id: str, code: str) -> None:
    """As the sync client does when head office answers ``code`` for one event."""
    from pos_member.domain.errors import SyncRefused
    from pos_member.sync.client import HQ_REASONS, SyncClient

    refusal = SyncRefused(status=409, reason=code, detail=HQ_REASONS[code])
    client = SyncClient(store)
    try:
        client._set_aside(event_id, refusal.message)
    finally:
        client.close()


def _two_refused(mbackend: Any, manager: Any) -> tuple[Any, str, str]:
    from pos_member.domain.tenders import TenderKind, TenderRequest
    from pos_member.services import adjustments
    from pos_member.services import stored_value as sv

    ctx = mbackend.ctx
    amount = Money.yuan(100)
    recharge_id = sv.new_recharge_id()
    done = sv.recharge(
        ctx,
        sv.RechargeRequest(
            recharge_id,
            1,
            amount,
            (TenderRequest(TenderKind.CASH, amount),),
            manager,
            buyer=demo_buyer(ctx, 1, amount),
        ),
    )
    adjustment_id = "5b0f6a0e-3c9e-4d0e-9a51-6c1f0f2d7a11"
    adjustments.adjust_stored_value(
        ctx, manager, None, 1, Money(-2_500), Money(0), "counted wrong", adjustment_id
    )
    _refuse(ctx.store, recharge_id, "invalid")
    _refuse(ctx.store, adjustment_id, "adjustment.limit")
    return done, recharge_id, adjustment_id


def _texts(table: Any, row: int) -> list[str]:
    return [table.item(row, c).text() for c in range(table.columnCount())]


def test_the_manager_sees_each_refused_event_with_its_reason_and_what_to_do(
    qtbot: Any, language: str, mbackend: Any, runner: Any, manager: Any
) -> None:
    from sqlalchemy import text

    done, recharge_id, adjustment_id = _two_refused(mbackend, manager)
    with mbackend.ctx.store.reading() as s:
        found = s.connection().execute(
            text("SELECT id, created_at FROM outbox WHERE id IN (:a, :b)"),
            {"a": recharge_id, "b": adjustment_id},
        )
        at = {str(i): str(c) for i, c in found}
    w = _window(qtbot, mbackend, runner, manager)
    with qtbot.waitSignal(w.refused_view.loaded, timeout=5000) as got:
        qtbot.keyClick(w, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    page = w.refused_view
    assert w.tabs.currentWidget() is page and page.objectName() == "refusedPage"
    assert [r.event_id for r in got.args[0]] == [recharge_id, adjustment_id]
    table = page.table
    assert table.hasFocus()  # the keyboard lands on the list
    assert table.rowCount() == 2
    # The list names the member as the till keeps them for lists: masked (issue 18).
    member = "1 " + mask_name(mbackend.member_page(manager, 1).details.name) + " 130****5678"
    zh = language == "zh_CN"
    assert _texts(table, 0) == [
        mbackend.local_time(at[recharge_id])[:16],
        "充值" if zh else "Recharge",
        member,
        "¥100.00",
        "",
        done.receipt_no,
        "有数值超出了总部接受的范围" if zh else "a value is out of the range head office accepts",
        recharge_id,
    ]
    assert _texts(table, 1) == [
        mbackend.local_time(at[adjustment_id])[:16],
        "储值调整" if zh else "Stored value adjustment",
        member,
        "-¥25.00",
        "",
        "",
        "调整超出了审批人可批准的额度"
        if zh
        else "the adjustment is beyond what its approver may approve",
        adjustment_id,
    ]
    assert page.empty_label.text() == (
        "已搁置 2 条记录，均未入账。" if zh else "2 event(s) set aside, none of them applied."
    )
    assert ("未入账" if zh else "Nothing of them was applied") in page.help_label.text()
    assert page.next_label.text() == (
        f"下一步：{mbackend.local_time(at[recharge_id])[:16]} 的充值未入账。"
        f"请联系总部或 IT，告知记录编号 {recharge_id}，由他们决定是否重新录入。"
        if zh
        else f"What to do: the recharge of {mbackend.local_time(at[recharge_id])[:16]} was not "
        f"applied. Call head office or IT and give them the event id {recharge_id}; they "
        "decide whether it is entered again."
    )
    # ↓ moves to the next event and says what to do about that one.
    qtbot.keyClick(table, Qt.Key.Key_Down)
    assert adjustment_id in page.next_label.text()
    assert ("储值调整" if zh else "stored value adjustment") in page.next_label.text()


def test_a_store_with_nothing_refused_says_so(
    qtbot: Any, language: str, mbackend: Any, runner: Any, manager: Any
) -> None:
    w = _window(qtbot, mbackend, runner, manager)
    with qtbot.waitSignal(w.refused_view.loaded, timeout=5000):
        qtbot.keyClick(w, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    page = w.refused_view
    assert page.table.rowCount() == 0 and not page.table.isVisible()
    assert page.empty_label.text() == (
        "没有被拒收的记录：本机发送的记录总部都已接收，这里无需处理。"
        if language == "zh_CN"
        else "Nothing refused: head office has taken every event this till sent. "
        "There is nothing to do here."
    )
