"""The cart shows the promotions a sale took and the nearest one it has not reached yet.

A real seeded store gets a programme version with a 满减 over everything and a
第2件半价 on one product (installed as head office's would be); the cashier
scans through the widgets and reads the strip under the cart: first what is missing
("¥12.50 more for 满100减20"), then, past the threshold, the promotions taken,
in the words on the lines. The strip under the cart stays one line, whatever the text.
"""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import pytest

from pos_member.domain.money import Money
from pos_member.domain.promotions import Promotion, PromotionKind, Scope, Step
from pos_member.services.programme import install_rules
from tests.gui.helpers import type_into, wait_idle

pytestmark = pytest.mark.gui


def scan(qtbot: Any, window: Any, text: str) -> None:
    type_into(qtbot, window.scan_input, text)
    wait_idle(qtbot, window.runner)


def _install(backend: Any, *promotions: Promotion) -> None:
    base = backend.rules()
    rules = dataclasses.replace(base, version=base.version + 1, promotions=promotions)
    ctx = backend.ctx
    with ctx.store.unit_of_work(ctx.terminal_id, datetime.now(UTC).isoformat()) as uow:
        install_rules(uow, rules, "2026-01-01")


def _plain_product(demo: Any) -> dict[str, Any]:
    for p in demo.products:
        plain = p.get("member_price") is None and not p.get("weighed") and p.get("barcode")
        if plain and Money.yuan(p["price"]).fen >= 200:
            return p
    raise LookupError("no plain product in the demo seed")


def test_the_cart_says_what_is_missing_then_what_the_sale_took(
    qtbot: Any, window: Any, demo: Any, backend: Any
) -> None:
    p = _plain_product(demo)
    price = Money.yuan(p["price"]).fen
    threshold = price * 3 - 50  # three units pass it, two do not
    manjian = Promotion("MJ", PromotionKind.SPEND_OFF, steps=(Step(threshold, off=Money(100)),))
    half = Promotion("HALF", PromotionKind.NTH_ITEM, scope=Scope(skus=(p["code"],)),
                     rate=Decimal("0.5"))  # fmt: skip
    _install(backend, manjian)
    strip = window.promotion_strip
    scan(qtbot, window, p["barcode"])
    assert not strip.promotions_label.isVisible()
    missing = Money(threshold - price)
    assert strip.hint_label.text() == f"{missing} more for {manjian.label}"
    assert strip.hint_label.isVisible()
    scan(qtbot, window, p["barcode"])
    scan(qtbot, window, p["barcode"])
    assert strip.promotions_label.text() == f"Promotions: {manjian.label}"
    assert not strip.hint_label.isVisible()  # its only rung is reached
    assert "满" in window.cart_table.item(0, 4).text()  # and each line says why

    # A second version: 第2件半价 on the product as well; both named, in the order applied.
    _install(backend, manjian, half)
    scan(qtbot, window, p["barcode"])
    assert strip.promotions_label.text() == f"Promotions: 第2件半价, {manjian.label}"
    assert strip.promotions_label.toolTip() == strip.promotions_label.text()


def test_the_hint_goes_when_the_sale_is_paid(
    qtbot: Any, window: Any, demo: Any, backend: Any
) -> None:
    from tests.gui.helpers import pay_exact_cash

    p = _plain_product(demo)
    price = Money.yuan(p["price"]).fen
    _install(backend, Promotion("MJ", PromotionKind.SPEND_OFF,
                                steps=(Step(price * 10, off=Money(100)),)))  # fmt: skip
    scan(qtbot, window, p["barcode"])
    assert window.promotion_strip.hint_label.isVisible()
    pay_exact_cash(qtbot, window)
    assert not window.promotion_strip.hint_label.isVisible()
    assert not window.promotion_strip.promotions_label.isVisible()


def test_the_strip_in_chinese(qtbot: Any, qapp: Any) -> None:
    from ui.cart import PromotionStrip
    from ui.i18n import install_translations
    from ui.state import ScreenState
    from ui.views import SaleView

    install_translations(qapp, "zh_CN")
    try:
        state = ScreenState()
        strip = PromotionStrip(state)
        qtbot.addWidget(strip)
        sale = dataclasses.replace(SaleView.empty(), promotions=("满100减20", "第2件半价"),
                                   hint_missing=Money(1250), hint_reward="满200减50")  # fmt: skip
        state.apply(sale=sale)
        assert strip.promotions_label.text() == "促销：满100减20、第2件半价"
        assert strip.hint_label.text() == "再买¥12.50 享满200减50"
        state.apply(sale=SaleView.empty())
        assert strip.isHidden()
    finally:
        install_translations(qapp, "en")
