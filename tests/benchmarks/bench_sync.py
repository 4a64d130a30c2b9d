"""Sync against head office on real PostgreSQL and a real uvicorn (child process) on loopback.

1. **Push**: 10,000 queued outbox events (sales with stored value and points,
   recharges) pushed by the terminal's sync client in batches of 500.
   Baseline in the same run: a bare psycopg ``executemany`` INSERT of the
   same 10,000 rows (id + JSON payload) into a plain table, committed per
   500 rows like the push, so the ratio is what exactly-once application,
   validation, ledgers and HTTP cost on top of writing the rows at all.
2. **Snapshot**: a 1,000,000-member chain pulled into an empty terminal (pages
   of 5,000, each applied with its cursor in one SQLite transaction).
   Baseline: a bare ``sqlite3`` executemany of the same member and card rows
   into a fresh file with the same pragmas.
3. **Steady load**: 200 simulated terminals (async HTTP clients with their
   own credentials), each pushing 2 events and pulling its changes every
   5 seconds for 30 s after a first, unmeasured round (a busy chain: 80
   events/s, and every pull brings the balances the other 199 tills changed);
   latency per request, p50/p95/p99. Baseline: the same tills and rhythm on
   ``/api/v1/health`` (HTTP and one ``SELECT 1``) against the same server.

``POS_MEMBER_BENCH_SNAPSHOT_MEMBERS`` and ``POS_MEMBER_BENCH_STEADY_S`` shrink
the runs for a quick look.
"""

from __future__ import annotations

import asyncio
import json
import os
import random
import statistics
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

import httpx
import psycopg
from sqlalchemy import text
from sqlalchemy.engine import make_url

from pos_member.domain.money import Money
from pos_member.domain.rules import demo_rules
from pos_member.headoffice.auth import enrol, new_enrol_code
from pos_member.headoffice.db import open_database
from pos_member.headoffice.seed import seed_demo
from pos_member.headoffice.testing import (
    ServerProcess,
    pg_unreachable_reason,
    pg_url,
    scratch_database,
)
from pos_member.settings import SyncSettings
from pos_member.store.db import Store
from pos_member.store.engine import connect_raw
from pos_member.sync.client import SyncClient, enrol_terminal

ROOT = Path(__file__).resolve().parents[2]
FRAGMENT = ROOT / "docs" / "benchmarks" / "sync.md"
PUSH_EVENTS = 10_000
SNAPSHOT_MEMBERS = int(os.environ.get("POS_MEMBER_BENCH_SNAPSHOT_MEMBERS", "1000000"))
STEADY_TERMINALS = 200
STEADY_S = float(os.environ.get("POS_MEMBER_BENCH_STEADY_S", "30"))
# Each till syncs every 5 s (three times as often as the default interval) and has sold
# two sales since its last round (a sale every 2.5 s: a busy till).
STEADY_INTERVAL_S = 5.0
STEADY_EVENTS_PER_ROUND = 2
STEADY_WORKERS = max(2, os.cpu_count() or 2)
RULES = demo_rules()


def _events(n: int, members: int) -> list[tuple[str, str, str, str]]:
    rnd = random.Random(5)
    out = []
    for i in range(n):
        eid = str(uuid.uuid4())
        mid = rnd.randrange(1, members + 1)
        if i % 10 == 0:
            amount = rnd.choice((10_000, 100_000))
            kind = "recharge.completed"
            payload: dict[str, Any] = {
                "member_id": mid,
                "receipt_no": f"B-{i:06d}",
                "business_date": "2026-11-23",
                "amount_fen": amount,
                "bonus_fen": RULES.stored_value.bonus_for(Money(amount)).fen,
                "tenders": [{"kind": "cash", "amount_fen": amount}],
            }
        else:
            sv = rnd.choice((0, 500, 1_200))
            cash = rnd.randrange(100, 5_000)
            tenders = [{"kind": "cash", "amount_fen": cash}]
            if sv:
                tenders.append({"kind": "stored_value", "amount_fen": sv})
            kind = "sale.completed"
            payload = {
                "sale_id": eid,
                "receipt_no": f"B-{i:06d}",
                "business_date": "2026-11-23",
                "member_id": mid,
                "total_fen": cash + sv,
                "tenders": tenders,
                "sv_principal_fen": -sv,
                "points_earned": (cash + sv) // 100,
            }
        out.append((eid, kind, json.dumps(payload), "2026-11-23T10:00:00+00:00"))
    return out


