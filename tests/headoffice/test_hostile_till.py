"""A hostile till: an enrolled till's real token, every event kind forged in every field.

Real PostgreSQL, uvicorn on loopback, a token obtained by enrolling over HTTP.
Each forged event (sign, size, type, reference, owner, store, time) is refused
with its code and nothing is applied: balances, ledgers, sales and lines stay as
they were. Events that cannot have happened (refunds of unknown sales,
adjustments beyond their approver, expiry of points that do not exist) are also
listed for review with what the till sent. The honest version of each kind is
applied exactly once (its replay changes nothing).
"""

from __future__ import annotations

import copy
import uuid
from collections.abc import Callable
from typing import Any

import httpx
import pytest
from pydantic import ValidationError
from sqlalchemy import text

from pos_member.domain.ids import job_event_id
from pos_member.headoffice.auth import new_enrol_code
from pos_member.wire.schemas import MAX_PAYLOAD_BYTES, Event

pytestmark = pytest.mark.integration

TERMINAL = "TH1"
STORE = "S001"
MEMBER = 11  # seeded by tests/headoffice/conftest.py (50 members)
OTHER_MEMBER = 12


# --- the till ---------------------------------------------------------------------------


def enrol_over_http(hq: Any, store: str, terminal: str) -> str:
    with hq.engine.begin() as conn:
        code = new_enrol_code(conn, store, 1, terminal)
    with httpx.Client(base_url=hq.url, timeout=10) as c:
        r = c.post("/api/v1/enrol", json={"code": code, "terminal_id": terminal})
    assert r.status_code == 200, r.text
    return str(r.json()["token"])


@pytest.fixture(scope="module")
def till(hq: Any) -> Till:
    return Till(hq, enrol_over_http(hq, STORE, TERMINAL), TERMINAL)


class Till:
    def __init__(self, hq: Any, token: str, terminal: str) -> None:
        self.hq = hq
        self.token = token
        self.terminal = terminal
        self.receipts = 0

    def receipt(self) -> str:
        self.receipts += 1
        return f"{self.terminal}-{self.receipts:08d}"

    def event(self, kind: str, payload: dict[str, Any], **over: Any) -> dict[str, Any]:
        return {
            "id": str(uuid.uuid4()),
            "kind": kind,
            "store_id": STORE,
            "terminal_id": self.terminal,
            "created_at": "2026-11-23T10:00:00.000+00:00",
            "payload": payload,
            **over,
        }

    def push(self, *events: dict[str, Any]) -> httpx.Response:
        with self.hq.client(self.token) as c:
            return c.post("/api/v1/sync/push", json={"events": list(events)})

    def push_raw(self, body: bytes) -> httpx.Response:
        with self.hq.client(self.token) as c:
            return c.post(
                "/api/v1/sync/push", content=body, headers={"Content-Type": "application/json"}
            )

    # Honest events of every kind -----------------------------------------------------

    def sale(self, member: int = MEMBER, **over: Any) -> dict[str, Any]:
        sid = str(uuid.uuid4())
        p = {
            "sale_id": sid,
            "receipt_no": self.receipt(),
            "business_date": "2026-11-23",
            "member_id": member,
            "total_fen": 3000,
            "tenders": [
                {"kind": "cash", "amount_fen": 2000},
                {"kind": "stored_value", "amount_fen": 1000},
            ],
            "sv_principal_fen": -1000,
            "points_earned": 30,
            "lines": [
                {"line_no": 1, "product_code": "P0001", "units": 2, "net_fen": 2000,
                 "points_earned": 20},
                {"line_no": 2, "product_code": "P0002", "units": 1, "net_fen": 1000,
                 "points_earned": 10},
            ],
        }  # fmt: skip
        p.update(over)
        return self.event("sale.completed", p, id=sid)

    def refund(self, sale: dict[str, Any], **over: Any) -> dict[str, Any]:
        """Line 2 back (10 yuan to stored value, its 10 points taken back)."""
        rid = str(uuid.uuid4())
        p = {
            "sale_id": rid,
            "original_sale_id": sale["payload"]["sale_id"],
            "receipt_no": self.receipt(),
            "business_date": "2026-11-23",
            "member_id": sale["payload"]["member_id"],
            "total_fen": -1000,
            "tenders": [{"kind": "stored_value", "amount_fen": -1000}],
            "sv_principal_fen": 1000,
            "points_earned": -10,
            "lines": [{"line_no": 2, "units": 1}],
        }
        p.update(over)
        return self.event("refund.completed", p, id=rid)

    def recharge(self, **over: Any) -> dict[str, Any]:
        p = {
            "member_id": MEMBER,
            "receipt_no": self.receipt(),
            "business_date": "2026-11-23",
            "amount_fen": 10_000,
            "bonus_fen": 0,
            "tenders": [{"kind": "cash", "amount_fen": 10_000}],
        }
        p.update(over)
        return self.event("recharge.completed", p)

    def sv_adjusted(self, **over: Any) -> dict[str, Any]:
        p = {"member_id": MEMBER, "principal_fen": 500, "bonus_fen": 0, "reason": "goodwill",
             "business_date": "2026-11-23", "approved_by": "2001"}  # fmt: skip
        p.update(over)
        return self.event("stored_value.adjusted", p)

    def points_adjusted(self, **over: Any) -> dict[str, Any]:
        p = {"member_id": MEMBER, "delta": 200, "reason": "goodwill",
             "business_date": "2026-11-23", "approved_by": "2001"}  # fmt: skip
        p.update(over)
        return self.event("points.adjusted", p)


