"""The cashier app runs the devices the hardware guide documents (``drivers.assembly``).

A serial scanner on a pseudo-terminal (``POS_MEMBER_DEVICES_SERIAL_PORT``) and
the scale label layouts (``POS_MEMBER_DEVICES_WEIGHED_LAYOUTS``) set in the
environment reach the app's cart and its sales, as they do ``pos-member devices``.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from pos_member.seed.demo import ean13
from pos_member.settings import Settings
from tests.drivers.serial_pty import Pty, pty_fixture  # noqa: F401 - the fixture
from tests.gui.conftest import DemoStore
from tests.gui.helpers import dialog, gone, pay_exact_cash, type_into, wait_idle

pytestmark = pytest.mark.gui


@pytest.fixture
def app(
    qtbot: Any, qapp: Any, demo: DemoStore, pty: Pty, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Any]:
    from ui.app import CashierApp
    from ui.settings import UiSettings

    monkeypatch.setenv("POS_MEMBER_DEVICES_SERIAL_PORT", str(pty.path))
    monkeypatch.setenv(
        "POS_MEMBER_DEVICES_WEIGHED_LAYOUTS",
        '[{"prefix": "22", "item_digits": 5, "skip_digits": 1,'
        ' "value": "weight_g", "value_digits": 4}]',
    )
    ui = UiSettings(pcsc=False, simulated_reader=False, customer_display=False)
    cashier = CashierApp(Settings(db_path=demo.path), ui)
    cashier.start()
    qtbot.waitUntil(lambda: cashier.backend is not None, timeout=30_000)
    login = dialog(qtbot, "loginDialog")
    type_into(qtbot, login.staff_input, "1001")
    type_into(qtbot, login.pin_input, "1111")
    qtbot.waitUntil(lambda: cashier.window is not None and cashier.window.isVisible())
    # No shift is open on the demo till: the app asks for the opening float first.
    shift = dialog(qtbot, "shiftDialog")
    wait_idle(qtbot, cashier.runner)
    type_into(qtbot, shift.amount_input, "500")
    qtbot.waitUntil(lambda: gone(shift), timeout=5000)
    yield cashier
    cashier.window.close()
    cashier.shutdown()


def _serial_scanner(app: Any) -> Any:
    return next(d for d in app.drivers if d.name.startswith("serial:"))


def test_a_serial_scan_reaches_the_cart(qtbot: Any, app: Any, demo: DemoStore, pty: Pty) -> None:
    qtbot.waitUntil(lambda: _serial_scanner(app).running)
    product = next(p for p in demo.products if p.get("barcode") and "count_card_uses" not in p)
    pty.send(product["barcode"].encode() + b"\r")
    qtbot.waitUntil(lambda: app.window.cart_table.rowCount() == 1, timeout=5000)
    wait_idle(qtbot, app.runner)
    assert [ln.code for ln in app.window.draft.lines] == [product["barcode"]]


def test_a_label_in_the_configured_layout_sells_its_item_and_weight(
    qtbot: Any, app: Any, demo: DemoStore, pty: Pty
) -> None:
    qtbot.waitUntil(lambda: _serial_scanner(app).running)
    plu = next(p for p in demo.products if p.get("scale_label_example"))["code"]
    label = ean13(f"22{plu}90750")  # 22 | item | one skipped digit | 750 g
    pty.send(label.encode() + b"\r")
    qtbot.waitUntil(lambda: app.window.cart_table.rowCount() == 1, timeout=5000)
    wait_idle(qtbot, app.runner)
    assert [(ln.code, ln.weight_g) for ln in app.window.draft.lines] == [(label, 750)]

    pay = pay_exact_cash(qtbot, app.window)
    qtbot.waitUntil(lambda: gone(pay), timeout=5000)
    receipt = app.window.last_receipt.receipt_no
    conn = app.backend.ctx.store.raw_reader()
    sold = conn.execute(
        "SELECT l.product_code, l.grams FROM sale_lines l JOIN sales s ON s.id = l.sale_id"
        " WHERE s.receipt_no = ?",
        (receipt,),
    ).fetchall()
    assert [tuple(r) for r in sold] == [(plu, 750)]
