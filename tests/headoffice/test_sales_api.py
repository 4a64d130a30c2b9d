"""A sale of the chain by receipt number (``GET /api/v1/sales/by-receipt/{no}``), as a
till of another store asks for it to refund it (real PostgreSQL, uvicorn on loopback)."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import text

from tests.headoffice.conftest import HQ, sale_event

pytestmark = pytest.mark.integration

PATH = "/api/v1/sales/by-receipt/"


def _push(hq: HQ, token: str, event: dict[str, object]) -> None:
    with hq.client(token) as c:
        r = c.post("/api/v1/sync/push", json={"events": [event]})
    assert r.status_code == 200, r.text
    assert r.json()["results"][0]["status"] in ("applied", "duplicate"), r.text


def test_a_till_of_another_store_gets_the_sale_with_what_refunds_gave_back(hq: HQ) -> None:
    with hq.engine.connect() as conn:
        code = conn.execute(text("SELECT code FROM products ORDER BY id LIMIT 1")).scalar_one()
        name = conn.execute(text("SELECT name FROM products ORDER BY id LIMIT 1")).scalar_one()
    sid = str(uuid.uuid4())
    lines = [
        {"line_no": 1, "product_code": code, "units": 2, "net_fen": 600, "points_earned": 6},
        {"line_no": 2, "product_code": code, "units": 1, "net_fen": 400, "points_earned": 4},
    ]
    sale = sale_event(sid, payload={
        "tenders": [{"kind": "cash", "amount_fen": 1000}], "sv_principal_fen": 0,
        "lines": lines,
    })  # fmt: skip
    t01 = hq.token("S001", "T01")
    _push(hq, t01, sale)
    rid = str(uuid.uuid4())
    refund = sale_event(rid, kind="refund.completed", payload={
        "receipt_no": f"R-{rid[:24]}", "original_sale_id": sid, "total_fen": -300,
        "tenders": [{"kind": "cash", "amount_fen": -300}], "sv_principal_fen": 0,
        "points_earned": -3, "lines": [{"line_no": 1, "units": 1}],
    })  # fmt: skip
    _push(hq, t01, refund)

    with hq.client(hq.token("S002", "T02")) as c:
        r = c.get(PATH + sale["payload"]["receipt_no"])  # type: ignore[index]
    assert r.status_code == 200, r.text
    got = r.json()
    assert (got["sale_id"], got["store_id"], got["member_id"]) == (sid, "S001", 1)
    assert got["tenders"] == {"cash": 1000}
    assert got["points_earned"] == 10
    assert [(ln["line_no"], ln["units"], ln["net_fen"], ln["returned_units"]) for ln in
            got["lines"]] == [(1, 2, 600, 1), (2, 1, 400, 0)]  # fmt: skip
    assert got["lines"][0]["name"] == name
    assert got["refunds"] == [
        {"refund_id": rid, "store_id": "S001", "lines": [
            {"line_no": 1, "product_code": "", "name": "", "units": 1, "net_fen": 0,
             "points_earned": 0, "points_paid": 0, "returned_units": 0}]}
    ]  # fmt: skip
    assert got["returned_fen"] == 300
    assert got["returned_tenders"] == {"cash": 300}
    assert got["points_taken_back"] == 3


def test_no_token_unknown_receipt_and_bad_number_are_error_bodies(hq: HQ) -> None:
    with hq.client() as anon:
        r = anon.get(PATH + "T01-00000001")
    assert r.status_code == 401
    assert set(r.json()) == {"code", "detail"}
    with hq.client(hq.token("S002", "T02")) as c:
        r = c.get(PATH + "NO-SUCH-RECEIPT")
        assert r.status_code == 404
        assert r.json()["code"] == "sale.unknown"
        assert c.get(PATH + "x" * 33).status_code == 422
    with hq.client() as anon:
        doc = anon.get("/openapi.json").json()
    op = doc["paths"]["/api/v1/sales/by-receipt/{receipt_no}"]["get"]
    for status in ("401", "404", "422"):
        ref = op["responses"][status]["content"]["application/json"]["schema"]["$ref"]
        assert ref.endswith("/ErrorBody")
