"""The core's words reach the screen in the cashier's language: phrases, notes, refusals.

The core speaks English and hands the UI fixed phrases with their values
(``pos_member.domain.text``); ``ui.i18n_update.core_words`` reads them from the
source. These tests check that every such phrase has Chinese in the shipped
.ts, that the scan refuses a phrase built at run time, and that real errors
of the core, drivers and printers render without an English word in zh_CN
and as the core wrote them in English.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from tests.gui.test_i18n import PLACEHOLDER, messages
from ui.i18n_update import core_words

pytestmark = pytest.mark.gui

# A word of two ASCII letters or more: what a Chinese cashier must not be given.
ENGLISH = re.compile(r"[A-Za-z]{2,}")
SHOTS = Path(__file__).resolve().parents[2] / "build" / "screenshots" / "core-words"


def english_words(text: str) -> list[str]:
    return ENGLISH.findall(text)


@pytest.fixture(scope="module")
def words() -> Any:
    return core_words()


def test_the_scan_finds_the_cores_phrases(words: Any) -> None:
    # One of each kind: a raise's literal, a phrase(...) table, a Text template, a driver's.
    for text in (
        "a name has no digits",  # ValidationError(problem=...) in services/members.py
        "at most {n} characters",
        "Manual adjustment",  # auth.ACTION_NAMES
        "supervisor",  # a role in NotAllowed
        "cash",  # tender_name
        "{amount} paid by {tender}",  # a statement note
        "confirmed balance from head office",  # a note sync writes
        "the sector's MAC does not match its content",  # drivers/secure_card.py
        "connection refused",  # a printer's detail
    ):
        assert text in words.texts, text


def test_no_phrase_is_built_at_run_time(words: Any) -> None:
    assert words.problems == []


def test_every_core_phrase_has_chinese_in_the_shipped_ts(words: Any) -> None:
    zh = messages("zh_CN")
    missing = [t for t in words.texts if ("Errors", t) not in zh]
    assert missing == [], "run `make translations-update` (Chinese in ui/i18n_zh.py)"
    for text in words.texts:
        translated, kind = zh[("Errors", text)]
        assert translated and kind != "unfinished", f"{text!r} ({words.where[text]}) untranslated"
        assert sorted(PLACEHOLDER.findall(text)) == sorted(PLACEHOLDER.findall(translated)), text
        if re.search(r"[A-Za-z]{3}", PLACEHOLDER.sub("", text)):
            assert re.search(r"[\u4e00-\u9fff]", translated), f"{text!r} -> {translated!r}"


def test_the_scan_refuses_text_put_together_at_run_time(tmp_path: Path) -> None:
    src = tmp_path / "module.py"
    src.write_text(
        "from pos_member.domain.text import Text, phrase\n"
        "from pos_member.receipts.layout import Text as Block\n"
        "def f(x, n):\n"
        '    raise ValidationError(field="colour", problem=f"{x} is not a colour")\n'
        "def g(n):\n"
        '    raise ValidationError(field="size", problem="at most {n} " + "cm")\n'
        "def h(n):\n"
        '    raise ValidationError(field="size", problem="at most {n} cm")\n'
        "def i(n):\n"
        '    raise ValidationError(field="size", problem="at most {n} cm", n=n)\n'
        'NAMES = {"a": phrase("first thing"), "b": phrase("second thing")}\n'
        'NOTE = Text("{a} and {b}", a=1)\n'
        'DATA = ValidationError(field=name, problem="gone" if x else "late")\n'
        'RECEIPT = Block("not ours")\n',
        encoding="utf-8",
    )
    found = core_words([src], {"ValidationError": {"field", "problem"}})
    assert found.texts == [
        "colour",
        "size",
        "at most {n} cm",
        "first thing",
        "second thing",
        "{a} and {b}",
        "gone",
        "late",
    ]
    assert len(found.problems) == 4
    assert "module.py:4" in found.problems[0] and "built at run time" in found.problems[0]
    assert "module.py:6" in found.problems[1]
    assert "module.py:8" in found.problems[2] and "needs n" in found.problems[2]
    assert "module.py:12" in found.problems[3] and "needs b" in found.problems[3]


# --- real errors, both languages ---------------------------------------------------------


def _problems() -> list[Any]:
    """Errors and texts the core, drivers and printers really make, by their real code paths."""
    from drivers.base import Refusal
    from drivers.classify import Classifier
    from drivers.errors import DeviceBusy, IssuanceFailed, refusal_error
    from drivers.secure_card import CardSecrets, SectorRefused, decode_sector
    from pos_member.domain.cards import CardNumberRule, CardState, card_transition, normalise_phone
    from pos_member.domain.errors import HeadOfficeUnreachable, PrinterNotFound, UserFacingError
    from pos_member.domain.money import Money
    from pos_member.domain.text import Text
    from pos_member.services import auth, members
    from pos_member.services.context import Role, StaffSession

    out: list[Any] = []

    def caught(fn: Any, *args: Any) -> None:
        try:
            fn(*args)
        except UserFacingError as exc:
            out.append(exc)
        else:
            raise AssertionError(f"{fn.__name__}{args} raised nothing")

    caught(members.clean_name, "王小明2")
    caught(members.clean_name, "王" * 65)
    caught(members.clean_name, "  ")
    caught(members.check_birthday, date(2999, 1, 1), date(2026, 11, 23))
    caught(members.check_birthday, date(1800, 1, 1), date(2026, 11, 23))
    caught(members.check_gender, "x")
    caught(normalise_phone, "1380013")
    caught(CardNumberRule().validate, "12345")
    caught(CardNumberRule().validate, "8800000000000014")
    caught(card_transition, CardState.LOST, "issue")
    caught(card_transition, CardState.REPLACED, "replace")
    cashier = StaffSession("1001", "张三", Role.CASHIER)
    caught(auth.require, cashier, "manual_adjustment", None)
    caught(auth.require, cashier, "refund", None)
    caught(auth.check_pin_format, "12")
    out.append(PrinterNotFound(printer="前台", detail="connection refused"))
    out.append(PrinterNotFound(printer="前台", detail="No route to host"))
    out.append(DeviceBusy(detail="no answer within {seconds} s", seconds="15"))
    # sync.client: the HTTP client's exception name, or a 5xx status
    out.append(HeadOfficeUnreachable(detail="ConnectTimeout"))
    out.append(HeadOfficeUnreachable(detail="HTTP {status}", status=503))
    secrets = CardSecrets(b"0123456789abcdef0123456789abcdef")
    for blocks in (
        (bytes(16), bytes(16), bytes(16)),
        (b"PM\x09\x10" + bytes(12), bytes(16), bytes(16)),
    ):
        try:
            decode_sector(secrets, b"\x01\x02\x03\x04", blocks)
        except SectorRefused as exc:
            out.append(refusal_error(exc.reason, exc.detail))
            out.append(IssuanceFailed(detail=exc.detail))
    out.append(refusal_error(Refusal.UNSUPPORTED, "secure mode needs Mifare Classic 1K"))
    classify = Classifier().classify
    for scan in ("", "12345", "12345678901", "4006381333939", "8800000000000014", "99999999999"):
        c = classify(scan)
        assert c.rejected and c.problem is not None, scan
        out.append(c.problem)
    out.append(Text("{amount} paid by {tender}", amount=Money(500), tender=Text("cash")))
    out.append(members._stored_note("confirmed balance from head office"))
    return out


@pytest.fixture
def chinese(qapp: Any) -> Iterator[None]:
    from ui.i18n import install_translations

    assert install_translations(qapp, "zh_CN")
    yield
    install_translations(qapp, "en")


def test_the_cores_errors_and_notes_have_no_english_word_in_chinese(chinese: None) -> None:
    from ui.errors import core_text

    shown = {str(p): core_text(p) for p in _problems()}
    english = {en: zh for en, zh in shown.items() if english_words(zh)}
    assert english == {}
    assert all(re.search(r"[\u4e00-\u9fff]", zh) for zh in shown.values()), shown
    # Data stays as it is: the member's typed phone, the amount, the masked refusal.
    assert (
        shown["phone: '1380013' is not a mobile number"] == "手机号：“1380013” 不是有效的手机号码"
    )
    assert shown["¥5.00 paid by cash"] == "¥5.00 现金支付"
    assert shown["Manual adjustment needs a supervisor's approval."] == "手工调整余额需要主管授权。"


def test_in_english_the_screen_shows_what_the_core_wrote(qapp: Any, english: None) -> None:
    from ui.errors import core_text

    for p in _problems():
        assert core_text(p) == str(p)
        assert english_words(core_text(p)) or not str(p)


# --- the cashier's screen ----------------------------------------------------------------

SCANS = {
    # typed or scanned: Chinese, English
    "12345": (
        "本机不认识长度为 5 位的编码：请重新扫描商品，或输入商品编码、会员卡号或 11 位手机号。",
        (
            "5 digits is not the length of any code this till knows: scan the item again,"
            " or type its product code, the member's card number or an 11-digit phone number."
        ),
    ),
    "12345678901": (
        "12345678901 不是手机号码（手机号为 11 位，以 13 至 19 开头）。",
        "12345678901 is not a mobile number (11 digits starting 13-19).",
    ),
    "4006381333939": (  # the catalogue's own check
        "号码 4006381333939 校验位错误：请重新扫描或仔细输入。",
        "The number 4006381333939 has a wrong check digit: scan again or type it carefully.",
    ),
}


@pytest.fixture(params=["zh_CN", "en"])
def language(request: pytest.FixtureRequest, qapp: Any) -> Iterator[str]:
    from ui.i18n import install_translations

    assert install_translations(qapp, str(request.param))
    yield str(request.param)
    install_translations(qapp, "en")


def test_the_cashier_reads_refused_scans_cards_readers_and_printers_in_their_language(
    qtbot: Any,
    language: str,
    backend: Any,
    runner: Any,
    cashier: Any,
    demo: Any,
    printer: Any,
) -> None:
    from drivers.base import Refusal
    from drivers.errors import DeviceBusy
    from drivers.pcsc import PcscReaderDriver, _as_error
    from drivers.secure_card import CardSecrets, SectorRefused, decode_sector
    from pos_member.domain.cards import CardKind
    from pos_member.domain.errors import PrinterNotFound
    from tests.gui.helpers import type_into, wait_idle
    from tests.gui.test_printing import sell
    from ui.bridge import ReaderBridge
    from ui.main_window import CashierWindow

    zh = language == "zh_CN"
    w = CashierWindow(backend, runner, ReaderBridge(), cashier)
    qtbot.addWidget(w)
    w.resize(1366, 768)
    w.show()
    qtbot.waitExposed(w)

    for scan, (in_chinese, in_english) in SCANS.items():
        type_into(qtbot, w.scan_input, scan)
        wait_idle(qtbot, runner)
        assert w.message_label.text() == (in_chinese if zh else in_english)
    SHOTS.mkdir(parents=True, exist_ok=True)
    assert w.grab().save(str(SHOTS / f"cashier-scan-{language}.png"))

    # A copied card: the secure sector's MAC does not match (the real check and refusal).
    secrets = CardSecrets(b"0123456789abcdef0123456789abcdef")
    try:
        decode_sector(
            secrets, b"\x04\xa1\xb2\xc3", (b"PM\x01\x10" + bytes(12), bytes(16), bytes(16))
        )
    except SectorRefused as exc:
        refused = exc
    assert refused.reason is Refusal.TAMPERED
    read = PcscReaderDriver._refused(
        "r0", CardKind.MIFARE, "04A1B2C3", refused.reason, refused.detail
    )
    w.identify_card(read)
    card_text = w.message_label.text()
    # A reader that did not answer in time.
    w.sale_flow.on_reader_error(
        _as_error(None, DeviceBusy(detail="no answer within {seconds} s", seconds="15"))
    )
    reader_text = w.message_label.text()
    # The printer cannot be reached: the sale is kept, the message says why.
    printer.fail_next.append(PrinterNotFound(printer=printer.name, detail="connection refused"))
    receipt = sell(qtbot, w, demo.products[0]["barcode"])
    qtbot.waitUntil(lambda: w.status.printer.property("failed") is True, timeout=5000)
    assert receipt in w.message_label.text()
    printer_text = w.message_label.text()
    if zh:
        assert card_text == "卡内数据被篡改（扇区校验码与内容不符）：拒绝使用。请联系店长。"
        assert reader_text == "读卡器未能及时完成：15 秒内无响应。"
        assert printer_text.startswith(
            f"无法连接打印机 {printer.name}：连接被拒绝。请检查线缆、电源或地址。"
        )
        for text in (card_text, reader_text):
            assert english_words(text) == []
    else:
        assert card_text == (
            "The data on this card has been altered (the sector's MAC does not match its "
            "content): the card is refused. Call the manager."
        )
        assert reader_text == "The reader did not finish in time: no answer within 15 s."
        assert printer_text.startswith(f"Printer {printer.name} cannot be reached: connection")
    SHOTS.mkdir(parents=True, exist_ok=True)
    assert w.grab().save(str(SHOTS / f"cashier-printer-{language}.png"))
    # The sync state's tooltip: this demo till was never enrolled.
    qtbot.waitUntil(lambda: w.status.online.toolTip() != "", timeout=5000)
    assert w.status.online.toolTip().startswith(
        "本终端尚未在总部注册" if zh else "This terminal is not enrolled with head office yet"
    )


def test_the_sync_tooltip_says_why_head_office_failed_in_the_cashiers_language(
    language: str, backend: Any
) -> None:
    """A failed round keeps the error itself, so the tooltip is translated, not English."""
    from pos_member.domain.errors import HeadOfficeUnreachable
    from pos_member.sync.client import SyncState

    down = HeadOfficeUnreachable(detail="connection refused")
    view = backend.sync_view(SyncState(enrolled=True, online=False, error=down,
                                       last_error=down.message))  # fmt: skip
    if language == "zh_CN":
        assert view.detail.startswith("无法连接总部") and english_words(view.detail) == []
    else:
        assert view.detail == down.message
    # A bug in a round (no error object) is not shown raw: one calm sentence instead.
    bug = backend.sync_view(SyncState(enrolled=True, last_error="internal error: KeyError('x')"))
    assert "KeyError" not in bug.detail and bug.detail


def test_head_office_refusals_a_till_meets_read_in_the_cashiers_language(language: str) -> None:
    from pos_member.domain.errors import SyncRefused
    from pos_member.sync.client import HQ_REASONS
    from ui.errors import user_message

    for reason, detail in HQ_REASONS.items():
        shown = user_message(SyncRefused(status=401, reason=reason, detail=detail))
        if language == "zh_CN":
            assert shown.startswith("总部拒绝了数据")
            # Only head office's code stays ASCII; its explanation is Chinese.
            assert english_words(shown.replace(reason, "")) == [], shown
        else:
            assert shown.endswith(detail)


def test_the_status_bar_says_the_pcs_clock_is_off_in_the_cashiers_language(
    language: str, backend: Any
) -> None:
    """The same backend call as the sync state: the skew in words, or nothing."""
    from datetime import UTC, datetime, timedelta

    from pos_member.services.clock import GuardedClock
    from pos_member.sync.client import SyncState

    state = SyncState(enrolled=True, online=True)
    assert backend.sync_view(state).clock == ""  # no head-office time known: nothing to say
    guard = GuardedClock(lambda: datetime.now(UTC) + timedelta(days=1, hours=2), max_skew_s=300)
    guard.observe(datetime.now(UTC))
    backend.ctx.clock = guard
    shown = backend.sync_view(state).clock
    if language == "zh_CN":
        assert shown.startswith("电脑时钟比总部快 1 天 2 小时") and english_words(shown) == []
    else:
        assert shown.startswith("The PC's clock is 1 d 2 h 0 min ahead of head office's")