# --- what head office holds -----------------------------------------------------------


def books(hq: Any) -> dict[str, Any]:
    """Every balance and every row a push could write (refusal listings aside)."""
    with hq.engine.connect() as conn:
        balances = conn.execute(
            text(
                "SELECT id, sv_principal_fen, sv_bonus_fen, points, balance_version "
                "FROM members ORDER BY id"
            )
        ).all()
    return {"balances": [tuple(r) for r in balances], **hq.counts()}


def code_of(r: httpx.Response) -> str:
    body = r.json()
    assert set(body) == {"code", "detail"}, body  # the documented ErrorBody, always
    return str(body["code"])


def assert_refused(
    hq: Any, till: Till, ev: dict[str, Any], status: int, code: str, *, listed: bool
) -> None:
    before = books(hq)
    r = till.push(ev)
    assert (r.status_code, code_of(r)) == (status, code), r.text
    assert books(hq) == before
    if listed:
        [item] = hq.refused(ev["id"])
        assert item["code"] == code
        assert item["terminal"] == till.terminal
        assert item["event"]["payload"] == ev["payload"]  # the till's evidence


def member(hq: Any, mid: int) -> tuple[int, int, int]:
    with hq.engine.connect() as conn:
        row = conn.execute(
            text("SELECT sv_principal_fen, sv_bonus_fen, points FROM members WHERE id = :m"),
            {"m": mid},
        ).one()
    return int(row[0]), int(row[1]), int(row[2])


def apply_once(hq: Any, till: Till, ev: dict[str, Any]) -> None:
    r = till.push(ev)
    assert r.status_code == 200, r.text
    assert r.json()["results"][0]["replayed"] is False
    after = books(hq)
    again = till.push(ev)
    assert again.status_code == 200 and again.json()["results"][0]["replayed"] is True
    assert books(hq) == after


# --- the issue's own cases ------------------------------------------------------------


def test_a_refund_of_minus_10_12_naming_no_sale_is_refused_and_listed(hq, till):
    ev = till.event(
        "refund.completed",
        {"sale_id": str(uuid.uuid4()), "original_sale_id": "no-such-sale",
         "receipt_no": till.receipt(), "business_date": "2026-11-23", "member_id": MEMBER,
         "total_fen": -(10**12), "tenders": [{"kind": "stored_value", "amount_fen": -(10**12)}],
         "sv_principal_fen": 10**12},
    )  # fmt: skip
    assert_refused(hq, till, ev, 422, "refund.no_sale", listed=True)


def test_stored_value_adjusted_by_10_12_is_beyond_any_approver(hq, till):
    ev = till.sv_adjusted(principal_fen=10**12, bonus_fen=10**12, approved_by="3001")
    assert_refused(hq, till, ev, 422, "adjustment.limit", listed=True)


def test_points_adjusted_by_10_10_is_beyond_any_approver(hq, till):
    ev = till.points_adjusted(delta=10**10, approved_by="3001")
    assert_refused(hq, till, ev, 422, "adjustment.limit", listed=True)


