"""`pos-member` with no configuration at all: a fresh data directory.

Runs the real entry point (``pos_member_cli.main.main``) in a child process whose
data and config folders are empty. With ``--demo`` (what ``make run`` calls) it
seeds the demo store, lets it run until the login is on screen and the demo store
is open, then quits it; without, the first-run dialog asks which till this is.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = [pytest.mark.gui, pytest.mark.slow]

CHILD = """
import sys
from pathlib import Path
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel

app = QApplication(sys.argv[:1])
seen = {}
log = Path(sys.argv[1])

def poll():
    for w in QApplication.topLevelWidgets():
        if w.objectName() == "loginDialog" and w.isVisible():
            seen["login"] = w.windowTitle()
            hint = w.findChild(QLabel, "loginDemoHint")
            seen["hint"] = hint.text() if hint is not None and hint.isVisible() else ""
    opened = log.exists() and "opened its database" in log.read_text(encoding="utf-8")
    if "login" in seen and opened and seen.get("hint"):
        app.quit()
        return
    QTimer.singleShot(50, poll)

QTimer.singleShot(0, poll)
QTimer.singleShot(90_000, app.quit)
from pos_member_cli.main import main
code = main(["--demo"])  # what `make run` runs
print("LOGIN", seen.get("login", ""), flush=True)
print("HINT", seen.get("hint", ""), flush=True)
sys.exit(code)
"""


def test_pos_member_starts_on_an_empty_machine(tmp_path: Path) -> None:
    root = Path(__file__).resolve().parents[2]
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "HOME": str(tmp_path),
        "POS_MEMBER_PCSC": "false",
    }
    env.pop("POS_MEMBER_DB_PATH", None)
    log = tmp_path / "data" / "pos-member" / "logs" / "cashier.log"
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(log)],
        capture_output=True, text=True, cwd=root, env=env, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    assert "LOGIN 员工登录" in done.stdout  # the login, in the default language (zh_CN)
    # a newcomer is told how to log in to the demo store, in Chinese
    assert "HINT 演示门店 — 收银员 1001，密码 1111" in done.stdout
    db = tmp_path / "data" / "pos-member" / "terminal.db"
    assert db.exists()
    conn = sqlite3.connect(db)
    try:
        members = conn.execute("SELECT count(*) FROM members").fetchone()[0]
        staff = conn.execute("SELECT count(*) FROM staff").fetchone()[0]
    finally:
        conn.close()
    assert members > 0 and staff > 0
    assert "first run: seeding a demo store" in log.read_text(encoding="utf-8")


FIRST_RUN_CHILD = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

app = QApplication(sys.argv[:1])
seen = {}

def poll():
    for w in QApplication.topLevelWidgets():
        if w.objectName() == "firstRunDialog" and w.isVisible():
            seen["title"] = w.windowTitle()
            w.reject()  # Quit: nothing is saved, the app exits
            return
    QTimer.singleShot(50, poll)

QTimer.singleShot(0, poll)
QTimer.singleShot(60_000, app.quit)
from pos_member_cli.main import main
code = main([])
print("FIRST RUN", seen.get("title", ""), flush=True)
sys.exit(code)
"""


def test_an_installed_app_with_no_configuration_asks_which_till_this_is(tmp_path: Path) -> None:
    root = Path(__file__).resolve().parents[2]
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "HOME": str(tmp_path),
        "POS_MEMBER_PCSC": "false",
    }
    for name in ("POS_MEMBER_DB_PATH", "POS_MEMBER_CONFIG"):
        env.pop(name, None)
    done = subprocess.run(
        [sys.executable, "-c", FIRST_RUN_CHILD],
        capture_output=True, text=True, cwd=root, env=env, timeout=90, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    assert "FIRST RUN 设置本收银机" in done.stdout
    # Quitting saved nothing: no config, no store; the next start asks again.
    assert not (tmp_path / "config" / "pos-member").exists()
    assert not (tmp_path / "data" / "pos-member" / "terminal.db").exists()
