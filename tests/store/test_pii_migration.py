"""Migration 0121 (issue 18): a till's members with plain names and phones are sealed.

A real file is built at revision 0119 (the schema before), given members with
plain names and phones, a held sale and an outbox row, and grown to many pages
so the old values sit in several of them; opening it as a ``Store`` migrates it.
Then the counter still finds every member by the typed phone and by its last 4
digits, the manager's search still opens the full name, and no byte of the
file or its WAL holds a plain name or phone (secure_delete, VACUUM, WAL truncated).
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import text

from pos_member.sealing import default_key_path
from pos_member.store import migrate, pii
from pos_member.store.db import Store
from pos_member.store.engine import make_engine

PEOPLE = [(i, f"欧阳测试{i:03d}", f"1380013{i:04d}") for i in range(1, 401)]


def _old_file(path: Path) -> None:
    engine = make_engine(path)
    try:
        with engine.begin() as conn:
            cfg = migrate.alembic_config()
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "0119")
        with engine.begin() as conn:
            conn.execute(text("INSERT INTO tiers (code, name, rank) VALUES ('normal', '普通', 0)"))
            conn.execute(
                text(
                    "INSERT INTO members (id, name, phone, birthday, tier_code, joined_on,"
                    " status, sv_principal_fen, sv_bonus_fen, points_balance, pay_pin_failures,"
                    " updated_at) VALUES (:id, :n, :p, NULL, 'normal', '2026-01-01', 'active',"
                    " 100, 0, 5, 0, 'x')"
                ),
                [{"id": i, "n": n, "p": p} for i, n, p in PEOPLE],
            )
    finally:
        engine.dispose()


def _bytes(db: Path) -> bytes:
    wal = db.with_name(db.name + "-wal")
    return db.read_bytes() + (wal.read_bytes() if wal.exists() else b"")


def _needles() -> list[bytes]:
    out = []
    for _, n, p in PEOPLE:
        for enc in ("utf-8", "utf-16-le", "utf-16-be"):
            out += [n.encode(enc), p.encode(enc)]
    return out


def test_0121_seals_existing_members_and_leaves_no_plain_page(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    key = tmp_path / "data.key"
    _old_file(path)
    before = _bytes(path)
    assert PEOPLE[0][1].encode() in before  # the control: the old file holds them plain
    old_env = os.environ.get("POS_MEMBER_DATA_KEY_FILE")
    os.environ["POS_MEMBER_DATA_KEY_FILE"] = str(key)
    try:
        assert default_key_path(path) == key
        store = Store.open(path)
        try:
            sealer = store.sealer
            with store.reading() as s:
                rows = s.execute(
                    text(
                        "SELECT id, name_masked, name_sealed, phone_index, phone_last4,"
                        " phone_masked, phone_sealed, sv_principal_fen FROM members ORDER BY id"
                    )
                ).all()
            assert len(rows) == len(PEOPLE)
            for (mid, name, phone), row in zip(PEOPLE, rows, strict=True):
                assert row[0] == mid and row[1] == "欧******"
                assert pii.full_name(sealer, row[2]) == name
                assert row[3] == pii.phone_index(sealer, phone) and row[4] == phone[-4:]
                assert row[5] == phone[:3] + "****" + phone[-4:]
                assert pii.full_phone(sealer, row[6]) == phone
                assert row[7] == 100  # balances untouched
            cols = {r[1] for r in store.raw_reader().execute("PRAGMA table_info(members)")}
            assert "name" not in cols and "phone" not in cols
            with store.reading() as s:
                assert s.execute(text("PRAGMA secure_delete")).scalar() == 1
        finally:
            store.close()
    finally:
        if old_env is None:
            del os.environ["POS_MEMBER_DATA_KEY_FILE"]
        else:
            os.environ["POS_MEMBER_DATA_KEY_FILE"] = old_env
    # The key file was made for the migration, readable by the till's user only.
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    after = _bytes(path)
    leaks = [n for n in _needles() if n in after]
    assert leaks == []


@pytest.mark.parametrize("phone", ["13800130007", "138 0013 0007"])
def test_after_0121_the_counter_finds_them_by_phone(tmp_path: Path, phone: str) -> None:
    from pos_member.domain.cards import normalise_phone

    path = tmp_path / "old.db"
    _old_file(path)
    store = Store.open(path)
    try:
        key = pii.phone_index(store.sealer, normalise_phone(phone))
        (mid,) = (
            store.raw_reader()
            .execute("SELECT id FROM members WHERE phone_index = ?", (key,))
            .fetchone()
        )
        assert mid == 7
        tail = (
            store.raw_reader()
            .execute("SELECT count(*) FROM members WHERE phone_last4 = '0007'")
            .fetchone()
        )
        assert tail == (1,)
    finally:
        store.close()


def test_the_cached_keys_give_what_the_sealer_gives() -> None:
    from pos_member.sealing import Sealer

    sealer = Sealer.for_tests("pii")
    cols = pii.member_columns(sealer, " 张伟东 ", "13800138000")
    assert sealer.open(cols["name_sealed"], pii.NAME) == "张伟东"
    assert sealer.open(cols["phone_sealed"], pii.PHONE) == "13800138000"
    assert cols["phone_index"] == sealer.blind_index("13800138000", pii.PHONE)[:20]
    assert cols["name_index"] == sealer.blind_index("张伟东", pii.NAME)
    other = pii.member_columns(Sealer.for_tests("other"), "张伟东", "13800138000")
    assert other["phone_index"] != cols["phone_index"]  # keyed: another key, another hash
    assert (cols["name_masked"], cols["phone_masked"], cols["phone_last4"]) == (
        "张**",
        "138****8000",
        "8000",
    )


def test_a_demo_seeded_till_with_history_holds_no_member_name_or_phone(tmp_path: Path) -> None:
    """The till's own demo seed (members, cards, balances, days of sales and recharges):
    neither its file nor its WAL holds any member's full name or phone, in UTF-8 or
    UTF-16, while every member's sealed name and phone open to the seeded values."""
    import datetime

    from pos_member.seed.demo import seed_demo

    db = tmp_path / "t.db"
    result = seed_demo(db, members=150, products=60, days=2, seed=5,
                       today=datetime.date(2026, 11, 23))  # fmt: skip
    sealer = pii.sealer_at(db)
    store = Store.open(db)
    try:
        rows = store.raw_reader().execute("SELECT name_sealed, phone_sealed FROM members")
        people = [(pii.full_name(sealer, n), pii.full_phone(sealer, p)) for n, p in rows]
    finally:
        store.close()
    assert len(people) >= 150 and all(n and p for n, p in people)
    shown = {(m["name"], m["phone"]) for m in result.members}
    assert shown <= set(people)  # the seed's own list agrees with what the file opens to
    blob = _bytes(db)
    assert "普通".encode() in blob  # the control: plain text is there where it is kept
    leaks = []
    for name, phone in people:
        for enc in ("utf-8", "utf-16-le", "utf-16-be"):
            if phone.encode(enc) in blob or (
                (enc == "utf-8" or len(name) >= 3) and name.encode(enc) in blob
            ):
                leaks.append((name, phone, enc))
    assert leaks == []
