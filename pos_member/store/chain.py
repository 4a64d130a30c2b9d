"""Tamper evidence: a keyed hash chain over what the till has committed.

Every row the till appends to its books (sales with their lines, adjustments
and tenders; stored-value, points and count-card entries; audit rows) gets a
link in ``chain_links`` in the same transaction, and so does every outbox
event and the moment head office acknowledged it ("sent"). A link holds the
SHA-256 of the row's canonical form (``digest``), what names the row for a
person (``label``: a sale's id, an entry's event id) and an HMAC over its place
in the chain, the previous link's hash, the digest and the label (``hash``), keyed with
this terminal's secret (``secret``). Editing a committed row, erasing one or
adding one behind the till's back therefore shows: the row no longer matches
its link, a link points at nothing, or a row has no link; rewriting the links
too needs the key, and head office keeps the head of the events chain from
the pushes, so a rewritten history forks from what it already saw.

Two chains: ``events`` (outbox rows only, so head office can follow it from
the events it receives: one link per event, no holes) and ``rows`` (the rest).

One mechanism, no code at the insert sites: each writer connection carries
TEMP triggers that note the rowid of every row inserted (and every outbox row
marked sent) *by that connection* in ``temp.chain_pending``; just before the
transaction commits, ``seal`` links what was noted. A row written by another
program (the sqlite3 shell, say) is never noted, so the till does not launder
it into its chain by committing after it.

Canonical form: the row's columns sorted by name, NULL columns left out (so a
migration that adds a nullable column does not break old links), integers as
JSON integers, text as text, as compact JSON. A migration that gives existing
rows a non-NULL new value must re-link them.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import sqlite3
from typing import Any

from sqlalchemy import Connection, Engine, bindparam, event, text
from sqlalchemy import exc as sa_exc

GENESIS = "0" * 64
EVENTS = "events"
ROWS = "rows"
SENT = "outbox.sent"

#: Append-only tables, linked once when a row is inserted.
LEDGER_TABLES = (
    "sales",
    "sale_lines",
    "sale_adjustments",
    "tenders",
    "stored_value_entries",
    "points_entries",
    "count_card_entries",
    "audit_log",
)
OUTBOX = "outbox"
#: Columns that legitimately change after the insert, left out of the digest.
MUTABLE = {OUTBOX: frozenset({"sent_at", "attempts", "last_error"})}
#: Tables whose rows change legitimately (a role given, a card found, a price pulled): each
#: change of the columns named here, made through the store, gets a new link of the row's
#: state; only the newest link of a row must match it. A card is linked only once it is
#: not active (the chain's millions of active cards need no link: a forged card state is
#: a lost or stock card made active).
STATE_COLUMNS: dict[str, tuple[str, ...]] = {
    "staff": ("id", "role", "pin_hash", "active"),
    "cards": ("number", "state", "member_id"),
    "coupons": (
        "code",
        "member_id",
        "kind",
        "value_fen",
        "rate",
        "min_spend_fen",
        "valid_from",
        "valid_until",
        "stackable",
        "used_by_sale",
        "used_elsewhere",
    ),
    "programme_rules": ("version", "effective_from", "document"),
    "products": ("code", "barcode", "price_fen", "member_price_fen"),
}
#: Rows of a state table that must have a link (SQL on alias ``t``).
STATE_LINKED_WHEN = {"cards": "t.state <> 'active'"}

_PENDING = (
    "CREATE TEMP TABLE IF NOT EXISTS chain_pending (n INTEGER PRIMARY KEY, tbl TEXT, rid INTEGER)"
)


def chain_of(tbl: str) -> str:
    return EVENTS if tbl == OUTBOX else ROWS


def secret(conn: sqlite3.Connection) -> bytes | None:
    """This terminal's chain key (the one place that says where it lives).

    256 random bits made by migration 0109 in ``chain_secret``, a table of its
    own that no sale or ledger code touches and triggers keep unchangeable. It
    is not the head-office token: that is issued (and revoked) at enrolment,
    which a till may do again on a new PC, and a till may run un-enrolled.
    """
    row = conn.execute("SELECT key FROM chain_secret WHERE id = 1").fetchone()
    return None if row is None else bytes(row[0])


def _value(v: Any) -> Any:
    if isinstance(v, float):
        return {"real": repr(v)}
    if isinstance(v, bytes | memoryview):
        return {"hex": bytes(v).hex()}
    return v


def canonical(names: list[str], values: tuple[Any, ...], skip: frozenset[str] = frozenset()) -> str:
    pairs = sorted(
        (n, _value(v))
        for n, v in zip(names, values, strict=True)
        if v is not None and n not in skip
    )
    return json.dumps(pairs, ensure_ascii=False, separators=(",", ":"))


#: The column that names a row for a person (kept in its link: an erased row is named).
LABELS = {
    "sales": "id",
    "sale_lines": "sale_id",
    "sale_adjustments": "sale_id",
    "tenders": "sale_id",
    "stored_value_entries": "event_id",
    "points_entries": "event_id",
    "count_card_entries": "event_id",
    "audit_log": "event_id",
    OUTBOX: "id",
    SENT: "id",
    "staff": "id",
    "cards": "number",
    "coupons": "code",
    "programme_rules": "version",
    "products": "code",
}


def read_row(conn: sqlite3.Connection, tbl: str, rid: int) -> tuple[str, str] | None:
    """(SHA-256 of the canonical form, label) of row ``rid`` of ``tbl``; None if not there."""
    skip: frozenset[str] = frozenset()
    if tbl == SENT:
        cur = conn.execute("SELECT id, sent_at FROM outbox WHERE rowid = ?", (rid,))
    elif tbl in STATE_COLUMNS:
        cols = ", ".join(STATE_COLUMNS[tbl])
        cur = conn.execute(f'SELECT {cols} FROM "{tbl}" WHERE rowid = ?', (rid,))
    else:
        cur = conn.execute(f'SELECT * FROM "{tbl}" WHERE rowid = ?', (rid,))
        skip = MUTABLE.get(tbl, frozenset())
    row = cur.fetchone()
    if row is None:
        return None
    names = [d[0] for d in cur.description]
    label = dict(zip(names, row, strict=True)).get(LABELS.get(tbl, ""))
    digest = hashlib.sha256(canonical(names, row, skip).encode()).hexdigest()
    return digest, "" if label is None else str(label)[:64]


def row_digest(conn: sqlite3.Connection, tbl: str, rid: int) -> str | None:
    """The SHA-256 of row ``rid`` of ``tbl`` in canonical form; None if it is not there."""
    got = read_row(conn, tbl, rid)
    return None if got is None else got[0]


def link_hash(
    key: bytes, chain: str, n: int, prev: str, tbl: str, rid: int, digest: str, label: str
) -> str:
    msg = f"{chain}|{n}|{prev}|{tbl}|{rid}|{digest}|{label}".encode()
    return hmac.new(key, msg, hashlib.sha256).hexdigest()


def head(conn: sqlite3.Connection, chain: str) -> tuple[int, str]:
    row = conn.execute(
        "SELECT n, hash FROM chain_links WHERE chain = ? ORDER BY n DESC LIMIT 1", (chain,)
    ).fetchone()
    return (0, GENESIS) if row is None else (int(row[0]), str(row[1]))


def link(conn: sqlite3.Connection, key: bytes, rows: list[tuple[str, int]]) -> None:
    """Append a link for each (table, rowid) in ``rows``, in order, in the open transaction."""
    heads: dict[str, tuple[int, str]] = {}
    out = []
    for tbl, rid in rows:
        got = read_row(conn, tbl, rid)
        if got is None:  # inserted and gone again in one transaction
            continue
        digest, label = got
        chain = chain_of(tbl)
        if chain not in heads:
            heads[chain] = head(conn, chain)
        n, prev = heads[chain]
        n += 1
        h = link_hash(key, chain, n, prev, tbl, rid, digest, label)
        heads[chain] = (n, h)
        out.append((chain, n, tbl, rid, label, prev, digest, h))
    conn.executemany(
        "INSERT INTO chain_links (chain, n, tbl, rid, label, prev, digest, hash) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        out,
    )


def seal(conn: sqlite3.Connection) -> None:
    """Link what this connection's transaction wrote (called just before it commits)."""
    try:
        pending = conn.execute("SELECT tbl, rid FROM temp.chain_pending ORDER BY n").fetchall()
    except sqlite3.OperationalError:  # not installed on this connection (before migration)
        return
    if not pending:
        return
    key = secret(conn)
    if key is None:
        raise RuntimeError("the terminal database has no chain key (migration 0109 makes it)")
    link(conn, key, [(str(t), int(r)) for t, r in pending])
    conn.execute("DELETE FROM temp.chain_pending")


