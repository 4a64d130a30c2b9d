"""PIPL at head office on the embedded SQLite demo head office and migration 0018 on
both databases: the registration consent tills sent becomes a 'membership' record
once; on SQLite a prepaid member is restricted, hidden, sent to the tills without
personal fields, then erased by the retention job."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from sqlalchemy import Engine, text

from pos_member.headoffice import privacy
from pos_member.headoffice.auth import enrol, new_enrol_code, utcnow
from pos_member.headoffice.changes import START_CURSOR, read_page
from pos_member.headoffice.db import FOLDER, make_engine, open_database
from pos_member.headoffice.members import search_members
from pos_member.headoffice.push import TerminalIdentity, apply_batch, load_rules
from pos_member.headoffice.seed import seed_demo
from pos_member.headoffice.testing import scratch_database
from pos_member.wire.schemas import Entity, Event

pytestmark = pytest.mark.integration

NOW = "2026-11-01T00:00:00+00:00"


@pytest.fixture(params=["sqlite", "postgresql"])
def bare(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    if request.param == "sqlite":
        e = make_engine(f"sqlite:///{tmp_path / 'hq.db'}", pool_size=1)
        yield e
        e.dispose()
        return
    with scratch_database(request.getfixturevalue("pg_base"), "posm_mig18") as url:
        e = make_engine(url, pool_size=1)
        yield e
        e.dispose()


def upgrade(engine: Engine, to: str) -> None:
    cfg = FOLDER.config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, to)


def test_migration_0018_turns_registration_consent_into_membership_records(bare: Engine):
    upgrade(bare, "0017")
    with bare.begin() as conn:
        conn.execute(text("INSERT INTO tiers (code, name, rank) VALUES ('normal', 'n', 1)"))
        for mid, at in ((1, "2026-10-01T02:00:00+00:00"), (2, None), (3, "2026-10-02T02:00:00Z")):
            conn.execute(
                text(
                    "INSERT INTO members (id, name, tier_code, joined_on, status, consent_at, "
                    "consent_version, sv_principal_fen, sv_bonus_fen, points, balance_version, "
                    "updated_at) VALUES (:m, '张三', 'normal', '2026-01-01', 'active', :at, "
                    "'2026-01', 0, 0, 0, 0, :now)"
                ),
                {"m": mid, "at": at, "now": NOW},
            )
        # member 3 joined on the member page: its membership row is there already
        conn.execute(
            text(
                "INSERT INTO member_consent_log (member_id, purpose, granted, version, at) "
                "VALUES (3, 'membership', true, '2026-01', '2026-10-02T02:00:00Z')"
            )
        )
    upgrade(bare, "0018")
    with bare.connect() as conn:
        rows = conn.execute(
            text(
                "SELECT member_id, purpose, granted, version, at, channel FROM "
                "member_consent_log ORDER BY member_id, id"
            )
        ).all()
    assert [tuple(r) for r in rows] == [
        (1, "membership", True, "2026-01", "2026-10-01T02:00:00+00:00", "till"),
        (3, "membership", True, "2026-01", "2026-10-02T02:00:00Z", "member_page"),
    ]


def _event(kind: str, payload: dict[str, Any], terminal: str) -> Event:
    return Event.model_validate(
        {"id": str(uuid.uuid4()), "kind": kind, "store_id": "S001", "terminal_id": terminal,
         "created_at": "2026-11-22T03:00:00+00:00", "payload": payload}
    )  # fmt: skip


def test_the_sqlite_head_office_restricts_then_erases(tmp_path: Path):
    engine = open_database(f"sqlite:///{tmp_path / 'headoffice.db'}", pool_size=2)
    try:
        seed_demo(engine, members=5, products=2)
        with engine.begin() as conn:
            code = new_enrol_code(conn, "S001", 1, "TQ1")
            who, _token = enrol(conn, code, "TQ1", 1_000_000)
        assert isinstance(who, TerminalIdentity)
        mid = who.member_id_base + 7
        buyer = {
            "name": "钱七",
            "id_type": "resident_id",
            "id_masked": "1101**********1234",
            "id_sealed": "s1:" + "A" * 40,
            "consent_at": "2026-11-22T03:00:00+00:00",
        }
        events = [
            _event("member.registered", {
                "member_id": mid, "name": "钱七", "phone": "13700000007", "birthday": "1980-01-02",
                "tier_code": "normal", "joined_on": "2026-11-22", "card_number": f"SQ{mid}",
                "consent_at": "2026-11-22T02:00:00+00:00", "consent_version": "2026-01",
            }, "TQ1"),
            _event("recharge.completed", {
                "member_id": mid, "receipt_no": "RQ1", "business_date": "2026-11-22",
                "amount_fen": 2000, "tenders": [{"kind": "cash", "amount_fen": 2000}],
                "buyer": buyer,
            }, "TQ1"),
            _event("sale.completed", {
                "sale_id": str(uuid.uuid4()), "receipt_no": "RQ2", "business_date": "2026-11-22",
                "member_id": mid, "total_fen": 2000, "sv_principal_fen": -2000,
                "tenders": [{"kind": "stored_value", "amount_fen": 2000}],
            }, "TQ1"),
        ]  # fmt: skip
        with engine.begin() as conn:
            apply_batch(conn, who, events, utcnow(), load_rules(conn))
        now = datetime(2026, 12, 4, 8, 0, tzinfo=UTC)
        with engine.begin() as conn:
            assert [r["purpose"] for r in privacy.consent_history(conn, mid)] == [
                "membership",
                "sensitive",
            ]
            done = privacy.close_membership(conn, mid, now=now, taken_by="desk", channel="console")
        assert done["status"] == "restricted" and done["retain_until"] == "2031-11-22"
        with engine.connect() as conn:
            assert not search_members(conn, "钱七", None)
            assert not search_members(conn, f"SQ{mid}", None)
            page = read_page(conn, START_CURSOR, 10_000, entities=[Entity.MEMBER])
            [state] = [c.data for c in page.changes if c.key == str(mid)]
            assert state["status"] == "restricted"
            assert [state[k] for k in ("name", "phone", "birthday", "gender")] == [None] * 4
            pkg = privacy.data_package(conn, mid, now)
            assert pkg["member"]["name"] == "钱七" and pkg["tables"]["sv_entries"]
        with engine.begin() as conn:
            assert privacy.run_retention(conn, date(2031, 11, 23), now)["erased"] == 1
        with engine.connect() as conn:
            row = conn.execute(
                text("SELECT name, status FROM members WHERE id = :m"), {"m": mid}
            ).one()
            blob = str([e.payload for e in privacy.member_events(conn, mid)])
            total = conn.execute(
                text("SELECT sum(total_fen) FROM sales WHERE member_id = :m"), {"m": mid}
            ).scalar_one()
        assert tuple(row) == ("", "erased")
        assert "钱七" not in blob and "13700000007" not in blob
        assert total == 4000  # the recharge and the sale, under the member id
    finally:
        engine.dispose()
