"""The change feed terminals pull: a commit-ordered sequence and pages after a cursor.

Every transaction that changes reference data (members and their balances
and cards, tiers, rules, products, coupons, device keys) calls ``touch`` for the entities
it changed. ``changes`` keeps one row per entity at its newest position
``seq``. A terminal pulls the rows after its cursor in ``seq`` order and gets
each entity's *current* state, so an entity changed twice is sent once.

Why not a plain PostgreSQL sequence: ``nextval`` hands out numbers when it is
called, not when the transaction commits. Transaction A takes 10, B takes 11,
B commits first, a terminal pulls up to 11, then A commits 10 *behind* the
terminal's cursor and is never seen. Two cures were weighed:

- serve only rows whose writing transaction id is below
  ``pg_snapshot_xmin(pg_current_snapshot())``. Correct, but that mark is
  cluster-wide: any long writing transaction on the server (a bulk price
  import, a seed, another database's batch job) stalls every till's pulls
  until it ends. We met exactly that in testing.
- **commit-ordered numbers** (chosen): ``touch`` takes its numbers from the
  single row of ``change_clock`` (``UPDATE ... RETURNING``). The row lock is
  held until commit, so a transaction can only take numbers after every
  transaction that took smaller ones has committed or rolled back: numbers
  become visible in order, and a reader never sees a gap that fills later.
  The cost: the *last* step of writing transactions is serialized (``touch``
  is called at the end of each, so the lock covers the final statements and
  the commit only, about a millisecond); a rolled-back transaction leaves a
  harmless gap.

The same code runs on SQLite (the demo), whose writers are serial anyway.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, bindparam, text

from pos_member.domain.member_code import b64url
from pos_member.wire.schemas import Change, Entity

TESTED_IN = "tests/headoffice/test_change_feed.py"

START_CURSOR = "0"


def parse_cursor(cursor: str) -> int:
    """A cursor is the decimal ``seq`` of the last change served; ValueError otherwise."""
    if not cursor.isdigit() or not cursor.isascii() or len(cursor) > 18:
        raise ValueError(f"not a cursor: {cursor[:50]!r}")
    return int(cursor)


def format_cursor(seq: int) -> str:
    return str(seq)


def _take(conn: Connection, n: int) -> int:
    """Reserve ``n`` numbers on the change clock (locked until commit); returns the last."""
    return int(
        conn.execute(
            text("UPDATE change_clock SET seq = seq + :n WHERE id = 1 RETURNING seq"), {"n": n}
        ).scalar_one()
    )


def touch(conn: Connection, entity: Entity, keys: Iterable[object]) -> None:
    """Move ``keys`` of ``entity`` to the head of the change feed, in this transaction.

    Call it as late as possible in the transaction: it takes the change clock's lock.
    """
    touch_many(conn, {entity: keys})


def touch_many(conn: Connection, groups: Mapping[Entity, Iterable[object]]) -> None:
    """``touch`` for several entities at once: one tick of the clock, one statement.

    A push changes members and coupons; taking the clock once for both keeps the
    serialized tail of the transaction to one round trip before the commit.
    """
    pairs = [
        (entity.value, k) for entity, keys in groups.items() for k in sorted({str(k) for k in keys})
    ]
    if not pairs:
        return
    first = _take(conn, len(pairs)) - len(pairs) + 1
    if conn.dialect.name == "postgresql":
        conn.execute(
            text(
                "INSERT INTO changes (entity, key, seq) "
                "SELECT u.e, u.k, :first + u.o - 1 "
                "FROM unnest(CAST(:entities AS text[]), CAST(:keys AS text[])) "
                "WITH ORDINALITY AS u(e, k, o) "
                "ON CONFLICT (entity, key) DO UPDATE SET seq = excluded.seq"
            ),
            {"entities": [e for e, _ in pairs], "keys": [k for _, k in pairs], "first": first},
        )
        return
    conn.execute(
        text(
            "INSERT INTO changes (entity, key, seq) VALUES (:entity, :key, :seq) "
            "ON CONFLICT (entity, key) DO UPDATE SET seq = excluded.seq"
        ),
        [{"entity": e, "key": k, "seq": first + i} for i, (e, k) in enumerate(pairs)],
    )


def touch_all(conn: Connection, entity: Entity, table: str, key_col: str) -> None:
    """Put every row of ``table`` in the change feed (after a bulk load), in key order."""
    n = int(conn.execute(text(f"SELECT count(*) FROM {table}")).scalar_one())
    if not n:
        return
    first = _take(conn, n) - n + 1
    conn.execute(
        text(
            f"INSERT INTO changes (entity, key, seq) "
            f"SELECT :entity, CAST({key_col} AS TEXT), "
            f":first - 1 + row_number() OVER (ORDER BY {key_col}) FROM {table} WHERE true "
            "ON CONFLICT (entity, key) DO UPDATE SET seq = excluded.seq"
        ),
        {"entity": entity.value, "first": first},
    )


@dataclass(frozen=True, slots=True)
class Page:
    changes: list[Change]
    cursor: str
    more: bool
    remaining: int | None


def _served(entities: Sequence[Entity] | None) -> list[str]:
    """The entity kinds to serve: those the till asked for, else all of this build's."""
    return [e.value for e in (entities if entities is not None else list(Entity))]