def test_an_expiry_that_adds_10_12_points_is_refused(hq, till):
    ev = till.event(
        "points.expired",
        {"member_id": MEMBER, "business_date": "2027-01-01", "points": -(10**12),
         "lots": [{"lot_id": "anything", "delta": 10**12}]},
    )  # fmt: skip
    assert_refused(hq, till, ev, 422, "invalid", listed=False)


# --- every kind, forged in every field ------------------------------------------------

Forge = Callable[[Till, dict[str, Any]], dict[str, Any]]


def _set(path: str, value: Any) -> Forge:
    """A copy of the honest event with ``path`` (``payload.total_fen``) set to ``value``."""

    def forge(_till: Till, ev: dict[str, Any]) -> dict[str, Any]:
        out = copy.deepcopy(ev)
        *head, last = path.split(".")
        node: Any = out
        for part in head:
            node = node[int(part)] if part.isdigit() else node[part]
        node[int(last) if last.isdigit() else last] = value
        return out

    return forge


def _drop(path: str) -> Forge:
    def forge(_till: Till, ev: dict[str, Any]) -> dict[str, Any]:
        out = copy.deepcopy(ev)
        *head, last = path.split(".")
        node: Any = out
        for part in head:
            node = node[part]
        del node[last]
        return out

    return forge


HONEST: dict[str, Callable[[Till], dict[str, Any]]] = {
    "sale.completed": lambda t: t.sale(),
    "recharge.completed": lambda t: t.recharge(),
    "stored_value.adjusted": lambda t: t.sv_adjusted(),
    "points.adjusted": lambda t: t.points_adjusted(),
    "member.updated": lambda t: t.event("member.updated", {"member_id": MEMBER, "name": "王小明"}),
    "member.tier_changed": lambda t: t.event(
        "member.tier_changed", {"member_id": MEMBER, "from": "normal", "to": "silver"}
    ),
    "member.pay_pin_set": lambda t: t.event(
        "member.pay_pin_set", {"member_id": MEMBER, "pay_pin_hash": "$argon2id$v=19$honest"}
    ),
    "coupon.issued": lambda t: t.event(
        "coupon.issued",
        {
            "code": f"C-{uuid.uuid4().hex[:8]}",
            "member_id": MEMBER,
            "name": "满百减十",
            "kind": "amount_off",
            "value_fen": 1000,
            "valid_from": "2026-11-23",
            "valid_until": "2027-02-21",
        },
    ),
    "card.fee": lambda t: t.event(
        "card.fee",
        {
            "member_id": MEMBER,
            "card_number": "8800000000117",
            "kind": "issue",
            "amount_fen": 500,
            "tender": "cash",
            "business_date": "2026-11-23",
        },
    ),
    "count_card.used": lambda t: t.event(
        "count_card.used", {"count_card_id": 1, "member_id": MEMBER, "uses": 1}
    ),
    "shift.closed": lambda t: t.event(
        "shift.closed",
        {
            "kind": "Z",
            "shift_id": 1,
            "staff_id": "1001",
            "opened_at": "2026-11-23T01:00:00+00:00",
            "sales_total_fen": 3000,
        },
    ),
    "card.reported_lost": lambda t: t.event(
        "card.reported_lost", {"card_number": "NOSUCHCARD1", "reason": "丢了"}
    ),
}

