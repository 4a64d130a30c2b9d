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


_clock = [1_000_000]  # milliseconds, as a platform stamps key events; only ever forward


def timed_keys(widget: QWidget, text: str, gap_ms: int, enter: bool = True) -> None:
    """Key presses stamped ``gap_ms`` apart, sent as the platform would send them.

    A scanner types 5-15 ms per key and ends with Enter; a person 100 ms or
    more. The keys go through the application (event filters included) to
    ``widget``; each press is followed by its release.
    """
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QKeyEvent

    _clock[0] += 1_000
    keys = [(Qt.Key(ord(c.upper())), c) for c in text]  # Qt's key codes for ASCII
    if enter:
        keys.append((Qt.Key.Key_Return, "\r"))
    for key, ch in keys:
        _clock[0] += gap_ms
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            ev = QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, ch)
            ev.setTimestamp(_clock[0])
            QApplication.sendEvent(widget, ev)


def scanner(widget: QWidget, code: str) -> None:
    """A barcode scanner's burst: 8 ms per key, then Enter."""
    timed_keys(widget, code, 8)


def person(widget: QWidget, text: str, enter: bool = False) -> None:
    """A cashier typing: 150 ms per key."""
    timed_keys(widget, text, 150, enter)
