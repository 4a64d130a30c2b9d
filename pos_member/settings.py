"""Terminal settings, declared once: type, default and description.

Read from the environment (prefix ``POS_MEMBER_``, e.g. ``POS_MEMBER_DB_PATH``)
or passed explicitly; built by the caller and injected, never a global.
"""

from __future__ import annotations

from pathlib import Path

import platformdirs
from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

APP_NAME = "pos-member"


def default_db_path() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / "terminal.db"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="POS_MEMBER_", extra="ignore")

    db_path: Path = Field(
        default_factory=default_db_path,
        description="The terminal's SQLite database file (created and migrated on open).",
    )
    terminal_id: str = Field(
        default="T01",
        pattern=r"^[A-Z0-9]{1,8}$",
        description="This till's id within its store; prefixes its receipt numbers.",
    )
    store_id: str = Field(default="S001", description="The store this terminal belongs to.")
    busy_timeout_ms: int = Field(
        default=30_000,
        ge=100,
        description="How long a database write waits for another writer before failing.",
    )
    timezone: str = Field(
        default="Asia/Shanghai",
        description="The store's time zone: decides the business date of a sale.",
    )
    disk_warn_free_mb: int = Field(
        default=200,
        ge=0,
        description=(
            "Warn on the status bar when the disk holding the database has less free space "
            "than this (MB), before it is full and sales can no longer be recorded."
        ),
    )
    backup_dir: Path | None = Field(
        default=None,
        description=(
            "Folder for the till's backups (best a second disk or a USB stick); default: a "
            "'backups' folder beside the database."
        ),
    )
    backup_keep: int = Field(default=14, ge=1, description="Backups to keep (newest first).")
    backup_passphrase: SecretStr | None = Field(
        default=None,
        description=(
            "Passphrase the data key is encrypted under in each backup, so a restored till "
            "opens its sealed names and phones (docs/operations.md); unset: the key is not "
            "copied and must be kept apart by hand. Never logged."
        ),
    )
    backup_max_age_h: float = Field(
        default=26.0,
        gt=0,
        description="Warn on the status bar when the newest backup is older than this (hours).",
    )
    clock_max_skew_s: float = Field(
        default=300.0,
        gt=0,
        description=(
            "How far the PC's clock may be from head office's before the till uses head "
            "office's time instead and shows the difference on the status bar."
        ),
    )
    offline_sv_limit_fen: int | None = Field(
        default=None,
        ge=0,
        description=(
            "While offline: most stored value (fen) one member may spend per day at this "
            "terminal. None uses the programme rules' limit from head office."
        ),
    )
    pay_pin_threshold_fen: int | None = Field(
        default=None,
        ge=0,
        description=(
            "Stored-value payments above this amount (fen) need the member's payment PIN. "
            "None uses the programme rules' threshold; 0 asks on every payment."
        ),
    )
    max_change_fen: int = Field(
        default=10_000,
        ge=0,
        description=(
            "Most change (fen) the till gives: cash tendered may be at most the cash due "
            "plus this. ¥100 by default, the largest note: nobody needs to hand over a "
            "whole ¥100 note more than is due, and a mistyped amount (an extra zero) is "
            "caught before the drawer opens."
        ),
    )
    no_receipt_refund_max_fen: int = Field(
        default=20_000,
        ge=0,
        description="Most money (fen) one refund without a receipt (无单退货) gives back; ¥200.",
    )
    supervisor_override_max_cut_percent: int = Field(
        default=50,
        ge=0,
        le=100,
        description=(
            "A price override approved by a supervisor may lower the catalogue price by at "
            "most this percentage (never raise it)."
        ),
    )
    manager_override_max_cut_percent: int = Field(
        default=100,
        ge=0,
        le=100,
        description=(
            "A price override approved by a manager may lower the catalogue price by at most "
            "this percentage (100: down to nothing)."
        ),
    )
    pay_pin_max_failures: int = Field(
        default=5, ge=1, description="Wrong member payment PINs in a row before the lock."
    )
    pay_pin_lock_minutes: int = Field(
        default=30, ge=1, description="How long a member's payment PIN stays locked."
    )
    staff_pin_max_failures: int = Field(
        default=5, ge=1, description="Wrong staff PINs in a row before the staff id is locked."
    )
    staff_pin_lock_minutes: int = Field(
        default=15, ge=1, description="How long a staff id stays locked after too many wrong PINs."
    )


class SyncSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="POS_MEMBER_SYNC_", extra="ignore")

    interval_s: float = Field(
        default=15.0, gt=0, description="Seconds between sync rounds while head office answers."
    )
    backoff_initial_s: float = Field(
        default=2.0, gt=0, description="First wait after a failed round; doubles each failure."
    )
    backoff_max_s: float = Field(
        default=300.0, gt=0, description="Longest wait between push/pull rounds that failed."
    )
    probe_interval_s: float = Field(
        default=10.0,
        gt=0,
        description=(
            "While head office cannot be reached, ask it GET /health every this many seconds "
            "(to 1.5 times that, jittered); the first answer starts a round at once."
        ),
    )
    offline_after_s: float = Field(
        default=300.0,
        gt=0,
        description=(
            "No successful contact with head office for this long means offline: stored value "
            "and points spending are then capped by the offline limits."
        ),
    )
    batch_size: int = Field(default=200, ge=1, le=500, description="Events per push request.")
    page_size: int = Field(default=2_000, ge=1, le=5_000, description="Changes per pull page.")
    timeout_s: float = Field(default=15.0, gt=0, description="HTTP timeout per request.")
    hold_timeout_s: float = Field(
        default=1.5,
        gt=0,
        le=1.5,
        description=(
            "Longest a checkout waits for head office to hold a stored-value or points "
            "spend; without an answer by then the offline limits apply to that sale."
        ),
    )
    ca_file: Path | None = Field(
        default=None,
        description="CA bundle (PEM) to verify head office's TLS certificate; default: system CAs.",
    )
