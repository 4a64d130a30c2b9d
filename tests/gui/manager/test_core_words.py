"""Manager mode in Chinese: the core's refusals and statement notes have no English word.

A manager registering a member with a wrong name, phone or birthday reads
the core's ``ValidationError`` in Chinese (field and problem translated, the
typed data kept as typed); a replaced card's statement lines (what moved to
the new card, the fee and how it was paid) are Chinese too; the same in
English shows the core's own sentences.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from pos_member.services import cards as cs
from tests.gui.helpers import type_into, wait_idle

from .helpers import child, ime

pytestmark = pytest.mark.gui

ENGLISH = re.compile(r"[A-Za-z]{2,}")
SHOTS = Path(__file__).resolve().parents[3] / "build" / "screenshots" / "core-words"


def _window(qtbot: Any, qapp: Any, language: str, mbackend: Any, runner: Any, manager: Any) -> Any:
    from ui.i18n import install_translations
    from ui.manager import i18n
    from ui.manager.window import ManagerWindow

    assert install_translations(qapp, language)
    assert i18n.install(qapp, language)
    w = ManagerWindow(mbackend, runner, manager)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    w.activateWindow()  # its F-key shortcuts work in the active window
    qtbot.waitUntil(w.isActiveWindow)
    return w


@pytest.fixture(params=["zh_CN", "en"])
def language(request: pytest.FixtureRequest, qapp: Any) -> Iterator[str]:
    from ui.i18n import install_translations
    from ui.manager import i18n

    yield str(request.param)
    install_translations(qapp, "en")
    i18n.install(qapp, "en")


def _shot(widget: Any, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    assert widget.grab().save(str(SHOTS / f"{name}.png"))


REFUSALS = [
    # name, phone, birthday, Chinese, English
    ("王小明2", "13800138000", "", "姓名：姓名里不能有数字", "name: a name has no digits"),
    (
        "王小明",
        "1380013",
        "",
        "手机号：“1380013” 不是有效的手机号码",
        "phone: '1380013' is not a mobile number",
    ),
    (
        "王小明",
        "13800138000",
        "2999-01-01",
        "生日：不能晚于今天",
        "birthday: cannot be in the future",
    ),
    (
        "王小明",
        "13012345678",  # demo member 1's phone
        "",
        "手机号：130****5678 已被其他会员使用",
        "phone: 130****5678 already belongs to a member",
    ),
]


@pytest.mark.parametrize(("name", "phone", "birthday", "zh", "en"), REFUSALS)
def test_registration_refusals_in_the_managers_language(
    qtbot: Any,
    qapp: Any,
    language: str,
    mbackend: Any,
    runner: Any,
    manager: Any,
    name: str,
    phone: str,
    birthday: str,
    zh: str,
    en: str,
) -> None:
    w = _window(qtbot, qapp, language, mbackend, runner, manager)
    qtbot.keyClick(w, Qt.Key.Key_F2)
    dlg = child(qtbot, w, "registerMemberDialog")
    ime(dlg.name_input, name)
    type_into(qtbot, dlg.phone_input, phone, enter=False)
    type_into(qtbot, dlg.birthday_input, birthday, enter=False)
    dlg.consent_input.setChecked(True)
    qtbot.mouseClick(dlg.button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, runner)
    shown = dlg.message.text()
    if language == "zh_CN":
        assert shown == zh
        assert ENGLISH.findall(shown) == []
    else:
        assert shown == en
    assert dlg.isVisible() and dlg.name_input.text() == name  # nothing lost
    _shot(dlg, f"register-{phone}-{birthday or 'none'}-{language}")


def test_statement_notes_of_a_replaced_card_in_the_managers_language(
    qtbot: Any,
    qapp: Any,
    language: str,
    mbackend: Any,
    runner: Any,
    manager: Any,
    demo: Any,
) -> None:
    m = demo.member()
    cs.replace_card(
        mbackend.ctx,
        manager,
        m["card_number"],
        cs.NewCard(cs.IssueMode.UID, uid="04C0DE99"),
        cs.FeePayment(cs.FeeTender.CASH),
    )
    w = _window(qtbot, qapp, language, mbackend, runner, manager)
    type_into(qtbot, w.search_input, m["phone"])
    wait_idle(qtbot, runner)
    qtbot.waitUntil(lambda: w.page is not None)
    table = w.statement_table
    notes = [
        (table.item(r, 2).data(Qt.ItemDataRole.UserRole), table.item(r, 8).text())
        for r in range(table.rowCount())
    ]
    rows = dict(notes)
    transfer, fee = rows["card_transfer"], rows["card_fee_replace"]
    if language == "zh_CN":
        assert fee == "¥10.00 现金支付"
        assert transfer.startswith("卡 ") and "储值" in transfer and "积分" in transfer
        assert "期初余额" in [note for _, note in notes]  # the seed's opening balance
        for _, note in notes:
            assert ENGLISH.findall(note) == [], note
        assert table.item(table.rowCount() - 1, 2).text() == "工本费（补卡）"
    else:
        assert fee == "¥10.00 paid by cash"
        assert "stored value" in transfer and "points in" in transfer
    table.setColumnWidth(8, 900)
    _shot(w, f"statement-notes-{language}")