def _feed_rows(conn: Connection, sql: str, params: dict[str, Any], kinds: list[str]) -> Any:
    stmt = text(sql).bindparams(bindparam("kinds", expanding=True))
    return conn.execute(stmt, {**params, "kinds": kinds})


def _remaining(conn: Connection, seq: int, kinds: list[str]) -> int:
    return int(
        _feed_rows(
            conn,
            "SELECT count(*) FROM changes WHERE seq > :s AND entity IN :kinds",
            {"s": seq},
            kinds,
        ).scalar_one()
    )


# A till's tables refer to each other (coupons.member_id -> members, members.tier_code
# -> tiers), but the feed is ordered by when each entity last changed: a member touched
# after its coupon was issued comes *after* the coupon, and a tier renamed after its
# members after them. A till pulling from the start would meet the coupon before its
# member. So a page carries, before its own changes, the current state of every entity
# one of its changes refers to that the feed only brings later. Sent twice, applied twice:
# each change is the whole current state, and applying it is an upsert.
_LATER_MEMBERS = """
SELECT DISTINCT d.key, d.seq FROM changes p
JOIN coupons c ON c.code = p.key
JOIN changes d ON d.entity = 'member' AND d.key = CAST(c.member_id AS TEXT)
WHERE p.entity = 'coupon' AND p.seq > :s AND p.seq <= :last AND d.seq > p.seq
"""
_LATER_TIERS = """
SELECT DISTINCT d.key FROM changes p
JOIN members m ON m.id = CASE WHEN p.entity = 'member' THEN CAST(p.key AS BIGINT) END
JOIN changes d ON d.entity = 'tier' AND d.key = m.tier_code
WHERE p.entity = 'member' AND p.seq > :s AND p.seq <= :last AND d.seq > p.seq
"""


def forwarded(
    conn: Connection, seq: int, last: int, kinds: Sequence[str] = tuple(Entity)
) -> list[tuple[Entity, str]]:
    """Entities of ``kinds`` the page ``(seq, last]`` refers to that the feed brings later.

    Tiers first, then members: what each of them refers to comes before it.
    """
    page = {"s": seq, "last": last}
    members = [str(k) for k, _ in conn.execute(text(_LATER_MEMBERS), page)]
    tiers = set(conn.execute(text(_LATER_TIERS), page).scalars())
    if members:
        # A member brought to the front of the page goes before the page's own tiers:
        # any tier of theirs the till has not had before this page comes with them.
        tiers.update(
            conn.execute(
                text(
                    "SELECT DISTINCT d.key FROM members m "
                    "JOIN changes d ON d.entity = 'tier' AND d.key = m.tier_code "
                    "WHERE m.id IN :ids AND d.seq > :s"
                ).bindparams(bindparam("ids", expanding=True)),
                {"ids": [int(k) for k in members], "s": seq},
            ).scalars()
        )
    ahead = [(Entity.TIER, str(t)) for t in sorted(tiers)] + [
        (Entity.MEMBER, k) for k in sorted(members, key=int)
    ]
    return [(e, k) for e, k in ahead if e.value in kinds]


@dataclass(frozen=True, slots=True)
class _Window:
    """The rows of one page, and what goes with them."""

    rows: list[Any]  # (entity, key, seq, ...) in seq order
    more: bool
    remaining: int | None
    ahead: list[tuple[Entity, str]]  # brought forward, before ``rows``

    def cursor(self, cursor: str) -> str:
        return format_cursor(self.rows[-1].seq) if self.rows else cursor


