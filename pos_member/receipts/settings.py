"""Receipt and printer settings, declared once: type, default and description.

Read from the environment with the prefix ``POS_MEMBER_RECEIPT_`` (lists and
maps as JSON, e.g. ``POS_MEMBER_RECEIPT_PRINTERS='{"front": "tcp://10.0.0.9"}'``)
or passed explicitly; built by the caller and injected.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from pos_member.receipts.document import StoreHeader

TESTED_IN = "tests/printers/test_factory_status.py"


class ReceiptSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="POS_MEMBER_RECEIPT_", extra="ignore")

    store_name: str = Field(default="会员便利店", description="Store name at the top of receipts.")
    store_address: str = Field(default="", description="Address line under the store name.")
    store_phone: str = Field(default="", description="Phone number under the address.")
    footer: tuple[str, ...] = Field(
        default=("谢谢惠顾，欢迎再次光临", "凭小票可在30天内办理退换"),
        description="Lines printed at the bottom of every receipt.",
    )
    printer: str = Field(
        default="",
        description=(
            "The receipt printer as a URL: tcp://HOST:9100, usb://VENDOR:PRODUCT, "
            "serial:///dev/ttyUSB0?baudrate=19200, file:///dev/usb/lp0, pdf:///dir, "
            "cups://QUEUE?dir=/dir. Empty: no printer (receipts can still be saved as PDF)."
        ),
    )
    printers: dict[str, str] = Field(
        default_factory=dict, description='More printers by name, e.g. {"office": "cups://A4"}.'
    )
    paper: Literal["80mm", "58mm"] = Field(
        default="80mm", description="Roll width: 80 mm (48 columns) or 58 mm (32 columns)."
    )
    logo: Path | None = Field(default=None, description="Image printed above the store name.")
    print_timeout_s: float = Field(
        default=10.0, gt=0, description="Seconds a print job may take before it counts as failed."
    )
    open_drawer_for_cash: bool = Field(
        default=True, description="Kick the cash drawer when a receipt with cash prints."
    )
    expiring_within_days: int = Field(
        default=60, ge=0, description="Points expiring within this many days are shown."
    )

    @property
    def header(self) -> StoreHeader:
        return StoreHeader(self.store_name, self.store_address, self.store_phone)

    @property
    def columns(self) -> int:
        return 32 if self.paper == "58mm" else 48

    def printer_url(self, name: str | None) -> str:
        """The URL of printer ``name`` (the default one when None); a URL passes through."""
        if not name:
            return self.printer
        if name in self.printers:
            return self.printers[name]
        return name
