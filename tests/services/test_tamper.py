"""Tamper evidence (issue 14, item 3): the keyed hash chain and what check-db finds.

Each case edits a real store file the way someone with the sqlite3 shell
would, after ``DROP TRIGGER`` where a trigger stands in the way, keeping the
edit consistent for the older checks (totals that add up, balances equal to
their ledgers), and asserts that ``check-db`` names it and fails.
"""

from __future__ import annotations

import itertools
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from pos_member.domain.money import Money
from pos_member.services.checkout import LineRequest, checkout
from pos_member.services.context import Context
from pos_member.store.checks import problems
from tests.services.conftest import GOLD_ID, GOLD_PIN, RICE, WATER, assert_consistent
from tests.services.helpers import cash, rows, sale, stored_value

ROOT = Path(__file__).resolve().parents[2]


@contextmanager
def shell(path: Path) -> Iterator[sqlite3.Connection]:
    """What the sqlite3 command line gives someone at the till's PC: no app, no TEMP triggers."""
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("BEGIN")
        yield conn
        conn.execute("COMMIT")
    finally:
        conn.close()


def found(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return problems(conn)
    finally:
        conn.close()


def check_db(path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pos_member_cli.main", "check-db", "--db", str(path)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin", "QT_QPA_PLATFORM": "offscreen"},
        check=False,
    )


def _two_sales(ctx: Context) -> tuple[str, str]:
    one = checkout(ctx, sale(LineRequest(WATER, quantity=2), tenders=(cash(10),)))
    two = checkout(
        ctx,
        sale(
            LineRequest(RICE),
            tenders=(stored_value(Money.yuan("47.50")),),
            member_id=GOLD_ID,
            pay_pin=GOLD_PIN,
        ),
    )
    return one.sale_id, two.sale_id


def test_every_committed_row_is_linked_and_the_chain_verifies(ctx: Context, db_path: Path) -> None:
    a, b = _two_sales(ctx)
    assert_consistent(db_path)
    linked = rows(db_path, "select tbl, count(*) from chain_links group by tbl")
    tables = dict(linked)
    for t in ("sales", "sale_lines", "tenders", "audit_log", "outbox", "stored_value_entries"):
        assert tables.get(t, 0) > 0, (t, linked)
    # Per chain, links are numbered without holes and each names its predecessor.
    for chain in ("rows", "events"):
        links = rows(
            db_path, "select n, prev, hash from chain_links where chain=? order by n", chain
        )
        assert [n for n, _, _ in links] == list(range(1, len(links) + 1))
        for (_, _, h), (_, prev, _) in itertools.pairwise(links):
            assert prev == h
    # Both sales' outbox events are on the events chain.
    assert rows(
        db_path,
        "select count(*) from chain_links c join outbox o on o.rowid = c.rid "
        "where c.chain = 'events' and o.id in (?, ?)",
        a,
        b,
    ) == [(2,)]


def test_a_consistent_edit_of_a_sale_total_is_found(ctx: Context, db_path: Path) -> None:
    sid, _ = _two_sales(ctx)
    with shell(db_path) as sh:
        for t in ("sales", "sale_lines", "tenders"):
            sh.execute(f"DROP TRIGGER {t}_no_update")
        # 4.00 of water becomes 3.00 everywhere the older checks look.
        sh.execute("UPDATE sales SET subtotal_fen = 300, total_fen = 300 WHERE id = ?", (sid,))
        sh.execute("UPDATE sale_lines SET gross_fen = 300, net_fen = 300 WHERE sale_id = ?", (sid,))
        sh.execute("UPDATE tenders SET amount_fen = 300 WHERE sale_id = ?", (sid,))
    out = found(db_path)
    assert any(f"sale {sid}" in p and "changed after it was committed" in p for p in out), out
    assert any("trigger sales_no_update is missing" in p for p in out), out
    done = check_db(db_path)
    assert done.returncode == 1, done
    assert f"sale {sid}" in done.stdout and "Traceback" not in done.stderr


def test_a_whole_sale_erased_is_found(ctx: Context, db_path: Path) -> None:
    sid, _ = _two_sales(ctx)
    with shell(db_path) as sh:
        for t in ("sales", "sale_lines", "tenders", "audit_log", "outbox"):
            sh.execute(f"DROP TRIGGER {t}_no_delete")
        sh.execute("PRAGMA foreign_keys = OFF")
        for t in ("sale_lines", "tenders", "sale_adjustments"):
            sh.execute(f"DELETE FROM {t} WHERE sale_id = ?", (sid,))
        sh.execute("DELETE FROM audit_log WHERE event_id = ?", (sid,))
        sh.execute("DELETE FROM outbox WHERE id = ?", (sid,))
        sh.execute("DELETE FROM sales WHERE id = ?", (sid,))
    out = found(db_path)
    assert any(p.startswith(f"sale {sid} (row ") and "erased" in p for p in out), out
    assert any(p.startswith(f"outbox event {sid} (row ") and "erased" in p for p in out), out
    assert check_db(db_path).returncode == 1


