"""A member's personal information at this till (issue 18, PIPL; docs/privacy.md).

- ``member_package``: the till's local part of everything it holds about a member
  (the profile with the full name and phone opened for the manager, cards, every
  ledger, sales with their lines and tenders, coupons, tier history, consents,
  pending events, and the access audit: who viewed or exported the record here).
  The tables are found from the schema (every table with a ``member_id`` column,
  and the rows of the member's sales), so a new table is not forgotten.
- ``export_member_data``: that package written as JSON and as a readable PDF
  (reportlab), audited (``member.export``) in the same transaction.
- ``withdraw_consent``: the member withdraws a consent (marketing messages, say) at
  the manager window; head office gets a ``consent_changed`` event and stops what
  depended on it chain-wide; the till audits it.
- ``access_audit``: who viewed or exported the member at this till (append-only).

Only a manager sees or exports full details; every such view is audited.
"""

from __future__ import annotations

import json
import logging
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Table, select
from sqlalchemy.orm import Session

from pos_member.domain.errors import NotAllowed, UnknownCard, ValidationError
from pos_member.domain.events import EventKind
from pos_member.domain.text import phrase
from pos_member.sealing import Sealer
from pos_member.services.context import Context, Role, StaffSession
from pos_member.services.members import CONSENT_VERSION
from pos_member.store import (
    models_manager,  # noqa: F401  (every table must be registered: member_tables)
    models_member_code,  # noqa: F401
    models_prepaid,  # noqa: F401
    models_sync,  # noqa: F401
    pii,
)
from pos_member.store.models import AuditEntry, Base, Member, OutboxEvent, Sale

TESTED_IN = "tests/manager/test_privacy_till.py"

log = logging.getLogger(__name__)

#: Purposes a member may withdraw at the till (head office keeps the whole list).
PURPOSES = ("marketing", "balance_sms")
#: Audit actions that are an access to a member's record.
ACCESS_ACTIONS = ("member.view_full", "member.export")
#: Columns never put in a package: secrets and keyed hashes (they say nothing to a
#: person and would help guess the values they index).
_NEVER = frozenset({"pay_pin_hash", "id_sealed", "id_index"})


@dataclass(frozen=True, slots=True)
class ExportResult:
    member_id: int
    json_path: Path
    pdf_path: Path
    tables: tuple[str, ...]


def _require_manager(staff: StaffSession, action: str) -> None:
    if staff.role < Role.MANAGER:
        raise NotAllowed(action=action, role=Role.MANAGER.label)


def member_tables() -> list[Table]:
    """Every table of the till's schema that names a member by ``member_id``."""
    return [t for t in Base.metadata.sorted_tables if "member_id" in t.c]


def sale_tables() -> list[Table]:
    """Tables whose rows belong to a sale (``sale_id`` referencing ``sales``)."""
    out = []
    for t in Base.metadata.sorted_tables:
        col = t.c.get("sale_id")
        if col is not None and any(fk.column.table.name == "sales" for fk in col.foreign_keys):
            out.append(t)
    return out


def _plain(v: Any) -> Any:
    if isinstance(v, bytes | memoryview):
        return bytes(v).hex()
    return v


def _rows(s: Session, table: Table, where: Any) -> list[dict[str, Any]]:
    cols = [c for c in table.c if c.name not in _NEVER]
    order = list(table.primary_key.columns)
    return [
        {k: _plain(v) for k, v in row._mapping.items()}
        for row in s.execute(select(*cols).where(where).order_by(*order))
    ]


def _profile(m: Member, sealer: Sealer) -> dict[str, Any]:
    return {
        "member_id": m.id,
        "name": pii.full_name(sealer, m.name_sealed),
        "phone": pii.full_phone(sealer, m.phone_sealed),
        "name_masked": m.name_masked,
        "phone_masked": m.phone_masked,
        "birthday": m.birthday,
        "tier_code": m.tier_code,
        "joined_on": m.joined_on,
        "status": m.status,
        "sv_principal_fen": m.sv_principal_fen,
        "sv_bonus_fen": m.sv_bonus_fen,
        "points_balance": m.points_balance,
        "has_pay_pin": m.pay_pin_hash is not None,
        "sv_closed_on": m.sv_closed_on,
        "updated_at": m.updated_at,
    }


def _member_events(s: Session, sealer: Sealer, member_id: int) -> list[dict[str, Any]]:
    """The outbox events about the member (head office got or will get them)."""
    out = []
    for e in s.scalars(select(OutboxEvent).order_by(OutboxEvent.seq)):
        payload = e.payload if isinstance(e.payload, dict) else {}
        if payload.get("member_id") != member_id:
            continue
        out.append(
            {
                "id": e.id,
                "kind": e.kind,
                "created_at": e.created_at,
                "sent_at": e.sent_at,
                "payload": pii.open_payload(sealer, payload),
            }
        )
    return out


def _audit_rows(s: Session, member_id: int) -> list[dict[str, Any]]:
    out = []
    for a in s.scalars(select(AuditEntry).order_by(AuditEntry.id)):
        members = (a.detail or {}).get("members") if isinstance(a.detail, dict) else None
        if a.subject == str(member_id) or (isinstance(members, list) and member_id in members):
            out.append(
                {
                    "at": a.at,
                    "terminal_id": a.terminal_id,
                    "staff_id": a.staff_id,
                    "approved_by": a.approved_by,
                    "action": a.action,
                    "event_id": a.event_id,
                    "detail": a.detail,
                }
            )
    return out


