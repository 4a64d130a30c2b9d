"""SIGKILL at random moments: never half a sale, refund or recharge.

A child process runs checkouts, refunds and recharges in a loop on a real
SQLite file with the production pragmas; the test kills it with SIGKILL at
a random moment, at least 30 times. After each kill the database must pass
``PRAGMA integrity_check``, every sale must be whole (lines, tenders that add
up, stored-value and points entries matching its tenders, its outbox event
and audit row) or absent, every cached balance must equal the sum of its
ledger, and the keyed hash chain must verify: every committed row linked,
every link matching its row and following the one before (``problems``
includes ``chain_problems``; a kill between a row and its link would show).
Before each checkout the child notes the request in a side file; the
next child retries that exact request, so a sale cut off before its commit is
committed then, and one that had committed is not paid twice.

Run as ``python -m tests.integration.test_crash worker DB SEED PENDING`` for
the child.
"""

from __future__ import annotations

import contextlib
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest

from pos_member.store.checks import problems
from tests.till_shift import ensure_shift

ROOT = Path(__file__).resolve().parents[2]
KILLS = 32


def _worker(db: str, seed: int, pending: str) -> None:
    from pos_member.bootstrap import open_terminal
    from pos_member.domain.errors import UserFacingError
    from pos_member.domain.money import Money
    from pos_member.domain.tenders import TenderKind, TenderRequest
    from pos_member.seed.history import demo_buyer
    from pos_member.services.checkout import CheckoutRequest, LineRequest, new_sale_id
    from pos_member.services.context import Role, StaffSession
    from pos_member.services.refund import RefundRequest, new_refund_id
    from pos_member.services.stored_value import RechargeRequest, new_recharge_id
    from pos_member.settings import Settings

    cashier = StaffSession("1001", "cashier", Role.CASHIER)
    boss = StaffSession("2001", "supervisor", Role.SUPERVISOR)
    # No PIN pad in this loop: the PIN path is covered by the service tests.
    settings = Settings(db_path=Path(db), terminal_id="T01", pay_pin_threshold_fen=10**12)
    t = open_terminal(settings)
    ensure_shift(t.ctx)
    rng = random.Random(seed)
    conn = sqlite3.connect(db)
    codes = [r[0] for r in conn.execute("select code from products where weighed = 0 and "
                                        "count_card_plan is null limit 40")]  # fmt: skip
    members = [r[0] for r in conn.execute("select id from members limit 50")]

    def request(spec: dict[str, object]) -> CheckoutRequest:
        tenders = tuple(TenderRequest(TenderKind(k), Money(f)) for k, f in spec["tenders"])  # type: ignore[attr-defined]
        return CheckoutRequest(
            sale_id=str(spec["sale_id"]),
            staff=cashier,
            lines=tuple(LineRequest(c, quantity=q) for c, q in spec["lines"]),  # type: ignore[attr-defined]
            tenders=tenders,
            member_id=spec["member_id"],  # type: ignore[arg-type]
        )

    if os.path.exists(pending):
        with open(pending, encoding="utf-8") as f:
            spec = json.load(f)
        with contextlib.suppress(UserFacingError):
            t.checkout(request(spec))
        os.remove(pending)
    print("ready", flush=True)
    while True:
        roll = rng.random()
        try:
            if roll < 0.7:
                member = rng.choice(members) if rng.random() < 0.7 else None
                lines = [(rng.choice(codes), rng.randint(1, 3)) for _ in range(rng.randint(1, 8))]
                draft = CheckoutRequest(new_sale_id(), cashier,
                                        tuple(LineRequest(c, quantity=q) for c, q in lines),
                                        member_id=member)  # fmt: skip
                due = t.quote(draft).amount_due
                kind = "cash"
                if (
                    member is not None
                    and rng.random() < 0.5
                    and t.member(member).stored_value >= due
                ):
                    kind = "stored_value"
                spec = {"sale_id": draft.sale_id, "lines": lines, "member_id": member,
                        "tenders": [(kind, due.fen)]}  # fmt: skip
                tmp = pending + ".tmp"
                with open(tmp, "w", encoding="utf-8") as f:
                    json.dump(spec, f)
                os.replace(tmp, pending)
                t.checkout(request(spec))
                os.remove(pending)
            elif roll < 0.85:
                row = conn.execute(
                    "select receipt_no, (select count(*) from sale_lines l where l.sale_id = s.id)"
                    " from sales s where kind = 'sale' order by random() limit 1"
                ).fetchone()
                if row:
                    t.refund(RefundRequest(new_refund_id(), row[0],
                                           {rng.randint(1, row[1]): 1}, boss))  # fmt: skip
            else:
                amount = Money.yuan(rng.choice((100, 1000)))
                cash = (TenderRequest(TenderKind.CASH, amount),)
                who = rng.choice(members)
                t.recharge(
                    RechargeRequest(
                        new_recharge_id(),
                        who,
                        amount,
                        cash,
                        boss,
                        buyer=demo_buyer(t.ctx, who, amount),
                    )
                )
        except UserFacingError:
            continue


