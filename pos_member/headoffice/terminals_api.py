"""The managers' endpoints for terminals: enrolment codes, list, revoke, and approve a
replacement.

A replacement is a one-time code for the existing terminal id (a new PC for
the till): enrolling with it gives the terminal a new secret and keeps its
member-id block. A revoked terminal stays revoked.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query
from pydantic import BaseModel, ConfigDict, StringConstraints

from pos_member.headoffice.api_common import Admin, Begin, Errors, managers_router
from pos_member.headoffice.auth import list_terminals, new_enrol_code, revoke_terminal
from pos_member.headoffice.settings import HQSettings
from pos_member.wire.schemas import StoreIdStr, TerminalIdStr

TESTED_IN = "tests/headoffice/test_enrolment.py"

KEY_RE = r"^[A-Za-z0-9_-]{1,16}-[A-Z0-9]{1,8}$"


class EnrolCodeRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    #: The terminal the code enrols: a new one, or (``replaces``) an existing one.
    terminal_id: TerminalIdStr
    replaces: bool = False


class EnrolCodeResponse(BaseModel):
    store_id: str
    code: str
    terminal_id: str | None = None
    replaces: bool = False


class RevokeRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    reason: Annotated[str, StringConstraints(max_length=128)] = ""


class TerminalView(BaseModel):
    key: str
    store_id: str
    terminal_id: str
    enrolled_at: str
    revoked: bool
    last_seen_at: str | None
    member_id_base: int


def _split(key: str) -> tuple[str, str]:
    store_id, _, terminal_id = key.rpartition("-")
    return store_id, terminal_id


def terminals_router(settings: HQSettings, begin: Begin, admin: Admin, errors: Errors) -> APIRouter:
    router = managers_router(admin, errors)

    @router.get("/terminals", response_model=list[TerminalView])
    def terminals(store_id: Annotated[StoreIdStr | None, Query()] = None) -> list[TerminalView]:
        with begin() as conn:
            return [TerminalView(**row) for row in list_terminals(conn, store_id)]

    @router.post("/terminals/{key}/revoke", response_model=TerminalView)
    def revoke(key: Annotated[str, Path(pattern=KEY_RE)], req: RevokeRequest) -> TerminalView:
        with begin() as conn:
            revoke_terminal(conn, key, req.reason)
            (row,) = [r for r in list_terminals(conn, _split(key)[0]) if r["key"] == key]
            return TerminalView(**row)

    @router.post("/terminals/{key}/replace", response_model=EnrolCodeResponse)
    def replace(key: Annotated[str, Path(pattern=KEY_RE)]) -> EnrolCodeResponse:
        store_id, terminal_id = _split(key)
        with begin() as conn:
            code = new_enrol_code(
                conn, store_id, settings.enrol_code_hours, terminal_id, replaces=True
            )
        return EnrolCodeResponse(
            store_id=store_id, code=code, terminal_id=terminal_id, replaces=True
        )

    return router


def enrol_codes_router(
    settings: HQSettings, begin: Begin, admin: Admin, errors: Errors
) -> APIRouter:
    """A one-time code that enrols a terminal of a store (a new one, or a replacement)."""
    router = managers_router(admin, errors)

    @router.post("/stores/{store_id}/enrol-codes", response_model=EnrolCodeResponse)
    def make_enrol_code(
        store_id: Annotated[str, Path(pattern=r"^[A-Za-z0-9_-]{1,16}$")],
        req: EnrolCodeRequest,
    ) -> EnrolCodeResponse:
        with begin() as conn:
            code = new_enrol_code(
                conn, store_id, settings.enrol_code_hours, req.terminal_id, replaces=req.replaces
            )
        return EnrolCodeResponse(
            store_id=store_id, code=code, terminal_id=req.terminal_id, replaces=req.replaces
        )

    return router
