"""Issue 18: the till's file holds no member's full name or phone, and its logs none.

A realistic flow on a real head office (PostgreSQL + uvicorn, its demo seed of
members): the till pulls the chain's members, registers one at the counter,
finds members by a typed phone and by the phone's last 4 digits, sells to them
and syncs. Then the database file and its WAL are read as bytes and searched
for every member's full name and phone, in UTF-8 and in UTF-16 (both byte
orders); and every log record of the flow (DEBUG and up, plus the cashier's log
file the app writes beside the database) is searched the same way.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from pos_member.domain.money import Money
from pos_member.domain.prepaid import IdType
from pos_member.domain.tenders import TenderKind, TenderRequest
from pos_member.sealing import default_key_path
from pos_member.seed.history import demo_id_number
from pos_member.services import identify as ident
from pos_member.services import members as mb
from pos_member.services import stored_value as sv
from pos_member.services.context import Role, StaffSession
from pos_member.services.prepaid import RealNameInput
from pos_member.store import pii
from tests.sync.conftest import CASHIER, HeadOffice
from tests.till_shift import ensure_shift

SUPERVISOR = StaffSession("2001", "陈姐", Role.SUPERVISOR)

NEW_NAME = "司马相如"
NEW_PHONE = "13655501234"
#: The buyer of a real-name recharge for the new member (the prepaid-card law's record:
#: a relative pays, their name and contact are taken; both sealed at rest since 0124).
BUYER_NAME = "诸葛买卡"
BUYER_CONTACT = "13755507788"


def _people(hq: HeadOffice) -> list[tuple[str, str]]:
    with hq.engine.connect() as conn:
        rows = conn.execute(text("SELECT name, phone FROM members WHERE phone IS NOT NULL"))
        return [(str(n), str(p)) for n, p in rows]


def _needles(people: list[tuple[str, str]]) -> dict[bytes, str]:
    """Each full name and phone in UTF-8 and UTF-16 (LE and BE), to what it encodes.

    A two-character name in UTF-16 is only 4 bytes, which binary pages match by chance;
    UTF-16 names are searched from 3 characters on (phones always: 22 bytes)."""
    out: dict[bytes, str] = {}
    for name, phone in people:
        for enc in ("utf-8", "utf-16-le", "utf-16-be"):
            out[phone.encode(enc)] = f"phone {phone} ({enc})"
            if enc == "utf-8" or len(name) >= 3:
                out[name.encode(enc)] = f"name {name} ({enc})"
    return out


def _found(blob: bytes, needles: dict[bytes, str]) -> list[str]:
    return sorted({what for needle, what in needles.items() if needle in blob})


def _files(db: Path) -> list[Path]:
    return [p for p in (db, db.with_name(db.name + "-wal")) if p.exists()]


@pytest.fixture
def flow_log(tmp_path: Path) -> Any:
    """The cashier's rotating log file, as ``ui.app.setup_logging`` writes it."""
    log_file = tmp_path / "logs" / "cashier.log"
    log_file.parent.mkdir()
    handler = logging.FileHandler(log_file, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.setLevel(logging.DEBUG)
    root = logging.getLogger()
    root.addHandler(handler)
    try:
        yield log_file
    finally:
        root.removeHandler(handler)
        handler.close()


def test_the_tills_file_and_logs_hold_no_full_name_or_phone(
    hq: HeadOffice, make_till: Any, caplog: pytest.LogCaptureFixture, flow_log: Path
) -> None:
    caplog.set_level(logging.DEBUG)
    till = make_till()
    ctx = till.services.ctx
    people = _people(hq)
    assert len(people) >= 300
    # A member registered at the counter (Ctrl+N), then found by the phone the cashier
    # types and by its last 4 digits; sold to; a seeded member too; then synced.
    reg = mb.register_member(
        ctx, mb.RegisterRequest(CASHIER, NEW_NAME, NEW_PHONE, True, gender="male")
    )
    view = till.services.identify(NEW_PHONE)
    assert (view.member_id, view.name_masked, view.phone_masked) == (
        reg.member_id,
        "司***",
        "136****1234",
    )
    tail = ident.members_by_phone_tail(ctx, NEW_PHONE[-4:])
    assert reg.member_id in [m.member_id for m in tail.matches]
    till.sell(reg.member_id, 2)
    ensure_shift(ctx)
    buyer = RealNameInput(
        BUYER_NAME, IdType.RESIDENT_ID, demo_id_number(7), True, contact=BUYER_CONTACT
    )
    sv.recharge(
        ctx,
        sv.RechargeRequest(
            sv.new_recharge_id(), reg.member_id, Money(20_000),
            (TenderRequest(TenderKind.CASH, Money(20_000)),), SUPERVISOR, buyer=buyer,
        ),
    )  # fmt: skip
    ((masked, sealed_buyer),) = till.rows(
        "SELECT name_masked, name_sealed FROM real_name_records WHERE member_id = :i",
        i=reg.member_id,
    )
    assert masked == "诸***"
    assert pii.open_or_empty(till.synced.store.sealer, sealed_buyer, pii.REAL_NAME) == BUYER_NAME
    name0, phone0 = people[0]
    seeded = till.services.identify(phone0)
    till.sell(seeded.member_id, 1)
    # The manager sees the full name (opened from the sealed column), audited.
    (full,) = mb.search_members(ctx, StaffSession("3001", "店长", Role.MANAGER), phone0).members
    assert full.name == name0 and full.phone == phone0
    result = till.sync()
    assert till.rows("SELECT count(*) FROM outbox WHERE sent_at IS NULL") == [(0,)], result
    # Head office got the registration in full: the till sealed it only at rest.
    with hq.engine.connect() as conn:
        got = conn.execute(
            text("SELECT name, phone FROM members WHERE id = :i"), {"i": reg.member_id}
        ).one()
    assert tuple(got) == (NEW_NAME, NEW_PHONE)

    needles = _needles([*people, (NEW_NAME, NEW_PHONE), (BUYER_NAME, BUYER_CONTACT)])
    db = Path(till.synced.store.path)
    files = _files(db)
    assert db.with_name(db.name + "-wal") in files  # the WAL is searched too, not only the file
    blobs = [f.read_bytes() for f in files]
    # The search sees plain text where there is some: the staff's names are kept plain.
    assert any("陈姐".encode() in b for b in blobs)
    for f, blob in zip(files, blobs, strict=True):
        assert _found(blob, needles) == [], f
    # The key that opens the sealed columns is not in the file, and the file says so:
    # the sealed name is there, the full one is not.
    key_file = default_key_path(db)
    assert key_file.read_bytes() not in db.read_bytes()
    (sealed,) = till.rows("SELECT name_sealed FROM members WHERE id = :i", i=reg.member_id)[0]
    assert pii.full_name(till.synced.store.sealer, sealed) == NEW_NAME

    records = "\n".join(r.getMessage() for r in caplog.records)
    assert len(caplog.records) > 10  # the flow did log (sync rounds, registration, sales)
    assert _found(records.encode(), needles) == []
    assert flow_log.stat().st_size > 0
    assert _found(flow_log.read_bytes(), needles) == []
