"""Adjustments of points and stored value on a member's page (real PostgreSQL, uvicorn on
loopback): up to the threshold posted at once, above it waiting for a second person
who may not be the one who asked; each an append-only ledger entry that a till gets by
the change feed; audited; forged posts, wrong roles and bad amounts refused."""

from __future__ import annotations

from typing import Any

import httpx
from sqlalchemy import text

from pos_member.headoffice import adjustments
from pos_member.headoffice.validate import EventRefused
from tests.headoffice.console.conftest import Console, csrf_of

EN = {"Accept-Language": "en"}


def _balances(console: Console, mid: int) -> tuple[int, int, int]:
    with console.engine.connect() as conn:
        row = conn.execute(
            text("SELECT points, sv_principal_fen, balance_version FROM members WHERE id = :i"),
            {"i": mid},
        ).one()
    return int(row[0]), int(row[1]), int(row[2])


def _entries(console: Console, mid: int) -> list[tuple[str, int, str]]:
    with console.engine.connect() as conn:
        pts = conn.execute(
            text("SELECT kind, delta, store_id FROM points_entries WHERE member_id = :i "
                 "AND kind = 'adjust' ORDER BY id"), {"i": mid},
        ).all()  # fmt: skip
        sv = conn.execute(
            text("SELECT kind, principal_delta_fen, store_id FROM sv_entries "
                 "WHERE member_id = :i AND kind = 'adjust' ORDER BY id"), {"i": mid},
        ).all()  # fmt: skip
    return [("points", int(d), s) for _k, d, s in pts] + [("sv", int(d), s) for _k, d, s in sv]


def _ask(c: httpx.Client, mid: int, **form: str) -> httpx.Response:
    token = csrf_of(c.get(f"/console/members/{mid}").text)
    return c.post(f"/console/members/{mid}/adjust", data={"csrf": token, **form}, headers=EN)


def _decide(c: httpx.Client, adj_id: int, what: str) -> httpx.Response:
    token = csrf_of(c.get("/console/adjustments").text)
    return c.post(f"/console/adjustments/{adj_id}/{what}", data={"csrf": token}, headers=EN)


def _last_id(console: Console) -> int:
    with console.engine.connect() as conn:
        return int(conn.execute(text("SELECT max(id) FROM console_adjustments")).scalar_one())


def _fed_member(console: Console, mid: int) -> dict[str, Any]:
    token = console.token("S001", f"TA{mid}")
    r = httpx.get(f"{console.url}/api/v1/sync/pull", params={"cursor": "0", "limit": 5000},
                  headers={"Authorization": f"Bearer {token}"}, timeout=15)  # fmt: skip
    assert r.status_code == 200, r.text
    found: dict[str, Any] = next(
        ch["data"]
        for ch in r.json()["changes"]
        if ch["entity"] == "member" and ch["key"] == str(mid)
    )
    return found


def test_below_the_threshold_it_is_posted_at_once_and_reaches_the_till(console: Console) -> None:
    mid = 41
    points, sv, version = _balances(console, mid)
    cs = console.login("cs1")
    r = _ask(cs, mid, kind="points", amount="120", reason="积分漏记")
    assert r.status_code == 303 and "adj.applied" in r.headers["location"]
    r = _ask(cs, mid, kind="sv", amount="-12.5", reason="double recharge")
    assert r.status_code == 303 and "adj.applied" in r.headers["location"]
    assert _balances(console, mid) == (points + 120, sv - 1250, version + 2)
    assert _entries(console, mid) == [("points", 120, "HQ"), ("sv", -1250, "HQ")]
    fed = _fed_member(console, mid)
    assert (fed["points"], fed["sv_principal_fen"], fed["balance_version"]) == (
        points + 120, sv - 1250, version + 2)  # fmt: skip
    page = cs.get(f"/console/members/{mid}", headers=EN)
    assert "double recharge" in page.text and "Posted" in page.text
    audited: list[Any] = [
        a
        for a in console.audit("adjust.applied")
        if a["detail"]["member_id"] == mid  # type: ignore[index]
    ]
    assert [(a["username"], a["detail"]["amount"]) for a in audited] == [
        ("cs1", 120), ("cs1", -1250)]  # fmt: skip


def test_above_it_a_second_person_approves_and_never_the_one_who_asked(console: Console) -> None:
    mid = 42
    points, sv, version = _balances(console, mid)
    fin = console.login("fin1")
    r = _ask(fin, mid, kind="points", amount="5000", reason="campaign make-good")
    assert r.status_code == 303 and "adj.pending" in r.headers["location"]
    adj_id = _last_id(console)
    assert _balances(console, mid) == (points, sv, version)  # nothing posted yet
    listing = fin.get("/console/adjustments", headers=EN)
    assert "campaign make-good" in listing.text and "Yours: another person" in listing.text
    # The requester cannot approve their own, even by posting the form.
    own = _decide(fin, adj_id, "approve")
    assert own.status_code == 403 and "a second person approves it" in own.text
    assert _balances(console, mid) == (points, sv, version)
    assert [a["username"] for a in console.audit("adjust.self_refused")
            if a["subject"] == str(adj_id)] == ["fin1"]  # fmt: skip
    # Customer service may ask but not approve.
    assert console.login("cs1").get("/console/adjustments").status_code == 403
    ok = _decide(console.login("admin1"), adj_id, "approve")
    assert ok.status_code == 303 and "adj.approved" in ok.headers["location"]
    assert _balances(console, mid) == (points + 5000, sv, version + 1)
    assert _entries(console, mid) == [("points", 5000, "HQ")]
    assert _fed_member(console, mid)["points"] == points + 5000
    again = _decide(console.login("admin1"), adj_id, "approve")
    assert again.status_code == 409 and "approved or refused already" in again.text
    assert _balances(console, mid) == (points + 5000, sv, version + 1)


