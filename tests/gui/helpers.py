"""Helpers for the GUI tests: waiting on the task runner, finding open dialogs, typing."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget


def wait_idle(qtbot: Any, runner: Any, timeout: int = 5000) -> None:
    """Until every queued background job has come back to the GUI thread."""
    qtbot.waitUntil(lambda: runner.pending == 0, timeout=timeout)


def dialog(qtbot: Any, name: str, timeout: int = 3000) -> Any:
    """The visible top-level widget with ``objectName`` ``name`` (waits for it)."""
    found: list[QWidget] = []

    def visible() -> bool:
        found[:] = [
            w for w in QApplication.topLevelWidgets() if w.objectName() == name and w.isVisible()
        ]
        return bool(found)

    qtbot.waitUntil(visible, timeout=timeout)
    return found[0]


def type_into(qtbot: Any, field: QLineEdit, text: str, enter: bool = True) -> None:
    """Type like a person or a scanner would: focus, keys, Enter."""
    field.setFocus()
    field.clear()
    qtbot.keyClicks(field, text)
    if enter:
        qtbot.keyClick(field, Qt.Key.Key_Return)


def press(qtbot: Any, window: QWidget, key: Qt.Key, modifier: Any = None) -> None:
    """A key as the cashier presses it: delivered to whatever widget has the focus."""
    target = QApplication.focusWidget() or window
    if modifier is None:
        qtbot.keyClick(target, key)
    else:
        qtbot.keyClick(target, key, modifier)


def gone(widget: QWidget) -> bool:
    """Closed: hidden, or already deleted (dialogs delete themselves on close)."""
    import shiboken6

    return not shiboken6.isValid(widget) or not widget.isVisible()


def pay_exact_cash(qtbot: Any, window: Any) -> Any:
    """F12, the exact amount in cash, Enter: the payment dialog (still open if refused)."""
    press(qtbot, window, Qt.Key.Key_F12)
    pay = dialog(qtbot, "paymentDialog")
    wait_idle(qtbot, window.runner)
    pay.exact_cash()
    wait_idle(qtbot, window.runner)
    qtbot.keyClick(pay.cash_input, Qt.Key.Key_Return)
    wait_idle(qtbot, window.runner)
    return pay
