"""Manager mode opened from the cashier window: login, taps go to the manager, then back."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from tests.gui.helpers import dialog, gone, press, type_into, wait_idle

from .conftest import MANAGER

pytestmark = pytest.mark.gui


@pytest.fixture
def counter_reader(window: Any) -> Iterator[Any]:
    """The simulated reader feeding the cashier window's own bridge."""
    from drivers.base import SafeListener
    from drivers.simulated import SimulatedReaderDriver

    driver = SimulatedReaderDriver(SafeListener(window.bridge_), production=False)
    driver.start()
    yield driver
    driver.stop(timeout=2.0)


def _enter_manager_mode(qtbot: Any, window: Any, runner: Any) -> Any:
    # Ctrl+M on the sale screen (also the action bar's managerButton and the F1 list).
    assert window.findChild(QPushButton, "managerButton") is not None
    press(qtbot, window, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)
    login = dialog(qtbot, "loginDialog")
    assert login.windowTitle() == "Manager mode — log in"
    assert window._dialog is login
    type_into(qtbot, login.staff_input, MANAGER[0])
    type_into(qtbot, login.pin_input, MANAGER[1])
    manager = dialog(qtbot, "managerWindow", timeout=5000)
    qtbot.waitUntil(lambda: window._dialog is manager)
    return manager


def test_taps_go_to_manager_mode_while_it_is_open_then_back_to_the_sale(
    qtbot: Any, window: Any, runner: Any, counter_reader: Any, demo: Any
) -> None:
    m = demo.member(uid=True)
    manager = _enter_manager_mode(qtbot, window, runner)
    with qtbot.waitSignal(manager.searched, timeout=5000):
        counter_reader.tap(m["card_uid"])
    wait_idle(qtbot, runner)
    assert manager.page is not None and manager.page.details.member_id == m["member_id"]
    assert manager.page.details.name == m["name"]  # full details for the manager
    assert window.member is None  # the sale under manager mode is left alone
    qtbot.keyClick(manager, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: gone(manager) and window._dialog is None)
    counter_reader.lift()
    counter_reader.tap(m["card_uid"])
    qtbot.waitUntil(lambda: window.member is not None, timeout=5000)
    assert window.member.member_id == str(m["member_id"])
    assert window.member.masked_name != m["name"]  # the counter sees it masked
