"""Applying one pulled page of reference data to the terminal's tables.

The caller runs ``apply_page`` inside one SQLite write transaction that also
stores the page's cursor: a page is applied whole with its cursor or not at
all, so a crash mid-page simply pulls the same page again. Upserts are keyed
by what is stable across head office and terminal: member and product ids,
tier codes, rules versions, card numbers and coupon codes (a terminal's local
card ids are its own).

A member's cards carry head office's highest secure-mode issuance counter
(``secure_counter``); it goes into ``secure_issuances`` keyed by the local card
id, keeping the higher of the till's own and the chain's, so
``services.cards.check_secure_counter`` refuses an older copy of a card
issued at another till and ``next_secure_counter`` never reuses a counter.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import Connection, text

from pos_member.domain.member_code import CHAIN_RE, from_b64url
from pos_member.sealing import Sealer
from pos_member.store import pii, state
from pos_member.store.forget import forget_member_copies
from pos_member.sync.local import executemany_raw, reconcile
from pos_member.wire.schemas import Change, Entity

PULL_CURSOR_NAME = "hq.pull"
#: ``apply_page``'s count of members head office erased or restricted in the page: the
#: caller then empties the WAL, where the old page images still hold their sealed data.
ERASED_COUNT = "member.erased"


def read_cursor(conn: Connection) -> str | None:
    return conn.execute(
        text("SELECT position FROM sync_cursors WHERE name = :n"), {"n": PULL_CURSOR_NAME}
    ).scalar_one_or_none()


def write_cursor(conn: Connection, position: str, now: str) -> None:
    executemany_raw(
        conn,
        (
            "INSERT INTO sync_cursors (name, position, updated_at) VALUES (:n, :p, :t) "
            "ON CONFLICT (name) DO UPDATE SET position = excluded.position, "
            "updated_at = excluded.updated_at"
        ),
        [{"n": PULL_CURSOR_NAME, "p": position, "t": now}],
    )


def apply_page(
    conn: Connection, changes: list[Change], now: str, *, sealer: Sealer | None = None
) -> dict[str, int]:
    """Upsert every change of a page, in order; returns counts per entity.

    Members' names and phones are stored masked, hashed and sealed under ``sealer``
    (default: the data key beside the database, ``store.pii``), never as sent."""
    counts: dict[str, int] = {}
    key = sealer or pii.sealer_of(conn)
    # Consecutive changes of one entity go in one executemany; order between kinds is kept
    # (a tier before the members that use it).
    run: list[Change] = []
    for ch in changes:
        if run and run[-1].entity is not ch.entity:
            _apply_run(conn, run, now, key, counts)
            run = []
        run.append(ch)
        counts[ch.entity.value] = counts.get(ch.entity.value, 0) + 1
    if run:
        _apply_run(conn, run, now, key, counts)
    return counts


def _apply_run(
    conn: Connection, run: list[Change], now: str, sealer: Sealer, counts: dict[str, int]
) -> None:
    entity = run[0].entity
    data = [c.data for c in run]
    if entity is Entity.MEMBER:
        gone = _members(conn, data, now, sealer)
        if gone:
            counts[ERASED_COUNT] = counts.get(ERASED_COUNT, 0) + gone
    elif entity is Entity.TIER:
        executemany_raw(
            conn,
            (
                "INSERT INTO tiers (code, name, rank) VALUES (:code, :name, :rank) "
                "ON CONFLICT (code) DO UPDATE SET name = excluded.name, rank = excluded.rank"
            ),
            data,
        )
    elif entity is Entity.RULES:
        executemany_raw(
            conn,
            (
                "INSERT INTO programme_rules (version, effective_from, effective_until, "
                "document, created_at) "
                "VALUES (:version, :effective_from, :effective_until, :document, :created_at) "
                "ON CONFLICT (version) DO NOTHING"
            ),
            [
                {
                    **d,
                    "effective_until": d.get("effective_until"),
                    "document": json.dumps(d["document"], ensure_ascii=False),
                }
                for d in data
            ],
        )
    elif entity is Entity.PRODUCT:
        executemany_raw(
            conn,
            (
                "INSERT INTO products (id, code, barcode, name, category, price_fen, "
                "member_price_fen, weighed, earns_points, discountable, active, count_card_plan, "
                "brand) "
                "VALUES (:id, :code, :barcode, :name, :category, :price_fen, :member_price_fen, "
                ":weighed, :earns_points, :discountable, :active, :count_card_plan, :brand) "
                "ON CONFLICT (id) DO UPDATE SET code = excluded.code, barcode = excluded.barcode, "
                "name = excluded.name, category = excluded.category, "
                "price_fen = excluded.price_fen, member_price_fen = excluded.member_price_fen, "
                "weighed = excluded.weighed, earns_points = excluded.earns_points, "
                "discountable = excluded.discountable, active = excluded.active, "
                "count_card_plan = excluded.count_card_plan, brand = excluded.brand"
            ),
            # A head office before its migration 0020 sends no brand: none.
            [{**d, "brand": d.get("brand") or ""} for d in data],
        )
    elif entity is Entity.COUPON:
        _coupons(conn, data)
    elif entity is Entity.DEVICE_KEY:
        _device_keys(conn, data, now)


def _device_keys(conn: Connection, data: list[dict[str, Any]], now: str) -> None:
    """Members' phone keys for the member code; a revoked key is kept, flagged.

    Each carries the chain's code: the till keeps the newest (a chain renamed)."""
    executemany_raw(
        conn,
        (
            "INSERT INTO member_device_keys (key_id, member_id, public_key, revoked, updated_at) "
            "VALUES (:key_id, :member_id, :public_key, :revoked, :now) "
            "ON CONFLICT (key_id) DO UPDATE SET member_id = excluded.member_id, "
            "public_key = excluded.public_key, revoked = excluded.revoked, "
            "updated_at = excluded.updated_at"
        ),
        [
            {
                "key_id": int(d["id"]),
                "member_id": int(d["member_id"]),
                "public_key": from_b64url(str(d["public_key"])),
                "revoked": bool(d["revoked"]),
                "now": now,
            }
            for d in data
        ],
    )
    chain = data[-1].get("chain")
    if isinstance(chain, str) and CHAIN_RE.match(chain):
        state.set_state(conn, state.HQ_CHAIN_CODE, chain)


