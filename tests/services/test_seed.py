"""The demo seed: what a newcomer gets, deterministic, consistent, through the CLI."""

from __future__ import annotations

import json
import sqlite3
from datetime import date
from pathlib import Path

import pytest

from pos_member.bootstrap import open_terminal
from pos_member.domain.cards import gs1_valid, luhn_valid
from pos_member.seed.demo import phone_for, seed_demo, uid_for
from pos_member.settings import Settings
from pos_member.store.checks import check_file

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
        "select id, name, phone, tier_code, sv_principal_fen, sv_bonus_fen from members",
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
    from ui.cli import main

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