def _package(s: Session, sealer: Sealer, member_id: int, now: str, terminal: str) -> dict[str, Any]:
    m = s.get(Member, member_id)
    if m is None:
        raise UnknownCard(number=str(member_id))
    tables: dict[str, list[dict[str, Any]]] = {}
    for t in member_tables():
        tables[t.name] = _rows(s, t, t.c.member_id == member_id)
    sale_ids = [r["id"] for r in tables.get(Sale.__tablename__, [])]
    for t in sale_tables():
        if "member_id" not in t.c:
            tables[t.name] = _rows(s, t, t.c.sale_id.in_(sale_ids)) if sale_ids else []
    for row in tables.get("real_name_records", []):
        # The buyer's name and contact, opened for the member (sealed at rest, 0124).
        row["name"] = pii.open_or_empty(sealer, row.pop("name_sealed", None), pii.REAL_NAME)
        row["contact"] = pii.open_or_empty(
            sealer, row.pop("contact_sealed", None), pii.REAL_CONTACT
        )
    audit = _audit_rows(s, member_id)
    return {
        "kind": "pos-member till data package",
        "generated_at": now,
        "terminal_id": terminal,
        "member": _profile(m, sealer),
        "tables": tables,
        "events": _member_events(s, sealer, member_id),
        "audit": audit,
        "access_audit": [a for a in audit if a["action"] in ACCESS_ACTIONS],
    }


def member_package(ctx: Context, staff: StaffSession, member_id: int) -> dict[str, Any]:
    """The till's local part of the member's data (a manager's view: audited)."""
    _require_manager(staff, phrase("Exporting a member's data"))
    with ctx.store.unit_of_work(ctx.terminal_id, ctx.now_iso()) as uow:
        pkg = _package(uow.session, ctx.store.sealer, member_id, uow.now, ctx.terminal_id)
        uow.audit(
            "member.view_full",
            staff_id=staff.staff_id,
            subject=str(member_id),
            detail={"members": [member_id], "how": "data package"},
        )
    return pkg


def _write_private(path: Path, data: bytes) -> None:
    """The file readable by the till's user only (it holds the member's full details)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)


def export_member_data(
    ctx: Context, staff: StaffSession, member_id: int, folder: Path
) -> ExportResult:
    """Write the member's data package here as JSON and PDF; audited as ``member.export``
    with the files' names, in the same transaction (no export without its audit row)."""
    _require_manager(staff, phrase("Exporting a member's data"))
    folder.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    try:
        with ctx.store.unit_of_work(ctx.terminal_id, ctx.now_iso()) as uow:
            pkg = _package(uow.session, ctx.store.sealer, member_id, uow.now, ctx.terminal_id)
            stamp = uow.now[:19].replace(":", "").replace("-", "")
            base = folder / f"member-{member_id}-{stamp}"
            json_path, pdf_path = base.with_suffix(".json"), base.with_suffix(".pdf")
            _write_private(json_path, json.dumps(pkg, ensure_ascii=False, indent=2).encode())
            written.append(json_path)
            from pos_member.reports.member_package_pdf import render_package_pdf

            _write_private(pdf_path, render_package_pdf(pkg))
            written.append(pdf_path)
            uow.audit(
                "member.export",
                staff_id=staff.staff_id,
                subject=str(member_id),
                detail={
                    "members": [member_id],
                    "files": [json_path.name, pdf_path.name],
                    "tables": sorted(pkg["tables"]),
                },
            )
    except BaseException:
        for p in written:
            p.unlink(missing_ok=True)
        raise
    log.info("member %s: data package exported by %s", member_id, staff.staff_id)
    return ExportResult(member_id, json_path, pdf_path, tuple(sorted(pkg["tables"])))


def withdraw_consent(
    ctx: Context,
    staff: StaffSession,
    member_id: int,
    purpose: str = "marketing",
    *,
    channel: str = "till",
) -> str:
    """The member withdraws ``purpose`` at the counter (the manager window); head office
    gets ``consent_changed`` (granted false) and stops it everywhere. Returns the event id.
    Withdrawing is as easy as giving: any manager, no further condition."""
    _require_manager(staff, phrase("Recording a consent"))
    if purpose not in PURPOSES:
        raise ValidationError(
            field="consent purpose", problem="'{purpose}' cannot be withdrawn here", purpose=purpose
        )
    with ctx.store.unit_of_work(ctx.terminal_id, ctx.now_iso()) as uow:
        m = uow.session.get(Member, member_id)
        if m is None:
            raise UnknownCard(number=str(member_id))
        event_id = uow.outbox(
            EventKind.CONSENT_CHANGED,
            {
                "member_id": member_id,
                "purpose": purpose,
                "granted": False,
                "channel": channel,
                "text_version": CONSENT_VERSION,
                "at": uow.now,
            },
        )
        uow.audit(
            "member.consent_withdrawn",
            staff_id=staff.staff_id,
            subject=str(member_id),
            event_id=event_id,
            detail={"purpose": purpose, "channel": channel},
        )
    return event_id


def access_audit(ctx: Context, member_id: int) -> list[dict[str, Any]]:
    """Who viewed or exported the member's full record at this till, oldest first."""
    with ctx.store.reading() as s:
        return [a for a in _audit_rows(s, member_id) if a["action"] in ACCESS_ACTIONS]