# (kind, what is forged, forge, status, code, listed for review)
FORGED: list[tuple[str, str, Forge, int, str, bool]] = [
    # sale.completed
    (
        "sale.completed",
        "sign",
        lambda t, e: _set(
            "payload.tenders",
            [{"kind": "cash", "amount_fen": -2000}, {"kind": "stored_value", "amount_fen": -1000}],
        )(t, _set("payload.total_fen", -3000)(t, e)),
        422,
        "total.sign",
        True,
    ),
    ("sale.completed", "size", _set("payload.total_fen", 10**13), 422, "invalid", False),
    ("sale.completed", "type-str", _set("payload.total_fen", "3000"), 422, "invalid", False),
    ("sale.completed", "type-bool", _set("payload.points_earned", True), 422, "invalid", False),
    ("sale.completed", "type-float", _set("payload.total_fen", 3000.0), 422, "invalid", False),
    (
        "sale.completed",
        "reference",
        _set("payload.member_id", 999_999),
        422,
        "member.unknown",
        False,
    ),
    (
        "sale.completed",
        "owner",
        _set("payload.sv_principal_fen", -100),
        422,
        "stored_value.mismatch",
        True,
    ),
    ("sale.completed", "points", _set("payload.points_earned", 10**9), 422, "points.earn", True),
    ("sale.completed", "store", _set("store_id", "S002"), 403, "scope", True),
    ("sale.completed", "terminal", _set("terminal_id", "TH9"), 403, "scope", True),
    ("sale.completed", "time", _set("created_at", "not a time at all"), 422, "invalid", False),
    ("sale.completed", "date", _set("payload.business_date", "9999-99-99"), 422, "invalid", False),
    (
        "sale.completed",
        "date-range",
        _set("payload.business_date", "1970-01-01"),
        422,
        "invalid",
        False,
    ),
    (
        "sale.completed",
        "text",
        _set("payload.lines.0.product_code", "P\u202e1"),
        422,
        "invalid",
        False,
    ),
    # recharge.completed
    ("recharge.completed", "sign", _set("payload.amount_fen", -10_000), 422, "invalid", False),
    (
        "recharge.completed",
        "size",
        lambda t, e: _set("payload.tenders.0.amount_fen", 10**12)(
            t, _set("payload.amount_fen", 10**12)(t, e)
        ),
        422,
        "recharge.amount",
        True,
    ),
    ("recharge.completed", "type", _set("payload.amount_fen", "10000"), 422, "invalid", False),
    ("recharge.completed", "bonus", _set("payload.bonus_fen", 5_000), 422, "recharge.bonus", True),
    (
        "recharge.completed",
        "tender",
        _set("payload.tenders.0.kind", "stored_value"),
        422,
        "recharge.tender",
        True,
    ),
    (
        "recharge.completed",
        "reference",
        _set("payload.member_id", 999_999),
        422,
        "member.unknown",
        False,
    ),
    ("recharge.completed", "store", _set("store_id", "S003"), 403, "scope", True),
    (
        "recharge.completed",
        "time",
        _set("payload.business_date", "2026-02-30"),
        422,
        "invalid",
        False,
    ),
    # stored_value.adjusted
    (
        "stored_value.adjusted",
        "size",
        _set("payload.principal_fen", 600_000),
        422,
        "adjustment.limit",
        True,
    ),
    (
        "stored_value.adjusted",
        "sign-size",
        _set("payload.bonus_fen", -600_000),
        422,
        "adjustment.limit",
        True,
    ),
    ("stored_value.adjusted", "type", _set("payload.principal_fen", "500"), 422, "invalid", False),
    ("stored_value.adjusted", "owner-missing", _drop("payload.approved_by"), 422, "invalid", False),
    (
        "stored_value.adjusted",
        "owner-unknown",
        _set("payload.approved_by", "9999"),
        422,
        "approver.unknown",
        True,
    ),
    (
        "stored_value.adjusted",
        "owner-role",
        _set("payload.approved_by", "1001"),
        422,
        "approver.role",
        True,
    ),
    (
        "stored_value.adjusted",
        "reference",
        _set("payload.member_id", 999_999),
        422,
        "member.unknown",
        False,
    ),
    ("stored_value.adjusted", "store", _set("store_id", "S002"), 403, "scope", True),
    (
        "stored_value.adjusted",
        "time",
        _set("payload.business_date", "2026-13-01"),
        422,
        "invalid",
        False,
    ),
    ("stored_value.adjusted", "text", _set("payload.reason", "\x1b[2J"), 422, "invalid", False),
    # points.adjusted
    ("points.adjusted", "size", _set("payload.delta", 100_001), 422, "adjustment.limit", True),
    (
        "points.adjusted",
        "sign-size",
        _set("payload.delta", -100_001),
        422,
        "adjustment.limit",
        True,
    ),
    ("points.adjusted", "type", _set("payload.delta", True), 422, "invalid", False),
    (
        "points.adjusted",
        "owner-unknown",
        _set("payload.approved_by", "7777"),
        422,
        "approver.unknown",
        True,
    ),
    (
        "points.adjusted",
        "owner-role",
        _set("payload.approved_by", "1002"),
        422,
        "approver.role",
        True,
    ),
    ("points.adjusted", "store", _set("terminal_id", "TX"), 403, "scope", True),
    ("points.adjusted", "text", _set("payload.reason", "   "), 422, "invalid", False),
    # member.updated / tier / pin / coupon / card fee / count card / shift / card
    ("member.updated", "text-bidi", _set("payload.name", "王\u202e明"), 422, "invalid", False),
    ("member.updated", "text-nul", _set("payload.name", "王\x00明"), 422, "invalid", False),
    ("member.updated", "text-blank", _set("payload.name", "   "), 422, "invalid", False),
    (
        "member.updated",
        "reference",
        _set("payload.member_id", 999_999),
        422,
        "member.unknown",
        False,
    ),
    ("member.tier_changed", "text", _set("payload.to", "gold\x07"), 422, "invalid", False),
    (
        "member.pay_pin_set",
        "text",
        _set("payload.pay_pin_hash", "$argon2\x00"),
        422,
        "invalid",
        False,
    ),
    ("coupon.issued", "type", _set("payload.value_fen", "1000"), 422, "invalid", False),
    ("coupon.issued", "text", _set("payload.name", "\u2066满百\u2069"), 422, "invalid", False),
    ("card.fee", "size", _set("payload.amount_fen", 0), 422, "invalid", False),
    ("card.fee", "tender", _set("payload.tender", "stored_value"), 422, "invalid", False),
    ("count_card.used", "type", _set("payload.uses", True), 422, "invalid", False),
    ("count_card.used", "sign", _set("payload.uses", -1), 422, "invalid", False),
    ("shift.closed", "type", _set("payload.sales_total_fen", "3000"), 422, "invalid", False),
    ("card.reported_lost", "text", _set("payload.reason", "\u202e"), 422, "invalid", False),
    # any kind: one head office does not know, a payload in the wrong shape
    ("sale.completed", "kind", _set("kind", "blob.stored"), 422, "event.kind_unknown", False),
    ("member.updated", "kind", _set("kind", "points.adjusted"), 422, "invalid", False),
]