def _psycopg_params(url: str) -> dict[str, Any]:
    u = make_url(url)
    return {
        "host": u.host or "127.0.0.1",
        "port": u.port or 5432,
        "user": u.username or "postgres",
        "password": u.password,
        "dbname": u.database,
    }


def bench_push(base: str, tmp: Path) -> dict[str, Any]:
    with scratch_database(base, "posm_bpush") as db_url:
        engine = open_database(db_url)
        seed_demo(engine, members=10_000, products=50)
        with engine.begin() as conn:
            code = new_enrol_code(conn, "S001", 1, "TB1")
        engine.dispose()
        events = _events(PUSH_EVENTS, 10_000)
        server = ServerProcess(db_url).start()
        try:
            store = Store.open(tmp / "push.db")
            settings = SyncSettings(batch_size=500, timeout_s=120)
            enrol_terminal(store, server.url, code, "TB1", settings=settings)
            raw = connect_raw(store.path)
            raw.execute("BEGIN")
            raw.executemany(
                "INSERT INTO outbox (id, kind, payload, created_at, attempts) "
                "VALUES (?, ?, ?, ?, 0)",
                events,
            )
            raw.execute("COMMIT")
            raw.close()
            client = SyncClient(store, settings)
            t0 = time.perf_counter()
            pushed, refused = client.push_pending()
            push_s = time.perf_counter() - t0
            client.close()
            store.close()
        finally:
            server.stop()
        assert (pushed, refused) == (PUSH_EVENTS, 0), (pushed, refused)
        engine = open_database(db_url)
        with engine.connect() as conn:
            applied = conn.execute(text("SELECT count(*) FROM applied_events")).scalar_one()
        engine.dispose()
        assert applied == PUSH_EVENTS
        # Baseline: the same rows, bare INSERTs, one commit per 500 like the push.
        with psycopg.connect(**_psycopg_params(db_url)) as pg:
            pg.execute("CREATE TABLE bare_events (id uuid PRIMARY KEY, kind text, payload jsonb)")
            pg.commit()
            t0 = time.perf_counter()
            with pg.cursor() as cur:
                for i in range(0, len(events), 500):
                    cur.executemany(
                        "INSERT INTO bare_events (id, kind, payload) VALUES (%s, %s, %s)",
                        [(e[0], e[1], e[2]) for e in events[i : i + 500]],
                    )
                    pg.commit()
            bare_s = time.perf_counter() - t0
    return {
        "events": PUSH_EVENTS,
        "push_s": round(push_s, 2),
        "events_per_s": round(PUSH_EVENTS / push_s),
        "bare_insert_s": round(bare_s, 2),
        "bare_events_per_s": round(PUSH_EVENTS / bare_s),
        "ratio": round(push_s / bare_s, 1),
    }


