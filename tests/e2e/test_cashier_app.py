"""The whole cashier app from a machine with no configuration: first run to paid sale.

``CashierApp`` seeds the embedded demo store on first run (pos_member's seed),
opens the login, starts the simulated reader, prints receipts as real PDFs
next to the database, and shows the customer display. Everything is checked
as the cashier and the customer see it, then in the database and on paper.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import gc
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import func, select

from pos_member.settings import Settings
from pos_member.store.models import Sale
from tests.conftest import require_tool
from tests.gui.helpers import dialog, gone, pay_exact_cash, press, type_into, wait_idle

pytestmark = [pytest.mark.gui, pytest.mark.slow]


@pytest.fixture
def app(qtbot: Any, qapp: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    from ui.app import CashierApp
    from ui.i18n import install_translations
    from ui.settings import UiSettings

    install_translations(qapp, "en")
    gc.unfreeze()
    # No configuration: the platform's data directory (here under tmp_path) holds the demo.
    monkeypatch.setattr("pos_member.settings.platformdirs.user_data_dir",
                        lambda *_a, **_k: str(tmp_path / "data"))  # fmt: skip
    monkeypatch.delenv("POS_MEMBER_DB_PATH", raising=False)
    settings = Settings()
    assert settings.db_path == tmp_path / "data" / "terminal.db"
    ui = UiSettings(language="en", pcsc=False, simulated_reader=True, customer_display=True)
    cashier = CashierApp(settings, ui)
    cashier.start()
    yield cashier
    for w in (cashier.window, cashier.display):
        if w is not None:
            w.close()
    cashier.shutdown()


def log_in(qtbot: Any, app: Any, staff: str, pin: str) -> None:
    login = dialog(qtbot, "loginDialog")
    type_into(qtbot, login.staff_input, staff)
    type_into(qtbot, login.pin_input, pin)
    wait_idle(qtbot, app.runner, timeout=30_000)


def test_first_run_login_tap_sell_print_lock(qtbot: Any, app: Any, tmp_path: Path) -> None:
    # The login is on screen at once; the demo store is seeded behind it.
    login = dialog(qtbot, "loginDialog")
    assert login.isVisible()
    qtbot.waitUntil(lambda: app.backend is not None, timeout=60_000)
    assert (tmp_path / "data" / "terminal.db").exists()

    log_in(qtbot, app, "1001", "9999")
    assert "Wrong PIN" in login.message.text()
    log_in(qtbot, app, "1001", "1111")
    qtbot.waitUntil(lambda: app.window is not None and app.window.isVisible(), timeout=5000)
    window = app.window
    # No shift is open on a new till: the first thing asked is the opening float.
    shift = dialog(qtbot, "shiftDialog")
    wait_idle(qtbot, app.runner)
    type_into(qtbot, shift.amount_input, "500")
    qtbot.waitUntil(lambda: gone(shift), timeout=5000)
    assert window.message_label.text().endswith("opened with a float of ¥500.00.")
    assert "1001" in window.staff_label.text()
    assert gc.get_freeze_count() > 0  # start-up objects are out of the collector's way
    assert window.status.online.text() == "● Offline"  # not enrolled with head office

    member_id, uid = _a_member_with_chip(app)
    qtbot.waitUntil(lambda: app.simulated is not None and app.simulated.running, timeout=5000)
    with qtbot.waitSignal(window.member_changed, timeout=5000):
        app.simulated.tap(uid)
    wait_idle(qtbot, app.runner)
    assert window.member is not None and window.member.member_id == str(member_id)
    assert "Welcome" in app.display.welcome.text()

    barcode, name = _a_product(app)
    type_into(qtbot, window.scan_input, barcode)
    wait_idle(qtbot, app.runner)
    assert app.display.table.rowCount() == 1
    assert app.display.total.text() == window.totals.total_label.text()

    pay = pay_exact_cash(qtbot, window)
    qtbot.waitUntil(lambda: gone(pay), timeout=5000)
    receipt = window.last_receipt.receipt_no
    assert "Thank you" in app.display.after.text()
    assert "Points now" in app.display.after.text()
    with app.backend.ctx.store.reading() as s:
        n = s.scalar(select(func.count()).select_from(Sale).where(Sale.receipt_no == receipt))
    assert n == 1

    # The receipt came out as a PDF next to the database; read it back.
    pdfs = tmp_path / "data" / "receipts"
    qtbot.waitUntil(lambda: any(pdfs.glob(f"*{receipt}*.pdf")), timeout=10_000)
    pdf = next(pdfs.glob(f"*{receipt}*.pdf"))
    text = subprocess.run(
        [require_tool("pdftotext", "poppler-utils"), str(pdf), "-"],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    assert receipt in text and name.split()[0] in text

    # F11 locks the screen; only the same cashier's PIN opens it again.
    press(qtbot, window, Qt.Key.Key_F11)
    lock = dialog(qtbot, "loginDialog")
    assert lock.staff_input.isReadOnly() and lock.staff_input.text() == "1001"
    lock.reject()  # Esc does not dismiss a locked screen
    assert lock.isVisible()
    type_into(qtbot, lock.pin_input, "1111")
    wait_idle(qtbot, app.runner)
    qtbot.waitUntil(lambda: gone(lock))
    assert window.message_label.text() == "Unlocked."


def _a_member_with_chip(app: Any) -> tuple[int, str]:
    from pos_member.store.models import Card

    with app.backend.ctx.store.reading() as s:
        row = s.execute(
            select(Card.member_id, Card.uid)
            .where(Card.uid.is_not(None), Card.state == "active")
            .order_by(Card.id)
            .limit(1)
        ).one()
    return int(row[0]), str(row[1])


def _a_product(app: Any) -> tuple[str, str]:
    from pos_member.store.models import Product

    with app.backend.ctx.store.reading() as s:
        row = s.execute(
            select(Product.barcode, Product.name)
            .where(Product.barcode.is_not(None), Product.count_card_plan.is_(None))
            .order_by(Product.id)
            .limit(1)
        ).one()
    return str(row[0]), str(row[1])
