"""Member analytics and member search on a 1,000,000-member store.

The store is the demo seed (``pos_member.seed.demo.seed_demo``: members,
cards, opening balances, points lots) plus a year of synthetic sales written
straight into ``sales`` and ``tenders`` (60% to members, one tender each), so
that the report queries run over millions of rows. The seeded file is kept in
``$POS_MEMBER_BENCH_DIR`` (default: the system temp dir) and reused by later
runs.

Baselines from the same run, on the same file, with raw sqlite3:

* analytics: one plain pass over every sale (``SELECT COUNT(*), SUM(total_fen)
  FROM sales NOT INDEXED``), the floor cost of any report that reads the
  sales table itself;
* search: the naive ``name LIKE '%x%'`` scan over all members that the
  indexed prefix search replaces.
"""

from __future__ import annotations

import os
import random
import sqlite3
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from pos_member.domain.rules import demo_rules
from pos_member.reports import analytics as an
from pos_member.seed.demo import phone_for, seed_demo
from pos_member.services import members as mb
from pos_member.services.context import Context, Role, StaffSession
from pos_member.settings import Settings
from pos_member.store.db import Store

ROOT = Path(__file__).resolve().parents[2]
FRAGMENT = ROOT / "docs" / "benchmarks" / "analytics.md"
MEMBERS = 1_000_000
SALES = 2_000_000
TODAY = date(2026, 11, 23)
SEED_VERSION = "analytics-v1"


def _cache() -> Path:
    base = Path(os.environ.get("POS_MEMBER_BENCH_DIR", tempfile.gettempdir()))
    return base / f"pos-member-bench-{SEED_VERSION}-{MEMBERS}.db"


def _add_sales(path: Path, n: int, members: int, rng: random.Random) -> None:
    """A year of sales, 60% to members, at store hours, with one tender each."""
    conn = sqlite3.connect(str(path), isolation_level=None)
    conn.execute("PRAGMA synchronous = OFF")
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("BEGIN IMMEDIATE")
    kinds = ("cash", "stored_value", "external", "external")
    batch_s: list[tuple[Any, ...]] = []
    batch_t: list[tuple[Any, ...]] = []
    for i in range(n):
        day = TODAY - timedelta(days=rng.randrange(365))
        # 08:00-22:00 Beijing time is 00:00-14:00 UTC
        at = datetime(
            day.year, day.month, day.day, rng.randrange(0, 14), rng.randrange(60), tzinfo=UTC
        )
        member = rng.randrange(1, members + 1) if rng.random() < 0.6 else None
        refund = rng.random() < 0.02
        total = rng.randrange(500, 50_000) * (-1 if refund else 1)
        sid = f"b{i:09d}"
        batch_s.append(
            (
                sid,
                "refund" if refund else "sale",
                f"B-{i:09d}",
                member,
                at.isoformat(),
                day.isoformat(),
                total,
            )
        )
        batch_t.append((sid, kinds[i % 4] if member else "cash", total))
        if len(batch_s) >= 50_000:
            _flush(conn, batch_s, batch_t)
    _flush(conn, batch_s, batch_t)
    conn.execute("COMMIT")
    conn.execute("ANALYZE")
    conn.close()


def _flush(conn: sqlite3.Connection, s: list[tuple[Any, ...]], t: list[tuple[Any, ...]]) -> None:
    conn.executemany(
        "INSERT INTO sales (id, kind, terminal_id, receipt_no, member_id, staff_id, created_at,"
        " business_date, subtotal_fen, discount_fen, rounding_fen, total_fen, points_earned,"
        " points_redeemed, offline, detail) VALUES (?, ?, 'B01', ?, ?, '1001', ?, ?, 0, 0, 0, ?,"
        " 0, 0, 0, '{}')",
        s,
    )
    conn.executemany(
        "INSERT INTO tenders (sale_id, seq, kind, method, amount_fen, tendered_fen, change_fen,"
        " sv_principal_fen, sv_bonus_fen, points) VALUES (?, 1, ?, '', ?, 0, 0, 0, 0, 0)",
        t,
    )
    s.clear()
    t.clear()


def prepare() -> tuple[Path, dict[str, float]]:
    path = _cache()
    done = path.with_suffix(".ready")
    timings: dict[str, float] = {}
    if done.exists():
        return path, timings
    for p in path.parent.glob(path.name + "*"):
        p.unlink()
    t0 = time.perf_counter()
    seed_demo(path, members=MEMBERS, products=500, days=0, today=TODAY)
    timings["seed_members_s"] = round(time.perf_counter() - t0, 1)
    t0 = time.perf_counter()
    _add_sales(path, SALES, MEMBERS, random.Random(8))
    timings["add_sales_s"] = round(time.perf_counter() - t0, 1)
    done.write_text("ok")
    return path, timings


