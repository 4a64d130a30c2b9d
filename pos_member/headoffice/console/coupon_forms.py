"""Coupons issued by head office (代金券, 折扣券), as a form: one coupon for a member or
for whoever holds it (a bearer coupon), each field checked with a message in the
person's language, then the domain's ``Coupon`` and ``programme.create_coupon`` (which
announces it on the change feed for the tills). The latest coupons are listed, and
download as CSV, XLSX or PDF."""

from __future__ import annotations

import re
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from fastapi.responses import Response
from sqlalchemy import select

from pos_member.domain.money import Money
from pos_member.domain.rules import Coupon, CouponKind
from pos_member.headoffice import models as m
from pos_member.headoffice import programme
from pos_member.headoffice.console import accounts
from pos_member.headoffice.console.accounts import Can
from pos_member.headoffice.console.exports import FORMATS, PageDeco, table_export
from pos_member.headoffice.console.programme_forms import _Reader
from pos_member.headoffice.console.routes import PREFIX, Ctx, _back
from pos_member.headoffice.validate import EventRefused

TESTED_IN = "tests/headoffice/console/test_console_programme_forms.py"

FIELDS = ("code", "name", "kind", "value", "rate", "minimum", "since", "until", "member",
          "stackable")  # fmt: skip
COUPON_CODE = r"^[A-Za-z0-9-]{3,32}$"


def coupon_rows(conn: Any, limit: int = 50) -> list[Any]:
    return list(conn.execute(select(m.CouponRow).order_by(m.CouponRow.id.desc()).limit(limit)))


def _view(ctx: Ctx, status: int = 200, errors: dict[str, str] | None = None) -> Response:
    today = date.fromisoformat(programme.chain_today())
    values = {"kind": "amount_off", "since": today.isoformat(),
              "until": (today + timedelta(days=30)).isoformat(), "rate": "90"}  # fmt: skip
    values |= {k: ctx.form[k] for k in FIELDS if k in ctx.form}
    if ctx.form and "stackable" not in ctx.form:
        values.pop("stackable", None)
    with ctx.begin() as conn:
        rows = coupon_rows(conn)
    errors = errors or {}
    return ctx.render("coupons.html", status, coupons=rows, v=lambda k: values.get(k, ""),
                      err=lambda k: errors.get(k, ""),
                      general=[ctx.t("prog.f.fix")] if errors else [])  # fmt: skip


def _read(ctx: Ctx) -> tuple[dict[str, Any], dict[str, str]]:
    """The coupon the form says (the columns of ``coupons``), and each field's problem."""
    r = _Reader(ctx.form, ctx.t)
    code = r.s("code")
    if not re.match(COUPON_CODE, code):
        r.fail("code", "prog.c.bad_code")
    kind = r.s("kind")
    if kind not in {k.value for k in CouponKind}:
        r.fail("kind", "prog.f.kind_bad")
    percent = kind == CouponKind.PERCENT_OFF
    value = 0 if percent else r.yuan("value", positive=True)
    rate = r.paid("rate") if percent else "1"
    if percent and rate == "1":
        r.fail("rate", "prog.f.percent_off")
    minimum = r.yuan("minimum")
    since, until = r.day("since"), r.day("until")
    if not since:
        r.fail("since", "prog.f.day_bad")
    if not until:
        r.fail("until", "prog.f.day_bad")
    if since and until and "since" not in r.errors and "until" not in r.errors and until < since:
        r.fail("until", "prog.c.dates")
    member = r.s("member")
    if member and (not member.isdigit() or len(member) > 18):
        r.fail("member", "prog.c.bad_member")
    holder = int(member) if member and "member" not in r.errors else None
    coupon: dict[str, Any] = {
        "code": code, "name": r.s("name")[:64], "kind": kind, "value_fen": value or 0,
        "rate": rate or "1", "min_spend_fen": minimum or 0, "valid_from": since,
        "valid_until": until, "stackable": r.on("stackable"), "member_id": holder,
    }  # fmt: skip
    if not r.errors:
        try:  # the till's own reading of it
            Coupon(code, CouponKind(kind), date.fromisoformat(str(since)),
                   date.fromisoformat(str(until)), Money(value or 0), Decimal(rate or "1"),
                   Money(minimum or 0))  # fmt: skip
        except ValueError as exc:
            r.errors["code"] = ctx.t("prog.invalid", detail=str(exc))
    return coupon, r.errors


def add_pages(page: PageDeco) -> None:
    """The coupons' pages, on the console's router."""

    @page("/programme/coupons", Can.PROGRAMME)
    def coupons_page(ctx: Ctx) -> Response:
        if ctx.q("format") in FORMATS:
            with ctx.begin() as conn:
                rows = coupon_rows(conn, limit=10_000)
            header = ["code", "name", "kind", "value_fen", "rate", "min_spend_fen",
                      "valid_from", "valid_until", "member_id", "stackable", "used_by_sale",
                      "used_at_store"]  # fmt: skip
            table = [[getattr(c, h) for h in header] for c in rows]
            return table_export(ctx, "coupons", ctx.t("prog.c.title"), [], header, table, {3, 5})
        return _view(ctx)

    @page("/programme/coupons", Can.PUBLISH, "POST")
    def coupon_issue(ctx: Ctx) -> Response:
        assert ctx.who is not None
        coupon, errors = _read(ctx)
        if errors:
            return _view(ctx, 422, errors)
        said = {"coupon.exists": ("code", "prog.c.exists"), "member.unknown": ("member",
                "prog.c.no_member"), "coupon.dates": ("until", "prog.c.dates")}  # fmt: skip
        try:
            with ctx.begin() as conn:
                programme.create_coupon(conn, coupon)
                accounts.audit(conn, ctx.who, "coupon.create", coupon["code"],
                               {k: v for k, v in coupon.items() if k != "code"},
                               client=ctx.client)  # fmt: skip
        except EventRefused as exc:
            if exc.code not in said:
                raise
            name, key = said[exc.code]
            return _view(ctx, exc.status, {name: ctx.t(key, code=coupon["code"])})
        return _back(f"{PREFIX}/programme/coupons", "prog.c.done", code=coupon["code"])
