"""The staff head office knows: the cashiers, supervisors and managers whose
approvals the tills' events carry. Every change is audited in ``admin_log``."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, select, update
from sqlalchemy import insert as sa_insert

from pos_member.headoffice import models as m
from pos_member.headoffice.auth import utcnow


def put_staff(conn: Connection, staff_id: str, name: str, role: str, active: bool) -> None:
    """Register staff member ``staff_id``, or change their name, role or activity."""
    now = utcnow()
    values = {"name": name, "role": role, "active": active, "updated_at": now}
    done = conn.execute(update(m.StaffRow).where(m.StaffRow.id == staff_id).values(**values))
    if not done.rowcount:
        conn.execute(sa_insert(m.StaffRow).values(id=staff_id, **values))
    conn.execute(
        sa_insert(m.AdminNote).values(
            at=now, action="staff.put", subject=staff_id,
            detail={"role": role, "active": active},
        )
    )  # fmt: skip


def list_staff(conn: Connection) -> list[Any]:
    """Every staff row, by id."""
    return list(conn.execute(select(m.StaffRow).order_by(m.StaffRow.id)).all())
