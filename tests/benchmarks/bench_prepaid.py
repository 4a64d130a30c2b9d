"""Head office's prepaid-card reports on a large ledger, against one plain scan of it.

A scratch PostgreSQL database gets ``ENTRIES`` stored-value entries over a year,
three stores and ``MEMBERS`` members (one ``INSERT ... SELECT generate_series``).
Timed, ``ROUNDS`` times each, best and median: the outstanding value at a date
(per store, per member for the liability), the duties at a date (two of those),
the quarterly filing (its flows, two outstanding figures, the duties), and the
raw baseline: ``SELECT sum(principal), sum(bonus) FROM sv_entries``, the least
any report of the whole ledger must read.

``POS_MEMBER_BENCH_PREPAID_ENTRIES`` shrinks the run for a quick look.
"""

from __future__ import annotations

import os
import statistics
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import text

from pos_member.headoffice import prepaid_reports as pr
from pos_member.headoffice.db import open_database
from pos_member.headoffice.testing import pg_unreachable_reason, pg_url, scratch_database

ROOT = Path(__file__).resolve().parents[2]
FRAGMENT = ROOT / "docs" / "benchmarks" / "prepaid.md"
ENTRIES = int(os.environ.get("POS_MEMBER_BENCH_PREPAID_ENTRIES", "1000000"))
MEMBERS = 20_000
ROUNDS = 5


def _load(conn: Any) -> None:
    conn.execute(
        text("INSERT INTO stores (id, name) VALUES ('S001', 'a'), ('S002', 'b'), ('S003', 'c')")
    )
    conn.execute(text("INSERT INTO tiers (code, name, rank) VALUES ('normal', 'n', 1)"))
    conn.execute(
        text(
            "INSERT INTO members (id, name, tier_code, joined_on, status, sv_principal_fen, "
            "sv_bonus_fen, points, balance_version, updated_at) SELECT i, 'm', 'normal', "
            "'2026-01-01', 'active', 0, 0, 0, 0, '' FROM generate_series(1, :n) AS i"
        ),
        {"n": MEMBERS},
    )
    # Every fourth entry a recharge, the others spends a quarter its size: balances grow.
    conn.execute(
        text(
            "INSERT INTO sv_entries (event_id, member_id, kind, principal_delta_fen, "
            "bonus_delta_fen, store_id, terminal_id, business_date, created_at) "
            "SELECT 'e' || i, 1 + i % :m, CASE WHEN i % 4 = 0 THEN 'recharge' ELSE 'spend' END, "
            "CASE WHEN i % 4 = 0 THEN 40000 ELSE -10000 END, "
            "CASE WHEN i % 4 = 0 THEN 2000 ELSE -500 END, "
            "'S00' || (1 + i % 3), 'T01', "
            "to_char(date '2026-01-01' + (i % 365), 'YYYY-MM-DD'), '' "
            "FROM generate_series(1, :n) AS i"
        ),
        {"m": MEMBERS, "n": ENTRIES},
    )
    conn.execute(text("ANALYZE sv_entries"))


def _time(fn: Callable[[], Any]) -> dict[str, float]:
    xs = []
    for _ in range(ROUNDS):
        t = time.perf_counter()
        fn()
        xs.append((time.perf_counter() - t) * 1000)
    return {"best_ms": round(min(xs), 1), "median_ms": round(statistics.median(xs), 1)}


def run() -> dict[str, Any]:
    base = pg_url()
    reason = pg_unreachable_reason(base)
    if reason:
        raise RuntimeError(reason)
    with scratch_database(base, "posm_bench_prepaid") as url:
        engine = open_database(url, pool_size=2)
        t = time.perf_counter()
        with engine.begin() as conn:
            _load(conn)
        load_s = round(time.perf_counter() - t, 1)
        try:
            with engine.connect() as conn:
                timings = {
                    "baseline: one sum over the ledger": _time(
                        lambda: conn.execute(
                            text(
                                "SELECT sum(principal_delta_fen), sum(bonus_delta_fen) "
                                "FROM sv_entries"
                            )
                        ).one()
                    ),
                    "outstanding at 2026-09-30": _time(
                        lambda: pr.outstanding(conn, date(2026, 9, 30))
                    ),
                    "outstanding at 2026-01-31": _time(
                        lambda: pr.outstanding(conn, date(2026, 1, 31))
                    ),
                    "duties at 2026-09-30": _time(lambda: pr.duties(conn, date(2026, 9, 30))),
                    "quarterly filing 2026Q3": _time(
                        lambda: pr.quarterly_filing(conn, 2026, 3, "bench")
                    ),
                }
                filing = pr.quarterly_filing(conn, 2026, 3, "bench")
                formats = {
                    f"filing as {fmt}": _time(lambda fmt=fmt: pr.FORMATS[fmt](filing))
                    for fmt in ("csv", "xlsx", "pdf")
                }
        finally:
            engine.dispose()
    base_ms = timings["baseline: one sum over the ledger"]["median_ms"]
    result: dict[str, Any] = {
        "entries": ENTRIES,
        "members": MEMBERS,
        "load_s": load_s,
        "timings": {**timings, **formats},
        "ratios": {k: round(v["median_ms"] / base_ms, 2) for k, v in timings.items()},
        "load_average": round(os.getloadavg()[0], 1),
    }
    _write(result)
    return result


def _write(r: dict[str, Any]) -> None:
    lines = [
        "## Prepaid-card reports at head office (PostgreSQL)",
        "",
        f"{r['entries']:,} stored-value entries over 2026, {r['members']:,} members, three "
        f"stores (loaded in {r['load_s']} s); each figure computed {ROUNDS} times from the "
        "ledger in event time.",
        "",
        "| report | best ms | median ms | × baseline |",
        "|---|---:|---:|---:|",
    ]
    for name, t in r["timings"].items():
        ratio = r["ratios"].get(name)
        lines.append(
            f"| {name} | {t['best_ms']} | {t['median_ms']} | {'' if ratio is None else ratio} |"
        )
    lines += ["", f"Load average {r['load_average']}.", ""]
    FRAGMENT.parent.mkdir(parents=True, exist_ok=True)
    FRAGMENT.write_text("\n".join(lines), encoding="utf-8")


if __name__ == "__main__":
    import json

    print(json.dumps(run(), indent=2))
