"""The demo store generator behind ``pos-member demo-seed``.

Reference data (products, members, cards, opening balances) goes in with
bulk ``executemany`` inserts in large transactions, straight into the tables
the services use, each opening balance as a ledger entry so that balances
equal the sums of entries. The days of history (sales, refunds, recharges,
count cards, shifts) then run through the real services with a simulated
clock, so those rows are exactly what a counter writes. Deterministic for a
given ``seed`` and ``today``.
"""

from __future__ import annotations

import logging
import random
import sqlite3
import time as _time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import text

from pos_member.domain.cards import CardKind, CardState, gs1_check_digit
from pos_member.domain.money import Money
from pos_member.domain.pin import check_pay_pin
from pos_member.domain.rules import ProgrammeRules, demo_rules
from pos_member.seed import vocab
from pos_member.seed.history import run_history
from pos_member.services.auth import add_staff, hash_pin
from pos_member.services.context import Context, Role
from pos_member.services.programme import install_rules
from pos_member.settings import Settings
from pos_member.store import chain, pii
from pos_member.store.db import Store
from pos_member.store.engine import connect_raw

log = logging.getLogger(__name__)

BATCH = 50_000
DEMO_STAFF = (
    ("1001", "小王", Role.CASHIER, "1111"),
    ("1002", "小李", Role.CASHIER, "2222"),
    ("2001", "陈姐", Role.SUPERVISOR, "8888"),
    ("3001", "赵总", Role.MANAGER, "9999"),
)
# Six digits, not a weak PIN (domain.pin.check_pay_pin): the demo teaches what a PIN may be.
# Every demo member has this one, which the login's demo hint names (ui/login.py).
DEMO_PAY_PIN = "246810"
TIER_WEIGHTS = (("normal", 50), ("silver", 25), ("gold", 15), ("platinum", 7), ("diamond", 3))


class SeedError(Exception):
    """The target database cannot take demo data (it already has some)."""


@dataclass
class SeedResult:
    staff: list[dict[str, Any]] = field(default_factory=list)
    members: list[dict[str, Any]] = field(default_factory=list)
    products: list[dict[str, Any]] = field(default_factory=list)
    receipts: list[dict[str, Any]] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0

    def as_json(self) -> dict[str, Any]:
        return {
            "staff": self.staff,
            "members": self.members,
            "products": self.products,
            "receipts": self.receipts,
            "counts": self.counts,
            "seconds": round(self.seconds, 2),
        }


