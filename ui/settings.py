"""Settings of the cashier app itself (language, screens), declared once.

Read from the environment with the same prefix as the core settings
(``POS_MEMBER_LANGUAGE=en``...); built by ``run_app`` and injected.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class UiSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="POS_MEMBER_", extra="ignore")

    language: Literal["zh_CN", "en"] = Field(
        default="zh_CN", description="Language of the cashier screens: zh_CN or en."
    )
    customer_display: bool = Field(
        default=True, description="Open the customer display window (for a second screen)."
    )
    full_screen: bool = Field(
        default=False, description="Open the cashier window full screen (counter terminals)."
    )
    simulated_reader: bool = Field(
        default=True,
        description="Start the simulated card reader (demo and training) next to any PC/SC reader.",
    )
    pcsc: bool = Field(default=True, description="Watch PC/SC readers for card taps.")
    font_scale: float = Field(
        default=1.0, ge=0.5, le=3.0, description="Scale of every text on the cashier screens."
    )
