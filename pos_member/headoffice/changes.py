"""The change feed terminals pull: positions, the safe high-water mark, pages.

Every transaction that changes reference data (members and their balances
and cards, tiers, rules, products, coupons) calls ``touch`` for the entities
it changed. ``changes`` keeps one row per entity: its newest position
``(txid, seq)``. A terminal pulls rows after its cursor in that order and
gets each entity's *current* state, so it never replays history it does not
need and an entity changed twice is sent once.

Why ``txid`` and not just a sequence: PostgreSQL sequences hand out numbers
at ``nextval`` time, not at commit time. Transaction A may take seq 10,
transaction B seq 11, B commits first, a terminal pulls up to 11, then A
commits 10 *behind* the terminal's cursor and is never seen. So each row also
records the id of the transaction that wrote it (``pg_current_xact_id()``),
rows are ordered by ``(txid, seq)``, and a pull only serves rows whose txid is
below ``pg_snapshot_xmin(pg_current_snapshot())``: the oldest transaction
still running. Every transaction below that mark has committed or rolled
back, and any transaction that writes later gets a larger txid (ids are
assigned in increasing order on first write), so nothing can ever appear
behind a cursor. The price: a long-running transaction holds the mark back,
which delays pulls (never loses changes); keep head office's transactions
short. In SQLite (the demo) writers are serial (``BEGIN IMMEDIATE``), so the
sequence alone is already in commit order and ``txid`` is 0.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, bindparam, text

from pos_member.sync.schemas import Change, Entity

START_CURSOR = "0.0"


def parse_cursor(cursor: str) -> tuple[int, int]:
    """``"<txid>.<seq>"`` to a pair; raises ValueError on anything else."""
    left, sep, right = cursor.partition(".")
    if not sep or not left.isdigit() or not right.isdigit() or len(cursor) > 41:
        raise ValueError(f"not a cursor: {cursor[:50]!r}")
    return int(left), int(right)


def format_cursor(txid: int, seq: int) -> str:
    return f"{txid}.{seq}"


def touch(conn: Connection, entity: Entity, keys: Iterable[object]) -> None:
    """Move ``keys`` of ``entity`` to the head of the change feed, in this transaction."""
    # Sorted so that concurrent transactions lock feed rows in one order (no deadlock).
    ks = sorted({str(k) for k in keys})
    if not ks:
        return
    if conn.dialect.name == "postgresql":
        conn.execute(
            text(
                "INSERT INTO changes (entity, key, txid, seq) "
                "SELECT :entity, k, pg_current_xact_id()::text::bigint, nextval('change_seq') "
                "FROM unnest(CAST(:keys AS text[])) AS k "
                "ON CONFLICT (entity, key) DO UPDATE SET txid = excluded.txid, seq = excluded.seq"
            ),
            {"entity": entity.value, "keys": ks},
        )
        return
    start = conn.execute(text("SELECT coalesce(max(seq), 0) FROM changes")).scalar_one()
    conn.execute(
        text(
            "INSERT INTO changes (entity, key, txid, seq) VALUES (:entity, :key, 0, :seq) "
            "ON CONFLICT (entity, key) DO UPDATE SET seq = excluded.seq"
        ),
        [{"entity": entity.value, "key": k, "seq": start + i + 1} for i, k in enumerate(ks)],
    )


def touch_all(conn: Connection, entity: Entity, table: str, key_col: str) -> None:
    """Put every row of ``table`` in the change feed (after a bulk load), in key order."""
    if conn.dialect.name == "postgresql":
        conn.execute(
            text(
                f"INSERT INTO changes (entity, key, txid, seq) "
                f"SELECT :entity, CAST({key_col} AS text), pg_current_xact_id()::text::bigint, "
                f"nextval('change_seq') FROM (SELECT {key_col} FROM {table} ORDER BY {key_col}) t "
                "ON CONFLICT (entity, key) DO UPDATE SET txid = excluded.txid, seq = excluded.seq"
            ),
            {"entity": entity.value},
        )
        return
    start = conn.execute(text("SELECT coalesce(max(seq), 0) FROM changes")).scalar_one()
    conn.execute(
        text(
            f"INSERT INTO changes (entity, key, txid, seq) "
            f"SELECT :entity, CAST({key_col} AS TEXT), 0, "
            f":start + row_number() OVER (ORDER BY {key_col}) FROM {table} WHERE true "
            "ON CONFLICT (entity, key) DO UPDATE SET seq = excluded.seq"
        ),
        {"entity": entity.value, "start": start},
    )


def safe_high_water(conn: Connection) -> int:
    """Rows with a txid below this are final (committed or gone); 1 << 62 in SQLite."""
    if conn.dialect.name == "postgresql":
        return int(
            conn.execute(
                text("SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint")
            ).scalar_one()
        )
    return 1 << 62


@dataclass(frozen=True, slots=True)
class Page:
    changes: list[Change]
    cursor: str
    more: bool
    remaining: int | None


def read_page(conn: Connection, cursor: str, limit: int, with_remaining: bool = False) -> Page:
    """The next ``limit`` changes after ``cursor`` below the safe high-water mark."""
    txid, seq = parse_cursor(cursor)
    hw = safe_high_water(conn)
    where = "(txid, seq) > (:t, :s) AND txid < :hw"
    params = {"t": txid, "s": seq, "hw": hw}
    rows = conn.execute(
        text(
            f"SELECT entity, key, txid, seq FROM changes WHERE {where} ORDER BY txid, seq LIMIT :n"
        ),
        {**params, "n": limit + 1},
    ).all()
    more = len(rows) > limit
    rows = rows[:limit]
    remaining = None
    if with_remaining:
        remaining = int(
            conn.execute(text(f"SELECT count(*) FROM changes WHERE {where}"), params).scalar_one()
        )
    if not rows:
        return Page([], cursor, False, remaining)
    by_entity: dict[str, list[str]] = {}
    for r in rows:
        by_entity.setdefault(r.entity, []).append(r.key)
    states: dict[tuple[str, str], dict[str, Any]] = {}
    for entity, keys in by_entity.items():
        for key, data in _load(conn, Entity(entity), keys):
            states[(entity, key)] = data
    changes = [
        Change(entity=Entity(r.entity), key=r.key, data=states[(r.entity, r.key)])
        for r in rows
        if (r.entity, r.key) in states
    ]
    last = rows[-1]
    return Page(changes, format_cursor(last.txid, last.seq), more, remaining)


_PG_STATE = """
CASE p.entity
WHEN 'member' THEN (
  SELECT row_to_json(x) FROM (
    SELECT m.id, m.name, m.phone, m.birthday, m.tier_code, m.joined_on, m.status,
      m.pay_pin_hash, m.sv_principal_fen, m.sv_bonus_fen, m.points, m.balance_version,
      coalesce((SELECT json_agg(json_build_object(
          'number', c.number, 'uid', c.uid, 'kind', c.kind, 'state', c.state,
          'issued_on', c.issued_on, 'expires_on', c.expires_on,
          'replaced_by_number', c.replaced_by_number) ORDER BY c.id)
        FROM cards c WHERE c.member_id = m.id), '[]'::json) AS cards
    FROM members m WHERE m.id = p.key::bigint) x)
