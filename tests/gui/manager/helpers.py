"""Helpers of the manager-mode GUI tests: the open child dialog, Chinese text entry."""

from __future__ import annotations

from typing import Any


def child(qtbot: Any, w: Any, name: str) -> Any:
    """The dialog the manager window has open (waits for it)."""
    qtbot.waitUntil(lambda: w.child is not None and w.child.objectName() == name)
    qtbot.waitExposed(w.child)
    return w.child


def ime(field: Any, text: str) -> None:
    """Chinese text as an input method commits it (QTest types ASCII keys only)."""
    field.setFocus()
    field.clear()
    field.insert(text)


def answer(qtbot: Any, name: str, yes: bool | None) -> Any:
    """The question ``name`` (ui.manager.confirm) once shown; Enter (yes) or Esc (no) on it,
    or neither when ``yes`` is None. Returns the question box."""
    from PySide6.QtCore import Qt

    from tests.gui.helpers import dialog

    box = dialog(qtbot, name)
    if yes is not None:
        qtbot.keyClick(box, Qt.Key.Key_Return if yes else Qt.Key.Key_Escape)
    return box
