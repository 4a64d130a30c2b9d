"""Service fixtures: a demo store file (seeded once per session, copied per test)
with a few members, cards and products of known state, opened with the
production pragmas, and a clock the test moves by hand."""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from pos_member.domain.cards import CardNumberRule
from pos_member.domain.money import Money
from pos_member.domain.prepaid import IdType
from pos_member.domain.rules import demo_rules
from pos_member.seed.demo import ean13, seed_demo
from pos_member.seed.history import demo_id_number
from pos_member.services.auth import hash_pin
from pos_member.services.context import Context, Role, StaffSession
from pos_member.services.prepaid import RealNameInput, record_real_name
from pos_member.services.shifts import open_shift
from pos_member.settings import Settings
from pos_member.store.checks import problems
from pos_member.store.db import Store
from pos_member.store.models import (
    Card,
    Member,
    PointsEntry,
    PointsLot,
    Product,
    StoredValueEntry,
)

TZ = ZoneInfo("Asia/Shanghai")
TODAY = date(2026, 11, 23)
NOW = datetime(2026, 11, 23, 10, 0, tzinfo=TZ)
RULE = CardNumberRule()

GOLD_ID = 900_001
NORMAL_ID = 900_002
GOLD_CARD = RULE.make(900_001)
GOLD_UID = "04AABBCC"
GOLD_PHONE = "13900000001"
GOLD_PIN = "246810"
NORMAL_CARD = RULE.make(900_002)
LOST_CARD = RULE.make(900_003)
STOCK_CARD = RULE.make(900_004)
EXPIRED_CARD = RULE.make(900_005)
REPLACED_CARD = RULE.make(900_006)

WATER = ean13("690123456789")  # 2.00
MILK = ean13("690123456790")  # 10.00, member price 9.00
RICE = ean13("690123456791")  # 50.00
APPLE_PLU = "20001"  # 10.00 per kg, weighed

CASHIER = StaffSession("1001", "小王", Role.CASHIER)
SUPERVISOR = StaffSession("2001", "陈姐", Role.SUPERVISOR)
MANAGER = StaffSession("3001", "赵总", Role.MANAGER)


class Clock:
    def __init__(self, at: datetime) -> None:
        self.at = at

    def __call__(self) -> datetime:
        return self.at

    def advance(self, **kw: float) -> None:
        self.at += timedelta(**kw)


def _add_fixtures(path: Path) -> None:
    store = Store.open(path)
    rules = demo_rules()
    now = NOW.isoformat()
    with store.session() as s:
        s.add_all(
            [
                Product(code="T-WATER", barcode=WATER, name="矿泉水 550ml", price_fen=200),
                Product(
                    code="T-MILK",
                    barcode=MILK,
                    name="纯牛奶 1L",
                    price_fen=1000,
                    member_price_fen=900,
                    discountable=False,
                ),
                Product(code="T-RICE", barcode=RICE, name="大米 5kg", price_fen=5000),
                Product(code=APPLE_PLU, name="富士苹果 (称重)", price_fen=1000, weighed=True),
            ]
        )
        gold = Member(
            id=GOLD_ID,
            name="张金卡",
            phone=GOLD_PHONE,
            birthday="1990-05-10",
            tier_code="gold",
            joined_on="2024-01-01",
            pay_pin_hash=hash_pin(GOLD_PIN),
            updated_at=now,
        )
        normal = Member(
            id=NORMAL_ID,
            name="李普通",
            phone="13900000002",
            birthday="1985-06-02",
            tier_code="normal",
            joined_on="2025-06-01",
            updated_at=now,
        )
        s.add_all([gold, normal])
        s.flush()
        s.add_all(
            [
                Card(number=GOLD_CARD, uid=GOLD_UID, kind="mifare", state="active",
                     member_id=GOLD_ID),
                Card(number=NORMAL_CARD, kind="barcode", state="active", member_id=NORMAL_ID),
                Card(number=LOST_CARD, kind="barcode", state="lost", member_id=GOLD_ID),
                Card(number=STOCK_CARD, kind="barcode", state="stock"),
                Card(number=EXPIRED_CARD, kind="barcode", state="active", member_id=NORMAL_ID,
                     expires_on="2026-01-01"),
                Card(number=REPLACED_CARD, kind="barcode", state="replaced", member_id=GOLD_ID),
            ]
        )  # fmt: skip
        # Opening balances as ledger entries: 1,000 yuan recharge with its 50 bonus,
        # and a lot of 2,000 points.
        bonus = rules.stored_value.bonus_for(Money(100_000)).fen
        s.add(
            StoredValueEntry(
                event_id="open-gold", member_id=GOLD_ID, kind="recharge",
                principal_delta_fen=100_000, bonus_delta_fen=bonus, terminal_id="HQ",
                business_date="2026-11-01", created_at=now,
            )
        )  # fmt: skip
        gold.sv_principal_fen, gold.sv_bonus_fen = 100_000, bonus
        s.add(PointsLot(id="open-gold-pts", member_id=GOLD_ID, earned_on="2026-03-01",
                        expires_on="2027-12-31", points=2000))  # fmt: skip
        s.flush()
        s.add(PointsEntry(event_id="open-gold-pts", member_id=GOLD_ID, lot_id="open-gold-pts",
                          kind="earn", delta=2000, created_at=now))  # fmt: skip
        gold.points_balance = 2000
    # Both bought their named cards here: their real names are on file (the law's record
    # at the purchase, docs/prepaid.md), so their recharges need no new one.
    ctx = Context(
        store=store,
        settings=Settings(db_path=path, terminal_id="T01", store_id="S001"),
        clock=lambda: NOW,
    )
    with store.unit_of_work("T01", now) as uow:
        for mid, name in ((GOLD_ID, "张金卡"), (NORMAL_ID, "李普通")):
            who = RealNameInput(name, IdType.RESIDENT_ID, demo_id_number(mid), consent=True)
            record_real_name(ctx, uow, who, member_id=mid, purpose="purchase",
                             event_id=f"open-rn-{mid}", staff_id="2001", rules=rules)  # fmt: skip
    store.close()
    raw = sqlite3.connect(path)
    raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    raw.close()


