"""The managers' prepaid-card endpoints on a real uvicorn and PostgreSQL: settings,
revenue, outstanding value moved by a pushed recharge, the filing in every format,
a consumer's statement, and the refusals a manager can act on."""

from __future__ import annotations

import io
import uuid
import zipfile
from typing import Any

import pytest
from sqlalchemy import text

from pos_member.domain.money import Money
from pos_member.headoffice.push import load_rules

pytestmark = pytest.mark.integration

ADMIN = "managers-token"  # tests/headoffice/conftest.py


def admin(hq: Any) -> Any:
    return hq.client(ADMIN)


def test_settings_read_change_and_refuse(hq):
    with admin(hq) as c:
        s = c.get("/api/v1/prepaid/settings").json()
        assert (s["issuer_type"], s["region"]) == ("scale", "other")
        # The counter's rules are the programme's in force today, shown beside them.
        law = s["programme"]
        assert (law["named_cap_fen"], law["anonymous_cap_fen"], law["closure_cash_max_fen"],
                law["cooling_off_days"]) == (500000, 100000, 10000, 0)  # fmt: skip
        assert "named_cap_fen" not in s
        assert s["effective"]["custody_permille"] == 200
        r = c.put("/api/v1/prepaid/settings", json={"issuer_type": "group", "region": "beijing"})
        assert r.status_code == 200, r.text
        eff = r.json()["effective"]
        assert (eff["custody_permille"], eff["registration_threshold_fen"]) == (400, 50_000_000)
        # A cap is not head office's to set: the message says where it lives.
        r = c.put("/api/v1/prepaid/settings", json={"named_cap_fen": 400000})
        assert r.status_code == 422
        assert "named_cap_fen is prepaid.named.cap" in r.json()["detail"]
        assert "publish a rules version" in r.json()["detail"]
        assert c.put("/api/v1/prepaid/settings", json={"capp": 1}).status_code == 422
        # An override, then cleared back to the region's value with null.
        r = c.put("/api/v1/prepaid/settings", json={"custody_permille": 500})
        assert r.json()["effective"]["custody_permille"] == 500
        r = c.put("/api/v1/prepaid/settings", json={"custody_permille": None, "region": "other"})
        assert r.json()["effective"]["custody_permille"] == 300
        assert c.get("/api/v1/prepaid/settings").json()["issuer_type"] == "group"
    with hq.client() as anonymous:
        assert anonymous.get("/api/v1/prepaid/settings").status_code == 401
    with hq.engine.connect() as conn:
        logged = conn.execute(
            text("SELECT count(*) FROM admin_log WHERE action = 'prepaid.settings'")
        ).scalar_one()
    assert logged == 3


def test_a_pushed_recharge_moves_the_outstanding_value_by_its_amount(hq):
    with admin(hq) as c:
        before = c.get("/api/v1/prepaid/outstanding", params={"date": "2026-11-23"}).json()
    with hq.engine.connect() as conn:
        rules = load_rules(conn)
    bonus = rules[max(rules)].stored_value.bonus_for(Money(50000)).fen
    ev = {
        "id": str(uuid.uuid4()),
        "kind": "recharge.completed",
        "store_id": "S002",
        "terminal_id": "TA1",
        "created_at": "2026-11-23T03:00:00+00:00",
        "payload": {"member_id": 3, "business_date": "2026-11-23", "amount_fen": 50000,
                    "bonus_fen": bonus, "tenders": [{"kind": "cash", "amount_fen": 50000}]},
    }  # fmt: skip
    with hq.client(hq.token("S002", "TA1")) as c:
        assert c.post("/api/v1/sync/push", json={"events": [ev]}).status_code == 200
    with admin(hq) as c:
        after = c.get("/api/v1/prepaid/outstanding", params={"date": "2026-11-23"}).json()
        day_before = c.get("/api/v1/prepaid/outstanding", params={"date": "2026-11-22"}).json()
    b, a = before["outstanding"], after["outstanding"]
    assert a["stores"]["S002"]["principal_fen"] - b["stores"]["S002"]["principal_fen"] == 50000
    assert a["stores"]["S002"]["bonus_fen"] - b["stores"]["S002"]["bonus_fen"] == bonus
    assert a["stores"]["S001"] == b["stores"]["S001"]
    assert a["chain"]["principal_fen"] - b["chain"]["principal_fen"] == 50000
    # Event time: the 23rd's recharge is not in the 22nd's figures.
    assert {**day_before["outstanding"], "as_of": b["as_of"]} == b
    assert {"custody_required_fen", "custody_base_date", "warnings"} <= set(after["duties"])


def test_the_filing_downloads_in_each_format(hq):
    with admin(hq) as c:
        assert (
            c.put("/api/v1/prepaid/revenue/2025", json={"revenue_fen": 10**10}).status_code == 200
        )
        csv = c.get("/api/v1/prepaid/filings/2026Q4", params={"format": "csv"})
        xlsx = c.get("/api/v1/prepaid/filings/2026Q4", params={"format": "xlsx"})
        pdf = c.get("/api/v1/prepaid/filings/2026q4", params={"format": "pdf"})
        js = c.get("/api/v1/prepaid/filings/2026-Q4", params={"format": "json"})
        bad = c.get("/api/v1/prepaid/filings/2026Q5")
        ends = c.get("/api/v1/prepaid/quarter-ends", params={"year": 2026})
    assert csv.headers["content-type"].startswith("text/csv")
    assert csv.content.startswith(b"\xef\xbb\xbf")  # a BOM: spreadsheets read the Chinese
    assert "全连锁 chain" in csv.content.decode("utf-8-sig")
    assert 'filename="prepaid-filing-2026Q4.xlsx"' in xlsx.headers["content-disposition"]
    assert "xl/workbook.xml" in zipfile.ZipFile(io.BytesIO(xlsx.content)).namelist()
    assert pdf.headers["content-type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    assert js.json()["year"] == 2026 and js.json()["quarter"] == 4
    assert bad.status_code == 422
    assert list(ends.json()) == ["2026Q1", "2026Q2", "2026Q3", "2026Q4"]


def test_a_consumers_statement_by_phone_and_card(hq):
    with hq.engine.connect() as conn:
        phone, p, b = conn.execute(
            text("SELECT phone, sv_principal_fen, sv_bonus_fen FROM members WHERE id = 7")
        ).one()
        card = conn.execute(text("SELECT number FROM cards WHERE member_id = 7")).scalar_one()
    with admin(hq) as c:
        by_phone = c.get("/api/v1/prepaid/consumers", params={"phone": phone}).json()
        by_card = c.get("/api/v1/prepaid/consumers", params={"card": card}).json()
        neither = c.get("/api/v1/prepaid/consumers")
        unknown = c.get("/api/v1/prepaid/consumers", params={"phone": "13000000000"})
    assert by_phone == by_card
    assert by_phone["balance"] == {"principal_fen": p, "bonus_fen": b}
    assert by_phone["phone_masked"] == phone[:3] + "****" + phone[-4:]
    assert neither.status_code == 422 and "by phone or by card" in neither.json()["detail"]
    assert unknown.status_code == 404


def test_a_date_that_is_not_one_is_refused_with_the_form_to_use(hq):
    with admin(hq) as c:
        r = c.get("/api/v1/prepaid/outstanding", params={"date": "2026-02-30"})
    assert r.status_code == 422
    assert "2026-09-30" in r.json()["detail"]
