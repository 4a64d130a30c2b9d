"""The console's pages under ``/console/``: server-rendered Jinja2, forms posted with a
CSRF token, a session cookie. Every rule is the head-office module's that the API
uses too (members, programme, reports, auth); this module only speaks HTML.

Each page is ``page(path, needs, method)``: the session is looked up (none: to the
sign-in page), the role checked (403), a POST's CSRF token checked (403), and an
``EventRefused`` from a rule becomes the page's message in the person's language.
"""

from __future__ import annotations

import csv
import io
import json
import re
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, quote, urlencode

import segno
from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup
from sqlalchemy import select
from starlette.concurrency import run_in_threadpool

from pos_member.domain.errors import CardStateChangeRefused
from pos_member.headoffice import adjustments, members, programme, reports, terminal_reports
from pos_member.headoffice import models as m
from pos_member.headoffice.api_common import Begin
from pos_member.headoffice.auth import list_terminals, new_enrol_code, revoke_terminal, utcnow
from pos_member.headoffice.console import accounts, charts
from pos_member.headoffice.console.accounts import Can, LoginRefused, Person, Role
from pos_member.headoffice.console.diff import document_diff
from pos_member.headoffice.console.i18n import EN, LANGS, kind_words, pick_lang, text
from pos_member.headoffice.settings import HQSettings
from pos_member.headoffice.validate import EventRefused

TESTED_IN = "tests/headoffice/console/test_console_pages.py"

PREFIX = "/console"
COOKIE = "posm_console"
LANG_COOKIE = "posm_lang"
PRE_CSRF = "posm_login_csrf"
HERE = Path(__file__).parent
STATIC = {
    "console.css": "text/css; charset=utf-8",
    "console.js": "text/javascript; charset=utf-8",
}
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
TERMINAL_RE = re.compile(r"^[A-Z0-9]{1,8}$")
CARD_RE = re.compile(r"^[0-9A-Za-z]{4,32}$")
MAX_FORM = 256 * 1024

_env = Environment(
    loader=FileSystemLoader(HERE / "templates"),
    autoescape=select_autoescape(["html"]),
    trim_blocks=True,
    lstrip_blocks=True,
)


def _yuan(fen: int | None) -> str:
    if fen is None:
        return ""
    sign = "-" if fen < 0 else ""
    return f"{sign}¥{abs(fen) // 100:,}.{abs(fen) % 100:02d}"


_env.filters["yuan"] = _yuan


class _Out(Exception):
    def __init__(self, response: Response) -> None:
        self.response = response


@dataclass
class Ctx:
    request: Request
    who: Person | None
    lang: str
    form: dict[str, str]
    begin: Begin
    settings: HQSettings
    extra_cookies: dict[str, str] = field(default_factory=dict)

    @property
    def client(self) -> str | None:
        return self.request.client.host if self.request.client else None

    def t(self, key: str, /, **values: Any) -> str:
        return text(self.lang, key, **values)

    def q(self, name: str, default: str = "") -> str:
        return self.request.query_params.get(name, default)[:200]

    def f(self, name: str, default: str = "") -> str:
        return self.form.get(name, default)

    def fs(self, name: str) -> list[str]:
        """Every value of a multi-valued field."""
        pairs = getattr(self.request.state, "multi", {}).get("pairs", [])
        return [v for k, v in pairs if k == name]

    def render(self, template: str, status: int = 200, **values: Any) -> HTMLResponse:
        msg = self.q("msg")
        flash = None
        if msg in EN and msg.split(".")[0] in {
            "member",
            "review",
            "terminals",
            "prog",
            "password",
            "acc",
            "adj",
            "camp",
        }:
            args = {k: v for k, v in self.request.query_params.items() if k not in {"msg"}}
            try:
                flash = self.t(msg, **args)
            except (KeyError, IndexError):
                flash = None
        html = _env.get_template(template).render(
            t=self.t,
            kind=lambda k, family="kind": kind_words(self.lang, k, family),
            lang=self.lang,
            langs=LANGS,
            who=self.who,
            can=Can,
            csrf=self.who.csrf if self.who else "",
            path=self.request.url.path,
            here=str(self.request.url.path)
            + (f"?{self.request.url.query}" if self.request.url.query else ""),
            flash=flash,
            role_name=self.t(f"role.{self.who.role.value}") if self.who else "",
            **values,
        )
        return HTMLResponse(html, status_code=status, headers=_SECURITY_HEADERS)


_SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; style-src 'self'; "
    "script-src 'self'; frame-ancestors 'none'; form-action 'self'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Cache-Control": "no-store",
}


def _redirect(to: str) -> RedirectResponse:
    return RedirectResponse(to, status_code=303)


def _back(to: str, msg: str, **args: Any) -> RedirectResponse:
    sep = "&" if "?" in to else "?"
    return _redirect(f"{to}{sep}{urlencode({'msg': msg, **args})}")


async def _read_form(request: Request) -> dict[str, str]:
    """An urlencoded form body (the console's forms post nothing else): the last value of
    each name; every pair is kept in ``request.state.multi`` for multi-valued fields."""
    body = await request.body()
    if len(body) > MAX_FORM:
        return {}
    pairs = parse_qsl(body.decode("utf-8", "replace"), keep_blank_values=True)
    request.state.multi = {"pairs": pairs}
    return dict(pairs)


AMOUNT_RE = re.compile(r"^[+-]?\d{1,9}$")
YUAN_RE = re.compile(r"^([+-]?)(\d{1,7})(?:\.(\d{1,2}))?$")


def _amount(kind: str, raw: str) -> int | None:
    """Points as a signed whole number, or yuan (12.34, -5) as fen; None if not that."""
    raw = raw.replace(",", "").replace("¥", "").strip()
    if kind == "points":
        return int(raw) if AMOUNT_RE.match(raw) else None
    hit = YUAN_RE.match(raw)
    if hit is None:
        return None
    sign, whole, part = hit.groups()
    fen = int(whole) * 100 + int((part or "0").ljust(2, "0"))
    return -fen if sign == "-" else fen


