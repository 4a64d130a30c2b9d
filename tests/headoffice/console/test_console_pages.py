"""The console's pages over HTTP against real PostgreSQL: the dashboard's numbers, the
review queue, terminals and enrolment codes, the programme's checks, diff and publish,
and both languages' tables."""

from __future__ import annotations

import json
import uuid
from datetime import date, timedelta
from typing import Any

import httpx
from sqlalchemy import text

from pos_member.headoffice import reports
from pos_member.headoffice.app import create_app
from pos_member.headoffice.auth import enrol, new_enrol_code
from pos_member.headoffice.console.diff import document_diff
from pos_member.headoffice.console.i18n import EN, ZH
from pos_member.headoffice.db import open_database
from pos_member.headoffice.programme import chain_today
from pos_member.headoffice.seed import seed_demo
from pos_member.headoffice.settings import HQSettings
from pos_member.headoffice.testing import ServerThread
from tests.headoffice.console.conftest import Console, csrf_of, sale


def test_both_languages_say_every_key_and_chinese_uses_chinese_punctuation() -> None:
    assert set(EN) == set(ZH)
    for key, zh in ZH.items():
        if key.startswith(("terminals.code_help", "lang.")):
            continue
        assert "," not in zh.replace("{", "").replace("}", "") or "{" in zh, key
        assert not zh.rstrip().endswith("."), key


def test_document_diff_names_each_changed_field() -> None:
    old = {"version": 1, "earn": {"rate": "1"}, "tiers": [{"code": "a", "name": "A"}]}
    new = {"version": 2, "earn": {"rate": "2"}, "tiers": [{"code": "a", "name": "A"},
                                                         {"code": "b", "name": "B"}]}  # fmt: skip
    diff = {d["path"]: d["change"] for d in document_diff(old, new)}
    assert diff == {"earn.rate": "changed", "tiers[b].code": "added", "tiers[b].name": "added"}


def test_the_dashboard_shows_the_days_sales_by_store(console: Console) -> None:
    day = chain_today()
    token = console.token("S003", "T31")
    console.push(token, [sale(str(uuid.uuid4()), "S003", "T31", 20, day, 123_456)])
    page = console.login("fin1").get("/console/dashboard", headers={"Accept-Language": "en"})
    assert page.status_code == 200
    assert "S003" in page.text and "¥1,234.56" in page.text and "<svg" in page.text
    fin = console.login("fin1")
    for bad_dates in (
        {"from": "2026-13-01"},
        {"to": "2026-13-01"},
        {"from": "2026-02-30"},
        {"from": "2026-12-03", "to": "2026-12-01"},
        {"from": "2020-01-01"},
    ):
        bad = fin.get("/console/dashboard", params=bad_dates, headers={"Accept-Language": "en"})
        assert bad.status_code == 200 and "Dates are written 2026-12-03" in bad.text, bad_dates
    # A store manager's dashboard holds only their store.
    mine = console.login("mgr1").get("/console/dashboard")
    assert "S003" not in mine.text.split("<table", 1)[-1]


def test_a_review_item_is_resolved_with_a_note(console: Console) -> None:
    token = console.token("S002", "T22")
    eid = str(uuid.uuid4())
    # More stored value than member 21 holds: an overdraft, listed for review.
    console.push(token, [sale(eid, "S002", "T22", 21, chain_today(), 90_000_000, sv=True)])
    with console.engine.connect() as conn:
        item = conn.execute(
            text("SELECT id, kind FROM review_items WHERE event_id = :e"), {"e": eid}
        ).one()
    c = console.login("cs1")
    listing = c.get("/console/review", params={"kind": item.kind})
    assert f"/console/review/{item.id}" in listing.text
    page = c.get(f"/console/review/{item.id}")
    assert eid in page.text
    csrf = csrf_of(page.text)
    empty = c.post(f"/console/review/{item.id}/resolve", data={"csrf": csrf, "note": " "})
    assert empty.status_code == 422
    done = c.post(f"/console/review/{item.id}/resolve",
                  data={"csrf": csrf, "note": "called the member"})  # fmt: skip
    assert done.status_code == 303
    with console.engine.connect() as conn:
        assert conn.execute(
            text("SELECT resolved_at FROM review_items WHERE id = :i"), {"i": item.id}
        ).scalar_one()
    again = c.post(f"/console/review/{item.id}/resolve", data={"csrf": csrf, "note": "x"})
    assert again.status_code == 409
    assert [a for a in console.audit("review.resolve") if a["subject"] == str(item.id)]
    # The store manager of another store cannot open it.
    assert console.login("mgr1").get(f"/console/review/{item.id}").status_code == 403


