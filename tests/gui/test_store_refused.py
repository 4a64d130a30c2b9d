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