def phone_for(i: int) -> str:
    """A unique mobile number for member index ``i`` (bijective on the 8 body digits)."""
    n = len(vocab.PHONE_PREFIXES)
    prefix = vocab.PHONE_PREFIXES[i % n]
    # For a fixed prefix this is a bijection of i // n (7919321 is coprime to 10**8).
    body = ((i // n) * 7_919_321 + 12_345_678 + (i % n) * 1_234_567) % 100_000_000
    return f"{prefix}{body:08d}"


def uid_for(i: int) -> str:
    """A unique 4-byte Mifare UID for member index ``i`` (odd multiplier: a bijection)."""
    return f"{(i * 2_654_435_761 + 0x04A1B2C3) % 2**32:08X}"


def ean13(body12: str) -> str:
    return body12 + gs1_check_digit(body12)


def _name(rng: random.Random) -> str:
    if rng.random() < 0.01:
        surname = rng.choice(vocab.COMPOUND_SURNAMES)
    else:
        surname = rng.choice(vocab.SURNAMES)
    given = rng.choice(vocab.GIVEN)
    if rng.random() < 0.6:
        given += rng.choice(vocab.GIVEN)
    return surname + given


def _chunks(rows: Iterator[tuple[Any, ...]], size: int = BATCH) -> Iterator[list[tuple[Any, ...]]]:
    batch: list[tuple[Any, ...]] = []
    for row in rows:
        batch.append(row)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _bulk(conn: sqlite3.Connection, sql: str, rows: Iterator[tuple[Any, ...]]) -> int:
    n = 0
    for batch in _chunks(rows):
        conn.executemany(sql, batch)
        n += len(batch)
    return n


def seed_products(conn: sqlite3.Connection, count: int, rng: random.Random) -> list[dict[str, Any]]:
    """``count`` products: EAN-13 packaged goods (some member prices), weighed goods
    by PLU, and the count-card plans of the demo rules."""
    rules = demo_rules()
    weighed_n = max(1, count // 20) if count >= 20 else 0
    plans = rules.count_cards
    packaged_n = max(0, count - weighed_n - len(plans))
    shown: list[dict[str, Any]] = []

    def rows() -> Iterator[tuple[Any, ...]]:
        for i in range(packaged_n):
            cat, stems, sizes, price_range = vocab.CATALOGUE[i % len(vocab.CATALOGUE)]
            lo, hi = price_range
            name = f"{rng.choice(stems)} {rng.choice(sizes)}"
            price = rng.randrange(lo, hi) // 10 * 10
            member_price = price * 9 // 10 // 10 * 10 if rng.random() < 0.1 else None
            barcode = ean13(f"690{i:09d}")
            if len(shown) < 6:
                shown.append(
                    {"barcode": barcode, "code": f"P{i:06d}", "name": name,
                     "price": Money(price).plain(),
                     "member_price": Money(member_price).plain() if member_price else None}
                )  # fmt: skip
            yield (f"P{i:06d}", barcode, name, cat, price, member_price, 0, 1,
                   0 if member_price else 1, 1, None)  # fmt: skip
        for k in range(weighed_n):
            cat, wstems = vocab.WEIGHED[k % len(vocab.WEIGHED)]
            name = f"{wstems[k % len(wstems)]}" + ("" if k < len(wstems) * 4 else f" {k}")
            price = rng.randrange(200, 9800) // 10 * 10
            plu = f"{10000 + k:05d}"
            if k < 2:
                # The default scale layout: 21 | item | grams (``domain.scale``).
                label = ean13(f"21{plu}{500 + k * 250:05d}")
                shown.append({"code": plu, "name": name, "price_per_kg": Money(price).plain(),
                              "scale_label_example": label})  # fmt: skip
            yield (plu, None, name, cat, price, None, 1, 1, 1, 1, None)
        for j, plan in enumerate(plans):
            barcode = ean13(f"699{j:09d}")
            shown.append({"barcode": barcode, "code": plan.code, "name": plan.name,
                          "price": plan.price.plain(), "count_card_uses": plan.uses})  # fmt: skip
            yield (plan.code, barcode, plan.name, "计次卡", plan.price.fen, None, 0, 0, 0, 1,
                   plan.code)  # fmt: skip

    _bulk(
        conn,
        "INSERT INTO products (code, barcode, name, category, price_fen, member_price_fen,"
        " weighed, earns_points, discountable, active, count_card_plan)"
        " VALUES (?,?,?,?,?,?,?,?,?,?,?)",
        rows(),
    )
    return shown


def seed_members(
    conn: sqlite3.Connection,
    count: int,
    rng: random.Random,
    rules: ProgrammeRules,
    today: date,
    *,
    history_from: date | None = None,
    tz: ZoneInfo | None = None,
) -> tuple[list[dict[str, Any]], dict[str, int]]:
    """Members, their cards and opening balances (stored value, a points lot).

    Every opening entry is dated before ``history_from``, the first day of
    the counter history written after it (``run_history``), and not before
    the member joined: a member's statement then starts with the opening
    balance and its running balance never dips below zero before it.
    """
    demo_pin_hash = hash_pin(check_pay_pin(DEMO_PAY_PIN))
    tiers = [code for code, w in TIER_WEIGHTS for _ in range(w)]
    now = datetime.combine(today, time(8, 0), tzinfo=UTC).isoformat()
    zone = tz or ZoneInfo("UTC")
    opened_by = min(today, history_from or today) - timedelta(days=1)
    # Members joined at least 30 days ago, and before the history starts.
    joined_by = min(today - timedelta(days=30), opened_by)
    stamps: dict[date, str] = {}

    def opening_stamp(day: date) -> str:
        """8 o'clock in the store on ``day``, as the services write times (UTC, microseconds)."""
        at = datetime.combine(day, time(8, 0), tzinfo=zone).astimezone(UTC)
        stamp = stamps[day] = at.isoformat(timespec="microseconds")
        return stamp

    shown: list[dict[str, Any]] = []
    sv_rows: list[tuple[Any, ...]] = []
    lot_rows: list[tuple[Any, ...]] = []
    pt_rows: list[tuple[Any, ...]] = []
    counts = {"sv_entries": 0, "points_lots": 0}

    def flush_ledgers() -> None:
        conn.executemany(
            "INSERT INTO stored_value_entries (event_id, member_id, kind, principal_delta_fen,"
            " bonus_delta_fen, sale_id, terminal_id, offline, business_date, created_at, note)"
            " VALUES (?,?,?,?,?,NULL,'HQ',0,?,?,'opening balance')",
            sv_rows,
        )
        conn.executemany(
            "INSERT INTO points_lots (id, member_id, earned_on, expires_on, points)"
            " VALUES (?,?,?,?,?)",
            lot_rows,
        )
        conn.executemany(
            "INSERT INTO points_entries (event_id, member_id, lot_id, kind, delta, sale_id,"
            " created_at) VALUES (?,?,?,'earn',?,NULL,?)",
            pt_rows,
        )
        counts["sv_entries"] += len(sv_rows)
        counts["points_lots"] += len(lot_rows)
        sv_rows.clear()
        lot_rows.clear()
        pt_rows.clear()

    # Names and phones as the till keeps them: masked, keyed hashes, sealed (``store.pii``).
    sealer = pii.sealer_of(conn)
    member_sql = (
        "INSERT INTO members (id, " + ", ".join(pii.PERSONAL_COLUMNS) + ", birthday, tier_code,"
        " joined_on, status, sv_principal_fen, sv_bonus_fen, points_balance, pay_pin_hash,"
        " pay_pin_failures, updated_at) VALUES (?,"
        + "?," * len(pii.PERSONAL_COLUMNS)
        + "?,?,?,'active',?,?,?,?,0,?)"
    )
    card_sql = (
        "INSERT INTO cards (number, uid, kind, state, member_id, issued_on, expires_on)"
        " VALUES (?,?,?,?,?,?,NULL)"
    )
    rule = rules.card_rule
    members: list[tuple[Any, ...]] = []
    cards: list[tuple[Any, ...]] = []
    extra_serial = count + 1
    for i in range(count):
        mid = i + 1
        joined = joined_by - timedelta(days=rng.randrange(0, 5 * 365 - 30))
        birthday = date(rng.randrange(1950, 2006), rng.randrange(1, 13), rng.randrange(1, 29))
        principal = bonus = points = 0
        if i < 5 or rng.random() < 0.3:
            principal = rng.choice((10_000, 20_000, 50_000, 100_000, 200_000))
            bonus = rules.stored_value.bonus_for(Money(principal)).fen
            # Recharged on the day they joined, before any sale of the history.
            sv_rows.append((f"open-sv-{mid}", mid, "recharge", principal, bonus,
                            joined.isoformat(),
                            stamps.get(joined) or opening_stamp(joined)))  # fmt: skip
        if i < 5 or rng.random() < 0.4:
            points = rng.randrange(50, 5000)
            # Earned since joining, and before the history (which may redeem them).
            earned = today - timedelta(days=rng.randrange(1, 300))
            earned = max(joined, min(earned, opened_by))
            expires = rules.expiry.expires_on(earned)
            lot = f"open-pt-{mid}"
            lot_rows.append((lot, mid, earned.isoformat(),
                             expires.isoformat() if expires else None, points))  # fmt: skip
            pt_rows.append((lot, mid, lot, points, stamps.get(earned) or opening_stamp(earned)))
        name = _name(rng)
        phone = phone_for(i)
        tier = rng.choice(tiers)
        pin_hash = demo_pin_hash
        person = pii.member_columns(sealer, name, phone)
        members.append((mid, *(person[c] for c in pii.PERSONAL_COLUMNS), birthday.isoformat(),
                        tier, joined.isoformat(), principal, bonus, points, pin_hash,
                        now))  # fmt: skip
        number = rule.make(mid)
        chip = i % 5 != 4
        uid = uid_for(i) if chip else None
        kind = CardKind.MIFARE if chip else CardKind.BARCODE
        cards.append((number, uid, kind.value, CardState.ACTIVE.value, mid, joined.isoformat()))
        old_card = None
        if i % 997 == 1:
            # An older card this member lost and had replaced: refused at the counter.
            old_card = rule.make(extra_serial)
            cards.append((old_card, None, CardKind.BARCODE.value,
                          CardState.REPLACED.value, mid, joined.isoformat()))  # fmt: skip
            extra_serial += 1
        if i < 5:
            shown.append(
                {"member_id": mid, "name": name, "phone": phone, "card_number": number,
                 "card_uid": uid, "tier": tier, "pay_pin": DEMO_PAY_PIN,
                 "stored_value": Money(principal + bonus).plain(), "points": points,
                 "replaced_card_number": old_card}
            )  # fmt: skip
        if len(members) >= BATCH:
            conn.executemany(member_sql, members)
            conn.executemany(card_sql, cards)
            flush_ledgers()
            members.clear()
            cards.clear()
    conn.executemany(member_sql, members)
    conn.executemany(card_sql, cards)
    flush_ledgers()
    # Unissued card stock, for the issuing desk.
    stock = [
        (
            rule.make(extra_serial + k),
            None,
            CardKind.BARCODE.value,
            CardState.STOCK.value,
            None,
            None,
        )
        for k in range(min(100, max(1, count // 100)))
    ]
    conn.executemany(card_sql, stock)
    counts["cards"] = count + (extra_serial - count - 1) + len(stock)
    return shown, counts


def seed_coupons(conn: sqlite3.Connection, members: int, rules: ProgrammeRules, today: date) -> int:
    template = rules.signup_coupon
    if template is None or members == 0:
        return 0
    n = min(members, 2000)
    rows = []
    for mid in range(1, n + 1):
        c = template.issue(f"WELCOME{mid:07d}", today - timedelta(days=mid % 60), str(mid))
        rows.append((c.code, mid, c.name, c.kind.value, c.value.fen, str(c.rate),
                     c.minimum_spend.fen, c.valid_from.isoformat(), c.valid_until.isoformat(),
                     int(c.stackable)))  # fmt: skip
    conn.executemany(
        "INSERT INTO coupons (code, member_id, name, kind, value_fen, rate, min_spend_fen,"
        " valid_from, valid_until, stackable) VALUES (?,?,?,?,?,?,?,?,?,?)",
        rows,
    )
    return n


class SimClock:
    """A clock the history generator moves forward by hand."""

    def __init__(self, start: datetime) -> None:
        self.at = start

    def __call__(self) -> datetime:
        return self.at


def seed_demo(
    path: Path | str,
    *,
    members: int,
    products: int,
    days: int,
    seed: int = 1,
    today: date | None = None,
    settings: Settings | None = None,
) -> SeedResult:
    """Build a demo store in the new database ``path``."""
    if members < 0 or products < 5 or days < 0:
        raise ValueError("members >= 0, products >= 5 and days >= 0 expected")
    started = _time.perf_counter()
    settings = settings or Settings(db_path=Path(path))
    tz = ZoneInfo(settings.timezone)
    today = today or datetime.now(tz).date()
    rng = random.Random(seed)
    rules = demo_rules()
    store = Store.open(path, synchronous="OFF")
    result = SeedResult()
    try:
        with store.reading() as s:
            if s.execute(text("select count(*) from products")).scalar():
                raise SeedError(f"{path} already holds data: seed a new file")
        start_day = today - timedelta(days=days)
        clock = SimClock(datetime.combine(start_day, time(7, 0), tzinfo=tz))
        ctx = Context(store=store, settings=settings, clock=clock)
        with store.unit_of_work(settings.terminal_id, ctx.now_iso()) as uow:
            install_rules(uow, rules, start_day.isoformat())
        for staff_id, name, role, pin in DEMO_STAFF:
            add_staff(ctx, None, staff_id, name, role, pin)
            result.staff.append({"staff_id": staff_id, "name": name, "role": role.label,
                                 "pin": pin})  # fmt: skip
        conn = connect_raw(store.path)
        try:
            conn.execute("PRAGMA synchronous = OFF")
            # Keep the unique indexes (phone, card number, UID) in memory while loading.
            conn.execute("PRAGMA cache_size = -262144")
            conn.execute("BEGIN IMMEDIATE")
            result.products = seed_products(conn, products, rng)
            conn.execute("COMMIT")
            conn.execute("BEGIN IMMEDIATE")
            shown, counts = seed_members(
                conn, members, rng, rules, today, history_from=start_day, tz=tz
            )
            result.members = shown
            result.counts.update(counts)
            result.counts["coupons"] = seed_coupons(conn, members, rules, today)
            # The bulk load went round the store's sessions: link it into the chain.
            chain.adopt(conn)
            conn.execute("COMMIT")
            conn.execute("ANALYZE")
        finally:
            conn.close()
        result.counts["members"] = members
        result.counts["products"] = products
        if days:
            result.receipts = run_history(ctx, clock, rng, start_day, days, members, products)
        result.counts["receipts"] = len(result.receipts)
    finally:
        store.close()
    conn = connect_raw(path)
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()
    result.seconds = _time.perf_counter() - started
    return result