def test_an_enrolment_code_enrols_a_till_and_revoking_refuses_its_next_sync(
    console: Console,
) -> None:
    c = console.login("it1")
    csrf = csrf_of(c.get("/console/terminals").text)
    r = c.post("/console/terminals/code", data={"csrf": csrf, "store": "S001", "terminal": "t77"})
    assert r.status_code == 200 and "<svg" in r.text
    code = r.text.split('id="enrol-code">', 1)[1].split("<", 1)[0]
    enrolled = httpx.post(f"{console.url}/api/v1/enrol", json={"code": code, "terminal_id": "T77"})
    assert enrolled.status_code == 200
    token = enrolled.json()["token"]
    auth = {"Authorization": f"Bearer {token}"}
    assert httpx.get(f"{console.url}/api/v1/sync/pull", headers=auth).status_code == 200
    again = c.post("/console/terminals/code", data={"csrf": csrf, "store": "S001",
                                                    "terminal": "T77"})  # fmt: skip
    assert again.status_code == 409
    bad = c.post("/console/terminals/code", data={"csrf": csrf, "store": "S001",
                                                  "terminal": "T-1!"})  # fmt: skip
    assert bad.status_code == 422
    assert c.post("/console/terminals/S001-T77/revoke", data={"csrf": csrf}).status_code == 303
    assert httpx.get(f"{console.url}/api/v1/sync/pull", headers=auth).status_code == 401
    assert "S001-T77" in c.get("/console/terminals").text
    assert [a for a in console.audit("terminal.revoke") if a["subject"] == "S001-T77"]


def test_the_programme_checks_in_the_persons_language_diffs_and_publishes(
    console: Console,
) -> None:
    c = console.login("mkt1")
    page = c.get("/console/programme/advanced", headers={"Accept-Language": "zh-CN"})
    csrf = csrf_of(page.text)
    with console.engine.connect() as conn:
        live = conn.execute(
            text("SELECT document FROM programme_rules ORDER BY version DESC LIMIT 1")
        ).scalar_one()
    start = (date.fromisoformat(chain_today()) + timedelta(days=30)).isoformat()
    broken = c.post("/console/programme/check", data={
        "csrf": csrf, "document": '{"tiers": [}', "effective_from": start,
    }, headers={"Accept-Language": "zh-CN"})  # fmt: skip
    assert broken.status_code == 422 and "不是有效的 JSON（第 1 行" in broken.text
    no_tiers = c.post("/console/programme/check", data={
        "csrf": csrf, "document": json.dumps({**live, "tiers": []}), "effective_from": start,
    })  # fmt: skip
    assert no_tiers.status_code == 422 and "规则前后不一致" in no_tiers.text
    no_day = c.post("/console/programme/check", data={
        "csrf": csrf, "document": json.dumps(live), "effective_from": "2027-02-30",
    }, headers={"Accept-Language": "zh-CN"})  # fmt: skip
    assert no_day.status_code == 422 and "日期格式为 2026-12-03。" in no_day.text
    doc = {**live, "referral_points": int(live.get("referral_points", 0)) + 50}
    checked = c.post("/console/programme/check", data={
        "csrf": csrf, "document": json.dumps(doc), "effective_from": start,
    })  # fmt: skip
    assert checked.status_code == 200 and "referral_points" in checked.text
    with console.engine.connect() as conn:
        before = conn.execute(text("SELECT count(*) FROM programme_rules")).scalar_one()
    done = c.post("/console/programme/publish", data={
        "csrf": csrf, "document": json.dumps(doc), "effective_from": start,
    })  # fmt: skip
    assert done.status_code == 303
    with console.engine.connect() as conn:
        row = conn.execute(
            text("SELECT version, effective_from FROM programme_rules ORDER BY version DESC")
        ).first()
        assert conn.execute(text("SELECT count(*) FROM programme_rules")).scalar_one() == before + 1
    assert row.effective_from == start
    listing = c.get("/console/programme", headers={"Accept-Language": "en"})
    assert "scheduled" in listing.text
    assert [a for a in console.audit("rules.publish") if a["subject"] == str(row.version)]
    # Finance reads the programme but does not publish.
    fin = console.login("fin1")
    assert fin.post("/console/programme/publish", data={
        "csrf": csrf_of(fin.get("/console/programme/advanced").text), "document": "{}",
        "effective_from": start,
    }).status_code == 403  # fmt: skip