def bench_snapshot(base: str, tmp: Path) -> dict[str, Any]:
    with scratch_database(base, "posm_bsnap") as db_url:
        engine = open_database(db_url)
        t0 = time.perf_counter()
        seed_demo(engine, members=SNAPSHOT_MEMBERS, products=1_000)
        seed_s = time.perf_counter() - t0
        with engine.begin() as conn:
            code = new_enrol_code(conn, "S001", 1, "TB2")
            changes = conn.execute(text("SELECT count(*) FROM changes")).scalar_one()
        # Rows for the baseline, read before the server starts.
        with engine.connect() as conn:
            rows = conn.execute(
                text(
                    "SELECT m.id, m.name, m.phone, m.birthday, m.tier_code, m.joined_on, "
                    "c.number, c.uid, c.kind FROM members m JOIN cards c ON c.member_id = m.id"
                )
            ).all()
        engine.dispose()
        server = ServerProcess(db_url).start()
        progress: list[tuple[float, int, int | None]] = []
        try:
            store = Store.open(tmp / "snapshot.db")
            settings = SyncSettings(page_size=5_000, timeout_s=120)
            enrol_terminal(store, server.url, code, "TB2", settings=settings)
            client = SyncClient(store, settings)
            t0 = time.perf_counter()
            pulled, pages = client.pull_all(
                lambda done, total: progress.append((time.perf_counter() - t0, done, total))
            )
            pull_s = time.perf_counter() - t0
            client.close()
            with store.reading() as s:
                local_members = (
                    s.connection().execute(text("SELECT count(*) FROM members")).scalar_one()
                )
            store.close()
            size_mb = (tmp / "snapshot.db").stat().st_size / 1e6
        finally:
            server.stop()
    assert pulled == changes and local_members == SNAPSHOT_MEMBERS
    # Baseline: the same member and card rows, bare executemany into a fresh file.
    bare = tmp / "bare.db"
    conn = connect_raw(bare)
    conn.execute(
        "CREATE TABLE members (id INTEGER PRIMARY KEY, name TEXT, phone TEXT UNIQUE, birthday "
        "TEXT, tier_code TEXT, joined_on TEXT)"
    )
    conn.execute(
        "CREATE TABLE cards (id INTEGER PRIMARY KEY, number TEXT UNIQUE, uid TEXT UNIQUE, kind "
        "TEXT, member_id INTEGER)"
    )
    t0 = time.perf_counter()
    for i in range(0, len(rows), 5_000):
        chunk = rows[i : i + 5_000]
        conn.execute("BEGIN")
        conn.executemany("INSERT INTO members VALUES (?, ?, ?, ?, ?, ?)", [r[:6] for r in chunk])
        conn.executemany(
            "INSERT INTO cards (number, uid, kind, member_id) VALUES (?, ?, ?, ?)",
            [(r[6], r[7], r[8], r[0]) for r in chunk],
        )
        conn.execute("COMMIT")
    bare_s = time.perf_counter() - t0
    conn.close()
    first_total = next((p[2] for p in progress if p[2] is not None), None)
    return {
        "members": SNAPSHOT_MEMBERS,
        "changes": int(changes),
        "pages": pages,
        "seed_s": round(seed_s, 1),
        "pull_s": round(pull_s, 1),
        "members_per_s": round(SNAPSHOT_MEMBERS / pull_s),
        "progress_reports": len(progress),
        "progress_total_known_from_first_page": first_total == changes,
        "terminal_db_mb": round(size_mb),
        "bare_sqlite_s": round(bare_s, 1),
        "ratio": round(pull_s / bare_s, 1),
    }


async def _terminal(
    c: httpx.AsyncClient, token: str, store_id: str, terminal_id: str, members: int,
    stop: float, lat: dict[str, list[float]], errors: list[str], cursor: str,
    measure_from: float,
) -> None:  # fmt: skip
    rnd = random.Random(terminal_id)
    headers = {"Authorization": f"Bearer {token}"}
    if True:
        await asyncio.sleep(rnd.uniform(0, STEADY_INTERVAL_S))
        n = 0
        while time.monotonic() < stop:
            t_round = time.monotonic()
            events = []
            for _ in range(STEADY_EVENTS_PER_ROUND):
                n += 1
                cash = rnd.randrange(100, 5_000)
                eid = str(uuid.uuid4())
                events.append(
                    {
                        "id": eid,
                        "kind": "sale.completed",
                        "store_id": store_id,
                        "terminal_id": terminal_id,
                        "created_at": "2026-11-23T10:00:00+00:00",
                        "payload": {
                            "sale_id": eid,
                            "receipt_no": f"{terminal_id}-{n:06d}",
                            "business_date": "2026-11-23",
                            "member_id": rnd.randrange(1, members + 1),
                            "total_fen": cash,
                            "tenders": [{"kind": "cash", "amount_fen": cash}],
                            "points_earned": cash // 100,
                        },
                    }
                )
            try:
                t0 = time.perf_counter()
                r = await c.post("/api/v1/sync/push", json={"events": events}, headers=headers)
                if time.monotonic() >= measure_from:
                    lat["push"].append(time.perf_counter() - t0)
                if r.status_code != 200:
                    errors.append(f"push {r.status_code}")
                t0 = time.perf_counter()
                r = await c.get(
                    "/api/v1/sync/pull", params={"cursor": cursor, "limit": 2000}, headers=headers
                )
                if time.monotonic() >= measure_from:
                    lat["pull"].append(time.perf_counter() - t0)
                if r.status_code != 200:
                    errors.append(f"pull {r.status_code}")
                else:
                    # Only the cursor: parsing the page is each real till's own CPU, not
                    # head office's, and one process simulating 200 tills must not queue.
                    cursor = _cursor_of(r.content)
            except httpx.TransportError as exc:
                # Counted, not hidden: a real till would retry at its next round.
                errors.append(type(exc).__name__)
            await asyncio.sleep(max(0.0, STEADY_INTERVAL_S - (time.monotonic() - t_round)))


