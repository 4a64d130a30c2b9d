"""The dashboard's per store and day totals, kept at push time, equal a recomputation from
``sales`` and ``sv_entries`` (real PostgreSQL, uvicorn on loopback): after sales with and
without members at two stores, refunds, recharges and a recharge reversal, events of an
earlier day arriving late, a batch whose days are out of order, a replayed batch and a
refused one; and the migration's backfill writes the same figures."""

from __future__ import annotations

import uuid
from itertools import product
from typing import Any

import pytest
from alembic import command
from sqlalchemy import text

from pos_member.headoffice import daily_totals, reports
from pos_member.headoffice.db import FOLDER
from pos_member.headoffice.testing import sale_event
from tests.headoffice.test_prepaid import recharge, reversal

pytestmark = pytest.mark.integration

#: What ``daily_report_raw`` figures from ``sales``.
RAW = {"store_id", "business_date", "sales_fen", "member_sales_fen", "refunds_fen",
       "recharges_fen", "receipts", "active_members"}  # fmt: skip
DAYS = ("2026-11-20", "2026-11-21", "2026-11-22")


def _push(hq: Any, token: str, events: list[dict[str, Any]], status: int = 200) -> None:
    with hq.client(token) as c:
        r = c.post("/api/v1/sync/push", json={"events": events})
    assert r.status_code == status, r.text


def _sale(store: str, terminal: str, member: int | None, day: str, fen: int) -> dict[str, Any]:
    return sale_event(str(uuid.uuid4()), store, terminal, member, day, fen)


def _refund(of: dict[str, Any], fen: int) -> dict[str, Any]:
    rid = str(uuid.uuid4())
    p = of["payload"]
    ev = sale_event(rid, of["store_id"], of["terminal_id"], p["member_id"], p["business_date"],
                    -fen)  # fmt: skip
    ev["kind"] = "refund.completed"
    ev["payload"]["original_sale_id"] = p["sale_id"]
    ev["payload"]["points_earned"] = -(fen // 100) if p["member_id"] is not None else 0
    return ev


def _check(hq: Any) -> dict[tuple[str, str], daily_totals.Totals]:
    with hq.engine.connect() as conn:
        kept, again = daily_totals.stored(conn), daily_totals.recompute(conn)
        assert kept == again
        assert daily_totals.last_days(conn) == daily_totals.recompute_last_days(conn)
        # Up to the newest day (each member's last day counts) and ending before it.
        ranges = [(DAYS[0], DAYS[-1]), (DAYS[0], DAYS[1]), (DAYS[1], DAYS[1]), (DAYS[2], DAYS[2])]
        for (first, last), scope in product(ranges, (None, ["S001"], ["S002", "S003"])):
            fast = reports.daily_report(conn, first, last, scope)
            raw = reports.daily_report_raw(conn, first, last, scope)
            assert fast.active_members == raw.active_members, (first, last, scope)
            with_sales = [d for d in fast.days if d.receipts or d.refunds or d.recharges_fen]
            assert [d.model_dump(include=RAW) for d in with_sales] == [
                d.model_dump(include=RAW) for d in raw.days
            ], (first, last, scope)
    return kept


def test_totals_kept_at_push_equal_a_recomputation(hq: Any) -> None:
    t1, t2 = hq.token("S001", "TD1"), hq.token("S002", "TD2")
    a = _sale("S001", "TD1", 3, DAYS[1], 12_300)
    b = _sale("S001", "TD1", 3, DAYS[1], 700)  # the same member twice: active once
    c = _sale("S001", "TD1", None, DAYS[1], 4_000)
    _push(hq, t1, [a, b, c])
    # Out of order in one batch: a later day first, then an earlier one.
    _push(hq, t2, [_sale("S002", "TD2", 4, DAYS[2], 900), _sale("S002", "TD2", 3, DAYS[0], 50)])
    # Late: a refund of the first sale, and an earlier day's sale, arrive a push later.
    _push(hq, t1, [_refund(a, 2_300), _sale("S001", "TD1", 5, DAYS[0], 1_000)])
    kept = _check(hq)
    day = kept[("S001", DAYS[1])]
    assert (day.sales_fen, day.member_sales_fen, day.receipts) == (17_000, 13_000, 3)
    assert (day.refunds_fen, day.refunds, day.active_members) == (-2_300, 1, 1)
    assert (day.points_earned, kept[("S002", DAYS[0])].active_members) == (123 + 7 - 23, 1)

    # A replayed batch (the till did not hear the answer) counts once.
    again = [_sale("S002", "TD2", 6, DAYS[2], 333)]
    _push(hq, t2, again)
    _push(hq, t2, again)
    assert _check(hq)[("S002", DAYS[2])].sales_fen == 1_233

    # A refused batch (one bad event) counts nothing: the totals share its transaction.
    before = _check(hq)
    bad = _sale("S002", "TD2", 7, DAYS[2], 100)
    bad["payload"]["member_id"] = 10**9  # no such member
    _push(hq, t2, [_sale("S002", "TD2", 7, DAYS[2], 100), bad], status=422)
    assert _check(hq) == before
    # Refused while the batch is being applied: a receipt number this till used before.
    dup = _sale("S002", "TD2", 7, DAYS[2], 100)
    dup["payload"]["receipt_no"] = again[0]["payload"]["receipt_no"]
    _push(hq, t2, [_sale("S002", "TD2", 7, DAYS[1], 100), dup], status=409)
    assert _check(hq) == before

    # A recharge, then its reversal on a later day: recharges and reversals per day.
    rc = recharge(hq, 8, 10_000, DAYS[1])
    rc["terminal_id"] = "TD1"
    _push(hq, t1, [rc])
    rv = reversal(rc, DAYS[2])
    rv["terminal_id"] = "TD1"
    _push(hq, t1, [rv])
    kept = _check(hq)
    assert kept[("S001", DAYS[1])].recharges_fen == 10_000
    with hq.engine.connect() as conn:
        reversed_fen = conn.execute(
            text("SELECT -sum(principal_delta_fen + bonus_delta_fen) FROM sv_entries "
                 "WHERE kind = 'reversal' AND business_date = :d AND store_id = 'S001'"),
            {"d": DAYS[2]},
        ).scalar_one()  # fmt: skip
    assert reversed_fen and kept[("S001", DAYS[2])].reversals_fen == reversed_fen


def test_the_migration_backfills_what_push_kept(hq: Any) -> None:
    """Down to 0011 (the tables go) and up again: the backfill writes the same rows."""
    t3 = hq.token("S003", "TD3")
    _push(hq, t3, [_sale("S003", "TD3", 9, DAYS[0], 4_400), _sale("S003", "TD3", 9, DAYS[0], 1)])
    with hq.engine.connect() as conn:
        kept = daily_totals.stored(conn)
        assert kept == daily_totals.recompute(conn)
        days = {tuple(r) for r in conn.execute(text("SELECT * FROM daily_member_days"))}
    assert kept[("S003", DAYS[0])].active_members == 1
    cfg = FOLDER.config()
    with hq.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0011")
    with hq.engine.begin() as conn:
        gone = conn.execute(text("SELECT to_regclass('daily_store_totals')")).scalar_one()
    assert gone is None
    with hq.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
    with hq.engine.connect() as conn:
        assert daily_totals.stored(conn) == kept
        assert {tuple(r) for r in conn.execute(text("SELECT * FROM daily_member_days"))} == days
