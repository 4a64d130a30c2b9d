"""Every visible string is translated: the .ts files match the code, zh_CN is complete, shown."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from typing import Any

import pytest

from ui.i18n import I18N, install_translations, qm_path
from ui.i18n_update import error_texts, extracted

pytestmark = pytest.mark.gui

PLACEHOLDER = re.compile(r"\{[a-z_]*\}")


def messages(language: str) -> dict[tuple[str, str], tuple[str | None, str | None]]:
    root = ET.parse(I18N / f"pos_member_{language}.ts").getroot()
    out = {}
    for ctx in root.iter("context"):
        name = ctx.findtext("name") or ""
        for msg in ctx.iter("message"):
            tr = msg.find("translation")
            assert tr is not None
            out[(name, msg.findtext("source") or "")] = (tr.text, tr.get("type"))
    return out


@pytest.fixture(scope="module")
def in_code() -> set[tuple[str, str]]:
    wanted = {(ctx, src) for ctx, srcs in extracted().items() for src in srcs}
    return wanted | {("Errors", t) for t in error_texts()}


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_ts_files_hold_every_string_of_the_code(
    language: str, in_code: set[tuple[str, str]]
) -> None:
    assert in_code - set(messages(language)) == set(), (
        "new strings: give them Chinese in resources/i18n/pos_member_zh_CN.ts (Qt Linguist)"
        " or ui/i18n_zh.py, then run `make translations-update`"
    )


def test_chinese_is_complete_and_keeps_every_placeholder() -> None:
    for (ctx, src), (text, kind) in messages("zh_CN").items():
        assert text and kind != "unfinished", f"{ctx}: {src!r} untranslated"
        assert sorted(PLACEHOLDER.findall(src)) == sorted(PLACEHOLDER.findall(text)), src
        words = re.search(r"[A-Za-z]{3}", PLACEHOLDER.sub("", src))
        assert re.search(r"[\u4e00-\u9fff]", text) or not words, src


def test_compiled_translations_exist() -> None:
    for language in ("zh_CN", "en"):
        assert qm_path(language).stat().st_size > 0, "run `make translations`"


@pytest.fixture
def chinese(qapp: Any) -> Iterator[None]:
    assert install_translations(qapp, "zh_CN")
    yield
    install_translations(qapp, "en")


def test_cashier_window_in_chinese(
    qtbot: Any, chinese: None, backend: Any, runner: Any, cashier: Any, demo: Any
) -> None:
    from tests.gui.helpers import type_into, wait_idle
    from ui.bridge import ReaderBridge
    from ui.main_window import CashierWindow

    w = CashierWindow(backend, runner, ReaderBridge(), cashier)
    qtbot.addWidget(w)
    w.show()
    assert w.totals.pay_button.text() == "收款  F12"
    assert w.member_panel.member_name.text() == "非会员"
    assert w.cart_table.horizontalHeaderItem(1).text() == "商品"
    assert w.status.online.text() in ("● 离线", "● 在线", "")
    type_into(qtbot, w.scan_input, "6901234567892")
    wait_idle(qtbot, runner)
    assert w.message_label.text() == "没有编码为 6901234567892 的商品。"
    type_into(qtbot, w.scan_input, demo.member()["card_number"])
    wait_idle(qtbot, runner)
    assert w.message_label.text().startswith("已识别会员")


# ASCII punctuation touching a Chinese character (or a placeholder) in a Chinese
# sentence: "件数:5", "刷卡,或", "(限会员)". Addresses such as tcp://HOST:PORT stay ASCII.
ASCII_IN_CHINESE = re.compile(
    r"[\u4e00-\u9fff}）”] ?[:;,?!(]|[:;,?!)][\u4e00-\u9fff“]|[\u4e00-\u9fff][)]"
)


@pytest.mark.parametrize("app", ["pos_member", "manager"])
def test_chinese_sentences_use_chinese_punctuation(app: str) -> None:
    root = ET.parse(I18N / f"{app}_zh_CN.ts").getroot()
    wrong = [
        text
        for tr in root.iter("translation")
        if (text := tr.text or "") and "://" not in text and ASCII_IN_CHINESE.search(text)
    ]
    assert wrong == [], "use ：，；？！（） in Chinese text:\n" + "\n".join(wrong[:20])
    # The check itself sees what it is for.
    assert ASCII_IN_CHINESE.search("件数:5") and ASCII_IN_CHINESE.search("特惠装(限会员)")
    assert ASCII_IN_CHINESE.search("支付密码 (M)")
    assert not ASCII_IN_CHINESE.search("件数：5，特惠装（限会员）")
