"""Sync fixtures: a real head office (PostgreSQL + uvicorn on loopback) and terminals.

The PostgreSQL URL comes from ``POS_MEMBER_TEST_PG_URL`` (default: the local
server's ``test`` database); a scratch database is created per module and
dropped afterwards. Without a reachable server the tests skip with the reason
(and fail under CI=true, where nothing may skip).

Each terminal is a real SQLite store file enrolled with a fresh one-time
code. ``Counter`` writes what a counter's checkout writes for the ledgers:
the member's ledger entry, the cached balance and the outbox event, in one
transaction, enforcing the balance the counter sees (confirmed + unsynced)
and the offline limits (and their day counters).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import Engine, text

from pos_member import bootstrap
from pos_member.domain.errors import BalanceTooLow, PointsTooLow
from pos_member.domain.ledger import SVBalance, plan_sv_spend
from pos_member.domain.money import Money
from pos_member.domain.rules import ProgrammeRules, demo_rules
from pos_member.domain.tenders import TenderKind, TenderRequest
from pos_member.headoffice.app import create_app
from pos_member.headoffice.auth import new_enrol_code
from pos_member.headoffice.db import open_database
from pos_member.headoffice.seed import seed_demo
from pos_member.headoffice.settings import HQSettings
from pos_member.headoffice.testing import (
    ServerThread,
    scratch_database,
)
from pos_member.services.auth import hash_pin
from pos_member.services.checkout import CheckoutRequest, LineRequest, SaleResult, new_sale_id
from pos_member.services.context import Role, StaffSession
from pos_member.services.offline_caps import check_offline_spend, count_spend, spend_fen
from pos_member.services.refund import RefundRequest, new_refund_id
from pos_member.settings import Settings, SyncSettings
from pos_member.store import state
from pos_member.store.db import Store
from pos_member.store.models import Member, PointsEntry, PointsLot, Staff, StoredValueEntry
from pos_member.sync.authorise import HeadOfficeAuthoriser
from pos_member.sync.client import SyncClient, enrol_terminal
from pos_member.sync.sale_lookup import HeadOfficeSaleLookup
from pos_member.wire.schemas import EventKind

ADMIN = "admin-secret-token"
MEMBERS = 300


@dataclass
class HeadOffice:
    url: str
    db_url: str
    engine: Engine
    server: ServerThread

    def code(self, store_id: str, terminal_id: str, *, replaces: bool = False) -> str:
        """A one-time code for ``terminal_id`` (new, or ``replaces`` an enrolled one)."""
        with self.engine.begin() as conn:
            return new_enrol_code(conn, store_id, 1, terminal_id, replaces=replaces)

    def admin(self) -> httpx.Client:
        return httpx.Client(
            base_url=self.url, headers={"Authorization": f"Bearer {ADMIN}"}, timeout=10
        )

    def scalar(self, sql: str, **params: Any) -> Any:
        with self.engine.connect() as conn:
            return conn.execute(text(sql), params).scalar_one()

    def balance(self, member_id: int) -> tuple[int, int, int]:
        with self.engine.connect() as conn:
            row = conn.execute(
                text("SELECT sv_principal_fen, sv_bonus_fen, points FROM members WHERE id = :m"),
                {"m": member_id},
            ).one()
        return int(row[0]), int(row[1]), int(row[2])

    def ledger_sum(self, member_id: int) -> tuple[int, int, int]:
        with self.engine.connect() as conn:
            p, b = conn.execute(
                text(
                    "SELECT coalesce(sum(principal_delta_fen), 0), "
                    "coalesce(sum(bonus_delta_fen), 0)"
                    " FROM sv_entries WHERE member_id = :m"
                ),
                {"m": member_id},
            ).one()
            pts = conn.execute(
                text("SELECT coalesce(sum(delta), 0) FROM points_entries WHERE member_id = :m"),
                {"m": member_id},
            ).scalar_one()
        return int(p), int(b), int(pts)


@pytest.fixture(scope="module")
def hq(pg_base: str) -> Iterator[HeadOffice]:
    with scratch_database(pg_base, "posm_sync") as db_url:
        engine = open_database(db_url, pool_size=8)
        seed_demo(engine, members=MEMBERS, products=30)
        server = ServerThread(create_app(HQSettings(db_url=db_url, admin_token=ADMIN), engine))
        server.start()
        try:
            yield HeadOffice(server.url, db_url, engine, server)
        finally:
            server.stop()
            engine.dispose()


class Clock:
    """A settable clock for the sync client and the counter."""

    def __init__(self) -> None:
        self.now = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **kw: float) -> None:
        self.now += timedelta(**kw)


class Counter:
    """One till: sells and recharges the way the services do for the ledgers."""

    def __init__(self, store: Store, terminal_id: str, clock: Clock, offline_after_s: float):
        self.store = store
        self.terminal_id = terminal_id
        self.clock = clock
        self.offline_after_s = offline_after_s
        self.rules: ProgrammeRules = demo_rules()
        self.receipts = 0
        self.events: list[str] = []

    def _receipt(self) -> str:
        self.receipts += 1
        return f"{self.terminal_id}-{self.receipts:06d}"

    def balance(self, member_id: int) -> tuple[int, int, int]:
        with self.store.reading() as s:
            m = s.get(Member, member_id)
            assert m is not None
            return m.sv_principal_fen, m.sv_bonus_fen, m.points_balance

    def sale(
        self,
        member_id: int,
        *,
        sv_fen: int = 0,
        cash_fen: int = 0,
        points_redeemed: int = 0,
        points_earned: int = 0,
        card_number: str | None = None,
    ) -> str:
        eid = str(uuid.uuid4())
        now = self.clock()
        today = now.date().isoformat()
        with self.store.unit_of_work(self.terminal_id, now.isoformat()) as uow:
            conn = uow.session.connection()
            m = uow.session.get(Member, member_id)
            assert m is not None
            offline = check_offline_spend(
                conn, self.rules, member_id, sv_fen, points_redeemed, today, now,
                self.offline_after_s, terminal_id=self.terminal_id,
            )  # fmt: skip
            count_spend(conn, member_id, self.terminal_id, today,
                        spend_fen(self.rules, sv_fen, points_redeemed))  # fmt: skip
            tenders: list[dict[str, Any]] = []
            p = b = 0
            if sv_fen:
                bal = SVBalance(Money(m.sv_principal_fen), Money(m.sv_bonus_fen))
                if Money(sv_fen) > bal.total:
                    raise BalanceTooLow(balance=bal.total, requested=Money(sv_fen))
                e = plan_sv_spend(eid, bal, Money(sv_fen), self.rules.stored_value.spend_order)
                p, b = e.principal.fen, e.bonus.fen
                uow.session.add(
                    StoredValueEntry(
                        event_id=eid, member_id=member_id, kind="spend", principal_delta_fen=p,
                        bonus_delta_fen=b, terminal_id=self.terminal_id, offline=offline,
                        business_date=today, created_at=now.isoformat(),
                    )
                )  # fmt: skip
                m.sv_principal_fen += p
                m.sv_bonus_fen += b
                tenders.append({"kind": "stored_value", "amount_fen": sv_fen})
            pts_delta = points_earned - points_redeemed
            if points_redeemed:
                if points_redeemed > m.points_balance:
                    raise PointsTooLow(available=m.points_balance, requested=points_redeemed)
                value = self.rules.redeem.value_of(points_redeemed).fen
                tenders.append({"kind": "points", "amount_fen": value, "points": points_redeemed})
            if pts_delta:
                uow.session.add(
                    PointsLot(id=eid, member_id=member_id, earned_on=today, expires_on=None,
                              points=max(points_earned, 0))
                )  # fmt: skip
                uow.session.flush()
                uow.session.add(
                    PointsEntry(event_id=eid, member_id=member_id, lot_id=eid, kind="sale",
                                delta=pts_delta, created_at=now.isoformat())
                )  # fmt: skip
                m.points_balance += pts_delta
            if cash_fen:
                tenders.append({"kind": "cash", "amount_fen": cash_fen})
            total = sum(t["amount_fen"] for t in tenders)
            payload: dict[str, Any] = {
                "sale_id": eid,
                "receipt_no": self._receipt(),
                "business_date": today,
                "member_id": member_id,
                "offline": offline,
                "total_fen": total,
                "tenders": tenders,
                "sv_principal_fen": p,
                "sv_bonus_fen": b,
                "points_earned": points_earned,
                "points_redeemed": points_redeemed,
            }
            if card_number:
                payload["card_number"] = card_number
            uow.outbox(EventKind.SALE.value, payload, eid)
        self.events.append(eid)
        return eid

    def recharge(self, member_id: int, amount_fen: int) -> str:
        eid = str(uuid.uuid4())
        now = self.clock()
        bonus = self.rules.stored_value.bonus_for(Money(amount_fen)).fen
        with self.store.unit_of_work(self.terminal_id, now.isoformat()) as uow:
            m = uow.session.get(Member, member_id)
            assert m is not None
            uow.session.add(
                StoredValueEntry(
                    event_id=eid, member_id=member_id, kind="recharge",
                    principal_delta_fen=amount_fen, bonus_delta_fen=bonus,
                    terminal_id=self.terminal_id, offline=False,
                    business_date=now.date().isoformat(), created_at=now.isoformat(),
                )
            )  # fmt: skip
            m.sv_principal_fen += amount_fen
            m.sv_bonus_fen += bonus
            uow.outbox(
                EventKind.RECHARGE.value,
                {
                    "member_id": member_id,
                    "receipt_no": self._receipt(),
                    "business_date": now.date().isoformat(),
                    "amount_fen": amount_fen,
                    "bonus_fen": bonus,
                    "tenders": [{"kind": "cash", "amount_fen": amount_fen}],
                },
                eid,
            )
        self.events.append(eid)
        return eid


@dataclass
class Terminal:
    store: Store
    client: SyncClient
    counter: Counter
    clock: Clock
    terminal_id: str

    def sync(self) -> Any:
        return self.client.run_round()

    def set_url(self, url: str) -> None:
        with self.store.session() as s:
            state.set_state(s.connection(), state.HQ_URL, url)
        self.client.close()

    def card_state(self, number: str) -> str:
        with self.store.reading() as s:
            return str(
                s.connection()
                .execute(text("SELECT state FROM cards WHERE number = :n"), {"n": number})
                .scalar_one()
            )

    def ledger_matches_cache(self, member_id: int) -> bool:
        with self.store.reading() as s:
            m = s.get(Member, member_id)
            assert m is not None
            conn = s.connection()
            sp, sb = conn.execute(
                text(
                    "SELECT coalesce(sum(principal_delta_fen), 0), "
                    "coalesce(sum(bonus_delta_fen), 0)"
                    " FROM stored_value_entries WHERE member_id = :m"
                ),
                {"m": member_id},
            ).one()
            pts = conn.execute(
                text("SELECT coalesce(sum(delta), 0) FROM points_entries WHERE member_id = :m"),
                {"m": member_id},
            ).scalar_one()
            return (sp, sb, pts) == (m.sv_principal_fen, m.sv_bonus_fen, m.points_balance)


@pytest.fixture
def make_terminal(hq: HeadOffice, tmp_path: Path) -> Iterator[Any]:
    made: list[Terminal] = []

    def make(terminal_id: str | None = None, store_id: str = "S001", **settings: Any) -> Terminal:
        tid = terminal_id or f"T{uuid.uuid4().hex[:6].upper()}"
        store = Store.open(tmp_path / f"{tid}.db", busy_timeout_ms=10_000)
        clock = Clock()
        cfg = SyncSettings(**{"offline_after_s": 300.0, "batch_size": 50, **settings})
        enrol_terminal(store, hq.url, hq.code(store_id, tid), tid, settings=cfg)
        client = SyncClient(store, cfg, clock=clock)
        t = Terminal(store, client, Counter(store, tid, clock, cfg.offline_after_s), clock, tid)
        made.append(t)
        return t

    yield make
    for t in made:
        t.client.close()
        t.store.close()


@pytest.fixture
def member_ids() -> Iterator[Any]:
    """Hands out seeded members no other test of the module has used."""
    yield _next_members


_used: set[int] = set()


def _next_members(n: int, *, with_balance: int = 0, hq: HeadOffice | None = None) -> list[int]:
    out: list[int] = []
    for mid in range(1, MEMBERS + 1):
        if mid in _used:
            continue
        if with_balance and hq is not None:
            p, b, _ = hq.balance(mid)
            if p + b < with_balance:
                continue
        _used.add(mid)
        out.append(mid)
        if len(out) == n:
            return out
    raise RuntimeError("ran out of seeded members")


# --- tills running the real services (bootstrap) -----------------------------

CASHIER = StaffSession("1001", "小王", Role.CASHIER)
SUPERVISOR = StaffSession("2001", "陈姐", Role.SUPERVISOR)


@dataclass
class Till:
    """A synced till and the services the cashier app would use on it."""

    synced: Terminal
    services: bootstrap.Terminal

    def sync(self) -> Any:
        return self.synced.sync()

    def rows(self, sql: str, **params: Any) -> list[Any]:
        with self.synced.store.reading() as s:
            return list(s.connection().execute(text(sql), params).all())

    def pay(
        self, member_id: int, sv_fen: int, *, coupons: tuple[str, ...] = (), sale_id: str = ""
    ) -> SaleResult:
        """A sale to the member whose total is at least ``sv_fen``: stored value pays
        ``sv_fen``, cash the rest."""
        code, qty = self.cart_of_at_least(member_id, sv_fen)
        base = CheckoutRequest(
            sale_id=sale_id or new_sale_id(),
            staff=CASHIER,
            lines=(LineRequest(code, quantity=qty),),
            member_id=member_id,
        )
        due = self.services.quote(base).amount_due
        tenders = (
            TenderRequest(TenderKind.STORED_VALUE, Money(sv_fen)),
            TenderRequest(TenderKind.CASH, due - Money(sv_fen)),
        )
        return self.services.checkout(
            CheckoutRequest(
                sale_id=base.sale_id, staff=CASHIER, lines=base.lines, member_id=member_id,
                tenders=tenders, coupons=coupons,
            )
        )  # fmt: skip

    def sell(self, member_id: int, quantity: int, *, points: int = 0) -> SaleResult:
        """A sale of ``quantity`` of one product to the member, ``points`` redeemed, cash
        paying the rest."""
        code, _ = self.product()
        base = CheckoutRequest(
            sale_id=new_sale_id(), staff=CASHIER, lines=(LineRequest(code, quantity=quantity),),
            member_id=member_id, points_to_redeem=points,
        )  # fmt: skip
        due = self.services.quote(base).amount_due
        return self.services.checkout(replace(base, tenders=(TenderRequest(TenderKind.CASH, due),)))

    def spend_points(self, member_id: int, points: int) -> SaleResult | None:
        """A sale paid (almost) wholly with up to ``points`` of the member's points, so it
        earns next to nothing; None when the points would pay for no whole unit."""
        rules = self.services.rules().redeem
        code, price = self.product()
        qty = max(1, rules.value_of(points).fen // price)
        base = CheckoutRequest(
            sale_id=new_sale_id(), staff=CASHIER, lines=(LineRequest(code, quantity=qty),),
            member_id=member_id,
        )  # fmt: skip
        due = self.services.quote(base).amount_due
        units = min(points // rules.points_per_unit, due.fen // rules.unit_value.fen)
        if units <= 0:
            return None
        return self.sell(member_id, qty, points=units * rules.points_per_unit)

    def refund_all(self, sale: SaleResult) -> SaleResult:
        (qty,) = self.rows("SELECT quantity FROM sale_lines WHERE sale_id = :s", s=sale.sale_id)[0]
        return self.services.refund(
            RefundRequest(new_refund_id(), sale.receipt_no, {1: int(qty)}, SUPERVISOR)
        )

    def points(self, member_id: int) -> int:
        return int(self.synced.counter.balance(member_id)[2])

    def product(self, *, dearest: bool = False) -> tuple[str, int]:
        """A product sold by the piece: the first priced ¥5 or more, or the dearest."""
        code, price = self.rows(
            "SELECT code, price_fen FROM products WHERE weighed = 0 AND count_card_plan IS NULL"
            " AND price_fen >= 500 ORDER BY " + ("price_fen DESC" if dearest else "id") + " LIMIT 1"
        )[0]
        return str(code), int(price)

    def cart_of_at_least(self, member_id: int, fen: int) -> tuple[str, int]:
        """A product and a quantity whose total, member discounts taken, is at least ``fen``."""
        code, price = self.product(dearest=True)
        return code, fen * 2 // price + 2


@pytest.fixture
def make_till(make_terminal: Any) -> Iterator[Any]:
    opened: list[bootstrap.Terminal] = []

    def make(store_id: str = "S001") -> Till:
        t = make_terminal(store_id=store_id)
        t.sync()
        with t.store.session() as s:
            s.add(Staff(id="1001", name="小王", role="cashier", pin_hash=hash_pin("1234")))
            s.add(Staff(id="2001", name="陈姐", role="supervisor",
                        pin_hash=hash_pin("8888")))  # fmt: skip
        settings = Settings(
            db_path=t.store.path,
            terminal_id=t.terminal_id,
            store_id=store_id,
            pay_pin_threshold_fen=10**9,
        )
        services = bootstrap.open_terminal(settings, clock=t.clock)
        opened.append(services)
        # The composition root wired the head-office authoriser; on this shared, loaded
        # machine it gets a longer budget than a till's 1.5 s, so that "head office up"
        # means up (a slower answer would rightly fall back to the offline rules).
        assert isinstance(services.ctx.authoriser, HeadOfficeAuthoriser)
        services.ctx.authoriser.close()
        services.ctx.authoriser = patient = HeadOfficeAuthoriser(t.store, timeout_s=15)
        services.closing.append(patient.close)
        # The same for finding a receipt of another store (a till's budget: 2 s).
        assert isinstance(services.ctx.sale_lookup, HeadOfficeSaleLookup)
        services.ctx.sale_lookup.close()
        services.ctx.sale_lookup = lookup = HeadOfficeSaleLookup(t.store, timeout_s=15)
        services.closing.append(lookup.close)
        assert services.online  # synced just now by its own clock
        services.open_shift(CASHIER, Money(0))  # sales and recharges need the till's shift
        return Till(t, services)

    yield make
    for services in opened:
        services.close()
