"""Head-office settings, declared once (environment prefix ``POS_MEMBER_HQ_``)."""

from __future__ import annotations

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

TESTED_IN = "tests/headoffice/test_enrolment.py"


class HQSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="POS_MEMBER_HQ_", extra="ignore")

    db_url: str = Field(
        default="sqlite:///headoffice.db",
        description=(
            "SQLAlchemy URL of head office's database: postgresql+psycopg://user@host/db in "
            "production, a SQLite file for a one-machine demo."
        ),
    )
    admin_token: str = Field(
        default="",
        description=(
            "Bearer token for the managers' API (members, cards, rules, reports). "
            "Empty disables that API."
        ),
    )
    max_body_bytes: int = Field(
        default=4 * 1024 * 1024, ge=1024, description="Largest request body accepted."
    )
    page_size: int = Field(default=2_000, ge=1, le=5_000, description="Default pull page size.")
    enrol_code_hours: int = Field(
        default=24, ge=1, description="How long a one-time enrolment code stays valid."
    )
    member_id_block: int = Field(
        default=1_000_000,
        ge=1000,
        description="Size of the member-id block given to each terminal at enrolment.",
    )
    pool_size: int = Field(default=10, ge=1, description="Database connections per process.")
    auth_max_failures: int = Field(
        default=10,
        ge=1,
        description=(
            "Failed authentications (wrong terminal token, managers' token or enrolment code) "
            "from one client within auth_window_s that lock it out for auth_lockout_s."
        ),
    )
    auth_window_s: float = Field(
        default=300.0, gt=0, description="Window over which failures and enrolments are counted."
    )
    auth_lockout_s: float = Field(
        default=300.0, gt=0, description="How long a client that failed too often is refused."
    )
    enrol_attempts_per_window: int = Field(
        default=30, ge=1, description="Enrolment attempts one client may make per auth_window_s."
    )
    hold_ttl_s: float = Field(
        default=120.0,
        gt=0,
        le=3600,
        description=(
            "How long a till's hold on a member's stored value and points lasts if the sale "
            "that asked for it is not pushed (released on void, captured by the pushed sale)."
        ),
    )
    console_max_failures: int = Field(
        default=5,
        ge=1,
        description=(
            "Wrong passwords in a row that lock a console account for console_lockout_s "
            "(each wrong password is also a 401 that counts against the client's address)."
        ),
    )
    console_lockout_s: float = Field(
        default=900.0, gt=0, description="How long a console account stays locked (15 min)."
    )
    console_session_hours: float = Field(
        default=12.0, gt=0, le=168, description="Longest life of a console session."
    )
    console_idle_minutes: float = Field(
        default=60.0, gt=0, description="A console session unused this long ends."
    )
    console_adjust_points: int = Field(
        default=500, ge=0, description=(
            "A console adjustment of more points than this waits for a second person's "
            "approval; up to it, it is posted at once."
        ),
    )  # fmt: skip
    console_adjust_fen: int = Field(
        default=10_000, ge=0, description=(
            "As console_adjust_points, for stored value (fen; 10000 = 100 yuan)."
        ),
    )  # fmt: skip
    console_secure_cookie: bool = Field(
        default=False,
        description=(
            "Mark the console's cookie Secure even on plain HTTP (set it when a TLS proxy "
            "sits in front); it is always Secure when the request came over HTTPS."
        ),
    )
