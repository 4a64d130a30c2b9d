"""A migrated terminal database with the demo rules, staff and a movable clock."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from pos_member.domain.money import Money
from pos_member.domain.rules import demo_rules
from pos_member.services.auth import add_staff
from pos_member.services.context import Context, Role, StaffSession
from pos_member.services.programme import install_rules
from pos_member.services.shifts import open_shift
from pos_member.settings import Settings
from pos_member.store.db import Store
from pos_member.store.models import AuditEntry, OutboxEvent

START = datetime(2026, 3, 10, 2, 0, tzinfo=UTC)  # 10:00 in Shanghai


class Clock:
    def __init__(self, at: datetime = START) -> None:
        self.at = at

    def __call__(self) -> datetime:
        return self.at

    def advance(self, **kw: float) -> None:
        self.at += timedelta(**kw)


@dataclass
class Desk:
    ctx: Context
    clock: Clock
    cashier: StaffSession
    supervisor: StaffSession
    manager: StaffSession

    def counts(self) -> tuple[int, int]:
        """(audit rows, outbox rows): a refused action must change neither."""
        with self.ctx.store.reading() as s:
            audit = s.scalar(select(func.count(AuditEntry.id))) or 0
            outbox = s.scalar(select(func.count(OutboxEvent.seq))) or 0
        return audit, outbox


@pytest.fixture
def desk(tmp_path: Path) -> Iterator[Desk]:
    store = Store.open(tmp_path / "terminal.db", busy_timeout_ms=5_000)
    clock = Clock()
    # No payment PIN in these tests: the PIN pad is the counter's concern.
    settings = Settings(db_path=tmp_path / "terminal.db", pay_pin_threshold_fen=10**9)
    ctx = Context(store=store, settings=settings, clock=clock)
    with store.unit_of_work(ctx.terminal_id, ctx.now_iso()) as uow:
        install_rules(uow, demo_rules(), "2026-01-01")
    staff = {}
    for sid, role in (("1001", Role.CASHIER), ("2001", Role.SUPERVISOR), ("3001", Role.MANAGER)):
        add_staff(ctx, None, sid, f"staff {sid}", role, "1234")
        staff[role] = StaffSession(sid, f"staff {sid}", role)
    # Recharges and sales here need the till's shift, as at the counter.
    open_shift(ctx, staff[Role.CASHIER], Money(0))
    yield Desk(ctx, clock, staff[Role.CASHIER], staff[Role.SUPERVISOR], staff[Role.MANAGER])
    store.close()
