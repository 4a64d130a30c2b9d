"""Settings of card readers and scanners, declared once (env prefix ``POS_MEMBER_DEVICES_``)."""

from __future__ import annotations

import enum

from pydantic import BaseModel, Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from pos_member.domain.cards import CardNumberRule, CheckDigit
from pos_member.domain.scale import DEFAULT_SCALE_LAYOUTS, LabelValue, ScaleLayout

TESTED_IN = "tests/drivers/test_device_settings.py"


class CardMode(enum.StrEnum):
    UID = "uid"  # the card's UID identifies it (cards issued by other systems)
    SECURE = "secure"  # a MAC-protected sector written at issuance proves the card


class WeighedLayoutSetting(BaseModel):
    """One scale label layout: prefix | item code | skipped digits | value | EAN check digit."""

    prefix: str = Field(description="leading digits, 2 followed by 0-9 (e.g. '20')")
    item_digits: int = Field(description="digits of the store's item code")
    value: LabelValue = Field(description="what the value digits hold")
    value_digits: int = Field(description="digits of the weight (grams) or price (fen)")
    skip_digits: int = Field(default=0, description="digits between item and value (ignored)")

    @model_validator(mode="after")
    def _fills_a_label(self) -> WeighedLayoutSetting:
        self.layout()  # a layout that does not fill 13 digits is refused at start-up
        return self

    def layout(self) -> ScaleLayout:
        return ScaleLayout(
            self.prefix, self.item_digits, self.value, self.value_digits, self.skip_digits
        )


def default_weighed_layouts() -> list[WeighedLayoutSetting]:
    return [
        WeighedLayoutSetting.model_validate(d, from_attributes=True) for d in DEFAULT_SCALE_LAYOUTS
    ]


class DeviceSettings(BaseSettings):
    """Everything the card and scanner drivers need to know, with defaults for a demo counter."""

    # extra="ignore": the app's config file holds the other classes' POS_MEMBER_* lines too.
    model_config = SettingsConfigDict(
        env_prefix="POS_MEMBER_DEVICES_", env_nested_delimiter="__", extra="ignore"
    )

    production: bool = Field(
        default=False, description="a real store: the simulated reader refuses to start"
    )
    card_mode: CardMode = Field(default=CardMode.UID, description="uid or secure (see docs)")
    secure_sector: int = Field(default=1, ge=1, le=15, description="Mifare sector for secure mode")
    master_secret: SecretStr | None = Field(
        default=None, description="hex, at least 16 bytes; needed for secure mode"
    )
    pcsc_readers: list[str] = Field(
        default_factory=list, description="only use readers whose name contains one of these"
    )
    pcsc_poll_ms: int = Field(default=500, ge=10, description="status-change wait per loop")
    wedge_gap_ms: float = Field(
        default=40.0, gt=0, description="keys closer than this come from a scanner"
    )
    wedge_min_length: int = Field(default=4, ge=1, description="shortest scanner burst")
    serial_port: str | None = Field(default=None, description="e.g. /dev/ttyACM0 or /dev/ttyUSB0")
    serial_baud: int = Field(default=9600, description="serial scanner speed")
    serial_terminator: str = Field(default="\r", description="what ends one scan (CR by default)")
    card_prefix: str = Field(default="8800", description="member card number prefix")
    card_length: int = Field(default=16, description="member card number length")
    card_check: CheckDigit = Field(default=CheckDigit.LUHN, description="luhn or none")
    weighed_layouts: list[WeighedLayoutSetting] = Field(default_factory=default_weighed_layouts)

    @field_validator("master_secret")
    @classmethod
    def _secret_is_hex(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None:
            try:
                raw = bytes.fromhex(value.get_secret_value())
            except ValueError:
                raise ValueError("master_secret must be hexadecimal") from None
            if len(raw) < 16:
                raise ValueError("master_secret must be at least 16 bytes (32 hex digits)")
        return value

    def card_rule(self) -> CardNumberRule:
        return CardNumberRule(
            prefix=self.card_prefix, length=self.card_length, check=self.card_check
        )

    def scale_layouts(self) -> tuple[ScaleLayout, ...]:
        """The store's scale label layouts, for the classifier and the catalogue alike."""
        return tuple(s.layout() for s in self.weighed_layouts)

    def master_secret_bytes(self) -> bytes | None:
        if self.master_secret is None:
            return None
        return bytes.fromhex(self.master_secret.get_secret_value())