def test_roll_back_publishes_an_earlier_version_again_and_the_tills_pull_it(
    console: Console,
) -> None:
    c = console.login("admin1")
    loaded = c.get("/console/programme/advanced", params={"load": "1"})
    assert loaded.status_code == 200 and 'name="from_version" value="1"' in loaded.text
    document = loaded.text.split('id="document"', 1)[1].split(">", 1)[1].split("</textarea>")[0]
    import html

    doc = json.loads(html.unescape(document))
    with console.engine.connect() as conn:
        first = conn.execute(
            text("SELECT document FROM programme_rules WHERE version = 1")
        ).scalar_one()
    assert doc == {k: v for k, v in first.items() if k != "version"}
    start = (date.fromisoformat(chain_today()) + timedelta(days=60)).isoformat()
    done = c.post("/console/programme/publish", data={
        "csrf": csrf_of(loaded.text), "document": json.dumps(doc), "effective_from": start,
        "from_version": "1",
    })  # fmt: skip
    assert done.status_code == 303
    with console.engine.connect() as conn:
        version, again = conn.execute(
            text("SELECT version, document FROM programme_rules ORDER BY version DESC")
        ).first()
    assert {k: v for k, v in again.items() if k != "version"} == doc
    audit = [a for a in console.audit("rules.publish") if a["subject"] == str(version)]
    assert audit and audit[-1]["detail"]["from_version"] == "1"
    # The change feed carries the new version to the tills, with its start date.
    token = console.token("S001", "T61")
    page = httpx.get(
        f"{console.url}/api/v1/sync/pull", headers={"Authorization": f"Bearer {token}"},
        params={"limit": 5000},
    ).json()  # fmt: skip
    rules = [ch for ch in page["changes"] if ch["entity"] == "rules" and
             str(ch["key"]) == str(version)]  # fmt: skip
    assert rules and json.dumps(rules[0], ensure_ascii=False).count(start) >= 1


def test_customer_service_replaces_a_card_and_the_feed_carries_it(console: Console) -> None:
    with console.engine.connect() as conn:
        card = conn.execute(
            text("SELECT number FROM cards WHERE member_id = 40 ORDER BY id LIMIT 1")
        ).scalar_one()
    c = console.login("cs1")
    page = c.get("/console/members/40")
    csrf = csrf_of(page.text)
    bad = c.post(f"/console/cards/{card}/replace", data={"csrf": csrf, "new_number": "x!"})
    assert bad.status_code == 422
    taken = c.post(f"/console/cards/{card}/replace", data={"csrf": csrf, "new_number": card})
    assert taken.status_code == 409
    done = c.post(f"/console/cards/{card}/replace", data={"csrf": csrf, "new_number": "NEW40X"})
    assert done.status_code == 303
    with console.engine.connect() as conn:
        states = dict(
            conn.execute(text("SELECT number, state FROM cards WHERE member_id = 40")).all()
        )
        assert conn.execute(
            text("SELECT 1 FROM changes WHERE entity = 'member' AND key = '40'")
        ).first()
    assert states[card] == "replaced" and states["NEW40X"] == "active"
    assert [a for a in console.audit("card.replace") if a["subject"] == card]


