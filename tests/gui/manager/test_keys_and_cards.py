"""Manager mode from the keyboard: Ctrl+E from any field writes the PDF and says where;
挂失 and card replacement ask first; 解除挂失 undoes a lost-card report; statement notes
are never cut."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt

from tests.gui.helpers import gone, type_into, wait_idle

from .helpers import answer, child

pytestmark = pytest.mark.gui


def test_ctrl_e_from_the_search_field_writes_the_pdf_and_says_where(
    qtbot: Any, mwindow: Any, runner: Any
) -> None:
    assert mwindow.search_input.hasFocus() or mwindow.search_input.setFocus() is None
    mwindow.search_input.setText("139")  # a line edit's own Ctrl+E would move the cursor
    with qtbot.waitSignal(mwindow.reports_view.exported, timeout=30_000) as got:
        qtbot.keyClick(mwindow.search_input, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    path = got.args[0]
    wait_idle(qtbot, runner)
    assert path.exists() and path.stat().st_size > 1000
    assert mwindow.message_label.text() == f"PDF written: {path}"
    assert mwindow.tabs.currentWidget() is mwindow.reports_view


def _select(qtbot: Any, w: Any, runner: Any, query: str) -> None:
    type_into(qtbot, w.search_input, query)
    wait_idle(qtbot, runner)
    qtbot.waitUntil(lambda: w.page is not None)


def test_report_lost_asks_first_and_undo_lost_unblocks_the_card(
    qtbot: Any, mwindow: Any, runner: Any, mbackend: Any, demo: Any
) -> None:
    from pos_member.domain.errors import CardBlocked
    from pos_member.services.identify import identify

    m = demo.member(uid=True)
    _select(qtbot, mwindow, runner, m["phone"])
    qtbot.keyClick(mwindow, Qt.Key.Key_F4)
    dlg = child(qtbot, mwindow, "reportLostDialog")
    type_into(qtbot, dlg.reason_input, "lost on the bus")  # one Enter: only the question
    box = answer(qtbot, "confirmLostDialog", yes=None)
    assert f"Block card {m['card_number']}?" in box.text()
    assert identify(mbackend.ctx, m["card_number"]).member_id == m["member_id"]
    qtbot.keyClick(box, Qt.Key.Key_Escape)  # no: nothing happens, the dialog stays
    wait_idle(qtbot, runner)
    assert dlg.isVisible()
    assert identify(mbackend.ctx, m["card_number"]).member_id == m["member_id"]
    qtbot.keyClick(dlg.reason_input, Qt.Key.Key_Return)
    answer(qtbot, "confirmLostDialog", yes=True)
    qtbot.waitUntil(lambda: gone(dlg))
    wait_idle(qtbot, runner)
    with pytest.raises(CardBlocked):
        identify(mbackend.ctx, m["card_number"])
    qtbot.waitUntil(lambda: "lost" in mwindow.detail_label.text())
    # 解除挂失 from the keyboard: Shift+F4, Enter, the question, Enter.
    qtbot.keyClick(mwindow, Qt.Key.Key_F4, Qt.KeyboardModifier.ShiftModifier)
    found = child(qtbot, mwindow, "foundCardDialog")
    assert found.card_input.currentText() == m["card_number"]
    type_into(qtbot, found.reason_input, "found in the coat")
    box = answer(qtbot, "confirmFoundDialog", yes=None)
    assert f"Unblock card {m['card_number']}?" in box.text()
    qtbot.keyClick(box, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: gone(found))
    wait_idle(qtbot, runner)
    assert identify(mbackend.ctx, m["card_number"]).member_id == m["member_id"]
    assert identify(mbackend.ctx, m["card_uid"]).member_id == m["member_id"]
    assert mwindow.message_label.text() == f"Card {m['card_number']} works again."
    # Nothing lost now: Shift+F4 says so, no dialog.
    qtbot.waitUntil(lambda: "lost" not in mwindow.detail_label.text())
    qtbot.keyClick(mwindow, Qt.Key.Key_F4, Qt.KeyboardModifier.ShiftModifier)
    assert mwindow.child is None
    assert mwindow.message_label.text() == "This member has no card reported lost."


def test_day_close_is_refused_while_a_shift_is_open_then_closes_and_prints(
    qtbot: Any, mwindow: Any, runner: Any, mbackend: Any, backend: Any, printer: Any
) -> None:
    from pos_member.domain.money import Money

    audit = "select count(*) from audit_log where action = 'day.close'"
    qtbot.keyClick(mwindow, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    dlg = child(qtbot, mwindow, "dayCloseDialog")
    wait_idle(qtbot, runner)
    open_id = backend.current_shift()
    assert open_id is not None
    assert f"Shift {open_id} is still open" in dlg.message.text()
    qtbot.keyClick(dlg.button, Qt.Key.Key_Return)
    answer(qtbot, "confirmDayCloseDialog", yes=True)
    wait_idle(qtbot, runner)
    assert f"Shift {open_id} of cashier 1001 is still open" in dlg.message.text()
    with mbackend.ctx.store.reading() as s:
        from sqlalchemy import text

        assert s.execute(text(audit)).scalar() == 0
    qtbot.keyClick(dlg, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: mwindow.child is None)
    qtbot.waitUntil(mwindow.isActiveWindow)
    # The cashier closes the shift (the handover), then the manager closes the day.
    cashier = backend.login("1001", "1111")
    expected = backend.x_report().cash_expected_fen
    z = backend.close_shift(cashier, Money(expected))
    qtbot.keyClick(mwindow, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    dlg = child(qtbot, mwindow, "dayCloseDialog")
    wait_idle(qtbot, runner)
    assert z.shift_id in [int(dlg.table.item(r, 0).text()[1:]) for r in range(dlg.table.rowCount())]
    with qtbot.waitSignal(dlg.closed, timeout=10_000) as got:
        qtbot.keyClick(dlg.button, Qt.Key.Key_Return)
        answer(qtbot, "confirmDayCloseDialog", yes=True)
    day = got.args[0]
    assert dlg.message.text() == f"Day {day.business_date} closed: the day's report is printing."
    qtbot.waitUntil(lambda: any(n == f"D-{day.business_date}" for n, _ in printer.jobs))
    with mbackend.ctx.store.reading() as s:
        from sqlalchemy import text

        assert s.execute(text(audit)).scalar() == 1


def test_statement_notes_wrap_in_full_and_keep_a_tooltip(
    qtbot: Any, mwindow: Any, runner: Any, mbackend: Any, demo: Any
) -> None:
    from PySide6.QtCore import QRect

    m = next(x for x in demo.members if x.get("card_number") and x.get("card_uid"))
    mwindow.resize(1024, 768)  # the older counter screens: the note column is narrow
    _select(qtbot, mwindow, runner, m["phone"])
    table = mwindow.statement_table
    wait_idle(qtbot, runner)
    qtbot.waitUntil(lambda: table.rowCount() > 0)
    width = table.columnWidth(8)
    line = table.fontMetrics().height()
    wrapped = 0
    for row in range(table.rowCount()):
        item = table.item(row, 8)
        assert item.toolTip() == item.text()
        need = table.fontMetrics().boundingRect(
            QRect(0, 0, width - 8, 10_000), int(Qt.TextFlag.TextWordWrap), item.text()
        )
        assert table.rowHeight(row) >= need.height(), (item.text(), width)
        wrapped += need.height() > line
    assert wrapped, "no note was longer than its column: the test would prove nothing"
    assert table.textElideMode() == Qt.TextElideMode.ElideNone and table.wordWrap()
