"""The demo chain at head office: several stores, the demo programme, members, products.

Deterministic (a seed number), so that tests and the benchmark know what they
get. Opening balances are ledger entries (kind ``opening``), so every balance
is still the sum of its entries. PostgreSQL loads by COPY: a million members
seed in well under a minute.
"""

from __future__ import annotations

import logging
import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import Connection, Engine, text
from sqlalchemy import insert as sa_insert

from pos_member.domain.cards import CardNumberRule, gs1_check_digit
from pos_member.domain.rules import demo_rules
from pos_member.headoffice import models as m
from pos_member.headoffice.changes import touch_all
from pos_member.wire.schemas import Entity

log = logging.getLogger(__name__)

SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡"
    "余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
)
GIVEN = (
    "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉萍红"
    "娥玲芬燕彬鹏辉建国建华志强海燕欣怡子涵浩然宇轩梓萱一诺"
)
STORES = (("S001", "旗舰店 Flagship"), ("S002", "东门店 East Gate"), ("S003", "南湖店 South Lake"))
CATEGORIES = ("食品", "饮料", "日化", "生鲜", "烟酒", "家居")
EPOCH = date(2020, 1, 1)


@dataclass(frozen=True, slots=True)
class SeedSummary:
    stores: list[str]
    members: int
    products: int
    sample_cards: list[str]
    rules_version: int


def card_rule() -> CardNumberRule:
    return demo_rules().card_rule


def member_rows(n: int, seed: int, now: str) -> Iterator[dict[str, Any]]:
    rnd = random.Random(seed)
    tiers = ["normal"] * 6 + ["silver"] * 3 + ["gold"] * 2 + ["platinum", "diamond"]
    for i in range(1, n + 1):
        name = rnd.choice(SURNAMES) + rnd.choice(GIVEN) + (rnd.choice(GIVEN) if i % 2 else "")
        principal = rnd.choice((0, 0, 5_000, 20_000, 100_000, 300_000))
        bonus = principal // 20
        points = rnd.choice((0, 120, 800, 2_500, 10_000))
        yield {
            "id": i,
            "name": name[:64],
            "phone": f"13{(i * 7919) % 1_000_000_000:09d}",
            "birthday": (date(1960, 1, 1) + timedelta(days=rnd.randrange(16_000))).isoformat(),
            "tier_code": rnd.choice(tiers),
            "joined_on": (EPOCH + timedelta(days=rnd.randrange(2_000))).isoformat(),
            "status": "active",
            "sv_principal_fen": principal,
            "sv_bonus_fen": bonus,
            "points": points,
            "balance_version": 1 if (principal or points) else 0,
            "updated_at": now,
        }


def _copy(conn: Connection, table: str, cols: list[str], rows: Iterator[tuple[Any, ...]]) -> None:
    dbapi: Any = conn.connection.dbapi_connection
    with dbapi.cursor() as cur, cur.copy(f"COPY {table} ({', '.join(cols)}) FROM STDIN") as cp:
        for r in rows:
            cp.write_row(r)


def _load(conn: Connection, table: str, rows: list[dict[str, Any]]) -> None:
    if not rows:
        return
    cols = list(rows[0])
    if conn.dialect.name == "postgresql":
        _copy(conn, table, cols, (tuple(r[c] for c in cols) for r in rows))
    else:
        conn.execute(m.HQBase.metadata.tables[table].insert(), rows)


