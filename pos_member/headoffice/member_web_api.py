"""The member page under ``/m/``: a phone's web page served by head office.

Sign in by phone and a one-time SMS code, or join from a store's poster
(``/m/join?store=S001``); then the member's page: the dynamic member code, balance,
points and when they expire, coupons, count cards, tier, the statement, the payment
PIN, consents, and the phone's devices. Server-rendered Jinja2 (zh_CN and en, the
console's way), a session cookie (HttpOnly, SameSite=Lax, path /m), a CSRF token on
every POST (a pre-session token before sign-in), no CDN: the QR and Code 128 encoders
are our own (``static/qr.js``, ``static/code128.js``). The rules live in
``member_web``; the device keys in ``device_keys``.
"""

from __future__ import annotations

import base64
import json
import re
import secrets
from collections.abc import Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode

import segno
from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from jinja2 import Environment, FileSystemLoader, select_autoescape
from sqlalchemy import select
from starlette.concurrency import run_in_threadpool

from pos_member.headoffice import device_keys
from pos_member.headoffice import member_web as mw
from pos_member.headoffice import models as m
from pos_member.headoffice.api_common import Begin
from pos_member.headoffice.console.i18n import pick_lang
from pos_member.headoffice.member_i18n import LANGS, text
from pos_member.headoffice.notify import NotificationWorker
from pos_member.headoffice.sms import SmsUnavailable

TESTED_IN = "tests/headoffice/member/test_member_web.py"

PREFIX = "/m"
COOKIE = "posm_member"
LANG_COOKIE = "posm_mlang"
PRE = "posm_member_pre"
HERE = Path(__file__).parent / "member_page"
STATIC = {
    "member.css": "text/css; charset=utf-8",
    "member.js": "text/javascript; charset=utf-8",
    "qr.js": "text/javascript; charset=utf-8",
    "code128.js": "text/javascript; charset=utf-8",
}
STORE_RE = re.compile(r"^[A-Za-z0-9]{1,16}$")
B64URL_RE = re.compile(r"^[A-Za-z0-9_-]{80,100}$")
MAX_FORM = 16 * 1024

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


def _mask(phone: str | None) -> str:
    return f"{phone[:3]}****{phone[-4:]}" if phone and len(phone) >= 11 else (phone or "")


_env.filters["yuan"] = _yuan
_env.filters["mask"] = _mask

HEADERS = {
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; style-src 'self'; "
    "script-src 'self'; frame-ancestors 'none'; form-action 'self'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Cache-Control": "no-store",
}


def _redirect(to: str) -> RedirectResponse:
    return RedirectResponse(to, status_code=303)


async def _form(request: Request) -> dict[str, str]:
    body = await request.body()
    if len(body) > MAX_FORM:
        return {}
    return dict(parse_qsl(body.decode("utf-8", "replace"), keep_blank_values=True))


def _same(a: str | None, b: str | None) -> bool:
    return bool(a) and bool(b) and secrets.compare_digest((a or "").encode(), (b or "").encode())


def _b64url(raw: str) -> bytes:
    return base64.urlsafe_b64decode(raw + "=" * (-len(raw) % 4))


