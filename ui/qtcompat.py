"""Guards against reference-count bugs in the Qt bindings.

PySide6 6.12.0 on CPython 3.11 returns ``None`` from every void method and
``True`` from ``SignalInstance.emit`` without taking a reference; callers drop
references they never got, and after enough calls CPython frees ``None`` or
``True`` and aborts ("none_dealloc" / "bool_dealloc") — a cashier app would
die mid-shift. pyproject.toml excludes 6.12.0; ``bindings_drop_references``
lets the app and the tests notice any build that does it, and every emit of
the app goes through ``emit()``, which gives the reference back when the
probe at import shows the emit bug.
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
    result = probe.ping.emit(None)  # type: ignore[func-returns-value]
    held = sys.getrefcount(True)
    borrowed = result is True and held == before
    if borrowed:
        _incref(True)  # the probe's own emit
    return borrowed


_BUGGY = _emit_drops_a_reference()


def bindings_drop_references() -> bool:
    """True when calling a void Qt method loses a reference to ``None`` (a broken build)."""
    probe = QObject()
    before = sys.getrefcount(None)
    for _ in range(100):
        probe.setObjectName("probe")
    return sys.getrefcount(None) < before - 50


def emit(signal: Any, *args: Any) -> None:
    """``signal.emit(*args)`` without losing a reference to ``True``."""
    result = signal.emit(*args)
    if _BUGGY and result is True:
        _incref(True)
    del result
