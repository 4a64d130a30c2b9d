"""The managers' member endpoints: read a member, report a card lost, replace a card
(``members.py`` keeps the rules; this module only speaks HTTP)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated

from fastapi import APIRouter, Path
from pydantic import BaseModel, ConfigDict, StringConstraints

from pos_member.headoffice import members, privacy
from pos_member.headoffice.api_common import Admin, Begin, Errors, managers_router
from pos_member.headoffice.members import MemberView
from pos_member.wire.schemas import CardNumber

TESTED_IN = "tests/sync/test_convergence.py"

CARD_RE = r"^[0-9A-Za-z]{4,32}$"


class BlockRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    reason: Annotated[str, StringConstraints(max_length=128)] = ""


class ReplaceRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    new_card_number: CardNumber
    new_card_uid: Annotated[str, StringConstraints(pattern=r"^[0-9A-F]{8,32}$")] | None = None
    kind: Annotated[str, StringConstraints(max_length=16)] = "barcode"


def members_router(begin: Begin, admin: Admin, errors: Errors) -> APIRouter:
    router = managers_router(admin, errors)

    @router.get("/members/{member_id}", response_model=MemberView)
    def get_member(member_id: Annotated[int, Path(ge=0, le=2**62)]) -> MemberView:
        with begin() as conn:
            view = members.member_view(conn, member_id)
            privacy.note(conn, "member.view", member_id, {"by": "api"}, datetime.now(UTC))
            return view

    @router.post("/cards/{number}/block", response_model=MemberView)
    def block_card(number: Annotated[str, Path(pattern=CARD_RE)], req: BlockRequest) -> MemberView:
        with begin() as conn:
            return members.card_action(conn, number, "report_lost", {})

    @router.post("/cards/{number}/replace", response_model=MemberView)
    def replace_card(
        number: Annotated[str, Path(pattern=CARD_RE)], req: ReplaceRequest
    ) -> MemberView:
        with begin() as conn:
            return members.replace_card(
                conn, number, req.new_card_number, req.new_card_uid, req.kind
            )

    return router
