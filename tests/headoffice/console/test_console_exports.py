"""Every console table as XLSX beside CSV, read back (openpyxl, csv): the same header and
rows in both, numbers as numbers, text that looks like a formula kept as text; the
member list export masked by role; each export audited (real PostgreSQL, uvicorn)."""

from __future__ import annotations

import csv
import io
import uuid
from typing import Any

import httpx
from openpyxl import load_workbook

from pos_member.headoffice.programme import chain_today
from tests.headoffice.console.conftest import Console, sale

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _both(c: httpx.Client, path: str, **params: str) -> tuple[list[list[str]], list[list[Any]]]:
    r_csv = c.get(path, params={**params, "format": "csv"})
    r_x = c.get(path, params={**params, "format": "xlsx"})
    assert r_csv.status_code == r_x.status_code == 200, (path, r_x.text[:200])
    assert r_x.headers["content-type"] == XLSX
    assert r_x.headers["content-disposition"].endswith('.xlsx"')
    rows_csv = list(csv.reader(io.StringIO(r_csv.content.decode("utf-8-sig"))))
    ws = load_workbook(io.BytesIO(r_x.content)).active
    assert ws is not None
    rows_x = [list(r) for r in ws.iter_rows(values_only=True)]
    return rows_csv, rows_x


def _same(rows_csv: list[list[str]], rows_x: list[list[Any]]) -> None:
    """Cell by cell: CSV's text is the XLSX value written out (None is an empty cell)."""
    assert rows_x[0] == rows_csv[0]
    assert len(rows_x) == len(rows_csv)
    for got, want in zip(rows_x[1:], rows_csv[1:], strict=True):
        shown = ["" if v is None else str(v) for v in got]
        assert [w.removeprefix("'") for w in want] == shown


def test_each_table_exports_as_xlsx_with_the_csvs_rows(console: Console) -> None:
    day = chain_today()
    token = console.token("S002", "TX2")
    console.push(token, [sale(str(uuid.uuid4()), "S002", "TX2", 33, day, 4_321)])
    admin = console.login("admin1")
    # A search that looks like a formula: its audit row's subject must stay text.
    admin.get("/console/members", params={"q": "=HYPERLINK(1)"})
    for path, params in (
        ("/console/dashboard", {}),
        ("/console/review", {}),
        ("/console/terminals", {}),
        ("/console/accounts", {}),
        ("/console/members", {"q": "13"}),
    ):
        rows_csv, rows_x = _both(admin, path, **params)
        if path == "/console/accounts":  # the audit, newest first: the CSV's export is in it
            assert rows_x[1][3] == "export"
            rows_x = [rows_x[0], *rows_x[2:]]
        assert len(rows_x) > 1 or path == "/console/review", path  # no review item here
        _same(rows_csv, rows_x)
    day_rows = _both(admin, "/console/dashboard")[1]
    header = day_rows[0]
    s002 = [r for r in day_rows[1:] if r[header.index("store_id")] == "S002"]
    assert any(r[header.index("sales_fen")] >= 4_321 for r in s002)
    assert all(isinstance(r[header.index("sales_fen")], int) for r in day_rows[1:])
    trail = admin.get("/console/accounts", params={"format": "xlsx"})
    audit = load_workbook(io.BytesIO(trail.content)).active
    assert audit is not None
    cells = [c for row in audit.iter_rows(min_row=2) for c in row if c.value == "=HYPERLINK(1)"]
    assert cells and all(c.data_type == "s" for c in cells)
    formats = [dict(a["detail"]).get("format") for a in console.audit("export")]  # type: ignore[call-overload]
    assert "xlsx" in formats and "csv" in formats


def test_the_member_list_export_is_masked_by_role(console: Console) -> None:
    with console.engine.connect() as conn:
        from sqlalchemy import text

        phone = conn.execute(text("SELECT phone FROM members WHERE id = 21")).scalar_one()
    full = _both(console.login("cs1"), "/console/members", q=phone)[1]
    masked = _both(console.login("fin1"), "/console/members", q=phone)[1]
    col = full[0].index("phone")
    assert full[1][col] == phone
    assert masked[1][col] != phone and str(masked[1][col]).endswith(phone[-4:])
    assert [r[0] for r in full[1:]] == [r[0] for r in masked[1:]] == [21]
    # Without a search there is nothing to export: the page, not a file.
    r = console.login("cs1").get("/console/members", params={"format": "xlsx"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
