"""The sale screen fits the counter's screens: 1366×768 and 1024×768, in both languages.

The window is given the whole screen (as maximised) with the busiest member
panel there is (birthday, coupons, expiring points, count cards, a debt), a
long message and a failed printer; nothing may make the window larger than
the screen, and every widget a cashier needs lies inside it, visible.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QWidget

from pos_member.domain.money import Money
from ui.views import MemberView, SaleView

pytestmark = pytest.mark.gui

SIZES = [(1366, 768), (1024, 768)]

BUSY_MEMBER = MemberView(
    member_id="1",
    masked_name="欧阳*娜娜",
    masked_phone="138****5678",
    masked_card="8800 **** **** 1234",
    tier_code="platinum",
    tier_name="铂金卡会员",
    tier_colour="#455a64",
    balance=Money(1234567),
    points=123456,
    coupons=("满100减20券", "生日8折券", "饮品第二杯半价券", "会员日双倍积分券"),
    coupon_codes=("C1", "C2", "C3", "C4"),
    birthday=True,
    points_expiring=2500,
    points_expiring_on="2026-12-31",
    count_cards=("洗车10次卡 7/10", "咖啡20次卡 12/20", "理发5次卡 1/5"),
    owed=Money.yuan(35),
    points_owed=120,
)

IMPORTANT = (
    "scanInput",
    "staffLabel",
    "cartTable",
    "memberPanel",
    "memberNameLabel",
    "memberTierLabel",
    "memberBalanceLabel",
    "memberPointsLabel",
    "totalsPanel",
    "totalLabel",
    "payButton",
    "actionBar",
    "messageLabel",
    "statusBar",
    "syncStatusLabel",
    "printerStatusLabel",
    "heldStatusLabel",
    "promotionsLabel",
    "promotionHintLabel",
)

#: A sale that took many promotions and misses another: the strip under the cart.
BUSY_PROMOTIONS = dataclasses.replace(
    SaleView.empty(),
    promotions=("满100减20", "第2件半价", "买2赠1", "会员日全场8.8折", "满200加9.9元换购"),
    hint_missing=Money.yuan("112.50"),
    hint_reward="满300减80（每满100减10，最高减50）",
)


def inside(window: QWidget, w: QWidget) -> bool:
    top_left = w.mapTo(window, QPoint(0, 0))
    rect = QRect(top_left, w.size())
    return window.rect().contains(rect)


def busy_screen(window: Any) -> None:
    window.render_member(BUSY_MEMBER)
    window.state.apply(sale=BUSY_PROMOTIONS)
    window.render_held(3)
    window.receipts.failed("R0001-000123", "打印机缺纸：请装纸后按 Ctrl+P 重新打印。" * 3)
    window.show_message(
        "会员卡 8800123412341234 已挂失，不能消费：请会员出示新卡，或按 F3 不用会员继续结账。" * 3,
        "error",
    )


def check_fits(qtbot: Any, window: Any, size: tuple[int, int]) -> None:
    w, h = size
    busy_screen(window)
    window.resize(w, h)
    qtbot.wait(50)
    hint = window.minimumSizeHint()
    assert hint.width() <= w and hint.height() <= h - 40, f"needs at least {hint}"
    assert (window.width(), window.height()) == (w, h)
    for name in IMPORTANT:
        widget = window.findChild(QWidget, name)
        assert widget is not None, name
        assert widget.isVisible(), f"{name} is hidden"
        assert widget.width() > 0 and widget.height() > 0, f"{name} has no room"
        assert inside(window, widget), f"{name} is off the screen at {w}×{h}"
    for name, button in window.action_buttons.items():
        assert inside(window, button), f"the {name} key is off the screen at {w}×{h}"
        assert button.width() >= button.fontMetrics().horizontalAdvance("Ctrl+Del"), name
    # The message line stays one line: a long text is cut with "…", its whole text a tooltip.
    msg = window.message_label
    assert msg.height() < 2.2 * msg.fontMetrics().height() + 12
    assert msg.toolTip() == msg.text()


@pytest.fixture
def chinese(qapp: Any) -> Iterator[None]:
    from ui.i18n import install_translations

    install_translations(qapp, "zh_CN")
    yield
    install_translations(qapp, "en")


@pytest.mark.parametrize("size", SIZES, ids=["1366x768", "1024x768"])
def test_sale_screen_fits_in_english(
    qtbot: Any, styled: None, window: Any, size: tuple[int, int]
) -> None:
    check_fits(qtbot, window, size)


@pytest.mark.parametrize("size", SIZES, ids=["1366x768", "1024x768"])
def test_sale_screen_fits_in_chinese(
    qtbot: Any,
    styled: None,
    chinese: None,
    backend: Any,
    runner: Any,
    cashier: Any,
    size: tuple[int, int],
) -> None:
    from ui.bridge import ReaderBridge
    from ui.main_window import CashierWindow

    window = CashierWindow(backend, runner, ReaderBridge(), cashier)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    check_fits(qtbot, window, size)