def member_web_router(begin: Begin, cfg: mw.MemberWebConfig, id_block: int) -> APIRouter:
    worker: list[NotificationWorker] = []

    @asynccontextmanager
    async def lifespan(_app: Any) -> Any:
        if cfg.notify_worker:
            w = NotificationWorker(begin, cfg.sms, cfg.notify_interval_s)
            w.start()
            worker.append(w)
        yield
        for w in worker:
            w.stop()

    router = APIRouter(prefix=PREFIX, include_in_schema=False, lifespan=lifespan)

    def lang_of(request: Request) -> str:
        return pick_lang(request.cookies.get(LANG_COOKIE), request.headers.get("accept-language"))

    def client_of(request: Request) -> str | None:
        return request.client.host if request.client else None

    def render(request: Request, template: str, status: int = 200, **values: Any) -> HTMLResponse:
        lang = lang_of(request)
        html = _env.get_template(template).render(
            t=lambda key, **v: text(lang, key, **v), lang=lang, langs=LANGS,
            here=request.url.path + (f"?{request.url.query}" if request.url.query else ""),
            **values,
        )  # fmt: skip
        return HTMLResponse(html, status_code=status, headers=HEADERS)

    def secure(request: Request) -> bool:
        return cfg.secure_cookie or request.url.scheme == "https"

    def pre_token(request: Request) -> str:
        return request.cookies.get(PRE) or secrets.token_urlsafe(24)

    def with_pre(request: Request, resp: Response, token: str) -> Response:
        if request.cookies.get(PRE) != token:
            resp.set_cookie(PRE, token, httponly=True, samesite="strict", path=PREFIX,
                            secure=secure(request))  # fmt: skip
        return resp

    def session(request: Request) -> mw.MemberSessionInfo | None:
        with begin() as conn:
            return mw.session_of(conn, request.cookies.get(COOKIE), mw.now_utc())

    def signin_page(request: Request, status: int = 200, **values: Any) -> Response:
        token = pre_token(request)
        resp = render(request, "signin.html", status, pre=token, **values)
        return with_pre(request, resp, token)

    def refused_words(request: Request, reason: str) -> str:
        lang = lang_of(request)
        if reason.startswith("pin_weak:"):
            return text(lang, "pin.weak", why=text(lang, "why." + reason.split(":", 1)[1]))
        return text(lang, f"refused.{reason}", minutes=f"{cfg.code_minutes:g}")

    # --- static, language --------------------------------------------------------

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
                            secure=secure(request), path=PREFIX)  # fmt: skip
        return resp

    # --- sign in -------------------------------------------------------------------

    def _send(request: Request, form: dict[str, str], purpose: str) -> tuple[str, str | None, int]:
        """Send a code; (phone, error words or None, HTTP status)."""
        try:
            phone = mw.clean_phone(form.get("phone", ""))
        except mw.SignInRefused as exc:
            return form.get("phone", "")[:20], refused_words(request, exc.reason), 422
        try:
            with begin() as conn:
                if purpose == "login" and mw.member_by_phone(conn, phone) is None:
                    raise mw.SignInRefused("unknown")
                if purpose == "join" and mw.member_by_phone(conn, phone) is not None:
                    raise mw.SignInRefused("taken")
                mw.send_code(conn, cfg, phone, client_of(request), purpose, mw.now_utc(),
                             lang_of(request))  # fmt: skip
        except mw.SignInRefused as exc:
            return phone, refused_words(request, exc.reason), 422
        except SmsUnavailable:
            return phone, text(lang_of(request), "refused.sms_down"), 503
        return phone, None, 200

    def _pre_ok(request: Request, form: dict[str, str]) -> bool:
        return _same(request.cookies.get(PRE), form.get("csrf"))

    @router.get("/")
    def home(request: Request) -> Response:
        who = session(request)
        if who is None:
            return signin_page(request)
        return member_page(request, who)

    @router.get("/login")
    def login_form(request: Request) -> Response:
        return signin_page(request)

    @router.post("/code")
    async def code_post(request: Request) -> Response:
        form = await _form(request)
        return await run_in_threadpool(_code, request, form)

    def _code(request: Request, form: dict[str, str]) -> Response:
        if not _pre_ok(request, form):
            return signin_page(request, 403, error=text(lang_of(request), "csrf"))
        phone, error, status = _send(request, form, "login")
        if error:
            return signin_page(request, status, phone=phone, error=error)
        return signin_page(request, phone=phone, sent=True)

    @router.post("/login")
    async def login_post(request: Request) -> Response:
        form = await _form(request)
        return await run_in_threadpool(_login, request, form)

    def _login(request: Request, form: dict[str, str]) -> Response:
        if not _pre_ok(request, form):
            return signin_page(request, 403, error=text(lang_of(request), "csrf"))
        now = mw.now_utc()
        refused: str | None = None
        token = ""
        phone = form.get("phone", "")[:20]
        with begin() as conn:  # committed either way: a wrong guess is counted
            try:
                phone = mw.clean_phone(phone)
                mw.check_code(conn, cfg, phone, form.get("code", "").strip(), now)
                mid = mw.member_by_phone(conn, phone)
                if mid is None:
                    raise mw.SignInRefused("unknown")
                token = mw.open_session(conn, cfg, mid, now)
            except mw.SignInRefused as exc:
                refused = exc.reason
        if refused is not None:
            return signin_page(request, 401, phone=phone, sent=True,
                               error=refused_words(request, refused))  # fmt: skip
        return _signed_in(request, token)

    def _signed_in(request: Request, token: str) -> Response:
        resp = _redirect(f"{PREFIX}/?new=1")
        resp.set_cookie(COOKIE, token, httponly=True, samesite="lax", path=PREFIX,
                        secure=secure(request), max_age=int(cfg.session_days * 86400))  # fmt: skip
        resp.delete_cookie(PRE, path=PREFIX)
        return resp

    # --- join from a store's poster ----------------------------------------------------

    def join_page(request: Request, status: int = 200, **values: Any) -> Response:
        store = request.query_params.get("store", values.pop("store", ""))[:16]
        with begin() as conn:
            row = conn.execute(select(m.StoreRow).where(m.StoreRow.id == store)).first()
        if row is None or not STORE_RE.match(store):
            return render(request, "message.html", 404,
                          message=text(lang_of(request), "refused.store"))  # fmt: skip
        token = pre_token(request)
        resp = render(request, "join.html", status, pre=token, store=store,
                      store_name=row.name, **values)  # fmt: skip
        return with_pre(request, resp, token)

    @router.get("/join")
    def join_form(request: Request) -> Response:
        return join_page(request)

    @router.post("/join")
    async def join_post(request: Request) -> Response:
        form = await _form(request)
        return await run_in_threadpool(_join, request, form)

    def _join(request: Request, form: dict[str, str]) -> Response:
        store = form.get("store", "")[:16]
        keep = {
            "store": store,
            "name": form.get("name", "")[:32],
            "marketing": form.get("marketing") == "1",
            "membership": form.get("membership") == "1",
        }
        if not _pre_ok(request, form):
            return join_page(request, 403, error=text(lang_of(request), "csrf"), **keep)
        if form.get("step") == "code":
            if not keep["membership"]:
                return join_page(request, 422, error=refused_words(request, "consent"),
                                 phone=form.get("phone", "")[:20], **keep)  # fmt: skip
            phone, error, status = _send(request, form, "join")
            return join_page(request, status, phone=phone, error=error,
                             sent=error is None, **keep)  # fmt: skip
        now = mw.now_utc()
        refused: str | None = None
        token = ""
        phone = form.get("phone", "")[:20]
        with begin() as conn:
            try:
                phone = mw.clean_phone(phone)
                if not keep["membership"]:
                    raise mw.SignInRefused("consent")
                mw.check_code(conn, cfg, phone, form.get("code", "").strip(), now)
            except mw.SignInRefused as exc:
                refused = exc.reason
        if refused is None:
            try:
                with begin() as conn:
                    mid = mw.join(conn, phone, str(keep["name"]), store, membership=True,
                                  marketing=bool(keep["marketing"]), client=client_of(request),
                                  now=now, block=id_block)  # fmt: skip
                    token = mw.open_session(conn, cfg, mid, now)
            except mw.SignInRefused as exc:
                refused = exc.reason
        if refused is not None:
            return join_page(request, 422, phone=phone, sent=True,
                             error=refused_words(request, refused), **keep)  # fmt: skip
        return _signed_in(request, token)

    @router.get("/poster/{store}.svg")
    def poster(request: Request, store: str) -> Response:
        if not STORE_RE.match(store):
            return Response(status_code=404)
        url = f"{request.base_url}{PREFIX.lstrip('/')}/join?{urlencode({'store': store})}"
        svg = segno.make(url, error="m").svg_inline(scale=8)
        return Response(svg, media_type="image/svg+xml")

    # --- the member's page ---------------------------------------------------------------

    def member_page(request: Request, who: mw.MemberSessionInfo, status: int = 200,
                    **values: Any) -> Response:  # fmt: skip
        today = mw.now_utc().date()
        with begin() as conn:
            data = mw.page_data(conn, who.member_id, today)
            devices = device_keys.device_keys_for_member(conn, who.member_id)
            chain = device_keys.chain_code(conn)
        flash = request.query_params.get("msg", "")
        flash_words = text(lang_of(request), f"done.{flash}") if flash in DONE else None
        rows = [_device_row(x) for x in devices]
        active = ",".join(str(r["key_id"]) for r in rows if not r["revoked"])
        return render(request, "member.html", status, d=data, csrf=who.csrf, chain=chain,
                      devices=rows, flash=flash_words, active_keys=active,
                      now_ms=int(mw.now_utc().timestamp() * 1000), **values)  # fmt: skip

    def post_page(fn: Callable[[Request, mw.MemberSessionInfo, dict[str, str]], Response]) -> Any:
        async def endpoint(request: Request) -> Response:
            form = await _form(request)

            def run() -> Response:
                who = session(request)
                if who is None:
                    return signin_page(request, 401, error=text(lang_of(request), "expired"))
                if not _same(who.csrf, form.get("csrf")):
                    return render(request, "message.html", 403,
                                  message=text(lang_of(request), "csrf"))  # fmt: skip
                return fn(request, who, form)

            return await run_in_threadpool(run)

        return endpoint

    def _pin(request: Request, who: mw.MemberSessionInfo, form: dict[str, str]) -> Response:
        try:
            with begin() as conn:
                mw.set_pin(conn, who.member_id, form.get("pin", ""), form.get("again", ""),
                           mw.now_utc())  # fmt: skip
        except mw.SignInRefused as exc:
            return member_page(request, who, 422, pin_error=refused_words(request, exc.reason))
        return _redirect(f"{PREFIX}/?msg=pin#pin")

    def _prefs(request: Request, who: mw.MemberSessionInfo, form: dict[str, str]) -> Response:
        with begin() as conn:
            mw.set_prefs(
                conn,
                who.member_id,
                form.get("marketing") == "1",
                form.get("balance_sms") == "1",
                client_of(request),
                mw.now_utc(),
            )
        return _redirect(f"{PREFIX}/?msg=prefs#consents")

    def _logout(request: Request, who: mw.MemberSessionInfo, _form: dict[str, str]) -> Response:
        with begin() as conn:
            mw.end_session(conn, who, mw.now_utc())
        resp = _redirect(f"{PREFIX}/login")
        resp.delete_cookie(COOKIE, path=PREFIX)
        return resp

    def _revoke(request: Request, who: mw.MemberSessionInfo, form: dict[str, str]) -> Response:
        key_id = form.get("key_id", "")
        with begin() as conn:
            mine = {str(_device_row(x)["key_id"]) for x in
                    device_keys.device_keys_for_member(conn, who.member_id)}  # fmt: skip
            if key_id not in mine:
                return render(request, "message.html", 404,
                              message=text(lang_of(request), "refused.device"))  # fmt: skip
            device_keys.revoke_device_key(conn, int(key_id), "member revoked on the member page")
            # A lost phone keeps its cookie: end every other session, so that it cannot
            # register a new key.
            mw.end_other_sessions(conn, who, mw.now_utc())
        return _redirect(f"{PREFIX}/?msg=revoked#devices")

    router.add_api_route("/pin", post_page(_pin), methods=["POST"])
    router.add_api_route("/prefs", post_page(_prefs), methods=["POST"])
    router.add_api_route("/logout", post_page(_logout), methods=["POST"])
    router.add_api_route("/devices/revoke", post_page(_revoke), methods=["POST"])

    @router.post("/devices")
    async def register_device(request: Request) -> Response:
        """The phone's public key (JSON ``{"public_key": b64url, "label": ...}``, the CSRF
        token in ``X-CSRF-Token``): registered for the signed-in member."""
        body = await request.body()

        def run() -> Response:
            who = session(request)
            if who is None:
                return JSONResponse({"code": "session", "detail": "not signed in"}, 401)
            if not _same(who.csrf, request.headers.get("x-csrf-token")):
                return JSONResponse({"code": "csrf", "detail": "bad CSRF token"}, 403)
            try:
                doc = json.loads(body[:2048])
                raw = doc["public_key"]
                label = str(doc.get("label", ""))[:32] or "phone"
                if not isinstance(raw, str) or not B64URL_RE.match(raw):
                    raise ValueError
                key = _b64url(raw)
                if len(key) != 65 or key[0] != 4:
                    raise ValueError
            except (ValueError, KeyError, TypeError):
                return JSONResponse(
                    {"code": "device.key", "detail": "a raw P-256 key expected"}, 422
                )
            with begin() as conn:
                key_id = device_keys.register_device_key(conn, who.member_id, key, label)
                chain = device_keys.chain_code(conn)
            return JSONResponse({"key_id": key_id, "member_id": who.member_id, "chain": chain})

        return await run_in_threadpool(run)

    return router


DONE = {"pin", "prefs", "revoked"}


def _device_row(x: Any) -> dict[str, Any]:
    """A device key as the page lists it (a mapping or an object from ``device_keys``)."""
    get = x.get if isinstance(x, dict) else lambda k, d=None: getattr(x, k, d)
    return {"key_id": get("key_id", get("id")), "label": get("label", ""),
            "created_at": str(get("created_at", "") or "")[:16].replace("T", " "),
            "revoked": bool(get("revoked_at", None) or get("revoked", False))}  # fmt: skip