def _window(
    conn: Connection,
    cursor: str,
    limit: int,
    with_remaining: bool,
    entities: Sequence[Entity] | None,
    select: str,
) -> _Window:
    """The next ``limit`` rows of the feed after ``cursor``, shared by the Python and the
    JSON page; ``select`` reads ``p``, the page's (entity, key, seq)."""
    seq = parse_cursor(cursor)
    kinds = _served(entities)
    rows = _feed_rows(
        conn,
        "WITH p AS (SELECT entity, key, seq FROM changes WHERE seq > :s AND entity IN :kinds "
        f"ORDER BY seq LIMIT :n) {select} ORDER BY p.seq",
        {"s": seq, "n": limit + 1},
        kinds,
    ).all()
    more = len(rows) > limit
    rows = rows[:limit]
    remaining = _remaining(conn, seq, kinds) if with_remaining else None
    ahead = forwarded(conn, seq, rows[-1].seq, kinds) if rows else []
    return _Window(rows, more, remaining, ahead)


def read_page(
    conn: Connection,
    cursor: str,
    limit: int,
    with_remaining: bool = False,
    entities: Sequence[Entity] | None = None,
) -> Page:
    """The next ``limit`` changes after ``cursor``, with each entity's current state.

    ``entities``: the kinds the till understands (``schemas.entities_for`` its feed
    version); changes of other kinds are passed over, the cursor moves past them.
    """
    w = _window(conn, cursor, limit, with_remaining, entities, "SELECT entity, key, seq FROM p")
    if not w.rows:
        return Page([], cursor, False, w.remaining)
    wanted = w.ahead + [(Entity(r.entity), r.key) for r in w.rows]
    by_entity: dict[Entity, list[str]] = {}
    for entity, key in wanted:
        by_entity.setdefault(entity, []).append(key)
    states: dict[tuple[Entity, str], dict[str, Any]] = {}
    for entity, keys in by_entity.items():
        for key, data in _load(conn, entity, sorted(set(keys))):
            states[(entity, key)] = data
    changes = [
        Change(entity=entity, key=key, data=states[(entity, key)])
        for entity, key in wanted
        if (entity, key) in states
    ]
    return Page(changes, w.cursor(cursor), w.more, w.remaining)


_PG_STATE = """
CASE p.entity
WHEN 'member' THEN (
  SELECT CASE WHEN x.status IN ('erased', 'restricted')
    THEN (to_jsonb(x) || '{"gender": null}'::jsonb)::json ELSE row_to_json(x) END FROM (
    SELECT m.id,
      CASE WHEN m.status IN ('erased', 'restricted') THEN NULL ELSE m.name END AS name,
      m.phone, m.birthday, m.tier_code, m.joined_on, m.status,
      m.pay_pin_hash, m.pay_pin_locked_until, m.pay_pin_cleared_at,
      m.sv_principal_fen, m.sv_bonus_fen, m.points,
      m.balance_version, m.sv_closed_on, m.real_name_at,
      coalesce((SELECT json_agg(json_build_object(
          'number', c.number, 'uid', c.uid, 'kind', c.kind, 'state', c.state,
          'issued_on', c.issued_on, 'expires_on', c.expires_on,
          'replaced_by_number', c.replaced_by_number,
          'secure_counter', c.secure_counter, 'card_class', c.card_class) ORDER BY c.id)
        FROM cards c WHERE c.member_id = m.id), '[]'::json) AS cards
    FROM members m WHERE m.id = p.key::bigint) x)
WHEN 'tier' THEN (SELECT row_to_json(x) FROM (
    SELECT code, name, rank FROM tiers WHERE code = p.key) x)
WHEN 'rules' THEN (SELECT row_to_json(x) FROM (
    SELECT version, effective_from, effective_until, document, created_at
    FROM programme_rules WHERE version = p.key::int) x)
WHEN 'product' THEN (SELECT row_to_json(x) FROM (
    SELECT id, code, barcode, name, category, price_fen, member_price_fen, weighed,
      earns_points, discountable, active, count_card_plan, brand FROM products
    WHERE id = p.key::bigint) x)
WHEN 'coupon' THEN (SELECT row_to_json(x) FROM (
    SELECT id, code, member_id, name, kind, value_fen, rate, min_spend_fen, valid_from,
      valid_until, stackable, used_by_sale, used_at_store, scope, cap_fen FROM coupons
    WHERE code = p.key) x)
WHEN 'device_key' THEN (SELECT row_to_json(x) FROM (
    SELECT k.id, k.member_id,
      rtrim(translate(encode(k.public_key, 'base64'), '+/' || chr(10), '-_'), '=') AS public_key,
      (k.revoked_at IS NOT NULL) AS revoked,
      coalesce((SELECT code FROM chain_identity WHERE id = 1), 'PM') AS chain
    FROM member_device_keys k WHERE k.id = p.key::bigint) x)
END
"""


