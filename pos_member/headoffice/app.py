"""The head-office HTTP API (FastAPI): enrolment, push, pull, and the managers' API.

``create_app(settings)`` builds everything (engine, migrations) when the app
starts; nothing is created at import time. Every refusal is a JSON body
``{"code": ..., "detail": ...}`` with a fitting status: 401 unauthenticated,
403 outside the terminal's store, 404 unknown, 409 a changed replay, 413 too
large, 422 malformed or inconsistent, 503 retry later.
"""

from __future__ import annotations

import logging
import re
import time
import unicodedata
from collections.abc import AsyncIterator, Awaitable, Callable, MutableMapping, Sequence
from contextlib import asynccontextmanager
from datetime import datetime
from typing import Annotated, Any, Literal
from zoneinfo import ZoneInfo

from fastapi import Depends, FastAPI, Header, Path, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, ConfigDict, Field, StringConstraints
from sqlalchemy import Connection, Engine, func, select, text, update
from sqlalchemy import insert as sa_insert
from sqlalchemy.exc import DataError, DBAPIError, OperationalError
from starlette.exceptions import HTTPException as StarletteHTTPException

from pos_member.domain.cards import CardState, card_transition
from pos_member.domain.errors import CardStateChangeRefused
from pos_member.domain.promotions import STORE_TZ
from pos_member.domain.rules import ProgrammeRules, VersionWindow
from pos_member.headoffice import models as m
from pos_member.headoffice.auth import authenticate, check_admin, enrol, new_enrol_code, utcnow
from pos_member.headoffice.changes import (
    START_CURSOR,
    parse_cursor,
    read_page,
    read_page_json,
    touch,
)
from pos_member.headoffice.db import open_database
from pos_member.headoffice.holds_api import holds_router
from pos_member.headoffice.limits import Limiter, LimitMiddleware
from pos_member.headoffice.push import (
    TerminalIdentity,
    apply_batch,
    load_rules,
    record_refusal,
)
from pos_member.headoffice.review import utc_key
from pos_member.headoffice.sales_api import sales_router
from pos_member.headoffice.settings import HQSettings
from pos_member.headoffice.terminals_api import (
    EnrolCodeRequest,
    EnrolCodeResponse,
    terminals_router,
)
from pos_member.headoffice.validate import EventRefused
from pos_member.wire.schemas import (
    API_PREFIX,
    MAX_PAGE,
    CardNumber,
    EnrolRequest,
    EnrolResponse,
    Entity,
    ErrorBody,
    MemberId,
    Name,
    PullPage,
    PushRequest,
    PushResponse,
    StrictBool,
    entities_for,
)

log = logging.getLogger(__name__)

Scope = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[MutableMapping[str, Any]]]
Send = Callable[[MutableMapping[str, Any]], Awaitable[None]]

ERRORS: dict[int | str, dict[str, Any]] = {
    s: {"model": ErrorBody} for s in (400, 401, 403, 404, 409, 413, 422, 429, 503)
}

_NAME = re.compile(r"^[a-z_]{1,32}$")
_QUOTED = re.compile(r"`[^`]*`|'[^']{40,}'")


def _said(text: str) -> str:
    """``text`` without anything a client sent that could not be printed or encoded."""
    text = _QUOTED.sub("…", text)
    out = "".join(
        "?" if unicodedata.category(ch) in ("Cc", "Cs", "Co", "Cn", "Cf") else ch for ch in text
    )
    return out[:300]


def validation_body(errors: Sequence[Any]) -> tuple[int, dict[str, str]]:
    """The one answer to a request that does not validate: ``ErrorBody``, no input echoed.

    Field names are said only when they are ours (a client's own keys are not repeated),
    and pydantic's messages lose any quoted input.
    """
    first = errors[0] if errors else {}
    kind = str(first.get("type", ""))
    if kind == "json_invalid":
        return 422, {"code": "body.malformed", "detail": "the request body is not valid JSON"}
    code = "invalid"
    if any(e.get("type") == "enum" and tuple(e.get("loc", ()))[-1:] == ("kind",) for e in errors):
        code = "event.kind_unknown"
    parts = []
    for err in errors[:3]:
        where = ".".join(
            str(x) if isinstance(x, int) or _NAME.match(str(x)) else "?"
            for x in err.get("loc", ())
            if x != "body"
        )
        parts.append(f"{where or 'body'}: {_said(str(err.get('msg', 'invalid')))}")
    more = f" (and {len(errors) - 3} more)" if len(errors) > 3 else ""
    return 422, {"code": code, "detail": "; ".join(parts) + more}


