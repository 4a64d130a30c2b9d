"""``pos-member offline-room``: the manager sees the room left under the terminal's offline cap."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from pos_member.bootstrap import open_context
from pos_member.seed.demo import seed_demo
from pos_member.settings import Settings
from tests.sync.test_cli_sqlite import run_terminal_cli as _run


def test_the_room_left_under_the_terminal_cap_today(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "till.db"
    seed_demo(db, members=5, products=5, days=0)
    monkeypatch.setenv("POS_MEMBER_TERMINAL_ID", "T07")
    monkeypatch.setenv("POS_MEMBER_STORE_ID", "S001")
    ctx = open_context(Settings(db_path=db))
    today = ctx.today().isoformat()
    ctx.store.close()
    conn = sqlite3.connect(db)
    with conn:  # what the day's sales counted at this till, and a day before
        conn.execute("INSERT INTO offline_spend_terminal VALUES ('T07', ?, 123456)", (today,))
        conn.execute("INSERT INTO offline_spend_terminal VALUES ('T07', '2000-01-01', 99)")
    conn.close()
    assert _run(["offline-room", "--db", str(db)]) == 0
    out = capsys.readouterr().out
    # The demo programme's cap is 5,000.00 per terminal per business day.
    assert f"T07 (S001), business day {today}" in out
    assert "cap ¥5,000.00" in out and "spent ¥1,234.56" in out and "left ¥3,765.44" in out


def test_no_store_says_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _run(["offline-room", "--db", str(tmp_path / "none.db")]) == 2
    assert "missing" in capsys.readouterr().err
