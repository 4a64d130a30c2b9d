"""Issue 15: a scanner burst into any money, quantity, PIN, phone, ID or account field of a
manager dialog is refused there: the field keeps what it had, the burst's Enter submits
nothing, the dialog stays open and its message line names what was scanned.

The dialogs: register (F2) and edit (F9) a member, give a coupon (F8), the coupon
campaign (F7 on the reports), 退卡 / reverse a recharge (F11) and the payment PIN (F12,
each of its modes). Keys are stamped as a scanner's (8 ms apart, ``helpers.scanner``).
The stock-card field of the card dialogs and the card and receipt fields of 退卡 take
a scan on purpose and are not here.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import Qt

from tests.gui.helpers import gone, scanner, wait_idle

from .helpers import child, ime

pytestmark = pytest.mark.gui

CODE = "6901234567892"


def _select(qtbot: Any, w: Any, runner: Any, demo: Any) -> None:
    ime(w.search_input, demo.members[1]["phone"])
    qtbot.keyClick(w.search_input, Qt.Key.Key_Return)
    wait_idle(qtbot, runner)
    qtbot.waitUntil(lambda: w.page is not None)


def register(qtbot: Any, w: Any, runner: Any, demo: Any) -> tuple[Any, list[Any]]:
    qtbot.keyClick(w, Qt.Key.Key_F2)
    dlg = child(qtbot, w, "registerMemberDialog")
    return dlg, [dlg.phone_input, dlg.birthday_input]


def edit(qtbot: Any, w: Any, runner: Any, demo: Any) -> tuple[Any, list[Any]]:
    _select(qtbot, w, runner, demo)
    qtbot.keyClick(w, Qt.Key.Key_F9)
    dlg = child(qtbot, w, "editMemberDialog")
    return dlg, [dlg.phone_input, dlg.birthday_input]


def coupon(qtbot: Any, w: Any, runner: Any, demo: Any) -> tuple[Any, list[Any]]:
    _select(qtbot, w, runner, demo)
    qtbot.keyClick(w, Qt.Key.Key_F8)
    dlg = child(qtbot, w, "couponDialog")
    return dlg, [dlg.coupon.value_input, dlg.coupon.min_input, dlg.coupon.days_input]


def campaign(qtbot: Any, w: Any, runner: Any, demo: Any) -> tuple[Any, list[Any]]:
    view = w.reports_view
    with qtbot.waitSignal(view.loaded, timeout=10_000):
        qtbot.keyClick(w, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    wait_idle(qtbot, runner)
    qtbot.keyClick(w, Qt.Key.Key_F7)
    dlg = child(qtbot, w, "campaignDialog")
    return dlg, [dlg.coupon.value_input, dlg.coupon.min_input, dlg.coupon.days_input]


def prepaid(qtbot: Any, w: Any, runner: Any, demo: Any) -> tuple[Any, list[Any]]:
    _select(qtbot, w, runner, demo)
    qtbot.keyClick(w, Qt.Key.Key_F11)
    dlg = child(qtbot, w, "prepaidDialog")
    return dlg, [dlg.id_input, dlg.account_input, dlg.costs_input]


def pay_pin(qtbot: Any, w: Any, runner: Any, demo: Any) -> tuple[Any, list[Any]]:
    _select(qtbot, w, runner, demo)
    qtbot.keyClick(w, Qt.Key.Key_F12)
    dlg = child(qtbot, w, "payPinDialog")
    wait_idle(qtbot, runner)
    return dlg, [dlg.old_input, dlg.check_input, dlg.new_input, dlg.repeat_input]


def _text(field: Any) -> str:
    return str(field.text()) if hasattr(field, "text") else str(field.value())


@pytest.mark.parametrize(
    "opener",
    [register, edit, coupon, campaign, prepaid, pay_pin],
    ids=lambda f: f.__name__,
)
def test_a_scan_into_the_field_is_refused(
    qtbot: Any,
    mwindow: Any,
    runner: Any,
    demo: Any,
    opener: Callable[..., tuple[Any, list[Any]]],
) -> None:
    dlg, fields = opener(qtbot, mwindow, runner, demo)
    assert fields
    for field in fields:
        if not field.isVisible() and dlg.objectName() == "payPinDialog":
            dlg.mode = next(m for m in ("change", "reset", "set") if _shows(dlg, m, field))
        if dlg.objectName() == "prepaidDialog":
            dlg.tabs.setCurrentIndex(0 if field is not dlg.costs_input else 1)
        assert field.isVisible(), field.objectName()
        field.setFocus()
        before = _text(field)
        scanner(field, CODE)
        qtbot.wait(100)  # the guard's run ends after three gaps
        wait_idle(qtbot, runner)
        assert _text(field) == before, (field.objectName(), _text(field))
        assert not gone(dlg), field.objectName()
        assert CODE in dlg.message.text() or "scan" in dlg.message.text().lower(), (
            field.objectName(),
            dlg.message.text(),
        )
        dlg.say("")
    qtbot.keyClick(fields[0], Qt.Key.Key_Escape)  # Esc closes it: nothing was changed
    qtbot.waitUntil(lambda: gone(dlg))


def _shows(dlg: Any, mode: str, field: Any) -> bool:
    try:
        dlg.mode = mode
    except (ValueError, KeyError):
        return False
    return bool(field.isVisible())
