"""A backup restored on another machine opens the members' sealed names (issue 18).

The data key goes with the copy only wrapped under the backup passphrase
(``store.backup``, docs/operations.md). Real files: the seeded demo store, its
key, a backup folder as a USB stick, and a fresh folder as the replacement PC
(its own ``POS_MEMBER_DATA_KEY_FILE``, no key there yet).
"""

from __future__ import annotations

import os
import shutil
import stat
from pathlib import Path

import pytest
from sqlalchemy import text

from pos_member.sealing import default_key_path
from pos_member.store import backup as bk
from pos_member.store import pii
from pos_member.store.db import Store
from pos_member_cli.main import main as cli
from tests.services import conftest as service_fixtures
from tests.services.conftest import GOLD_ID

template_db = service_fixtures.template_db
PASSPHRASE = "门店备份 2026 correct horse"
GOLD_NAME = "张金卡"


def _gold_name(path: Path) -> str:
    store = Store.open(path)
    try:
        with store.reading() as s:
            sealed = s.execute(
                text("SELECT name_sealed FROM members WHERE id = :i"), {"i": GOLD_ID}
            ).scalar_one()
        return pii.full_name(store.sealer, sealed)
    finally:
        store.close()


@pytest.fixture
def old_till(tmp_path: Path, template_db: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The till that dies: the demo store with its own key beside it."""
    chain_key = Path(os.environ["POS_MEMBER_DATA_KEY_FILE"])
    old = tmp_path / "old"
    old.mkdir()
    shutil.copy(template_db, old / "terminal.db")
    shutil.copy(chain_key, old / "data.key")
    monkeypatch.setenv("POS_MEMBER_DATA_KEY_FILE", str(old / "data.key"))
    pii.sealer_at.cache_clear()
    assert _gold_name(old / "terminal.db") == GOLD_NAME
    return old / "terminal.db"


def test_a_copy_restored_on_a_fresh_machine_opens_the_sealed_names(
    old_till: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    usb = tmp_path / "usb"
    b = bk.take_backup(old_till, usb, passphrase=PASSPHRASE)
    assert b.key_saved and b.key_id and b.key_file.exists()
    assert stat.S_IMODE(b.key_file.stat().st_mode) == 0o600
    # The stick does not hold the key in the clear: neither its text nor its bytes.
    key_text = default_key_path(old_till).read_text().strip()
    for f in usb.iterdir():
        assert key_text.encode() not in f.read_bytes(), f

    new = tmp_path / "new"
    new.mkdir()
    monkeypatch.setenv("POS_MEMBER_DATA_KEY_FILE", str(new / "data.key"))
    pii.sealer_at.cache_clear()
    db = new / "terminal.db"
    # Without the passphrase: refused before anything is written, saying what to do.
    with pytest.raises(bk.RestoreNeedsKey) as err:
        bk.restore_backup(b.path, db, head_office_last=0)
    assert str(new / "data.key") in err.value.message
    assert "POS_MEMBER_BACKUP_PASSPHRASE" in err.value.message
    assert "--without-key" in err.value.message
    assert not db.exists() and not (new / "data.key").exists()
    with pytest.raises(bk.BackupKeyWrong):
        bk.restore_backup(b.path, db, head_office_last=0, passphrase="wrong")
    assert not db.exists()

    done = bk.restore_backup(b.path, db, head_office_last=0, passphrase=PASSPHRASE)
    assert done.key == "restored"
    key = new / "data.key"
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    assert key.read_text().strip() == key_text
    assert _gold_name(db) == GOLD_NAME
    # A second restore on the same machine finds the key in place.
    again = bk.restore_backup(b.path, db, head_office_last=0)
    assert again.key == "same"


def test_the_restore_command_without_the_key_says_what_to_do(
    old_till: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    usb = tmp_path / "usb"
    assert cli(["--db", str(old_till), "backup", "--to", str(usb)]) == 0
    assert "the data key was not copied" in capsys.readouterr().out
    assert list(usb.glob("*.key")) == []  # no passphrase: no key on the stick at all

    new = tmp_path / "new"
    monkeypatch.setenv("POS_MEMBER_DATA_KEY_FILE", str(new / "data.key"))
    pii.sealer_at.cache_clear()
    db = new / "terminal.db"
    assert cli(["--db", str(db), "restore", "--to", str(usb)]) == 1
    err = capsys.readouterr().err
    assert "restore failed" in err and "data.key" in err and "--without-key" in err
    assert not db.exists()
    # The owner chose to go on without it: the till sells, full names cannot be opened.
    assert cli(["--db", str(db), "restore", "--to", str(usb), "--without-key"]) == 0
    assert "without the copy's data key" in capsys.readouterr().out
    assert _gold_name(db) == ""
    # The passphrase given by file on the command line, a backup taken with it.
    pii.sealer_at.cache_clear()
    monkeypatch.setenv("POS_MEMBER_DATA_KEY_FILE", str(old_till.with_name("data.key")))
    phrase = tmp_path / "phrase.txt"
    phrase.write_text(PASSPHRASE + "\n", encoding="utf-8")
    usb2 = tmp_path / "usb2"
    assert (
        cli(["--db", str(old_till), "backup", "--to", str(usb2), "--passphrase-file", str(phrase)])
        == 0
    )
    assert "saved with it, encrypted" in capsys.readouterr().out
    third = tmp_path / "third"
    monkeypatch.setenv("POS_MEMBER_DATA_KEY_FILE", str(third / "data.key"))
    pii.sealer_at.cache_clear()
    db3 = third / "terminal.db"
    assert (
        cli(["--db", str(db3), "restore", "--to", str(usb2), "--passphrase-file", str(phrase)]) == 0
    )
    assert "data key was put back" in capsys.readouterr().out
    assert _gold_name(db3) == GOLD_NAME
