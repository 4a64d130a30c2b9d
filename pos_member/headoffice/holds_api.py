"""The holds endpoints: a till asks for a hold before a payment, and releases one it
will not use (``holds.py`` keeps the rules; this module only speaks HTTP)."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Header, Path
from sqlalchemy import Connection

from pos_member.headoffice import holds
from pos_member.headoffice.auth import authenticate
from pos_member.headoffice.settings import HQSettings
from pos_member.wire.holds import HOLDS_PATH, HoldRequest, HoldResponse, HoldState
from pos_member.wire.schemas import API_PREFIX, UUID_RE


def holds_router(
    settings: HQSettings,
    begin: Callable[[], AbstractContextManager[Connection]],
    errors: dict[int | str, dict[str, Any]],
) -> APIRouter:
    router = APIRouter(prefix=API_PREFIX + HOLDS_PATH, tags=["sync"], responses=errors)
    block = settings.member_id_block

    @router.post("", response_model=HoldResponse)
    def place_hold(
        req: HoldRequest, authorization: Annotated[str | None, Header()] = None
    ) -> HoldResponse:
        """Hold a member's stored value and points for one sale, or say what could be held."""
        with begin() as conn:
            who = authenticate(conn, authorization, block)
            return holds.place(
                conn, who.key, who.store_id, req, datetime.now(UTC), settings.hold_ttl_s
            )

    @router.post("/{hold_id}/release", response_model=HoldState)
    def release_hold(
        hold_id: Annotated[str, Path(pattern=UUID_RE)],
        authorization: Annotated[str | None, Header()] = None,
    ) -> HoldState:
        """Release a hold this terminal will not use (payment failed, sale voided)."""
        with begin() as conn:
            who = authenticate(conn, authorization, block)
            return holds.release(conn, who.key, hold_id, datetime.now(UTC))

    return router