def unlinked(
    conn: sqlite3.Connection, floors: dict[str, int] | None = None
) -> list[tuple[str, int]]:
    """Rows (and sent markers) that have no link yet, in the order ``adopt`` links them;
    with ``floors``, only rows above each table's floor (a table not named: all)."""
    out: list[tuple[str, int]] = []

    def floor(tbl: str) -> int:
        return 0 if floors is None else int(floors.get(tbl, 0))

    for tbl in (*LEDGER_TABLES, OUTBOX):
        out += [
            (tbl, int(r[0]))
            for r in conn.execute(
                f'SELECT t.rowid FROM "{tbl}" t WHERE t.rowid > {floor(tbl)} AND NOT EXISTS '
                "(SELECT 1 FROM chain_links c WHERE c.tbl = ? AND c.rid = t.rowid) "
                "ORDER BY t.rowid",
                (tbl,),
            )
        ]
    for tbl in STATE_COLUMNS:
        when = STATE_LINKED_WHEN.get(tbl, "1")
        out += [
            (tbl, int(r[0]))
            for r in conn.execute(
                f'SELECT t.rowid FROM "{tbl}" t WHERE t.rowid > {floor(tbl)} AND {when} '
                "AND NOT EXISTS "
                "(SELECT 1 FROM chain_links c WHERE c.tbl = ? AND c.rid = t.rowid) "
                "ORDER BY t.rowid",
                (tbl,),
            )
        ]
    out += [
        (SENT, int(r[0]))
        for r in conn.execute(
            f"SELECT o.rowid FROM outbox o WHERE o.rowid > {floor(SENT)} "
            "AND o.sent_at IS NOT NULL AND NOT EXISTS "
            "(SELECT 1 FROM chain_links c WHERE c.tbl = ? AND c.rid = o.rowid) ORDER BY o.rowid",
            (SENT,),
        )
    ]
    return out


