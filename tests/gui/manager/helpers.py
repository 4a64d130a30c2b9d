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
