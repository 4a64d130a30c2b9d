"""The head-office HTTP API (FastAPI): enrolment, push, pull, and the managers' API.

``create_app(settings)`` composes it: the database (opened when the app starts;
nothing is created at import time), the error handlers, one router per area and
the middleware. Each router is an ``<area>_api.py`` module that only speaks HTTP;
the rules live in the head-office modules they call. Every refusal is a JSON body
``{"code": ..., "detail": ...}`` (``api_common``).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Annotated, Any

from fastapi import FastAPI, Header
from sqlalchemy import Engine
from sqlalchemy import insert as sa_insert

from pos_member.headoffice import models as m
from pos_member.headoffice.api_common import ERRORS, install_error_handlers
from pos_member.headoffice.auth import check_admin, utcnow
from pos_member.headoffice.console.routes import console_router, throttled_page
from pos_member.headoffice.db import open_database
from pos_member.headoffice.holds_api import holds_router
from pos_member.headoffice.limits import BodyLimit, Limiter, LimitMiddleware
from pos_member.headoffice.member_web import MemberWebConfig
from pos_member.headoffice.member_web_api import member_web_router
from pos_member.headoffice.members_api import members_router
from pos_member.headoffice.prepaid_api import prepaid_router
from pos_member.headoffice.privacy_api import privacy_router
from pos_member.headoffice.programme_api import programme_router
from pos_member.headoffice.reports_api import reports_router
from pos_member.headoffice.sales_api import sales_router
from pos_member.headoffice.settings import HQSettings
from pos_member.headoffice.staff_api import staff_router
from pos_member.headoffice.sync_api import sync_router
from pos_member.headoffice.terminals_api import enrol_codes_router, terminals_router
from pos_member.wire.schemas import API_PREFIX

TESTED_IN = "tests/headoffice/test_schemathesis.py"


def create_app(
    settings: HQSettings, engine: Engine | None = None, member_web: MemberWebConfig | None = None
) -> FastAPI:
    state: dict[str, Engine] = {}

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
    install_error_handlers(app)

    def begin() -> Any:
        return state["engine"].begin()

    def admin(authorization: Annotated[str | None, Header()] = None) -> None:
        check_admin(settings.admin_token, authorization)

    app.include_router(sync_router(settings, begin, ERRORS))
    app.include_router(members_router(begin, admin, ERRORS))
    app.include_router(programme_router(begin, admin, ERRORS))
    app.include_router(reports_router(begin, admin, ERRORS))
    app.include_router(staff_router(begin, admin, ERRORS))
    app.include_router(enrol_codes_router(settings, begin, admin, ERRORS))
    app.include_router(holds_router(settings, begin, ERRORS))
    app.include_router(sales_router(settings, begin, ERRORS))
    app.include_router(terminals_router(settings, begin, admin, ERRORS))
    app.include_router(prepaid_router(settings, begin, admin, ERRORS))
    app.include_router(privacy_router(begin, admin, ERRORS))
    app.include_router(console_router(settings, begin))
    app.include_router(
        member_web_router(begin, member_web or MemberWebConfig.from_env(), settings.member_id_block)
    )
    app.add_middleware(BodyLimit, limit=settings.max_body_bytes)

    def audit_lockout(client: str, failures: int) -> None:
        with begin() as conn:
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
        LimitMiddleware, limiter=limiter, enrol_path=f"{API_PREFIX}/enrol",
        on_lockout=audit_lockout, page=throttled_page,
    )  # fmt: skip
    return app


def app_from_env() -> FastAPI:
    """App factory for ``uvicorn --factory`` and several worker processes (settings from env)."""
    return create_app(HQSettings())
