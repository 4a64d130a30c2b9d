"""Consistency checks of a terminal database: what must hold after any crash.

``problems(conn)`` returns person-readable findings (empty when all is well):
SQLite's own integrity check, every cached balance against the sum of its
ledger, and every sale, refund and recharge wholly there (lines, tenders
that add up, ledger entries that match its tenders, its outbox event).
Used by the crash tests and by ``pos-member check-db``.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path


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
    # per member (``hq-<member id>``), which carries the difference between head
    # office's confirmed balance and the terminal's own lots. When the member spent
    # elsewhere points this terminal still holds in its lots, that lot goes negative
    # by design; what must hold for it is that it is the member's own and that the
    # member's points over all lots are not negative.
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
    return out


def check_file(path: Path | str) -> list[str]:
    # The path escaped for the URI: ``?``, ``#`` and ``%`` in a folder name stay its own.
    conn = sqlite3.connect(Path(path).resolve().as_uri() + "?mode=ro", uri=True, timeout=30)
    try:
        return problems(conn)
    finally:
        conn.close()
