"""The first-run dialog, by keyboard, on real widgets: each choice, and refusals that save nothing.

Enrolment runs against a real head office (its FastAPI app on uvicorn on
loopback, on an SQLite file) with codes it issued; the till's store is a real
SQLite file. Nothing is faked but the screen (offscreen Qt).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from pos_member import first_run as fr
from pos_member.headoffice.app import create_app
from pos_member.headoffice.auth import new_enrol_code
from pos_member.headoffice.db import open_database
from pos_member.headoffice.seed import seed_demo
from pos_member.headoffice.settings import HQSettings
from pos_member.headoffice.testing import ServerThread, free_port
from pos_member.settings import SyncSettings
from pos_member.store import state
from ui.first_run import FirstRunDialog

pytestmark = pytest.mark.gui


@dataclass
class HQ:
    url: str
    engine: Any

    def code(self, terminal: str, store: str = "S001") -> str:
        with self.engine.begin() as conn:
            return new_enrol_code(conn, store, 1, terminal)


@pytest.fixture(scope="module")
def hq(tmp_path_factory: pytest.TempPathFactory) -> Iterator[HQ]:
    db_url = f"sqlite:///{tmp_path_factory.mktemp('hq') / 'hq.db'}"
    engine = open_database(db_url)
    seed_demo(engine, members=5, products=5)
    server = ServerThread(create_app(HQSettings(db_url=db_url, admin_token="t"), engine))
    server.start()
    try:
        yield HQ(server.url, engine)
    finally:
        server.stop()
        engine.dispose()


@pytest.fixture
def dialog(qtbot: Any, runner: Any, tmp_path: Path) -> FirstRunDialog:
    dlg = FirstRunDialog(
        runner,
        tmp_path / "config" / "pos-member.env",
        tmp_path / "data",
        sync=SyncSettings(timeout_s=3),
    )
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.waitExposed(dlg)
    return dlg


def _choose(qtbot: Any, dlg: FirstRunDialog, key: Qt.Key) -> None:
    """Alt+1, Alt+2, Alt+3, pressed where the keyboard is."""
    qtbot.keyClick(dlg.focusWidget() or dlg, key, Qt.KeyboardModifier.AltModifier)


def _type(qtbot: Any, field: Any, text: str) -> None:
    field.setFocus()
    field.selectAll()
    if text.isascii():
        qtbot.keyClicks(field, text)
    else:  # QTest types Latin-1 only: Chinese comes from the input method, committed whole
        field.insert(text)


def _start_and_wait(qtbot: Any, dlg: FirstRunDialog) -> None:
    """Enter, then wait until the lane answered (saved and closed, or a message shown)."""
    qtbot.keyClick(dlg.focusWidget() or dlg, Qt.Key.Key_Return)
    assert dlg.busy  # the work runs on the database lane, the Start button disabled
    qtbot.waitUntil(lambda: not dlg.busy, timeout=15_000)


def _manager(qtbot: Any, fields: Any, pin: str = "135790", repeat: str | None = None) -> None:
    _type(qtbot, fields.staff, "3001")
    _type(qtbot, fields.name, "王店长")
    _type(qtbot, fields.pin, pin)
    _type(qtbot, fields.repeat, pin if repeat is None else repeat)


def _nothing_saved(dlg: FirstRunDialog) -> None:
    assert not dlg.config.exists()
    assert not (dlg.folder / fr.TILL_DB).exists()
    assert dlg.outcome is None and dlg.isVisible()


def test_the_demo_store_is_the_default_choice_and_enter_keeps_it(
    qtbot: Any, dialog: FirstRunDialog
) -> None:
    assert dialog.demo_choice.isChecked() and dialog.pages.currentIndex() == 0
    _start_and_wait(qtbot, dialog)
    assert dialog.outcome is not None and dialog.outcome.mode is fr.Mode.DEMO
    assert fr.read_config(dialog.config) == {fr.MODE_KEY: "demo"}
    assert not fr.needs_first_run({fr.CONFIG_ENV: str(dialog.config)})  # asked once


def test_a_single_store_gets_its_own_database_and_manager_who_can_log_in(
    qtbot: Any, dialog: FirstRunDialog
) -> None:
    _choose(qtbot, dialog, Qt.Key.Key_2)
    assert dialog.single_choice.isChecked() and dialog.pages.currentIndex() == 1
    _type(qtbot, dialog.store_id, "S007")
    _type(qtbot, dialog.single_terminal, "t02")
    _manager(qtbot, dialog.single_manager)
    _start_and_wait(qtbot, dialog)
    assert dialog.outcome is not None, dialog.message.text()
    values = fr.read_config(dialog.config)
    db = dialog.folder / fr.TILL_DB
    assert values == {
        fr.MODE_KEY: "single",
        "POS_MEMBER_DB_PATH": str(db),
        "POS_MEMBER_STORE_ID": "S007",
        "POS_MEMBER_TERMINAL_ID": "T02",
    }
    from pos_member.config import Config
    from pos_member.services import auth
    from pos_member.services.context import Context, Role
    from pos_member.store.db import Store

    config = Config.read(env_file=dialog.config)  # what the app reads next
    assert config.terminal.db_path == db and config.terminal.store_id == "S007"
    store = Store.open(db, create=False)
    try:
        session = auth.login(Context(store=store, settings=config.terminal), "3001", "135790")
    finally:
        store.close()
    assert session.role is Role.MANAGER and session.name == "王店长"


def test_two_pins_that_differ_are_refused_and_nothing_is_saved(
    qtbot: Any, dialog: FirstRunDialog
) -> None:
    _choose(qtbot, dialog, Qt.Key.Key_2)
    _manager(qtbot, dialog.single_manager, "135790", "135791")
    _start_and_wait(qtbot, dialog)
    assert "The two PINs differ" in dialog.message.text()
    assert dialog.single_manager.pin.text() == ""  # typed again, twice
    _nothing_saved(dialog)


def test_a_scanned_qr_code_enrols_the_till_with_head_office(
    qtbot: Any, dialog: FirstRunDialog, hq: HQ
) -> None:
    code = hq.code("T31")
    _choose(qtbot, dialog, Qt.Key.Key_3)
    assert dialog.pages.currentIndex() == 2
    # What head office's Terminals page encodes in its QR code, typed by the scanner + Enter.
    _type(qtbot, dialog.scan, json.dumps({"headoffice": hq.url, "code": code, "terminal": "T31"}))
    qtbot.keyClick(dialog.scan, Qt.Key.Key_Return)
    assert (dialog.url.text(), dialog.code.text(), dialog.enrol_terminal.text()) == (
        hq.url, code, "T31",
    )  # fmt: skip
    assert dialog.outcome is None  # the scan filled the fields; Enter then starts
    _manager(qtbot, dialog.enrol_manager)
    _start_and_wait(qtbot, dialog)
    assert dialog.outcome is not None, dialog.message.text()
    values = fr.read_config(dialog.config)
    assert values[fr.MODE_KEY] == "enrolled"
    assert values["POS_MEMBER_STORE_ID"] == "S001" and values["POS_MEMBER_TERMINAL_ID"] == "T31"
    conn = sqlite3.connect(values["POS_MEMBER_DB_PATH"])
    try:
        kept = dict(conn.execute("SELECT key, value FROM terminal_state").fetchall())
        staff = conn.execute("SELECT id, role FROM staff").fetchall()
    finally:
        conn.close()
    assert kept[state.HQ_URL] == hq.url and kept[state.HQ_TERMINAL] == "T31"
    assert staff == [("3001", "manager")]
    with hq.engine.connect() as c:
        from sqlalchemy import text

        assert (
            c.execute(text("SELECT count(*) FROM terminals WHERE key = 'S001-T31'")).scalar() == 1
        )


def test_a_wrong_code_says_what_to_do_and_leaves_the_real_code_usable(
    qtbot: Any, dialog: FirstRunDialog, hq: HQ
) -> None:
    code = hq.code("T32")
    _choose(qtbot, dialog, Qt.Key.Key_3)
    _type(qtbot, dialog.url, hq.url)
    _type(qtbot, dialog.code, "ABCDEFGHJK")
    _type(qtbot, dialog.enrol_terminal, "T32")
    _manager(qtbot, dialog.enrol_manager)
    _start_and_wait(qtbot, dialog)
    text = dialog.message.text()
    assert "refused the code for terminal T32" in text and "ask head office for a new" in text
    _nothing_saved(dialog)
    # The same dialog, the right code: enrolled (the wrong attempt consumed nothing).
    _type(qtbot, dialog.code, code.lower())
    _start_and_wait(qtbot, dialog)
    assert dialog.outcome is not None and dialog.outcome.terminal_id == "T32"


@pytest.mark.parametrize(
    ("url", "said"),
    [
        ("hq.example.com", "is not a head-office address"),
        ("ftp://hq.example.com", "is not a head-office address"),
        (f"http://127.0.0.1:{free_port()}", "Head office does not answer at"),
    ],
)
def test_a_bad_address_says_what_to_do_and_nothing_is_saved(
    qtbot: Any, dialog: FirstRunDialog, url: str, said: str
) -> None:
    _choose(qtbot, dialog, Qt.Key.Key_3)
    _type(qtbot, dialog.url, url)
    _type(qtbot, dialog.code, "ABCDEFGHJK")
    _manager(qtbot, dialog.enrol_manager)
    _start_and_wait(qtbot, dialog)
    assert said in dialog.message.text()
    assert "Check the address" in dialog.message.text() or "Type it as" in dialog.message.text()
    _nothing_saved(dialog)


def test_a_scan_that_is_not_head_offices_code_is_refused(
    qtbot: Any, dialog: FirstRunDialog
) -> None:
    _choose(qtbot, dialog, Qt.Key.Key_3)
    _type(qtbot, dialog.scan, "6901234567892")
    qtbot.keyClick(dialog.scan, Qt.Key.Key_Return)
    assert "not head office's enrolment QR code" in dialog.message.text()
    assert dialog.url.text() == ""
    _nothing_saved(dialog)


def test_esc_quits_without_saving(qtbot: Any, dialog: FirstRunDialog) -> None:
    qtbot.keyClick(dialog.focusWidget() or dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    assert not dialog.config.exists()


def test_it_fits_1024x768_on_every_page_and_speaks_chinese(
    qtbot: Any, dialog: FirstRunDialog, styled: None, qapp: QApplication
) -> None:
    from ui.i18n import install_translations

    for i in range(3):
        dialog.group.button(i).setChecked(True)
        dialog.adjustSize()
        hint = dialog.sizeHint()
        assert hint.width() <= 1024 and hint.height() <= 740, (i, hint)
    install_translations(qapp, "zh_CN")
    try:
        runner = dialog.runner
        zh = FirstRunDialog(runner, dialog.config, dialog.folder)
        qtbot.addWidget(zh)
        assert zh.windowTitle() == "设置本收银机"
        assert "演示门店" in zh.demo_choice.text()
        zh.group.button(1).setChecked(True)
        _manager(qtbot, zh.single_manager, "1357", "2468")
        zh.show()
        zh.submit()
        qtbot.waitUntil(lambda: not zh.busy and zh.message.text() != "", timeout=10_000)
        assert "两次输入的密码不一致" in zh.message.text()
    finally:
        install_translations(qapp, "en")


def test_a_login_typed_while_the_store_still_opens_waits_for_it(
    qtbot: Any, demo: Any, english: None
) -> None:
    """The first start seeds the demo store while the login is on screen: a cashier who
    logs in at once is logged in when the store is open (seen in the bundle, typed by
    xdotool), not told that the database is not open."""
    import threading

    from pos_member.settings import Settings
    from ui.app import CashierApp, open_backend
    from ui.settings import UiSettings

    opening = threading.Event()

    def slow_open() -> Any:
        opening.wait(10)  # the login is submitted first
        return open_backend(Settings(db_path=demo.path), defer_printing=True)

    ui = UiSettings(language="en", pcsc=False, simulated_reader=False, customer_display=False)
    cashier = CashierApp(
        Settings(db_path=demo.path), ui, backend_factory=slow_open, start_drivers=False
    )
    cashier.start()
    try:
        dlg = cashier.login_dialog
        assert dlg is not None
        dlg.staff_input.setText("1001")
        dlg.pin_input.setText("1111")
        dlg.submit()
        opening.set()
        with qtbot.waitSignal(cashier.window_shown, timeout=30_000):
            pass
        assert cashier.window is not None and cashier.window.staff.staff_id == "1001"
    finally:
        if cashier.window is not None:
            cashier.window.close()
        cashier.shutdown()
