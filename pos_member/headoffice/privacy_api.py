"""The managers' privacy endpoints (PIPL): a member's consents, data package, closure and
access audit, and marketing campaigns. The rules are ``privacy``'s and ``notify``'s; this
module only speaks HTTP.

- ``GET /members/{id}/consents``, ``POST /members/{id}/consents`` (give or withdraw one)
- ``GET /members/{id}/export?format=json|pdf`` (the data package; request and
  completion audited in ``admin_log``)
- ``POST /members/{id}/close`` (erased, or restricted while a law keeps records;
  409 ``privacy.refund_first`` while stored value is left: 请先退卡)
- ``GET /members/{id}/access`` (who viewed, exported or changed the record)
- ``POST /campaigns`` (a marketing message to every member who consented)
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Path, Query
from fastapi.responses import Response
from pydantic import BaseModel, ConfigDict, StrictBool, StringConstraints

from pos_member.headoffice import notify, privacy
from pos_member.headoffice.api_common import Admin, Begin, Errors, managers_router

TESTED_IN = "tests/headoffice/test_privacy.py"

MemberIdPath = Annotated[int, Path(ge=0, le=2**62)]
Who = Annotated[str, StringConstraints(min_length=1, max_length=64, pattern=r"^[^\x00-\x1f]+$")]


class ConsentRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    purpose: Literal["membership", "marketing", "sensitive", "guardian", "balance_sms"]
    granted: StrictBool
    #: The version of the consent text the member saw.
    version: Annotated[str, StringConstraints(pattern=r"^[0-9A-Za-z_.-]{1,16}$")]
    channel: Literal["till", "console", "member_page", "api"] = "api"
    #: Who took it (a staff member's name or id).
    taken_by: Who
    #: A guardian's relation to the child (``guardian`` only).
    relation: Annotated[str, StringConstraints(max_length=32)] = ""


class CloseRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    taken_by: Who
    channel: Literal["till", "console", "member_page", "api"] = "api"


class CampaignRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    key: Annotated[str, StringConstraints(pattern=r"^[0-9A-Za-z_.-]{1,48}$")]
    text: Annotated[str, StringConstraints(min_length=1, max_length=300)]


class ConsentRow(BaseModel):
    id: int
    purpose: str
    granted: bool
    version: str
    at: str
    channel: str
    taken_by: str | None
    detail: dict[str, Any] | None


class Consents(BaseModel):
    member_id: int
    status: str
    consents: dict[str, bool | None]
    needs_guardian: bool = False
    history: list[ConsentRow] = []


class Closed(BaseModel):
    member_id: int
    status: str
    retain_until: str | None


class AccessRow(BaseModel):
    at: str
    via: str
    who: str
    action: str
    client: str | None


class Queued(BaseModel):
    queued: int


def _now() -> datetime:
    return datetime.now(UTC)


def privacy_router(begin: Begin, admin: Admin, errors: Errors) -> APIRouter:
    router = managers_router(admin, errors)

    def consents(conn: Any, member_id: int) -> Consents:
        state = privacy.consent_state(conn, member_id)
        row = privacy.member_row(conn, member_id)
        return Consents(
            member_id=member_id,
            status=row.status,
            consents={p: None if r is None else bool(r["granted"]) for p, r in state.items()},
            needs_guardian=row.status not in privacy.CLOSED
            and privacy.needs_guardian(conn, member_id, _now().date()),
            history=[ConsentRow(**h) for h in privacy.consent_history(conn, member_id)],
        )

    @router.get("/members/{member_id}/consents", response_model=Consents)
    def get_consents(member_id: MemberIdPath) -> Consents:
        with begin() as conn:
            return consents(conn, member_id)

    @router.post("/members/{member_id}/consents", response_model=Consents)
    def post_consent(member_id: MemberIdPath, req: ConsentRequest) -> Consents:
        with begin() as conn:
            privacy.record_consent(
                conn,
                member_id,
                req.purpose,
                req.granted,
                version=req.version,
                channel=req.channel,
                taken_by=req.taken_by,
                now=_now(),
                detail={"relation": req.relation} if req.relation else None,
            )
            return consents(conn, member_id)

    @router.get(
        "/members/{member_id}/export",
        responses={200: {"content": {"application/json": {}, "application/pdf": {}}}},
    )
    def export(
        member_id: MemberIdPath,
        format: Annotated[Literal["json", "pdf"], Query()] = "json",
        by: Annotated[str, Query(max_length=64)] = "api",
    ) -> Response:
        with begin() as conn:
            pkg = privacy.export_member(conn, member_id, now=_now(), by=by, channel="api")
        name = f"member-{member_id}"
        if format == "pdf":
            return Response(
                privacy.package_pdf(pkg),
                media_type="application/pdf",
                headers={"Content-Disposition": f'attachment; filename="{name}.pdf"'},
            )
        body = json.dumps(pkg, ensure_ascii=False, indent=1, default=str)
        return Response(
            body.encode(),
            media_type="application/json",
            headers={"Content-Disposition": f'attachment; filename="{name}.json"'},
        )

    @router.post("/members/{member_id}/close", response_model=Closed)
    def close(member_id: MemberIdPath, req: CloseRequest) -> Closed:
        with begin() as conn:
            done = privacy.close_membership(
                conn, member_id, now=_now(), taken_by=req.taken_by, channel=req.channel
            )
        return Closed(**done)

    @router.get("/members/{member_id}/access", response_model=list[AccessRow])
    def access(member_id: MemberIdPath) -> list[AccessRow]:
        with begin() as conn:
            privacy.member_row(conn, member_id)
            return [
                AccessRow(**{**r, "at": str(r["at"])}) for r in privacy.access_log(conn, member_id)
            ]

    @router.post("/campaigns", response_model=Queued)
    def campaign(req: CampaignRequest) -> Queued:
        with begin() as conn:
            n = notify.queue_campaign(conn, req.key, req.text, _now().isoformat())
        return Queued(queued=n)

    return router