def seed_demo(
    engine: Engine, *, members: int = 200, products: int = 100, seed: int = 7, chunk: int = 50_000
) -> SeedSummary:
    """Load the demo chain into an empty head-office database (one transaction)."""
    now = "2026-01-01T00:00:00.000+00:00"
    rules = demo_rules()
    rule = rules.card_rule
    rnd = random.Random(seed + 1)
    with engine.begin() as conn:
        if conn.execute(text("SELECT count(*) FROM stores")).scalar_one():
            raise ValueError("head office already has data; demo-seed needs an empty database")
        conn.execute(sa_insert(m.StoreRow), [{"id": s, "name": n} for s, n in STORES])
        # The demo tills' staff, so head office knows who approves their adjustments.
        from pos_member.seed.demo import DEMO_STAFF

        conn.execute(
            sa_insert(m.StaffRow),
            [
                {"id": sid, "name": name, "role": role.label, "active": True, "updated_at": now}
                for sid, name, role, _pin in DEMO_STAFF
            ],
        )
        conn.execute(
            sa_insert(m.TierRow),
            [{"code": t.code, "name": t.name, "rank": t.rank} for t in rules.tiers],
        )
        conn.execute(
            sa_insert(m.RulesRow).values(
                version=rules.version,
                effective_from="2026-01-01",
                document=rules.to_dict(),
                created_at=now,
            )
        )
        batch: list[dict[str, Any]] = []
        for row in member_rows(members, seed, now):
            batch.append(row)
            if len(batch) >= chunk:
                _member_batch(conn, batch, rule, now)
                batch = []
        _member_batch(conn, batch, rule, now)
        prods = []
        for i in range(1, products + 1):
            body = f"69{i:010d}"
            price = rnd.randrange(100, 20_000)
            prods.append(
                {
                    "id": i,
                    "code": f"P{i:06d}",
                    "barcode": body + gs1_check_digit(body),
                    "name": f"{rnd.choice(CATEGORIES)}商品{i}",
                    "category": rnd.choice(CATEGORIES),
                    "price_fen": price,
                    "member_price_fen": price * 9 // 10 if i % 5 == 0 else None,
                    "weighed": i % 17 == 0,
                    "earns_points": i % 5 != 0,
                    "discountable": i % 5 != 0,
                    "active": True,
                    "count_card_plan": None,
                }
            )
        _load(conn, "products", prods)
        touch_all(conn, Entity.TIER, "tiers", "code")
        touch_all(conn, Entity.RULES, "programme_rules", "version")
        touch_all(conn, Entity.PRODUCT, "products", "id")
        touch_all(conn, Entity.MEMBER, "members", "id")
    if engine.dialect.name == "postgresql":
        # Fresh statistics, so the first pulls plan with the index rather than a scan.
        with engine.connect() as conn:
            conn.execution_options(isolation_level="AUTOCOMMIT").execute(text("ANALYZE"))
    log.info("seeded %d members and %d products", members, products)
    return SeedSummary(
        stores=[s for s, _ in STORES],
        members=members,
        products=products,
        sample_cards=[rule.make(i) for i in range(1, min(members, 5) + 1)],
        rules_version=rules.version,
    )


def _member_batch(
    conn: Connection, batch: list[dict[str, Any]], rule: CardNumberRule, now: str
) -> None:
    if not batch:
        return
    _load(conn, "members", batch)
    _load(
        conn,
        "cards",
        [
            {
                "number": rule.make(r["id"]),
                "uid": f"{(r['id'] * 2654435761) % 2**32:08X}",
                "kind": "mifare" if r["id"] % 2 else "barcode",
                "state": "active",
                "member_id": r["id"],
                "issued_on": r["joined_on"],
                "expires_on": None,
                "replaced_by_number": None,
            }
            for r in batch
        ],
    )
    _load(
        conn,
        "sv_entries",
        [
            {
                "event_id": f"opening-{r['id']}",
                "member_id": r["id"],
                "kind": "opening",
                "principal_delta_fen": r["sv_principal_fen"],
                "bonus_delta_fen": r["sv_bonus_fen"],
                "store_id": "S001",
                "terminal_id": "HQ",
                "business_date": "2026-01-01",
                "created_at": now,
            }
            for r in batch
            if r["sv_principal_fen"] or r["sv_bonus_fen"]
        ],
    )
    _load(
        conn,
        "points_entries",
        [
            {
                "event_id": f"opening-{r['id']}",
                "member_id": r["id"],
                "kind": "opening",
                "delta": r["points"],
                "store_id": "S001",
                "created_at": now,
            }
            for r in batch
            if r["points"]
        ],
    )