@pytest.mark.parametrize(
    ("kind", "field", "forge", "status", "code", "listed"),
    FORGED,
    ids=[f"{k}-{f}" for k, f, *_ in FORGED],
)
def test_a_forged_event_is_refused_with_its_code_and_nothing_is_applied(
    hq, till, kind, field, forge, status, code, listed
):
    ev = forge(till, HONEST[kind](till))
    assert_refused(hq, till, ev, status, code, listed=listed)


@pytest.mark.parametrize("kind", sorted(HONEST))
def test_the_honest_event_of_each_kind_is_applied_once(hq, till, kind):
    apply_once(hq, till, HONEST[kind](till))


def test_honest_ledger_events_move_the_balances_exactly_once(hq, till):
    before = member(hq, MEMBER)
    for ev in (till.sale(), till.recharge(), till.sv_adjusted(), till.points_adjusted()):
        apply_once(hq, till, ev)
    # sale -10 yuan stored value +30 points; recharge +100 yuan; adjustments +5 yuan, +200 pts
    assert member(hq, MEMBER) == (before[0] - 1000 + 10_000 + 500, before[1], before[2] + 230)


# --- refunds against the sale head office has -----------------------------------------


@pytest.fixture
def sold(hq: Any, till: Till) -> dict[str, Any]:
    sale = till.sale()
    assert till.push(sale).status_code == 200
    return sale


def test_an_honest_refund_is_applied_once_then_no_more_than_is_left(hq, till, sold):
    before = member(hq, MEMBER)
    apply_once(hq, till, till.refund(sold))
    assert member(hq, MEMBER) == (before[0] + 1000, before[1], before[2] - 10)
    # Line 2 is back already: a second refund of it is more than the sale has left.
    assert_refused(hq, till, till.refund(sold), 422, "refund.too_much", listed=True)