def _cursor_of(body: bytes) -> str:
    tail = body[body.rindex(b'"cursor":') :]
    return str(json.loads(b"{" + tail.split(b',"more"')[0] + b"}")["cursor"])


def _pct(xs: list[float], q: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(q * len(xs)))] * 1000


def bench_steady(base: str) -> dict[str, Any]:
    members = 20_000
    with scratch_database(base, "posm_bsteady") as db_url:
        engine = open_database(db_url)
        seed_demo(engine, members=members, products=100)
        creds = []
        with engine.begin() as conn:
            for i in range(STEADY_TERMINALS):
                store_id = ("S001", "S002", "S003")[i % 3]
                code = new_enrol_code(conn, store_id, 1, f"T{i:03d}")
                who, token = enrol(conn, code, f"T{i:03d}", 1_000_000)
                creds.append((token, store_id, who.terminal_id))
        engine.dispose()
        server = ServerProcess(db_url, workers=STEADY_WORKERS).start()
        lat: dict[str, list[float]] = {"push": [], "pull": []}
        errors: list[str] = []
        try:
            # The terminals have done their first sync already: they start at the feed's head.
            head = "0"
            with httpx.Client(
                base_url=server.url, headers={"Authorization": f"Bearer {creds[0][0]}"}, timeout=60
            ) as c:
                while True:
                    page = c.get("/api/v1/sync/pull", params={"cursor": head, "limit": 5000}).json()
                    head = page["cursor"]
                    if not page["more"]:
                        break

            async def main() -> None:
                # One connection per simulated terminal, as 200 tills would hold.
                limits = httpx.Limits(max_connections=STEADY_TERMINALS)
                async with httpx.AsyncClient(base_url=server.url, timeout=60, limits=limits) as c:
                    # The first round (connections opened, caches filled) is not measured.
                    start = time.monotonic() + STEADY_INTERVAL_S
                    stop = start + STEADY_S
                    await asyncio.gather(
                        *(
                            _terminal(c, tok, sid, tid, members, stop, lat, errors, head, start)
                            for tok, sid, tid in creds
                        )
                    )

            asyncio.run(main())
            base_lat = asyncio.run(_baseline(server.url))
        finally:
            server.stop()
    both = lat["push"] + lat["pull"]
    base_p95 = _pct(base_lat, 0.95)
    return {
        "terminals": STEADY_TERMINALS,
        "seconds": STEADY_S,
        "requests": len(both),
        "requests_per_s": round(len(both) / STEADY_S, 1),
        "errors": len(errors),
        "p50_ms": round(_pct(both, 0.50), 1),
        "p95_ms": round(_pct(both, 0.95), 1),
        "p99_ms": round(_pct(both, 0.99), 1),
        "push_p95_ms": round(_pct(lat["push"], 0.95), 1),
        "pull_p95_ms": round(_pct(lat["pull"], 0.95), 1),
        "mean_ms": round(statistics.fmean(both) * 1000, 1),
        "baseline_requests": len(base_lat),
        "baseline_p50_ms": round(_pct(base_lat, 0.50), 1),
        "baseline_p95_ms": round(base_p95, 1),
        "ratio_p95": round(_pct(both, 0.95) / base_p95, 1),
    }


