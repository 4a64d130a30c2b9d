"""Manager mode speaks the counter's language: its .ts match the code, zh_CN is complete."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from typing import Any

import pytest

from ui.manager import i18n

pytestmark = pytest.mark.gui

PLACEHOLDER = re.compile(r"\{[a-z_]*\}")


def messages(language: str) -> dict[tuple[str, str], tuple[str | None, str | None]]:
    root = ET.parse(i18n.ts_path(language)).getroot()
    out = {}
    for ctx in root.iter("context"):
        name = ctx.findtext("name") or ""
        for msg in ctx.iter("message"):
            tr = msg.find("translation")
            assert tr is not None
            out[(name, msg.findtext("source") or "")] = (tr.text, tr.get("type"))
    return out


@pytest.mark.parametrize("language", i18n.LANGUAGES)
def test_ts_files_hold_every_string_of_manager_mode(language: str) -> None:
    wanted = {(ctx, src) for ctx, srcs in i18n.extracted().items() for src in srcs}
    assert wanted - set(messages(language)) == set(), "run `python -m ui.manager.i18n`"


def test_chinese_is_complete_and_keeps_every_placeholder() -> None:
    for (ctx, src), (text, kind) in messages("zh_CN").items():
        assert text and kind != "unfinished", f"{ctx}: {src!r} untranslated"
        assert sorted(PLACEHOLDER.findall(src)) == sorted(PLACEHOLDER.findall(text)), src


@pytest.fixture
def chinese(qapp: Any) -> Iterator[None]:
    from ui.i18n import install_translations

    assert install_translations(qapp, "zh_CN")
    assert i18n.install(qapp, "zh_CN"), "run `make translations`"
    yield
    install_translations(qapp, "en")
    i18n.install(qapp, "en")


def test_manager_window_in_chinese(
    qtbot: Any, chinese: None, mbackend: Any, runner: Any, manager: Any, demo: Any
) -> None:
    from PySide6.QtCore import Qt

    from tests.gui.helpers import type_into, wait_idle
    from ui.manager.window import ManagerWindow

    w = ManagerWindow(mbackend, runner, manager)
    qtbot.addWidget(w)
    w.show()
    assert w.buttons["replace_card"].text() == "F6\n补卡"
    assert w.member_table.horizontalHeaderItem(1).text() == "姓名"
    type_into(qtbot, w.search_input, demo.members[0]["phone"])
    wait_idle(qtbot, runner)
    assert w.message_label.text() == "找到 1 位会员。"
    reasons = {w.statement_table.item(r, 2).text() for r in range(w.statement_table.rowCount())}
    assert "充值" in reasons
    qtbot.keyClick(w, Qt.Key.Key_F3)
    qtbot.waitUntil(lambda: w.child is not None)
    # Text set in the card dialogs' shared base class is translated too.
    assert w.child.card_label.text().startswith("请在读卡器上刷一张未发放的 IC 卡")
