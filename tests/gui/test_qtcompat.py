"""The Qt bindings and the app's emits keep references to None and True (PySide6 6.12)."""

from __future__ import annotations

import sys
from typing import Any

from PySide6.QtCore import QObject, Signal

from ui.qtcompat import bindings_drop_references, emit


class _Source(QObject):
    changed = Signal(object)


def test_ten_thousand_emits_do_not_eat_references_to_true(qapp: Any) -> None:
    source = _Source()
    got: list[int] = []
    source.changed.connect(got.append)
    before = sys.getrefcount(True)
    for i in range(10_000):
        emit(source.changed, i)
    assert got == list(range(10_000))
    assert sys.getrefcount(True) >= before


def test_installed_qt_bindings_keep_references_to_none(qapp: Any) -> None:
    # A build that loses one reference to None per call aborts a long shift.
    assert not bindings_drop_references()
