"""The console's report PDFs and the tables that had no export (``console/exports.py``):
the chain report as a PDF read back with pdftotext (figures, stores, a store manager's
own stores only), a member's statement as CSV, XLSX and PDF with the ledger's lines, the
adjustments waiting and the programme's versions; each export audited (real PostgreSQL,
uvicorn)."""

from __future__ import annotations

import csv
import io
import subprocess
import uuid

from openpyxl import load_workbook
from sqlalchemy import text

from pos_member.headoffice import members
from pos_member.headoffice.programme import chain_today
from tests.conftest import require_tool
from tests.headoffice.console.conftest import Console, sale

ZH = {"Accept-Language": "zh-CN"}


def pdf_text(body: bytes) -> str:
    assert body[:5] == b"%PDF-"
    out = subprocess.run([require_tool("pdftotext", "poppler-utils"), "-layout", "-", "-"],
                         input=body, capture_output=True, check=True).stdout  # fmt: skip
    return " ".join(out.decode("utf-8").split())


def test_the_chain_report_as_a_pdf_with_its_figures(console: Console) -> None:
    day = chain_today()
    token = console.token("S003", "TP3")
    console.push(token, [sale(str(uuid.uuid4()), "S003", "TP3", 21, day, 98_765)])
    admin = console.login("admin1")
    r = admin.get("/console/dashboard/report.pdf", params={"from": day, "to": day}, headers=ZH)
    assert r.status_code == 200 and r.headers["content-type"] == "application/pdf"
    name = f"chain_report_{day}_{day}"
    assert r.headers["content-disposition"] == f'attachment; filename="{name}.pdf"'
    words = pdf_text(r.content)
    assert "连锁报表" in words and f"期间 {day} 至 {day}" in words
    assert "S003" in words and "¥987.65" in words
    assert "未消费储值余额" in words  # the chain's liability, for head office
    assert [a for a in console.audit("export") if a["subject"] == name]
    # A store manager's report holds their own store only.
    mine = console.login("mgr1").get("/console/dashboard/report.pdf",
                                     params={"from": day, "to": day}, headers=ZH)  # fmt: skip
    words = pdf_text(mine.content)
    assert "S003" not in words and "S001" in words and "未消费储值余额" not in words
    # The dashboard links to it.
    page = admin.get("/console/dashboard", params={"from": day, "to": day})
    assert f"/console/dashboard/report.pdf?from={day}&amp;to={day}" in page.text


def test_a_members_statement_exports_as_csv_xlsx_and_pdf(console: Console) -> None:
    day = chain_today()
    token = console.token("S001", "TP1")
    eid = str(uuid.uuid4())
    console.push(token, [sale(eid, "S001", "TP1", 22, day, 12_300)])
    with console.engine.connect() as conn:
        points = conn.execute(
            text("SELECT count(*) FROM points_entries WHERE member_id = 22")
        ).scalar_one()
        sv = conn.execute(text("SELECT count(*) FROM sv_entries WHERE member_id = 22")).scalar_one()
    assert points + sv >= 1
    cs = console.login("cs1")
    r = cs.get("/console/members/22/statement", params={"format": "csv"})
    assert r.status_code == 200
    rows = list(csv.reader(io.StringIO(r.content.decode("utf-8-sig"))))
    assert rows[0] == ["at", "kind", "store_id", "sv_fen", "points", "event_id"]
    assert len(rows) - 1 == points + sv and any(row[5] == eid for row in rows[1:])
    x = cs.get("/console/members/22/statement", params={"format": "xlsx"})
    ws = load_workbook(io.BytesIO(x.content)).active
    assert ws is not None and ws.max_row == len(rows)
    p = cs.get("/console/members/22/statement", params={"format": "pdf"}, headers=ZH)
    assert p.headers["content-type"] == "application/pdf"
    words = pdf_text(p.content)
    assert "流水" in words and "S001" in words and eid[:8] in words
    formats = [a["detail"]["format"] for a in console.audit("export")
               if a["subject"] == "statement_22"]  # fmt: skip
    assert formats[-3:] == ["csv", "xlsx", "pdf"]
    assert [a for a in console.audit("member.view") if a["subject"] == "22"
            and a["detail"].get("export")]  # fmt: skip
    # A store manager cannot take another store's member's statement.
    with console.engine.connect() as conn:
        other = next(i for i in range(1, 61) if not members.member_in_stores(conn, i, ["S001"]))
    refused = console.login("mgr1").get(f"/console/members/{other}/statement",
                                        params={"format": "csv"})  # fmt: skip
    assert refused.status_code == 403


def test_adjustments_and_programme_versions_export(console: Console) -> None:
    admin = console.login("admin1")
    with console.engine.connect() as conn:
        pending = conn.execute(
            text("SELECT count(*) FROM console_adjustments WHERE state = 'pending'")
        ).scalar_one()
        versions = conn.execute(text("SELECT count(*) FROM programme_rules")).scalar_one()
    r = admin.get("/console/adjustments/export", params={"format": "csv"})
    rows = list(csv.reader(io.StringIO(r.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["id", "requested_at", "member_id"] and len(rows) - 1 == pending
    v = admin.get("/console/programme/versions", params={"format": "csv"})
    rows = list(csv.reader(io.StringIO(v.content.decode("utf-8-sig"))))
    assert rows[0] == ["version", "effective_from", "effective_until", "state", "created_at"]
    assert len(rows) - 1 == versions and rows[-1][3] == "live"
    pdf = admin.get("/console/programme/versions", params={"format": "pdf"}, headers=ZH)
    assert "版本" in pdf_text(pdf.content)
    # Finance approves adjustments; marketing does not see them.
    assert console.login("mkt1").get("/console/adjustments/export").status_code == 403
