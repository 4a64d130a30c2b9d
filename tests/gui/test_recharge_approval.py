"""Issue 15: a cashier's recharge asks for the supervisor's approval once.

Reported: a second (ghost) approval dialog stayed open after the recharge had gone
through. By keys on a real store: F7, the amount, Enter, one supervisor's PIN; then
no approval dialog is left, one approval is in the audit log, one recharge is written.
"""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from sqlalchemy import func, select

from pos_member.store.models import AuditEntry
from tests.gui.helpers import dialog, gone, press, type_into, wait_idle

pytestmark = pytest.mark.gui


def approvals_open() -> list[Any]:
    return [
        w
        for w in QApplication.topLevelWidgets()
        if w.objectName() == "supervisorDialog" and w.isVisible()
    ]


def test_one_approval_per_recharge(qtbot: Any, window: Any, demo: Any, backend: Any) -> None:
    m = demo.member()
    type_into(qtbot, window.scan_input, m["card_number"])
    wait_idle(qtbot, window.runner)
    before = backend.member(int(m["member_id"])).balance
    press(qtbot, window, Qt.Key.Key_F7)
    dlg = dialog(qtbot, "rechargeDialog")
    type_into(qtbot, dlg.amount_input, "100", enter=False)
    qtbot.waitUntil(lambda: dlg.preview_ is not None, timeout=3000)
    qtbot.keyClick(dlg.amount_input, Qt.Key.Key_Return)
    sup = dialog(qtbot, "supervisorDialog")
    assert approvals_open() == [sup]
    sup.staff_input.setText("2001")
    type_into(qtbot, sup.pin_input, "8888")
    wait_idle(qtbot, window.runner)
    qtbot.waitUntil(lambda: gone(dlg))
    wait_idle(qtbot, window.runner)
    qtbot.wait(300)  # a ghost would open now, after the recharge's answer
    wait_idle(qtbot, window.runner)
    assert approvals_open() == []
    assert window._dialog is None or not window._dialog.isVisible()
    with backend.ctx.store.reading() as s:
        n = s.scalar(
            select(func.count())
            .select_from(AuditEntry)
            .where(AuditEntry.action == "approve:recharge", AuditEntry.staff_id == "2001")
        )
    assert n == 1
    assert backend.member(int(m["member_id"])).balance > before