def test_a_refused_adjustment_posts_nothing(console: Console) -> None:
    mid = 43
    before = _balances(console, mid)
    cs = console.login("cs1")
    assert _ask(cs, mid, kind="sv", amount="500", reason="goodwill").status_code == 303
    adj_id = _last_id(console)
    r = _decide(console.login("fin1"), adj_id, "refuse")
    assert r.status_code == 303 and "adj.refused" in r.headers["location"]
    assert _balances(console, mid) == before and _entries(console, mid) == []
    with console.engine.connect() as conn:
        state = conn.execute(text("SELECT state, decided_by_name FROM console_adjustments "
                                  "WHERE id = :i"), {"i": adj_id}).one()  # fmt: skip
    assert tuple(state) == ("refused", "fin1")
    assert _decide(console.login("admin1"), adj_id, "approve").status_code == 409


def test_a_forged_post_without_the_csrf_token_is_refused(console: Console) -> None:
    mid = 44
    before = _balances(console, mid)
    cs = console.login("cs1")
    r = cs.post(f"/console/members/{mid}/adjust", headers=EN,
                data={"kind": "points", "amount": "10", "reason": "x"})  # fmt: skip
    assert r.status_code == 403
    forged_form = {"csrf": "forged", "kind": "points", "amount": "10", "reason": "x"}
    r = cs.post(f"/console/members/{mid}/adjust", headers=EN, data=forged_form)
    assert r.status_code == 403
    fin = console.login("fin1")
    assert _ask(fin, mid, kind="points", amount="9999", reason="big").status_code == 303
    adj_id = _last_id(console)
    forged = console.login("admin1").post(f"/console/adjustments/{adj_id}/approve",
                                          data={"csrf": "nope"})  # fmt: skip
    assert forged.status_code == 403
    assert _balances(console, mid) == before


def test_each_bad_input_gets_the_persons_message(console: Console) -> None:
    mid = 45
    before = _balances(console, mid)
    cs = console.login("cs1")
    cases = [
        ({"kind": "coins", "amount": "10", "reason": "r"}, 422, "Choose points or stored value"),
        ({"kind": "points", "amount": "abc", "reason": "r"}, 422, "whole number other than 0"),
        ({"kind": "points", "amount": "0", "reason": "r"}, 422, "whole number other than 0"),
        ({"kind": "points", "amount": "1.5", "reason": "r"}, 422, "whole number other than 0"),
        ({"kind": "sv", "amount": "1.234", "reason": "r"}, 422, "amount in yuan other than 0"),
        ({"kind": "sv", "amount": "", "reason": "r"}, 422, "amount in yuan other than 0"),
        ({"kind": "points", "amount": "10", "reason": "  "}, 422, "Say why"),
        ({"kind": "points", "amount": "99999999", "reason": "r"}, 422, "whole number other"),
        ({"kind": "points", "amount": "-9999999", "reason": "r"}, 409, "below zero"),
        ({"kind": "sv", "amount": "-99999.99", "reason": "r"}, 409, "below zero"),
    ]
    for form, status, words in cases:
        r = _ask(cs, mid, **form)
        assert r.status_code == status and words in r.text, form
    token = csrf_of(cs.get(f"/console/members/{mid}").text)
    bad = {"csrf": token, "kind": "points", "amount": "abc", "reason": "r"}
    zh = cs.post(f"/console/members/{mid}/adjust", headers={"Accept-Language": "zh-CN"}, data=bad)
    assert zh.status_code == 422 and "积分须为非零整数" in zh.text
    assert _balances(console, mid) == before and _entries(console, mid) == []
    # Roles that may not adjust: the store manager, marketing.
    for name in ("mgr1", "mkt1"):
        c = console.login(name)
        token = csrf_of(c.get("/console/password").text)
        one = {"csrf": token, "kind": "points", "amount": "1", "reason": "r"}
        r = c.post(f"/console/members/{mid}/adjust", data=one)
        assert r.status_code == 403, name
    assert _balances(console, mid) == before


def test_the_rules_refuse_an_unknown_member_and_amounts_out_of_range(console: Console) -> None:
    with console.engine.begin() as conn:
        for kw, code in (
            ({"member_id": 10**9, "kind": "points", "amount": 1}, "member.unknown"),
            ({"member_id": 46, "kind": "points", "amount": 10**8}, "adjust.amount"),
            ({"member_id": 46, "kind": "sv", "amount": 0}, "adjust.amount"),
            ({"member_id": 46, "kind": "gold", "amount": 1}, "adjust.kind"),
        ):
            try:
                adjustments.request(conn, reason="r", by_id=1, by_name="x", threshold=10, **kw)  # type: ignore[arg-type]
            except EventRefused as exc:
                assert exc.code == code
            else:
                raise AssertionError(f"{kw} was not refused")
