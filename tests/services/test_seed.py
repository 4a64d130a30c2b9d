"""The demo seed: what a newcomer gets, deterministic, consistent, through the CLI."""

from __future__ import annotations

import json
import sqlite3
from datetime import date
from pathlib import Path

import pytest

from pos_member.bootstrap import open_terminal
from pos_member.domain.cards import gs1_valid, luhn_valid
from pos_member.domain.money import Money
from pos_member.seed.demo import phone_for, seed_demo, uid_for
from pos_member.services.context import Context
from pos_member.services.members import member_statement
from pos_member.settings import Settings
from pos_member.store.checks import check_file
from pos_member.store.db import Store

TODAY = date(2026, 11, 23)


def _dump(path: Path, sql: str) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def test_seed_is_deterministic_and_consistent(tmp_path: Path) -> None:
    a, b = tmp_path / "a.db", tmp_path / "b.db"
    ra = seed_demo(a, members=300, products=80, days=3, seed=11, today=TODAY)
    seed_demo(b, members=300, products=80, days=3, seed=11, today=TODAY)
    for sql in (
        "select id, name_masked, phone_index, phone_last4, tier_code, sv_principal_fen,"
        " sv_bonus_fen from members",
        "select number, uid, state, member_id from cards order by number",
        "select code, barcode, name, price_fen, member_price_fen from products order by code",
        "select id, receipt_no, total_fen from sales order by receipt_no",
    ):
        assert _dump(a, sql) == _dump(b, sql)
    assert check_file(a) == []
    kinds = dict(_dump(a, "select kind, count(*) from sales group by kind"))
    assert kinds.get("sale", 0) >= 30
    assert ra.receipts and ra.staff and ra.members and ra.products


def test_seeded_identifiers_are_valid_and_unique(tmp_path: Path) -> None:
    path = tmp_path / "s.db"
    seed_demo(path, members=2000, products=200, days=0, seed=3, today=TODAY)
    numbers = [r[0] for r in _dump(path, "select number from cards")]
    assert all(luhn_valid(n) for n in numbers)
    barcodes = [r[0] for r in _dump(path, "select barcode from products where barcode is not null")]
    assert barcodes and all(gs1_valid(b) and len(b) == 13 for b in barcodes)
    phones = {phone_for(i) for i in range(100_000)}
    uids = {uid_for(i) for i in range(100_000)}
    assert len(phones) == len(uids) == 100_000
    weighed = _dump(path, "select count(*) from products where weighed = 1")[0][0]
    member_priced = _dump(path, "select count(*) from products where member_price_fen > 0")[0][0]
    assert weighed > 0 and member_priced > 0


def _cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    from pos_member_cli.main import main

    try:
        code = main(list(argv))
    except SystemExit as exc:  # argparse refusing an argument
        code = int(exc.code or 0)
    out = capsys.readouterr()
    return code, out.out, out.err


