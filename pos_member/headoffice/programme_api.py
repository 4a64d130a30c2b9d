"""The managers' programme endpoints: read and publish rules versions, create coupons
(``programme.py`` keeps the rules; this module only speaks HTTP)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter
from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from pos_member.headoffice import programme
from pos_member.headoffice.api_common import Admin, Begin, Errors, managers_router
from pos_member.wire.schemas import MemberId

TESTED_IN = "tests/headoffice/test_programme.py"

DATE_RE = r"^\d{4}-\d{2}-\d{2}$"


Name = Annotated[str, StringConstraints(min_length=1, max_length=64, strip_whitespace=True)]


class CouponScope(BaseModel):
    """Which lines a coupon takes: these SKUs, categories and brands (none: every line
    that takes coupons)."""

    model_config = ConfigDict(extra="forbid")
    skus: Annotated[list[Name], Field(max_length=500)] = []
    categories: Annotated[list[Name], Field(max_length=100)] = []
    brands: Annotated[list[Name], Field(max_length=100)] = []


class CouponRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    code: Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9-]{3,32}$")]
    member_id: MemberId | None = None
    name: Annotated[str, StringConstraints(max_length=64)] = ""
    kind: Annotated[str, StringConstraints(pattern=r"^(amount_off|percent_off)$")]
    value_fen: Annotated[int, Field(ge=0, le=10**9)] = 0
    rate: Annotated[str, StringConstraints(pattern=r"^0?\.\d{1,4}$|^1$")] = "1"
    min_spend_fen: Annotated[int, Field(ge=0, le=10**10)] = 0
    valid_from: Annotated[str, StringConstraints(pattern=DATE_RE)]
    valid_until: Annotated[str, StringConstraints(pattern=DATE_RE)]
    stackable: bool = False
    scope: CouponScope = CouponScope()
    #: A percent-off coupon's most off, in fen (0: no cap).
    cap_fen: Annotated[int, Field(ge=0, le=10**9)] = 0


class RulesRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    effective_from: Annotated[str, StringConstraints(pattern=DATE_RE)]
    #: The last day of the version (inclusive); none: until a later version starts.
    effective_until: Annotated[str, StringConstraints(pattern=DATE_RE)] | None = None
    document: dict[str, Any]


def programme_router(begin: Begin, admin: Admin, errors: Errors) -> APIRouter:
    router = managers_router(admin, errors)

    @router.get("/rules")
    def get_rules() -> dict[str, Any]:
        with begin() as conn:
            return programme.latest_rules(conn)

    @router.post("/rules")
    def publish_rules(req: RulesRequest) -> dict[str, Any]:
        with begin() as conn:
            version = programme.publish_rules(
                conn, req.document, req.effective_from, req.effective_until
            )
        return {"version": version}

    @router.post("/coupons")
    def create_coupon(req: CouponRequest) -> dict[str, Any]:
        with begin() as conn:
            programme.create_coupon(
                conn, {**req.model_dump(), "scope": req.scope.model_dump(exclude_defaults=True)}
            )
        return {"code": req.code}

    return router
