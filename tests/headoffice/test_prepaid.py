"""Head office reviews pushed prepaid-card events against its own books (real PostgreSQL,
uvicorn on loopback): over-cap recharges, recharge reversals and 退卡, each applied
exactly once and flagged where the till's figures and head office's disagree; and the
closure quote a till asks for before a 退卡."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import text

from pos_member.domain.money import Money
from pos_member.headoffice import prepaid, programme
from pos_member.headoffice.push import load_rules

pytestmark = pytest.mark.integration

TERMINAL = "TP1"
SEALED = "s1:" + "A" * 40


def push(hq: Any, token: str, *events: dict[str, Any]) -> list[dict[str, Any]]:
    with hq.client(token) as c:
        r = c.post("/api/v1/sync/push", json={"events": list(events)})
    assert r.status_code == 200, r.text
    results: list[dict[str, Any]] = r.json()["results"]
    return results


def event(kind: str, payload: dict[str, Any], at: str, eid: str | None = None) -> dict[str, Any]:
    return {
        "id": eid or str(uuid.uuid4()),
        "kind": kind,
        "store_id": "S001",
        "terminal_id": TERMINAL,
        "created_at": at,
        "payload": payload,
    }


def bonus_for(hq: Any, amount_fen: int) -> int:
    with hq.engine.connect() as conn:
        rules = load_rules(conn)
    return rules[max(rules)].stored_value.bonus_for(Money(amount_fen)).fen


def recharge(hq: Any, member: int, amount: int, day: str, **over: Any) -> dict[str, Any]:
    payload = {
        "member_id": member,
        "receipt_no": f"RC{uuid.uuid4().hex[:12]}",
        "business_date": day,
        "amount_fen": amount,
        "bonus_fen": bonus_for(hq, amount),
        "tenders": [{"kind": "cash", "amount_fen": amount}],
        **over,
    }
    return event("recharge.completed", payload, f"{day}T03:00:00+00:00")


def reversal(recharge_ev: dict[str, Any], day: str, **over: Any) -> dict[str, Any]:
    r = recharge_ev["payload"]
    payload = {
        "reversal_id": uuid.uuid4().hex[:20],
        "recharge_id": recharge_ev["id"],
        "member_id": r["member_id"],
        "business_date": day,
        "recharged_on": r["business_date"],
        "region": "beijing",
        "principal_fen": r["amount_fen"],
        "bonus_fen": r["bonus_fen"],
        "sv_principal_fen": -r["amount_fen"],
        "sv_bonus_fen": -r["bonus_fen"],
        "refund_tenders": [{"kind": "cash", "amount_fen": r["amount_fen"]}],
        "approved_by": "S1",
        **over,
    }
    return event("recharge.reversed", payload, f"{day}T05:00:00+00:00")


def holder() -> dict[str, Any]:
    return {
        "name": "张三",
        "id_type": "resident_id",
        "id_masked": "1101**********1234",
        "id_sealed": SEALED,
        "consent_at": "2026-11-20T03:00:00+00:00",
    }


def transfer(amount: int) -> dict[str, Any]:
    return {
        "payer": {"name": "本店", "number_masked": "6222 **** 0001"},
        "payee": {"name": "张三", "number_masked": "6222 **** 0123", "number_sealed": SEALED},
        "amount_fen": amount,
    }


def closure(member: int, card: str, refund: int, forfeited: int, **over: Any) -> dict[str, Any]:
    """A 退卡 of the 3,000 + 1,000 card with 3,594 spent, as the till figured it."""
    paid, bonus = 300000, 100000
    balance = refund + forfeited
    payload = {
        "closure_id": uuid.uuid4().hex[:20],
        "member_id": member,
        "card_number": card,
        "business_date": "2026-11-25",
        "paid_in_fen": paid,
        "bonus_given_fen": bonus,
        "spent_fen": paid + bonus - balance,
        "spent_from_principal_fen": paid - refund,
        "principal_refunded_fen": refund,
        "bonus_forfeited_fen": forfeited,
        "sv_principal_fen": -refund,
        "sv_bonus_fen": -forfeited,
        "tender": "bank_transfer",
        "bank_transfer": transfer(refund),
        "holder": holder(),
        "approved_by": "S1",
        **over,
    }
    return event("card.closed", payload, "2026-11-25T06:00:00+00:00")


def one(hq: Any, sql: str, **params: Any) -> Any:
    with hq.engine.connect() as conn:
        return conn.execute(text(sql), params).one()


@pytest.fixture(scope="module")
def empty_members(hq: Any) -> list[int]:
    """Members of the demo chain with no stored value, each test taking its own."""
    with hq.engine.connect() as conn:
        ids = [
            int(r[0])
            for r in conn.execute(
                text(
                    "SELECT id FROM members WHERE sv_principal_fen = 0 AND sv_bonus_fen = 0 "
                    "ORDER BY id"
                )
            )
        ]
    assert len(ids) >= 18
    return ids


@pytest.fixture(scope="module")
def token(hq: Any) -> str:
    t: str = hq.token("S001", TERMINAL)
    return t


def publish_law(hq: Any, since: str, until: str | None, **law: Any) -> int:
    """Publish the latest programme with ``law`` in its ``prepaid`` section, for a window."""
    with hq.engine.begin() as conn:
        doc = dict(programme.latest_rules(conn)["document"])
        doc["prepaid"] = {**doc.get("prepaid", {}), **law}
        return programme.publish_rules(conn, doc, since, until)


@pytest.fixture(scope="module")
def beijing(hq: Any) -> None:
    """From 2026-11-01 the programme's cooling-off is Beijing's 7 days (the tills' rule,
    which head office's review reads from the version in force)."""
    publish_law(hq, "2026-11-01", None, region="beijing")


def save(hq: Any, **values: Any) -> None:
    with hq.engine.begin() as conn:
        s = prepaid.parse_settings_change(values, prepaid.load_settings(conn))
        prepaid.save_settings(conn, s, "2026-11-20T00:00:00+00:00")


def balance(hq: Any, member: int) -> tuple[int, int]:
    return tuple(
        one(hq, "SELECT sv_principal_fen, sv_bonus_fen FROM members WHERE id = :m", m=member)
    )


def reviews(hq: Any, event_id: str) -> list[str]:
    with hq.engine.connect() as conn:
        return sorted(
            r[0]
            for r in conn.execute(
                text("SELECT kind FROM review_items WHERE event_id = :e"), {"e": event_id}
            )
        )


def test_a_recharge_over_the_cap_is_applied_and_flagged_at_the_fen(
    hq, token, empty_members, beijing
):
    """The cap is the programme version's in force on the recharge's business date."""
    at_cap, over_cap, anonymous = empty_members[0:3]
    ev = recharge(hq, at_cap, 300000, "2027-02-05", offline=True)
    total = 300000 + ev["payload"]["bonus_fen"]
    # The balance after it is exactly the cap of the version in force that day: fine.
    publish_law(hq, "2027-02-01", "2027-02-10", named={"cap": total})
    [res] = push(hq, token, ev)
    assert res["flags"] == []
    assert balance(hq, at_cap) == (300000, ev["payload"]["bonus_fen"])

    # A fen below, in the version of the next days: flagged, and still applied.
    publish_law(hq, "2027-02-11", "2027-02-20", named={"cap": total - 1})
    ev = recharge(hq, over_cap, 300000, "2027-02-15", offline=True)
    [res] = push(hq, token, ev)
    assert res["flags"] == ["over_cap"]
    assert reviews(hq, ev["id"]) == ["over_cap"]
    assert balance(hq, over_cap) == (300000, ev["payload"]["bonus_fen"])
    [again] = push(hq, token, ev)  # a replay: the first result, no second review item
    assert again["replayed"] is True and again["flags"] == ["over_cap"]
    assert reviews(hq, ev["id"]) == ["over_cap"]

    # Back under the law's defaults (the version of 2026-11): an anonymous card's cap is ¥1,000.
    ev = recharge(hq, anonymous, 100000, "2026-11-20", card_class="anonymous", offline=True)
    assert ev["payload"]["bonus_fen"] > 0, "the demo bonus table gives a bonus on ¥1,000"
    [res] = push(hq, token, ev)
    assert res["flags"] == ["over_cap"]


def test_a_reversal_within_cooling_off_takes_the_recharge_back_once(
    hq, token, empty_members, beijing
):
    member = empty_members[3]
    r = recharge(hq, member, 100000, "2026-11-20")
    rev = reversal(r, "2026-11-27")  # the 7th day: still within Beijing's 7 days
    results = push(hq, token, r, rev)
    assert [x["flags"] for x in results] == [[], []]
    assert balance(hq, member) == (0, 0)
    row = one(
        hq,
        "SELECT kind, refund_fen, expected_refund_fen, flags, recharge_event_id "
        "FROM prepaid_closures WHERE event_id = :e",
        e=rev["id"],
    )
    assert tuple(row) == ("reversal", 100000, 100000, [], r["id"])
    [again] = push(hq, token, rev)
    assert again["replayed"] is True
    assert one(hq, "SELECT count(*) FROM sv_entries WHERE event_id = :e", e=rev["id"])[0] == 1
    # The same recharge reversed again by another event: applied as it happened, flagged.
    second = reversal(r, "2026-11-27")
    [res] = push(hq, token, second)
    assert sorted(res["flags"]) == ["overdraft", "reversal_duplicate"]


def test_reversals_head_office_cannot_match_are_flagged(hq, token, empty_members, beijing):
    late_m, used_m, costs_m, ghost_m = empty_members[4:8]
    late = recharge(hq, late_m, 100000, "2026-11-01")
    used = recharge(hq, used_m, 100000, "2026-11-20")
    costs = recharge(hq, costs_m, 100000, "2026-11-20")
    sale = event(
        "sale.completed",
        {"sale_id": str(uuid.uuid4()), "receipt_no": f"R{uuid.uuid4().hex[:12]}",
         "business_date": "2026-11-21", "member_id": used_m, "total_fen": 1000,
         "tenders": [{"kind": "stored_value", "amount_fen": 1000}], "sv_principal_fen": -1000},
        "2026-11-21T03:00:00+00:00",
    )  # fmt: skip
    push(hq, token, late, used, costs, sale)
    p = costs["payload"]
    ghost = reversal(recharge(hq, ghost_m, 100000, "2026-11-20"), "2026-11-22")
    results = push(
        hq,
        token,
        reversal(late, "2026-11-09"),  # day 8
        reversal(used, "2026-11-22"),
        reversal(costs, "2026-11-22", costs_fen=500,
                 refund_tenders=[{"kind": "cash", "amount_fen": p["amount_fen"] - 500}]),
        ghost,  # its recharge never reached head office
    )  # fmt: skip
    flags = [set(x["flags"]) for x in results]
    assert flags[0] == {"reversal_late"}
    assert flags[1] == {"reversal_used", "overdraft"}  # 10 yuan of it was spent
    assert flags[2] == {"reversal_costs"}  # Beijing keeps no costs back
    assert "reversal_no_recharge" in flags[3]
    assert balance(hq, late_m) == (0, 0)
    assert reviews(hq, ghost["id"]) == sorted(results[3]["flags"])
    # Jiangsu's programme: 15 days, less reasonable costs.
    publish_law(hq, "2027-01-01", "2027-01-31", region="jiangsu")
    j = recharge(hq, empty_members[8], 100000, "2027-01-01")
    push(hq, token, j)
    kept = [{"kind": "cash", "amount_fen": 99500}]
    [res] = push(hq, token, reversal(j, "2027-01-16", region="jiangsu", costs_fen=500,
                                     refund_tenders=kept))  # fmt: skip
    assert res["flags"] == []
    # Day 16 is late; head office's own region setting has no say in the window.
    save(hq, region="beijing")
    k = recharge(hq, empty_members[14], 100000, "2027-01-01")
    push(hq, token, k)
    [res] = push(hq, token, reversal(k, "2027-01-17", region="jiangsu", costs_fen=500,
                                     refund_tenders=kept))  # fmt: skip
    assert res["flags"] == ["reversal_late"]
    save(hq, region="other")


THE_3000_CARD = [
    ("recharge", 300000, 100000, "2026-10-01"),
    ("spend", -269550, -89850, "2026-10-20"),
]


def books_of_the_3000_card(hq: Any, member: int, rows: Any = THE_3000_CARD) -> str:
    """Head office's ledger of the issue's card: 3,000 paid + 1,000 bonus, 3,594 spent
    pro rata (2,695.50 principal, 898.50 bonus); balance 304.50 + 101.50."""
    with hq.engine.begin() as conn:
        for n, (kind, p, b, day) in enumerate(rows):
            conn.execute(
                text(
                    "INSERT INTO sv_entries (event_id, member_id, kind, principal_delta_fen, "
                    "bonus_delta_fen, store_id, terminal_id, business_date, created_at) VALUES "
                    "(:e, :m, :k, :p, :b, 'S001', 'T01', :d, :at)"
                ),
                {"e": f"card3000-{member}-{n}", "m": member, "k": kind, "p": p, "b": b, "d": day,
                 "at": f"{day}T03:00:00+00:00"},
            )  # fmt: skip
        conn.execute(
            text(
                "UPDATE members SET sv_principal_fen = :p, sv_bonus_fen = :b, "
                "balance_version = balance_version + 1 WHERE id = :m"
            ),
            {"m": member, "p": sum(r[1] for r in rows), "b": sum(r[2] for r in rows)},
        )
        number: str = conn.execute(
            text("SELECT number FROM cards WHERE member_id = :m ORDER BY id LIMIT 1"), {"m": member}
        ).scalar_one()
    return number


def test_the_issues_closure_quoted_then_closed_once(hq, token, empty_members):
    save(hq, region="other")
    member = empty_members[9]
    card = books_of_the_3000_card(hq, member)
    with hq.client(token) as c:
        q = c.get("/api/v1/sync/prepaid/closure-quote", params={"card": card})
        assert q.status_code == 200, q.text
        quote = q.json()
        assert {k: quote[k] for k in ("balance_fen", "paid_in_fen", "bonus_given_fen", "spent_fen",
                                      "spent_from_principal_fen", "refund_fen",
                                      "bonus_forfeited_fen", "cash_allowed", "wait")} == {
            "balance_fen": 40600, "paid_in_fen": 300000, "bonus_given_fen": 100000,
            "spent_fen": 359400, "spent_from_principal_fen": 269550, "refund_fen": 30450,
            "bonus_forfeited_fen": 10150, "cash_allowed": False, "wait": False,
        }  # fmt: skip
        assert quote["closed"] is None
        unknown = c.get("/api/v1/sync/prepaid/closure-quote", params={"card": "99999999"})
        assert unknown.status_code == 404 and "check the number" in unknown.json()["detail"]
        assert c.get("/api/v1/sync/prepaid/closure-quote", params={"card": card},
                     headers={"Authorization": "Bearer nope"}).status_code == 401  # fmt: skip

    ev = closure(member, card, 30450, 10150)
    [res] = push(hq, token, ev)
    assert res["flags"] == []
    assert balance(hq, member) == (0, 0)
    row = one(hq, "SELECT refund_fen, expected_refund_fen, refund_method, flags "
                  "FROM prepaid_closures WHERE event_id = :e", e=ev["id"])  # fmt: skip
    assert tuple(row) == (30450, 30450, "bank_transfer", [])
    [again] = push(hq, token, ev)
    assert again["replayed"] is True
    assert one(hq, "SELECT count(*) FROM prepaid_closures WHERE event_id = :e", e=ev["id"])[0] == 1
    with hq.client(token) as c:
        after = c.get("/api/v1/sync/prepaid/closure-quote", params={"card": card}).json()
    assert after["closed"]["event_id"] == ev["id"] and after["closed"]["refund_fen"] == 30450
    assert after["balance_fen"] == 0 and after["refund_fen"] == 0
    # A second 退卡 of the same card from another event: flagged, never silently taken.
    [dup] = push(hq, token, closure(member, card, 0, 0, tender="cash", bank_transfer=None,
                                    paid_in_fen=0, bonus_given_fen=0, spent_fen=0,
                                    spent_from_principal_fen=0))  # fmt: skip
    assert "closure_duplicate" in dup["flags"]
    # Money put on the closed card at a till that had not heard of the 退卡: applied, flagged.
    [late] = push(hq, token, recharge(hq, member, 50000, "2026-11-26", card_number=card))
    assert late["flags"] == ["closed_card_recharged"]


def sv_sale(member: int, at: str, amount: int = 1000) -> dict[str, Any]:
    return event(
        "sale.completed",
        {"sale_id": str(uuid.uuid4()), "receipt_no": f"R{uuid.uuid4().hex[:12]}",
         "business_date": at[:10], "member_id": member, "total_fen": amount, "offline": True,
         "tenders": [{"kind": "stored_value", "amount_fen": amount}],
         "sv_principal_fen": -amount},
        at,
    )  # fmt: skip


def pulled_member(hq: Any, token: str, member: int) -> dict[str, Any]:
    """The member as the feed sends it to a till (the newest state, from the start)."""
    found: dict[str, Any] = {}
    cursor = "0"
    with hq.client(token) as c:
        while True:
            page = c.get("/api/v1/sync/pull", params={"cursor": cursor, "limit": 1000}).json()
            for ch in page["changes"]:
                if ch["entity"] == "member" and ch["key"] == str(member):
                    found = ch["data"]
            cursor = page["cursor"]
            if not page["more"]:
                return found


def test_a_closed_card_is_closed_at_head_office_and_in_the_feed(hq, token, empty_members):
    """A 退卡 closes the member's stored value at head office (``members.sv_closed_at``),
    which the feed sends to every till; money moved on it afterwards, in event time, by
    a till that had not heard (offline) is applied and flagged; before it, not."""
    member = empty_members[15]
    card = books_of_the_3000_card(hq, member)
    assert pulled_member(hq, token, member)["sv_closed_on"] is None
    before = sv_sale(member, "2026-11-25T05:00:00+00:00", 500)  # sold before the 退卡 (06:00)
    ev = closure(member, card, 30450, 10150)
    # The 退卡 and, pushed after it, the earlier offline sale: the sale is not flagged...
    [res] = push(hq, token, ev)
    assert res["flags"] == []
    row = one(hq, "SELECT sv_closed_at, sv_closed_on FROM members WHERE id = :m", m=member)
    assert tuple(row) == ("2026-11-25T06:00:00.000000+00:00", "2026-11-25")
    assert pulled_member(hq, token, member)["sv_closed_on"] == "2026-11-25"
    [res] = push(hq, token, before)
    assert "closed_card_used" not in res["flags"]
    # ...a sale paid from it later, and a recharge without the card's number, are.
    after = sv_sale(member, "2026-11-25T07:00:00+00:00")
    top_up = recharge(hq, member, 50000, "2026-11-26", offline=True)
    results = push(hq, token, after, top_up)
    assert "closed_card_used" in results[0]["flags"]
    assert results[1]["flags"] == ["closed_card_recharged"]
    assert reviews(hq, after["id"]) == sorted(results[0]["flags"])
    assert reviews(hq, top_up["id"]) == ["closed_card_recharged"]
    # A second 退卡 of it later does not move the time the value was closed.
    push(hq, token, closure(member, card, 0, 0, tender="cash", bank_transfer=None,
                            paid_in_fen=0, bonus_given_fen=0, spent_fen=0,
                            spent_from_principal_fen=0))  # fmt: skip
    row = one(hq, "SELECT sv_closed_at FROM members WHERE id = :m", m=member)
    assert row[0] == "2026-11-25T06:00:00.000000+00:00"
    # A sale that moves no stored value (cash, points) is a member's sale as ever.
    cash = event(
        "sale.completed",
        {"sale_id": str(uuid.uuid4()), "receipt_no": f"R{uuid.uuid4().hex[:12]}",
         "business_date": "2026-11-27", "member_id": member, "total_fen": 800,
         "tenders": [{"kind": "cash", "amount_fen": 800}], "points_earned": 8},
        "2026-11-27T03:00:00+00:00",
    )  # fmt: skip
    [res] = push(hq, token, cash)
    assert res["flags"] == []


def test_a_closure_that_disagrees_with_head_office_is_flagged(hq, token, empty_members):
    bonus_first, cash = empty_members[10:12]
    card1 = books_of_the_3000_card(hq, bonus_first)
    card2 = books_of_the_3000_card(hq, cash)
    # Bonus spent first makes the principal look unspent: 406.00 refunded, not 304.50.
    wrong = closure(bonus_first, card1, 40600, 0)
    # The right figure, but paid in cash above ¥100.
    in_cash = closure(cash, card2, 30450, 10150, tender="cash", bank_transfer=None)
    results = push(hq, token, wrong, in_cash)
    assert [x["flags"] for x in results] == [["closure_refund"], ["closure_cash"]]
    row = one(hq, "SELECT refund_fen, expected_refund_fen FROM prepaid_closures "
                  "WHERE event_id = :e", e=wrong["id"])  # fmt: skip
    assert tuple(row) == (40600, 30450)
    assert balance(hq, bonus_first) == (-10150, 10150)  # as the till took it off
    assert reviews(hq, in_cash["id"]) == ["closure_cash"]


@pytest.mark.parametrize(
    ("paid", "bonus", "balance", "refund"),
    [
        (300000, 100000, 40600, 30450),  # the issue's case
        (100000, 0, 25000, 25000),  # no bonus: the balance
        (100000, 5000, 105000, 100000),  # nothing spent: the principal
        (100000, 5000, 0, 0),  # all spent
        (100000, 5000, -300, 0),  # overdrawn
        (100000, 5000, 120000, 115000),  # credit beyond the recharges counts as principal
        # 50 spent → 49.50 from the principal, rounded down to 49: 51 back (the whole balance)
        (100, 1, 51, 51),
    ],
)
def test_the_pro_rata_figures(paid, bonus, balance, refund):
    f = prepaid.closure_figures(paid, bonus, balance)
    assert f.refund_fen == refund
    assert f.paid_in_fen - f.spent_from_principal_fen == f.refund_fen
    assert f.refund_fen + f.bonus_forfeited_fen == max(balance, 0)


@pytest.mark.parametrize(("balance_fen", "flags"), [(10000, []), (10001, ["closure_cash"])])
def test_cash_pays_a_closure_of_at_most_100_yuan(hq, token, empty_members, balance_fen, flags):
    member = empty_members[12 if balance_fen == 10000 else 13]
    card = books_of_the_3000_card(hq, member, [("recharge", balance_fen, 0, "2026-11-01")])
    with hq.client(token) as c:
        quote = c.get("/api/v1/sync/prepaid/closure-quote", params={"card": card}).json()
    assert quote["cash_allowed"] is (not flags)
    ev = closure(member, card, balance_fen, 0, tender="cash", bank_transfer=None,
                 paid_in_fen=balance_fen, bonus_given_fen=0, spent_fen=0,
                 spent_from_principal_fen=0)  # fmt: skip
    [res] = push(hq, token, ev)
    assert res["flags"] == flags


def test_managers_see_each_prepaid_review_item_with_its_figures(hq):
    """After the tests above: the over-cap recharges and the disagreeing 退卡 are listed."""
    with hq.client("managers-token") as c:
        r = c.get("/api/v1/prepaid/review-items")
    assert r.status_code == 200, r.text
    items = r.json()
    over = [i for i in items if i["kind"] == "over_cap"]
    anonymous = next(i for i in over if i["figures"].get("card_class") == "anonymous")
    assert anonymous["figures"]["amount_fen"] == 100000
    assert anonymous["figures"]["head_office_cap_fen"] == 100000
    wrong = next(
        i for i in items if i["kind"] == "closure_refund" and i["figures"]["refund_fen"] == 40600
    )
    assert (wrong["figures"]["refund_fen"], wrong["figures"]["expected_refund_fen"]) == (
        40600,
        30450,
    )
    late = next(i for i in items if i["kind"] == "reversal_late")
    assert late["figures"]["kind"] == "reversal" and late["figures"]["recharge_event_id"]
    assert {i["kind"] for i in items} <= {
        "over_cap", "closed_card_recharged", "closed_card_used", "reversal_no_recharge",
        "reversal_amount", "reversal_used", "reversal_late", "reversal_costs", "reversal_duplicate",
        "closure_refund", "closure_balance", "closure_cash", "closure_duplicate",
    }  # fmt: skip


@given(
    paid=st.integers(0, 10**7),
    bonus=st.integers(0, 10**6),
    balance=st.integers(-(10**5), 2 * 10**7),
)
def test_a_closure_never_refunds_more_than_was_paid_in_or_is_left(paid, bonus, balance):
    f = prepaid.closure_figures(paid, bonus, balance)
    left = max(balance, 0)
    assert 0 <= f.refund_fen <= min(f.paid_in_fen, left)
    assert f.refund_fen + f.bonus_forfeited_fen == left
    assert f.paid_in_fen - f.spent_from_principal_fen == f.refund_fen
    if bonus == 0 and left <= paid:
        assert f.refund_fen == left  # no bonus: the balance, all of it
    # The principal's share of what was spent, rounded down: never more than exact.
    if f.paid_in_fen + f.bonus_given_fen and left <= f.paid_in_fen + f.bonus_given_fen:
        whole = f.paid_in_fen + f.bonus_given_fen
        assert f.spent_from_principal_fen * whole <= f.spent_fen * f.paid_in_fen


def test_the_cash_limit_of_a_closure_is_the_programmes_on_its_day(hq, token, empty_members):
    """A programme version with a lower 退卡 cash limit (¥50.00) in force on the closure's
    business date: head office flags cash above it, as the till refused it."""
    publish_law(hq, "2027-03-01", "2027-03-31", closure_cash_max=5000)
    for member, balance_fen, flags in ((empty_members[16], 5000, []),
                                       (empty_members[17], 5001, ["closure_cash"])):  # fmt: skip
        card = books_of_the_3000_card(hq, member, [("recharge", balance_fen, 0, "2027-03-01")])
        ev = closure(member, card, balance_fen, 0, tender="cash", bank_transfer=None,
                     paid_in_fen=balance_fen, bonus_given_fen=0, spent_fen=0,
                     spent_from_principal_fen=0, business_date="2027-03-05")  # fmt: skip
        [res] = push(hq, token, ev)
        assert res["flags"] == flags


def test_a_named_cards_recharge_without_a_real_name_is_flagged_once_none_is_on_file(
    hq, token, empty_members
):
    """The law records the buyer of a named card's recharge: head office flags one that
    brings no record while it has none for the member (``real_name_missing``), applied as
    it happened; the first record serves the next recharges; an anonymous card's small
    recharge and a till that sends no card class (it could not ask) are not judged."""
    with hq.engine.connect() as conn:
        ids = conn.execute(
            text(
                "SELECT id FROM members WHERE real_name_at IS NULL AND NOT id = ANY(:used) "
                "AND sv_principal_fen + sv_bonus_fen <= 300000 ORDER BY id DESC LIMIT 4"
            ),
            {"used": empty_members},
        ).scalars()
        without, with_record, anonymous, old_till = (int(i) for i in ids)
    before = balance(hq, without)
    ev = recharge(hq, without, 10000, "2026-11-21", card_class="named")
    [res] = push(hq, token, ev)
    assert res["flags"] == ["real_name_missing"]
    assert reviews(hq, ev["id"]) == ["real_name_missing"]
    assert balance(hq, without) == (before[0] + 10000, before[1] + ev["payload"]["bonus_fen"])
    first = recharge(hq, with_record, 10000, "2026-11-21", card_class="named",
                     buyer={**holder(), "buyer_kind": "person"})  # fmt: skip
    later = recharge(hq, with_record, 10000, "2026-11-22", card_class="named")
    assert [r["flags"] for r in push(hq, token, first, later)] == [[], []]
    assert one(hq, "SELECT real_name_at FROM members WHERE id = :m", m=with_record)[0]
    ev = recharge(hq, anonymous, 10000, "2026-11-21", card_class="anonymous")
    assert push(hq, token, ev)[0]["flags"] == []
    assert push(hq, token, recharge(hq, old_till, 10000, "2026-11-21"))[0]["flags"] == []
