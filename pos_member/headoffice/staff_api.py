"""The managers' staff endpoints (``staff.py`` keeps the rules; this module only
speaks HTTP)."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Path
from pydantic import BaseModel, ConfigDict

from pos_member.headoffice import staff
from pos_member.headoffice.api_common import Admin, Begin, Errors, managers_router
from pos_member.wire.schemas import Name, StrictBool

TESTED_IN = "tests/headoffice/test_staff.py"


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


def staff_router(begin: Begin, admin: Admin, errors: Errors) -> APIRouter:
    router = managers_router(admin, errors)

    @router.put("/staff/{staff_id}", response_model=StaffView)
    def put_staff(
        staff_id: Annotated[str, Path(pattern=r"^[0-9A-Za-z]{1,16}$")], req: StaffRequest
    ) -> StaffView:
        """Register or change a staff member whose approvals the tills' events carry."""
        with begin() as conn:
            staff.put_staff(conn, staff_id, req.name, req.role, req.active)
        return StaffView(id=staff_id, name=req.name, role=req.role, active=req.active)

    @router.get("/staff", response_model=list[StaffView])
    def list_staff() -> list[StaffView]:
        with begin() as conn:
            rows = staff.list_staff(conn)
        return [StaffView(id=r.id, name=r.name, role=r.role, active=r.active) for r in rows]

    return router
