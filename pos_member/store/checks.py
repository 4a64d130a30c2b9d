"""Consistency checks of a terminal database: what must hold after any crash.

``problems(conn)`` returns person-readable findings (empty when all is well):
SQLite's own integrity check, every cached balance against the sum of its
ledger, and every sale, refund and recharge wholly there (lines, tenders
that add up, ledger entries that match its tenders, its outbox event).
Used by the crash tests and by ``pos-member check-db``.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from pos_member.store import chain

TESTED_IN = "tests/services/test_tamper.py"


def problems(conn: sqlite3.Connection, *, limit: int = 20) -> list[str]:
    out: list[str] = []

    def q(sql: str, params: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
        return conn.execute(sql, params).fetchall()

    result = q("PRAGMA integrity_check")
    if result != [("ok",)]:
        out.append(f"integrity_check: {result[:5]}")
    for row in q("PRAGMA foreign_key_check")[:limit]:
        out.append(f"foreign key broken: {row}")
    for mid, cached, summed in q(
        """SELECT m.id, m.sv_principal_fen, COALESCE(SUM(e.principal_delta_fen), 0)
           FROM members m LEFT JOIN stored_value_entries e ON e.member_id = m.id
           GROUP BY m.id HAVING m.sv_principal_fen != COALESCE(SUM(e.principal_delta_fen), 0)
           LIMIT ?""",
        (limit,),
    ):
        out.append(f"member {mid}: stored-value principal {cached} != ledger sum {summed}")
    for mid, cached, summed in q(
        """SELECT m.id, m.sv_bonus_fen, COALESCE(SUM(e.bonus_delta_fen), 0)
           FROM members m LEFT JOIN stored_value_entries e ON e.member_id = m.id
           GROUP BY m.id HAVING m.sv_bonus_fen != COALESCE(SUM(e.bonus_delta_fen), 0)
           LIMIT ?""",
        (limit,),
    ):
        out.append(f"member {mid}: stored-value bonus {cached} != ledger sum {summed}")
    for mid, cached, summed in q(
        """SELECT m.id, m.points_balance, COALESCE(SUM(e.delta), 0)
           FROM members m LEFT JOIN points_entries e ON e.member_id = m.id
           GROUP BY m.id HAVING m.points_balance != COALESCE(SUM(e.delta), 0)
           LIMIT ?""",
        (limit,),
    ):
        out.append(f"member {mid}: points {cached} != ledger sum {summed}")
    # A lot never gives more points than it holds: except the lot the sync client keeps
    # per member (``hq-<member id>``), which carries points head office confirmed
    # beyond the terminal's own lots. A fall in confirmed points is taken from the
    # member's lots (``ledger.plan_correction``); only what they cannot cover, or an
    # older database's corrections, leave that lot negative; what must hold for it
    # is that it is the member's own and that the member's points over all lots are
    # not negative.
    for lot, summed in q(
        """SELECT e.lot_id, SUM(e.delta) FROM points_entries e
           LEFT JOIN points_lots l ON l.id = e.lot_id
           WHERE l.id IS NULL OR l.id != 'hq-' || l.member_id
           GROUP BY e.lot_id HAVING SUM(e.delta) < 0 LIMIT ?""",
        (limit,),
    ):
        out.append(f"points lot {lot} is overdrawn: {summed}")
    for lot, owner, mid in q(
        """SELECT e.lot_id, l.member_id, e.member_id FROM points_entries e
           JOIN points_lots l ON l.id = e.lot_id WHERE e.member_id != l.member_id
           GROUP BY e.lot_id, e.member_id LIMIT ?""",
        (limit,),
    ):
        out.append(f"points lot {lot} of member {owner} has entries of member {mid}")
    for lot, owner in q(
        """SELECT id, member_id FROM points_lots
           WHERE id LIKE 'hq-%' AND id != 'hq-' || member_id LIMIT ?""",
        (limit,),
    ):
        out.append(f"head-office points lot {lot} belongs to member {owner}, not its own")
    for mid, summed in q(
        """SELECT member_id, SUM(delta) FROM points_entries GROUP BY member_id
           HAVING SUM(delta) < 0 LIMIT ?""",
        (limit,),
    ):
        out.append(f"member {mid}: points ledger is negative: {summed}")
    for cid, cached, summed in q(
        """SELECT c.id, c.remaining_uses, COALESCE(SUM(e.delta), 0)
           FROM count_cards c LEFT JOIN count_card_entries e ON e.count_card_id = c.id
           GROUP BY c.id HAVING c.remaining_uses != COALESCE(SUM(e.delta), 0) LIMIT ?""",
        (limit,),
    ):
        out.append(f"count card {cid}: {cached} uses cached != ledger sum {summed}")
    # Every sale/refund/recharge is whole.
    for sid, kind in q(
        """SELECT s.id, s.kind FROM sales s
           WHERE s.kind IN ('sale', 'refund')
             AND NOT EXISTS (SELECT 1 FROM sale_lines l WHERE l.sale_id = s.id) LIMIT ?""",
        (limit,),
    ):
        out.append(f"{kind} {sid} has no lines")
    for sid, kind, total, lines in q(
        """SELECT s.id, s.kind, s.total_fen,
                  (SELECT COALESCE(SUM(net_fen), 0) FROM sale_lines l WHERE l.sale_id = s.id)
                  + (SELECT COALESCE(SUM(amount_fen), 0) FROM sale_adjustments a
                     WHERE a.sale_id = s.id AND a.line_no IS NULL)
           FROM sales s WHERE s.kind IN ('sale', 'refund') LIMIT -1"""
    ):
        if total != lines:
            out.append(f"{kind} {sid}: total {total} != lines {lines}")
            if len(out) > limit:
                break
    for sid, kind, total, paid in q(
        """SELECT s.id, s.kind, s.total_fen, COALESCE(SUM(t.amount_fen), 0)
           FROM sales s LEFT JOIN tenders t ON t.sale_id = s.id
           GROUP BY s.id HAVING s.total_fen != COALESCE(SUM(t.amount_fen), 0) LIMIT ?""",
        (limit,),
    ):
        out.append(f"{kind} {sid}: tenders {paid} != total {total}")
    for sid, tendered, ledger in q(
        """SELECT s.id,
                  (SELECT COALESCE(SUM(t.sv_principal_fen + t.sv_bonus_fen), 0) FROM tenders t
                   WHERE t.sale_id = s.id AND t.kind = 'stored_value'),
                  (SELECT COALESCE(-SUM(e.principal_delta_fen + e.bonus_delta_fen), 0)
                   FROM stored_value_entries e WHERE e.sale_id = s.id)
           FROM sales s WHERE s.kind IN ('sale', 'refund') LIMIT -1"""
    ):
        if tendered != ledger:
            out.append(f"sale {sid}: stored-value tender {tendered} != ledger {ledger}")
            if len(out) > limit:
                break
    for sid, kind, expected, ledger in q(
        """SELECT s.id, s.kind, s.points_earned - s.points_redeemed,
                  (SELECT COALESCE(SUM(e.delta), 0) FROM points_entries e WHERE e.sale_id = s.id)
           FROM sales s WHERE s.member_id IS NOT NULL AND s.kind IN ('sale', 'refund')
           LIMIT -1"""
    ):
        if expected != ledger:
            out.append(f"{kind} {sid}: points {expected} != ledger {ledger}")
            if len(out) > limit:
                break
    for sid, kind in q(
        """SELECT s.id, s.kind FROM sales s
           WHERE NOT EXISTS (SELECT 1 FROM outbox o WHERE o.id = s.id) LIMIT ?""",
        (limit,),
    ):
        out.append(f"{kind} {sid} has no outbox event")
    for sid, kind in q(
        """SELECT s.id, s.kind FROM sales s
           WHERE NOT EXISTS (SELECT 1 FROM audit_log a WHERE a.event_id = s.id) LIMIT ?""",
        (limit,),
    ):
        out.append(f"{kind} {sid} has no audit row")
    for tid, last, used in q(
        """SELECT c.terminal_id, c.last_no,
                  (SELECT max(CAST(substr(s.receipt_no, length(c.terminal_id) + 2) AS INTEGER))
                   FROM sales s WHERE s.terminal_id = c.terminal_id
                     AND s.receipt_no LIKE c.terminal_id || '-%')
           FROM receipt_counters c"""
    ):
        if used is not None and int(str(used)) > int(str(last)):
            out.append(
                f"the receipt counter of terminal {tid} is at {last} but receipt number {used} "
                "was already used: it was set back, and the next sales would reuse numbers"
            )
    out += trigger_problems(conn)
    out += chain_problems(conn, limit=limit)
    return out


#: Every trigger that keeps a table append-only (migrations 0101 and 0109).
APPEND_ONLY_TABLES = (*chain.LEDGER_TABLES, "chain_secret", "chain_links")
PROTECTIVE_TRIGGERS = (
    *(f"{t}_no_{verb}" for t in APPEND_ONLY_TABLES for verb in ("update", "delete")),
    # Tables that change only one way (migration 0109).
    "outbox_no_delete",
    "outbox_sent_forward",
    "receipt_counters_no_delete",
    "receipt_counters_forward",
    "staff_role_fixed",
)
_GUARDS = {
    "outbox_no_delete": "outbox events can be deleted",
    "outbox_sent_forward": "outbox events can be edited or marked unsent",
    "receipt_counters_no_delete": "the receipt counter can be deleted",
    "receipt_counters_forward": "the receipt counter can be set back",
    "staff_role_fixed": "a staff member's role can be changed in place",
}


def trigger_problems(conn: sqlite3.Connection) -> list[str]:
    have = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
    out = []
    for name in PROTECTIVE_TRIGGERS:
        if name in have:
            continue
        if name in _GUARDS:
            out.append(f"trigger {name} is missing: {_GUARDS[name]}")
        else:
            table, verb = name.rsplit("_no_", 1)
            out.append(
                f"trigger {name} is missing: {table} is no longer protected against {verb.upper()}"
            )
    return out


_WHAT = {
    "sales": "sale",
    "sale_lines": "line of sale",
    "sale_adjustments": "adjustment of sale",
    "tenders": "tender of sale",
    "stored_value_entries": "stored-value entry",
    "points_entries": "points entry",
    "count_card_entries": "count-card entry",
    "audit_log": "audit row",
    "outbox": "outbox event",
    chain.SENT: "outbox event",
    "staff": "staff member",
    "cards": "card",
    "coupons": "coupon",
    "programme_rules": "programme rules version",
    "products": "product",
}
# What names a row for a person: (columns to read, how to say them).
_NAMES: dict[str, tuple[str, str]] = {
    "sales": ("id, kind, receipt_no, total_fen", "{0} ({1}, receipt {2}, total {3} fen)"),
    "sale_lines": ("sale_id, line_no, net_fen", "{0}, line {1} ({2} fen)"),
    "sale_adjustments": ("sale_id, kind, amount_fen", "{0} ({1}, {2} fen)"),
    "tenders": ("sale_id, kind, amount_fen", "{0} ({1}, {2} fen)"),
    "stored_value_entries": (
        "rowid, member_id, kind, principal_delta_fen + bonus_delta_fen",
        "{0} of member {1} ({2}, {3:+d} fen)",
    ),
    "points_entries": ("rowid, member_id, kind, delta", "{0} of member {1} ({2}, {3:+d} points)"),
    "count_card_entries": (
        "rowid, count_card_id, kind, delta",
        "{0} of count card {1} ({2}, {3:+d})",
    ),
    "audit_log": ("rowid, action, subject, at", "{0} ({1} {2} at {3})"),
    "outbox": ("id, kind, created_at", "{0} ({1}, {2})"),
    chain.SENT: ("id, kind, sent_at", "{0} ({1})"),
    "staff": ("id, role", "{0} (now {1})"),
    "cards": ("number, state", "{0} (now {1})"),
    "coupons": ("code, used_by_sale", "{0}"),
    "programme_rules": ("version", "{0}"),
    "products": ("code, price_fen, member_price_fen", "{0} (now {1} fen, member {2} fen)"),
}


def _name(conn: sqlite3.Connection, tbl: str, rid: int) -> str:
    cols, fmt = _NAMES[tbl]
    source = "outbox" if tbl == chain.SENT else tbl
    row = conn.execute(f'SELECT {cols} FROM "{source}" WHERE rowid = ?', (rid,)).fetchone()
    if row is None:
        return f"{_WHAT[tbl]} (row {rid})"
    return f"{_WHAT[tbl]} " + fmt.format(*("" if v is None else v for v in row))


@dataclass(frozen=True, slots=True)
class Window:
    """Part of the chain to verify: links with ``lo < seq <= hi``, and rows added after
    ``floors`` (the highest rowid per table already looked at; a missing table: all)."""

    lo: int
    hi: int
    floors: dict[str, int]


def chain_problems(
    conn: sqlite3.Connection, *, limit: int = 20, window: Window | None = None
) -> list[str]:
    """What the hash chain says was changed, erased or added behind the till's back.

    The whole chain, or only ``window`` of it (what the sync client looks at before
    each push, so head office hears of it too).
    """
    out: list[str] = []
    has = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'chain_links'"
    ).fetchone()
    if has is None:
        return ["the database has no hash chain (migration 0109): it cannot be verified"]
    key = chain.secret(conn)
    if key is None:
        return ["the terminal's chain key is missing: the hash chain cannot be verified"]
    latest: dict[tuple[str, int], tuple[str, str, str]] = {}
    lo, hi = (0, 2**62) if window is None else (window.lo, window.hi)
    for name in (chain.EVENTS, chain.ROWS):
        before = conn.execute(
            "SELECT n, hash FROM chain_links WHERE chain = ? AND seq <= ? ORDER BY seq DESC "
            "LIMIT 1",
            (name, lo),
        ).fetchone()
        expected_n, prev = (1, chain.GENESIS) if before is None else (before[0] + 1, before[1])
        for n, tbl, rid, label, link_prev, digest, h in conn.execute(
            "SELECT n, tbl, rid, label, prev, digest, hash FROM chain_links "
            "WHERE chain = ? AND seq > ? AND seq <= ? ORDER BY n",
            (name, lo, hi),
        ):
            where = f"{name} chain link {n}"
            if n != expected_n:
                out.append(
                    f"{name} chain links {expected_n} to {n - 1} are missing: "
                    "what they recorded was erased with them"
                )
            elif link_prev != prev:
                out.append(f"{where} does not follow link {n - 1}: the chain was rewritten")
            if chain.link_hash(key, name, n, link_prev, tbl, rid, digest, label) != h:
                out.append(f"{where} was forged or altered (its keyed hash does not match)")
            if tbl in chain.STATE_COLUMNS:
                latest[(tbl, rid)] = (f"{name} chain link {n}", digest, label)
                expected_n, prev = n + 1, h
                continue
            current = chain.row_digest(conn, tbl, rid) if tbl in _WHAT else None
            if tbl not in _WHAT:
                out.append(f"{where} names an unknown table {tbl!r}")
            elif current is None:
                what = " the mark that it was sent" if tbl == chain.SENT else ""
                out.append(
                    f"{_WHAT[tbl]} {label} (row {rid}) is in the chain ({where}) but no longer "
                    f"in the database: it was erased{what}"
                )
            elif current != digest:
                if tbl == chain.SENT:
                    out.append(f"{_name(conn, tbl, rid)}: its sent time was changed ({where})")
                else:
                    out.append(
                        f"{_name(conn, tbl, rid)} was changed after it was committed ({where})"
                    )
            expected_n, prev = n + 1, h
            if len(out) >= limit:
                return out
    # A row that changes legitimately must be as its newest link says.
    later = "SELECT 1 FROM chain_links WHERE tbl = ? AND rid = ? AND seq > ?"
    for (tbl, rid), (where, digest, label) in latest.items():
        if window is not None and conn.execute(later, (tbl, rid, hi)).fetchone():
            continue
        current = chain.row_digest(conn, tbl, rid)
        if current is None:
            out.append(
                f"{_WHAT[tbl]} {label} (row {rid}) was deleted behind the till's back ({where})"
            )
        elif current != digest:
            out.append(
                f"{_name(conn, tbl, rid)} was changed behind the till's back: it is not as "
                f"the till last wrote it ({where})"
            )
        if len(out) >= limit:
            return out
    for tbl, rid in chain.unlinked(conn, None if window is None else window.floors)[:limit]:
        if tbl == chain.SENT:
            out.append(
                f"{_name(conn, tbl, rid)} is marked sent, but the till never recorded head "
                "office's acknowledgement: it may never have reached head office"
            )
        else:
            out.append(
                f"{_name(conn, tbl, rid)} is not in the chain: it was written outside the till"
            )
    return out[:limit]


def check_file(path: Path | str) -> list[str]:
    # The path escaped for the URI: ``?``, ``#`` and ``%`` in a folder name stay its own.
    conn = sqlite3.connect(Path(path).resolve().as_uri() + "?mode=ro", uri=True, timeout=30)
    try:
        return problems(conn)
    finally:
        conn.close()


# terminal_state keys of ``recent_problems``
_LOOKED = "chain.looked_at"
PENDING_FAULTS = "chain.faults"
#: Links verified per look: the new ones (at most), and a slice of the older chain that
#: goes round it. Bounded: the look holds the write lock (about 50 µs a link measured on
#: a loaded 2-core machine: at most a quarter of a second).
NEW_PER_LOOK = 4_000
ROLLING = 1_000


def recent_problems(conn: sqlite3.Connection) -> list[str]:
    """Look at what was added since the last look (and a rolling slice of the older
    chain); note new findings under ``chain.faults`` for head office. In the caller's
    write transaction; returns every finding not yet told to head office.

    Missing triggers are told once per set that is missing.
    """
    state = dict(
        conn.execute(
            "SELECT key, value FROM terminal_state WHERE key IN (?, ?)", (_LOOKED, PENDING_FAULTS)
        ).fetchall()
    )
    looked = json.loads(state.get(_LOOKED) or "{}")
    pending: list[str] = json.loads(state.get(PENDING_FAULTS) or "[]")
    top = int(conn.execute("SELECT coalesce(max(seq), 0) FROM chain_links").fetchone()[0])
    top_row = 'SELECT coalesce(max(rowid), 0) FROM "{}"'
    new_floors = {
        tbl: int(conn.execute(top_row.format(tbl)).fetchone()[0])
        for tbl in (*chain.LEDGER_TABLES, chain.OUTBOX, *chain.STATE_COLUMNS)
    }
    # Sent markers: from the oldest event still unsent at this look.
    unsent = conn.execute("SELECT min(rowid) FROM outbox WHERE sent_at IS NULL").fetchone()[0]
    new_floors[chain.SENT] = new_floors[chain.OUTBOX] if unsent is None else unsent - 1
    if not looked:
        # The first look starts here: the history before it is check-db's (and the
        # rolling slice's) to verify, not one long write transaction's.
        looked = {"seq": top, "floors": new_floors}
    floors: dict[str, int] = looked.get("floors", {})
    last = int(looked.get("seq", 0))
    # New links, a bounded number per look (a till offline for days catches up in rounds).
    hi = min(top, last + NEW_PER_LOOK)
    found = chain_problems(conn, window=Window(last, hi, floors))
    # A slice of the older chain, from a cursor that goes round (edits of old rows).
    cursor = int(looked.get("cursor", 0))
    if cursor >= last:
        cursor = 0
    upto = min(last, cursor + ROLLING)
    if upto > cursor:
        found += chain_problems(conn, window=Window(cursor, upto, {t: 2**62 for t in _ALL}))
    missing = trigger_problems(conn)
    if sorted(missing) != sorted(looked.get("missing", [])):
        found += missing
    fresh = [f[:400] for f in found if f[:400] not in pending]
    pending += fresh
    upsert = (
        "INSERT INTO terminal_state (key, value) VALUES (?, ?) "
        "ON CONFLICT (key) DO UPDATE SET value = excluded.value"
    )
    conn.execute(
        upsert,
        (_LOOKED, json.dumps({"seq": hi, "floors": new_floors, "cursor": upto,
                              "missing": missing})),
    )  # fmt: skip
    conn.execute(upsert, (PENDING_FAULTS, json.dumps(pending[:50], ensure_ascii=False)))
    return pending[:50]


_ALL = (*chain.LEDGER_TABLES, chain.OUTBOX, chain.SENT, *chain.STATE_COLUMNS)
