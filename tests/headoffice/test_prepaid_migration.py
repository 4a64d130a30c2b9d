"""Head-office migration 0012 on a real PostgreSQL and SQLite file: head office's copies
of the counter's rules are dropped, values a chain had saved there kept in ``admin_log``
(never lost silently), and the 退卡 already kept closes the members' stored value."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from sqlalchemy import Engine, inspect, text

from pos_member.headoffice.db import FOLDER, make_engine
from pos_member.headoffice.testing import scratch_database

pytestmark = pytest.mark.integration

NOW = "2026-11-01T00:00:00+00:00"


@pytest.fixture(params=["sqlite", "postgresql"])
def engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    if request.param == "sqlite":
        e = make_engine(f"sqlite:///{tmp_path / 'hq.db'}", pool_size=1)
        yield e
        e.dispose()
        return
    pg_base = request.getfixturevalue("pg_base")
    with scratch_database(pg_base, "posm_mig") as url:
        e = make_engine(url, pool_size=1)
        yield e
        e.dispose()


def upgrade(engine: Engine, to: str) -> None:
    cfg = FOLDER.config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, to)


def seed_0011(engine: Engine, **settings: Any) -> None:
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO tiers (code, name, rank) VALUES ('normal', 'n', 1)"))
        for mid in (1, 2):
            conn.execute(
                text(
                    "INSERT INTO members (id, name, tier_code, joined_on, status, "
                    "sv_principal_fen, sv_bonus_fen, points, balance_version, updated_at) "
                    "VALUES (:m, '张三', 'normal', '2026-01-01', 'active', 0, 0, 0, 0, :now)"
                ),
                {"m": mid, "now": NOW},
            )
        values = {"named_cap_fen": 500000, "anonymous_cap_fen": 100000,
                  "cash_refund_max_fen": 10000, "cooling_off_days": None, **settings}  # fmt: skip
        conn.execute(
            text(
                "INSERT INTO prepaid_settings (id, issuer_type, region, named_cap_fen, "
                "anonymous_cap_fen, cash_refund_max_fen, revenue_ratio_permille, "
                "cooling_off_days, updated_at) VALUES (1, 'group', 'beijing', :named_cap_fen, "
                ":anonymous_cap_fen, :cash_refund_max_fen, 400, :cooling_off_days, :now)"
            ),
            {**values, "now": NOW},
        )
        # Member 1 closed twice (the earlier event time wins, whatever the offset says).
        for n, at in enumerate(("2026-11-25T14:00:00+08:00", "2026-11-25T07:00:00+00:00")):
            conn.execute(
                text(
                    "INSERT INTO prepaid_closures (event_id, kind, member_id, card_number, "
                    "store_id, terminal_id, business_date, created_at, principal_fen, "
                    "bonus_fen, refund_fen, expected_refund_fen, refund_method, flags) VALUES "
                    "(:e, 'closure', 1, '8800', 'S001', 'T01', '2026-11-25', :at, 0, 0, 0, 0, "
                    "'cash', '[]')"
                ),
                {"e": f"c{n}", "at": at},
            )


def test_saved_caps_go_to_the_admin_log_and_closures_close_the_value(engine):
    upgrade(engine, "0011")
    seed_0011(engine, named_cap_fen=300000, cooling_off_days=7)
    upgrade(engine, "0012")
    cols = {c["name"] for c in inspect(engine).get_columns("prepaid_settings")}
    assert cols.isdisjoint({"named_cap_fen", "anonymous_cap_fen", "cash_refund_max_fen",
                            "cooling_off_days"})  # fmt: skip
    with engine.connect() as conn:
        notes = conn.execute(
            text("SELECT detail, note FROM admin_log WHERE action = 'prepaid.settings.moved'")
        ).all()
        closed = dict(conn.execute(text("SELECT id, sv_closed_at FROM members")).all())
        kept = conn.execute(text("SELECT issuer_type, region FROM prepaid_settings")).one()
    [(detail, note)] = notes
    if isinstance(detail, str):  # SQLite's JSON comes back as text through raw SQL
        import json

        detail = json.loads(detail)
    assert detail == {
        "named_cap_fen": {"value": 300000, "now": "prepaid.named.cap"},
        "cooling_off_days": {"value": 7, "now": "prepaid.region"},
    }
    assert "publish a rules version" in note
    assert closed == {1: "2026-11-25T06:00:00.000000+00:00", 2: None}
    assert tuple(kept) == ("group", "beijing")


def test_the_laws_defaults_leave_no_note(engine):
    upgrade(engine, "0011")
    seed_0011(engine)
    upgrade(engine, "0012")
    with engine.connect() as conn:
        n = conn.execute(
            text("SELECT count(*) FROM admin_log WHERE action = 'prepaid.settings.moved'")
        ).scalar_one()
    assert n == 0
