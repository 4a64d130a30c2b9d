"""Run under a real X server of the counter's size: where do the cashier's widgets land?

``python -m tests.gui.fit_probe DB LANGUAGE`` opens the sale screen maximised
on the xcb platform with the busiest member panel, then the payment and the
shift dialogs, and prints one JSON object: the screen, and for each widget
its rectangle on the screen and whether it is visible. ``test_fit_xvfb``
starts it under ``xvfb-run`` at 1366×768 and 1024×768.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import Any

from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QApplication, QWidget


def settle(app: QApplication, runner: Any, seconds: float = 0.3) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end or runner.pending:
        app.processEvents()
        time.sleep(0.01)


def rect_on_screen(w: QWidget) -> list[int]:
    r = QRect(w.mapToGlobal(QPoint(0, 0)), w.size())
    return [r.x(), r.y(), r.width(), r.height()]


def overlaps(named: dict[str, QWidget]) -> list[list[str]]:
    """Pairs of visible named widgets whose rectangles on the screen intersect although
    neither holds the other (a panel holds its labels; two siblings must not cover each
    other)."""
    shown = {n: w for n, w in named.items() if w.isVisible()}
    rects = {n: QRect(w.mapToGlobal(QPoint(0, 0)), w.size()) for n, w in shown.items()}
    names = sorted(shown)
    found = []
    for i, a in enumerate(names):
        for b in names[i + 1 :]:
            wa, wb = shown[a], shown[b]
            if wa.isAncestorOf(wb) or wb.isAncestorOf(wa):
                continue
            if rects[a].intersects(rects[b]):
                found.append([a, b])
    return found


#: The payment dialog's fields and figures (those shown for the sale at hand are checked).
PAYMENT = (
    "dueLabel",
    "storedValueInput",
    "pointsInput",
    "externalInput",
    "externalMethodBox",
    "cashInput",
    "memberPinInput",
    "memberPinRepeatInput",
    "pinStepLabel",
    "storedValueHint",
    "pointsHint",
    "remainingLabel",
    "changeLabel",
    "messageLabel",
)


def main(db: str, language: str) -> dict[str, Any]:
    app = QApplication(["fit-probe"])
    from drivers.printers import SimulatedPrinter
    from pos_member.domain.money import Money
    from pos_member.settings import Settings
    from tests.gui.test_fit import IMPORTANT, busy_screen
    from ui.app import open_backend
    from ui.bridge import ReaderBridge
    from ui.i18n import apply_style, fit_scale, install_translations
    from ui.main_window import CashierWindow
    from ui.tasks import TaskRunner

    apply_style(app, fit=fit_scale(app))  # as the app does
    install_translations(app, language)
    backend = open_backend(
        Settings(db_path=Path(db)), seed_if_new=False, printer=SimulatedPrinter()
    )
    runner = TaskRunner()
    staff = backend.login("1001", "1111")
    if backend.current_shift() is None:
        backend.open_shift(staff, Money.yuan(500))
    window = CashierWindow(backend, runner, ReaderBridge(), staff)
    screen = app.primaryScreen().geometry()
    window.showMaximized()
    window.setGeometry(app.primaryScreen().availableGeometry())  # no window manager here
    settle(app, runner)
    busy_screen(window)
    settle(app, runner)
    out: dict[str, Any] = {
        "screen": [screen.x(), screen.y(), screen.width(), screen.height()],
        "window": [window.x(), window.y(), window.width(), window.height()],
        "widgets": {},
        "overlaps": {},
    }
    named: dict[str, QWidget] = {}
    for name in IMPORTANT:
        w = window.findChild(QWidget, name)
        named[name] = w
        out["widgets"][name] = [rect_on_screen(w), w.isVisible()]
    for name, b in window.action_buttons.items():
        named[f"key:{name}"] = b
        out["widgets"][f"key:{name}"] = [rect_on_screen(b), b.isVisible()]
    out["overlaps"]["saleScreen"] = overlaps(named)
    # The dialogs the cashier meets most: payment (a member sale) and the shift's count.
    window.render_member(None)
    window.handle_scan(member_card(backend))  # a member's sale: stored value, points, PIN
    settle(app, runner)
    window.handle_scan(backend_product(backend))
    settle(app, runner)
    window.pay()
    settle(app, runner)
    pay = window._dialog
    out["widgets"]["paymentDialog"] = [rect_on_screen(pay), pay.isVisible()]
    paying: dict[str, QWidget] = {"confirmPaymentButton": pay.confirm_button}
    for name in PAYMENT:
        w = pay.findChild(QWidget, name)
        if w is not None and w.isVisible():
            paying[name] = w
    for name, w in paying.items():
        out["widgets"][f"payment:{name}"] = [rect_on_screen(w), w.isVisible()]
    out["overlaps"]["paymentDialog"] = overlaps(paying)
    pay.reject()
    settle(app, runner)
    window.action_shift()
    settle(app, runner)
    shift = window._dialog
    out["widgets"]["shiftDialog"] = [rect_on_screen(shift), shift.isVisible()]
    out["widgets"]["cashDifferenceLabel"] = [
        rect_on_screen(shift.difference_label),
        shift.difference_label.isVisible(),
    ]
    shift.reject()
    settle(app, runner)
    runner.shutdown()
    backend.close()
    return out


def backend_product(backend: Any) -> str:
    from sqlalchemy import select

    from pos_member.store.models import Product

    with backend.ctx.store.reading() as s:
        return str(s.scalar(select(Product.barcode).where(Product.barcode.is_not(None)).limit(1)))


def member_card(backend: Any) -> str:
    """An active card of a member with stored value (the payment shows every field)."""
    from sqlalchemy import select

    from pos_member.store.models import Card

    with backend.ctx.store.reading() as s:
        return str(
            s.scalar(
                select(Card.number)
                .where(Card.state == "active", Card.member_id.is_not(None))
                .order_by(Card.id)
                .limit(1)
            )
        )


if __name__ == "__main__":
    print("FIT " + json.dumps(main(sys.argv[1], sys.argv[2])))
