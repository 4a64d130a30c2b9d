"""Issue 15, words: each message says what happened and what to do next, names its limit,
clears after Esc; successes green and errors red; every tier badge readable (WCAG AA
4.5:1), computed from the colours in resources/style."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from pos_member.domain.rules import demo_rules
from tests.gui.helpers import dialog, press, type_into, wait_idle
from ui.contrast import contrast, ink_for, luminance, rgb

pytestmark = pytest.mark.gui

SHEET = (Path(__file__).parents[2] / "resources" / "style" / "cashier.qss").read_text()


def rule_colour(selector: str, prop: str = "color") -> str:
    """The ``prop`` colour of ``selector``'s block in the cashier style sheet."""
    m = re.search(re.escape(selector) + r"\s*\{([^}]*)\}", SHEET)
    assert m is not None, f"{selector} is not in the style sheet"
    found = re.search(rf"(?<![-\w]){prop}\s*:\s*(#[0-9a-fA-F]{{3,6}})", m.group(1))
    assert found is not None, f"{selector} has no {prop}"
    return found.group(1)


def test_contrast_arithmetic_is_wcags() -> None:
    assert contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)
    assert luminance("#fff") == pytest.approx(1.0)
    with pytest.raises(ValueError):
        rgb("silver")


def tiers_to_check(backend: Any) -> set[str]:
    demo_tiers = {t.colour for t in backend.rules().tiers}
    default_tiers = {t.colour for t in demo_rules().tiers}
    return demo_tiers | default_tiers | {"#808080", "#b0bec5", "#7f8c8d", "#c0c0c0", "#e5e4e2"}


def test_every_tier_badge_reads_at_wcag_aa(qtbot: Any, window: Any, backend: Any) -> None:
    inks = {
        "dark": rule_colour('QLabel#memberTierLabel[ink="dark"]'),
        "light": rule_colour('QLabel#memberTierLabel[ink="light"]'),
    }
    for colour in tiers_to_check(backend):
        ink = ink_for(colour)
        ratio = contrast(colour, inks[ink])
        assert ratio >= 4.5, f"tier colour {colour}: {ink} ink only {ratio:.2f}:1"


def test_the_badge_on_screen_takes_the_ink(
    qtbot: Any, window: Any, demo: Any, styled: None
) -> None:
    m = demo.member(tiered=True)
    type_into(qtbot, window.scan_input, m["card_number"])
    wait_idle(qtbot, window.runner)
    badge = window.member_panel.member_tier
    colour = window.member.tier_colour
    assert badge.property("ink") == ink_for(colour)
    shown = badge.palette().color(badge.foregroundRole()).name()
    assert contrast(colour, shown) >= 4.5


def test_silver_and_platinum_no_longer_white_on_light_grey() -> None:
    rules = demo_rules()
    for code in ("silver", "platinum"):
        colour = rules.tier(code).colour
        assert contrast(colour, "#ffffff") < 4.5  # the defect: white was unreadable
        assert ink_for(colour) == "dark"


def test_success_is_green_and_errors_red_in_the_style_sheet() -> None:
    for selector in ('QLabel#messageLabel[level="ok"]', 'QLabel#dialogMessage[level="ok"]'):
        r, g, b = rgb(rule_colour(selector))
        assert g > r and g > b, f"{selector} is not green"
    for selector in (
        'QLabel#messageLabel[level="error"]',
        "QLabel#dialogMessage, QLabel#loginMessage",
    ):
        r, g, b = rgb(rule_colour(selector))
        assert r > g and r > b, f"{selector} is not red"
    ok_bg = rule_colour('QLabel#messageLabel[level="ok"]', "background")
    err_bg = rule_colour('QLabel#messageLabel[level="error"]', "background")
    assert contrast(rule_colour('QLabel#messageLabel[level="ok"]'), ok_bg) >= 4.5
    assert contrast(rule_colour('QLabel#messageLabel[level="error"]'), err_bg) >= 4.5


def test_a_success_message_is_shown_as_ok(qtbot: Any, window: Any, demo: Any) -> None:
    m = demo.member()
    type_into(qtbot, window.scan_input, m["card_number"])
    wait_idle(qtbot, window.runner)
    assert window.message_label.level == "ok"


def test_a_quantity_over_999_names_the_limit(qtbot: Any, window: Any, demo: Any) -> None:
    p = demo.products[0]  # packaged goods come first in the demo catalogue
    type_into(qtbot, window.scan_input, p["barcode"])
    wait_idle(qtbot, window.runner)
    window.cart_table.selectRow(0)
    press(qtbot, window, Qt.Key.Key_F4)
    dlg = dialog(qtbot, "quantityDialog")
    type_into(qtbot, dlg.input, "99999")
    wait_idle(qtbot, window.runner)
    text = window.message_label.text()
    assert "99999" in text and "999" in text.replace("99999", "") and "F4" in text
    assert window.message_label.level == "error"
    assert window.draft.lines[0].quantity == 1


def test_an_unknown_code_length_gives_a_next_step_and_esc_clears_it(
    qtbot: Any, window: Any
) -> None:
    type_into(qtbot, window.scan_input, "12345")
    wait_idle(qtbot, window.runner)
    text = window.message_label.text()
    assert "5 digits" in text and "scan the item again" in text
    assert window.message_label.level == "error"
    press(qtbot, window, Qt.Key.Key_Escape)
    assert window.message_label.level == "info"
    assert "12345" not in window.message_label.text()


def test_the_service_quantity_limit_is_named(backend: Any, demo: Any) -> None:
    from pos_member.domain.errors import InvalidQuantity
    from ui.draft import Draft, DraftLine

    p = demo.products[0]
    with pytest.raises(InvalidQuantity, match="1 to 999"):
        backend.price(Draft(lines=(DraftLine(1, p["barcode"], quantity=1000),)))


@pytest.mark.parametrize(
    ("english", "chinese"),
    [
        (
            "No member has the phone number {phone}. Check it with the customer,"
            " or press Ctrl+N to register it.",
            "没有会员使用手机号 {phone}。请与顾客核对号码，或按 Ctrl+N 用此手机号注册新会员。",
        ),
        (
            "Quantity {quantity} is not possible for {product}: type a whole number from 1 to 999.",
            "{product} 的数量 {quantity} 不对：数量最多 999，请输入 1 到 999 的整数。",
        ),
    ],
)
def test_the_chinese_words_use_chinese_punctuation(english: str, chinese: str) -> None:
    from ui.i18n_zh import ZH

    assert ZH[english] == chinese
    body = re.sub(r"\{\w+\}|Ctrl\+N|F\d+", "", chinese)
    assert not re.search(r"[,;:?!()]", body)