async def _baseline(url: str) -> list[float]:
    """The same 200 tills and rhythm against ``/health`` (HTTP + one ``SELECT 1``)."""
    lat: list[float] = []
    limits = httpx.Limits(max_connections=STEADY_TERMINALS)
    async with httpx.AsyncClient(base_url=url, timeout=60, limits=limits) as c:
        start = time.monotonic() + STEADY_INTERVAL_S
        stop = start + STEADY_S

        async def till(i: int) -> None:
            await asyncio.sleep(random.Random(i).uniform(0, STEADY_INTERVAL_S))
            while time.monotonic() < stop:
                t_round = time.monotonic()
                for _ in range(2):
                    t0 = time.perf_counter()
                    await c.get("/api/v1/health")
                    if time.monotonic() >= start:
                        lat.append(time.perf_counter() - t0)
                await asyncio.sleep(max(0.0, STEADY_INTERVAL_S - (time.monotonic() - t_round)))

        await asyncio.gather(*(till(i) for i in range(STEADY_TERMINALS)))
    return lat


def run() -> dict[str, Any]:
    load_before = os.getloadavg()[0]
    base = pg_url()
    reason = pg_unreachable_reason(base)
    if reason:
        raise RuntimeError(reason)
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        push = bench_push(base, tmp)
        steady = bench_steady(base)
        snap = bench_snapshot(base, tmp)
    result = {
        "push": push,
        "snapshot": snap,
        "steady": steady,
        "load_average_before": round(load_before, 1),
        "load_average_after": round(os.getloadavg()[0], 1),
    }
    _write(result)
    return result


def _ok(good: bool) -> str:
    return "met" if good else "**missed**"


def _write(r: dict[str, Any]) -> None:
    p, s, st = r["push"], r["snapshot"], r["steady"]
    lines = [
        "## Sync with head office (PostgreSQL, uvicorn on loopback)",
        "",
        "`tests/benchmarks/bench_sync.py`. Head office runs as a child process "
        "(`pos-member-headoffice serve`) on the local PostgreSQL: one uvicorn worker for the "
        f"push and the snapshot, {STEADY_WORKERS} for the 200 terminals.",
        "",
        "| Measure | Result | Raw baseline (same run) | Ratio | Target |",
        "|---|---|---|---|---|",
        f"| Push {p['events']:,} queued events (batches of 500) | {p['push_s']} s, "
        f"**{p['events_per_s']:,} events/s** | bare psycopg INSERT of the same rows: "
        f"{p['bare_insert_s']} s ({p['bare_events_per_s']:,} rows/s) | {p['ratio']}x | "
        f"≥ 1,000 events/s: {_ok(p['events_per_s'] >= 1000)} |",
        f"| Snapshot pull of {s['members']:,} members ({s['changes']:,} changes, "
        f"{s['pages']} pages) into an empty terminal | **{s['pull_s']} s** "
        f"({s['members_per_s']:,} members/s; terminal file {s['terminal_db_mb']} MB) | "
        f"bare sqlite3 insert of the same member and card rows: {s['bare_sqlite_s']} s | "
        f"{s['ratio']}x | ≤ 120 s: {_ok(s['pull_s'] <= 120)} |",
        f"| {st['terminals']} terminals syncing every {STEADY_INTERVAL_S:.0f} s "
        f"for {st['seconds']:.0f} s "
        f"({st['requests']:,} requests, {st['requests_per_s']} req/s, {st['errors']} errors) | "
        f"p50 {st['p50_ms']} ms, **p95 {st['p95_ms']} ms**, p99 {st['p99_ms']} ms "
        f"(push p95 {st['push_p95_ms']}, pull p95 {st['pull_p95_ms']}) | the same 200 tills "
        f"and rhythm on `/health` (HTTP + `SELECT 1`): p50 {st['baseline_p50_ms']} ms, "
        f"p95 {st['baseline_p95_ms']} ms | {st['ratio_p95']}x (p95) | "
        f"p95 ≤ 200 ms: {_ok(st['p95_ms'] <= 200)} |",
        "",
        f"Machine load average (1 min) before/after this module: {r['load_average_before']} / "
        f"{r['load_average_after']} (other work on the machine shares its cores).",
        "",
        f"Seeding the {s['members']:,}-member chain at head office (COPY) took {s['seed_s']} s "
        "(not part of the pull). The first page's answer carries the number of changes "
        "to come, so the terminal shows snapshot progress "
        f"({s['progress_reports']} progress reports).",
        "",
    ]
    FRAGMENT.parent.mkdir(parents=True, exist_ok=True)
    FRAGMENT.write_text("\n".join(lines), encoding="utf-8")


if __name__ == "__main__":
    print(json.dumps(run(), indent=2))