def test_forged_stored_value_is_found(ctx: Context, db_path: Path) -> None:
    _two_sales(ctx)
    with shell(db_path) as sh:
        # +1,000 yuan, ledger and cached balance kept equal: no trigger is in the way.
        sh.execute(
            "INSERT INTO stored_value_entries (event_id, member_id, kind, principal_delta_fen, "
            "bonus_delta_fen, terminal_id, offline, business_date, created_at) "
            "VALUES ('forged', ?, 'recharge', 100000, 0, 'T01', 0, '2026-11-23', '2026-11-23')",
            (GOLD_ID,),
        )
        sh.execute(
            "UPDATE members SET sv_principal_fen = sv_principal_fen + 100000 WHERE id = ?",
            (GOLD_ID,),
        )
    out = found(db_path)
    assert any(
        "stored-value entry" in p and f"member {GOLD_ID}" in p and "not in the chain" in p
        for p in out
    ), out
    # The till committing afterwards does not launder the forged row into its chain.
    checkout(ctx, sale(LineRequest(WATER), tenders=(cash(2),)))
    assert any("not in the chain" in p for p in found(db_path))


def test_events_marked_sent_behind_the_tills_back_are_found(ctx: Context, db_path: Path) -> None:
    sid, _ = _two_sales(ctx)
    with shell(db_path) as sh:
        sh.execute("UPDATE outbox SET sent_at = '2026-11-23T10:00:00+08:00' WHERE id = ?", (sid,))
    out = found(db_path)
    assert any(f"outbox event {sid}" in p and "marked sent" in p for p in out), out
    assert check_db(db_path).returncode == 1


def test_the_untouched_store_passes_check_db(ctx: Context, db_path: Path) -> None:
    _two_sales(ctx)
    done = check_db(db_path)
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.strip().endswith("ok")


# --- the tables that change, but only one way (item 3's "nothing guards ...") ---


def _refused(path: Path, sql: str, *params: object) -> str:
    with shell(path) as sh:
        try:
            sh.execute(sql, params)
        except sqlite3.IntegrityError as exc:
            return str(exc)
    raise AssertionError(f"{sql} was allowed")


def test_outbox_receipt_counter_and_roles_refuse_the_shell(ctx: Context, db_path: Path) -> None:
    sid, _ = _two_sales(ctx)
    with shell(db_path) as sh:
        sh.execute("UPDATE outbox SET sent_at = 't1' WHERE id = ?", (sid,))  # forward: allowed
    assert "never deleted" in _refused(db_path, "DELETE FROM outbox WHERE id = ?", sid)
    assert "only by being sent" in _refused(
        db_path, "UPDATE outbox SET sent_at = NULL WHERE id = ?", sid
    )
    assert "only by being sent" in _refused(
        db_path, "UPDATE outbox SET payload = '{}' WHERE id = ?", sid
    )
    assert "only go forward" in _refused(db_path, "UPDATE receipt_counters SET last_no = 0")
    assert "never deleted" in _refused(db_path, "DELETE FROM receipt_counters")
    assert "not changed in place" in _refused(
        db_path, "UPDATE staff SET role = 'manager' WHERE id = '1001'"
    )


def test_forged_role_card_coupon_price_and_rules_are_found(ctx: Context, db_path: Path) -> None:
    _two_sales(ctx)
    assert found(db_path) == []
    with shell(db_path) as sh:
        sh.execute("DROP TRIGGER staff_role_fixed")
        sh.execute("UPDATE staff SET role = 'manager' WHERE id = '1001'")
        sh.execute("UPDATE cards SET state = 'active' WHERE state = 'lost'")
        sh.execute("UPDATE coupons SET value_fen = value_fen + 5000 WHERE rowid = 1")
        sh.execute("UPDATE products SET price_fen = 1 WHERE code = 'T-RICE'")
        sh.execute("UPDATE programme_rules SET effective_from = '2000-01-01'")
        sh.execute("DROP TRIGGER receipt_counters_forward")
        sh.execute("UPDATE receipt_counters SET last_no = 1")
    out = "\n".join(found(db_path))
    assert "trigger staff_role_fixed is missing" in out
    assert "staff member 1001 (now manager) was changed behind the till's back" in out, out
    assert "card " in out and "(now active) was changed behind" in out, out
    assert "coupon " in out and "product T-RICE (now 1 fen" in out, out
    assert "programme rules version" in out, out
    assert "the receipt counter of terminal T01 is at 1 but receipt number 2 was already" in out
    assert check_db(db_path).returncode == 1


def test_changes_through_the_services_stay_verified(ctx: Context, db_path: Path) -> None:
    from pos_member.services.cards import report_lost
    from tests.services.conftest import CASHIER, NORMAL_CARD

    _two_sales(ctx)
    report_lost(ctx, CASHIER, NORMAL_CARD, "phone call")
    assert found(db_path) == []
    assert rows(db_path, "select count(*) from chain_links where tbl = 'cards'")[0][0] >= 1


def test_the_sync_clients_look_finds_new_forgeries_once_and_old_edits_in_its_round(
    ctx: Context, db_path: Path
) -> None:
    from pos_member.store.checks import PENDING_FAULTS, recent_problems

    def look() -> list[str]:
        with shell(db_path) as sh:
            return recent_problems(sh)

    sid, _ = _two_sales(ctx)
    assert look() == []
    with shell(db_path) as sh:
        sh.execute("DROP TRIGGER sales_no_update")
        sh.execute("UPDATE sales SET discount_fen = discount_fen + 100 WHERE id = ?", (sid,))
    # The edited sale was looked at before: the rolling slice of the older chain finds it.
    told = look()
    assert any(f"sale {sid}" in f and "changed after it was committed" in f for f in told), told
    assert any("trigger sales_no_update is missing" in f for f in told), told
    # Kept until head office has been told (the sync client then clears the list).
    assert look() == told
    with shell(db_path) as sh:
        sh.execute("UPDATE terminal_state SET value = '[]' WHERE key = ?", (PENDING_FAULTS,))
    assert not any("trigger" in f for f in look())  # told once per set of missing triggers
