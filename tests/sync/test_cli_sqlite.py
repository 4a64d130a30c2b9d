"""The embedded demo: head office on a SQLite file, the two CLIs, enrol and sync --once."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text

from pos_member.headoffice import cli as hq_cli
from pos_member.headoffice.app import create_app
from pos_member.headoffice.settings import HQSettings
from pos_member.headoffice.testing import ServerThread
from pos_member.store.db import Store
from pos_member.sync import commands

pytestmark = pytest.mark.integration


def run_terminal_cli(argv: list[str]) -> int:
    import argparse

    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest="command")
    commands.register(sub)
    args = parser.parse_args(argv)
    result: int = args.func(args)
    return result


def test_demo_chain_on_sqlite_with_both_command_lines(tmp_path: Path, capsys) -> None:
    url = f"sqlite:///{tmp_path / 'hq.db'}"
    assert hq_cli.main(["demo-seed", "--db", url, "--members", "40", "--products", "12"]) == 0
    assert "40 members" in capsys.readouterr().out
    assert hq_cli.main(["demo-seed", "--db", url]) == 2  # not twice
    assert "already has data" in capsys.readouterr().err
    assert hq_cli.main(["enrol-terminal", "--db", url, "--store", "S404", "--terminal", "T02"]) == 2
    assert hq_cli.main(["enrol-terminal", "--db", url, "--store", "S002", "--terminal", "T02"]) == 0
    code = capsys.readouterr().out.strip()
    assert len(code) == 10
    server = ServerThread(create_app(HQSettings(db_url=url))).start()
    db = tmp_path / "till.db"
    try:
        # No store yet: sync does not create one (enrol does), and says what to do.
        assert run_terminal_cli(["sync", "--db", str(db), "--once"]) == 2
        assert "is missing" in capsys.readouterr().err and not db.exists()
        argv = ["enrol", "--db", str(db), "--headoffice", server.url, "--code", code]
        assert run_terminal_cli([*argv, "--terminal", "T02"]) == 0
        assert "store S002" in capsys.readouterr().out
        assert run_terminal_cli([*argv, "--terminal", "T03"]) == 1  # one-time code
        assert "unknown or already used" in capsys.readouterr().err
        assert run_terminal_cli(["sync", "--db", str(db), "--once"]) == 0
        out = capsys.readouterr().out
        assert "pulled" in out and "0 events waiting" in out
    finally:
        server.stop()
    store = Store.open(db)
    try:
        with store.reading() as s:
            assert s.connection().execute(text("SELECT count(*) FROM members")).scalar_one() == 40
    finally:
        store.close()