def _time(fn: Callable[[], object], runs: int = 5) -> dict[str, float]:
    fn()  # warm the page cache: every figure is a warm-cache figure
    samples = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - t0) * 1000)
    return {"p50_ms": round(statistics.median(samples), 1), "max_ms": round(max(samples), 1)}


def run() -> dict[str, object]:
    path, timings = prepare()
    store = Store.open(path)
    ctx = Context(
        store=store,
        settings=Settings(db_path=path),
        clock=lambda: datetime(2026, 11, 23, 6, 0, tzinfo=UTC),
    )
    cashier = StaffSession("1001", "bench", Role.CASHIER)
    params = an.Params(as_of=TODAY)
    month = (TODAY.replace(day=1), TODAY)
    redeem = demo_rules().redeem
    raw = sqlite3.connect(str(path))
    results: dict[str, dict[str, float]] = {}
    try:
        results["baseline: one pass over all sales (raw sqlite3)"] = _time(
            lambda: raw.execute("SELECT COUNT(*), SUM(total_fen) FROM sales NOT INDEXED").fetchall()
        )

        def q(fn: Callable[[Any], object]) -> Callable[[], object]:
            def go() -> object:
                with store.reading() as s:
                    return fn(s)

            return go

        results["RFM segment counts (365 days)"] = _time(q(lambda s: an.segment_counts(s, params)))
        results["RFM members of 'at_risk'"] = _time(
            q(lambda s: an.segment_members(s, "at_risk", params))
        )
        results["lifecycle stage counts"] = _time(q(lambda s: an.lifecycle_counts(s, params)))
        results["programme metrics (this month)"] = _time(
            q(lambda s: an.metrics(s, *month, params, redeem))
        )
        results["daily sales by tender and hour (this month)"] = _time(
            q(lambda s: an.daily_sales(s, *month, "Asia/Shanghai"))
        )
        with store.reading() as s:
            counts = an.segment_counts(s, params)
            stages = an.lifecycle_counts(s, params)
            sales_n = int(raw.execute("SELECT COUNT(*) FROM sales").fetchone()[0])
            members_n = int(raw.execute("SELECT COUNT(*) FROM members").fetchone()[0])
            name = raw.execute("SELECT name FROM members WHERE id = 777").fetchone()[0]
        prefix = name[:2]
        results["baseline: name LIKE '%x%' scan (raw sqlite3)"] = _time(
            lambda: raw.execute(
                "SELECT id FROM members WHERE name LIKE ? LIMIT 20", (f"%{prefix}%",)
            ).fetchall()
        )
        results["search: name prefix (20 rows, masked)"] = _time(
            lambda: mb.search_members(ctx, cashier, prefix)
        )
        results["search: exact phone"] = _time(
            lambda: mb.search_members(ctx, cashier, phone_for(776))
        )
        card = demo_rules().card_rule.make(777)
        results["search: exact card number"] = _time(lambda: mb.search_members(ctx, cashier, card))
    finally:
        raw.close()
        store.close()
    base = results["baseline: one pass over all sales (raw sqlite3)"]["p50_ms"]
    like = results["baseline: name LIKE '%x%' scan (raw sqlite3)"]["p50_ms"]
    lines = [
        "## Member analytics and search (1,000,000 members)",
        "",
        f"Store: {members_n:,} members, {sales_n:,} sales over a year (60% to members), "
        f"as of {TODAY}. Warm cache, median of 5 runs. "
        "Analytics ratios are against one raw pass over all sales; search ratios "
        "against a raw `LIKE '%x%'` scan of all members.",
        "",
        "| Query | p50 ms | max ms | ratio to baseline |",
        "|---|---:|---:|---:|",
    ]
    for label, r in results.items():
        ref = like if label.startswith("search") or "LIKE" in label else base
        lines.append(f"| {label} | {r['p50_ms']} | {r['max_ms']} | {r['p50_ms'] / ref:.3f} |")
    lines += [
        "",
        "RFM segments: " + ", ".join(f"{k} {v:,}" for k, v in counts.items()),
        "",
        "Lifecycle: " + ", ".join(f"{k} {v:,}" for k, v in stages.items()),
        "",
    ]
    if timings:
        lines += [f"Seeding this run: {timings}", ""]
    FRAGMENT.parent.mkdir(parents=True, exist_ok=True)
    FRAGMENT.write_text("\n".join(lines), encoding="utf-8")
    return {
        "members": members_n,
        "sales": sales_n,
        "results": results,
        "seed": timings,
        "segments": counts,
        "lifecycle": stages,
    }


if __name__ == "__main__":
    import json

    print(json.dumps(run(), indent=2, default=str))