def test_tables_export_as_csv_for_excel_and_each_export_is_audited(console: Console) -> None:
    day = chain_today()
    console.push(console.token("S001", "T41"),
                 [sale(str(uuid.uuid4()), "S001", "T41", 44, day, 5_000)])  # fmt: skip
    fin = console.login("fin1")
    got = fin.get("/console/dashboard", params={"from": day, "to": day, "format": "csv"})
    assert got.status_code == 200 and got.headers["content-type"].startswith("text/csv")
    assert got.content.startswith("\ufeff".encode())
    lines = got.text.lstrip("\ufeff").splitlines()
    assert lines[0].startswith("business_date,store_id,sales_fen")
    assert any(line.startswith(f"{day},S001,") for line in lines[1:])
    mine = console.login("mgr1").get("/console/dashboard", params={"format": "csv"})
    assert all(",S001," in line for line in mine.text.splitlines()[1:])
    review = fin.get("/console/review", params={"format": "csv"})
    assert review.text.lstrip("\ufeff").startswith("id,kind,store_id")
    admin = console.login("admin1")
    audit = admin.get("/console/accounts", params={"format": "csv"})
    assert "member.view" in audit.text or "login" in audit.text
    assert console.login("it1").get("/console/terminals", params={"format": "csv"}).status_code \
        == 200  # fmt: skip
    exports = {a["subject"] for a in console.audit("export")}
    assert {f"sales_{day}_{day}", "review_items", "audit", "terminals"} <= exports


def test_a_cell_a_spreadsheet_would_run_is_quoted(console: Console) -> None:
    admin = console.login("admin1")
    admin.get("/console/members", params={"q": "=HYPERLINK(1)"})  # audited as typed
    audit = admin.get("/console/accounts", params={"format": "csv", "action": "member.search"})
    assert "'=HYPERLINK(1)" in audit.text
    assert ",=HYPERLINK" not in audit.text


def test_a_chart_draws_one_bar_per_series_and_label_with_its_amount() -> None:
    from pos_member.headoffice.console.charts import stacked_bars

    svg = stacked_bars("t", ["S1", "S2"], [("m", "a", [1_500_000, 0]), ("o", "b", [100, 200])],
                       "en")  # fmt: skip
    assert svg.count("<rect") == 4
    assert "S1 m: 15k" in svg and "S2 o: 2" in svg
    assert "1.5万" in stacked_bars("t", ["S1"], [("m", "a", [1_500_000])], "zh_CN")


def test_active_members_are_counted_once_over_the_range_in_both_databases(
    console: Console, tmp_path: Any
) -> None:

    first, second = "2026-06-01", "2026-06-02"
    events = [
        sale(str(uuid.uuid4()), "S003", "T51", 50, first, 1000),
        sale(str(uuid.uuid4()), "S003", "T51", 50, second, 2000),
        sale(str(uuid.uuid4()), "S003", "T51", 51, second, 3000),
    ]
    console.push(console.token("S003", "T51"), events)
    lite = open_database(f"sqlite:///{tmp_path / 'hq.db'}", pool_size=2)
    seed_demo(lite, members=60, products=5)

    server = ServerThread(create_app(HQSettings(db_url="sqlite://"), lite)).start()
    try:
        with lite.begin() as conn:
            token = enrol(conn, new_enrol_code(conn, "S003", 1, "T51"), "T51", 1_000_000)[1]
        got = httpx.post(f"{server.url}/api/v1/sync/push", json={"events": events},
                         headers={"Authorization": f"Bearer {token}"})  # fmt: skip
        assert got.status_code == 200, got.text
    finally:
        server.stop()
    for engine in (console.engine, lite):
        with engine.connect() as conn:
            report = reports.daily_report(conn, first, second, ["S003"])
        assert report.active_members == 2, engine.dialect.name
        assert [(d.business_date, d.active_members, d.sales_fen) for d in report.days] == [
            (first, 1, 1000), (second, 2, 5000)
        ], engine.dialect.name  # fmt: skip
    lite.dispose()
