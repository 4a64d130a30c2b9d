"""What every head-office router shares: the documented refusals, the one answer to
a request that does not validate, and the exception handlers that turn refusals
into ``{"code": ..., "detail": ...}`` bodies.

Statuses: 401 unauthenticated, 403 outside the terminal's store, 404 unknown,
409 a changed replay, 413 too large, 422 malformed or inconsistent, 503 retry later.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager
from typing import Any

from fastapi import APIRouter, Depends, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy import Connection
from sqlalchemy.exc import DataError, OperationalError
from starlette.exceptions import HTTPException as StarletteHTTPException

from pos_member.headoffice.validate import EventRefused
from pos_member.wire.schemas import API_PREFIX, ErrorBody

TESTED_IN = "tests/headoffice/test_hostile_till.py"

log = logging.getLogger(__name__)

#: Opens one transaction on head office's database (``with begin() as conn``).
Begin = Callable[[], AbstractContextManager[Connection]]

#: The managers' check (their token), a dependency of every managers' operation.
Admin = Callable[..., None]

#: The refusals an operation documents, by status.
Errors = dict[int | str, dict[str, Any]]

#: The refusals every operation documents (each an ``ErrorBody``).
ERRORS: Errors = {s: {"model": ErrorBody} for s in (400, 401, 403, 404, 409, 413, 422, 429, 503)}

_NAME = re.compile(r"^[a-z_]{1,32}$")
_QUOTED = re.compile(r"`[^`]*`|'[^']{40,}'")


def managers_router(admin: Admin, errors: Errors) -> APIRouter:
    """A router of managers' operations: under the API prefix, tagged, each refused
    without the managers' token and documenting ``errors``."""
    return APIRouter(
        prefix=API_PREFIX, tags=["managers"], responses=errors, dependencies=[Depends(admin)]
    )


def said(text: str) -> str:
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
        parts.append(f"{where or 'body'}: {said(str(err.get('msg', 'invalid')))}")
    more = f" (and {len(errors) - 3} more)" if len(errors) > 3 else ""
    return 422, {"code": code, "detail": "; ".join(parts) + more}


def install_error_handlers(app: FastAPI) -> None:
    """Every refusal of ``app`` as an ``ErrorBody`` with its status."""

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
            {"code": f"http.{exc.status_code}", "detail": said(detail)},
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
