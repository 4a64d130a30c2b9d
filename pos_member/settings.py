"""Terminal settings, declared once: type, default and description.

Read from the environment (prefix ``POS_MEMBER_``, e.g. ``POS_MEMBER_DB_PATH``)
or passed explicitly; built by the caller and injected, never a global.
"""

from __future__ import annotations

from pathlib import Path

import platformdirs
from pydantic import Field
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
