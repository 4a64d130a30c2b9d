"""The terminals' sync endpoints: health, enrol, push their outbox events, pull
reference data by change cursor (``auth``, ``push`` and ``changes`` keep the rules;
this module only speaks HTTP, caches the programme rules and notes each terminal's
last contact)."""

from __future__ import annotations

import logging
import time
from typing import Annotated, Any

from fastapi import APIRouter, Header, Query, Request
from fastapi.responses import Response
from sqlalchemy import Connection, text, update
from sqlalchemy.exc import DataError, DBAPIError, OperationalError

from pos_member.domain.rules import ProgrammeRules
from pos_member.headoffice import models as m
from pos_member.headoffice import terminal_reports
from pos_member.headoffice.api_common import Begin, Errors
from pos_member.headoffice.auth import authenticate, enrol, utcnow
from pos_member.headoffice.changes import START_CURSOR, parse_cursor, read_page, read_page_json
from pos_member.headoffice.device_keys import chain_code
from pos_member.headoffice.push import TerminalIdentity, apply_batch, load_rules, record_refusal
from pos_member.headoffice.settings import HQSettings
from pos_member.headoffice.validate import EventRefused
from pos_member.wire.schemas import (
    API_PREFIX,
    MAX_PAGE,
    REPORT_BACKLOG,
    REPORT_CLOCK,
    REPORT_VERSION,
    EnrolRequest,
    EnrolResponse,
    PullPage,
    PushRequest,
    PushResponse,
    entities_for,
)

TESTED_IN = "tests/headoffice/test_push_kinds.py, tests/headoffice/test_enrolment.py"

log = logging.getLogger(__name__)

RULES_TTL_S = 5.0


def sync_router(settings: HQSettings, begin: Begin, errors: Errors) -> APIRouter:
    router = APIRouter(prefix=API_PREFIX, tags=["sync"])
    block = settings.member_id_block
    state: dict[str, Any] = {"rules_at": 0.0, "seen": {}}

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

    @router.get("/health")
    def health() -> dict[str, str]:
        with begin() as conn:
            conn.execute(text("SELECT 1"))
        return {"status": "ok"}

    @router.post("/enrol", response_model=EnrolResponse, responses=errors)
    def enrol_terminal(req: EnrolRequest) -> EnrolResponse:
        with begin() as conn:
            who, token = enrol(conn, req.code, req.terminal_id, block)
            chain = chain_code(conn)
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
            chain_code=chain,
        )

    def report(conn: Connection, key: str, request: Request, now: str) -> None:
        h = request.headers
        terminal_reports.record(
            conn, key, now, version=h.get(REPORT_VERSION), backlog=h.get(REPORT_BACKLOG),
            clock=h.get(REPORT_CLOCK),
        )  # fmt: skip

    @router.post("/sync/push", response_model=PushResponse, responses=errors)
    def push(
        req: PushRequest, request: Request, authorization: Annotated[str | None, Header()] = None
    ) -> PushResponse:
        now = utcnow()
        who: TerminalIdentity | None = None
        try:
            try:
                with begin() as conn:
                    who = authenticate(conn, authorization, block)
                    seen(conn, who.key, now)
                    report(conn, who.key, request, now)
                    results = apply_batch(conn, who, req.events, now, rules_cache(conn))
            except EventRefused as exc:
                if exc.code != "rules.unknown":
                    raise
                # Rules published after our cache was filled: reload them and try once more.
                state["rules_at"] = 0.0
                with begin() as conn:
                    who = authenticate(conn, authorization, block)
                    seen(conn, who.key, now)
                    results = apply_batch(conn, who, req.events, now, rules_cache(conn))
        except EventRefused as exc:
            if who is not None and exc.event_id and exc.status < 500:
                # Nothing of the batch was written; the refused event is listed for review.
                with begin() as conn:
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

    @router.get("/sync/pull", response_model=PullPage, responses=errors)
    def pull(
        request: Request,
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
        with begin() as conn:
            who = authenticate(conn, authorization, block)
            report(conn, who.key, request, utcnow())
            if conn.dialect.name == "postgresql":
                body = read_page_json(conn, cursor, limit, with_remaining, kinds)
                return Response(content=body, media_type="application/json")  # type: ignore[return-value]
            page = read_page(conn, cursor, limit, with_remaining, kinds)
        return PullPage(
            changes=page.changes, cursor=page.cursor, more=page.more, remaining=page.remaining
        )

    return router
