"""Backups of a terminal's database taken while it sells, checked and rotated,
and a restore that never issues a receipt number twice.

A copy of the file made with ``cp`` while the till sells misses what is still in
the write-ahead log, or catches a page half written. ``take_backup`` uses
SQLite's backup API instead: one read transaction over the live database (WAL
included), so the copy is the database as of one moment, while the till goes on
writing. The copy is written beside its destination, switched to a single file
(no WAL), synced to disk, checked (``checks.problems``: integrity, balances =
ledgers, whole sales) and only then renamed into place with a manifest (time,
size, SHA-256, the receipt counter, unsent events). Older copies beyond
``keep`` are removed, oldest first; a copy that fails its check is never kept.

``restore_backup`` brings a copy back in place of the till's file. The file it
replaces is moved aside, never deleted. A copy is older than the till was: head
office may hold receipts the copy never saw, so the receipt counter is moved
past the last number head office has of this terminal (asked by the caller),
or by a gap the manager chooses when head office cannot be asked.

The data key (``data.key``, beside the database) opens the members' sealed names
and phones; a copy without it sells but shows masked names only. A backup disk
that holds the key in the clear beside the copy would hand both to whoever picks
up the USB stick, so the key goes with the copy only *wrapped* under the backup
passphrase (``POS_MEMBER_BACKUP_PASSPHRASE``: scrypt, then AES-256-GCM, in
``<copy>.key``, 0600), and the manifest records which key the copy needs
(``key_id``, a fingerprint). ``restore_backup`` puts the key back when the one
beside the database is not that key: unwrapped with the passphrase, the old key
file moved aside; without a passphrase (or a copy taken without one) it refuses
and says what to do, unless asked to restore without the key.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import sqlite3
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

from pos_member.domain.errors import UserFacingError
from pos_member.sealing import (
    SealError,
    default_key_path,
    key_id,
    load_or_create_key,
    unwrap_key,
    wrap_key,
    write_key,
)
from pos_member.store.checks import problems

TESTED_IN = "tests/store/test_backup.py"

SUFFIX = ".db"
MANIFEST = ".json"
KEY = ".key"
_NAME = re.compile(r"^pos-member-(?P<terminal>[A-Za-z0-9_-]+)-(?P<at>\d{8}T\d{6}\d{6}Z)\.db$")
_RECEIPT = re.compile(r"^(?P<terminal>.+)-(?P<no>\d{8})$")


class BackupFailed(UserFacingError):
    """A backup or restore could not be made; what to do is in the message."""

    code = "backup"
    template = "The backup could not be made."


class NothingToBackUp(BackupFailed):
    code = "backup.missing"
    template = "There is no database at {path} to back up: check the till's database path."


class BackupFolderUnwritable(BackupFailed):
    code = "backup.folder"
    template = (
        "The backup folder {path} cannot be written ({why}): plug in the backup disk or "
        "choose another folder."
    )


class BackupWriteFailed(BackupFailed):
    code = "backup.write"
    template = (
        "The backup could not be written to {path} ({why}): free some space on the backup "
        "disk or choose another folder."
    )


class BackupNotClean(BackupFailed):
    code = "backup.unclean"
    template = (
        "The copy of the database did not check clean ({first}), so it was not kept: run "
        "pos-member check-db on the till's database."
    )


class BackupUnreadable(BackupFailed):
    code = "backup.manifest"
    template = "{path} has no readable manifest beside it: choose a copy made by pos-member backup."


class BackupChanged(BackupFailed):
    code = "backup.changed"
    template = (
        "{path} is not the copy its manifest describes (changed or cut off): choose an older copy."
    )


class BackupUnsound(BackupFailed):
    code = "backup.unsound"
    template = "{path} does not check clean ({first}): choose an older copy."


class RestoreNeedsHeadOffice(BackupFailed):
    code = "backup.receipts"
    template = (
        "Head office could not be asked for this till's last receipt number: connect the "
        "till and try again, or give --receipt-gap N to move the receipt numbers on by N."
    )


class RestoreNeedsKey(BackupFailed):
    code = "backup.key"
    template = (
        "The members' full names and phones in this copy are sealed with the till's data "
        "key, and the key at {key} is not that one: give the backup passphrase "
        "(POS_MEMBER_BACKUP_PASSPHRASE) so the key saved with the copy is put back, or copy "
        "the till's own data.key to {key}. To restore anyway, give --without-key: the till "
        "then sells but shows masked names only."
    )


class BackupKeyWrong(BackupFailed):
    code = "backup.passphrase"
    template = (
        "The backup passphrase does not open the data key saved with {path}: give the "
        "passphrase that was set when the copy was taken."
    )


class NoBackupYet(BackupFailed):
    """A warning for the status bar, not a refusal."""

    code = "backup.none"
    template = "This till has no backup yet: close the shift, or run pos-member backup."


class BackupOld(BackupFailed):
    """A warning for the status bar, not a refusal."""

    code = "backup.old"
    template = "The last backup is {hours} hours old: check the backup disk."


@dataclass(frozen=True, slots=True)
class Backup:
    """One checked copy on disk, as its manifest describes it."""

    path: str
    taken_at: str  # UTC, ISO 8601
    terminal_id: str
    size: int
    sha256: str
    last_receipt_no: int  # the receipt counter in the copy
    unsent_events: int  # outbox events the copy holds that head office had not confirmed
    key_id: str = ""  # the data key the copy's sealed fields need (a fingerprint); "" none
    key_saved: bool = False  # the key is beside the copy, wrapped under the passphrase

    @property
    def manifest(self) -> Path:
        return Path(self.path).with_suffix(MANIFEST)

    @property
    def key_file(self) -> Path:
        return Path(self.path).with_suffix(KEY)


@dataclass(frozen=True, slots=True)
class Restored:
    backup: Backup
    replaced: str | None  # where the file that was in place went
    receipt_no_from: int  # the copy's receipt counter
    receipt_no_now: int  # the counter after the restore: the next receipt is this + 1
    #: The data key: "same" (the one in place is the copy's), "restored" (put back from
    #: the copy, the old one moved aside), "missing" (restored without it), "none".
    key: str = "none"


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
    if os.name == "posix":  # the rename itself is durable once the folder is synced
        dfd = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(dfd)
        finally:
            os.close(dfd)


def _counter(conn: sqlite3.Connection) -> tuple[str, int]:
    row = conn.execute("SELECT terminal_id, last_no FROM receipt_counters LIMIT 1").fetchone()
    if row is not None:
        return str(row[0]), int(row[1])
    term = conn.execute("SELECT value FROM terminal_state WHERE key = 'terminal_id'").fetchone()
    return (str(term[0]) if term else "T"), 0


def _unsent(conn: sqlite3.Connection) -> int:
    try:
        return int(conn.execute("SELECT count(*) FROM outbox WHERE sent_at IS NULL").fetchone()[0])
    except sqlite3.OperationalError:  # an outbox of another shape: counted as unknown
        return -1


def _copy(src: sqlite3.Connection, target: Path) -> None:
    """The live database as of one moment, into ``target`` as one file (no WAL)."""
    dst = sqlite3.connect(target)
    try:
        # pages=-1: the whole database in one step, inside one read transaction, so
        # the copy is consistent; in WAL mode the till's writers are not held up.
        src.backup(dst, pages=-1)
        dst.execute("PRAGMA journal_mode=DELETE")
        dst.commit()
    finally:
        dst.close()


def _data_key(db: Path) -> bytes | None:
    path = default_key_path(db)
    return load_or_create_key(path) if path.exists() else None


def take_backup(
    db_path: Path | str,
    dest_dir: Path | str,
    *,
    keep: int = 14,
    now: datetime | None = None,
    passphrase: str | None = None,
) -> Backup:
    """A checked copy of the terminal's database in ``dest_dir``; older ones beyond ``keep``
    are removed. Raises ``BackupFailed`` (and keeps nothing) when the copy is not sound.
    With ``passphrase`` the data key goes with the copy, wrapped under it."""
    db, dest = Path(db_path), Path(dest_dir)
    if not db.exists():
        raise NothingToBackUp(path=str(db))
    try:
        dest.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise BackupFolderUnwritable(
            path=str(dest), why=exc.strerror or type(exc).__name__
        ) from exc
    at = (now or datetime.now(UTC)).astimezone(UTC)
    src = sqlite3.connect(db, timeout=30)
    try:
        src.execute("PRAGMA busy_timeout = 30000")
        terminal, _ = _counter(src)
        stamp = at.strftime("%Y%m%dT%H%M%S%fZ")
        final = dest / f"pos-member-{terminal}-{stamp}{SUFFIX}"
        tmp = dest / f".{final.name}.partial"
        try:
            _copy(src, tmp)
        except OSError as exc:
            tmp.unlink(missing_ok=True)
            raise BackupWriteFailed(path=str(dest), why=exc.strerror or type(exc).__name__) from exc
        except sqlite3.Error as exc:
            tmp.unlink(missing_ok=True)
            raise BackupWriteFailed(path=str(dest), why=str(exc)) from exc
    finally:
        src.close()
    copy = sqlite3.connect(tmp)
    try:
        found = problems(copy)
        terminal, last_no = _counter(copy)
        unsent = _unsent(copy)
    finally:
        copy.close()
    if found:
        tmp.unlink(missing_ok=True)
        raise BackupNotClean(first=found[0])
    _fsync(tmp)
    tmp.replace(final)
    _fsync(final)
    key = _data_key(db)
    saved = False
    if key is not None and passphrase:
        key_file = final.with_suffix(KEY)
        key_tmp = key_file.with_name(f".{key_file.name}.partial")
        key_tmp.unlink(missing_ok=True)
        fd = os.open(key_tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(wrap_key(key, passphrase), fh)
        _fsync(key_tmp)
        key_tmp.replace(key_file)
        saved = True
    backup = Backup(
        path=str(final),
        taken_at=at.isoformat(),
        terminal_id=terminal,
        size=final.stat().st_size,
        sha256=_sha256(final),
        last_receipt_no=last_no,
        unsent_events=unsent,
        key_id=key_id(key) if key is not None else "",
        key_saved=saved,
    )
    manifest = backup.manifest
    manifest_tmp = manifest.with_name(f".{manifest.name}.partial")
    manifest_tmp.write_text(json.dumps(asdict(backup), indent=1), encoding="utf-8")
    _fsync(manifest_tmp)
    manifest_tmp.replace(manifest)
    rotate(dest, keep)
    return backup


def backups(dest_dir: Path | str) -> list[Backup]:
    """The copies in ``dest_dir`` that have a manifest, newest first."""
    out: list[Backup] = []
    dest = Path(dest_dir)
    if not dest.is_dir():
        return out
    for p in dest.glob(f"pos-member-*{SUFFIX}"):
        if not _NAME.match(p.name):
            continue
        m = p.with_suffix(MANIFEST)
        try:
            data = json.loads(m.read_text(encoding="utf-8"))
            b = Backup(**data)
        except (OSError, ValueError, TypeError):
            continue  # a copy without its manifest was never finished: not offered
        out.append(b)
    out.sort(key=lambda b: b.taken_at, reverse=True)
    return out


def rotate(dest_dir: Path | str, keep: int) -> list[str]:
    """Remove the copies beyond the newest ``keep``; returns what went."""
    gone: list[str] = []
    for b in backups(dest_dir)[max(keep, 1) :]:
        for p in (Path(b.path), b.manifest, b.key_file):
            p.unlink(missing_ok=True)
        gone.append(b.path)
    for stale in Path(dest_dir).glob(".*.partial"):  # a copy cut off by a crash
        stale.unlink(missing_ok=True)
    return gone


def last_good(dest_dir: Path | str) -> Backup | None:
    found = backups(dest_dir)
    return found[0] if found else None


def backup_age_warning(
    dest_dir: Path | str, max_age_h: float, now: datetime
) -> BackupFailed | None:
    """What the status bar says when the newest backup is older than ``max_age_h``."""
    newest = last_good(dest_dir)
    if newest is None:
        return NoBackupYet()
    age_h = (now - datetime.fromisoformat(newest.taken_at)).total_seconds() / 3600
    if age_h > max_age_h:
        return BackupOld(hours=int(age_h))
    return None


def receipt_number(receipt_no: str | None) -> int:
    """The running number of a receipt such as ``T01-00000042`` (0 for none)."""
    if not receipt_no:
        return 0
    m = _RECEIPT.match(receipt_no)
    return int(m.group("no")) if m else 0


def check_backup(path: Path | str) -> Backup:
    """The manifest of a copy, after checking the file is the one it describes and sound."""
    p = Path(path)
    m = p.with_suffix(MANIFEST)
    try:
        b = Backup(**json.loads(m.read_text(encoding="utf-8")))
    except (OSError, ValueError, TypeError) as exc:
        raise BackupUnreadable(path=str(p)) from exc
    if not p.exists() or _sha256(p) != b.sha256:
        raise BackupChanged(path=str(p))
    conn = sqlite3.connect(p.resolve().as_uri() + "?mode=ro", uri=True)
    try:
        found = problems(conn)
    finally:
        conn.close()
    if found:
        raise BackupUnsound(path=str(p), first=found[0])
    return b


def restore_backup(
    backup_path: Path | str,
    db_path: Path | str,
    *,
    head_office_last: int | None,
    gap: int | None = None,
    now: datetime | None = None,
    passphrase: str | None = None,
    without_key: bool = False,
) -> Restored:
    """Put a checked copy in place of the till's file.

    ``head_office_last`` is the last receipt number head office holds of this terminal
    (None when it could not be asked); then ``gap`` must say how far to move the
    counter on, so that a receipt the copy never saw is not issued again.
    The data key the copy needs is checked before anything is replaced (module doc).
    """
    b = check_backup(backup_path)
    if head_office_last is None and gap is None:
        raise RestoreNeedsHeadOffice()
    db = Path(db_path)
    key_path = default_key_path(db)
    at = (now or datetime.now(UTC)).astimezone(UTC)
    key_state, new_key = _key_for(b, key_path, passphrase, without_key)
    replaced: Path | None = None
    if db.exists():
        replaced = db.with_name(f"{db.name}.replaced-{at.strftime('%Y%m%dT%H%M%SZ')}")
        db.replace(replaced)
        for side in ("-wal", "-shm"):
            extra = db.with_name(db.name + side)
            if extra.exists():
                extra.replace(replaced.with_name(replaced.name + side))
    db.parent.mkdir(parents=True, exist_ok=True)  # a fresh machine's data folder
    tmp = db.with_name(f".{db.name}.restoring")
    shutil.copyfile(b.path, tmp)
    _fsync(tmp)
    tmp.replace(db)
    _fsync(db)
    target = max(b.last_receipt_no, head_office_last or 0) + (gap or 0)
    conn = sqlite3.connect(db)
    try:
        with conn:
            conn.execute(
                "UPDATE receipt_counters SET last_no = ? WHERE terminal_id = ? AND last_no < ?",
                (target, b.terminal_id, target),
            )
            if conn.total_changes == 0 and target > 0:
                conn.execute(
                    "INSERT OR IGNORE INTO receipt_counters (terminal_id, last_no) VALUES (?, ?)",
                    (b.terminal_id, target),
                )
            for key, value in (("restored.from", b.path), ("restored.at", at.isoformat())):
                conn.execute(
                    "INSERT INTO terminal_state (key, value) VALUES (?, ?)"
                    " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                    (key, value),
                )
        now_no = _counter(conn)[1]
    finally:
        conn.close()
    if new_key is not None:
        if key_path.exists():  # another key: kept aside, never deleted
            key_path.replace(
                key_path.with_name(f"{key_path.name}.replaced-{at.strftime('%Y%m%dT%H%M%SZ')}")
            )
        write_key(key_path, new_key)
    return Restored(
        backup=b,
        replaced=str(replaced) if replaced else None,
        receipt_no_from=b.last_receipt_no,
        receipt_no_now=now_no,
        key=key_state,
    )


def _key_for(
    b: Backup, key_path: Path, passphrase: str | None, without_key: bool
) -> tuple[str, bytes | None]:
    """What the restore does with the data key: its state, and a key to write."""
    if not b.key_id:
        return "none", None
    if key_path.exists() and key_id(load_or_create_key(key_path)) == b.key_id:
        return "same", None
    if b.key_saved and passphrase and b.key_file.exists():
        try:
            doc = json.loads(b.key_file.read_text(encoding="utf-8"))
            key = unwrap_key(doc, passphrase)
        except (OSError, ValueError, SealError) as exc:
            raise BackupKeyWrong(path=b.path) from exc
        if key_id(key) != b.key_id:
            raise BackupKeyWrong(path=b.path)
        return "restored", key
    if without_key:
        return "missing", None
    raise RestoreNeedsKey(key=str(key_path))