@pytest.fixture(scope="session")
def template_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "demo.db"
    seed_demo(path, members=50, products=30, days=0, seed=5, today=TODAY)
    _add_fixtures(path)
    return path


@dataclass
class Link:
    online: bool = True


@pytest.fixture
def clock() -> Clock:
    return Clock(NOW)


@pytest.fixture
def link() -> Link:
    return Link()


@pytest.fixture
def db_path(tmp_path: Path, template_db: Path) -> Path:
    path = tmp_path / "terminal.db"
    shutil.copy(template_db, path)
    return path


def open_test_shift(ctx: Context, staff: StaffSession | None = None) -> int:
    """The till's shift, opened with no float: sales, refunds and recharges need one."""
    return open_shift(ctx, staff or CASHIER, Money(0))


@pytest.fixture
def ctx(
    request: pytest.FixtureRequest, db_path: Path, clock: Clock, link: Link
) -> Iterator[Context]:
    """The till T01 with its shift open (``@pytest.mark.no_shift``: with none)."""
    store = Store.open(db_path, busy_timeout_ms=5_000)
    settings = Settings(db_path=db_path, terminal_id="T01", store_id="S001")
    c = Context(store=store, settings=settings, clock=clock, online=lambda: link.online)
    if request.node.get_closest_marker("no_shift") is None:
        open_test_shift(c)
    yield c
    store.close()


def table_counts(path: Path) -> dict[str, object]:
    """Rows per table and the balances: what 'nothing was written' compares."""
    conn = sqlite3.connect(path)
    try:
        names = [r[0] for r in conn.execute("select name from sqlite_master where type='table'")]
        out: dict[str, object] = {n: conn.execute(f'select count(*) from "{n}"').fetchone()[0]
                                  for n in names}  # fmt: skip
        out["balances"] = conn.execute(
            "select sum(sv_principal_fen), sum(sv_bonus_fen), sum(points_balance) from members"
        ).fetchone()
        out["coupons_used"] = conn.execute(
            "select count(*) from coupons where used_by_sale is not null"
        ).fetchone()[0]
        out["receipt_counter"] = conn.execute(
            "select coalesce(max(last_no), 0) from receipt_counters"
        ).fetchone()[0]
        return out
    finally:
        conn.close()


@pytest.fixture
def unchanged(db_path: Path) -> Callable[[], None]:
    """Call after a refused action: asserts the database is as before it."""
    before = table_counts(db_path)

    def check() -> None:
        assert table_counts(db_path) == before

    return check


def assert_consistent(path: Path) -> None:
    conn = sqlite3.connect(path)
    try:
        assert problems(conn) == []
    finally:
        conn.close()
