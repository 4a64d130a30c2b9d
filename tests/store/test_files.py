"""Files said plainly: a store that is missing, empty, not a database, damaged, newer,
read-only, locked or on a full disk is refused with a sentence that names it and says
what to do; paths reach SQLite as paths. Real SQLite files, ``pos-member check-db`` run
as the command it is."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import text

from pos_member.bootstrap import open_terminal
from pos_member.domain.errors import (
    DiskFull,
    DiskNearlyFull,
    StoreCorrupt,
    StoreEmpty,
    StoreLocked,
    StoreMissing,
    StoreMissingWithJournal,
    StoreNewerSchema,
    StoreNotDatabase,
    StoreReadOnly,
)
from pos_member.seed.demo import seed_demo
from pos_member.settings import Settings
from pos_member.store.db import Store
from pos_member.store.files import disk_warning

ROOT = Path(__file__).resolve().parents[2]
RESTORE = "Restore it from the backup, or enrol this till again."


def _make_store(path: Path) -> Path:
    """A small demo store (300 members), checkpointed so that the file holds everything."""
    seed_demo(path, members=300, products=10, days=1, seed=3, today=date(2026, 11, 23))
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    return path


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _make_store(tmp_path_factory.mktemp("files") / "template.db")


@pytest.fixture
def db(tmp_path: Path, template: Path) -> Path:
    path = tmp_path / "till" / "terminal.db"
    path.parent.mkdir()
    shutil.copy(template, path)
    return path


def check_db(path: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    cmd = [sys.executable, "-m", "pos_member_cli.main", "check-db", "--db", str(path)]
    return subprocess.run(cmd, check=False, capture_output=True, text=True, env=env, cwd=ROOT,
                          timeout=120)  # fmt: skip


# --- opening -------------------------------------------------------------------


def test_a_configured_store_that_is_missing_is_refused_and_not_created(tmp_path: Path) -> None:
    path = tmp_path / "till" / "terminal.db"
    with pytest.raises(StoreMissing) as exc:
        open_terminal(Settings(db_path=path), create=False)
    assert str(path) in exc.value.message and RESTORE in exc.value.message
    assert not path.exists()


def test_a_missing_store_with_its_journal_beside_it_is_refused_even_when_creating(
    db: Path,
) -> None:
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA wal_autocheckpoint = 0")
    conn.execute("UPDATE members SET name_masked = 'x' WHERE id = 1")
    conn.commit()
    wal = db.with_name(db.name + "-wal")
    shutil.copy(wal, wal.with_suffix(".keep"))
    conn.close()
    db.unlink()
    shutil.move(wal.with_suffix(".keep"), wal)
    with pytest.raises(StoreMissingWithJournal) as exc:
        Store.open(db)
    assert str(db) in exc.value.message and str(wal) in exc.value.message
    assert not db.exists()


@pytest.mark.parametrize("create", [True, False])
def test_an_empty_file_is_refused_not_migrated(tmp_path: Path, create: bool) -> None:
    path = tmp_path / "terminal.db"
    path.write_bytes(b"")
    with pytest.raises(StoreEmpty) as exc:
        Store.open(path, create=create)
    assert str(path) in exc.value.message and "0 bytes" in exc.value.message
    assert path.stat().st_size == 0


def test_a_file_that_is_not_a_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "terminal.db"
    path.write_bytes(os.urandom(8192))
    with pytest.raises(StoreNotDatabase, match="is not a pos-member database"):
        Store.open(path)


def test_a_truncated_store_is_said_to_be_damaged(db: Path) -> None:
    with db.open("r+b") as f:
        f.truncate(db.stat().st_size // 3)
    with pytest.raises((StoreCorrupt, StoreNotDatabase)) as exc:
        store = Store.open(db)
        with store.reading() as s:
            s.execute(text("SELECT count(*), max(name) FROM members")).all()
    assert str(db) in exc.value.message


def test_a_store_of_a_newer_version_is_refused(db: Path) -> None:
    conn = sqlite3.connect(db)
    with conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    conn.close()
    with pytest.raises(StoreNewerSchema, match=r"newer version of pos-member\. Update the app"):
        Store.open(db)


@pytest.mark.parametrize(
    "folder",
    ["till?1", "till#2", "till%3", "till%20four", "till five", "收银台 六", "a?b#c%20d 七"],
)
def test_paths_reach_sqlite_as_paths(tmp_path: Path, folder: str) -> None:
    path = tmp_path / folder / "terminal.db"
    store = Store.open(path)
    with store.session() as s:
        s.execute(text("INSERT INTO terminal_state (key, value) VALUES ('probe', :v)"),
                  {"v": folder})  # fmt: skip
    store.close()
    assert path.exists()
    # Nothing else was created: no store at a shortened or decoded name.
    made = sorted(str(p.relative_to(tmp_path)) for p in tmp_path.rglob("*") if p.is_file())
    assert all(m.startswith(folder + os.sep) for m in made), made
    again = Store.open(path, create=False)
    with again.reading() as s:
        assert s.execute(text("SELECT value FROM terminal_state WHERE key = 'probe'")).scalar() == (
            folder
        )
    again.close()
    done = check_db(path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().endswith("ok")
    # check-db made no stray file: only the database and its own -wal/-shm.
    made = {p.name for p in tmp_path.rglob("*") if p.is_file()}
    assert made <= {"terminal.db", "terminal.db-wal", "terminal.db-shm"}, made
    assert [p for p in tmp_path.iterdir()] == [tmp_path / folder]


# --- during the day --------------------------------------------------------------


def test_a_store_locked_by_another_program_says_so(db: Path) -> None:
    store = Store.open(db, busy_timeout_ms=200)
    other = sqlite3.connect(db, timeout=0.1)
    other.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(StoreLocked) as exc, store.session() as s:
            s.execute(text("UPDATE members SET name = 'y' WHERE id = 1"))
        assert str(db) in exc.value.message and "another program" in exc.value.message
    finally:
        other.rollback()
        other.close()
        store.close()


def test_a_full_disk_says_so_and_keeps_what_was_saved(db: Path) -> None:
    store = Store.open(db, busy_timeout_ms=2_000)
    try:
        # SQLite's own "database or disk is full": the file may not grow past its pages now.
        with store.session() as s:
            pages = s.execute(text("PRAGMA page_count")).scalar()
            s.execute(text(f"PRAGMA max_page_count = {int(pages)}"))
        with pytest.raises(DiskFull) as exc, store.session() as s:
            s.execute(text("INSERT INTO terminal_state (key, value) VALUES ('big', :v)"),
                      {"v": "x" * 5_000_000})  # fmt: skip
        assert str(db) in exc.value.message and "is full" in exc.value.message
        with store.reading() as s:
            assert s.execute(text("SELECT count(*) FROM members")).scalar() >= 300
    finally:
        store.close()


def test_a_nearly_full_disk_is_warned_of_before_it_is_full(db: Path) -> None:
    free = shutil.disk_usage(db.parent).free // 1_000_000
    warning = disk_warning(db, warn_below_mb=free + 1_000)
    assert isinstance(warning, DiskNearlyFull)
    assert str(db) in warning.message and "Free space soon" in warning.message
    assert disk_warning(db, warn_below_mb=1) is None


# --- check-db ------------------------------------------------------------------


def _scribble(path: Path) -> None:
    with path.open("r+b") as f:
        size = path.stat().st_size
        for at in range(size // 4, size - 4096, 8192):
            f.seek(at)
            f.write(os.urandom(512))


def _truncate(path: Path) -> None:
    with path.open("r+b") as f:
        f.truncate(path.stat().st_size // 3)


def _newer(path: Path) -> None:
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    conn.close()


DAMAGE = {
    "truncated": (_truncate, 4, "is damaged"),
    "random bytes": (lambda p: p.write_bytes(os.urandom(65536)), 3, "not a pos-member database"),
    "scribbled pages": (_scribble, 4, "is damaged"),
    "0-byte": (lambda p: p.write_bytes(b""), 3, "is empty (0 bytes)"),
    "missing": (lambda p: p.unlink(), 2, "is missing"),
    "newer schema": (_newer, 5, "newer version of pos-member"),
}


@pytest.mark.parametrize("kind", list(DAMAGE))
def test_check_db_says_each_kind_of_damage_in_a_sentence_with_its_exit_code(
    db: Path, kind: str
) -> None:
    damage, code, words = DAMAGE[kind]
    damage(db)
    done = check_db(db)
    assert "Traceback" not in done.stderr + done.stdout
    assert done.returncode == code, (done.stdout, done.stderr)
    assert words in done.stderr and str(db) in done.stderr
    assert "ok" not in done.stdout.split()


@contextmanager
def read_only(folder: Path) -> Iterator[None]:
    """``folder`` read-only for this process: by its mode, or (root writes anywhere) by a
    read-only bind mount of it, as a share mounted read-only would be."""
    if os.geteuid() != 0:
        folder.chmod(0o555)
        try:
            yield
        finally:
            folder.chmod(0o755)
        return
    subprocess.run(["mount", "--bind", str(folder), str(folder)], check=True)
    try:
        subprocess.run(["mount", "-o", "remount,ro,bind", str(folder)], check=True)
        yield
    finally:
        subprocess.run(["umount", str(folder)], check=True)


def test_check_db_says_a_read_only_folder_in_a_sentence(db: Path) -> None:
    with read_only(db.parent):
        done = check_db(db)
    assert "Traceback" not in done.stderr
    assert done.returncode == 6, (done.stdout, done.stderr)
    assert "cannot be written" in done.stderr and str(db) in done.stderr


def test_the_app_refuses_a_read_only_store_with_its_cause(db: Path) -> None:
    with read_only(db.parent), pytest.raises(StoreReadOnly, match="permission"):
        open_terminal(Settings(db_path=db), create=False)
