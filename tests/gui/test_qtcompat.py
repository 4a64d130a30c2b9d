"""The app's emits keep CPython's reference to True intact (PySide6 6.12 emit bug)."""

from __future__ import annotations

import sys
from typing import Any

from PySide6.QtCore import QObject, Signal

from ui.qtcompat import emit


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
