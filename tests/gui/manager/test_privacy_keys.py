"""Issue 18 at the manager window, by keys: the member's data copy (Ctrl+Shift+E) and the
withdrawal of marketing consent (Ctrl+Shift+M, one question), on the real window."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from pos_member.store.models import AuditEntry, OutboxEvent
from tests.gui.helpers import type_into, wait_idle

from .helpers import answer

pytestmark = pytest.mark.gui

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def _select(qtbot: Any, mwindow: Any, runner: Any, phone: str) -> None:
    type_into(qtbot, mwindow.search_input, phone)
    wait_idle(qtbot, runner)
    assert mwindow.page is not None


def test_data_copy_and_marketing_withdrawal_by_keys(
    qtbot: Any, mwindow: Any, runner: Any, demo: Any, mbackend: Any
) -> None:
    m = demo.members[0]
    _select(qtbot, mwindow, runner, m["phone"])
    qtbot.keyClick(mwindow, Qt.Key.Key_E, CTRL_SHIFT)
    wait_idle(qtbot, runner)
    qtbot.waitUntil(lambda: "data copy written" in mwindow.message_label.text())
    files = sorted(Path(mbackend.exports_dir).glob(f"member-{m['member_id']}-*"))
    assert [p.suffix for p in files] == [".json", ".pdf"]
    pkg = json.loads(files[0].read_text(encoding="utf-8"))
    assert (pkg["member"]["name"], pkg["member"]["phone"]) == (m["name"], m["phone"])

    qtbot.keyClick(mwindow, Qt.Key.Key_M, CTRL_SHIFT)
    answer(qtbot, "withdrawMarketingConfirm", yes=True)
    wait_idle(qtbot, runner)
    qtbot.waitUntil(lambda: "marketing consent withdrawn" in mwindow.message_label.text())
    with mbackend.ctx.store.reading() as s:
        ev = s.scalar(select(OutboxEvent).where(OutboxEvent.kind == "consent_changed"))
        assert ev is not None
        assert (ev.payload["member_id"], ev.payload["purpose"], ev.payload["granted"]) == (
            m["member_id"],
            "marketing",
            False,
        )
        actions = [
            a.action
            for a in s.scalars(select(AuditEntry).where(AuditEntry.subject == str(m["member_id"])))
        ]
    assert "member.export" in actions and "member.consent_withdrawn" in actions


def test_withdrawal_answered_no_writes_nothing(
    qtbot: Any, mwindow: Any, runner: Any, demo: Any, mbackend: Any
) -> None:
    m = demo.members[1]
    _select(qtbot, mwindow, runner, m["phone"])
    qtbot.keyClick(mwindow, Qt.Key.Key_M, CTRL_SHIFT)
    answer(qtbot, "withdrawMarketingConfirm", yes=False)
    wait_idle(qtbot, runner)
    with mbackend.ctx.store.reading() as s:
        assert s.scalar(select(OutboxEvent).where(OutboxEvent.kind == "consent_changed")) is None
