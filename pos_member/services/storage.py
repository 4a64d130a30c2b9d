"""What the screens may ask about the store's file: why it failed, whether its disk fills,
and whether it is backed up (a backup is taken at every shift close).

The screens never import the store; these two questions go through here.
"""

from __future__ import annotations

from pathlib import Path

from pos_member.domain.errors import DiskNearlyFull, StoreError
from pos_member.services.context import Context
from pos_member.settings import Settings
from pos_member.store import backup, files

TESTED_IN = "tests/store/test_files.py"

#: A backup that could not be made (the screens catch it; they never import the store).
BackupFailed = backup.BackupFailed


def explain_failure(exc: BaseException) -> StoreError | None:
    """The database file's own failure behind ``exc`` (damaged, locked, read-only, full)."""
    return files.explain(exc)


def disk_warning(ctx: Context) -> DiskNearlyFull | None:
    """A warning when the disk of the till's store is nearly full (``disk_warn_free_mb``)."""
    return files.disk_warning(ctx.store.path, ctx.settings.disk_warn_free_mb)


def backup_folder(settings: Settings) -> Path:
    """Where this till's backups go: the setting, or ``backups`` beside the database."""
    return settings.backup_dir or Path(settings.db_path).parent / "backups"


def backup_now(ctx: Context) -> backup.Backup:
    """A checked copy of the till's database, taken while it may go on selling."""
    return backup.take_backup(
        ctx.store.path,
        backup_folder(ctx.settings),
        keep=ctx.settings.backup_keep,
        now=ctx.clock(),
        passphrase=backup_passphrase(ctx.settings),
    )


def backup_passphrase(settings: Settings) -> str | None:
    """The passphrase the data key is wrapped under in each backup (None: not set)."""
    secret = settings.backup_passphrase
    return secret.get_secret_value() if secret is not None else None


def backup_warning(ctx: Context) -> backup.BackupFailed | None:
    """What the status bar says when the newest backup is too old, or, on a till whose
    backup folder is set (a store that set up its backup disk), when there is none yet.
    A till with no folder set backs up beside its database at every shift close and
    is warned once that copy is old."""
    warning = backup.backup_age_warning(
        backup_folder(ctx.settings), ctx.settings.backup_max_age_h, ctx.clock()
    )
    if isinstance(warning, backup.NoBackupYet) and ctx.settings.backup_dir is None:
        return None
    return warning
