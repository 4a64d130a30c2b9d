"""Migration 0112: the offline day counters, filled from the sales a till already holds."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path

from alembic import command
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine

from pos_member.domain.money import Money
from pos_member.domain.tenders import TenderKind, TenderRequest
from pos_member.seed.demo import seed_demo
from pos_member.services.checkout import CheckoutRequest, LineRequest, checkout, new_sale_id, quote
from pos_member.services.context import Context, Role, StaffSession
from pos_member.settings import Settings
from pos_member.store import migrate
from pos_member.store.db import Store
from tests.till_shift import ensure_shift

CASHIER = StaffSession("1001", "小王", Role.CASHIER)
MEMBERS = "select member_id, business_date, spent_fen from offline_spend_member order by 1, 2"
TERMINALS = "select terminal_id, business_date, spent_fen from offline_spend_terminal order by 1, 2"


def cash(amount: Money) -> TenderRequest:
    return TenderRequest(TenderKind.CASH, amount)


def _migrate(path: Path, down_to: str) -> None:
    engine = create_engine(f"sqlite:///{path}")
    cfg = migrate.alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, down_to)
        command.upgrade(cfg, "head")
    engine.dispose()


def test_0112_follows_0111_in_a_chain_with_one_head() -> None:
    script = ScriptDirectory.from_config(migrate.alembic_config())
    rev = script.get_revision("0112")
    assert rev is not None and rev.down_revision == "0111"
    assert len(script.get_heads()) == 1


def test_an_existing_store_gets_the_counters_its_sales_make(tmp_path: Path) -> None:
    path = tmp_path / "till.db"
    seed_demo(path, members=30, products=10, days=0, today=date(2026, 11, 23))
    clock = datetime(2026, 11, 23, 2, 0, tzinfo=UTC)
    settings = Settings(db_path=path, terminal_id="T01", store_id="S001",
                        pay_pin_threshold_fen=10**9)  # fmt: skip
    ctx = Context(store=Store.open(path), settings=settings, clock=lambda: clock,
                  online=lambda: False)  # fmt: skip
    ensure_shift(ctx)
    raw = sqlite3.connect(path)
    members = [m for (m,) in raw.execute("select id from members where sv_principal_fen >= 10000")]
    (code,) = raw.execute("select code from products where weighed = 0 and count_card_plan is "
                          "null and price_fen >= 500 order by id limit 1").fetchone()  # fmt: skip
    raw.close()
    try:
        for i, mid in enumerate(members[:4]):
            base = CheckoutRequest(new_sale_id(), CASHIER, (LineRequest(code, quantity=2),),
                                   member_id=mid)  # fmt: skip
            due = quote(ctx, base).amount_due
            sv = Money(100 * (i + 1))
            part = (TenderRequest(TenderKind.STORED_VALUE, sv), cash(due - sv))
            checkout(ctx, replace(base, tenders=part))
            # Cash only: counts nothing.
            checkout(ctx, replace(base, sale_id=new_sale_id(), tenders=(cash(due),)))
    finally:
        ctx.store.close()
    raw = sqlite3.connect(path)
    kept = raw.execute(MEMBERS).fetchall(), raw.execute(TERMINALS).fetchall()
    raw.close()
    day = "2026-11-23"
    assert kept == (
        sorted((mid, day, 100 * (i + 1)) for i, mid in enumerate(members[:4])),
        [("T01", day, 1_000)],
    )
    # The same store as a till upgraded from 0111 finds it: the counters filled from its sales.
    _migrate(path, "0111")
    raw = sqlite3.connect(path)
    try:
        assert (raw.execute(MEMBERS).fetchall(), raw.execute(TERMINALS).fetchall()) == kept
    finally:
        raw.close()