_PERSON = ", ".join(pii.PERSONAL_COLUMNS)
_PERSON_PARAMS = ", ".join(":" + c for c in pii.PERSONAL_COLUMNS)
_PERSON_SET = ", ".join(f"{c} = excluded.{c}" for c in pii.PERSONAL_COLUMNS)

_NEWER_CLEAR = (
    "(:pin_cleared IS NOT NULL AND (members.pay_pin_cleared_at IS NULL "
    "OR members.pay_pin_cleared_at < :pin_cleared))"
)


def _member_params(d: dict[str, Any], now: str, sealer: Sealer) -> dict[str, Any]:
    lock, cleared = d.get("pay_pin_locked_until"), d.get("pay_pin_cleared_at")
    status = str(d.get("status") or "active")
    if status in pii.HIDDEN_STATUSES:
        # Head office erased or restricted the member: nothing of the person stays here,
        # whatever the change still carries (a placeholder name such as 已注销会员, say).
        person = pii.erased_columns()
        birthday = None
    else:
        person = pii.member_columns(sealer, d.get("name"), d.get("phone"))
        birthday = d.get("birthday")
    rest = {k: v for k, v in d.items() if k not in ("name", "phone", "birthday")}
    return {
        **rest,
        **person,
        "birthday": birthday,
        "status": status,
        "now": now,
        "pin_lock": lock,
        "pin_cleared": cleared,
        "sv_closed_on": d.get("sv_closed_on"),
        "real_name_at": d.get("real_name_at"),
    }


