"""Two tills and a report process on one database file: no "database is locked".

Each process opens the same SQLite file with the production set-up (WAL,
``BEGIN IMMEDIATE`` writers, busy timeout) and works flat out for a few
seconds: the tills check out, refund and recharge; the report process reads
X reports and member balances and logs staff in (which writes). Every
process must finish with no error at all, each having done real work, and
the file must be consistent afterwards.

Run as ``python -m tests.integration.test_concurrency worker ROLE DB SECONDS``
for a child.
"""

from __future__ import annotations

import json
import random
import sqlite3
import subprocess
import sys
import time
import traceback
from datetime import date
from pathlib import Path

import pytest

from pos_member.store.checks import problems
from tests.till_shift import ensure_shift

ROOT = Path(__file__).resolve().parents[2]
#: Actions each process does at least (the overlap the test needs).
MIN_OPS = 25
SECONDS = 5.0


def _worker(role: str, db: str, seconds: float) -> None:
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

    terminal_id = {"till1": "T01", "till2": "T02", "report": "T01"}[role]
    settings = Settings(db_path=Path(db), terminal_id=terminal_id, pay_pin_threshold_fen=10**12)
    t = open_terminal(settings)
    ensure_shift(t.ctx)
    rng = random.Random(role)
    cashier = StaffSession("1001", "cashier", Role.CASHIER)
    boss = StaffSession("2001", "supervisor", Role.SUPERVISOR)
    with t.store.reading() as s:
        codes = [
            r[0]
            for r in s.connection().exec_driver_sql(
                "select code from products where weighed = 0 and count_card_plan is null limit 40"
            )
        ]
        members = [r[0] for r in s.connection().exec_driver_sql("select id from members limit 40")]
    stats: dict[str, object] = {"role": role, "ops": 0, "refused": 0, "errors": []}
    errors: list[str] = stats["errors"]  # type: ignore[assignment]
    receipts: list[tuple[str, int]] = []
    print("ready", flush=True)
    # Flat out for ``seconds``, and on until MIN_OPS actions are done (a loaded machine is
    # slower, not a reason to test less overlap), but never past a hard stop.
    start = time.monotonic()
    end, stop = start + seconds, start + seconds + 90

    def more() -> bool:
        now, ops = time.monotonic(), int(stats["ops"])  # type: ignore[call-overload]
        return now < stop and (now < end or ops < MIN_OPS)

    while more():
        try:
            if role == "report":
                roll = rng.random()
                if roll < 0.6:
                    t.member(rng.choice(members))
                elif roll < 0.9:
                    with t.store.reading() as s:
                        s.connection().exec_driver_sql(
                            "select kind, count(*), sum(total_fen) from sales group by kind"
                        ).all()
                else:
                    t.login("3001", "9999")  # writes its audit row
            else:
                roll = rng.random()
                member = rng.choice(members)
                if roll < 0.75:
                    lines = tuple(LineRequest(rng.choice(codes), quantity=rng.randint(1, 2))
                                  for _ in range(rng.randint(1, 6)))  # fmt: skip
                    draft = CheckoutRequest(new_sale_id(), cashier, lines, member_id=member)
                    due = t.quote(draft).amount_due
                    kind = TenderKind.CASH
                    if rng.random() < 0.5 and t.member(member).stored_value >= due:
                        kind = TenderKind.STORED_VALUE
                    pay = (TenderRequest(kind, due),)
                    req = CheckoutRequest(draft.sale_id, cashier, lines, pay, member_id=member)
                    done = t.checkout(req)
                    receipts.append((done.receipt_no, len(lines)))
                elif roll < 0.85 and receipts:
                    no, n = rng.choice(receipts)
                    t.refund(RefundRequest(new_refund_id(), no, {rng.randint(1, n): 1}, boss))
                else:
                    amount = Money.yuan(200)
                    pay = (TenderRequest(TenderKind.CASH, amount),)
                    buyer = demo_buyer(t.ctx, member, amount)
                    t.recharge(
                        RechargeRequest(new_recharge_id(), member, amount, pay, boss, buyer=buyer)
                    )
            stats["ops"] = int(stats["ops"]) + 1  # type: ignore[call-overload]
        except UserFacingError:
            stats["refused"] = int(stats["refused"]) + 1  # type: ignore[call-overload]
        except Exception:
            errors.append(traceback.format_exc(limit=3))
    t.close()
    print(json.dumps(stats), flush=True)


@pytest.mark.slow
@pytest.mark.integration
def test_two_tills_and_a_report_never_see_database_is_locked(tmp_path: Path) -> None:
    from pos_member.seed.demo import seed_demo

    db = tmp_path / "shared.db"
    seed_demo(db, members=40, products=60, days=0, seed=4, today=date(2026, 11, 23))
    children = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "tests.integration.test_concurrency",
                "worker",
                role,
                str(db),
                str(SECONDS),
            ],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for role in ("till1", "till2", "report")
    ]
    results = []
    done = [(child, *child.communicate(timeout=120)) for child in children]  # all pipes closed
    for child, out, err in done:
        assert child.returncode == 0, err
        lines = out.strip().splitlines()
        assert lines[0] == "ready"
        results.append(json.loads(lines[-1]))
    print(json.dumps(results))
    for r in results:
        assert r["errors"] == [], r
        assert r["ops"] >= MIN_OPS, r
    conn = sqlite3.connect(db)
    try:
        assert problems(conn) == []
        terminals = dict(conn.execute("select terminal_id, count(*) from sales group by 1"))
    finally:
        conn.close()
    assert set(terminals) == {"T01", "T02"}


if __name__ == "__main__" and sys.argv[1:2] == ["worker"]:
    _worker(sys.argv[2], sys.argv[3], float(sys.argv[4]))


@pytest.mark.integration
def test_processes_opening_a_new_file_together_migrate_it_once(tmp_path: Path) -> None:
    db = tmp_path / "fresh.db"
    code = (
        "import sys\n"
        "from pos_member.store.db import Store\n"
        "s = Store.open(sys.argv[1])\n"
        "s.close()\n"
        "print('opened')\n"
    )
    children = [
        subprocess.Popen([sys.executable, "-c", code, str(db)], cwd=ROOT,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for _ in range(4)
    ]  # fmt: skip
    done = [(child, *child.communicate(timeout=120)) for child in children]  # all pipes closed
    for child, out, err in done:
        assert child.returncode == 0, err
        assert out.strip() == "opened"
    conn = sqlite3.connect(db)
    try:
        versions = conn.execute("select version_num from alembic_version").fetchall()
        assert len(versions) == 1
        assert conn.execute("pragma journal_mode").fetchone() == ("wal",)
        assert problems(conn) == []
    finally:
        conn.close()
