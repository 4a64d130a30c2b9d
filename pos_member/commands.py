"""Sub-commands of ``pos-member`` that drive the core: ``demo-seed``, ``check-db``.

``pos_member_cli/main.py`` calls ``register(subparsers)``; each parser's ``func(args)``
returns the exit status.
"""

from __future__ import annotations

import argparse
import json
import logging
import sqlite3
import sys
from pathlib import Path

from pos_member.domain.errors import (
    StoreCorrupt,
    StoreError,
    StoreNewerSchema,
    StoreNotDatabase,
)
from pos_member.seed.demo import SeedError, SeedResult, seed_demo
from pos_member.store import migrate
from pos_member.store.checks import problems
from pos_member.store.files import explain, inspect_file, readonly_uri

log = logging.getLogger(__name__)


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = subparsers.add_parser(
        "demo-seed",
        help="build a demo store: members, cards, catalogue, staff and days of history",
        description=(
            "Create a new terminal database filled with a realistic demo store and print "
            "what you need to try it (staff ids and PINs, member cards, product barcodes)."
        ),
    )
    p.add_argument("--db", type=Path, required=True, help="new database file to create")
    p.add_argument("--members", type=_count, default=1000, help="members (default 1000)")
    p.add_argument("--products", type=_count, default=500, help="products (default 500)")
    p.add_argument("--days", type=_count, default=7, help="days of history (default 7)")
    p.add_argument("--seed", type=int, default=1, help="random seed: same seed, same store")
    p.add_argument("--json", action="store_true", help="print one JSON object instead of text")
    p.set_defaults(func=run_demo_seed)

    c = subparsers.add_parser(
        "check-db",
        help="check a terminal database: integrity, balances = ledgers, whole sales",
        description=(
            "Exit status: 0 all well, 1 inconsistencies (listed), 2 missing, 3 empty or not a "
            "database, 4 damaged, 5 newer schema (update the app), 6 read-only, 7 locked, "
            "8 disk full."
        ),
    )
    c.add_argument("--db", type=Path, required=True, help="database file to check")
    c.set_defaults(func=run_check_db)


def _count(text: str) -> int:
    try:
        n = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if n < 0:
        raise argparse.ArgumentTypeError("must not be negative")
    return n


def run_demo_seed(args: argparse.Namespace) -> int:
    if args.products < 5:
        print("demo-seed: --products must be at least 5", file=sys.stderr)
        return 2
    try:
        result = seed_demo(
            args.db, members=args.members, products=args.products, days=args.days, seed=args.seed
        )
    except SeedError as exc:
        print(f"demo-seed: {exc}", file=sys.stderr)
        return 1
    if args.json:
        print(json.dumps(result.as_json(), ensure_ascii=False, indent=2))
    else:
        print(_text(args.db, result))
    return 0


def _text(db: Path, r: SeedResult) -> str:
    lines = [
        f"Demo store written to {db} in {r.seconds:.1f} s: "
        + ", ".join(f"{v} {k}" for k, v in r.counts.items()),
        "",
        "Staff (id / PIN / role):",
    ]
    lines += [f"  {s['staff_id']}  {s['pin']}  {s['role']}  {s['name']}" for s in r.staff]
    lines += ["", "Members (card number / card UID / phone / payment PIN):"]
    for m in r.members:
        lines.append(
            f"  {m['card_number']}  {m['card_uid'] or '-':8}  {m['phone']}  PIN {m['pay_pin']}"
            f"  {m['tier']}  stored value {m['stored_value']}  points {m['points']}"
        )
        if m.get("replaced_card_number"):
            lines.append(f"    (old card {m['replaced_card_number']} was replaced: it is refused)")
    lines += ["", "Products (scan or type):"]
    for p in r.products:
        code = p.get("barcode") or p.get("scale_label_example") or p["code"]
        price = p.get("price") or f"{p.get('price_per_kg')}/kg"
        lines.append(f"  {code}  {p['name']}  {price}")
    if r.receipts:
        lines += ["", "Recent receipts (for refunds):"]
        lines += [f"  {x['receipt_no']}  ({x['lines']} lines)" for x in r.receipts]
    return "\n".join(lines)


def run_check_db(args: argparse.Namespace) -> int:
    """Check a database: one sentence and an exit code for each kind of damage, never a
    traceback. 0 all well, 1 inconsistencies listed, else ``StoreError.exit_code``."""
    path = Path(args.db)
    try:
        found = _check(path)
    except StoreError as exc:
        print(f"check-db: {exc.message}", file=sys.stderr)
        return exc.exit_code
    except Exception as exc:  # garbage where text should be, and the like: damage, not a bug
        log.debug("check-db could not read %s", path, exc_info=True)
        damaged = StoreCorrupt(path=str(path))
        print(f"check-db: {damaged.message} ({type(exc).__name__})", file=sys.stderr)
        return damaged.exit_code
    for line in found:
        print(line)
    print("ok" if not found else f"{len(found)} problem(s)")
    return 0 if not found else 1


def _check(path: Path) -> list[str]:
    inspect_file(path, create=False)
    try:
        conn = sqlite3.connect(readonly_uri(path), uri=True, timeout=30)
        try:
            found = problems_of_file(conn, path)
        finally:
            conn.close()
    except StoreError:
        raise
    except (sqlite3.Error, OSError) as exc:
        raise explain(exc, path) or StoreCorrupt(path=str(path)) from exc
    return found


def problems_of_file(conn: sqlite3.Connection, path: Path) -> list[str]:
    """The damage SQLite itself sees (raised as a ``StoreError``), then the store's checks."""
    quick = conn.execute("PRAGMA quick_check").fetchall()
    if quick != [("ok",)]:
        raise StoreCorrupt(path=str(path))
    has_version = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'"
    ).fetchone()
    if has_version is None:
        raise StoreNotDatabase(path=str(path))
    revision = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    if migrate.is_newer(revision[0] if revision else None):
        raise StoreNewerSchema(path=str(path))
    return problems(conn)