def _members(conn: Connection, data: list[dict[str, Any]], now: str, sealer: Sealer) -> int:
    """Upsert the members of a run; returns how many head office erased or restricted."""
    params = [_member_params(d, now, sealer) for d in data]
    executemany_raw(
        conn,
        (
            "INSERT INTO members (id, " + _PERSON + ", birthday, tier_code, joined_on, status, "
            "sv_principal_fen, sv_bonus_fen, points_balance, pay_pin_hash, pay_pin_failures, "
            "pay_pin_locked_until, pay_pin_cleared_at, updated_at, sv_closed_on, real_name_at) "
            "VALUES (:id, "
            + _PERSON_PARAMS
            + ", :birthday, :tier_code, :joined_on, :status, 0, 0, 0, "
            ":pay_pin_hash, 0, :pin_lock, :pin_cleared, :now, :sv_closed_on, :real_name_at) "
            "ON CONFLICT (id) DO UPDATE SET " + _PERSON_SET + ", "
            "birthday = excluded.birthday, tier_code = excluded.tier_code, "
            "status = excluded.status, "
            # Head office's 退卡 of the stored value; never reopened by an older page.
            "sv_closed_on = coalesce(excluded.sv_closed_on, members.sv_closed_on), "
            # A real-name record on file at head office (taken at any store): kept.
            "real_name_at = coalesce(excluded.real_name_at, members.real_name_at), "
            # An erased or restricted member's payment PIN goes with the person (PIPL:
            # a financial account's secret); otherwise a page without one keeps this till's.
            "pay_pin_hash = CASE WHEN excluded.status IN ('erased', 'restricted') THEN NULL "
            "ELSE coalesce(excluded.pay_pin_hash, members.pay_pin_hash) END, "
            # A lock head office published (failures at any till) holds here too; the
            # later of it and this till's own (both UTC ISO text: the larger string).
            # A reset or unlock this till has not seen yet (head office's clear later than
            # its own) ends this till's lock and count too: head office's lock is taken as
            # it is (none, unless wrong PINs since locked it again).
            "pay_pin_locked_until = CASE WHEN " + _NEWER_CLEAR + " THEN :pin_lock "
            "WHEN :pin_lock IS NOT NULL AND (members."
            "pay_pin_locked_until IS NULL OR members.pay_pin_locked_until < :pin_lock) "
            "THEN :pin_lock ELSE members.pay_pin_locked_until END, "
            "pay_pin_failures = CASE WHEN " + _NEWER_CLEAR + " THEN 0 "
            "ELSE members.pay_pin_failures END, "
            "pay_pin_cleared_at = CASE WHEN " + _NEWER_CLEAR + " THEN :pin_cleared "
            "ELSE members.pay_pin_cleared_at END, "
            "updated_at = excluded.updated_at"
        ),
        params,
    )
    gone = [p["id"] for p in params if p["status"] in pii.HIDDEN_STATUSES]
    if gone:
        forget_member_copies(conn, [int(i) for i in gone])
    cards = [
        {
            **c,
            "member_id": d["id"],
            "replaced_by_number": c.get("replaced_by_number"),
            # An older head office sends no class: every card it has is a named one.
            "card_class": c.get("card_class") or "named",
        }
        for d in data
        for c in d["cards"]
    ]
    if cards:
        executemany_raw(
            conn,
            (
                "INSERT INTO cards (number, uid, kind, state, member_id, issued_on, expires_on, "
                "card_class) VALUES (:number, :uid, :kind, :state, :member_id, :issued_on, "
                ":expires_on, :card_class) "
                "ON CONFLICT (number) DO UPDATE SET uid = excluded.uid, kind = excluded.kind, "
                "state = excluded.state, member_id = excluded.member_id, "
                "issued_on = excluded.issued_on, expires_on = excluded.expires_on, "
                "card_class = excluded.card_class"
            ),
            cards,
        )
        replaced = [c for c in cards if c["replaced_by_number"]]
        if replaced:
            executemany_raw(
                conn,
                (
                    "UPDATE cards SET replaced_by = (SELECT c2.id FROM cards c2 "
                    "WHERE c2.number = :replaced_by_number) WHERE number = :number"
                ),
                replaced,
            )
        _secure_counters(conn, cards, now)
    ids = [int(d["id"]) for d in data]
    executemany_raw(
        conn,
        "INSERT OR REPLACE INTO sync_balances (member_id, sv_principal_fen, sv_bonus_fen, "
        "points, version) VALUES (:member_id, :sv_principal_fen, :sv_bonus_fen, :points, "
        ":version)",
        [
            {
                "member_id": int(d["id"]),
                "sv_principal_fen": int(d["sv_principal_fen"]),
                "sv_bonus_fen": int(d["sv_bonus_fen"]),
                "points": int(d["points"]),
                "version": int(d["balance_version"]),
            }
            for d in data
        ],
    )
    # Acknowledgements now covered by the confirmed balance are no longer needed.
    if conn.execute(text("SELECT 1 FROM sync_acks LIMIT 1")).first() is not None:
        executemany_raw(
            conn,
            (
                "DELETE FROM sync_acks WHERE member_id = :m AND version <= "
                "(SELECT version FROM sync_balances WHERE member_id = :m)"
            ),
            [{"m": i} for i in ids],
        )
    reconcile(conn, ids, now, now[:10])
    return len(gone)