def adopt(conn: sqlite3.Connection) -> int:
    """Link every row not linked yet, trusting it as it is; returns how many.

    Only for rows the till itself wrote outside a store session: the history
    present when migration 0109 first builds the chain, and the demo seed's bulk
    load. Never called on a store in use: that would launder a forged row.
    """
    key = secret(conn)
    if key is None:
        raise RuntimeError("the terminal database has no chain key (migration 0109 makes it)")
    rows = unlinked(conn)
    link(conn, key, rows)
    return len(rows)


def _temp_triggers() -> list[str]:
    sql = [_PENDING]
    for tbl in (*LEDGER_TABLES, OUTBOX):
        sql.append(
            f"CREATE TEMP TRIGGER IF NOT EXISTS chain_note_{tbl} AFTER INSERT ON main.{tbl} "
            f"BEGIN INSERT INTO chain_pending (tbl, rid) VALUES ('{tbl}', NEW.rowid); END"
        )
    sql.append(
        "CREATE TEMP TRIGGER IF NOT EXISTS chain_note_outbox_sent AFTER UPDATE OF sent_at "
        "ON main.outbox WHEN OLD.sent_at IS NULL AND NEW.sent_at IS NOT NULL "
        f"BEGIN INSERT INTO chain_pending (tbl, rid) VALUES ('{SENT}', NEW.rowid); END"
    )
    for tbl, cols in STATE_COLUMNS.items():
        note = f"BEGIN INSERT INTO chain_pending (tbl, rid) VALUES ('{tbl}', NEW.rowid); END"
        when = STATE_LINKED_WHEN.get(tbl, "1").replace("t.", "NEW.")
        changed = " OR ".join(f"NEW.{c} IS NOT OLD.{c}" for c in cols)
        sql.append(
            f"CREATE TEMP TRIGGER IF NOT EXISTS chain_note_{tbl}_insert AFTER INSERT "
            f"ON main.{tbl} WHEN {when} {note}"
        )
        sql.append(
            f"CREATE TEMP TRIGGER IF NOT EXISTS chain_note_{tbl}_update AFTER UPDATE "
            f"OF {', '.join(cols)} ON main.{tbl} WHEN ({changed}) {note}"
        )
    return sql


def prepare(conn: sqlite3.Connection) -> bool:
    """Give a writer connection its TEMP triggers (only once the schema has the chain)."""
    has = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'chain_links'"
    ).fetchone()
    if has is None:
        return False
    for sql in _temp_triggers():
        conn.execute(sql)
    return True


def install(engine: Engine) -> None:
    """Chain everything committed through ``engine`` (the store's writer)."""

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: sqlite3.Connection, _record: Any) -> None:
        prepare(dbapi_conn)

    @event.listens_for(engine, "commit")
    def _on_commit(conn: Any) -> None:
        dbapi = conn.connection.dbapi_connection
        if dbapi is not None:
            try:
                seal(dbapi)
            except sqlite3.OperationalError as exc:  # a full disk, a lock: as any statement's
                raise sa_exc.OperationalError("chain seal", None, exc) from exc
            except sqlite3.DatabaseError as exc:
                raise sa_exc.DatabaseError("chain seal", None, exc) from exc


def event_marks(conn: Connection, seqs: list[int]) -> dict[int, dict[str, Any]]:
    """The events-chain link of each outbox row (by ``seq``), as the push sends it."""
    if not seqs:
        return {}
    q = text(
        "SELECT rid, n, prev, hash FROM chain_links WHERE chain = :c AND tbl = :t AND rid IN :ids"
    ).bindparams(bindparam("ids", expanding=True))
    return {
        int(rid): {"n": int(n), "prev": prev, "hash": h}
        for rid, n, prev, h in conn.execute(q, {"c": EVENTS, "t": OUTBOX, "ids": seqs})
    }