RULES_TTL_S = 5.0


class BodyLimit:
    """Refuses bodies over ``limit`` bytes with 413, before they are parsed.

    Checks Content-Length up front and also counts a chunked body as it arrives.
    """

    def __init__(self, app: Callable[..., Awaitable[None]], limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        for name, value in scope.get("headers", []):
            if name == b"content-length" and (not value.isdigit() or int(value) > self.limit):
                await self._refuse(send)
                return
        seen = 0
        refused = False

        async def limited() -> MutableMapping[str, Any]:
            nonlocal seen, refused
            if refused:
                return {"type": "http.disconnect"}
            msg = await receive()
            if msg["type"] == "http.request":
                seen += len(msg.get("body", b""))
                if seen > self.limit:
                    # Answer now and tell the app the client left, so nothing is parsed.
                    refused = True
                    await self._refuse(send)
                    return {"type": "http.disconnect"}
            return msg

        async def guarded_send(msg: MutableMapping[str, Any]) -> None:
            if not refused:
                await send(msg)

        await self.app(scope, limited, guarded_send)

    async def _refuse(self, send: Send) -> None:
        body = b'{"code":"body.too_large","detail":"the request body is too large"}'
        await send(
            {
                "type": "http.response.start",
                "status": 413,
                "headers": [(b"content-type", b"application/json"), (b"connection", b"close")],
            }
        )
        await send({"type": "http.response.body", "body": body})


CARD_RE = r"^[0-9A-Za-z]{4,32}$"


class BlockRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    reason: Annotated[str, StringConstraints(max_length=128)] = ""


class ReplaceRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    new_card_number: CardNumber
    new_card_uid: Annotated[str, StringConstraints(pattern=r"^[0-9A-F]{8,32}$")] | None = None
    kind: Annotated[str, StringConstraints(max_length=16)] = "barcode"


class CouponRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    code: Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9-]{3,32}$")]
    member_id: MemberId | None = None
    name: Annotated[str, StringConstraints(max_length=64)] = ""
    kind: Annotated[str, StringConstraints(pattern=r"^(amount_off|percent_off)$")]
    value_fen: Annotated[int, Field(ge=0, le=10**9)] = 0
    rate: Annotated[str, StringConstraints(pattern=r"^0?\.\d{1,4}$|^1$")] = "1"
    min_spend_fen: Annotated[int, Field(ge=0, le=10**10)] = 0
    valid_from: Annotated[str, StringConstraints(pattern=r"^\d{4}-\d{2}-\d{2}$")]
    valid_until: Annotated[str, StringConstraints(pattern=r"^\d{4}-\d{2}-\d{2}$")]
    stackable: bool = False


class RulesRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    effective_from: Annotated[str, StringConstraints(pattern=r"^\d{4}-\d{2}-\d{2}$")]
    #: The last day of the version (inclusive); none: until a later version starts.
    effective_until: Annotated[str, StringConstraints(pattern=r"^\d{4}-\d{2}-\d{2}$")] | None = None
    document: dict[str, Any]


class StaffRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: Name
    role: Literal["cashier", "supervisor", "manager"]
    active: StrictBool = True


class StaffView(BaseModel):
    id: str
    name: str
    role: str
    active: bool


class MemberView(BaseModel):
    id: int
    name: str
    phone: str | None
    tier_code: str
    status: str
    sv_principal_fen: int
    sv_bonus_fen: int
    points: int
    balance_version: int
    cards: list[dict[str, Any]]


class ReviewView(BaseModel):
    id: int
    kind: str
    member_id: int | None
    event_id: str
    store_id: str
    created_at: str
    detail: dict[str, Any]


class StoreTotals(BaseModel):
    store_id: str
    sales_fen: int
    refunds_fen: int
    recharges_fen: int
    card_fees_fen: int = 0
    events: int


class ChainReport(BaseModel):
    stores: list[StoreTotals]
    members: int
    stored_value_liability_fen: int
    points_outstanding: int
    open_review_items: int


def _already_over(window: VersionWindow) -> str | None:
    """A version whose last day has passed (in the chain's time zone) would never be used."""
    today = datetime.now(ZoneInfo(STORE_TZ)).date()
    if window.until is not None and window.until < today:
        return f"the version ends on {window.until}, which has passed: no till would use it"
    return None


