"""Sync client settings, declared once (environment prefix ``POS_MEMBER_SYNC_``)."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class SyncSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="POS_MEMBER_SYNC_", extra="ignore")

    interval_s: float = Field(
        default=15.0, gt=0, description="Seconds between sync rounds while head office answers."
    )
    backoff_initial_s: float = Field(
        default=2.0, gt=0, description="First wait after a failed round; doubles each failure."
    )
    backoff_max_s: float = Field(default=300.0, gt=0, description="Longest wait between retries.")
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