def _skew_words(ctx: Ctx, ms: int) -> str:
    """A till's clock skew in words: ahead or behind, in seconds, minutes, hours or days."""
    if abs(ms) < 1000:
        return ctx.t("terminals.in_step")
    n = abs(ms) / 1000
    unit, size = next(
        ((u, z) for u, z in (("d", 86400), ("h", 3600), ("min", 60)) if n >= z), ("s", 1)
    )
    amount = f"{n / size:.1f}".rstrip("0").rstrip(".")
    return ctx.t("terminals.ahead" if ms > 0 else "terminals.behind", n=amount,
                 unit=ctx.t(f"unit.{unit}"))  # fmt: skip


def _day(text: str) -> date | None:
    """A date written 2026-12-03, or None."""
    if not DATE_RE.match(text):
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def _same(a: str, b: str | None) -> bool:
    """Constant-time equality of two tokens (any text a client sent)."""
    return bool(b) and secrets.compare_digest(a.encode(), (b or "").encode())


EXPORTS = ("csv", "xlsx")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _xlsx_body(header: list[str], rows: list[list[Any]]) -> bytes:
    """One sheet: the header in bold, then the rows; text stays text (a cell that
    starts with = is not made a formula), numbers stay numbers."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(header)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for r, row in enumerate(rows, start=2):
        for c, v in enumerate(row, start=1):
            value = v if v is None or isinstance(v, int | float | str) else str(v)
            cell = ws.cell(row=r, column=c, value=value)
            if isinstance(value, str):
                cell.data_type = "s"
    ws.freeze_panes = "A2"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _csv(ctx: Ctx, name: str, header: list[str], rows: list[list[Any]]) -> Response:
    """The export the person asked for (``format=xlsx``: an XLSX workbook), else CSV.

    A CSV download (UTF-8 with a BOM, so that Excel reads Chinese; a cell that a
    spreadsheet would take for a formula is quoted with a leading apostrophe)."""
    out = io.StringIO()
    w = csv.writer(out)
    w.writerow(header)
    for row in rows:
        w.writerow(
            "'" + v if isinstance(v, str) and v[:1] in ("=", "+", "-", "@") else v for v in row
        )
    xlsx = ctx.q("format") == "xlsx"
    if ctx.who is not None:
        with ctx.begin() as conn:
            accounts.audit(conn, ctx.who, "export", name,
                           {"rows": len(rows), "format": "xlsx" if xlsx else "csv"},
                           client=ctx.client)  # fmt: skip
    if xlsx:
        return Response(
            _xlsx_body(header, rows), media_type=XLSX_TYPE,
            headers={"Content-Disposition": f'attachment; filename="{name}.xlsx"',
                     "Cache-Control": "no-store"},
        )  # fmt: skip
    return Response(
        "\ufeff" + out.getvalue(),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{name}.csv"',
                 "Cache-Control": "no-store"},
    )  # fmt: skip


def _secure(request: Request, settings: HQSettings) -> bool:
    return settings.console_secure_cookie or request.url.scheme == "https"


def console_router(settings: HQSettings, begin: Begin) -> APIRouter:
    router = APIRouter(prefix=PREFIX, include_in_schema=False)

    def handle(
        fn: Callable[[Ctx], Response],
        request: Request,
        form: dict[str, str],
        needs: Can | None,
        method: str,
    ) -> Response:
        lang = pick_lang(request.cookies.get(LANG_COOKIE), request.headers.get("accept-language"))
        with begin() as conn:
            who = accounts.session_person(
                conn, request.cookies.get(COOKIE), settings.console_idle_minutes
            )
        ctx = Ctx(request, who, lang, form, begin, settings)
        if who is None:
            nxt = request.url.path if method == "GET" else f"{PREFIX}/"
            return _redirect(f"{PREFIX}/login?next={quote(nxt)}&msg=login.expired")
        if needs is not None and not who.can(needs):
            return ctx.render("message.html", 403, message=ctx.t("forbidden", role=ctx.t(
                f"role.{who.role.value}")))  # fmt: skip
        if method == "POST" and not accounts.csrf_ok(who, form.get("csrf")):
            with begin() as conn:
                accounts.audit(conn, who, "csrf.refused", request.url.path[:64], client=ctx.client)
            return ctx.render("message.html", 403, message=ctx.t("csrf.refused"))
        try:
            return fn(ctx)
        except _Out as out:
            return out.response
        except EventRefused as exc:
            return ctx.render(
                "message.html", exc.status, message=ctx.t("refused", detail=exc.detail)
            )

    def page(path: str, needs: Can | None, method: str = "GET") -> Callable[..., Any]:
        def deco(fn: Callable[[Ctx], Response]) -> Callable[[Ctx], Response]:
            async def endpoint(request: Request) -> Response:
                form = await _read_form(request) if method == "POST" else {}
                return await run_in_threadpool(handle, fn, request, form, needs, method)

            endpoint.__name__ = f"console_{fn.__name__}"
            router.add_api_route(path, endpoint, methods=[method], include_in_schema=False)
            return fn

        return deco

    # --- static files, language, sign in and out ---------------------------------

    @router.get("/static/{name}")
    def static(name: str) -> Response:
        if name not in STATIC:
            return Response(status_code=404)
        body = (HERE / "static" / name).read_bytes()
        return Response(body, media_type=STATIC[name], headers={"Cache-Control": "max-age=300"})

    @router.get("/lang/{to}")
    def set_lang(request: Request, to: str) -> Response:
        nxt = request.query_params.get("next", f"{PREFIX}/")
        if not nxt.startswith(f"{PREFIX}/") or "//" in nxt:
            nxt = f"{PREFIX}/"
        resp = _redirect(nxt)
        if to in LANGS:
            resp.set_cookie(LANG_COOKIE, to, max_age=365 * 86400, samesite="lax", httponly=True,
                            secure=_secure(request, settings), path=PREFIX)  # fmt: skip
        return resp

    def login_page(request: Request, status: int, message: str | None) -> Response:
        lang = pick_lang(request.cookies.get(LANG_COOKIE), request.headers.get("accept-language"))
        ctx = Ctx(request, None, lang, {}, begin, settings)
        token = secrets.token_urlsafe(24)
        nxt = request.query_params.get("next", "")
        msg = message
        if msg is None and request.query_params.get("msg") == "login.expired":
            msg = ctx.t("login.expired") if request.cookies.get(COOKIE) else None
        resp = ctx.render("login.html", status, login_csrf=token, next=nxt, message=msg)
        resp.set_cookie(PRE_CSRF, token, httponly=True, samesite="strict", path=PREFIX,
                        secure=_secure(request, settings))  # fmt: skip
        return resp

    @router.get("/login")
    def login_form(request: Request) -> Response:
        return login_page(request, 200, None)

    @router.get("/")
    def home(request: Request) -> Response:
        return _redirect(f"{PREFIX}/dashboard")

    @router.post("/login")
    async def login_post(request: Request) -> Response:
        form = await _read_form(request)
        return await run_in_threadpool(_login, request, form)

    def _login(request: Request, form: dict[str, str]) -> Response:
        lang = pick_lang(request.cookies.get(LANG_COOKIE), request.headers.get("accept-language"))
        if not _same(request.cookies.get(PRE_CSRF, ""), form.get("csrf")):
            return login_page(request, 403, text(lang, "csrf.refused"))
        client = request.client.host if request.client else None
        refused: LoginRefused | None = None
        with begin() as conn:  # committed either way: the failure count and audit stay
            try:
                token = accounts.login(
                    conn, form.get("username", "").strip().lower(), form.get("password", ""),
                    max_failures=settings.console_max_failures,
                    lockout_s=settings.console_lockout_s,
                    session_hours=settings.console_session_hours,
                    client=client,
                )  # fmt: skip
            except LoginRefused as exc:
                refused = exc
        if refused is not None:
            # A 401: it also counts against the client's address (LimitMiddleware).
            if refused.reason == "locked":
                until = (refused.until or "")[:16].replace("T", " ") + " UTC"
                return login_page(request, 401, text(lang, "login.locked", until=until))
            return login_page(request, 401, text(lang, "login.bad"))
        nxt = form.get("next", "")
        if not nxt.startswith(f"{PREFIX}/") or "//" in nxt or nxt.startswith(f"{PREFIX}/login"):
            nxt = f"{PREFIX}/dashboard"
        resp = _redirect(nxt)
        resp.set_cookie(
            COOKIE, token, httponly=True, samesite="lax", path=PREFIX,
            secure=_secure(request, settings),
            max_age=int(settings.console_session_hours * 3600),
        )  # fmt: skip
        resp.delete_cookie(PRE_CSRF, path=PREFIX)
        return resp

    @page("/logout", None, "POST")
    def logout(ctx: Ctx) -> Response:
        assert ctx.who is not None
        with ctx.begin() as conn:
            accounts.logout(conn, ctx.who, ctx.client)
        resp = _redirect(f"{PREFIX}/login")
        resp.delete_cookie(COOKIE, path=PREFIX)
        return resp

    @page("/password", None)
    def password_form(ctx: Ctx) -> Response:
        return ctx.render("password.html", errors=[])

    @page("/password", None, "POST")
    def password_post(ctx: Ctx) -> Response:
        assert ctx.who is not None
        if ctx.f("new") != ctx.f("again"):
            return ctx.render("password.html", 422, errors=[ctx.t("password.mismatch")])
        try:
            with ctx.begin() as conn:
                accounts.change_password(conn, ctx.who, ctx.f("old"), ctx.f("new"), ctx.client)
        except EventRefused as exc:
            return ctx.render("password.html", 422, errors=[ctx.t(exc.code)])
        return _back(f"{PREFIX}/password", "password.done")

    # --- dashboard -----------------------------------------------------------------

    @page("/dashboard", Can.DASHBOARD)
    def dashboard(ctx: Ctx) -> Response:
        assert ctx.who is not None
        today = programme.chain_today()
        errors = []
        last = _day(ctx.q("to") or today)
        first = _day(ctx.q("from")) if ctx.q("from") else last and last - timedelta(days=13)
        if first is None or last is None or first > last or (last - first).days > 366:
            errors.append(ctx.t("dash.bad_dates"))
            last = date.fromisoformat(today)
            first = last - timedelta(days=13)
        d_from, d_to = first.isoformat(), last.isoformat()
        scope = ctx.who.store_scope
        with ctx.begin() as conn:
            report = reports.daily_report(conn, d_from, d_to, scope)
        days, active = report.days, report.active_members
        if ctx.q("format") in EXPORTS:
            return _csv(
                ctx, f"sales_{d_from}_{d_to}",
                ["business_date", "store_id", "sales_fen", "member_sales_fen", "refunds_fen",
                 "recharges_fen", "receipts", "active_members"],
                [[r.business_date, r.store_id, r.sales_fen, r.member_sales_fen, r.refunds_fen,
                  r.recharges_fen, r.receipts, r.active_members] for r in days],
            )  # fmt: skip
        with ctx.begin() as conn:
            chain = reports.liabilities(conn) if scope is None else None
            open_review = sum(reports.review_counts(conn, scope).values())
        labels: list[str] = []
        member_part: list[int] = []
        other_part: list[int] = []
        day = date.fromisoformat(d_from)
        while day <= date.fromisoformat(d_to) and len(labels) < 92:
            iso = day.isoformat()
            rows = [r for r in days if r.business_date == iso]
            labels.append(iso[5:])
            member_part.append(sum(r.member_sales_fen for r in rows))
            other_part.append(sum(r.sales_fen - r.member_sales_fen for r in rows))
            day += timedelta(days=1)
        per_store: dict[str, dict[str, int]] = {}
        for r in days:
            s = per_store.setdefault(r.store_id, {"sales": 0, "member": 0, "recharges": 0,
                                                  "refunds": 0, "receipts": 0})  # fmt: skip
            s["sales"] += r.sales_fen
            s["member"] += r.member_sales_fen
            s["recharges"] += r.recharges_fen
            s["refunds"] += r.refunds_fen
            s["receipts"] += r.receipts
        total_sales = sum(r.sales_fen for r in days)
        total_member = sum(r.member_sales_fen for r in days)
        share = f"{total_member * 100 // total_sales}%" if total_sales else "–"
        chart_day = charts.stacked_bars(
            ctx.t("dash.by_day"), labels,
            [(ctx.t("dash.member_sales"), "bar-member", member_part),
             (ctx.t("dash.other_sales"), "bar-other", other_part)], ctx.lang,
        )  # fmt: skip
        stores_sorted = sorted(per_store)
        chart_store = charts.stacked_bars(
            ctx.t("dash.by_store"), stores_sorted,
            [(ctx.t("dash.member_sales"), "bar-member",
              [per_store[s]["member"] for s in stores_sorted]),
             (ctx.t("dash.other_sales"), "bar-other",
              [per_store[s]["sales"] - per_store[s]["member"] for s in stores_sorted])],
            ctx.lang,
        )  # fmt: skip
        return ctx.render(
            "dashboard.html",
            d_from=d_from, d_to=d_to, errors=errors, days=days, per_store=per_store,
            total_sales=total_sales, share=share, active=active, chain=chain,
            total_recharges=sum(r.recharges_fen for r in days), open_review=open_review,
            chart_day=Markup(chart_day), chart_store=Markup(chart_store),
        )  # fmt: skip

    # --- members -------------------------------------------------------------------

    @page("/members", Can.MEMBERS)
    def members_search(ctx: Ctx) -> Response:
        assert ctx.who is not None
        q = ctx.q("q").strip()[:64]
        found: list[dict[str, Any]] = []
        if q:
            with ctx.begin() as conn:
                found = members.search_members(conn, q, ctx.who.store_scope)
                ids = [r["id"] for r in found]
                accounts.audit(
                    conn,
                    ctx.who,
                    "member.search",
                    accounts.mask_query(q[:64]),  # a typed phone or name is not kept
                    {"members": ids},
                    client=ctx.client,
                )
        d = ctx.who.disclosure
        for r in found:
            r["name"] = accounts.mask_name(r["name"], d)
            r["phone"] = accounts.mask_phone(r["phone"], d)
        if ctx.q("format") in EXPORTS and q:
            cols = ["id", "name", "phone", "tier_code", "status", "stored_value_fen", "points"]
            return _csv(ctx, "members", cols, [[r.get(c) for c in cols] for r in found])
        return ctx.render(
            "members.html", q=q, found=found, masked=d != "full", tiers=_tier_names(ctx)
        )

    def _tier_names(ctx: Ctx) -> dict[str, str]:
        with ctx.begin() as conn:
            rows = conn.execute(select(m.TierRow.code, m.TierRow.name)).all()
            return {str(code): str(name) for code, name in rows}

    def _member_id(ctx: Ctx) -> int:
        raw = ctx.request.path_params.get("member_id", "")
        if not str(raw).isdigit() or len(str(raw)) > 19:
            raise _Out(ctx.render("message.html", 404, message=ctx.t("member.unknown")))
        return int(raw)

    @page("/members/{member_id}", Can.MEMBERS)
    def member_page(
        ctx: Ctx, adjust_errors: list[str] | None = None, status: int = 200
    ) -> Response:
        assert ctx.who is not None
        member_id = _member_id(ctx)
        with ctx.begin() as conn:
            if not members.member_in_stores(conn, member_id, ctx.who.store_scope):
                accounts.audit(conn, ctx.who, "member.view_refused", str(member_id),
                               client=ctx.client)  # fmt: skip
                return ctx.render("message.html", 403, message=ctx.t("member.not_yours"))
            try:
                view = members.member_view(conn, member_id)
            except EventRefused:
                return ctx.render("message.html", 404, message=ctx.t("member.unknown"))
            lines = members.member_statement(conn, member_id)
            accounts.audit(conn, ctx.who, "member.view", str(member_id),
                           {"disclosure": ctx.who.disclosure}, client=ctx.client)  # fmt: skip
        d = ctx.who.disclosure
        shown = {
            "id": view.id, "name": accounts.mask_name(view.name, d),
            "phone": accounts.mask_phone(view.phone, d), "tier_code": view.tier_code,
            "status": view.status, "sv_fen": view.sv_principal_fen + view.sv_bonus_fen,
            "points": view.points,
        }  # fmt: skip
        with ctx.begin() as conn:
            adjusted = adjustments.recent(conn, member_id, limit=20)
        return ctx.render(
            "member.html", status, member=shown, cards=view.cards, lines=lines,
            masked=d != "full", tiers=_tier_names(ctx), adjustments=adjusted,
            adjust_errors=adjust_errors or [],
            adjust_values={k: ctx.f(k) for k in ("kind", "amount", "reason")},
            threshold_points=settings.console_adjust_points,
            threshold_fen=settings.console_adjust_fen,
        )  # fmt: skip

    @page("/members/{member_id}/adjust", Can.ADJUST, "POST")
    def member_adjust(ctx: Ctx) -> Response:
        assert ctx.who is not None
        member_id = _member_id(ctx)
        kind, raw, reason = ctx.f("kind"), ctx.f("amount").strip(), ctx.f("reason").strip()
        amount = _amount(kind, raw)
        errors = []
        if kind not in adjustments.KINDS:
            errors.append(ctx.t("adj.bad_kind"))
        elif amount is None or amount == 0:
            errors.append(ctx.t("adj.bad_points" if kind == "points" else "adj.bad_yuan"))
        if not reason:
            errors.append(ctx.t("adj.need_reason"))
        if errors:
            shown: Response = member_page(ctx, errors, 422)
            return shown
        assert amount is not None
        threshold = (
            settings.console_adjust_points if kind == "points" else settings.console_adjust_fen
        )
        try:
            with ctx.begin() as conn:
                if not members.member_in_stores(conn, member_id, ctx.who.store_scope):
                    raise _Out(ctx.render("message.html", 403, message=ctx.t("member.not_yours")))
                row = adjustments.request(
                    conn, member_id=member_id, kind=kind, amount=amount, reason=reason,
                    by_id=ctx.who.id, by_name=ctx.who.username, threshold=threshold,
                )  # fmt: skip
                accounts.audit(conn, ctx.who, f"adjust.{row['state']}", str(row["id"]),
                               {"member_id": member_id, "kind": kind, "amount": amount,
                                "reason": reason[:200]}, client=ctx.client)  # fmt: skip
        except EventRefused as exc:
            said = {
                "adjust.below_zero": "adj.below_zero",
                "adjust.amount": "adj.bad_points" if kind == "points" else "adj.bad_yuan",
            }
            if exc.code not in said:
                raise
            below: Response = member_page(ctx, [ctx.t(said[exc.code])], exc.status)
            return below
        done = "adj.applied" if row["state"] == "applied" else "adj.pending"
        return _back(f"{PREFIX}/members/{member_id}", done, id=row["id"])

    def adjustments_view(ctx: Ctx, status: int = 200, errors: list[str] | None = None) -> Response:
        with ctx.begin() as conn:
            items = adjustments.pending(conn)
        return ctx.render("adjustments.html", status, items=items, errors=errors or [])

    @page("/adjustments", Can.APPROVE)
    def adjustments_page(ctx: Ctx) -> Response:
        return adjustments_view(ctx)

    def _decide(ctx: Ctx, approve: bool) -> Response:
        assert ctx.who is not None
        raw = str(ctx.request.path_params.get("adj_id", ""))
        if not raw.isdigit() or len(raw) > 18:
            return adjustments_view(ctx, 404, [ctx.t("adj.unknown")])
        try:
            with ctx.begin() as conn:
                row = adjustments.decide(conn, int(raw), approve=approve, by_id=ctx.who.id,
                                         by_name=ctx.who.username)  # fmt: skip
                accounts.audit(conn, ctx.who, "adjust.approve" if approve else "adjust.refuse",
                               raw, {"member_id": row["member_id"], "amount": row["amount"],
                                     "kind": row["kind"]}, client=ctx.client)  # fmt: skip
        except EventRefused as exc:
            words = {
                "adjust.self": "adj.self",
                "adjust.decided": "adj.decided",
                "adjust.unknown": "adj.unknown",
                "adjust.below_zero": "adj.below_zero",
            }
            if exc.code not in words:
                raise
            if exc.code == "adjust.self":
                with ctx.begin() as conn:
                    accounts.audit(conn, ctx.who, "adjust.self_refused", raw, client=ctx.client)
            return adjustments_view(ctx, exc.status, [ctx.t(words[exc.code])])
        done = "adj.approved" if approve else "adj.refused"
        return _back(f"{PREFIX}/adjustments", done, id=raw)

    @page("/adjustments/{adj_id}/approve", Can.APPROVE, "POST")
    def adjustment_approve(ctx: Ctx) -> Response:
        return _decide(ctx, True)

    @page("/adjustments/{adj_id}/refuse", Can.APPROVE, "POST")
    def adjustment_refuse(ctx: Ctx) -> Response:
        return _decide(ctx, False)

    def _card_change(ctx: Ctx, action: str, done: str) -> Response:
        assert ctx.who is not None
        number = str(ctx.request.path_params.get("number", ""))[:32]
        with ctx.begin() as conn:
            member_id = members.card_member(conn, number)
            if member_id is None or not members.member_in_stores(
                conn, member_id, ctx.who.store_scope
            ):
                return ctx.render("message.html", 403, message=ctx.t("member.not_yours"))
            try:
                members.card_action(conn, number, action, {})
            except EventRefused as exc:
                if exc.code != CardStateChangeRefused.code:
                    raise
                row = conn.execute(select(m.CardRow.state).where(m.CardRow.number == number))
                state = ctx.t(f"card.state.{row.scalar_one()}")
                return ctx.render("message.html", 409, message=ctx.t("card.refused", state=state))
            accounts.audit(conn, ctx.who, f"card.{action}", number, {"member_id": member_id},
                           client=ctx.client)  # fmt: skip
        return _back(f"{PREFIX}/members/{member_id}", done, card=number)

    @page("/cards/{number}/replace", Can.CARDS, "POST")
    def replace(ctx: Ctx) -> Response:
        assert ctx.who is not None
        number = str(ctx.request.path_params.get("number", ""))[:32]
        new = ctx.f("new_number").strip()
        with ctx.begin() as conn:
            member_id = members.card_member(conn, number)
            if member_id is None or not members.member_in_stores(
                conn, member_id, ctx.who.store_scope
            ):
                return ctx.render("message.html", 403, message=ctx.t("member.not_yours"))
            if not CARD_RE.match(new):
                return ctx.render("message.html", 422, message=ctx.t("member.bad_number"))
            try:
                members.replace_card(conn, number, new, None, "barcode")
            except EventRefused as exc:
                if exc.code == "card.taken":
                    return ctx.render("message.html", 409, message=ctx.t("member.taken", card=new))
                if exc.code != CardStateChangeRefused.code:
                    raise
                state = conn.execute(select(m.CardRow.state).where(m.CardRow.number == number))
                words = ctx.t(f"card.state.{state.scalar_one()}")
                return ctx.render("message.html", 409, message=ctx.t("card.refused", state=words))
            accounts.audit(conn, ctx.who, "card.replace", number,
                           {"member_id": member_id, "new": new}, client=ctx.client)  # fmt: skip
        return _back(f"{PREFIX}/members/{member_id}", "member.replaced", card=number, new=new)

    @page("/cards/{number}/block", Can.CARDS, "POST")
    def block(ctx: Ctx) -> Response:
        return _card_change(ctx, "report_lost", "member.blocked")

    @page("/cards/{number}/unblock", Can.CARDS, "POST")
    def unblock(ctx: Ctx) -> Response:
        return _card_change(ctx, "found", "member.unblocked")

    # --- review queue ----------------------------------------------------------------

    @page("/review", Can.REVIEW)
    def review_list(ctx: Ctx) -> Response:
        assert ctx.who is not None
        kind, store, state = ctx.q("kind")[:32], ctx.q("store")[:16], ctx.q("state", "open")
        with ctx.begin() as conn:
            counts = reports.review_counts(conn, ctx.who.store_scope)
            items = reports.review_items(
                conn, kind=kind or None, store_id=store or None, resolved=state == "resolved",
                stores=ctx.who.store_scope,
            )  # fmt: skip
            stores = _stores(conn, ctx.who)
        if ctx.q("format") in EXPORTS:
            return _csv(
                ctx, "review_items",
                ["id", "kind", "store_id", "member_id", "event_id", "created_at", "resolved_at"],
                [[i.id, i.kind, i.store_id, i.member_id, i.event_id, i.created_at,
                  i.resolved_at] for i in items],
            )  # fmt: skip
        return ctx.render("review.html", counts=counts, items=items, kind_sel=kind, store=store,
                          state=state, stores=stores)  # fmt: skip

    def _review_id(ctx: Ctx) -> int:
        raw = str(ctx.request.path_params.get("item_id", ""))
        if not raw.isdigit() or len(raw) > 18:
            raise EventRefused(404, "review.unknown", raw[:20])
        return int(raw)

    def _review_item(ctx: Ctx, conn: Any) -> tuple[Any, list[Any], list[Any]]:
        assert ctx.who is not None
        row, events, notes = reports.review_item(conn, _review_id(ctx))
        if ctx.who.store_scope is not None and row.store_id not in ctx.who.store_scope:
            raise _Out(ctx.render("message.html", 403, message=ctx.t("member.not_yours")))
        return row, events, notes

    @page("/review/{item_id}", Can.REVIEW)
    def review_page(ctx: Ctx, errors: list[str] | None = None, status: int = 200) -> Response:
        with ctx.begin() as conn:
            row, events, notes = _review_item(ctx, conn)
        shown = [
            {"id": e.event_id, "kind": e.kind, "received_at": e.received_at,
             "payload": json.dumps(e.payload, ensure_ascii=False, indent=1)[:4000]}
            for e in events
        ]  # fmt: skip
        return ctx.render("review_item.html", status, item=row, events=shown, notes=notes,
                          detail=json.dumps(row.detail, ensure_ascii=False, indent=1),
                          errors=errors or [], note=ctx.f("note"))  # fmt: skip

    @page("/review/{item_id}/resolve", Can.RESOLVE, "POST")
    def resolve(ctx: Ctx) -> Response:
        assert ctx.who is not None
        note = ctx.f("note").strip()
        if not note:
            shown: Response = review_page(ctx, [ctx.t("review.need_note")], 422)
            return shown
        with ctx.begin() as conn:
            row, _e, _n = _review_item(ctx, conn)
            try:
                reports.resolve_review_item(conn, row.id, note, ctx.who.username)
            except EventRefused as exc:
                if exc.code != "review.resolved":
                    raise
                return ctx.render("message.html", 409, message=ctx.t("review.already"))
            accounts.audit(conn, ctx.who, "review.resolve", str(row.id), {"note": note[:500]},
                           client=ctx.client)  # fmt: skip
        return _back(f"{PREFIX}/review", "review.done", id=row.id)

    # --- stores and terminals --------------------------------------------------------

    def _stores(conn: Any, who: Person) -> list[Any]:
        rows = list(conn.execute(select(m.StoreRow).order_by(m.StoreRow.id)).all())
        return [r for r in rows if who.store_scope is None or r.id in who.store_scope]

    def terminals_view(ctx: Ctx, status: int = 200, **extra: Any) -> Response:
        assert ctx.who is not None
        with ctx.begin() as conn:
            stores = _stores(conn, ctx.who)
            terminals = list_terminals(conn)
            reports_by_key = terminal_reports.last_reports(conn)
        return ctx.render("terminals.html", status, stores=stores, terminals=terminals,
                          reports=reports_by_key, skew=lambda ms: _skew_words(ctx, ms),
                          errors=extra.pop("errors", []), **extra)  # fmt: skip

    @page("/terminals", Can.TERMINALS)
    def terminals_page(ctx: Ctx) -> Response:
        if ctx.q("format") in EXPORTS:
            with ctx.begin() as conn:
                rows = list_terminals(conn)
                reps = terminal_reports.last_reports(conn)
            cols = ["key", "store_id", "terminal_id", "enrolled_at", "last_seen_at", "revoked"]
            more = ["app_version", "backlog", "skew_ms", "reported_at"]
            return _csv(ctx, "terminals", cols + more, [
                [r[c] for c in cols] + [reps.get(r["key"], {}).get(c) for c in more]
                for r in rows
            ])  # fmt: skip
        return terminals_view(ctx)

    @page("/terminals/code", Can.TERMINALS, "POST")
    def enrol_code(ctx: Ctx) -> Response:
        assert ctx.who is not None
        store, terminal = ctx.f("store")[:16], ctx.f("terminal").strip().upper()
        if not TERMINAL_RE.match(terminal):
            return terminals_view(ctx, 422, errors=[ctx.t("terminals.bad_id")])
        key = f"{store}-{terminal}"
        try:
            with ctx.begin() as conn:
                code = new_enrol_code(conn, store, settings.enrol_code_hours, terminal)
                accounts.audit(conn, ctx.who, "terminal.code", key, client=ctx.client)
        except EventRefused as exc:
            if exc.code == "terminal.exists":
                return terminals_view(ctx, 409, errors=[ctx.t("terminals.exists", key=key)])
            raise
        url = str(ctx.request.base_url).rstrip("/")
        qr = segno.make(
            json.dumps({"headoffice": url, "code": code, "terminal": terminal}), error="m"
        )
        svg = qr.svg_inline(scale=4, dark="#111", light="#fff", title=f"{key} {code}")
        return terminals_view(
            ctx, code=code, code_key=key, code_terminal=terminal, hours=settings.enrol_code_hours,
            qr=Markup(svg), hq_url=url,
        )  # fmt: skip

    @page("/terminals/{key}/revoke", Can.TERMINALS, "POST")
    def revoke(ctx: Ctx) -> Response:
        assert ctx.who is not None
        key = str(ctx.request.path_params.get("key", ""))[:32]
        with ctx.begin() as conn:
            revoke_terminal(conn, key, f"console: {ctx.who.username}")
            accounts.audit(conn, ctx.who, "terminal.revoke", key, client=ctx.client)
        return _back(f"{PREFIX}/terminals", "terminals.revoked_done", key=key)

    # --- programme -------------------------------------------------------------------

    def programme_view(ctx: Ctx, status: int = 200, **extra: Any) -> Response:
        today = programme.chain_today()
        with ctx.begin() as conn:
            versions = programme.rules_versions(conn)
        live = programme.live_version(versions, today)
        for v in versions:
            if live is not None and v["version"] == live["version"]:
                v["state"] = "live"
            elif v["effective_from"] > today:
                v["state"] = "scheduled"
            else:
                v["state"] = "past"
        load = ctx.q("load")
        loaded = next((v for v in versions if str(v["version"]) == load), None)
        base = loaded or live
        values = {
            "document": json.dumps(
                {k: v for k, v in (base or {}).get("document", {}).items() if k != "version"},
                ensure_ascii=False, indent=2,
            ),
            "effective_from": (date.fromisoformat(today) + timedelta(days=1)).isoformat(),
            "effective_until": "",
        }  # fmt: skip
        values.update({k: ctx.form[k] for k in values if k in ctx.form})
        return ctx.render(
            "programme.html", status, versions=versions, live=live, values=values,
            loaded=loaded, errors=extra.pop("errors", []), **extra,
        )  # fmt: skip

    def _checked(ctx: Ctx) -> tuple[dict[str, Any] | None, list[str]]:
        raw = ctx.f("document")
        try:
            doc = json.loads(raw)
        except json.JSONDecodeError as exc:
            return None, [ctx.t("prog.json", line=exc.lineno, col=exc.colno, msg=exc.msg)]
        if not isinstance(doc, dict):
            return None, [ctx.t("prog.not_object")]
        errors = []
        since, until = ctx.f("effective_from"), ctx.f("effective_until")
        if _day(since) is None or (until and _day(until) is None):
            errors.append(ctx.t("prog.date"))
        return doc, errors

    def _said(ctx: Ctx, exc: EventRefused) -> str:
        if exc.code == "rules.window":
            return ctx.t("prog.window", detail=_window_words(ctx.lang, exc.detail))
        if exc.code == "rules.invalid":
            return ctx.t("prog.invalid", detail=exc.detail.removeprefix("rules document: "))
        return ctx.t("refused", detail=exc.detail)

    class _Rollback(Exception):
        pass

    @page("/programme/advanced", Can.PROGRAMME)
    def programme_page(ctx: Ctx) -> Response:
        return programme_view(ctx)

    # The programme as forms, its preview and roll back (``/programme`` itself).
    from pos_member.headoffice.console import programme_forms

    programme_forms.add_pages(page)

    # Report PDFs and the tables that had no export (``exports``).
    from pos_member.headoffice.console import exports

    exports.add_pages(page)

    # Campaigns to segments (``campaigns``).
    from pos_member.headoffice.console import campaigns

    campaigns.add_pages(page)

    @page("/programme/check", Can.PUBLISH, "POST")
    def programme_check(ctx: Ctx) -> Response:
        """Publish in a transaction that is rolled back: the same checks as a publish."""
        doc, errors = _checked(ctx)
        if doc is None or errors:
            return programme_view(ctx, 422, errors=errors)
        stored: dict[str, Any] = {}
        try:
            with ctx.begin() as conn:
                version = programme.publish_rules(
                    conn, doc, ctx.f("effective_from"), ctx.f("effective_until") or None
                )
                stored = next(v for v in programme.rules_versions(conn) if v["version"] == version)
                raise _Rollback
        except _Rollback:
            pass
        except EventRefused as exc:
            return programme_view(ctx, 422, errors=[_said(ctx, exc)])
        with ctx.begin() as conn:
            live = programme.live_version(programme.rules_versions(conn), programme.chain_today())
        diff = document_diff(live["document"] if live else None, stored["document"])
        return programme_view(ctx, checked=True, diff=diff)

    @page("/programme/publish", Can.PUBLISH, "POST")
    def programme_publish(ctx: Ctx) -> Response:
        assert ctx.who is not None
        doc, errors = _checked(ctx)
        if doc is None or errors:
            return programme_view(ctx, 422, errors=errors)
        since, until = ctx.f("effective_from"), ctx.f("effective_until") or None
        try:
            with ctx.begin() as conn:
                version = programme.publish_rules(conn, doc, since, until)
                accounts.audit(conn, ctx.who, "rules.publish", str(version),
                               {"effective_from": since, "effective_until": until,
                                "from_version": ctx.f("from_version") or None},
                               client=ctx.client)  # fmt: skip
        except EventRefused as exc:
            return programme_view(ctx, 422, errors=[_said(ctx, exc)])
        return _back(f"{PREFIX}/programme", "prog.done", v=version, date=since)

    # --- accounts and audit (HQ admin) -------------------------------------------------

    def accounts_view(ctx: Ctx, status: int = 200, errors: list[str] | None = None) -> Response:
        action = ctx.q("action")[:48]
        with ctx.begin() as conn:
            people = accounts.list_accounts(conn)
            trail = accounts.audit_tail(conn, action or None)
            stores = list(conn.execute(select(m.StoreRow).order_by(m.StoreRow.id)).all())
            actions = [
                a
                for (a,) in conn.execute(
                    select(m.ConsoleAudit.action).distinct().order_by(m.ConsoleAudit.action)
                )
            ]
        return ctx.render(
            "accounts.html", status, people=people, trail=trail, stores=stores, roles=list(Role),
            actions=actions, action=action, errors=errors or [], now=_now_iso(),
            values={k: ctx.f(k) for k in ("username", "name", "role")},
        )  # fmt: skip

    @page("/accounts", Can.ACCOUNTS)
    def accounts_page(ctx: Ctx) -> Response:
        if ctx.q("format") in EXPORTS:
            with ctx.begin() as conn:
                trail = accounts.audit_tail(conn, ctx.q("action")[:48] or None, limit=10_000)
            return _csv(
                ctx, "audit", ["id", "at", "username", "action", "subject", "client", "detail"],
                [[a.id, a.at, a.username, a.action, a.subject, a.client,
                  json.dumps(a.detail, ensure_ascii=False)] for a in trail],
            )  # fmt: skip
        return accounts_view(ctx)

    @page("/accounts/new", Can.ACCOUNTS, "POST")
    def account_new(ctx: Ctx) -> Response:
        stores = ctx.fs("stores")
        username = ctx.f("username").strip().lower()
        try:
            role = Role(ctx.f("role"))
        except ValueError:
            return accounts_view(ctx, 422, [ctx.t("forbidden", role=ctx.f("role")[:24])])
        try:
            with ctx.begin() as conn:
                accounts.create_account(
                    conn, username, ctx.f("name").strip(), role, ctx.f("password"),
                    stores if role is Role.STORE_MANAGER else [], by=ctx.who, client=ctx.client,
                )  # fmt: skip
        except EventRefused as exc:
            return accounts_view(ctx, exc.status, [ctx.t(exc.code)])
        return _back(f"{PREFIX}/accounts", "acc.created", username=username)

    @page("/accounts/{account_id}/active", Can.ACCOUNTS, "POST")
    def account_active(ctx: Ctx) -> Response:
        assert ctx.who is not None
        raw = str(ctx.request.path_params.get("account_id", ""))
        if not raw.isdigit() or len(raw) > 18:
            return accounts_view(ctx, 404)
        try:
            with ctx.begin() as conn:
                accounts.set_active(conn, ctx.who, int(raw), ctx.f("active") == "1", ctx.client)
                name = conn.execute(
                    select(m.ConsoleAccount.username).where(m.ConsoleAccount.id == int(raw))
                ).scalar_one()
        except EventRefused as exc:
            return accounts_view(ctx, exc.status, [ctx.t(exc.code)])
        return _back(f"{PREFIX}/accounts", "acc.changed", username=name)

    from pos_member.headoffice.console import privacy as privacy_pages  # imports this module

    privacy_pages.install(page)
    return router


def throttled_page(scope: Any, exc: Any) -> bytes | None:
    """The page a browser gets under ``/console/`` when its address is locked out
    (``limits.LimitMiddleware``): when to try again, in the person's language. Other
    paths (the API, machines) keep the JSON answer."""
    if scope.get("type") != "http" or not str(scope.get("path", "")).startswith(f"{PREFIX}/"):
        return None
    request = Request(scope)
    lang = pick_lang(request.cookies.get(LANG_COOKIE), request.headers.get("accept-language"))
    wait_s = max(int(getattr(exc, "retry_after_s", 60)), 1)
    then = datetime.fromisoformat(utcnow()) + timedelta(seconds=wait_s)
    minutes = max((wait_s + 59) // 60, 1)
    html = _env.get_template("message.html").render(
        t=lambda key, **v: text(lang, key, **v), lang=lang, langs=LANGS, who=None, can=Can,
        csrf="", path=request.url.path, here=f"{PREFIX}/login", flash=None, role_name="",
        kind=lambda k, family="kind": kind_words(lang, k, family),
        message=text(lang, "throttled", until=then.strftime("%H:%M") + " UTC", minutes=minutes),
        retry_link=f"{PREFIX}/login",
    )  # fmt: skip
    return html.encode("utf-8")


def _now_iso() -> str:
    return utcnow()


_WINDOW_HIDES = re.compile(
    r"^an open-ended version starting (\S+) would hide version (\d+) \((\S+) to (\S+)\)"
)
_WINDOW_OVER = re.compile(r"^the version ends on (\S+), which has passed")


def _window_words(lang: str, detail: str) -> str:
    """The window refusals of ``programme.publish_rules`` in Chinese (English as it is)."""
    if lang != "zh_CN":
        return detail
    if hit := _WINDOW_HIDES.match(detail):
        since, v, a, b = hit.groups()
        return (
            f"自 {since} 起长期生效的版本会覆盖版本 {v}（{a} 至 {b}）：请在 {b} 之后开始，"
            "或设置截止日期"
        )
    if hit := _WINDOW_OVER.match(detail):
        return f"该版本截止于 {hit.group(1)}，已经过去：不会有收银台使用它"
    if "ends before it starts" in detail:
        return "截止日期早于生效日期"
    return detail
