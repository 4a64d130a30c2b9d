"""``pos-member-headoffice create-admin`` makes the first console account, and ``serve``
prints the console's address (real processes, a SQLite head office)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from sqlalchemy import create_engine, text

from pos_member.headoffice.testing import free_port

ROOT = Path(__file__).resolve().parents[3]


def _cli(*args: str, password: str = "first admin 2026") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "POS_MEMBER_HQ_NEW_PASSWORD": password}
    return subprocess.run(
        [sys.executable, "-m", "pos_member.headoffice.cli", *args],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip


def test_create_admin_makes_an_account_and_refuses_a_weak_password(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'hq.db'}"
    done = _cli("create-admin", "--db", db, "alice", "--name", "Alice Wang")
    assert done.returncode == 0, done.stderr
    assert "alice" in done.stderr and "/console/" in done.stderr
    engine = create_engine(db)
    with engine.connect() as conn:
        row = conn.execute(text("SELECT role, password_hash FROM console_accounts")).one()
    engine.dispose()
    assert row.role == "admin" and row.password_hash.startswith("$argon2id$")
    weak = _cli("create-admin", "--db", db, "bob", password="123")
    assert weak.returncode == 2 and "error" in weak.stderr
    again = _cli("create-admin", "--db", db, "alice")
    assert again.returncode == 2 and "exists" in again.stderr


def test_serve_prints_the_consoles_address(tmp_path: Path) -> None:
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "pos_member.headoffice.cli", "serve", "--db",
         f"sqlite:///{tmp_path / 'hq.db'}", "--port", str(port)],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
    )  # fmt: skip
    try:
        assert proc.stdout is not None
        first = proc.stdout.readline()
    finally:
        proc.terminate()
        proc.wait(20)
        if proc.stdout is not None:
            proc.stdout.close()
    assert f"http://127.0.0.1:{port}/console/" in first