def _seeded(tmp_path: Path) -> Path:
    from pos_member.seed.demo import seed_demo

    db = tmp_path / "crash.db"
    seed_demo(db, members=60, products=60, days=0, seed=9, today=date(2026, 11, 23))
    return db


def _count(db: Path, sql: str, *params: object) -> int:
    conn = sqlite3.connect(db)
    try:
        return int(conn.execute(sql, params).fetchone()[0])
    finally:
        conn.close()


@pytest.mark.slow
@pytest.mark.integration
def test_sigkill_at_random_moments_never_leaves_half_a_sale(tmp_path: Path) -> None:
    db = _seeded(tmp_path)
    pending = tmp_path / "pending.json"
    rng = random.Random(20261123)
    cut_off = 0  # kills that landed between noting a sale and its commit
    links = _count(db, "select count(*) from chain_links")
    for i in range(KILLS):
        before = None
        if pending.exists():
            before = json.loads(pending.read_text(encoding="utf-8"))["sale_id"]
        child = subprocess.Popen(
            [sys.executable, "-m", "tests.integration.test_crash", "worker", str(db), str(i),
             str(pending)],
            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )  # fmt: skip
        assert child.stdout is not None
        line = child.stdout.readline()
        assert line.strip() == "ready", child.stderr.read() if child.stderr else line
        if before is not None:
            # The retried request is now committed exactly once.
            assert _count(db, "select count(*) from sales where id = ?", before) == 1
        time.sleep(rng.uniform(0.02, 0.3))
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
        child.stdout.close()
        if child.stderr is not None:
            child.stderr.close()
        assert child.returncode == -signal.SIGKILL
        conn = sqlite3.connect(db)
        try:
            found = problems(conn)
        finally:
            conn.close()
        assert found == [], f"after kill {i + 1}: {found}"
        # The chain only grows; the kill never leaves a committed row without its link.
        linked = _count(db, "select count(*) from chain_links")
        assert linked >= links, f"after kill {i + 1}: chain shrank {links} -> {linked}"
        links = linked
        if pending.exists():
            sale_id = json.loads(pending.read_text(encoding="utf-8"))["sale_id"]
            if _count(db, "select count(*) from sales where id = ?", sale_id) == 0:
                cut_off += 1
    sales = _count(db, "select count(*) from sales where kind = 'sale'")
    refunds = _count(db, "select count(*) from sales where kind = 'refund'")
    recharges = _count(db, "select count(*) from sales where kind = 'recharge'")
    assert sales > KILLS and refunds > 0 and recharges > 0
    assert _count(db, "select count(*) from chain_links where tbl = 'sales'") == (
        sales + refunds + recharges
    )
    # Some kills must have cut a sale off before its commit, or the test proved little.
    assert cut_off > 0


if __name__ == "__main__" and sys.argv[1:2] == ["worker"]:
    _worker(sys.argv[2], int(sys.argv[3]), sys.argv[4])
