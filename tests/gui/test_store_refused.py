"""At start the login names what is wrong with the store, in the cashier's words: a
configured store that is missing is never replaced by a demo, a damaged or newer one is
refused with what to do."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from pos_member.settings import Settings
from tests.gui.conftest import DemoStore

pytestmark = pytest.mark.gui


def _missing(path: Path) -> None:
    path.unlink()


def _empty(path: Path) -> None:
    path.write_bytes(b"")


def _random(path: Path) -> None:
    path.write_bytes(os.urandom(65536))


def _newer(path: Path) -> None:
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    conn.close()


CASES: dict[str, tuple[Callable[[Path], None], str]] = {
    "missing": (_missing, "is missing. Restore it from the backup, or enrol this till again."),
    "empty": (_empty, "is empty (0 bytes)"),
    "not a database": (_random, "is not a pos-member database"),
    "newer schema": (_newer, "newer version of pos-member. Update the app"),
}


@pytest.mark.parametrize("case", list(CASES))
def test_the_login_says_what_is_wrong_with_the_store(
    qtbot: Any, english: None, demo: DemoStore, case: str
) -> None:
    from ui.app import CashierApp
    from ui.settings import UiSettings

    damage, words = CASES[case]
    damage(demo.path)
    size = demo.path.stat().st_size if demo.path.exists() else None
    ui = UiSettings(language="en", pcsc=False, simulated_reader=False, customer_display=False)
    cashier = CashierApp(Settings(db_path=demo.path), ui, start_drivers=False)
    cashier.start()
    try:
        qtbot.waitUntil(lambda: words in cashier.login_dialog.message.text(), timeout=30_000)
        shown = cashier.login_dialog.message.text()
        assert str(demo.path) in shown and "unexpected" not in shown
        assert cashier.backend is None
        # Nothing was created or migrated in its place.
        assert (demo.path.stat().st_size if demo.path.exists() else None) == size
    finally:
        cashier.login_dialog.close()
        cashier.shutdown()


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_during_the_day_a_database_failure_names_its_cause(qapp: Any, language: str) -> None:
    """An error from a plain reader (no path at hand) still says what is wrong, translated."""
    from ui.errors import user_message
    from ui.i18n import install_translations

    assert install_translations(qapp, language)
    try:
        locked = user_message(sqlite3.OperationalError("database is locked"))
        full = user_message(sqlite3.OperationalError("database or disk is full"))
        bug = user_message(KeyError("x"))
    finally:
        install_translations(qapp, "en")
    if language == "zh_CN":
        assert locked.startswith("数据库 （本收银机所用） 被其他程序锁定")
        assert "磁盘已满" in full
    else:
        assert locked.startswith("The database in use by this till is locked by another program")
        assert "is full" in full
    assert "unexpected" in bug or "意外" in bug  # a bug stays the calm generic sentence


def test_the_status_bar_warns_before_the_disk_is_full(backend: Any) -> None:
    from pos_member.sync.client import SyncState

    state = SyncState(enrolled=True, online=True)
    assert backend.sync_view(state).disk == ""
    backend.ctx.settings = backend.ctx.settings.model_copy(
        update={"disk_warn_free_mb": 10**9}  # more than any disk has free
    )
    warned = backend.sync_view(state).disk
    assert "Free space soon" in warned and str(backend.ctx.store.path) in warned
