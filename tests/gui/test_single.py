"""One cashier app per till database: a second copy brings the first to the front and
exits; two processes never sell from one database file (real local socket, real
file lock, a second real process)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from ui.single import DatabaseClaim, SingleInstance, StoreInUse


def test_a_second_copy_asks_the_first_to_come_to_the_front(qtbot: Any, tmp_path: Path) -> None:
    db = tmp_path / "terminal.db"
    first = SingleInstance(db)
    assert first.first()
    try:
        with qtbot.waitSignal(first.activated, timeout=5000):
            second = SingleInstance(db)
            assert not second.first()
        other = SingleInstance(tmp_path / "other.db")
        assert other.first(), "another till's database is another app"
        other.close()
    finally:
        first.close()


def test_a_copy_that_crashed_leaves_no_socket_that_blocks_the_next(
    qapp: Any, tmp_path: Path
) -> None:
    db = tmp_path / "terminal.db"
    crashed = SingleInstance(db)
    assert crashed.first()
    crashed.close()  # as if its process died: nobody listens now
    again = SingleInstance(db)
    assert again.first()
    again.close()


def test_two_processes_never_hold_one_database(tmp_path: Path) -> None:
    db = tmp_path / "terminal.db"
    claim = DatabaseClaim(db)
    claim.take()
    try:
        other = subprocess.run(
            [sys.executable, "-c",
             "import sys; from ui.single import DatabaseClaim, StoreInUse\n"
             "try:\n    DatabaseClaim(sys.argv[1]).take()\nexcept StoreInUse as e:\n"
             "    print(e.message); sys.exit(3)\n", str(db)],
            check=False, capture_output=True, text=True, timeout=60,
        )  # fmt: skip
        assert other.returncode == 3, other.stderr
        assert "already in use by another copy" in other.stdout
        assert str(db) in other.stdout
        with pytest.raises(StoreInUse):
            DatabaseClaim(db).take()  # in this process too: the lock is per open file
    finally:
        claim.release()
    after = DatabaseClaim(db)
    after.take()  # released with its owner
    after.release()
