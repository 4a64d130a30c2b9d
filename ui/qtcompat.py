"""Working around a reference-count bug in PySide6's ``SignalInstance.emit``.

PySide6 6.12.0 returns ``True`` from ``emit()`` without taking a reference
when the signal has receivers; the caller then drops a reference it never
got, and after enough emits CPython 3.11 frees ``True`` itself and aborts
("bool_dealloc: deallocating True or False"). Every emit in the app goes
through ``emit()`` below, which gives the reference back when a probe at
import shows the bug. An extra reference to ``True`` costs nothing, so the
probe errs on the side of compensating.
"""

from __future__ import annotations

import ctypes
import sys
from typing import Any

from PySide6.QtCore import QObject, Signal

_incref = ctypes.pythonapi.Py_IncRef
_incref.argtypes = [ctypes.py_object]
_incref.restype = None


class _Probe(QObject):
    ping = Signal(object)


def _emit_drops_a_reference() -> bool:
    probe = _Probe()
    probe.ping.connect(lambda _x: None)
    before = sys.getrefcount(True)
    result = probe.ping.emit(None)
    held = sys.getrefcount(True)
    borrowed = result is True and held == before
    if borrowed:
        _incref(True)  # the probe's own emit
    return borrowed


_BUGGY = _emit_drops_a_reference()


def emit(signal: Any, *args: Any) -> None:
    """``signal.emit(*args)`` without losing a reference to ``True``."""
    result = signal.emit(*args)
    if _BUGGY and result is True:
        _incref(True)
    del result
