"""Issue 18 at the till: a member's local data package, consent withdrawal, access audit.

Real SQLite store, the real services; the PDF is read back with pdftotext.
"""

from __future__ import annotations

import json
import sqlite3
import stat
import subprocess
from pathlib import Path

import pytest
from sqlalchemy import select

from pos_member.domain.errors import NotAllowed
from pos_member.services import privacy
from pos_member.store.models import AuditEntry, OutboxEvent
from pos_member.wire.schemas import ConsentChangedPayload, Event, EventKind
from tests.conftest import require_tool
from tests.manager.conftest import Desk
from tests.manager.helpers import add_product, buy, recharge, register

NAME, PHONE = "欧阳娜娜", "13700000004"


def _member(desk: Desk) -> int:
    add_product(desk.ctx)
    mid = register(desk.ctx, desk.cashier, PHONE, name=NAME).member_id
    recharge(desk.ctx, desk.supervisor, mid, 500)
    buy(desk.ctx, desk.cashier, mid, 1)
    return mid


def _tables_naming_members(db: Path) -> set[str]:
    """From the file itself, not the models: every table with a ``member_id`` column."""
    conn = sqlite3.connect(db)
    try:
        names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return {
            t
            for t in names
            if any(c[1] == "member_id" for c in conn.execute(f'PRAGMA table_info("{t}")'))
        }
    finally:
        conn.close()


def test_export_holds_every_table_that_names_the_member_as_json_and_pdf(
    desk: Desk, tmp_path: Path
) -> None:
    mid = _member(desk)
    out = privacy.export_member_data(desk.ctx, desk.manager, mid, tmp_path / "exports")
    pkg = json.loads(out.json_path.read_text(encoding="utf-8"))
    assert pkg["member"]["name"] == NAME and pkg["member"]["phone"] == PHONE
    # Every table of the database that names a member is in the package.
    naming = _tables_naming_members(Path(desk.ctx.store.path))
    assert {"members", "member_profiles", "stored_value_entries", "sales"} <= naming | {"members"}
    assert naming <= set(pkg["tables"])
    # ... with the member's rows: the recharge and the sale, their lines and tenders.
    t = pkg["tables"]
    assert sorted(r["kind"] for r in t["sales"]) == ["recharge", "sale"]
    assert len(t["sale_lines"]) == 1 and len(t["tenders"]) >= 2
    assert t["member_profiles"][0]["consent_data_use"] is True
    assert any(r["kind"] == "recharge" for r in t["stored_value_entries"])
    assert {e["kind"] for e in pkg["events"]} >= {"member.registered", "sale.completed"}
    registered = next(e for e in pkg["events"] if e["kind"] == "member.registered")
    assert registered["payload"]["name"] == NAME  # opened for the member's own copy
    assert "pay_pin_hash" not in json.dumps(pkg)
    # Only the till's user may read the files (they hold the full details).
    for p in (out.json_path, out.pdf_path):
        assert stat.S_IMODE(p.stat().st_mode) == 0o600
    text = subprocess.run(
        [require_tool("pdftotext", "poppler-utils"), str(out.pdf_path), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    for want in ("会员个人信息副本", NAME, PHONE, "stored_value_entries", "member.registered"):
        assert want in text, want
    # The export is audited with who, which member and which files.
    with desk.ctx.store.reading() as s:
        (row,) = s.scalars(select(AuditEntry).where(AuditEntry.action == "member.export")).all()
        assert (row.staff_id, row.subject) == (desk.manager.staff_id, str(mid))
        assert row.detail["files"] == [out.json_path.name, out.pdf_path.name]
    # ... and the next package lists that export in its access audit.
    again = privacy.member_package(desk.ctx, desk.manager, mid)
    assert [(a["staff_id"], a["action"]) for a in again["access_audit"]] == [
        (desk.manager.staff_id, "member.export")
    ]
    access = privacy.access_audit(desk.ctx, mid)
    assert [a["action"] for a in access] == ["member.export", "member.view_full"]


def test_only_a_manager_exports_and_a_refusal_writes_nothing(desk: Desk, tmp_path: Path) -> None:
    mid = _member(desk)
    before = desk.counts()
    for staff in (desk.cashier, desk.supervisor):
        with pytest.raises(NotAllowed):
            privacy.export_member_data(desk.ctx, staff, mid, tmp_path / "x")
        with pytest.raises(NotAllowed):
            privacy.withdraw_consent(desk.ctx, staff, mid, "marketing")
    assert desk.counts() == before
    assert not (tmp_path / "x").exists() or list((tmp_path / "x").iterdir()) == []


def test_withdrawing_marketing_consent_sends_consent_changed_and_is_audited(desk: Desk) -> None:
    mid = _member(desk)
    event_id = privacy.withdraw_consent(desk.ctx, desk.manager, mid, "marketing")
    with desk.ctx.store.reading() as s:
        ev = s.scalar(select(OutboxEvent).where(OutboxEvent.id == event_id))
        assert ev is not None and ev.kind == "consent_changed"
        audit = s.scalar(select(AuditEntry).where(AuditEntry.event_id == event_id))
        assert audit is not None
        audit_row = (audit.action, audit.staff_id, audit.detail)
        ev_row = {"id": ev.id, "kind": ev.kind, "created_at": ev.created_at,
                  "payload": dict(ev.payload)}  # fmt: skip
    assert audit_row == ("member.consent_withdrawn", desk.manager.staff_id,
                         {"purpose": "marketing", "channel": "till"})  # fmt: skip
    assert ev_row["payload"] == {
        "member_id": mid,
        "purpose": "marketing",
        "granted": False,
        "channel": "till",
        "text_version": "2026-01",
        "at": desk.ctx.now_iso(),
    }
    # It is a valid wire event for head office.
    wire = Event.model_validate(
        {**ev_row, "store_id": desk.ctx.settings.store_id, "terminal_id": desk.ctx.terminal_id}
    )  # fmt: skip
    assert wire.kind is EventKind.CONSENT_CHANGED
    assert isinstance(wire.typed_payload(), ConsentChangedPayload)
