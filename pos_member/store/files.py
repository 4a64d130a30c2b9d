"""What is wrong with a terminal database file, said plainly.

``inspect_file`` looks at the file before SQLite opens it (SQLite would
create a missing file and turn a 0-byte one into an empty database: the
till's unsynced sales would vanish without a word). ``explain`` turns
SQLite's errors during the day into the cause a person can act on:
damaged, newer schema, read-only, locked by another program, disk full.
``disk_warning`` says when the disk is nearly full, before it is.

Paths are given to SQLite as paths (never through a URL that would read
``?``, ``#`` or ``%`` in them); ``readonly_uri`` escapes them for the one
place a URI is needed (a read-only connection).
"""

from __future__ import annotations

import errno
import os
import shutil
import sqlite3
import time
from pathlib import Path

from sqlalchemy.exc import DBAPIError

from pos_member.domain.errors import (
    DiskFull,
    DiskNearlyFull,
    StoreCorrupt,
    StoreEmpty,
    StoreError,
    StoreLocked,
    StoreMissing,
    StoreMissingWithJournal,
    StoreNotDatabase,
    StoreReadOnly,
)
from pos_member.domain.text import Text

SQLITE_HEADER = b"SQLite format 3\x00"

#: How the file is named where its own path is not known (an error from a plain reader).
THE_DATABASE = Text("in use by this till")


def _journal(path: Path) -> Path | None:
    for suffix in ("-wal", "-journal"):
        j = path.with_name(path.name + suffix)
        if j.exists() and j.stat().st_size > 0:
            return j
    return None


def _header(p: Path) -> bytes:
    try:
        with p.open("rb") as f:
            return f.read(len(SQLITE_HEADER))
    except PermissionError:
        raise StoreReadOnly(path=str(p)) from None


#: How long a new, still empty file is given to become a database: another process of this
#: till (the app and a ``pos-member`` command started together) may be creating it.
CREATING_S = 2.0


def _header_once_created(p: Path) -> bytes:
    """The header of a file another process has just created, once it has written it.

    SQLite creates a database file empty and writes its first page a moment later: a
    0-byte file younger than ``CREATING_S`` is waited for, not called empty at once.
    """
    deadline = time.monotonic() + CREATING_S
    while time.time() - p.stat().st_mtime < CREATING_S and time.monotonic() < deadline:
        time.sleep(0.02)
        header = _header(p)
        if header:
            return header
    return b""


def inspect_file(path: Path | str, *, create: bool = False) -> None:
    """Raise a ``StoreError`` if ``path`` cannot be opened as this till's database.

    ``create``: a missing file is fine (a new till, the demo store), unless a
    journal lies beside it (the database it belongs to is what went missing).
    """
    p = Path(path)
    if not p.exists():
        journal = _journal(p)
        if journal is not None:
            raise StoreMissingWithJournal(path=str(p), journal=str(journal))
        if not create:
            raise StoreMissing(path=str(p))
        folder = next((d for d in p.parents if d.exists()), None)
        if folder is not None and not os.access(folder, os.W_OK):
            raise StoreReadOnly(path=str(p))
        return
    if not p.is_file():
        raise StoreNotDatabase(path=str(p))
    header = _header(p)
    if not header and create:
        header = _header_once_created(p)
    if not header:
        raise StoreEmpty(path=str(p))
    if header != SQLITE_HEADER:
        raise StoreNotDatabase(path=str(p))
    if not os.access(p, os.W_OK) or not os.access(p.parent, os.W_OK):
        # WAL mode writes the -wal and -shm files beside the database.
        raise StoreReadOnly(path=str(p))


def explain(exc: BaseException, path: Path | str | None = None) -> StoreError | None:
    """The cause of a database failure in words, or None when it is not about the file."""
    if isinstance(exc, StoreError):
        return exc
    where: object = str(path) if path is not None else THE_DATABASE
    orig = exc.orig if isinstance(exc, DBAPIError) else exc
    if isinstance(orig, OSError) and orig.errno == errno.ENOSPC:
        return DiskFull(path=where)
    if not isinstance(orig, sqlite3.Error):
        return None
    kind = _kind(getattr(orig, "sqlite_errorname", "") or "", str(orig).lower())
    if kind is None:
        return None
    if kind is StoreMissing and path is not None:
        # SQLite could not open the file: missing, not a file, or a folder it may not write.
        try:
            inspect_file(path, create=False)
        except StoreError as found:
            return found
        return StoreReadOnly(path=where)
    if kind is StoreCorrupt and path is not None and free_mb(path) == 0:
        return DiskFull(path=where)  # some systems report a full disk as an I/O error
    return kind(path=where)


# SQLite's result codes (and, where a driver gives none, its words) for each cause.
_BY_CODE: tuple[tuple[str, type[StoreError]], ...] = (
    ("SQLITE_BUSY", StoreLocked),
    ("SQLITE_LOCKED", StoreLocked),
    ("SQLITE_READONLY", StoreReadOnly),
    ("SQLITE_FULL", DiskFull),
    ("SQLITE_NOTADB", StoreNotDatabase),
    ("SQLITE_CORRUPT", StoreCorrupt),
    ("SQLITE_CANTOPEN", StoreMissing),
    ("SQLITE_IOERR", StoreCorrupt),
)
_BY_WORDS: tuple[tuple[str, type[StoreError]], ...] = (
    ("database is locked", StoreLocked),
    ("database table is locked", StoreLocked),
    ("readonly database", StoreReadOnly),
    ("database or disk is full", DiskFull),
    ("file is not a database", StoreNotDatabase),
    ("malformed", StoreCorrupt),
    ("unable to open database", StoreMissing),
    ("disk i/o error", StoreCorrupt),
)


def _kind(code: str, words: str) -> type[StoreError] | None:
    if code:  # the result code decides: a trigger's message may say anything
        return next((k for prefix, k in _BY_CODE if code.startswith(prefix)), None)
    return next((k for w, k in _BY_WORDS if w in words), None)


def free_mb(path: Path | str) -> int | None:
    """Megabytes free on the disk holding ``path`` (None if the system cannot say)."""
    p = Path(path)
    folder = next((d for d in (p, *p.parents) if d.exists()), None)
    if folder is None:
        return None
    try:
        return shutil.disk_usage(folder).free // 1_000_000
    except OSError:
        return None


def disk_warning(path: Path | str, warn_below_mb: int) -> DiskNearlyFull | None:
    """A warning when the disk holding ``path`` has less than ``warn_below_mb`` free."""
    free = free_mb(path)
    if free is None or free >= warn_below_mb:
        return None
    return DiskNearlyFull(path=str(path), free_mb=free)


def readonly_uri(path: Path | str) -> str:
    """A read-only SQLite URI for ``path``, every special character escaped."""
    return Path(path).resolve().as_uri() + "?mode=ro"
