"""Issue 15: the recharge dialog's package keys, one per 充X送Y of the programme's bonus
table; a key (Ctrl+n) fills the deposit and the preview shows the bonus."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt

from pos_member.domain.money import Money
from tests.gui.helpers import dialog, press, type_into, wait_idle

pytestmark = pytest.mark.gui


def _open(qtbot: Any, window: Any, demo: Any) -> Any:
    type_into(qtbot, window.scan_input, demo.member()["card_number"])
    wait_idle(qtbot, window.runner)
    press(qtbot, window, Qt.Key.Key_F7)
    dlg = dialog(qtbot, "rechargeDialog")
    wait_idle(qtbot, window.runner)
    return dlg


def test_each_bonus_row_is_a_key_showing_its_deposit_and_bonus(
    qtbot: Any, window: Any, demo: Any, backend: Any
) -> None:
    table = sorted(backend.rules().stored_value.bonus_table, key=lambda r: r.threshold)
    assert table, "the demo programme has recharge bonuses"
    dlg = _open(qtbot, window, demo)
    buttons = dlg.packages.buttons
    assert len(buttons) == len(table)
    for i, (b, row) in enumerate(zip(buttons, table, strict=True), start=1):
        deposit, bonus = row.threshold.fen // 100, row.bonus.fen // 100
        assert b.text() == f"Ctrl+{i}\nDeposit {deposit}, get {bonus}"
    assert dlg.packages.isVisible()


def test_ctrl_2_fills_the_second_package_and_the_bonus_follows(
    qtbot: Any, window: Any, demo: Any, backend: Any
) -> None:
    table = sorted(backend.rules().stored_value.bonus_table, key=lambda r: r.threshold)
    dlg = _open(qtbot, window, demo)
    qtbot.keyClick(dlg.amount_input, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    second = table[1]
    assert dlg.amount_input.text() == str(second.threshold.fen // 100)
    qtbot.waitUntil(lambda: dlg.bonus_label.text() == str(second.bonus), timeout=3000)
    assert dlg.after_label.text() == str(window.member.balance + second.threshold + second.bonus)
    qtbot.keyClick(dlg.amount_input, Qt.Key.Key_Escape)


def test_the_chinese_key_reads_chong_x_song_y() -> None:
    from ui.i18n_zh import ZH
    from ui.recharge_packages import whole_yuan

    assert ZH["Deposit {deposit}, get {bonus}"].format(deposit="500", bonus="25") == "充500送25"
    assert whole_yuan(Money.yuan(500)) == "500"
    assert whole_yuan(Money(1250)) == "12.50"
