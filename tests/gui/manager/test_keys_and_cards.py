"""Manager mode from the keyboard: Ctrl+E from any field writes the PDF and says where;
挂失 and card replacement ask first; 解除挂失 undoes a lost-card report; statement notes
are never cut."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt

from tests.gui.helpers import wait_idle

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