def test_demo_seed_command_prints_json_a_newcomer_can_use(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "demo.db"
    code, out, _ = _cli(capsys, "demo-seed", "--db", str(db), "--members", "200",
                        "--products", "50", "--days", "2", "--json")  # fmt: skip
    assert code == 0
    data = json.loads(out)
    assert {"staff", "members", "products", "receipts"} <= set(data)
    with open_terminal(Settings(db_path=db, terminal_id="T01")) as terminal:
        staff = data["staff"][0]
        assert terminal.login(staff["staff_id"], staff["pin"]).staff_id == staff["staff_id"]
        member = data["members"][1]
        assert terminal.identify(member["card_number"]).member_id == member["member_id"]
        assert terminal.identify(member["phone"]).member_id == member["member_id"]
        if member["card_uid"]:
            assert terminal.identify(member["card_uid"]).member_id == member["member_id"]
    code, _, err = _cli(capsys, "demo-seed", "--db", str(db), "--members", "5",
                        "--products", "5", "--days", "0")  # fmt: skip
    assert code == 1 and "already holds data" in err
    code, out, _ = _cli(capsys, "check-db", "--db", str(db))
    assert code == 0 and out.strip().endswith("ok")


def test_demo_seed_text_output(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _cli(capsys, "demo-seed", "--db", str(tmp_path / "t.db"), "--members", "20",
                        "--products", "20", "--days", "1")  # fmt: skip
    assert code == 0
    assert "Staff (id / PIN / role)" in out and "8888" in out
    code, _, err = _cli(capsys, "demo-seed", "--db", str(tmp_path / "u.db"), "--members", "-3")
    assert code == 2 and "negative" in err


def test_every_seeded_statement_starts_from_its_opening_balance(tmp_path: Path) -> None:
    """Opening balances come before the history: running balances never dip below zero
    and end at the member's cached balances (the manager's member statement)."""
    path = tmp_path / "statements.db"
    seed_demo(path, members=120, products=60, days=12, seed=21, today=TODAY)
    history = {
        int(r[0])
        for r in _dump(path, "select distinct member_id from sales where member_id is not null")
    }
    spent = _dump(path, "select distinct member_id from stored_value_entries where kind = 'spend'")
    redeemed = _dump(path, "select distinct member_id from points_entries where delta < 0")
    # Members who paid from stored value or redeemed points in the history are the ones
    # a misdated opening balance shows up on; the seed must have some of each.
    assert spent and redeemed
    sample = sorted(history | set(range(1, 21)))
    balances = "select id, sv_principal_fen + sv_bonus_fen, points_balance from members"
    cached = {int(r[0]): (int(r[1]), int(r[2])) for r in _dump(path, balances)}
    store = Store.open(path)
    try:
        ctx = Context(store=store, settings=Settings(db_path=path))
        for mid in sample:
            statement = member_statement(ctx, mid)
            lines = statement.lines
            low_sv = min((line.sv_after for line in lines), default=Money(0))
            low_points = min((line.points_after for line in lines), default=0)
            assert low_sv >= Money(0), f"member {mid}: stored value dips to {low_sv}"
            assert low_points >= 0, f"member {mid}: points dip to {low_points}"
            sv_end, points_end = cached[mid]
            assert (statement.sv_principal + statement.sv_bonus).fen == sv_end
            assert statement.points == points_end
            if lines:
                assert lines[-1].sv_after.fen == sv_end and lines[-1].points_after == points_end
            openings = [i for i, line in enumerate(lines) if line.note == "opening balance"]
            assert openings in ([], [0]), f"member {mid}: the opening balance is not first"
    finally:
        store.close()
    # Openings are dated on the member's join day (a points lot no earlier), before any sale.
    first_sale = _dump(path, "select min(created_at) from sales")[0][0]
    last_opening = _dump(
        path,
        "select max(created_at) from (select created_at from stored_value_entries"
        " where event_id like 'open-%' union all select created_at from points_entries"
        " where event_id like 'open-%')",
    )[0][0]
    assert last_opening < first_sale
    early = _dump(
        path,
        "select count(*) from stored_value_entries e join members m on m.id = e.member_id"
        " where e.event_id like 'open-%' and e.business_date != m.joined_on",
    )[0][0]
    assert early == 0
    lots_before_joining = _dump(
        path,
        "select count(*) from points_lots l join members m on m.id = l.member_id"
        " where l.id like 'open-%' and l.earned_on < m.joined_on",
    )[0][0]
    assert lots_before_joining == 0


def test_the_demos_large_deposit_is_a_company_purchase_by_transfer_on_several_cards(
    tmp_path: Path,
) -> None:
    """No card over the named cap: a company's ¥6,000 is ¥2,000 on each of three staff
    cards, paid by one bank transfer, its agent's real name recorded (number sealed)."""
    path = tmp_path / "d.db"
    seed_demo(path, members=300, products=80, days=3, seed=11, today=TODAY)
    rows = _dump(
        path,
        "select s.member_id, s.total_fen, t.method, r.name_masked, r.company_name, r.agent, "
        "r.id_masked from sales s join tenders t on t.sale_id = s.id "
        "join real_name_records r on r.event_id = s.id "
        "where s.kind = 'recharge' and t.method = 'bank_transfer' order by s.member_id",
    )
    assert rows == [
        (mid, 200_000, "bank_transfer", "王**", "上海示例科技有限公司", 1, "1101**********002X")
        for mid in (6, 7, 8)
    ]
    assert b"11010519491231002X" not in path.read_bytes()
    assert "王小明".encode() not in path.read_bytes()  # the buyer's name is sealed (0124)
    over = _dump(path, "select id from members where sv_principal_fen + sv_bonus_fen > 500000")
    assert over == []