REFUND_FORGED: list[tuple[str, dict[str, Any], str]] = [
    ("tender", {"total_fen": -2500, "tenders": [{"kind": "stored_value", "amount_fen": -2500}],
                "sv_principal_fen": 2500}, "refund.too_much"),
    ("tender-kind", {"tenders": [{"kind": "external", "method": "wechat", "amount_fen": -1000}],
                     "sv_principal_fen": 0}, "refund.too_much"),
    ("bucket", {"sv_principal_fen": 0, "sv_bonus_fen": 1000}, "refund.too_much"),
    ("points-taken", {"points_earned": -31}, "refund.too_much"),
    ("points-given", {"total_fen": -1000, "points_redeemed": -500,
                      "tenders": [{"kind": "stored_value", "amount_fen": -500},
                                  {"kind": "points", "amount_fen": -500, "points": -500}],
                      "sv_principal_fen": 500}, "refund.too_much"),
    ("line-units", {"lines": [{"line_no": 2, "units": 2}]}, "refund.too_much"),
    ("line-unknown", {"lines": [{"line_no": 9, "units": 1}]}, "refund.line"),
    ("owner", {"member_id": OTHER_MEMBER}, "refund.member"),
    ("sign", {"total_fen": 1000, "tenders": [{"kind": "stored_value", "amount_fen": 1000}],
              "sv_principal_fen": -1000}, "total.sign"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("field", "over", "code"), REFUND_FORGED, ids=[f for f, *_ in REFUND_FORGED]
)
def test_a_forged_refund_is_refused_against_its_sale(hq, till, sold, field, over, code):
    assert_refused(hq, till, till.refund(sold, **over), 422, code, listed=True)


def test_a_sale_and_its_refund_in_one_batch_are_checked_together(hq, till):
    sale = till.sale()
    before = member(hq, MEMBER)
    r = till.push(sale, till.refund(sale))
    assert r.status_code == 200, r.text
    assert member(hq, MEMBER) == (before[0] - 1000 + 1000, before[1], before[2] + 30 - 10)
    # Two refunds of one line in one batch: the second is more than is left.
    sale = till.sale()
    before = books(hq)
    r = till.push(sale, till.refund(sale), till.refund(sale))
    assert (r.status_code, code_of(r)) == (422, "refund.too_much")
    assert books(hq) == before


# --- expiry against the lots head office has -------------------------------------------


def test_expiry_takes_only_points_that_exist_in_expired_lots(hq, till):
    old = till.sale(business_date="2025-03-01", points_earned=30)
    recent = till.sale(business_date="2026-11-20", points_earned=30)
    assert till.push(old, recent).status_code == 200
    old_id, recent_id = old["payload"]["sale_id"], recent["payload"]["sale_id"]

    def expiry(lots: list[dict[str, Any]]) -> dict[str, Any]:
        ev = till.event("points.expired", {"member_id": MEMBER, "business_date": "2027-01-01",
                                           "lots": lots})  # fmt: skip
        ev["id"] = job_event_id("expire", "2027-01-01", MEMBER)
        return ev

    cases = [
        ([{"lot_id": "no-such-lot", "delta": -5}], "expiry.lot"),
        ([{"lot_id": recent_id, "delta": -5}], "expiry.not_expired"),
        ([{"lot_id": old_id, "delta": -31}], "expiry.too_much"),
        ([{"lot_id": old_id, "delta": -5}, {"lot_id": old_id, "delta": -5}], "expiry.lot"),
    ]
    for lots, code in cases:
        ev = expiry(lots)
        ev["id"] = str(uuid.uuid4())
        assert_refused(hq, till, ev, 422, code, listed=True)
    before = member(hq, MEMBER)
    honest = expiry([{"lot_id": old_id, "delta": -30}])
    apply_once(hq, till, honest)
    assert member(hq, MEMBER) == (before[0], before[1], before[2] - 30)
    # The same run at another till, under the step's own id: a replay, counted once.
    other = Till(hq, enrol_over_http(hq, "S002", "TH2"), "TH2")
    twin = {**honest, "store_id": "S002", "terminal_id": "TH2"}
    r = other.push(twin)
    assert r.status_code == 200 and r.json()["results"][0]["replayed"] is True
    assert member(hq, MEMBER) == (before[0], before[1], before[2] - 30)
    # Nothing is left in that lot now.
    again = expiry([{"lot_id": old_id, "delta": -1}])
    again["id"] = str(uuid.uuid4())
    assert_refused(hq, till, again, 422, "expiry.too_much", listed=True)


# --- registration ------------------------------------------------------------------------


def test_member_registration_forged_in_every_field(hq, till):
    def reg(**over: Any) -> dict[str, Any]:
        with hq.engine.connect() as conn:
            base = conn.execute(
                text("SELECT member_id_base FROM terminals WHERE key = :k"),
                {"k": f"{STORE}-{TERMINAL}"},
            ).scalar_one()
        p = {"member_id": int(base) + 1, "name": "李四", "tier_code": "normal",
             "joined_on": "2026-11-23"}  # fmt: skip
        p.update(over)
        return till.event("member.registered", p)

    for over, status, code in [
        ({"member_id": 7}, 403, "scope.member_id"),
        ({"name": "李\u202e四"}, 422, "invalid"),
        ({"name": "  "}, 422, "invalid"),
        ({"name": "李\x00四"}, 422, "invalid"),
        ({"birthday": "9999-99-99"}, 422, "invalid"),
        ({"joined_on": "2026-11-31"}, 422, "invalid"),
        ({"member_id": "10000000001"}, 422, "invalid"),
    ]:
        assert_refused(hq, till, reg(**over), status, code, listed=status != 422)
    apply_once(hq, till, reg())


# --- idempotency -------------------------------------------------------------------------


def test_an_event_id_is_bound_to_its_terminal_and_its_whole_body(hq, till):
    ev = till.sale()
    assert till.push(ev).status_code == 200
    # The same id with another time: not a replay, a conflict.
    assert_refused(hq, till, {**ev, "created_at": "2026-11-23T11:00:00+00:00"}, 409,
                   "event.changed", listed=True)  # fmt: skip
    # The same id and body from another till of the chain.
    other = Till(hq, enrol_over_http(hq, STORE, "TH3"), "TH3")
    before = books(hq)
    r = other.push({**ev, "terminal_id": "TH3"})
    assert (r.status_code, code_of(r)) == (409, "event.other_terminal")
    assert books(hq) == before


def test_a_reused_sale_id_or_receipt_number_is_a_conflict_never_a_dropped_row(hq, till):
    first = till.sale()
    assert till.push(first).status_code == 200
    other = Till(hq, enrol_over_http(hq, "S002", "TH4"), "TH4")
    # Another till's sale under the same sale id (a new event id): 409, no second debit.
    clash = other.sale(sale_id=first["payload"]["sale_id"])
    clash["store_id"] = "S002"
    clash["id"] = str(uuid.uuid4())
    before = books(hq)
    r = other.push(clash)
    assert (r.status_code, code_of(r)) == (409, "sale.id_taken")
    assert books(hq) == before
    # This till's receipt number again, on another sale.
    again = till.sale(receipt_no=first["payload"]["receipt_no"])
    assert_refused(hq, till, again, 409, "receipt.taken", listed=True)


# --- bytes no handler should see ------------------------------------------------------


def test_lone_surrogates_and_nul_bytes_are_422_never_500(hq, till):
    with httpx.Client(base_url=hq.url, timeout=10) as c:
        r = c.post(
            "/api/v1/enrol",
            content=b'{"code":"A\\ud800B","terminal_id":"T1"}',
            headers={"Content-Type": "application/json"},
        )
    assert (r.status_code, code_of(r)) == (422, "invalid")
    assert "\\ud800" not in r.text and "A" + "B" not in r.json()["detail"]
    before = books(hq)
    body = (
        b'{"events":[{"id":"%s","kind":"member.updated","store_id":"S001","terminal_id":"TH1",'
        b'"created_at":"2026-11-23T10:00:00+00:00","payload":{"member_id":11,'
        b'"name":"\\ud800","\\udfff":1}}]}' % str(uuid.uuid4()).encode()
    )
    r = till.push_raw(body)
    assert (r.status_code, code_of(r)) == (422, "invalid")
    r = till.push_raw(b'{"events": [')
    assert (r.status_code, code_of(r)) == (422, "body.malformed")
    assert books(hq) == before


def test_a_payload_larger_than_the_bound_is_refused():
    ev = {
        "id": str(uuid.uuid4()),
        "kind": "member.updated",
        "store_id": STORE,
        "terminal_id": TERMINAL,
        "created_at": "2026-11-23T10:00:00+00:00",
        "payload": {"member_id": 1, "padding": "x" * MAX_PAYLOAD_BYTES},
    }
    with pytest.raises(ValidationError, match="larger than"):
        Event.model_validate(ev)