WHEN 'tier' THEN (SELECT row_to_json(x) FROM (
    SELECT code, name, rank FROM tiers WHERE code = p.key) x)
WHEN 'rules' THEN (SELECT row_to_json(x) FROM (
    SELECT version, effective_from, document, created_at FROM programme_rules
    WHERE version = p.key::int) x)
WHEN 'product' THEN (SELECT row_to_json(x) FROM (
    SELECT id, code, barcode, name, category, price_fen, member_price_fen, weighed,
      earns_points, discountable, active, count_card_plan FROM products
    WHERE id = p.key::bigint) x)
WHEN 'coupon' THEN (SELECT row_to_json(x) FROM (
    SELECT id, code, member_id, name, kind, value_fen, rate, min_spend_fen, valid_from,
      valid_until, stackable, used_by_sale, used_at_store FROM coupons WHERE code = p.key) x)
END
"""


def read_page_json(
    conn: Connection, cursor: str, limit: int, with_remaining: bool = False
) -> bytes:
    """``read_page`` for PostgreSQL, with the page's JSON built by the database.

    The same answer as ``PullPage(...).model_dump_json()``, without building a
    Python object per row: a page of 5,000 members costs the server a few
    milliseconds of Python instead of a few hundred.
    """
    txid, seq = parse_cursor(cursor)
    hw = safe_high_water(conn)
    rows = conn.execute(
        text(
            "WITH p AS (SELECT entity, key, txid, seq FROM changes "
            "WHERE (txid, seq) > (:t, :s) AND txid < :hw ORDER BY txid, seq LIMIT :n) "
            "SELECT p.entity, p.key, p.txid, p.seq, "
            f"({_PG_STATE})::text AS js FROM p ORDER BY p.txid, p.seq"
        ),
        {"t": txid, "s": seq, "hw": hw, "n": limit + 1},
    ).all()
    more = len(rows) > limit
    rows = rows[:limit]
    remaining = None
    if with_remaining:
        remaining = int(
            conn.execute(
                text("SELECT count(*) FROM changes WHERE (txid, seq) > (:t, :s) AND txid < :hw"),
                {"t": txid, "s": seq, "hw": hw},
            ).scalar_one()
        )
    new_cursor = format_cursor(rows[-1].txid, rows[-1].seq) if rows else cursor
    parts = [
        f'{{"entity":{json.dumps(r.entity)},"key":{json.dumps(r.key)},"data":{r.js}}}'
        for r in rows
        if r.js is not None
    ]
    return (
        '{"changes":[' + ",".join(parts) + "],"
        f'"cursor":{json.dumps(new_cursor)},"more":{json.dumps(more)},'
        f'"remaining":{json.dumps(remaining)}}}'
    ).encode()


def _in(conn: Connection, sql: str, keys: list[Any]) -> Any:
    stmt = text(sql).bindparams(bindparam("keys", expanding=True))
    return conn.execute(stmt, {"keys": keys}).mappings().all()


def _load(conn: Connection, entity: Entity, keys: list[str]) -> list[tuple[str, dict[str, Any]]]:
    if entity is Entity.MEMBER:
        ids = [int(k) for k in keys]
        members = _in(
            conn,
            "SELECT id, name, phone, birthday, tier_code, joined_on, status, pay_pin_hash, "
            "sv_principal_fen, "
            "sv_bonus_fen, points, balance_version FROM members WHERE id IN :keys",
            ids,
        )
        cards: dict[int, list[dict[str, Any]]] = {}
        for c in _in(
            conn,
            "SELECT number, uid, kind, state, member_id, issued_on, expires_on, "
            "replaced_by_number FROM cards WHERE member_id IN :keys ORDER BY id",
            ids,
        ):
            cards.setdefault(c["member_id"], []).append({k: c[k] for k in c if k != "member_id"})
        return [(str(m["id"]), {**m, "cards": cards.get(m["id"], [])}) for m in members]
    if entity is Entity.TIER:
        rows = _in(conn, "SELECT code, name, rank FROM tiers WHERE code IN :keys", keys)
        return [(r["code"], dict(r)) for r in rows]
    if entity is Entity.RULES:
        rows = _in(
            conn,
            "SELECT version, effective_from, document, created_at FROM programme_rules "
            "WHERE version IN :keys",
            [int(k) for k in keys],
        )
        return [(str(r["version"]), _json(dict(r), "document")) for r in rows]
    if entity is Entity.PRODUCT:
        rows = _in(
            conn,
            "SELECT id, code, barcode, name, category, price_fen, member_price_fen, weighed, "
            "earns_points, discountable, active, count_card_plan FROM products WHERE id IN :keys",
            [int(k) for k in keys],
        )
        return [(str(r["id"]), _bools(dict(r))) for r in rows]
    rows = _in(
        conn,
        "SELECT id, code, member_id, name, kind, value_fen, rate, min_spend_fen, valid_from, "
        "valid_until, stackable, used_by_sale, used_at_store FROM coupons WHERE code IN :keys",
        keys,
    )
    return [(r["code"], _bools(dict(r))) for r in rows]


def _json(row: dict[str, Any], col: str) -> dict[str, Any]:
    if isinstance(row[col], str):
        row[col] = json.loads(row[col])
    return row


def _bools(row: dict[str, Any]) -> dict[str, Any]:
    # SQLite hands booleans back as 0/1.
    for k in ("weighed", "earns_points", "discountable", "active", "stackable"):
        if k in row and row[k] is not None:
            row[k] = bool(row[k])
    return row