def _secure_counters(conn: Connection, cards: list[dict[str, Any]], now: str) -> None:
    """Raise each secure card's last issuance to head office's counter, never lower it.

    A card without a UID here cannot have been read in secure mode: nothing to note.
    (An older head office sends no ``secure_counter``: nothing changes.)
    """
    rows = [
        {"number": c["number"], "counter": int(c["secure_counter"]), "now": now}
        for c in cards
        if c.get("secure_counter") is not None
    ]
    executemany_raw(
        conn,
        (
            "INSERT INTO secure_issuances (card_id, uid, counter, issued_at) "
            "SELECT id, uid, :counter, :now FROM cards WHERE number = :number AND uid IS NOT NULL "
            "ON CONFLICT (card_id) DO UPDATE SET uid = excluded.uid, counter = excluded.counter, "
            "issued_at = excluded.issued_at WHERE excluded.counter > secure_issuances.counter"
        ),
        rows,
    )


def _coupons(conn: Connection, data: list[dict[str, Any]]) -> None:
    rows = []
    for d in data:
        used, elsewhere = d.get("used_by_sale"), None
        if (
            used is not None
            and conn.execute(text("SELECT 1 FROM sales WHERE id = :s"), {"s": used}).first() is None
        ):
            # Used at another store: ``used_by_sale`` can only point at this till's own
            # sales, so the use is kept in ``used_elsewhere`` and the coupon is refused here.
            used, elsewhere = None, used
        rows.append({**d, "used_by_sale": used, "used_elsewhere": elsewhere,
                     "scope": json.dumps(d.get("scope") or {}, ensure_ascii=False),
                     "cap_fen": int(d.get("cap_fen") or 0)})  # fmt: skip
    executemany_raw(
        conn,
        (
            "INSERT INTO coupons (code, member_id, name, kind, value_fen, rate, min_spend_fen, "
            "valid_from, valid_until, stackable, used_by_sale, used_elsewhere, scope, cap_fen) "
            "VALUES (:code, :member_id, :name, :kind, :value_fen, :rate, :min_spend_fen, "
            ":valid_from, :valid_until, :stackable, :used_by_sale, :used_elsewhere, :scope, "
            ":cap_fen) "
            "ON CONFLICT (code) DO UPDATE SET member_id = excluded.member_id, "
            "name = excluded.name, kind = excluded.kind, value_fen = excluded.value_fen, "
            "rate = excluded.rate, min_spend_fen = excluded.min_spend_fen, "
            "valid_from = excluded.valid_from, valid_until = excluded.valid_until, "
            "stackable = excluded.stackable, scope = excluded.scope, cap_fen = excluded.cap_fen, "
            "used_by_sale = coalesce(coupons.used_by_sale, excluded.used_by_sale), "
            "used_elsewhere = excluded.used_elsewhere"
        ),
        rows,
    )
