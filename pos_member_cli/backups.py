"""``pos-member backup``, ``backups`` and ``restore``: a till's database copied while
it sells, checked and rotated, and brought back without reusing a receipt number
(``store.backup`` does the work; this module asks head office and prints)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from pos_member.config import Config
from pos_member.domain.errors import UserFacingError

TESTED_IN = "tests/store/test_backup.py"


def _where(args: argparse.Namespace) -> tuple[Path, Path]:
    """The till's database and its backup folder (``--to``, else the backup setting)."""
    from pos_member.services.storage import backup_folder

    settings = Config.read(getattr(args, "db", None)).terminal
    return Path(settings.db_path), Path(args.to) if args.to else backup_folder(settings)


def _passphrase(args: argparse.Namespace) -> str | None:
    """``--passphrase-file`` (its first line), else the ``backup_passphrase`` setting."""
    from pos_member.services.storage import backup_passphrase

    if getattr(args, "passphrase_file", None):
        text = Path(args.passphrase_file).read_text(encoding="utf-8").splitlines()
        return text[0] if text and text[0] else None
    return backup_passphrase(Config.read(getattr(args, "db", None)).terminal)


def register(subparsers: Any) -> None:
    b = subparsers.add_parser(
        "backup",
        help="copy this till's database while it sells, check the copy, keep the newest N",
    )
    b.add_argument("--db", default=argparse.SUPPRESS, help="terminal database file")
    b.add_argument(
        "--to",
        help="backup folder (default: the backup_dir setting, or 'backups' beside the database)",
    )
    b.add_argument("--keep", type=int, default=14, help="copies to keep (default 14)")
    b.add_argument(
        "--passphrase-file",
        help="file whose first line is the backup passphrase the data key is wrapped under "
        "(default: POS_MEMBER_BACKUP_PASSPHRASE)",
    )
    b.set_defaults(func=cmd_backup)

    ls = subparsers.add_parser("backups", help="list the checked copies in the backup folder")
    ls.add_argument("--db", default=argparse.SUPPRESS, help="terminal database file")
    ls.add_argument("--to", help="backup folder")
    ls.set_defaults(func=cmd_backups)

    r = subparsers.add_parser(
        "restore",
        help="put a backup in place of this till's database (the old file is kept aside)",
    )
    r.add_argument("backup", nargs="?", help="the copy to restore (default: the newest)")
    r.add_argument("--db", default=argparse.SUPPRESS, help="terminal database file")
    r.add_argument("--to", help="backup folder to take the newest copy from")
    r.add_argument(
        "--receipt-gap",
        type=int,
        help="when head office cannot be asked: move the receipt numbers on by this many",
    )
    r.add_argument(
        "--passphrase-file",
        help="file whose first line is the backup passphrase (default: "
        "POS_MEMBER_BACKUP_PASSPHRASE); puts the copy's data key back",
    )
    r.add_argument(
        "--without-key",
        action="store_true",
        help="restore even without the copy's data key (masked names only)",
    )
    r.set_defaults(func=cmd_restore)


def cmd_backup(args: argparse.Namespace) -> int:
    from pos_member.store.backup import take_backup

    db, folder = _where(args)
    try:
        b = take_backup(db, folder, keep=args.keep, passphrase=_passphrase(args))
    except UserFacingError as exc:
        print(f"backup failed: {exc.message}", file=sys.stderr)
        return 1
    print(
        f"backup {b.path}: {b.size // 1024} KB, checked clean; receipt counter "
        f"{b.last_receipt_no}, {b.unsent_events} events not yet at head office"
    )
    if b.key_saved:
        print(f"the data key is saved with it, encrypted under the backup passphrase: {b.key_file}")
    elif b.key_id:
        print(
            "note: the data key was not copied (no backup passphrase set: "
            "POS_MEMBER_BACKUP_PASSPHRASE); keep a copy of data.key apart from the backups, "
            "or a restored till shows masked names only"
        )
    return 0


def cmd_backups(args: argparse.Namespace) -> int:
    from pos_member.store.backup import backups

    _, folder = _where(args)
    found = backups(folder)
    if not found:
        print("no backups yet: run pos-member backup")
        return 1
    for b in found:
        print(f"{b.taken_at}  {b.size // 1024:>8} KB  receipt {b.last_receipt_no}  {b.path}")
    return 0


def head_office_last_receipt(copy: Path) -> tuple[int | None, str]:
    """The last receipt number head office has of the till the copy belongs to."""
    from pos_member.store.backup import receipt_number
    from pos_member.sync.client import HeadOfficeHTTP, credentials_in

    creds = credentials_in(copy)
    if creds is None:
        return 0, "the till is not enrolled with head office"
    http = HeadOfficeHTTP(creds.url, creds.token, timeout_s=10.0)
    try:
        return receipt_number(http.last_receipt()), f"asked head office at {creds.url}"
    except UserFacingError as exc:
        return None, exc.message
    finally:
        http.close()


def cmd_restore(args: argparse.Namespace) -> int:
    from pos_member.store.backup import check_backup, last_good, restore_backup

    db, folder = _where(args)
    if args.backup:
        chosen = Path(args.backup)
    else:
        newest = last_good(folder)
        if newest is None:
            print("restore failed: no backup found; give the copy's path", file=sys.stderr)
            return 1
        chosen = Path(newest.path)
    try:
        check_backup(chosen)
        hq_last, how = head_office_last_receipt(chosen)
        print(f"receipt numbers: {how}")
        done = restore_backup(
            chosen,
            db,
            head_office_last=hq_last,
            gap=args.receipt_gap,
            passphrase=_passphrase(args),
            without_key=args.without_key,
        )
    except UserFacingError as exc:
        print(f"restore failed: {exc.message}", file=sys.stderr)
        return 1
    if done.replaced:
        print(f"the file that was in place is kept as {done.replaced}")
    if done.key == "restored":
        print("the copy's data key was put back beside the database (0600)")
    elif done.key == "missing":
        print("restored without the copy's data key: full names and phones cannot be opened")
    print(
        f"restored {done.backup.path} (taken {done.backup.taken_at}) into {db}; receipts "
        f"continue after number {done.receipt_no_now} (the copy had {done.receipt_no_from}); "
        "run pos-member sync --once before selling"
    )
    return 0
