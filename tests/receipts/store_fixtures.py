"""A demo terminal store for receipt tests: seeded once per session, copied per test.

Real SQLite files with the production pragmas, filled by the demo seeder
(days of history through the real services), and a till that sells through
the real checkout.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from pos_member.domain.money import Money
from pos_member.domain.tenders import TenderKind, TenderRequest
from pos_member.receipts.build import ReceiptBuilder
from pos_member.receipts.settings import ReceiptSettings
from pos_member.seed.demo import SeedResult
from pos_member.services import checkout as co
from pos_member.services import shifts
from pos_member.services.context import Context, Role, StaffSession

TZ = ZoneInfo("Asia/Shanghai")
TODAY = date(2026, 11, 23)
CASHIER = StaffSession("1001", "小王", Role.CASHIER)
SUPERVISOR = StaffSession("2001", "陈姐", Role.SUPERVISOR)
SETTINGS = ReceiptSettings(store_name="好邻居便利店", footer=("谢谢惠顾",))


@dataclass
class Demo:
    path: Path
    seed: SeedResult


class Clock:
    def __init__(self) -> None:
        self.at = datetime(2026, 11, 23, 10, 0, tzinfo=TZ)

    def __call__(self) -> datetime:
        return self.at

    def tick(self, minutes: int = 1) -> None:
        self.at += timedelta(minutes=minutes)


@dataclass
class Till:
    ctx: Context
    clock: Clock
    seed: SeedResult
    builder: ReceiptBuilder

    @property
    def path(self) -> Path:
        return self.ctx.store.path

    def shift(self) -> int:
        """The till's open shift, opened (no float) when there is none: sales need one."""
        return shifts.current_shift(self.ctx) or shifts.open_shift(self.ctx, CASHIER, Money(0))

    def member(self, i: int = 0) -> dict[str, Any]:
        return self.seed.members[i]

    def product_codes(self, n: int) -> list[str]:
        packaged = [p for p in self.seed.products if "barcode" in p and "count_card_uses" not in p]
        return [p["barcode"] for p in packaged[:n]]

    def sell(
        self,
        *,
        member: dict[str, Any] | None = None,
        sv_part: Money | None = None,
        codes: list[str] | None = None,
        extra: tuple[co.LineRequest, ...] = (),
    ) -> co.SaleResult:
        """A sale paid (partly) from stored value, the rest in cash with 20 yuan change."""
        self.clock.tick()
        self.shift()
        lines = tuple(co.LineRequest(c) for c in (codes or self.product_codes(3))) + extra
        base = co.CheckoutRequest(
            sale_id=co.new_sale_id(),
            staff=CASHIER,
            lines=lines,
            member_id=member["member_id"] if member else None,
            pay_pin=member["pay_pin"] if member else None,
        )
        due = co.quote(self.ctx, base).amount_due
        tenders = []
        if sv_part is not None:
            tenders.append(TenderRequest(TenderKind.STORED_VALUE, sv_part))
            due = due - sv_part
        tenders.append(TenderRequest(TenderKind.CASH, due + Money(2000)))
        return co.checkout(self.ctx, replace(base, tenders=tuple(tenders)))
