"""A till reports its app version, unsent events and clock on every push and pull; head
office keeps the last report with the clock skew it measured, and the console's
terminals page shows them (a real till store and sync client, real PostgreSQL, uvicorn
on loopback)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import httpx
import pytest
from sqlalchemy import text

import pos_member
from pos_member.headoffice.console.accounts import Role, create_account
from pos_member.sync.client import load_credentials
from pos_member.wire.schemas import REPORT_BACKLOG, REPORT_CLOCK, REPORT_VERSION
from tests.headoffice.console.conftest import Console

pytestmark = pytest.mark.integration


def _report(hq: Any, key: str) -> dict[str, Any]:
    with hq.engine.connect() as conn:
        row = conn.execute(
            text("SELECT * FROM terminal_reports WHERE terminal_key = :k"), {"k": key}
        ).one()
    return dict(row._mapping)


def test_the_till_reports_itself_and_the_terminals_page_shows_it(
    hq: Any, make_terminal: Any, member_ids: Any
) -> None:
    t = make_terminal(store_id="S001")
    t.sync()
    key = f"S001-{t.terminal_id}"
    (buyer,) = member_ids(1)
    t.counter.sale(buyer, cash_fen=1200, points_earned=12)
    t.counter.sale(buyer, cash_fen=800, points_earned=8)
    t.client.pull_all()  # the two sales are not sent yet
    got = _report(hq, key)
    assert (got["app_version"], got["backlog"]) == (pos_member.__version__, 2)
    assert datetime.fromisoformat(got["till_clock"]) == t.clock.now
    # The till's settable clock stands in November: days behind head office's.
    measured = t.clock.now - datetime.fromisoformat(got["reported_at"])
    assert abs(got["skew_ms"] - measured.total_seconds() * 1000) < 5
    assert got["skew_ms"] < -86_400_000
    t.client.push_pending()
    t.client.pull_all()
    assert _report(hq, key)["backlog"] == 0

    # What does not parse is ignored, field by field; the sync itself is not refused.
    creds = load_credentials(t.store)
    assert creds is not None
    before = _report(hq, key)
    bad = {REPORT_VERSION: "<script>", REPORT_BACKLOG: "-3", REPORT_CLOCK: "yesterday"}
    r = httpx.get(f"{hq.url}/api/v1/sync/pull", params={"limit": 1}, timeout=10,
                  headers={"Authorization": f"Bearer {creds.token}", **bad})  # fmt: skip
    assert r.status_code == 200
    assert _report(hq, key) == before
    for header, value, column, want in (
        (REPORT_BACKLOG, "7", "backlog", 7),
        (REPORT_VERSION, "0.2.0rc1", "app_version", "0.2.0rc1"),
        (REPORT_BACKLOG, "99999999999", "backlog", 7),
        (REPORT_CLOCK, "2026-11-23T09:00:00", "till_clock", before["till_clock"]),  # no offset
    ):
        one = {"Authorization": f"Bearer {creds.token}", header: value}
        r = httpx.get(f"{hq.url}/api/v1/sync/pull", params={"limit": 1}, timeout=10, headers=one)
        assert r.status_code == 200
        assert _report(hq, key)[column] == want, (header, value)

    # The console's terminals page, in both languages, and its CSV.
    with hq.engine.begin() as conn:
        create_account(conn, "it.reports", "IT", Role.IT, "reports password 1")
    console = Console(hq.url, hq.engine, [])
    try:
        c = console.login("it.reports", "reports password 1")
        en = c.get("/console/terminals", headers={"Accept-Language": "en"})
        row = en.text.split(f"<td>{key}</td>", 1)[1].split("</tr>", 1)[0]
        assert "0.2.0rc1" in row and ">7<" in row and "days behind" in row
        zh = c.get("/console/terminals", headers={"Accept-Language": "zh-CN"})
        assert "慢 " in zh.text.split(f"<td>{key}</td>", 1)[1].split("</tr>", 1)[0]
        csv = c.get("/console/terminals", params={"format": "csv"}).text
        line = next(ln for ln in csv.splitlines() if ln.startswith(key))
        assert ",0.2.0rc1,7," in line
    finally:
        for client in console.clients:
            client.close()