def read_page_json(
    conn: Connection,
    cursor: str,
    limit: int,
    with_remaining: bool = False,
    entities: Sequence[Entity] | None = None,
) -> bytes:
    """``read_page`` for PostgreSQL, with the page's JSON built by the database.

    The same answer as ``PullPage(...).model_dump_json()``, without building a
    Python object per row: a page of 5,000 members costs the server a few
    milliseconds of Python instead of a few hundred.
    """
    w = _window(
        conn, cursor, limit, with_remaining, entities,
        f"SELECT p.entity, p.key, p.seq, ({_PG_STATE})::text AS js FROM p",
    )  # fmt: skip
    rows, ahead = list(w.rows), w.ahead
    if ahead:
        ahead_rows = conn.execute(
            text(
                "WITH p AS (SELECT u.entity, u.key, u.o FROM unnest(CAST(:entities AS text[]), "
                "CAST(:keys AS text[])) WITH ORDINALITY AS u(entity, key, o)) "
                f"SELECT p.entity, p.key, ({_PG_STATE})::text AS js FROM p ORDER BY p.o"
            ),
            {"entities": [e.value for e, _ in ahead], "keys": [k for _, k in ahead]},
        ).all()
        rows = [*ahead_rows, *rows]
    parts = [
        f'{{"entity":{json.dumps(r.entity)},"key":{json.dumps(r.key)},"data":{r.js}}}'
        for r in rows
        if r.js is not None
    ]
    return (
        '{"changes":[' + ",".join(parts) + "],"
        f'"cursor":{json.dumps(w.cursor(cursor))},"more":{json.dumps(w.more)},'
        f'"remaining":{json.dumps(w.remaining)}}}'
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
            "pay_pin_locked_until, pay_pin_cleared_at, "
            "sv_principal_fen, "
            "sv_bonus_fen, points, balance_version, sv_closed_on, real_name_at "
            "FROM members WHERE id IN :keys",
            ids,
        )
        cards: dict[int, list[dict[str, Any]]] = {}
        for c in _in(
            conn,
            "SELECT number, uid, kind, state, member_id, issued_on, expires_on, "
            "replaced_by_number, secure_counter, card_class FROM cards "
            "WHERE member_id IN :keys ORDER BY id",
            ids,
        ):
            cards.setdefault(c["member_id"], []).append({k: c[k] for k in c if k != "member_id"})
        return [(str(m["id"]), _closed({**m, "cards": cards.get(m["id"], [])})) for m in members]
    if entity is Entity.TIER:
        rows = _in(conn, "SELECT code, name, rank FROM tiers WHERE code IN :keys", keys)
        return [(r["code"], dict(r)) for r in rows]
    if entity is Entity.RULES:
        rows = _in(
            conn,
            "SELECT version, effective_from, effective_until, document, created_at "
            "FROM programme_rules "
            "WHERE version IN :keys",
            [int(k) for k in keys],
        )
        return [(str(r["version"]), _json(dict(r), "document")) for r in rows]
    if entity is Entity.PRODUCT:
        rows = _in(
            conn,
            "SELECT id, code, barcode, name, category, price_fen, member_price_fen, weighed, "
            "earns_points, discountable, active, count_card_plan, brand FROM products "
            "WHERE id IN :keys",
            [int(k) for k in keys],
        )
        return [(str(r["id"]), _bools(dict(r))) for r in rows]
    if entity is Entity.DEVICE_KEY:
        chain = conn.execute(text("SELECT code FROM chain_identity WHERE id = 1")).scalar()
        rows = _in(
            conn,
            "SELECT id, member_id, public_key, revoked_at FROM member_device_keys "
            "WHERE id IN :keys",
            [int(k) for k in keys],
        )
        return [
            (
                str(r["id"]),
                {
                    "id": r["id"],
                    "member_id": r["member_id"],
                    "public_key": b64url(bytes(r["public_key"])),
                    "revoked": r["revoked_at"] is not None,
                    "chain": chain or "PM",
                },
            )
            for r in rows
        ]
    rows = _in(
        conn,
        "SELECT id, code, member_id, name, kind, value_fen, rate, min_spend_fen, valid_from, "
        "valid_until, stackable, used_by_sale, used_at_store, scope, cap_fen FROM coupons "
        "WHERE code IN :keys",
        keys,
    )
    return [(r["code"], _json(_bools(dict(r)), "scope")) for r in rows]


def _closed(state: dict[str, Any]) -> dict[str, Any]:
    """A closed membership (``privacy``: erased or restricted) goes to the tills without
    its personal fields: name, phone, birthday and gender null (the till erases its own)."""
    if state["status"] in ("erased", "restricted"):
        state.update(name=None, phone=None, birthday=None, gender=None, pay_pin_hash=None)
    return state


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
