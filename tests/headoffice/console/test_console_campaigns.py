"""Campaigns to segments over HTTP (real uvicorn, PostgreSQL): each field checked in the
person's language, the count with and without marketing consent, a send queues only the
consenting members of the segment, a scheduled one waits, and both are audited."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import httpx
from sqlalchemy import text

from pos_member.domain.promotions import STORE_TZ
from pos_member.headoffice import notify, privacy
from pos_member.headoffice.sms import FileSink
from tests.headoffice.console.conftest import Console, csrf_of

DAY = "2001-06-01"
SEGMENT = {"joined_from": DAY, "joined_to": DAY}


def _segment(console: Console, ids: list[int], consent: list[int], day: str = DAY) -> None:
    """Members ``ids`` joined on ``day`` (no one else did); ``consent`` gave marketing consent."""
    now = datetime.now(UTC)
    with console.engine.begin() as conn:
        conn.execute(text("UPDATE members SET joined_on = :d WHERE id = ANY(:ids)"),
                     {"d": day, "ids": ids})  # fmt: skip
        for mid in consent:
            privacy.record_consent(conn, mid, "marketing", True, version="1", channel="console",
                                   taken_by="test", now=now)  # fmt: skip


def _post(c: httpx.Client, path: str, data: dict[str, str], lang: str = "en") -> httpx.Response:
    csrf = csrf_of(c.get("/console/campaigns").text)
    return c.post(path, data={"csrf": csrf, **data}, headers={"Accept-Language": lang})


def _outbox(console: Console, key_like: str = "mkt:%") -> list[tuple[int, str, str]]:
    with console.engine.connect() as conn:
        return [tuple(r) for r in conn.execute(text(
            "SELECT member_id, state, next_at FROM notification_outbox WHERE dedupe_key LIKE :k "
            "ORDER BY member_id"), {"k": key_like})]  # fmt: skip


def test_each_field_is_checked_in_the_persons_language(console: Console) -> None:
    c = console.login("mkt1")
    bad = {"tier": "nope", "store": "S999", "joined_from": "2001-13-01", "days": "0",
           "visits": "x", "spend": "-3", "text": "", "when": "later", "at": "tomorrow"}  # fmt: skip
    r = _post(c, "/console/campaigns", bad)
    assert r.status_code == 422
    for said in ("Choose a tier from the list.", "Choose a store from the list.",
                 "Enter a whole number of days from 1 to 3660", "Write the message before sending.",
                 "Enter the day and time as 2026-12-24 10:00."):  # fmt: skip
        assert said in r.text, said
    c.cookies.set("posm_lang", "zh_CN", path="/console")
    r = _post(c, "/console/campaigns", {**bad, "text": "x" * 301}, lang="zh")
    assert r.status_code == 422
    assert "请从列表中选择等级。" in r.text and "信息共301字：请缩短到300字以内。" in r.text
    c.cookies.set("posm_lang", "en", path="/console")
    assert _outbox(console) == []


def test_only_marketing_and_admin_have_the_page(console: Console) -> None:
    assert console.login("mkt1").get("/console/campaigns").status_code == 200
    assert console.login("admin1").get("/console/campaigns").status_code == 200
    for who in ("fin1", "cs1", "it1", "mgr1"):
        assert console.login(who).get("/console/campaigns").status_code == 403, who


def test_count_then_send_queues_only_the_consenting_members_and_is_audited(
    console: Console, tmp_path: Path
) -> None:
    _segment(console, [21, 22, 23, 24], consent=[21, 23])
    c = console.login("mkt1")
    r = _post(c, "/console/campaigns/count", SEGMENT)
    assert r.status_code == 200
    assert "Reaches 2 members with marketing consent; 2 in the segment are left out" in r.text
    r = _post(c, "/console/campaigns", {**SEGMENT, "text": "周末会员日 全场9折", "when": "now"})
    assert r.status_code == 303, r.text[:300]
    page = c.get(r.headers["location"], headers={"Accept-Language": "en"})
    assert "Campaign queued for 2 members (2 left out without marketing consent)." in page.text
    rows = _outbox(console)
    assert [(mid, state) for mid, state, _ in rows] == [(21, "pending"), (23, "pending")]
    (done,) = console.audit("campaign.send")
    detail = done["detail"]
    assert isinstance(detail, dict)
    assert detail["queued"] == 2 and detail["excluded"] == 2
    assert detail["text"] == "周末会员日 全场9折"
    # The worker sends them; a consent withdrawn meanwhile would cancel (privacy's rule).
    gw = FileSink(tmp_path / "sms.jsonl")
    assert notify.send_due(console.engine.begin, gw) == 2
    assert {str(s["text"]) for s in gw.messages()} == {"【会员】周末会员日 全场9折 回复TD退订"}
    page = c.get("/console/campaigns", headers={"Accept-Language": "en"})
    assert "周末会员日 全场9折" in page.text and "joined 2001-06-01 to 2001-06-01" in page.text


def test_a_scheduled_campaign_waits_then_goes_to_those_still_consenting(
    console: Console, tmp_path: Path
) -> None:
    day = "2001-06-02"
    _segment(console, [25, 26], consent=[25, 26], day=day)
    at = (datetime.now(ZoneInfo(STORE_TZ)) + timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")
    c = console.login("mkt1")
    r = _post(c, "/console/campaigns", {"joined_from": day, "joined_to": day, "text": "预告",
                                        "when": "later", "at": at})  # fmt: skip
    assert r.status_code == 303
    key = console.audit("campaign.send")[-1]["subject"]
    rows = _outbox(console, f"mkt:{key}:%")
    assert [mid for mid, _, _ in rows] == [25, 26]
    assert all(datetime.fromisoformat(n) > datetime.now(UTC) + timedelta(days=1) for *_, n in rows)
    assert notify.send_due(console.engine.begin, FileSink(tmp_path / "s.jsonl")) == 0
    # 26 withdraws before it goes: at its time only 25 gets it, 26's is cancelled.
    with console.engine.begin() as conn:
        privacy.record_consent(conn, 26, "marketing", False, version="1", channel="console",
                               taken_by="test", now=datetime.now(UTC))  # fmt: skip
    later = datetime.now(UTC) + timedelta(days=3)
    assert notify.send_due(console.engine.begin, FileSink(tmp_path / "s.jsonl"), now=later) >= 1
    assert [(mid, state) for mid, state, _ in _outbox(console, f"mkt:{key}:%")] == [
        (25, "sent"), (26, "cancelled")]  # fmt: skip
    row = c.get("/console/campaigns", headers={"Accept-Language": "en"}).text
    assert "goes from" in row
    r = _post(c, "/console/campaigns", {"joined_from": day, "joined_to": day, "text": "x",
                                        "when": "later", "at": "2001-01-01T10:00"})  # fmt: skip
    assert r.status_code == 422 and "That time has passed" in r.text


def test_recency_frequency_spend_store_tier_and_birthday_month_each_narrow_it(
    console: Console,
) -> None:
    from pos_member.headoffice.programme import chain_today
    from tests.headoffice.console.conftest import sale

    day = "2001-06-03"
    ids = [31, 32, 33, 34]
    _segment(console, ids, consent=ids, day=day)
    with console.engine.begin() as conn:
        conn.execute(text("UPDATE members SET tier_code = 'gold', birthday = '1990-03-15' "
                          "WHERE id = ANY(:ids)"), {"ids": ids})  # fmt: skip
        conn.execute(text("UPDATE members SET birthday = '1990-04-15' WHERE id = 34"))
        conn.execute(text("UPDATE members SET tier_code = 'silver' WHERE id = 33"))
    today = chain_today()
    token = console.token("S003", "T37")
    # 31: two sales of ¥60 today at S003; 32: one sale of ¥200; 33, 34: nothing.
    console.push(token, [sale(str(uuid.uuid4()), "S003", "T37", mid, today, fen) for n, (mid, fen)
                         in enumerate([(31, 6000), (31, 6000), (32, 20000)])])  # fmt: skip
    c = console.login("mkt1")
    base = {"joined_from": day, "joined_to": day}

    def reached(**more: str) -> str:
        r = _post(c, "/console/campaigns/count", {**base, **more})
        assert r.status_code == 200, r.text[:300]
        return r.text

    assert "Reaches 4 members" in reached()
    assert "Reaches 2 members" in reached(days="7")  # 31 and 32 bought this week
    assert "Reaches 1 members" in reached(days="7", visits="2")  # 31 only
    assert "Reaches 1 members" in reached(spend="150")  # 32 only (¥200)
    assert "Reaches 2 members" in reached(store="S003")
    assert "Reaches 3 members" in reached(tier="gold")
    assert "Reaches 3 members" in reached(month="3")
    assert "Reaches 0 members" in reached(month="3", tier="gold", spend="500")


def test_a_scheduled_campaign_is_called_off_before_it_goes(console: Console) -> None:
    day = "2001-06-04"
    _segment(console, [27, 28], consent=[27, 28], day=day)
    at = (datetime.now(ZoneInfo(STORE_TZ)) + timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    c = console.login("mkt1")
    r = _post(c, "/console/campaigns", {"joined_from": day, "joined_to": day, "text": "取消我",
                                        "when": "later", "at": at})  # fmt: skip
    assert r.status_code == 303
    key = console.audit("campaign.send")[-1]["subject"]
    page = c.get("/console/campaigns", headers={"Accept-Language": "en"}).text
    assert f'action="/console/campaigns/{key}/cancel"' in page
    r = _post(c, f"/console/campaigns/{key}/cancel", {})
    assert r.status_code == 303
    said = c.get(r.headers["location"], headers={"Accept-Language": "en"}).text
    assert "Called off: 2 messages will not be sent." in said
    assert [s for _, s, _ in _outbox(console, f"mkt:{key}:%")] == ["cancelled", "cancelled"]
    assert console.audit("campaign.cancel")[-1]["detail"] == {"cancelled": 2}
    # Without the token it is refused like every other form.
    assert c.post(f"/console/campaigns/{key}/cancel", data={}).status_code == 403
    r = _post(c, "/console/campaigns/mkt%25/cancel", {})
    assert (
        "No such campaign" in c.get(r.headers["location"], headers={"Accept-Language": "en"}).text
    )