def _published_windows(conn: Connection) -> list[VersionWindow]:
    """The windows of the versions published so far (a row older than the date checks,
    with a date that does not parse, has no say)."""
    out = []
    for v, since, until in conn.execute(
        select(m.RulesRow.version, m.RulesRow.effective_from, m.RulesRow.effective_until)
    ):
        try:
            out.append(VersionWindow.parse(v, since, until))
        except ValueError:
            log.warning("programme rules version %s has an unreadable window", v)
    return out


def create_app(settings: HQSettings, engine: Engine | None = None) -> FastAPI:
    state: dict[str, Any] = {}

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        state["engine"] = engine or open_database(settings.db_url, pool_size=settings.pool_size)
        yield
        if engine is None:
            state["engine"].dispose()

    app = FastAPI(
        title="pos-member head office",
        version="1",
        description=(
            "Terminals enrol, push their outbox events (applied exactly once) and pull "
            "reference data by change cursor. Managers read members and reports, block and "
            "replace cards, publish rules and coupons."
        ),
        lifespan=lifespan,
    )

    @app.exception_handler(EventRefused)
    async def _refused(_req: Request, exc: EventRefused) -> JSONResponse:
        return JSONResponse({"code": exc.code, "detail": exc.detail}, status_code=exc.status)

    @app.exception_handler(RequestValidationError)
    async def _invalid(_req: Request, exc: RequestValidationError) -> JSONResponse:
        status, body = validation_body(exc.errors())
        return JSONResponse(body, status_code=status)

    @app.exception_handler(StarletteHTTPException)
    async def _http(_req: Request, exc: StarletteHTTPException) -> JSONResponse:
        detail = exc.detail if isinstance(exc.detail, str) else "refused"
        return JSONResponse(
            {"code": f"http.{exc.status_code}", "detail": _said(detail)},
            status_code=exc.status_code,
            headers=getattr(exc, "headers", None),
        )

    @app.exception_handler(OperationalError)
    async def _busy(_req: Request, exc: OperationalError) -> JSONResponse:
        # Deadlock victim, serialization failure, database restarting: the client retries.
        log.warning("database busy: %s", type(exc.orig).__name__)
        return JSONResponse(
            {"code": "busy", "detail": "head office is busy; retry shortly"},
            status_code=503,
            headers={"Retry-After": "1"},
        )

    @app.exception_handler(DataError)
    async def _data(_req: Request, exc: DataError) -> JSONResponse:
        # A value the database cannot hold (out of range...) that validation let through.
        log.warning("data refused by the database: %s", type(exc.orig).__name__)
        return JSONResponse(
            {"code": "invalid", "detail": "a value is out of the accepted range"}, status_code=422
        )

    def conn_begin() -> Any:
        eng: Engine = state["engine"]
        return eng.begin()

    def admin(authorization: Annotated[str | None, Header()] = None) -> None:
        check_admin(settings.admin_token, authorization)

    block = settings.member_id_block
    state["rules_at"] = 0.0
    state["seen"] = {}

    def rules_cache(conn: Connection) -> dict[int, ProgrammeRules]:
        """Programme rules, reloaded at most every few seconds (they change rarely)."""
        if time.monotonic() - state["rules_at"] > RULES_TTL_S:
            state["rules"] = load_rules(conn)
            state["rules_at"] = time.monotonic()
        rules: dict[int, ProgrammeRules] = state["rules"]
        return rules

    def seen(conn: Connection, key: str, now: str) -> None:
        """Record a terminal's last contact, at most once a minute (one write less per push)."""
        last: dict[str, float] = state["seen"]
        if time.monotonic() - last.get(key, 0.0) > 60:
            conn.execute(
                update(m.TerminalRow).where(m.TerminalRow.key == key).values(last_seen_at=now)
            )
            last[key] = time.monotonic()

    @app.get(f"{API_PREFIX}/health", tags=["sync"])
    def health() -> dict[str, str]:
        with conn_begin() as conn:
            conn.execute(text("SELECT 1"))
        return {"status": "ok"}

    @app.post(f"{API_PREFIX}/enrol", response_model=EnrolResponse, responses=ERRORS, tags=["sync"])
    def enrol_terminal(req: EnrolRequest) -> EnrolResponse:
        with conn_begin() as conn:
            who, token = enrol(conn, req.code, req.terminal_id, block)
        log.info("terminal %s enrolled", who.key)
        return EnrolResponse(
            store_id=who.store_id,
            terminal_id=who.terminal_id,
            token=token,
            member_id_base=who.member_id_base,
            member_id_block=block,
            # One allocation serves both: member-id blocks are unique per terminal and
            # start at 10^10, above every serial of the seeded and pre-printed cards
            # (numbered by member id), so the same range numbers the till's new cards.
            card_serial_base=who.member_id_base,
            card_serial_block=block,
        )

    @app.post(
        f"{API_PREFIX}/sync/push", response_model=PushResponse, responses=ERRORS, tags=["sync"]
    )
    def push(
        req: PushRequest, authorization: Annotated[str | None, Header()] = None
    ) -> PushResponse:
        now = utcnow()
        who: TerminalIdentity | None = None
        try:
            try:
                with conn_begin() as conn:
                    who = authenticate(conn, authorization, block)
                    seen(conn, who.key, now)
                    results = apply_batch(conn, who, req.events, now, rules_cache(conn))
            except EventRefused as exc:
                if exc.code != "rules.unknown":
                    raise
                # Rules published after our cache was filled: reload them and try once more.
                state["rules_at"] = 0.0
                with conn_begin() as conn:
                    who = authenticate(conn, authorization, block)
                    seen(conn, who.key, now)
                    results = apply_batch(conn, who, req.events, now, rules_cache(conn))
        except EventRefused as exc:
            if who is not None and exc.event_id and exc.status < 500:
                # Nothing of the batch was written; the refused event is listed for review.
                with conn_begin() as conn:
                    record_refusal(conn, who, req.events, exc, now)
            raise
        except DBAPIError as exc:
            if isinstance(exc, OperationalError | DataError):
                raise
            # An integrity error means two requests raced on something other than an
            # event id (a sale id reused by a buggy till); retrying cannot help.
            log.warning("push refused by the database: %s", type(exc.orig).__name__)
            raise EventRefused(409, "conflict", "the batch conflicts with stored data") from None
        return PushResponse(results=results)

    @app.get(f"{API_PREFIX}/sync/pull", response_model=PullPage, responses=ERRORS, tags=["sync"])
    def pull(
        authorization: Annotated[str | None, Header()] = None,
        cursor: Annotated[str, Query(max_length=41)] = START_CURSOR,
        limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = settings.page_size,
        with_remaining: bool = False,
        feed: Annotated[int, Query(ge=1, le=1_000_000)] = 1,
    ) -> PullPage:
        """Changes after ``cursor``; ``feed`` is the version of the change feed the till
        understands (``schemas.FEED_VERSION``): kinds added later are not sent to it."""
        try:
            parse_cursor(cursor)
        except ValueError:
            # Not repeated back: a cursor is opaque, and what was sent may not even print.
            raise EventRefused(
                422, "cursor", "not a cursor head office gave; pull from the start"
            ) from None
        kinds = entities_for(feed)
        with conn_begin() as conn:
            authenticate(conn, authorization, block)
            if conn.dialect.name == "postgresql":
                body = read_page_json(conn, cursor, limit, with_remaining, kinds)
                return Response(content=body, media_type="application/json")  # type: ignore[return-value]
            page = read_page(conn, cursor, limit, with_remaining, kinds)
        return PullPage(
            changes=page.changes, cursor=page.cursor, more=page.more, remaining=page.remaining
        )

    # --- managers -------------------------------------------------------------

    def _member_view(conn: Connection, member_id: int) -> MemberView:
        row = conn.execute(select(m.MemberRow).where(m.MemberRow.id == member_id)).first()
        if row is None:
            raise EventRefused(404, "member.unknown", f"no member {member_id}")
        cards = [
            {
                "number": c.number,
                "state": c.state,
                "kind": c.kind,
                "secure_counter": c.secure_counter,
            }
            for c in conn.execute(
                select(m.CardRow).where(m.CardRow.member_id == member_id).order_by(m.CardRow.id)
            ).all()
        ]
        return MemberView(
            id=row.id,
            name=row.name,
            phone=row.phone,
            tier_code=row.tier_code,
            status=row.status,
            sv_principal_fen=row.sv_principal_fen,
            sv_bonus_fen=row.sv_bonus_fen,
            points=row.points,
            balance_version=row.balance_version,
            cards=cards,
        )

    @app.get(
        f"{API_PREFIX}/members/{{member_id}}",
        response_model=MemberView,
        responses=ERRORS,
        dependencies=[Depends(admin)],
        tags=["managers"],
    )
    def get_member(member_id: Annotated[int, Path(ge=0, le=2**62)]) -> MemberView:
        with conn_begin() as conn:
            return _member_view(conn, member_id)

    def _card_action(number: str, action: str, values: dict[str, Any]) -> MemberView:
        with conn_begin() as conn:
            row = conn.execute(select(m.CardRow).where(m.CardRow.number == number)).first()
            if row is None:
                raise EventRefused(404, "card.unknown", f"no card {number}")
            try:
                new = card_transition(CardState(row.state), action)
            except CardStateChangeRefused as exc:
                raise EventRefused(409, exc.code, exc.message) from None
            conn.execute(
                update(m.CardRow).where(m.CardRow.id == row.id).values(state=new.value, **values)
            )
            conn.execute(
                sa_insert(m.AdminNote).values(
                    at=utcnow(), action=f"card.{action}", subject=number, detail=values
                )
            )
            if row.member_id is None:
                raise EventRefused(409, "card.no_member", f"card {number} has no member")
            touch(conn, Entity.MEMBER, [row.member_id])
            return _member_view(conn, row.member_id)

    @app.post(
        f"{API_PREFIX}/cards/{{number}}/block",
        response_model=MemberView,
        responses=ERRORS,
        dependencies=[Depends(admin)],
        tags=["managers"],
    )
    def block_card(number: Annotated[str, Path(pattern=CARD_RE)], req: BlockRequest) -> MemberView:
        return _card_action(number, "report_lost", {"blocked_at": utc_key(utcnow())})

    @app.post(
        f"{API_PREFIX}/cards/{{number}}/replace",
        response_model=MemberView,
        responses=ERRORS,
        dependencies=[Depends(admin)],
        tags=["managers"],
    )
    def replace_card(
        number: Annotated[str, Path(pattern=CARD_RE)], req: ReplaceRequest
    ) -> MemberView:
        with conn_begin() as conn:
            taken = conn.execute(
                select(m.CardRow.id).where(m.CardRow.number == req.new_card_number)
            ).first()
            if taken is not None:
                raise EventRefused(409, "card.taken", f"card {req.new_card_number} already exists")
            row = conn.execute(select(m.CardRow).where(m.CardRow.number == number)).first()
            if row is None:
                raise EventRefused(404, "card.unknown", f"no card {number}")
            try:
                card_transition(CardState(row.state), "replace")
            except CardStateChangeRefused as exc:
                raise EventRefused(409, exc.code, exc.message) from None
            if row.member_id is None:
                raise EventRefused(409, "card.no_member", f"card {number} has no member")
            if (
                req.new_card_uid
                and conn.execute(
                    select(m.CardRow.id).where(m.CardRow.uid == req.new_card_uid)
                ).first()
            ):
                raise EventRefused(409, "card.uid_taken", "that card UID is already registered")
            conn.execute(
                update(m.CardRow)
                .where(m.CardRow.id == row.id)
                .values(
                    state=CardState.REPLACED.value,
                    replaced_by_number=req.new_card_number,
                    blocked_at=utc_key(utcnow()),
                )
            )
            conn.execute(
                sa_insert(m.CardRow).values(
                    number=req.new_card_number,
                    uid=req.new_card_uid,
                    kind=req.kind,
                    state=CardState.ACTIVE.value,
                    member_id=row.member_id,
                    issued_on=utcnow()[:10],
                )
            )
            conn.execute(
                sa_insert(m.AdminNote).values(
                    at=utcnow(),
                    action="card.replace",
                    subject=number,
                    detail={"new": req.new_card_number},
                )
            )
            touch(conn, Entity.MEMBER, [row.member_id])
            return _member_view(conn, row.member_id)

    @app.get(
        f"{API_PREFIX}/rules",
        responses=ERRORS,
        dependencies=[Depends(admin)],
        tags=["managers"],
    )
    def get_rules() -> dict[str, Any]:
        with conn_begin() as conn:
            row = conn.execute(
                select(m.RulesRow).order_by(m.RulesRow.version.desc()).limit(1)
            ).first()
            if row is None:
                raise EventRefused(404, "rules.missing", "no rules published yet")
            return {
                "version": row.version,
                "effective_from": row.effective_from,
                "effective_until": row.effective_until,
                "document": row.document,
            }

    @app.post(
        f"{API_PREFIX}/rules",
        responses=ERRORS,
        dependencies=[Depends(admin)],
        tags=["managers"],
    )
    def publish_rules(req: RulesRequest) -> dict[str, Any]:
        with conn_begin() as conn:
            latest = conn.execute(select(func.max(m.RulesRow.version))).scalar_one() or 0
            try:
                rules = ProgrammeRules.from_dict({**req.document, "version": latest + 1})
            except (KeyError, ValueError, TypeError, ArithmeticError) as exc:
                raise EventRefused(422, "rules.invalid", f"rules document: {exc}") from None
            published = _published_windows(conn)
            try:
                window = VersionWindow.parse(rules.version, req.effective_from, req.effective_until)
            except ValueError as exc:
                raise EventRefused(422, "rules.window", str(exc)) from None
            problem = window.conflict(published) or _already_over(window)
            if problem:
                raise EventRefused(422, "rules.window", problem)
            conn.execute(
                sa_insert(m.RulesRow).values(
                    version=rules.version,
                    effective_from=req.effective_from,
                    effective_until=req.effective_until,
                    document=rules.to_dict(),
                    created_at=utcnow(),
                )
            )
            touch(conn, Entity.RULES, [rules.version])
        return {"version": rules.version}

    @app.post(
        f"{API_PREFIX}/coupons",
        responses=ERRORS,
        dependencies=[Depends(admin)],
        tags=["managers"],
    )
    def create_coupon(req: CouponRequest) -> dict[str, Any]:
        with conn_begin() as conn:
            if conn.execute(select(m.CouponRow.id).where(m.CouponRow.code == req.code)).first():
                raise EventRefused(409, "coupon.exists", f"coupon {req.code} already exists")
            if (
                req.member_id is not None
                and conn.execute(
                    select(m.MemberRow.id).where(m.MemberRow.id == req.member_id)
                ).first()
                is None
            ):
                raise EventRefused(404, "member.unknown", f"no member {req.member_id}")
            if req.valid_until < req.valid_from:
                raise EventRefused(422, "coupon.dates", "valid_until is before valid_from")
            conn.execute(sa_insert(m.CouponRow).values(**req.model_dump()))
            touch(conn, Entity.COUPON, [req.code])
        return {"code": req.code}

    @app.get(
        f"{API_PREFIX}/review-items",
        response_model=list[ReviewView],
        responses=ERRORS,
        dependencies=[Depends(admin)],
        tags=["managers"],
    )
    def review_items(
        limit: Annotated[int, Query(ge=1, le=1000)] = 100,
    ) -> list[ReviewView]:
        with conn_begin() as conn:
            rows = conn.execute(
                select(m.ReviewItem)
                .where(m.ReviewItem.resolved_at.is_(None))
                .order_by(m.ReviewItem.id)
                .limit(limit)
            ).all()
            return [
                ReviewView(
                    id=r.id,
                    kind=r.kind,
                    member_id=r.member_id,
                    event_id=r.event_id,
                    store_id=r.store_id,
                    created_at=r.created_at,
                    detail=r.detail,
                )
                for r in rows
            ]

    @app.get(
        f"{API_PREFIX}/reports/chain",
        response_model=ChainReport,
        responses=ERRORS,
        dependencies=[Depends(admin)],
        tags=["managers"],
    )
    def chain_report(
        business_date: Annotated[str | None, Query(pattern=r"^\d{4}-\d{2}-\d{2}$")] = None,
    ) -> ChainReport:
        with conn_begin() as conn:
            q = select(
                m.SaleRow.store_id, m.SaleRow.kind, func.sum(m.SaleRow.total_fen), func.count()
            ).group_by(m.SaleRow.store_id, m.SaleRow.kind)
            if business_date:
                q = q.where(m.SaleRow.business_date == business_date)
            per: dict[str, dict[str, int]] = {}
            for store, kind, total, n in conn.execute(q):
                d = per.setdefault(
                    store, {"sale": 0, "refund": 0, "recharge": 0, "card_fee": 0, "n": 0}
                )
                d[kind] = int(total or 0)
                d["n"] += int(n)
            members, liability, points = conn.execute(
                select(
                    func.count(),
                    func.coalesce(
                        func.sum(m.MemberRow.sv_principal_fen + m.MemberRow.sv_bonus_fen), 0
                    ),
                    func.coalesce(func.sum(m.MemberRow.points), 0),
                )
            ).one()
            open_items = conn.execute(
                select(func.count())
                .select_from(m.ReviewItem)
                .where(m.ReviewItem.resolved_at.is_(None))
            ).scalar_one()
        return ChainReport(
            stores=[
                StoreTotals(
                    store_id=s,
                    sales_fen=d["sale"],
                    refunds_fen=d["refund"],
                    recharges_fen=d["recharge"],
                    card_fees_fen=d["card_fee"],
                    events=d["n"],
                )
                for s, d in sorted(per.items())
            ],
            members=int(members),
            stored_value_liability_fen=int(liability),
            points_outstanding=int(points),
            open_review_items=int(open_items),
        )

    @app.put(
        f"{API_PREFIX}/staff/{{staff_id}}",
        response_model=StaffView,
        responses=ERRORS,
        dependencies=[Depends(admin)],
        tags=["managers"],
    )
    def put_staff(
        staff_id: Annotated[str, Path(pattern=r"^[0-9A-Za-z]{1,16}$")], req: StaffRequest
    ) -> StaffView:
        """Register or change a staff member whose approvals the tills' events carry."""
        now = utcnow()
        with conn_begin() as conn:
            values = {"name": req.name, "role": req.role, "active": req.active, "updated_at": now}
            done = conn.execute(
                update(m.StaffRow).where(m.StaffRow.id == staff_id).values(**values)
            )
            if not done.rowcount:
                conn.execute(sa_insert(m.StaffRow).values(id=staff_id, **values))
            conn.execute(
                sa_insert(m.AdminNote).values(
                    at=now, action="staff.put", subject=staff_id,
                    detail={"role": req.role, "active": req.active},
                )
            )  # fmt: skip
        return StaffView(id=staff_id, name=req.name, role=req.role, active=req.active)

    @app.get(
        f"{API_PREFIX}/staff",
        response_model=list[StaffView],
        responses=ERRORS,
        dependencies=[Depends(admin)],
        tags=["managers"],
    )
    def list_staff() -> list[StaffView]:
        with conn_begin() as conn:
            rows = conn.execute(select(m.StaffRow).order_by(m.StaffRow.id)).all()
        return [StaffView(id=r.id, name=r.name, role=r.role, active=r.active) for r in rows]

    @app.post(
        f"{API_PREFIX}/stores/{{store_id}}/enrol-codes",
        response_model=EnrolCodeResponse,
        responses=ERRORS,
        dependencies=[Depends(admin)],
        tags=["managers"],
    )
    def make_enrol_code(
        store_id: Annotated[str, Path(pattern=r"^[A-Za-z0-9_-]{1,16}$")],
        req: EnrolCodeRequest,
    ) -> EnrolCodeResponse:
        with conn_begin() as conn:
            code = new_enrol_code(
                conn, store_id, settings.enrol_code_hours, req.terminal_id, replaces=req.replaces
            )
        return EnrolCodeResponse(
            store_id=store_id, code=code, terminal_id=req.terminal_id, replaces=req.replaces
        )

    app.include_router(holds_router(settings, conn_begin, ERRORS))
    app.include_router(sales_router(settings, conn_begin, ERRORS))
    app.include_router(terminals_router(settings, conn_begin, admin, ERRORS))
    app.add_middleware(BodyLimit, limit=settings.max_body_bytes)

    def audit_lockout(client: str, failures: int) -> None:
        with conn_begin() as conn:
            conn.execute(
                sa_insert(m.AdminNote).values(
                    at=utcnow(), action="auth.lockout", subject=client[:64],
                    detail={"failures": failures, "lockout_s": settings.auth_lockout_s},
                )
            )  # fmt: skip

    limiter = Limiter(
        max_failures=settings.auth_max_failures,
        window_s=settings.auth_window_s,
        lockout_s=settings.auth_lockout_s,
        enrol_per_window=settings.enrol_attempts_per_window,
    )
    app.add_middleware(
        LimitMiddleware, limiter=limiter, enrol_path=f"{API_PREFIX}/enrol", on_lockout=audit_lockout
    )
    return app


def app_from_env() -> FastAPI:
    """App factory for ``uvicorn --factory`` and several worker processes (settings from env)."""
    return create_app(HQSettings())
